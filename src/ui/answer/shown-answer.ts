// Which answer the screens show for the scenario on screen, and how sure it is: the request now
// answering it once it has enough runs, else the last finished answer (marked out of date while a
// newer one starts or while the scenario has a problem to fix). One hook, so the verdict bar, the
// answer panel and the results screen never disagree.
import type { Aggregate, AggregateLayout } from '../../engine/index.ts';
import { answerFinal } from '../../runtime/types.ts';
import { FIRM_RUNS } from '../../state/index.ts';
import { useApp } from '../session.ts';

export interface ShownAnswer {
  aggregate: Aggregate;
  layout: AggregateLayout;
  seed: number;
  /** The scenario changed since (or has a problem): these are the runs of an earlier version. */
  stale: boolean;
  /** Still firming up: more runs are on their way. */
  live: boolean;
}

/** What the results screens show: the current request once it has enough runs, else the last answer. */
export function useShownAnswer(): ShownAnswer | null {
  const requestId = useApp((s) => s.scenarioRequestId);
  const snap = useApp((s) => (requestId ? s.requests[requestId] : undefined));
  const aggregate = useApp((s) => (requestId ? s.aggregates[requestId] : null));
  const last = useApp((s) => s.lastAnswer);
  const invalid = useApp((s) => s.validation.state === 'invalid');
  // Firm once every run is merged: the replays and storing that follow change no figure.
  const final = snap !== undefined && aggregate != null && answerFinal(snap) && aggregate.runs === snap.runsDone;
  const current = snap && aggregate && snap.layout && (final || aggregate.runs >= FIRM_RUNS)
    ? { aggregate, layout: snap.layout, seed: snap.seed, stale: invalid, live: !final }
    : null;
  if (current) return current;
  if (!last) return null;
  const newer = snap !== undefined && last.requestId !== requestId && snap.state !== 'cancelled' && snap.state !== 'failed';
  return { aggregate: last.aggregate, layout: last.layout, seed: last.seed, stale: newer || invalid, live: false };
}

export type AnswerState = 'none' | 'starting' | 'firming' | 'firm' | 'stale' | 'paused';

export interface AnswerStatus {
  state: AnswerState;
  /** Runs behind the numbers shown. */
  runs: number;
  /** Runs the answer is heading for, while it firms up. */
  target: number;
  /** Said in words, for the bar and the panel. */
  words: string;
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/** How firm the shown answer is, in one word and a short phrase. */
export function useAnswerStatus(shown: ShownAnswer | null): AnswerStatus {
  const requestId = useApp((s) => s.scenarioRequestId);
  const snap = useApp((s) => (requestId ? s.requests[requestId] : undefined));
  const checking = useApp((s) => s.validation.state === 'checking');
  const invalid = useApp((s) => s.validation.state === 'invalid');
  const runs = shown?.aggregate.runs ?? 0;
  const target = snap?.runsTarget ?? runs;
  if (!shown) {
    if (snap && (snap.state === 'running' || snap.state === 'queued')) return { state: 'starting', runs: snap.runsDone, target, words: 'Simulating…' };
    return { state: 'none', runs: 0, target: 0, words: 'No answer yet' };
  }
  if (invalid) return { state: 'stale', runs, target, words: 'Out of date: fix the scenario' };
  if (shown.stale || checking) return { state: 'stale', runs, target, words: 'Out of date: updating…' };
  if (shown.live) {
    if (snap?.state === 'paused') return { state: 'paused', runs, target, words: `Paused at ${count(runs)} runs` };
    return { state: 'firming', runs, target, words: `Firming up: ${count(runs)} of ${count(target)} runs` };
  }
  return { state: 'firm', runs, target, words: `Firm: ${count(runs)} runs` };
}
