import { describe, expect, test } from 'vitest';
import { simulate } from '../engine/index.ts';
import { createEngineApi } from './engine-api.ts';
import { FIXTURE_SCENARIO } from './fixtures.ts';

/** Another scenario than the built-in one: its fighter alone against the same enemies. */
const DUEL = { ...FIXTURE_SCENARIO, party: FIXTURE_SCENARIO.party.slice(0, 1) };

function startedApi() {
  const api = createEngineApi();
  api.init({ workerIndex: 0, mode: 'message', board: null, boardLength: 4, heartbeatIndex: 3, flagCheckEveryRuns: 64, messageSliceMs: 20 });
  return api;
}

describe('the warm-up', () => {
  test('a real call ends it: a warm-up asked for ten minutes returns once a scenario is prepared', async () => {
    const api = startedApi();
    const warming = api.warm(600_000);
    // Let a few slices run, then send the request's scenario as a worker would receive it.
    await new Promise((resolve) => setTimeout(resolve, 30));
    api.prepare('r1', FIXTURE_SCENARIO);
    const { runs } = await warming;
    expect(runs).toBeGreaterThan(0);
    expect(runs % 8).toBe(0);
  });

  test('a newer warm-up ends the one running; a scenario given is the one warmed on, the built-in one if it does not compile', async () => {
    const api = startedApi();
    const first = api.warm(600_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = api.warm(40, DUEL);
    expect(await first).toMatchObject({ on: 'built-in' });
    const warmed = await second;
    expect(warmed.on).toBe('scenario');
    expect(warmed.runs).toBeGreaterThan(0);
    const broken = { ...DUEL, encounters: [] };
    expect(await api.warm(20, broken)).toMatchObject({ on: 'built-in' });
  });

  test('the chunk that ends it gives the same aggregate as without a warm-up', async () => {
    const api = startedApi();
    const warming = api.warm(600_000);
    api.prepare('r1', FIXTURE_SCENARIO);
    const chunk = await api.runChunk({ requestId: 'r1', slot: 0, seed: 7, from: 0, to: 300, mode: 'lean' });
    await warming;
    expect(chunk.stoppedAt).toBe(300);
    expect(chunk.aggregate).toEqual(simulate(FIXTURE_SCENARIO, 7, 300));
  });
});
