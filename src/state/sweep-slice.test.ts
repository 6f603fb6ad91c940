// The sweep slice with a fake executor driving real engine chunks: points go in as Normal requests
// without moving the focus off the scenario on screen, keep their numbers after their requests
// leave the store, and a cancel or a newer sweep stops only the sweep's own unfinished work.
// Points are stored apart from the scenario's own slots; the sweep is kept per scenario and comes
// back after a "reload" (a new store and runtime over the same stored results), answered from
// storage; a damaged kept sweep is named, never trusted; a point's value goes into the scenario as
// one undoable edit of the draft.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { CONTROL_CANCEL, MemoryAnswerCache, SimulationRuntime, type AnswerCache, type RequestUpdate } from '../runtime/index.ts';
import { drain, FakeExecutor, flush } from '../runtime/testing/fake-executor.ts';
import type { SweepParameter } from '../scenario/analysis/sweep.ts';
import { requestKey } from '../scenario/format/canonical.ts';
import { loadScenarioJson, loadScenarioText } from '../scenario/index.ts';
import { toDocument, type Draft } from './draft.ts';
import { createAppStore, type AppStore } from './index.ts';
import type { ScenarioPersistence } from './scenario-slice.ts';
import { MemoryStorage, RecordingCache, memoryLibrary as memoryLibraryOf } from './test-support.ts';

let current: AppStore<SimulationRuntime> | null = null;
const stores: Array<AppStore<SimulationRuntime>> = [];
afterEach(() => {
  for (const s of [current, ...stores.splice(0)]) {
    s?.disconnect();
    s?.runtime.dispose();
  }
  current = null;
  vi.unstubAllGlobals();
});

let device: MemoryStorage;
beforeEach(() => {
  device = new MemoryStorage();
  vi.stubGlobal('localStorage', device);
});

const ENEMY_COUNT: SweepParameter = { kind: 'monster-count', encounter: 0, enemy: 0 };

/** A store with the duel open and its answer asked for (500 runs), as after opening a file. */
async function make(config = {}) {
  const fake = new FakeExecutor('shared', 3);
  const runtime = new SimulationRuntime({
    executor: fake, keyOf: requestKey,
    config: { workerCount: 1, progressUpdateIntervalMs: 0, replayRepresentatives: false, chunkRuns: 100, ...config },
  });
  const store = createAppStore(runtime);
  current = store;
  const text = readFileSync(new URL('../../scenarios/duel.json', import.meta.url), 'utf8');
  await store.getState().openLoaded(loadScenarioText(text, 'the duel'), { run: true, settings: { seed: 1, runs: 500 } });
  const scenarioRequest = store.getState().scenarioRequestId!;
  expect(scenarioRequest).not.toBeNull();
  return { fake, store, scenarioRequest };
}

const ids = (store: AppStore) => store.getState().sweep!.points.map((p) => p.id);
const stateOf = (store: AppStore, id: string | null) => store.getState().requests[id!]?.state;

test('points are Normal requests that leave the focus on the scenario, and the scenario\'s own request is shared', async () => {
  const { fake, store, scenarioRequest } = await make();
  expect(store.getState().focusedRequestId).toBe(scenarioRequest);
  await store.getState().runSweep(ENEMY_COUNT, [1, 2, 3]);
  const s = store.getState();
  expect(s.sweepBusy).toBe(false);
  expect(s.focusedRequestId).toBe(scenarioRequest);
  expect(s.sweep!.label).toMatch(/ogre/i);
  expect(s.sweep!.settings).toEqual({ seed: 1, runs: 500 });
  const [one, two, three] = s.sweep!.points;
  // One ogre is the duel as it stands: the runtime hands back the scenario's request.
  expect(one).toMatchObject({ value: 1, id: scenarioRequest, local: 'submitted', shared: true });
  for (const p of [two, three]) {
    expect(p).toMatchObject({ local: 'submitted', shared: false });
    expect(s.requests[p.id!].priority).toBe('normal');
  }
  expect(new Set(ids(store)).size).toBe(3);

  await drain(fake);
  for (const p of store.getState().sweep!.points) expect(p.kept).toMatchObject({ state: 'completed', runs: 500, runsTarget: 500 });
  expect(store.getState().focusedRequestId).toBe(scenarioRequest);
});

