// Difficulty while building the day: each fight as the two DMGs' XP arithmetic rates it, and as the
// simulation found it, both updated as monsters are added; and the whole day's XP at the top. The
// arithmetic is the one the verdict bar and the Results screen read (ui/answer/xp-rating.ts), from
// the draft as edited, so it moves with every keystroke; the simulated figures come from the answer
// the results screens show (ui/answer/shown-answer.ts), marked out of date until the answer to the
// latest change arrives (day-answer.ts).
import { useMemo, type ReactNode } from 'react';
import { rateDay, type DayRating } from '../../scenario/analysis/day-difficulty.ts';
import type { Difficulty2014, Difficulty2024 } from '../../scenario/analysis/difficulty.ts';
import { chance, encounterVerdicts } from '../../scenario/analysis/verdict.ts';
import { useShownAnswer } from '../answer/shown-answer.ts';
import { LABEL_2014, LABEL_2024, ratingWords, summonedNote, useRatedDay, type RatedDay, type RatedEncounter } from '../answer/xp-rating.ts';
import { integer } from '../results/format.ts';
import { useApp } from '../session.ts';
import { dayAnswerOf, type DayAnswer } from './day-answer.ts';

const xp = (n: number): string => Math.round(n).toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The day's figures from its fights' ratings; null when no character has a level. */
function dayOf(rated: RatedDay): DayRating | null {
  if (rated.levels.length === 0) return null;
  return rateDay(rated.levels, rated.encounters.map((e) => (e.r2014 && e.r2024 ? { r2014: e.r2014, r2024: e.r2024 } : null)));
}

/** "Orc", "Orc and Ogre", "Orc, Gnoll and Ogre". */
const listWords = (names: string[]): string => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

function partyWords(levels: number[]): string {
  const low = Math.min(...levels);
  const high = Math.max(...levels);
  const who = plural(levels.length, 'character');
  return low === high ? `${who} of level ${low}` : `${who} of levels ${low} to ${high}`;
}

