// The first scenario a page opens: a broken share link in the address is told to the user whether
// or not a scenario is already saved, for every way a link can be broken.
import 'fake-indexeddb/auto';
import { deflate } from 'pako';
import { afterEach, describe, expect, test } from 'vitest';
import { FIXTURE_SCENARIO } from '../runtime/fixtures.ts';
import { MemoryAnswerCache, SimulationRuntime } from '../runtime/index.ts';
import { FakeExecutor } from '../runtime/testing/fake-executor.ts';
import { requestKey } from '../scenario/format/canonical.ts';
import { bytesToBase64Url } from '../scenario/format/share-link.ts';
import { minimalDocument } from '../scenario/format/test-helpers.ts';
import { loadScenarioJson } from '../scenario/index.ts';
import { createAppStore, type AppStore } from '../state/index.ts';
import type { ScenarioPersistence } from '../state/scenario-slice.ts';
import { openDatabase } from '../storage/db.ts';
import { ScenarioLibrary } from '../storage/library.ts';
import { openFirstScenario, openShareFragment } from './first-scenario.ts';

let stores: AppStore<SimulationRuntime>[] = [];
afterEach(() => {
  for (const s of stores) {
    s.disconnect();
    s.runtime.dispose();
  }
  stores = [];
});

let dbCounter = 0;
async function make(savedName: string | null) {
  const db = await openDatabase(`first-scenario-${++dbCounter}-${Date.now()}`);
  const library = new ScenarioLibrary(db);
  const persistence: ScenarioPersistence = {
    list: () => library.list(),
    save: (id, scenario, editor) => library.save(scenario, id, editor),
    open: (id) => library.open(id),
    remove: (id) => library.remove(id),
    duplicate: (id) => library.duplicate(id),
    exportAll: () => library.exportAll(),
    importAll: (text, origin) => library.importAll(text, origin),
  };
  const fixture = loadScenarioJson({ format: 'encounter-lab/scenario', version: 1, name: 'Fixture', ...FIXTURE_SCENARIO });
  if (savedName) await library.save({ ...fixture, name: savedName });
  const runtime = new SimulationRuntime({
    executor: new FakeExecutor('shared', 1), keyOf: requestKey, store: new MemoryAnswerCache(),
    config: { workerCount: 1, progressUpdateIntervalMs: 0, replayRepresentatives: false, chunkRuns: 100 },
  });
  const store = createAppStore(runtime, { persistence: Promise.resolve(persistence), debounceMs: 300 });
  stores.push(store);
  return { store, library, fixture, db };
}

const linkOfBytes = (bytes: Uint8Array) => `#s=${bytesToBase64Url(bytes)}`;
const linkOfText = (text: string) => linkOfBytes(deflate(new TextEncoder().encode(text)));

const brokenLinks: Array<[kind: string, link: () => string, message: RegExp]> = [
  ['not base64url', () => '#s=!!!not*base64$$', /not valid base64url: it contains "!" at position 1/],
  ['not deflate data', () => linkOfBytes(new TextEncoder().encode('plain words, not compressed')), /not compressed scenario data/],
  ['inflating past the limit', () => linkOfText(' '.repeat(5 * 1024 * 1024 + 10)), /unpacks to more than 5 MB/],
  ['not JSON', () => linkOfText('{ "party": [ nope'), /is not valid JSON/],
  ['not a scenario', () => linkOfText('{"hello": "world"}'), /neither an Encounter Lab scenario .* nor a BattleSim save/],
  ['an invalid scenario', () => linkOfText(JSON.stringify({ ...minimalDocument(), party: [{ name: 'Hero', hp: -5, ac: 15, actions: [] }] })), /party\[0\]\.hp: must be at least 1, got -5/],
];

describe.each([
  ['with a saved scenario', 'Saved before'],
  ['in a fresh profile', null],
] as const)('a broken share link in the address, %s', (_label, savedName) => {
  test.each(brokenLinks)('%s: the message stays on screen and nothing is added', async (_kind, link, message) => {
    const { store, library, fixture } = await make(savedName);
    const hash = link();
    let cleared = false;
    await openFirstScenario(store, {
      hash,
      clearHash: () => void (cleared = true),
      openShareFragment: (fragment) => openShareFragment(store, fragment),
      openDefaultExample: async () => void await store.getState().openLoaded({ ...fixture, name: 'Example' }),
    });
    const state = store.getState();
    expect(cleared).toBe(true);
    expect(state.scenarioMessage).toMatch(/^The share link could not be opened: /);
    expect(state.scenarioMessage).toMatch(message);
    // The scenario the page would open anyway is open, and the link added nothing to the library.
    expect(state.draft?.name).toBe(savedName ?? 'Example');
    expect((await library.list()).map((e) => e.name)).toEqual([savedName ?? 'Example']);
    // The one request is the scenario that opened, answered without a click at Low priority.
    expect(state.requestIds).toHaveLength(1);
    expect(state.requests[state.requestIds[0]]).toMatchObject({ priority: 'low', scenarioName: savedName ?? 'Example' });
  });
});

describe('the first screen answers without a click', () => {
  const deps = (store: AppStore, fixture: Awaited<ReturnType<typeof make>>['fixture']) => ({
    hash: '', clearHash: () => undefined,
    openShareFragment: (fragment: string) => openShareFragment(store, fragment),
    openDefaultExample: async () => void await store.getState().openLoaded({ ...fixture, name: 'Example' }),
  });

  test.each([['the example of a first visit', null], ['the scenario saved last', 'Saved before']] as const)('%s runs at Low priority and an edit replaces it', async (_label, savedName) => {
    const { store, fixture } = await make(savedName);
    await openFirstScenario(store, deps(store, fixture));
    const first = store.getState().scenarioRequestId!;
    expect(store.getState().requests[first]).toMatchObject({ priority: 'low', scenarioName: savedName ?? 'Example' });
    await new Promise((r) => setTimeout(r, 0));
    // An edit is simulated at Critical priority, and the answer to the scenario before it is dropped.
    store.getState().edit((d) => ({ ...d, party: d.party.map((m, i) => (i === 0 ? { ...m, creature: { ...m.creature, ac: 19 } } : m)) }));
    await expect.poll(() => store.getState().scenarioRequestId, { timeout: 3000 }).not.toBe(first);
    const second = store.getState().scenarioRequestId!;
    expect(store.getState().requests[second].priority).toBe('critical');
    await expect.poll(() => store.getState().requests[first]?.state, { timeout: 3000 }).toMatch(/^(cancelled|completed)$/);
  });
});

test('a broken link and a damaged saved scenario are both told', async () => {
  const { store, library, fixture, db } = await make('Damaged');
  const [entry] = await library.list();
  // The saved record is damaged behind the library's back: its document no longer validates.
  const record = (await db.get('library', entry.id))!;
  await db.put('library', { ...record, document: { format: 'encounter-lab/scenario', version: 1, party: 'not a list' } });
  await openFirstScenario(store, {
    hash: '#s=!!!', clearHash: () => undefined,
    openShareFragment: (fragment) => openShareFragment(store, fragment),
    openDefaultExample: async () => void await store.getState().openLoaded({ ...fixture, name: 'Example' }),
  });
  const shown = store.getState().scenarioMessage ?? '';
  expect(shown).toMatch(/^The share link could not be opened: .*base64url/);
  expect(shown).toMatch(/saved scenario "Damaged"/);
  expect(store.getState().draft?.name).toBe('Example');
});
