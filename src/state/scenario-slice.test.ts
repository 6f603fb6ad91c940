// The scenario slice: edits are checked through the real loader, a bad edit is held at its field
// and not simulated, good edits are debounced into one Critical request, undo restores the same
// request key (so a stored answer comes back without running), and opening a file or link never
// replaces the scenario being edited.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { FIXTURE_SCENARIO } from '../runtime/fixtures.ts';
import { MemoryAnswerCache, SimulationRuntime, type AnswerCache } from '../runtime/index.ts';
import { drain, FakeExecutor, flush } from '../runtime/testing/fake-executor.ts';
import { requestKey } from '../scenario/format/canonical.ts';
import { loadScenarioJson, type LoadedScenario } from '../scenario/index.ts';
import { toDocument } from './draft.ts';
import { createAppStore, type AppStore } from './index.ts';
import type { ScenarioPersistence } from './scenario-slice.ts';
import { memoryLibrary, RecordingCache } from './test-support.ts';

let current: AppStore<SimulationRuntime> | null = null;
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => {
  vi.useRealTimers();
  current?.disconnect();
  current?.runtime.dispose();
});

function make() {
  const fake = new FakeExecutor('shared', 3);
  const runtime = new SimulationRuntime({
    executor: fake, keyOf: requestKey, store: new MemoryAnswerCache(),
    config: { workerCount: 1, progressUpdateIntervalMs: 0, replayRepresentatives: false, chunkRuns: 100 },
  });
  const library = memoryLibrary();
  const store = createAppStore(runtime, { persistence: Promise.resolve(library.api), debounceMs: 300 });
  current = store;
  return { fake, runtime, store, library };
}

const fixture = (): LoadedScenario => loadScenarioJson({
  format: 'encounter-lab/scenario', version: 1, name: 'Fixture', party: FIXTURE_SCENARIO.party, encounters: FIXTURE_SCENARIO.encounters, rules: FIXTURE_SCENARIO.rules,
});

async function settle(ms = 400) {
  await vi.advanceTimersByTimeAsync(ms);
  await flush();
}

test('opening a scenario saves it as a new entry without running; editing submits one Critical request after the pause', async () => {
  const { store, library, fake } = make();
  const id = await store.getState().openLoaded(fixture());
  expect(id).toBe('s1');
  // Not run, but the engine is warmed on it: the next request most likely resembles it.
  expect(fake.workers.map((w) => w.warmSpecs)).toEqual([[store.getState().validSpec]]);
  expect(library.records.size).toBe(1);
  expect(store.getState().requestIds).toEqual([]);

  const edit = (hp: number) => store.getState().edit((d) => ({ ...d, party: d.party.map((m, i) => (i === 0 ? { ...m, creature: { ...m.creature, hp } } : m)) }), 'party[0].hp');
  edit(1);
  edit(12);
  edit(123);
  await settle(100);
  expect(store.getState().requestIds).toEqual([]); // still typing
  await settle(400);
  const ids = store.getState().requestIds;
  expect(ids).toHaveLength(1);
  const snap = store.getState().requests[ids[0]];
  expect(snap.priority).toBe('critical');
  expect(store.getState().validSpec!.party[0].hp).toBe(123);
  expect(library.records.get('s1')!.loaded.spec.party[0].hp).toBe(123);
  // Three keystrokes in one field are one undo step.
  expect(store.getState().past).toHaveLength(1);
});

test('an impossible value is reported at its field, not simulated, and the last good spec stays', async () => {
  const { store } = make();
  await store.getState().openLoaded(fixture());
  const goodSpec = store.getState().validSpec;
  store.getState().edit((d) => ({ ...d, party: d.party.map((m, i) => (i === 0 ? { ...m, creature: { ...m.creature, hp: -5, ac: 'abc' } } : m)) }));
  await settle();
  const v = store.getState().validation;
  expect(v.state).toBe('invalid');
  expect(v.issues['party[0].hp']).toBe('must be at least 1, got -5');
  expect(v.issues['party[0].ac']).toMatch(/must be a number, got/);
  expect(store.getState().requestIds).toEqual([]);
  expect(store.getState().validSpec).toBe(goodSpec);
  const dice = store.getState();
  dice.edit((d) => ({ ...d, party: d.party.map((m, i) => (i === 0 ? { ...m, creature: { ...m.creature, hp: 10, ac: 12, actions: [{ type: 'attack', name: 'Bad', attacks: [{ toHit: 3, damage: '2d' }] }] } } : m)) }));
  await settle();
  expect(Object.keys(store.getState().validation.issues)).toEqual(['party[0].actions[0].attacks[0].damage']);
});

