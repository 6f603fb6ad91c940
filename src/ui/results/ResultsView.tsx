// The answer to "how does this day go?": the day's outcome with 95% intervals, deaths, each
// character's risk, damage, healing and resources per creature, how long fights last, hit points
// round by round and, for a day of several fights, each fight. Pure presentation from props.
import { useId, useMemo, useState, type ReactNode } from 'react';
import { histogramQuantile, summarize, type Aggregate, type AggregateLayout, type Proportion, type Summary } from '../../engine/index.ts';
import { dayVerdict, encounterVerdicts, type XpRatingWords } from '../../scenario/analysis/verdict.ts';
import { Chart, type ChartSpec } from '../charts/Chart.tsx';
import { enemyCounts, enemyRows } from './enemy-groups.ts';
import { decimal, integer, interval, percent } from './format.ts';
import './results.css';

export interface ResultsViewProps {
  aggregate: Aggregate;
  layout: AggregateLayout;
  /** The scenario changed since these runs: they are shown dimmed and marked out of date. */
  stale?: boolean;
  staleReason?: string;
  /** What the XP arithmetic says of each encounter, to set beside how it played. */
  ratings?: Array<XpRatingWords | null>;
}

export function ResultsView({ aggregate, layout, stale = false, staleReason, ratings = [] }: ResultsViewProps) {
  const id = useId();
  const summary = useMemo(() => summarize(aggregate, layout), [aggregate, layout]);
  const runs = summary.runs;
  return (
    <section className={stale ? 'rv rv-stale' : 'rv'} aria-labelledby={`${id}-title`} data-testid="results-view" data-runs={runs}>
      <h2 id={`${id}-title`} className="rv-title">Results</h2>
      {stale && (
        <p className="rv-stale-note" data-testid="results-stale" role="status">
          <strong>Out of date.</strong> {staleReason ?? 'The scenario has changed since these runs. Simulate again to bring them up to date.'}
        </p>
      )}
      {runs === 0 ? (
        <p className="rv-muted">No runs yet: the numbers appear here as soon as the first runs are done.</p>
      ) : (
        <>
          <p className="rv-basis">
            From {integer(runs)} simulated {runs === 1 ? 'day' : 'days'}. Ranges are 95% confidence intervals (Wilson).
          </p>
          <InWords aggregate={aggregate} layout={layout} ratings={ratings} />
          <Headline summary={summary} />
          <Characters summary={summary} />
          {summary.encounters.length > 1 && <Encounters summary={summary} />}
          <RoundsChart summary={summary} histogram={aggregate.dayRoundsHist} />
          <HpChart summary={summary} />
          <Enemies summary={summary} />
          <Resources summary={summary} />
        </>
      )}
    </section>
  );
}