test('a point keeps its numbers after its request leaves the store', async () => {
  const { fake, store } = await make();
  await store.getState().runSweep(ENEMY_COUNT, [2]);
  await drain(fake);
  const point = store.getState().sweep!.points[0];
  const removed = { type: 'removed', requestId: point.id!, at: Date.now(), snapshot: store.getState().requests[point.id!], aggregate: null } as unknown as RequestUpdate;
  store.getState().applyUpdate(removed);
  store.getState().sweepUpdate(removed);
  expect(store.getState().requests[point.id!]).toBeUndefined();
  expect(store.getState().sweep!.points[0]).toBe(point);
  expect(point.kept).toMatchObject({ state: 'completed', runs: 500 });
});

test('cancelling the sweep cancels its own unfinished requests, never the scenario\'s', async () => {
  const { fake, store, scenarioRequest } = await make();
  await store.getState().runSweep(ENEMY_COUNT, [1, 2, 3]);
  const [, two, three] = ids(store);
  store.getState().cancelSweep();
  await drain(fake);
  expect(stateOf(store, two)).toBe('cancelled');
  expect(stateOf(store, three)).toBe('cancelled');
  expect(stateOf(store, scenarioRequest)).toBe('completed');
  expect(store.getState().sweep!.points.map((p) => p.kept?.state)).toEqual(['completed', 'cancelled', 'cancelled']);
});

test('a newer sweep keeps the requests it asks for again and cancels the rest of the earlier one', async () => {
  const { fake, store } = await make();
  await store.getState().runSweep(ENEMY_COUNT, [2, 3]);
  const [two, three] = ids(store);
  await store.getState().runSweep(ENEMY_COUNT, [3, 4]);
  const [again, four] = ids(store);
  expect(again).toBe(three);
  // Its own earlier request is not "shared": cancelling this sweep may stop it.
  expect(store.getState().sweep!.points[0].shared).toBe(false);
  await drain(fake);
  expect(stateOf(store, two)).toBe('cancelled');
  expect(stateOf(store, three)).toBe('completed');
  expect(stateOf(store, four)).toBe('completed');
});

test('a cancel while a sweep is starting stops it before it submits anything, and a second run waits for the first', async () => {
  const { fake, store } = await make();
  await store.getState().runSweep(ENEMY_COUNT, [2]);
  const [two] = ids(store);
  const starting = store.getState().runSweep(ENEMY_COUNT, [4, 5]);
  expect(store.getState().sweepBusy).toBe(true);
  await store.getState().runSweep(ENEMY_COUNT, [6]);
  store.getState().cancelSweep();
  await starting;
  await flush();
  const s = store.getState();
  expect(s.sweepBusy).toBe(false);
  expect(s.sweep!.points.map((p) => p.value)).toEqual([2]);
  // The duel's request and the first sweep's point: nothing for 4, 5 or 6.
  expect(s.requestIds).toHaveLength(2);
  await drain(fake);
  expect(stateOf(store, two)).toBe('cancelled');
});

test('a point the queue refuses says why, and the others still run', async () => {
  const { fake, store } = await make({ queueCapacity: 2 });
  await store.getState().runSweep(ENEMY_COUNT, [2, 3]);
  const [two, three] = store.getState().sweep!.points;
  expect(two.local).toBe('submitted');
  expect(three).toMatchObject({ local: 'refused', id: null });
  expect(three.error).toMatch(/^The queue is full/);
  await drain(fake);
  expect(store.getState().sweep!.points[0].kept?.state).toBe('completed');
});

test('a value the scenario cannot take is refused at its row without a request', async () => {
  const { store } = await make();
  await store.getState().runSweep(ENEMY_COUNT, [2, 500]);
  const [two, tooMany] = store.getState().sweep!.points;
  expect(two.local).toBe('submitted');
  expect(tooMany).toMatchObject({ local: 'refused', id: null });
  expect(tooMany.error).toMatch(/limit/);
});

// ------------------------------------------------------------------ stored points, kept sweeps, "use this value"

/** A library kept in memory, with the contract of the IndexedDB one. */
const memoryLibrary = (): ScenarioPersistence => memoryLibraryOf().api;

