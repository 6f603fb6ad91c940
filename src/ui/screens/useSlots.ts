// The stored results of the scenario on screen (its two slots), read again whenever a result is
// stored. One hook for the screens that show them (compare, replay, the first answer after a reload).
import { useEffect, useState } from 'react';
import type { ResultPayload } from '../../runtime/index.ts';
import type { SlotView } from '../../storage/result-store.ts';
import { getSession, useApp } from '../session.ts';

export interface SlotsState {
  scenarioId: string | null;
  view: SlotView<ResultPayload> | null;
  error: string | null;
  loading: boolean;
}

export function useSlots(): SlotsState {
  const scenarioId = useApp((s) => s.scenarioId);
  const version = useApp((s) => s.resultsVersion);
  const [state, setState] = useState<SlotsState>({ scenarioId: null, view: null, error: null, loading: true });
  useEffect(() => {
    let live = true;
    if (!scenarioId) return;
    // Read again whenever a result is stored (the version changes).
    void getSession().results.then(async (store) => {
      if (version < 0 || !store) return { scenarioId, view: null, error: null, loading: false };
      try {
        return { scenarioId, view: await store.slots(scenarioId), error: null, loading: false };
      } catch (e) {
        return { scenarioId, view: null, error: e instanceof Error ? e.message : String(e), loading: false };
      }
    }).then((next) => {
      if (live) setState(next);
    });
    return () => {
      live = false;
    };
  }, [scenarioId, version]);
  return state.scenarioId === scenarioId ? state : { scenarioId, view: null, error: null, loading: true };
}

/** After opening a scenario, its newest stored result is the answer on screen until a new one comes. */
export function useStoredAnswer(): void {
  const slots = useSlots();
  const hasAnswer = useApp((s) => s.lastAnswer !== null);
  const setLastAnswer = useApp((s) => s.setLastAnswer);
  useEffect(() => {
    const newest = slots.view?.newest;
    if (hasAnswer || !newest?.ok) return;
    const { payload, result } = newest;
    setLastAnswer({ requestId: `stored:${newest.key}`, aggregate: payload.aggregate, layout: payload.layout, seed: result.seed });
  }, [slots.view, hasAnswer, setLastAnswer]);
}
