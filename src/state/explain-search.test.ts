// "What decides this fight" through the store's search driver and a real runtime (a fake executor
// running real engine chunks): every evaluation is a Low request that keeps each run's outcome and
// skips the replays (its own request key), the answer is the one explain() gives fed the aggregates
// of [0, runs) directly, and the scenario's own answer keeps the focus.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { compileScenario, ENGINE_VERSION, runChunk, Simulator, type ScenarioSpec } from '../engine/index.ts';
import { flush } from '../runtime/testing/fake-executor.ts';
import { explainMachine, type ExplainSearchState } from '../scenario/analysis/explain-machine.ts';
import { explain, explainQuery } from '../scenario/analysis/explain.ts';
import { requestKey } from '../scenario/format/canonical.ts';
import { loadScenarioText } from '../scenario/index.ts';
import { closePages, MemoryStorage, RecordingCache, searchPage } from './test-support.ts';

afterEach(() => {
  closePages();
  vi.unstubAllGlobals();
});
beforeEach(() => vi.stubGlobal('localStorage', new MemoryStorage()));

const ASK = { seed: 5, schedule: [100, 200], precision: 0.05 };

test('each evaluation keeps its runs\' outcomes, skips the replays, and the answer is explain()\'s', async () => {
  const cache = new RecordingCache();
  const { fake, store } = searchPage(cache, { replays: true });
  const duel = loadScenarioText(readFileSync(new URL('../../scenarios/duel.json', import.meta.url), 'utf8'), 'the duel');
  await store.getState().openLoaded(duel, { run: true, settings: { seed: 1, runs: 100 } });
  const scenarioRequest = store.getState().scenarioRequestId;
  const started = store.getState().startSearch('explain', ASK);
  const seen = new Set<string>();
  for (let i = 0; i < 500 && store.getState().searches.explain?.status !== 'done'; i++) {
    await flush();
    const id = store.getState().searches.explain?.current?.id;
    if (id) seen.add(id);
    fake.pending[0]?.finish();
  }
  await started;
  const run = store.getState().searches.explain!;
  expect(run.status).toBe('done');
  expect(store.getState().focusedRequestId).toBe(scenarioRequest);

  const spec = store.getState().validSpec!;
  const evaluate = async (s: ScenarioSpec, seed: number, runs: number) => runChunk(new Simulator(compileScenario(s)), seed, 0, runs, { runOutcomes: true });
  const { query, skipped } = explainQuery(spec, ASK);
  expect(explainMachine.result(run.state as ExplainSearchState)).toEqual({ ...(await explain(spec, query, evaluate)), query, skipped });

  // Every evaluation: Low, its key the one of runs with outcomes and without replays, and no replay job.
  expect(run.asked).toBeGreaterThan(query.variants.length);
  expect(seen.size).toBe(run.asked);
  for (const id of seen) {
    const snap = store.getState().requests[id];
    expect(snap.priority).toBe('low');
    const replayed = fake.jobs.some((j) => j.requestId === id && j.mode === 'full');
    expect(replayed).toBe(false);
  }
  const firstKey = requestKey(spec, { seed: 5, runs: 100, runOutcomes: true, noReplays: true }, ENGINE_VERSION);
  expect(Object.values(store.getState().requests).some((r) => r.key === firstKey)).toBe(true);
  expect((await cache.find(firstKey))!.aggregate.runOutcomes![0].codes).toHaveLength(100);
});
