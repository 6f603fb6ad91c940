// One representative run, read fight by fight: it opens on the run a DM most wants to understand
// (a total party kill if any replayed run is one, else the worst), says in a sentence why, lists
// the moments where a character fell as links to their lines, and folds the fights and rounds that
// decide nothing. Everything from the scenario (names, actions, effects) is rendered as React
// text, never as HTML.
import { useId, useMemo, useState, type MouseEvent } from 'react';
import { flushSync } from 'react-dom';
import type { AggregateLayout } from '../../engine/index.ts';
import type { RepresentativeReplay } from '../../runtime/types.ts';
import {
  buildReplay, decisiveFight, fightSummary, keyMoments, openingRun, orderRuns, roundsOpenAtFirst, roundSummary, runLabel, whyThisRun,
  type KeyMoment, type ReplayEncounter, type ReplayLine, type ReplayPart,
} from './format-events.ts';
import './replay.css';

export interface ReplayViewProps {
  replays: RepresentativeReplay[];
  layout: AggregateLayout;
  /** Runs in the result the replays were picked from, for "the worst of 10,000 runs". */
  runs?: number | null;
}

const SHORT_OUTCOME: Record<string, string> = { victory: 'party wins', defeat: 'total party kill', draw: 'draw' };

/** "Worst: party wins", short enough for a phone; a run named as a total party kill does not say it twice. */
const describeRun = (r: RepresentativeReplay) => {
  const names = r.labels.includes('worst') && r.labels.includes('best') ? 'Worst and best alike' : r.labels.map(runLabel).join(' · ');
  const outcome = SHORT_OUTCOME[r.outcome] ?? r.outcome;
  return names.includes('total party kill') ? names : `${names}: ${outcome}`;
};

export function ReplayView({ replays, layout, runs = null }: ReplayViewProps) {
  const id = useId();
  const ordered = useMemo(() => orderRuns(replays), [replays]);
  const opening = useMemo(() => openingRun(replays), [replays]);
  const [chosenRun, setChosenRun] = useState<number | null>(null);
  const chosen = ordered.find((r) => r.run === chosenRun) ?? opening;
  const parts = useMemo(() => (chosen ? buildReplay(chosen.events, layout) : []), [chosen, layout]);
  const fightCount = layout.encounters.length;

  return (
    <section className="rpv" aria-labelledby={`${id}-title`} data-testid="replay-view">
      <h2 id={`${id}-title`} className="rpv-title">Replay a representative run</h2>
      {ordered.length === 0 || !chosen ? (
        <p className="rpv-muted">No run has been replayed yet: representative runs are replayed with a full log once a simulation finishes.</p>
      ) : (
        <>
          <p className="rpv-why" data-testid="replay-why">{whyThisRun(chosen, parts, runs, fightCount)}</p>
          <p className="rpv-field">
            <label htmlFor={`${id}-run`}>Run shown</label>
            <select id={`${id}-run`} data-testid="replay-select" value={chosen.run} onChange={(e) => setChosenRun(Number(e.target.value))}>
              {ordered.map((r) => <option key={r.run} value={r.run}>{describeRun(r)}</option>)}
            </select>
          </p>
          {/* Keyed by run: another run starts with its own folds. */}
          <RunLog key={chosen.run} parts={parts} fightCount={fightCount} label={`Log of run #${chosen.run}: ${describeRun(chosen)}`} run={chosen.run} labels={chosen.labels} />
        </>
      )}
    </section>
  );
}

const roundKey = (fight: number, round: number) => `${fight}:${round}`;

/** Element ids from useId hold characters that are awkward in a URL fragment: keep letters and digits. */
const safeId = (raw: string) => raw.replace(/[^A-Za-z0-9]/g, '');

interface RunLogProps {
  parts: ReplayPart[];
  fightCount: number;
  label: string;
  run: number;
  labels: string[];
}