test('undo brings back the earlier scenario, whose finished answer comes from the result store without running', async () => {
  const { fake, store } = make();
  await store.getState().openLoaded(fixture());
  store.getState().setRunSettings({ seed: 5, runs: 300 });
  const setHp = (hp: number) => store.getState().edit((d) => ({ ...d, party: d.party.map((m, i) => (i === 0 ? { ...m, creature: { ...m.creature, hp } } : m)) }));
  setHp(20);
  await settle();
  const first = store.getState().scenarioRequestId!;
  await drain(fake);
  expect(store.getState().requests[first].state).toBe('completed');
  expect(store.getState().lastAnswer?.requestId).toBe(first);

  setHp(25);
  await settle();
  const second = store.getState().scenarioRequestId!;
  expect(second).not.toBe(first);
  await drain(fake);

  const jobsBefore = fake.jobs.length;
  store.getState().undo();
  expect(store.getState().draft!.party[0].creature.hp).toBe(20);
  await settle();
  const third = store.getState().scenarioRequestId!;
  await flush();
  const snap = store.getState().requests[third];
  expect(snap.state).toBe('completed');
  expect(snap.fromStore).toBe(true);
  expect(fake.jobs.length).toBe(jobsBefore);
  expect(store.getState().aggregates[third]).toEqual(store.getState().aggregates[first]);

  store.getState().redo();
  expect(store.getState().draft!.party[0].creature.hp).toBe(25);
});

test('a newer edit cancels the older request of the same scenario that is still running', async () => {
  const { fake, store } = make();
  await store.getState().openLoaded(fixture());
  store.getState().setRunSettings({ seed: 1, runs: 5000 });
  store.getState().edit((d) => ({ ...d, name: 'One' }));
  await settle();
  const older = store.getState().scenarioRequestId!;
  store.getState().edit((d) => ({ ...d, party: d.party.map((m, i) => (i === 0 ? { ...m, creature: { ...m.creature, hp: 31 } } : m)) }));
  await settle();
  const newer = store.getState().scenarioRequestId!;
  expect(newer).not.toBe(older);
  await drain(fake);
  expect(store.getState().requests[older].state).toBe('cancelled');
  expect(store.getState().requests[newer].state).toBe('completed');
});

test('opening another scenario makes a new entry and leaves the edited one saved as it was', async () => {
  const { store, library } = make();
  await store.getState().openLoaded(fixture());
  store.getState().edit((d) => ({ ...d, name: 'Mine' }));
  await settle();
  const other = fixture();
  await store.getState().openLoaded({ ...other, name: 'From a link' }, { run: true, settings: { seed: 9, runs: 200 } });
  expect(library.records.size).toBe(2);
  expect(library.records.get('s1')!.loaded.name).toBe('Mine');
  expect(store.getState().scenarioId).toBe('s2');
  expect(store.getState().draft!.name).toBe('From a link');
  const snap = store.getState().requests[store.getState().scenarioRequestId!];
  expect(snap.seed).toBe(9);
  expect(snap.priority).toBe('critical');
  // The saved document is what the editor exports.
  expect(loadScenarioJson(toDocument(store.getState().draft!)).spec).toEqual(other.spec);
});

test('what the Simulate button asks for is never cancelled by a later submission', async () => {
  const { fake, store } = make();
  await store.getState().openLoaded(fixture());
  store.getState().setRunSettings({ seed: 1, runs: 3000 });
  const first = await store.getState().simulateNow('low');
  store.getState().setRunSettings({ seed: 2, runs: 3000 });
  const second = await store.getState().simulateNow('normal');
  expect(second).not.toBe(first);
  await drain(fake);
  expect(store.getState().requests[first!].state).toBe('completed');
  expect(store.getState().requests[second!].state).toBe('completed');
});