/** "1 Easy, 2 Deadly", in the labels' order (easiest first). */
function countsWords(counts: Readonly<Record<string, number>>, labels: Readonly<Record<string, string>>): string {
  const parts = Object.keys(labels).filter((k) => (counts[k] ?? 0) > 0).map((k) => `${counts[k]} ${labels[k]}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

/** The day's XP in all and the 2014 daily budget, at the top of the day. */
export function DayDifficulty() {
  const rated = useRatedDay();
  if (!rated) return null;
  const fights = rated.encounters.length;
  const day = dayOf(rated);
  return (
    <section className="day-xp" aria-labelledby="day-xp-title" data-testid="day-difficulty">
      <h3 id="day-xp-title">The day by the XP tables</h3>
      {!day ? (
        <p className="fld-hint">Not rated: no character has a level, and the XP tables go by the party&apos;s levels.</p>
      ) : (
        <DayFigures day={day} fights={fights} levels={rated.levels} unleveled={rated.unleveled} />
      )}
    </section>
  );
}

function DayFigures({ day, fights, levels, unleveled }: { day: DayRating; fights: number; levels: number[]; unleveled: number }) {
  const share = day.budget2014 > 0 ? day.adjustedXp2014 / day.budget2014 : 0;
  const unrated = fights - day.rated;
  return (
    <>
      <p className="day-xp-total" data-testid="day-xp-total" data-xp={day.totalXp}>
        <strong>{xp(day.totalXp)} XP</strong> of monsters in {plural(fights, 'fight')}
        <span className="fld-hint"> · for {partyWords(levels)}{unleveled > 0 ? ` (${plural(unleveled, 'character')} with no level left out)` : ''}</span>
      </p>
      {unrated > 0 && <p className="fld-hint">{plural(unrated, 'fight')} with no monster of known XP {unrated === 1 ? 'is' : 'are'} left out of these figures.</p>}
      <div className="day-xp-rules">
        <div data-testid="day-budget-2014" data-adjusted-xp={day.adjustedXp2014} data-budget={day.budget2014}>
          <p className="day-xp-head">2014 rules: adjusted XP for the day</p>
          <p>
            <strong>{xp(day.adjustedXp2014)}</strong> of the <strong>{xp(day.budget2014)}</strong> adjusted XP that the 2014 Dungeon Master&apos;s Guide
            says such a party can handle between long rests ({Math.round(share * 100)}%{share > 1 ? ', more than a full day' : ''}).
          </p>
          <div className={`day-xp-bar ${share > 1 ? 'day-xp-over' : ''}`} aria-hidden="true"><span style={{ width: `${Math.min(100, share * 100)}%` }} /></div>
          <p className="fld-hint">Fights: {countsWords(day.count2014, LABEL_2014)}.</p>
        </div>
        <div data-testid="day-budget-2024" data-xp={day.totalXp}>
          <p className="day-xp-head">2024 rules: XP fight by fight</p>
          <p>
            The 2024 Dungeon Master&apos;s Guide sets no budget for a whole day: it rates each fight against its own budget.
            This day&apos;s fights: <strong>{countsWords(day.count2024, LABEL_2024)}</strong>.
          </p>
        </div>
      </div>
    </>
  );
}

/** One fight's difficulty: the 2014 and 2024 arithmetic, and the simulated risk once an answer is in. */
export function EncounterDifficulty({ index }: { index: number }) {
  const rated = useRatedDay();
  // Monsters in the fight, one by one (a count of 3 is three): the count the 2014 multiplier goes by, once those of no known XP are left out.
  const inFight = useApp((s) => s.draft?.encounters[index]?.enemies.reduce((n, x) => n + (Number.isInteger(x.creature.count) ? Number(x.creature.count) : 1), 0) ?? 0);
  const e = rated?.encounters[index];
  if (!e) return null;
  return (
    <div className="enc-rating" data-testid="encounter-difficulty">
      {e.problem ? (
        <p className="fld-hint enc-rating-none" data-testid="enc-difficulty-none">
          {e.problem === 'no character has a level'
            ? 'Not rated by the XP tables: no character has a level.'
            : e.unknown === 0
              ? 'Not rated by the XP tables: no monster in this fight yet.'
              : `Not rated by the XP tables: no XP known for ${e.unknown === 1 ? 'this custom stat block' : 'these custom stat blocks'}. The simulation still rates the fight.`}
        </p>
      ) : (
        <div className="enc-rating-grid">
          <Rating2014 e={e} monsters={inFight - e.unknown} />
          <Rating2024 e={e} />
        </div>
      )}
      {!e.problem && <CustomNote e={e} />}
      <EncounterRisk index={index} />
    </div>
  );
}

function Rating2014({ e, monsters }: { e: RatedEncounter; monsters: number }) {
  const r = e.r2014!;
  const steps: Array<[Difficulty2014, number]> = [['easy', r.thresholds.easy], ['medium', r.thresholds.medium], ['hard', r.thresholds.hard], ['deadly', r.thresholds.deadly]];
  return (
    <div className="enc-rating-rule" data-testid="enc-difficulty-2014" data-difficulty={r.difficulty} data-adjusted-xp={r.adjustedXp}>
      <p className="enc-rating-head">2014 rules <Badge level={r.difficulty}>{LABEL_2014[r.difficulty]}</Badge></p>
      <p>{xp(r.adjustedXp)} adjusted XP <span className="fld-hint">({xp(r.totalXp)} × {r.multiplier} for {plural(monsters, 'monster')})</span></p>
      <Scale steps={steps.map(([k, v]) => [LABEL_2014[k], v, k === r.difficulty])} />
    </div>
  );
}

function Rating2024({ e }: { e: RatedEncounter }) {
  const r = e.r2024!;
  const steps: Array<[Difficulty2024, number]> = [['low', r.budget.low], ['moderate', r.budget.moderate], ['high', r.budget.high]];
  return (
    <div className="enc-rating-rule" data-testid="enc-difficulty-2024" data-difficulty={r.difficulty} data-xp={r.totalXp}>
      <p className="enc-rating-head">2024 rules <Badge level={r.difficulty}>{LABEL_2024[r.difficulty]}</Badge></p>
      <p>{xp(r.totalXp)} XP <span className="fld-hint">of the party&apos;s budget</span></p>
      <Scale steps={steps.map(([k, v]) => [`${LABEL_2024[k]} up to`, v, k === r.difficulty])} />
    </div>
  );
}

function Scale({ steps }: { steps: Array<[string, number, boolean]> }) {
  return (
    <p className="enc-scale fld-hint">
      {steps.map(([label, value, current], i) => (
        // A line breaks only after a dot, never inside a step.
        <span key={label}>{i > 0 && '\u00a0· '}<span className={current ? 'enc-scale-step enc-scale-current' : 'enc-scale-step'}>{label} {xp(value)}</span></span>
      ))}
    </p>
  );
}

const BADGE_LEVEL: Record<Difficulty2014 | Difficulty2024, number> = {
  trivial: 0, low: 0, easy: 1, moderate: 2, medium: 2, hard: 3, high: 3, deadly: 4, 'beyond high': 4,
};

function Badge({ level, children }: { level: Difficulty2014 | Difficulty2024; children: ReactNode }) {
  return <strong className={`diff-badge diff-${BADGE_LEVEL[level]}`}>{children}</strong>;
}

function CustomNote({ e }: { e: RatedEncounter }) {
  const summoned = summonedNote(e);
  if (e.byName.length === 0 && e.unknown === 0 && !summoned) return null;
  return (
    <p className="fld-hint enc-rating-note" data-testid="enc-difficulty-custom">
      {e.byName.length > 0 && `Custom stat ${e.byName.length === 1 ? 'block' : 'blocks'} rated as the SRD ${listWords(e.byName)}. `}
      {e.unknown > 0 && `${plural(e.unknown, 'custom monster')} with no XP known ${e.unknown === 1 ? 'is' : 'are'} left out of the XP figures. `}
      {summoned}
    </p>
  );
}

/** The newest answer for this scenario, as far as it answers the draft's fights (see day-answer.ts). */
function useDayAnswer(): DayAnswer | null {
  const shown = useShownAnswer();
  // Joined, so the selector gives a string that stays equal while the names do.
  const names = useApp((s) => s.draft?.encounters.map((e) => e.name).join('\u0000') ?? null);
  const checking = useApp((s) => s.validation.state === 'checking');
  const invalid = useApp((s) => s.validation.state === 'invalid');
  const held = useApp((s) => s.pendingRun !== null);
  return dayAnswerOf(shown, names === null ? null : names.split('\u0000'), { checking, invalid, held });
}

function EncounterRisk({ index }: { index: number }) {
  const answer = useDayAnswer();
  const rated = useRatedDay();
  // The Results screen's own verdicts, for whether the fight plays far harder or easier than its XP says.
  const aggregate = answer?.aggregate;
  const layout = answer?.layout;
  const verdict = useMemo(() => (aggregate && layout ? encounterVerdicts(aggregate, layout, ratingWords(rated))[index] ?? null : null), [aggregate, layout, rated, index]);
  const totals = answer?.encounters[index];
  if (!answer || !totals || answer.runs === 0) return null;
  const { reached, victory, defeat } = totals;
  const disagreement = answer.stale ? 0 : verdict?.disagreement ?? 0;
  return (
    <p className={`enc-risk ${answer.stale ? 'enc-risk-stale' : ''}`} data-testid="enc-risk" data-stale={answer.stale ? 'yes' : 'no'}
      data-victory={reached > 0 ? victory / reached : ''} data-defeat={reached > 0 ? defeat / reached : ''} data-disagreement={disagreement}>
      <span className="enc-rating-head">Simulated</span>{' '}
      {reached === 0 ? (
        <>The party never got this far in {plural(answer.runs, 'run')}.</>
      ) : (
        <>
          Party wins <strong>{chance(victory / reached)}</strong> of the time it gets here, and is defeated here <strong>{chance(defeat / reached)}</strong>.
          {index > 0 && <> It gets this far in {chance(reached / answer.runs)} of days.</>}
          {disagreement !== 0 && <strong className="enc-risk-disagree"> It plays far {disagreement > 0 ? 'harder' : 'easier'} than the XP arithmetic says.</strong>}
        </>
      )}
      {/* Out of date says so in the place of the run count, so the card keeps its height at every edit. */}
      {answer.stale
        ? <span className="enc-risk-note" data-testid="enc-risk-stale"> Out of date: {answer.stale}.</span>
        : <span className="fld-hint"> {index > 0 && reached > 0 ? `${integer(reached)} of ${plural(answer.runs, 'run')} got here` : `From ${plural(answer.runs, 'run')}`}{answer.live ? ', firming up' : ''}.</span>}
    </p>
  );
}
