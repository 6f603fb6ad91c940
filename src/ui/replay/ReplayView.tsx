// One representative run, read round by round: pick the worst, a percentile, the best or a total
// party kill, and follow each fight from initiative to outcome. Everything from the scenario
// (names, actions, effects) is rendered as React text, never as HTML.
import { useId, useMemo, useState } from 'react';
import type { AggregateLayout } from '../../engine/index.ts';
import type { RepresentativeReplay } from '../../runtime/types.ts';
import { buildReplay, runLabel, runOutcomeText, runRank, type ReplayEncounter, type ReplayLine, type ReplayPart } from './format-events.ts';
import './replay.css';

export interface ReplayViewProps {
  replays: RepresentativeReplay[];
  layout: AggregateLayout;
}

const describeRun = (r: RepresentativeReplay) => `${r.labels.map(runLabel).join(' · ')}: run #${r.run}, ${runOutcomeText(r.outcome).toLowerCase()}`;

export function ReplayView({ replays, layout }: ReplayViewProps) {
  const id = useId();
  const ordered = useMemo(() => [...replays].sort((a, b) => runRank(a.labels) - runRank(b.labels) || a.run - b.run), [replays]);
  const [chosenRun, setChosenRun] = useState<number | null>(null);
  const chosen = ordered.find((r) => r.run === chosenRun) ?? ordered.find((r) => r.labels.includes('p50')) ?? ordered[0] ?? null;
  const parts = useMemo(() => (chosen ? buildReplay(chosen.events, layout) : []), [chosen, layout]);

  return (
    <section className="rpv" aria-labelledby={`${id}-title`} data-testid="replay-view">
      <h2 id={`${id}-title`} className="rpv-title">Replay a representative run</h2>
      {ordered.length === 0 ? (
        <p className="rpv-muted">No run has been replayed yet: representative runs are replayed with a full log once a simulation finishes.</p>
      ) : (
        <>
          <p className="rpv-field">
            <label htmlFor={`${id}-run`}>Run</label>
            <select id={`${id}-run`} data-testid="replay-select" value={chosen?.run ?? ''} onChange={(e) => setChosenRun(Number(e.target.value))}>
              {ordered.map((r) => <option key={r.run} value={r.run}>{describeRun(r)}</option>)}
            </select>
          </p>
          {chosen && (
            <div className="rpv-log" data-testid="replay-log" data-run={chosen.run} aria-label={`Log of ${describeRun(chosen)}`} role="region">
              <p className="rpv-run-outcome">
                {runOutcomeText(chosen.outcome)} <span className="rpv-muted">· run #{chosen.run} · {chosen.labels.map(runLabel).join(', ')}</span>
              </p>
              {parts.length === 0 && <p className="rpv-muted">This run's log is empty.</p>}
              {parts.map((part, i) => <Part key={i} part={part} total={layout.encounters.length} />)}
            </div>
          )}
        </>
      )}
    </section>
  );
}

function Part({ part, total }: { part: ReplayPart; total: number }) {
  if (part.kind === 'between') {
    return (
      <div className="rpv-between">
        <Lines lines={part.lines} />
      </div>
    );
  }
  return <Encounter fight={part} total={total} />;
}

function Encounter({ fight, total }: { fight: ReplayEncounter; total: number }) {
  const id = useId();
  const outcomeClass = fight.outcome ? `rpv-outcome rpv-outcome-${fight.outcome.outcome}` : 'rpv-outcome';
  return (
    <section className="rpv-fight" aria-labelledby={`${id}-h`} data-testid="replay-encounter">
      <h3 id={`${id}-h`}>
        {total > 1 ? `Fight ${fight.index + 1} of ${total}: ` : ''}{fight.name}
      </h3>
      {fight.initiative.length > 0 && (
        <div className="rpv-initiative">
          <h4 id={`${id}-init`}>Initiative</h4>
          <ol aria-labelledby={`${id}-init`}>
            {fight.initiative.map((x, i) => (
              <li key={i} className={x.side ? `rpv-side-${x.side}` : undefined}>
                <span className="rpv-who">{x.who}</span> {x.total} <span className="rpv-muted">(d20 {x.roll}{x.side ? `, ${x.side === 'party' ? 'party' : 'enemy'}` : ''})</span>
              </li>
            ))}
          </ol>
        </div>
      )}
      {fight.opening.length > 0 && <Lines lines={fight.opening} />}
      {fight.rounds.map((r) => (
        <section key={r.round} className="rpv-round" data-testid="replay-round" data-round={r.round} aria-labelledby={`${id}-r${r.round}`}>
          <h4 id={`${id}-r${r.round}`}>Round {r.round}</h4>
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
                <Lines lines={t.lines} />
              </li>
            ))}
          </ol>
        </section>
      ))}
      {fight.outcome && <p className={outcomeClass} data-testid="replay-outcome">{fight.outcome.text}</p>}
      {fight.drops.length > 0 && (
        <div className="rpv-drops">
          <h4 id={`${id}-drops`}>Who fell</h4>
          <ul aria-labelledby={`${id}-drops`}>
            {fight.drops.map((d, i) => (
              <li key={i}>
                Round {d.round}: {d.text}{d.by ? ` (by ${d.by})` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function Lines({ lines }: { lines: ReplayLine[] }) {
  if (lines.length === 0) return null;
  return (
    <ul className="rpv-lines">
      {lines.map((l, i) => <li key={i} className={`rpv-line rpv-${l.tone}`}>{l.text}</li>)}
    </ul>
  );
}