/** A store over a given answer cache and library: the page as it is after each (re)load. */
function page(cache: AnswerCache, library: ScenarioPersistence) {
  const fake = new FakeExecutor('shared', 3);
  const runtime = new SimulationRuntime({
    executor: fake, keyOf: requestKey, store: cache,
    config: { workerCount: 1, progressUpdateIntervalMs: 0, replayRepresentatives: false, chunkRuns: 100 },
  });
  const store = createAppStore(runtime, { persistence: Promise.resolve(library), debounceMs: 0 });
  stores.push(store);
  return { fake, store };
}

const duel = () => loadScenarioText(readFileSync(new URL('../../scenarios/duel.json', import.meta.url), 'utf8'), 'the duel');
const OGRE_AC: SweepParameter = { kind: 'creature-stat', side: 'enemy', encounter: 0, index: 0, stat: 'ac' };
const numbers = (store: AppStore) => store.getState().sweep!.points.map((p) => ({ value: p.value, kept: p.kept && { ...p.kept, fromStore: undefined } }));

test('each point is stored under an identity of its own, never in the scenario\'s two slots', async () => {
  const cache = new RecordingCache();
  const { fake, store } = page(cache, memoryLibrary());
  const scenarioId = (await store.getState().openLoaded(duel(), { settings: { seed: 3, runs: 300 } }))!;
  await store.getState().runSweep(ENEMY_COUNT, [2, 3]);
  await drain(fake);
  expect(store.getState().sweep!.points.map((p) => p.kept?.state)).toEqual(['completed', 'completed']);
  expect(cache.savedUnder).toHaveLength(2);
  expect(cache.savedUnder).not.toContain(scenarioId);
  expect(new Set(cache.savedUnder).size).toBe(2);
  for (const id of cache.savedUnder) expect(id.startsWith(`${scenarioId}~sweep~`)).toBe(true);
});

test('after a reload the kept sweep comes back with the same numbers, every point answered from storage', async () => {
  const cache = new RecordingCache();
  const library = memoryLibrary();
  const first = page(cache, library);
  const scenarioId = (await first.store.getState().openLoaded(duel(), { settings: { seed: 5, runs: 400 } }))!;
  await first.store.getState().runSweep(OGRE_AC, [9, 11, 13]);
  await drain(first.fake);
  const before = numbers(first.store);
  expect(before.every((p) => p.kept?.state === 'completed' && p.kept.runs === 400)).toBe(true);
  // The counts are real: across AC 9 to 13 the party wins some and not all of the days.
  expect(before.some((p) => p.kept!.victory > 0)).toBe(true);
  expect(before.every((p) => p.kept!.down !== null && p.kept!.deaths <= p.kept!.down!)).toBe(true);
  expect(first.store.getState().sweep!.points.every((p) => !p.kept!.fromStore)).toBe(true);

  // The reload: a new page over the same stored results and the same device storage.
  const second = page(cache, library);
  await second.store.getState().openSaved(scenarioId);
  expect(second.store.getState().sweep).toBeNull();
  await second.store.getState().restoreSweep();
  await flush();
  const restored = second.store.getState().sweep!;
  expect(restored).toMatchObject({ scenarioId, restored: true, label: first.store.getState().sweep!.label, settings: { seed: 5, runs: 400 } });
  expect(restored.param).toEqual(OGRE_AC);
  expect(numbers(second.store)).toEqual(before);
  expect(restored.points.every((p) => p.kept?.fromStore === true)).toBe(true);
  // Nothing simulated counts: a chunk started while the store looked is told to stop.
  expect(second.fake.pending.every((c) => c.control === CONTROL_CANCEL)).toBe(true);
  expect(second.store.getState().sweepBusy).toBe(false);
  // Asking again once it is shown does nothing.
  const requests = second.store.getState().requestIds.length;
  await second.store.getState().restoreSweep();
  expect(second.store.getState().requestIds).toHaveLength(requests);
});

