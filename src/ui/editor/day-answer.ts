// Which simulated figures the Day screen may show beside each fight: those of the answer the results
// screens show (ui/answer/shown-answer.ts), only when its fights are the draft's fights by name and in
// order, and marked out of date, in words, while the draft as it stands has no answer yet.
import type { Aggregate, AggregateLayout } from '../../engine/index.ts';
import type { ShownAnswer } from '../answer/shown-answer.ts';

export interface DayAnswer {
  aggregate: Aggregate;
  layout: AggregateLayout;
  encounters: Aggregate['encounters'];
  runs: number;
  /** Why the figures are out of date, in words; null when they answer the day as it stands. */
  stale: string | null;
  /** Still firming up: more runs are coming. */
  live: boolean;
}

export interface DraftState {
  /** An edit is being checked (and will be simulated if it passes). */
  checking: boolean;
  /** The draft has a problem, so it is not simulated. */
  invalid: boolean;
  /** The run of the last edit waits for the user's yes. */
  held: boolean;
}

/**
 * The answer for the draft's fights, or null when it has none or is about other fights (one added,
 * removed or renamed): nothing is shown rather than another fight's numbers.
 */
export function dayAnswerOf(shown: ShownAnswer | null, draftNames: readonly string[] | null, state: DraftState): DayAnswer | null {
  if (!shown || !draftNames) return null;
  const names = shown.layout.encounters.map((e) => e.name.trim());
  if (names.length !== draftNames.length || names.some((n, i) => n !== draftNames[i].trim())) return null;
  if (shown.aggregate.encounters.length !== names.length) return null;
  const stale = state.invalid
    ? 'the day has a problem to fix'
    : state.held
      ? 'your last change waits for your yes to run'
      : shown.stale || state.checking
        ? 'runs from before your last change'
        : null;
  return { aggregate: shown.aggregate, layout: shown.layout, encounters: shown.aggregate.encounters, runs: shown.aggregate.runs, stale, live: shown.live };
}