/** 60 against 60 that cannot hurt each other, to a round cap of 1,000: allowed, but minutes of work for 10,000 runs. */
const expensive = (): LoadedScenario => {
  const immune = ['acid', 'bludgeoning', 'cold', 'fire', 'force', 'lightning', 'necrotic', 'piercing', 'poison', 'psychic', 'radiant', 'slashing', 'thunder'];
  const side = (name: string, kind: string) => ({
    name, kind, count: 60, hp: 30, ac: 14, immunities: immune,
    actions: [{ type: 'attack', name: 'Claw', attacks: [{ toHit: 5, damage: '1d6', damageType: 'slashing' }] }],
  });
  return loadScenarioJson({
    format: 'encounter-lab/scenario', version: 1, name: 'Stalemate',
    party: [side('Hero', 'character')], encounters: [{ enemies: [side('Foe', 'monster')] }], rules: { roundCap: 1000 },
  });
};

test('a link asking for more than a million runs opens but runs only after a click', async () => {
  const { store } = make();
  await store.getState().openLoaded(fixture(), { run: true, settings: { seed: 3, runs: 100_000_000 } });
  expect(store.getState().requestIds).toEqual([]);
  expect(store.getState().pendingRun?.question).toMatch(/^100,000,000 runs of this scenario would take about/);
  const id = await store.getState().confirmPendingRun();
  expect(id).not.toBeNull();
  expect(store.getState().pendingRun).toBeNull();
  const snap = store.getState().requests[id!];
  expect(snap.seed).toBe(3);
  expect(snap.priority).toBe('critical');
  expect(snap.runsTarget).toBe(100_000_000);

  // Two million runs of the fixture are within the soft limit, but still more than a link may start unasked.
  await store.getState().openLoaded(fixture(), { run: true, settings: { seed: 4, runs: 2_000_000 } });
  expect(store.getState().pendingRun?.question).toMatch(/^2,000,000 runs were asked for, more than the 1,000,000 started without a click/);
  store.getState().dismissPendingRun();
  expect(store.getState().pendingRun).toBeNull();
  expect(store.getState().requestIds).toEqual([id]);
});

test('a scenario estimated above the soft limit is asked about before an edit or the Simulate button runs it', async () => {
  const { store } = make();
  await store.getState().openLoaded(expensive(), { run: true });
  expect(store.getState().requestIds).toEqual([]);
  expect(store.getState().pendingRun?.question).toMatch(/10,000 runs of this scenario would take about .* up to the round cap of 1,000 rounds/);
  store.getState().dismissPendingRun();
  store.getState().edit((d) => ({ ...d, name: 'Stalemate, renamed' }));
  await settle();
  expect(store.getState().requestIds).toEqual([]);
  expect(store.getState().pendingRun?.priority).toBe('critical');
  expect(await store.getState().simulateNow('low')).toBeNull();
  expect(store.getState().pendingRun?.priority).toBe('low');
  const id = await store.getState().confirmPendingRun();
  expect(store.getState().requests[id!].priority).toBe('low');
  // A cheap number of runs needs no question.
  store.getState().setRunSettings({ seed: 1, runs: 100 });
  expect(await store.getState().simulateNow('normal')).not.toBeNull();
  expect(store.getState().pendingRun).toBeNull();
});

/** A library whose saves wait until the test lets them end (or fail), as a slow IndexedDB write would. */
function slowLibrary() {
  const { api, records } = memoryLibrary();
  const waiting: Array<{ go: () => void; fail: (e: Error) => void }> = [];
  const save = api.save;
  api.save = (...args) => new Promise((resolve, reject) => {
    waiting.push({ go: () => void save(...args).then(resolve, reject), fail: reject });
  });
  return { api, records, waiting };
}