test('a damaged kept sweep is named and dropped, never trusted', async () => {
  const library = memoryLibrary();
  const { store } = page(new MemoryAnswerCache(), library);
  const scenarioId = (await store.getState().openLoaded(duel(), { settings: { seed: 1, runs: 200 } }))!;
  const key = `encounter-lab:sweep:${scenarioId}`;
  const good = () => ({
    format: 'encounter-lab/sweep', version: 1, scenarioId, savedAt: 1, param: ENEMY_COUNT, values: [1, 2],
    settings: { seed: 1, runs: 200 }, scenario: JSON.parse(JSON.stringify(toDocument(store.getState().draft!))), editor: null,
  });
  const cases: Array<[string, string, RegExp]> = [
    ['cut short', JSON.stringify(good()).slice(0, 80), /not readable JSON/],
    ['another format', JSON.stringify({ ...good(), format: 'something-else' }), /not a kept sweep/],
    ['a newer version', JSON.stringify({ ...good(), version: 7 }), /version 7/],
    ['values that are not numbers', JSON.stringify({ ...good(), values: ['two'] }), /whole numbers/],
    ['an unknown parameter', JSON.stringify({ ...good(), param: { kind: 'charisma' } }), /"charisma" is not a kind/],
    ['an enemy that is not there', JSON.stringify({ ...good(), param: { kind: 'monster-count', encounter: 0, enemy: 9 } }), /no enemy 10/],
    ['a broken scenario', JSON.stringify({ ...good(), scenario: { ...good().scenario, party: 'nobody' } }), /party/],
  ];
  for (const [what, text, problem] of cases) {
    device.setItem(key, text);
    await store.getState().restoreSweep();
    const s = store.getState();
    // Named in the message, nothing shown, nothing busy, and the damaged entry gone.
    expect({ what, sweep: s.sweep, busy: s.sweepBusy, kept: device.getItem(key), problem: s.sweepProblem }).toEqual({
      what, sweep: null, busy: false, kept: null,
      problem: expect.stringMatching(new RegExp(`^The last sweep of this scenario could not be read back \\(.*${problem.source}`)),
    });
  }
  // And the good one reads.
  device.setItem(key, JSON.stringify(good()));
  await store.getState().restoreSweep();
  expect(store.getState().sweep?.points.map((p) => p.value)).toEqual([1, 2]);
});

test('the kept sweeps are capped: the oldest scenario\'s goes first', async () => {
  const { store } = page(new MemoryAnswerCache(), memoryLibrary());
  const scenarioIds: string[] = [];
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    for (let i = 0; i < 21; i++) {
      scenarioIds.push((await store.getState().openLoaded(duel(), { settings: { seed: 1, runs: 100 } }))!);
      // Written out of order in time: the one kept longest ago is the eleventh.
      vi.setSystemTime(new Date(2030, 0, 1, 0, i === 10 ? 0 : i + 1));
      await store.getState().runSweep(ENEMY_COUNT, [2]);
      store.getState().cancelSweep();
    }
  } finally {
    vi.useRealTimers();
  }
  const kept = [...device.items.keys()];
  expect(kept).toHaveLength(20);
  expect(kept).not.toContain(`encounter-lab:sweep:${scenarioIds[10]}`);
  expect(kept).toContain(`encounter-lab:sweep:${scenarioIds[0]}`);
  expect(kept).toContain(`encounter-lab:sweep:${scenarioIds[20]}`);
});

/** The draft as the file format writes it, with one creature swapped for `with`. */
function withEnemy(draft: Draft, encounter: number, index: number, change: (c: Record<string, unknown>) => Record<string, unknown>) {
  const doc = toDocument(draft) as { encounters: Array<{ enemies: Array<Record<string, unknown>> }> };
  const copy = structuredClone(doc);
  copy.encounters[encounter].enemies[index] = change(copy.encounters[encounter].enemies[index]);
  return copy;
}