function RunLog({ parts, fightCount, label, run, labels }: RunLogProps) {
  const prefix = `rpv${safeId(useId())}`;
  const moments = useMemo(() => keyMoments(parts, fightCount), [parts, fightCount]);
  const [openFights, setOpenFights] = useState<ReadonlySet<number>>(() => {
    const decisive = decisiveFight(parts);
    return new Set(decisive === null ? [] : [decisive]);
  });
  const [openRounds, setOpenRounds] = useState<ReadonlySet<string>>(() => new Set(
    parts.flatMap((p) => (p.kind === 'encounter' ? roundsOpenAtFirst(p).map((r) => roundKey(p.index, r)) : [])),
  ));
  const toggle = <T,>(set: ReadonlySet<T>, key: T, open: boolean): ReadonlySet<T> => {
    if (set.has(key) === open) return set;
    const next = new Set(set);
    if (open) next.add(key);
    else next.delete(key);
    return next;
  };
  const setFight = (fight: number, open: boolean) => setOpenFights((s) => toggle(s, fight, open));
  const setRound = (fight: number, round: number, open: boolean) => setOpenRounds((s) => toggle(s, roundKey(fight, round), open));
  const setRounds = (fight: ReplayEncounter, open: boolean) => setOpenRounds((s) => {
    const next = new Set(s);
    for (const r of fight.rounds) {
      if (open) next.add(roundKey(fight.index, r.round));
      else next.delete(roundKey(fight.index, r.round));
    }
    return next;
  });

  const jump = (event: MouseEvent<HTMLAnchorElement>, moment: KeyMoment) => {
    event.preventDefault();
    // Unfold the fight and round first, so the line is there to scroll to and focus.
    flushSync(() => {
      setFight(moment.fight, true);
      setRound(moment.fight, moment.round, true);
    });
    const line = document.getElementById(`${prefix}-${moment.anchor}`);
    if (!line) return;
    line.focus({ preventScroll: true });
    line.scrollIntoView({ block: 'center' });
  };

  return (
    <div className="rpv-log" data-testid="replay-log" data-run={run} data-labels={labels.join(' ')} aria-label={label} role="region">
      <nav className="rpv-moments" aria-labelledby={`${prefix}-moments`} data-testid="replay-moments">
        <h3 id={`${prefix}-moments`}>Who falls, and when</h3>
        {moments.length === 0 ? (
          <p className="rpv-muted">No one in the party drops to 0 HP in this run.</p>
        ) : (
          <ol>
            {moments.map((m) => (
              <li key={m.anchor} className={`rpv-moment rpv-moment-${m.what}`}>
                <a href={`#${prefix}-${m.anchor}`} data-testid="replay-moment" data-target={`${prefix}-${m.anchor}`} onClick={(e) => jump(e, m)}>{m.text}</a>
              </li>
            ))}
          </ol>
        )}
      </nav>
      {parts.length === 0 && <p className="rpv-muted">This run's log is empty.</p>}
      {parts.map((part, i) => (part.kind === 'between' ? (
        <div key={i} className="rpv-between">
          <Lines lines={part.lines} prefix={prefix} />
        </div>
      ) : (
        <Fight
          key={i}
          fight={part}
          total={fightCount}
          prefix={prefix}
          open={openFights.has(part.index)}
          onOpen={(open) => setFight(part.index, open)}
          isRoundOpen={(round) => openRounds.has(roundKey(part.index, round))}
          onRoundOpen={(round, open) => setRound(part.index, round, open)}
          onAllRounds={(open) => setRounds(part, open)}
        />
      )))}
    </div>
  );
}

interface FightProps {
  fight: ReplayEncounter;
  total: number;
  prefix: string;
  open: boolean;
  onOpen: (open: boolean) => void;
  isRoundOpen: (round: number) => boolean;
  onRoundOpen: (round: number, open: boolean) => void;
  onAllRounds: (open: boolean) => void;
}

function Fight({ fight, total, prefix, open, onOpen, isRoundOpen, onRoundOpen, onAllRounds }: FightProps) {
  const headId = `${prefix}-f${fight.index + 1}`;
  const outcomeClass = fight.outcome ? `rpv-outcome rpv-outcome-${fight.outcome.outcome}` : 'rpv-outcome';
  const allOpen = fight.rounds.every((r) => isRoundOpen(r.round));
  return (
    <details
      className="rpv-fight"
      open={open}
      onToggle={(e) => onOpen(e.currentTarget.open)}
      data-testid="replay-encounter"
      data-fight={fight.index + 1}
    >
      <summary className="rpv-fight-summary">
        <span className="rpv-fight-name" id={headId}>{total > 1 ? `Fight ${fight.index + 1} of ${total}: ` : ''}{fight.name}</span>
        <span className="rpv-fight-gist" data-testid="replay-fight-summary">{fightSummary(fight)}</span>
      </summary>
      {fight.initiative.length > 0 && (
        <div className="rpv-initiative">
          <h4 id={`${headId}-init`}>Initiative</h4>
          <ol aria-labelledby={`${headId}-init`}>
            {fight.initiative.map((x, i) => (
              <li key={i} className={x.side ? `rpv-side-${x.side}` : undefined}>
                <span className="rpv-who">{x.who}</span> {x.total} <span className="rpv-muted">(d20 {x.roll}{x.side ? `, ${x.side === 'party' ? 'party' : 'enemy'}` : ''})</span>
              </li>
            ))}
          </ol>
        </div>
      )}
      {fight.opening.length > 0 && <Lines lines={fight.opening} prefix={prefix} />}
      {fight.rounds.length > 1 && (
        <p className="rpv-fold-all">
          <button type="button" onClick={() => onAllRounds(!allOpen)} aria-controls={fight.rounds.map((r) => `${headId}-r${r.round}`).join(' ')}>
            {allOpen ? 'Fold the rounds' : `Unfold all ${fight.rounds.length} rounds`}
          </button>
        </p>
      )}
      {fight.rounds.map((r) => (
        <details
          key={r.round}
          id={`${headId}-r${r.round}`}
          className="rpv-round"
          open={isRoundOpen(r.round)}
          onToggle={(e) => onRoundOpen(r.round, e.currentTarget.open)}
          data-testid="replay-round"
          data-round={r.round}
        >
          <summary>
            <span className="rpv-round-name">Round {r.round}</span> <span className="rpv-round-gist">· {roundSummary(fight, r.round)}</span>
          </summary>
          <ol className="rpv-turns">
            {r.turns.map((t, k) => (
              <li key={k} className={t.side ? `rpv-turn rpv-side-${t.side}` : 'rpv-turn'}>
                {t.who !== null ? (
                  <p className="rpv-turn-head">
                    <span className="rpv-who">{t.who}</span>
                    {t.hp !== null && <span className="rpv-muted"> · {t.hp} HP</span>}
                  </p>
                ) : (
                  <p className="rpv-turn-head rpv-muted">Between turns</p>
                )}
                <Lines lines={t.lines} prefix={prefix} />
              </li>
            ))}
          </ol>
        </details>
      ))}
      {fight.outcome && <p className={outcomeClass} data-testid="replay-outcome">{fight.outcome.text}</p>}
    </details>
  );
}

function Lines({ lines, prefix }: { lines: ReplayLine[]; prefix: string }) {
  if (lines.length === 0) return null;
  return (
    <ul className="rpv-lines">
      {lines.map((l, i) => (
        <li
          key={i}
          className={`rpv-line rpv-${l.tone}`}
          {...(l.anchor ? { id: `${prefix}-${l.anchor}`, tabIndex: -1, 'data-anchor': l.anchor } : {})}
        >
          {l.text}
        </li>
      ))}
    </ul>
  );
}