function makeWith(persistence: ScenarioPersistence, cache: AnswerCache = new MemoryAnswerCache()) {
  const fake = new FakeExecutor('shared', 3);
  const runtime = new SimulationRuntime({
    executor: fake, keyOf: requestKey, store: cache,
    config: { workerCount: 1, progressUpdateIntervalMs: 0, replayRepresentatives: false, chunkRuns: 100 },
  });
  const store = createAppStore(runtime, { persistence: Promise.resolve(persistence), debounceMs: 300 });
  current = store;
  return { fake, runtime, store };
}

test('an edit runs before its save has ended, and a failed save still says so', async () => {
  const library = slowLibrary();
  const { fake, store } = makeWith(library.api);
  const opening = store.getState().openLoaded(fixture());
  await flush();
  library.waiting.shift()!.go();
  await opening;
  store.getState().setRunSettings({ seed: 2, runs: 300 });
  store.getState().edit((d) => ({ ...d, name: 'Renamed' }));
  await settle();
  // The save is still waiting, yet the request is made and its first chunk handed out.
  expect(library.waiting).toHaveLength(1);
  const id = store.getState().scenarioRequestId!;
  expect(id).not.toBeNull();
  expect(fake.pending.map((c) => c.job.requestId)).toEqual([id]);

  library.waiting.shift()!.fail(new Error('the disk is full'));
  await flush();
  expect(store.getState().scenarioMessage).toBe('The scenario could not be saved on this device: the disk is full');
  await drain(fake);
  expect(store.getState().requests[id].state).toBe('completed');
  expect(store.getState().scenarioMessage).toBe('The scenario could not be saved on this device: the disk is full');

  // A later good save writes the change again (the failed one is not taken as saved).
  store.getState().edit((d) => ({ ...d, name: 'Renamed again' }));
  await settle();
  library.waiting.shift()!.go();
  await flush();
  expect(library.records.get('s1')!.loaded.name).toBe('Renamed again');
});

test('an edit the save keeps as a copy (another tab changed the scenario) is answered under the copy', async () => {
  const library = memoryLibrary();
  const cache = new RecordingCache();
  const save = library.api.save;
  let copies = false;
  library.api.save = async (id, loaded, editor, base) => {
    if (!copies) return save(id, loaded, editor, base);
    const entry = await save(undefined, loaded, editor);
    return { ...entry, savedAsCopyOf: { id: id!, name: 'Fixture' } };
  };
  const { fake, store } = makeWith(library.api, cache);
  await store.getState().openLoaded(fixture());
  store.getState().setRunSettings({ seed: 3, runs: 300 });
  copies = true;
  store.getState().edit((d) => ({ ...d, name: 'Mine' }));
  await settle();
  await drain(fake);
  const state = store.getState();
  expect(state.scenarioId).toBe('s2');
  expect(state.scenarioMessage).toMatch(/was changed in another tab/);
  expect(state.requests[state.scenarioRequestId!].state).toBe('completed');
  expect(cache.savedUnder).toEqual(['s2']);
});

test('a good edit is submitted before the store says it is valid, so the workers do not wait for the page to re-render', async () => {
  const { fake, store } = make();
  await store.getState().openLoaded(fixture());
  store.getState().setRunSettings({ seed: 4, runs: 300 });
  const requestsWhenValid: number[] = [];
  store.subscribe((s, before) => {
    if (s.validation.state === 'ok' && before.validation.state !== 'ok') requestsWhenValid.push(s.requestIds.length);
  });
  store.getState().edit((d) => ({ ...d, name: 'Quick' }));
  await settle();
  expect(requestsWhenValid).toEqual([1]);
  const clicked = await store.getState().simulateNow('normal');
  expect(clicked).toBe(store.getState().scenarioRequestId);
  await drain(fake);
  expect(store.getState().requests[clicked!].state).toBe('completed');
});

test('once a scenario is open, Simulate hands its request to the runtime before it returns: the checker was loaded with the scenario', async () => {
  const { store, runtime } = make();
  await store.getState().openLoaded(fixture());
  await flush();
  const asked = store.getState().simulateNow('normal');
  // Synchronously, as in a click's handler, before the page renders the click.
  expect(runtime.stats().byState.queued + runtime.stats().byState.running).toBe(1);
  expect(await asked).not.toBeNull();
});