test('"use this value" changes the draft by exactly that parameter, as one undo step, and is simulated as the point was', async () => {
  const cache = new RecordingCache();
  const { fake, store } = page(cache, memoryLibrary());
  await store.getState().openLoaded(duel(), { settings: { seed: 2, runs: 200 } });
  const toHit: SweepParameter = { kind: 'creature-stat', side: 'enemy', encounter: 0, index: 0, stat: 'toHit' };
  await store.getState().runSweep(toHit, [4, 8]);
  await drain(fake);
  const start = store.getState().draft!;
  const past = store.getState().past.length;
  const ogre = toDocument(start).encounters as Array<{ enemies: Array<{ actions: Array<{ type: string; attacks?: Array<{ toHit: number }> }> }> }>;
  const firstBonus = ogre[0].enemies[0].actions.find((a) => a.type === 'attack')!.attacks![0].toHit;

  expect(await store.getState().applySweepPoint(8)).toBe(true);
  const after = store.getState();
  expect(after.sweepNote).toMatch(new RegExp(`to-hit bonus 8 \\(it was ${firstBonus}\\)`));
  expect(after.past).toHaveLength(past + 1);
  // Every attack bonus of the ogre moves by the same amount, and nothing else in the scenario changes.
  const shift = 8 - firstBonus;
  expect(toDocument(after.draft!)).toEqual(withEnemy(start, 0, 0, (c) => ({
    ...c,
    actions: (c.actions as Array<Record<string, unknown>>).map((a) => (a.type === 'attack'
      ? { ...a, attacks: (a.attacks as Array<{ toHit: number }>).map((x) => ({ ...x, toHit: x.toHit + shift })) } : a)),
  })));
  // The edited draft is the very scenario the point simulated.
  const point = after.sweep!.points[1];
  expect(JSON.stringify(loadScenarioJson(toDocument(after.draft!), 'edited').spec)).toBe(point.specText);

  // It is simulated like any edit, and the point's stored result answers it.
  await vi.waitFor(() => expect(store.getState().scenarioRequestId).not.toBeNull());
  await vi.waitFor(() => expect(store.getState().requests[store.getState().scenarioRequestId!]?.state).toBe('completed'));
  const edited = store.getState().requests[store.getState().scenarioRequestId!];
  expect(edited.key).toBe(store.getState().requests[point.id!].key);
  expect(edited.fromStore).toBe(true);

  // One undo puts the scenario back as it was.
  store.getState().undo();
  expect(toDocument(store.getState().draft!)).toEqual(toDocument(start));
});

test('"use this value" sets HP with rolled HP off, and a count the encounter cannot take is refused in words', async () => {
  const { fake, store } = page(new MemoryAnswerCache(), memoryLibrary());
  await store.getState().openLoaded(duel(), { settings: { seed: 2, runs: 100 } });
  const hp: SweepParameter = { kind: 'creature-stat', side: 'enemy', encounter: 0, index: 0, stat: 'hp' };
  await store.getState().runSweep(hp, [40]);
  await drain(fake);
  const start = store.getState().draft!;
  expect(await store.getState().applySweepPoint(40)).toBe(true);
  expect(toDocument(store.getState().draft!)).toEqual(withEnemy(start, 0, 0, (c) => ({ ...c, hp: 40, hpFormula: null, rollHp: false })));

  await vi.waitFor(() => expect(store.getState().validation.state).toBe('ok'));
  await store.getState().runSweep(ENEMY_COUNT, [2]);
  expect(store.getState().sweep!.param).toEqual(ENEMY_COUNT);
  const draft = store.getState().draft;
  expect(await store.getState().applySweepPoint(5000)).toBe(false);
  expect(store.getState().sweepProblem).toMatch(/^Ogre count could not be set to 5000: .*limit/i);
  expect(store.getState().draft).toBe(draft);
});

test('"use this value" on the party level builds each templated member again at that level, as the point did', async () => {
  const { fake, store } = page(new MemoryAnswerCache(), memoryLibrary());
  // The duel's fighter, noted as built from the fighter template at level 5.
  await store.getState().openLoaded(duel(), { settings: { seed: 2, runs: 100 }, editor: { party: [{ classId: 'fighter', level: 5, options: [] }], enemies: [[null]] } });
  await store.getState().runSweep({ kind: 'party-level' }, [3, 4]);
  await drain(fake);
  const start = store.getState().draft!;
  const past = store.getState().past.length;
  expect(await store.getState().applySweepPoint(4)).toBe(true);
  const after = store.getState();
  expect(after.sweepNote).toMatch(/Party level 4 \(it was 5\)/);
  expect(after.past).toHaveLength(past + 1);
  const member = after.draft!.party[0];
  expect(member.template).toEqual({ classId: 'fighter', level: 4, options: [] });
  expect(member.creature.name).toBe('Fighter');
  expect(member.creature.level).toBe(4);
  // The day is untouched, and the scenario is the very one the point simulated.
  expect(toDocument(after.draft!).encounters).toEqual(toDocument(start).encounters);
  expect(JSON.stringify(loadScenarioJson(toDocument(after.draft!), 'edited').spec)).toBe(after.sweep!.points[1].specText);
});
