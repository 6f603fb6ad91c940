// The stored results of the scenario on screen (its two slots), read again whenever a result is
// stored. One hook for every view of them: the simulation panel, compare, replay, and the first
// answer after a reload.
import { useEffect, useState } from 'react';
import type { ResultPayload } from '../../runtime/index.ts';
import type { SlotView } from '../../storage/slot-store.ts';
import { useApp, useSession, type UiSession } from '../session.ts';

export interface SlotsState {
  scenarioId: string | null;
  view: SlotView<ResultPayload> | null;
  error: string | null;
  loading: boolean;
}

// Every view of the slots (the panel, compare, replay, the first answer) reads the same two blobs:
// one read per scenario and stored-results version serves them all, instead of one each.
let lastRead: { key: string; result: Promise<SlotsState> } | null = null;

function readSlots(results: UiSession['results'], scenarioId: string, version: number): Promise<SlotsState> {
  const key = `${version}:${scenarioId}`;
  if (lastRead?.key === key) return lastRead.result;
  const result = results.then(async (store): Promise<SlotsState> => {
    if (!store) return { scenarioId, view: null, error: null, loading: false };
    try {
      return { scenarioId, view: await store.slots(scenarioId), error: null, loading: false };
    } catch (e) {
      return { scenarioId, view: null, error: e instanceof Error ? e.message : String(e), loading: false };
    }
  });
  lastRead = { key, result };
  return result;
}

export function useSlots(): SlotsState {
  const scenarioId = useApp((s) => s.scenarioId);
  // Changes whenever a result is stored, so the slots are read again.
  const version = useApp((s) => s.resultsVersion);
  const { results } = useSession();
  const [state, setState] = useState<SlotsState>({ scenarioId: null, view: null, error: null, loading: true });
  useEffect(() => {
    let live = true;
    if (!scenarioId) return;
    void readSlots(results, scenarioId, version).then((next) => {
      if (live) setState(next);
    });
    return () => {
      live = false;
    };
  }, [results, scenarioId, version]);
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