/** The verdict in words: the day, then each fight beside what the XP arithmetic says of it. */
function InWords({ aggregate, layout, ratings }: { aggregate: Aggregate; layout: AggregateLayout; ratings: Array<XpRatingWords | null> }) {
  const day = useMemo(() => dayVerdict(aggregate, layout), [aggregate, layout]);
  const fights = useMemo(() => encounterVerdicts(aggregate, layout, ratings), [aggregate, layout, ratings]);
  return (
    <div className="rv-words" data-testid="results-verdict">
      <p className="rv-words-day">{day.headline}</p>
      {day.details.map((d) => <p key={d} className="rv-words-more">{d}</p>)}
      <ul className="rv-words-fights">
        {fights.map((f, i) => (
          <li key={i} data-testid="encounter-verdict" data-disagreement={f.disagreement}>
            {f.text}{f.xp && <> <span className={f.disagreement ? 'rv-words-disagree' : 'rv-muted'}>{f.xp}</span></>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A probability with its interval; the interval is named for screen readers, shown small for everyone. */
function Chance({ p, testId }: { p: Proportion; testId?: string }) {
  return (
    <>
      <span data-testid={testId}>{percent(p.p)}</span>{' '}
      <span className="rv-ci"><span className="rv-sr">95% interval </span>{interval(p.ci95)}</span>
    </>
  );
}

function ProportionMetric({ label, testId, value, main = false }: { label: string; testId: string; value: Proportion; main?: boolean }) {
  return (
    <div className={main ? 'rv-metric rv-metric-main' : 'rv-metric'}>
      <dt>{label}</dt>
      <dd>
        <span className="rv-value" data-testid={testId}>{percent(value.p)}</span>
        <span className="rv-ci"><span className="rv-sr">95% interval </span>{interval(value.ci95)}</span>
      </dd>
    </div>
  );
}

function Headline({ summary }: { summary: Summary }) {
  const { day, deaths, partyHpEnd } = summary;
  return (
    <>
      <dl className="rv-headline">
        <ProportionMetric label="Party victory" testId="results-victory" value={day.victory} main />
        <ProportionMetric label="Defeat (total party kill)" testId="results-defeat" value={day.defeat} />
        <ProportionMetric label="Draw (round limit reached)" testId="results-draw" value={day.draw} />
        <div className="rv-metric" data-testid="results-deaths" data-expected={deaths.expected} data-any={deaths.any.p}>
          <dt>Deaths</dt>
          <dd>
            <span className="rv-value">{decimal(deaths.expected, 2)}</span>
            <span className="rv-unit"> expected</span>
            <span className="rv-ci">at least one: {percent(deaths.any.p)} <span className="rv-sr">95% interval </span>({interval(deaths.any.ci95)})</span>
          </dd>
        </div>
      </dl>
      <p className="rv-basis">
        Party hit points left at the end of the day: {decimal(partyHpEnd.mean)} of {integer(partyHpEnd.max)} on average
        (10th to 90th percentile: {integer(partyHpEnd.p10)} to {integer(partyHpEnd.p90)}).
      </p>
    </>
  );
}

/** A table that scrolls sideways on narrow screens; focusable so the keyboard can scroll it too. */
function TableRegion({ labelId, children }: { labelId: string; children: ReactNode }) {
  return (
    <div className="rv-scroll" role="region" aria-labelledby={labelId} tabIndex={0}>
      {children}
    </div>
  );
}

function Characters({ summary }: { summary: Summary }) {
  const id = useId();
  return (
    <section className="rv-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Characters</h3>
      <TableRegion labelId={`${id}-h`}>
        <table className="rv-table rv-stack">
          <caption className="rv-caption">Chance each character goes down or dies during the day, and what they deal, take and heal per day on average.</caption>
          <thead>
            <tr>
              <th scope="col">Character</th>
              <th scope="col">Goes down</th>
              <th scope="col">Dies</th>
              <th scope="col">Times down</th>
              <th scope="col">Damage dealt</th>
              <th scope="col">Damage taken</th>
              <th scope="col">Healing done</th>
              <th scope="col">Hit Dice spent</th>
            </tr>
          </thead>
          <tbody>
            {summary.characters.map((c, i) => (
              <tr key={`${i}-${c.name}`} data-testid="character-row" data-name={c.name} data-down={c.down.p} data-death={c.death.p}>
                <th scope="row">{c.name}</th>
                <td data-label="Goes down"><Chance p={c.down} /></td>
                <td data-label="Dies"><Chance p={c.death} /></td>
                <td data-label="Times down">{decimal(c.downsMean, 2)}</td>
                <td data-label="Damage dealt">{decimal(c.damageDealt)}</td>
                <td data-label="Damage taken">{decimal(c.damageTaken)}</td>
                <td data-label="Healing done">{decimal(c.healingDone)}</td>
                <td data-label="Hit Dice spent">{decimal(c.hitDiceSpent, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

function Encounters({ summary }: { summary: Summary }) {
  const id = useId();
  return (
    <section className="rv-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Fight by fight</h3>
      <TableRegion labelId={`${id}-h`}>
        <table className="rv-table rv-stack">
          <caption className="rv-caption">
            How often each fight is reached, and among the days that reach it, how it ends, how long it lasts and how many enemies fall.
          </caption>
          <thead>
            <tr>
              <th scope="col">Fight</th>
              <th scope="col">Reached</th>
              <th scope="col">Victory</th>
              <th scope="col">Defeat</th>
              <th scope="col">Rounds</th>
              <th scope="col">Enemies killed</th>
            </tr>
          </thead>
          <tbody>
            {summary.encounters.map((e, i) => {
              const n = enemyCounts(e);
              const summoned = n.summoned > 0 ? `; ${decimal(n.summonedKilled)} summoned` : '';
              return (
                <tr key={i} data-testid="encounter-row" data-name={e.name} data-index={i}>
                  <th scope="row">{i + 1}. {e.name}</th>
                  <td data-label="Reached">{percent(summary.runs > 0 ? e.reached / summary.runs : 0)}</td>
                  <td data-label="Victory">{e.reached > 0 ? <Chance p={e.victory} /> : '—'}</td>
                  <td data-label="Defeat">{e.reached > 0 ? <Chance p={e.defeat} /> : '—'}</td>
                  <td data-label="Rounds">{e.reached > 0 ? decimal(e.rounds.mean) : '—'}</td>
                  <td data-label="Enemies killed">{e.reached > 0 ? `${decimal(n.ownKilled)} of ${n.own}${summoned}` : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

function RoundsChart({ summary, histogram }: { summary: Summary; histogram: number[] }) {
  const id = useId();
  const hist = summary.rounds.histogram;
  let first = 0;
  while (first < hist.length - 1 && hist[first] === 0) first++;
  const x: number[] = [];
  const values: number[] = [];
  for (let r = first; r < hist.length; r++) {
    x.push(r);
    values.push((hist[r] / summary.runs) * 100);
  }
  let mode = first;
  for (let r = first; r < hist.length; r++) if (hist[r] > hist[mode]) mode = r;
  const oneFight = summary.encounters.length === 1;
  const spec: ChartSpec = {
    kind: 'bars', x, xLabel: oneFight ? 'Rounds' : 'Rounds in the day', yLabel: 'Share of days', yUnit: 'percent',
    series: [{ label: 'Share of days', values, tone: 'bar' }],
  };
  const title = oneFight ? 'How many rounds the fight lasts' : 'How many rounds of combat the day holds';
  const text = `${decimal(summary.rounds.mean)} rounds on average; most often ${mode} (${percent(hist[mode] / summary.runs)} of days); `
    + `10th to 90th percentile: ${histogramQuantile(histogram, 0.1)} to ${histogramQuantile(histogram, 0.9)} rounds.`;
  return (
    <section className="rv-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Rounds</h3>
      <Chart spec={spec} title={title} summary={text} testId="rounds-chart" />
    </section>
  );
}

function HpChart({ summary }: { summary: Summary }) {
  const id = useId();
  // Opens on the fight that goes worst for the party (most defeats, then least HP left), not the first.
  const hardest = useMemo(() => {
    let best = 0;
    const hpEnd = (i: number) => summary.encounters[i].partyHp.at(-1)?.mean ?? 1;
    summary.encounters.forEach((e, i) => {
      const b = summary.encounters[best];
      if (e.reached === 0) return;
      if (e.defeat.p > b.defeat.p || (e.defeat.p === b.defeat.p && hpEnd(i) < hpEnd(best))) best = i;
    });
    return best;
  }, [summary]);
  const [chosen, setChosen] = useState<number | null>(null);
  const index = Math.min(chosen ?? hardest, summary.encounters.length - 1);
  const e = summary.encounters[index];
  if (!e) return null;
  const x = e.partyHp.map((p) => p.round);
  const side = (points: typeof e.partyHp) => ({
    values: points.map((p) => p.mean * 100),
    band: { label: '10th to 90th percentile', low: points.map((p) => p.p10 * 100), high: points.map((p) => p.p90 * 100) },
  });
  const spec: ChartSpec = {
    kind: 'lines', x, xLabel: 'Round', yLabel: 'Hit points left', yUnit: 'percent', yMax: 100,
    series: [
      { label: 'Party', tone: 'party', ...side(e.partyHp) },
      { label: 'Enemies', tone: 'enemy', ...side(e.enemyHp) },
    ],
  };
  const at = (points: typeof e.partyHp, r: number) => percent(points[Math.min(r, points.length - 1)].mean);
  const last = x[x.length - 1] ?? 0;
  const text = e.reached === 0
    ? 'No simulated day reached this fight.'
    : `Mean hit points left, as a share of each side's maximum: the party has ${at(e.partyHp, 1)} after round 1, ${at(e.partyHp, 3)} after round 3 `
      + `and ${at(e.partyHp, last)} after round ${last}; the enemies ${at(e.enemyHp, 1)}, ${at(e.enemyHp, 3)} and ${at(e.enemyHp, last)}. `
      + 'A fight that is over keeps its final hit points in later rounds.';
  const several = summary.encounters.length > 1;
  return (
    <section className="rv-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Hit points over the rounds</h3>
      {several && (
        <p className="rv-field">
          <label htmlFor={`${id}-fight`}>Fight</label>
          <select id={`${id}-fight`} value={index} onChange={(ev) => setChosen(Number(ev.target.value))}>
            {summary.encounters.map((fight, i) => <option key={i} value={i}>{i + 1}. {fight.name}</option>)}
          </select>
        </p>
      )}
      <Chart spec={spec} title={several ? `Hit points left round by round: ${e.name}` : 'Hit points left round by round'} summary={text} testId="hp-chart" />
    </section>
  );
}

function Enemies({ summary }: { summary: Summary }) {
  const id = useId();
  const several = summary.encounters.length > 1;
  return (
    <section className="rv-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Enemies</h3>
      <TableRegion labelId={`${id}-h`}>
        <table className="rv-table rv-stack">
          <caption className="rv-caption">
            Chance each enemy is killed, and what it deals, takes and heals on average, among the days that reach its fight.
            {summary.encounters.some((e) => enemyCounts(e).summoned > 0) && ' Summoned creatures are one row under their summoner: how many were killed on average, and what they deal, take and heal together.'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Enemy</th>
              <th scope="col">Killed</th>
              <th scope="col">Damage dealt</th>
              <th scope="col">Damage taken</th>
              <th scope="col">Healing done</th>
            </tr>
          </thead>
          {summary.encounters.map((e, i) => (
            <tbody key={i}>
              {several && (
                <tr className="rv-group">
                  <th scope="colgroup" colSpan={5}>{i + 1}. {e.name}</th>
                </tr>
              )}
              {enemyRows(e).map((x, j) => (x.kind === 'enemy' ? (
                <tr key={`${j}-${x.name}`} data-testid="enemy-row" data-name={x.name}>
                  <th scope="row">{x.name}</th>
                  <td data-label="Killed">{e.reached > 0 ? <Chance p={x.enemy.killed} /> : '—'}</td>
                  <td data-label="Damage dealt">{decimal(x.enemy.damageDealt)}</td>
                  <td data-label="Damage taken">{decimal(x.enemy.damageTaken)}</td>
                  <td data-label="Healing done">{decimal(x.enemy.healingDone)}</td>
                </tr>
              ) : (
                <tr key={`${j}-${x.name}`} className="rv-summoned" data-testid="summoned-row" data-name={x.name}>
                  <th scope="row">{x.name} <span className="rv-note" data-testid="summoned-presence">{x.presence}</span></th>
                  <td data-label="Killed">{e.reached > 0 ? `${decimal(x.killedMean)} on average` : '—'}</td>
                  <td data-label="Damage dealt">{decimal(x.damageDealt)}</td>
                  <td data-label="Damage taken">{decimal(x.damageTaken)}</td>
                  <td data-label="Healing done">{decimal(x.healingDone)}</td>
                </tr>
              )))}
            </tbody>
          ))}
        </table>
      </TableRegion>
    </section>
  );
}

function Resources({ summary }: { summary: Summary }) {
  const id = useId();
  const groups: Array<{ key: string; name: string; note: string; actions: Array<{ action: string; mean: number }> }> = [];
  summary.characters.forEach((c, i) => groups.push({ key: `c${i}`, name: c.name, note: 'per day', actions: c.actionUses }));
  summary.encounters.forEach((e, i) => enemyRows(e).forEach((x, j) => groups.push({
    key: `e${i}-${j}`, name: x.name, note: x.kind === 'enemy' ? 'per fight reached' : 'all of them, per fight reached', actions: x.kind === 'enemy' ? x.enemy.actionUses : x.actionUses,
  })));
  return (
    <section className="rv-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Resources spent</h3>
      <TableRegion labelId={`${id}-h`}>
        <table className="rv-table rv-resources">
          <caption className="rv-caption">Mean uses of each action: characters per day, enemies per fight reached.</caption>
          <thead>
            <tr>
              <th scope="col">Creature</th>
              <th scope="col">Action</th>
              <th scope="col">Uses</th>
            </tr>
          </thead>
          {groups.filter((g) => g.actions.length > 0).map((g) => (
            <tbody key={g.key}>
              {g.actions.map((a, k) => (
                <tr key={k}>
                  {k === 0 && <th scope="rowgroup" rowSpan={g.actions.length}>{g.name} <span className="rv-note">{g.note}</span></th>}
                  <th scope="row">{a.action}</th>
                  <td>{decimal(a.mean, 2)}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </TableRegion>
    </section>
  );
}
