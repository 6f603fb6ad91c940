import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { BlobError, crc32, decodeBlob, encodeBlob, readBlobInfo } from './blob-codec.ts';
import { CheckpointStore } from './checkpoints.ts';
import { MIGRATIONS, openDatabase, type EncounterLabDB } from './db.ts';
import { SlotStore, StorageFullError, type NewResult } from './slot-store.ts';
import { resultPayloadProblem } from './record-schema.ts';
import { compileScenario, simulate } from '../engine/index.ts';
import { FIXTURE_SCENARIO } from '../runtime/fixtures.ts';

let dbCounter = 0;
async function freshStore(now?: () => number) {
  const db = await openDatabase(`test-${++dbCounter}-${Date.now()}`);
  return { db, store: new SlotStore<{ value: number; pad?: string }>(db, now) };
}

const entry = (key: string, value: number, pad = ''): NewResult<{ value: number; pad?: string }> => ({
  key, runs: 1000, seed: 1, engineVersion: '1.0.0', victoryHalfWidth: 0.03, payload: { value, pad },
});

describe('blob codec', () => {
  it('computes the standard CRC-32 check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips a payload and reports its header', () => {
    const payload = { a: [1, 2, 3], b: 'text', zeros: new Array(5000).fill(0) };
    const blob = encodeBlob(payload, '1.2.3');
    expect(decodeBlob(blob).payload).toEqual(payload);
    const info = readBlobInfo(blob);
    expect(info.engineVersion).toBe('1.2.3');
    expect(info.rawBytes).toBe(JSON.stringify(payload).length);
    // Mostly zeros: deflate should shrink it many times over.
    expect(info.storedBytes).toBeLessThan(info.rawBytes / 20);
  });

  it('refuses what is not ours, a future version, and damage, with a reason', () => {
    const blob = encodeBlob({ x: 1 }, '1.0.0');
    expect(() => decodeBlob(new Uint8Array([1, 2, 3]))).toThrow(/too short/);
    const foreign = blob.slice();
    foreign[0] = 0x50;
    expect(() => decodeBlob(foreign)).toThrow(/not an Encounter Lab result/);
    const future = blob.slice();
    future[4] = 9;
    expect(() => decodeBlob(future)).toThrow(/format version 9/);
    const flipped = blob.slice();
    flipped[flipped.length - 3] ^= 0xff;
    expect(() => decodeBlob(flipped)).toThrow(BlobError);
    expect(() => decodeBlob(flipped)).toThrow(/damaged/);
    const cut = blob.slice(0, blob.length - 4);
    expect(() => decodeBlob(cut)).toThrow(/damaged/);
  });

  it('detects a changed payload whose compression is still valid through the checksum', () => {
    const blob = encodeBlob({ x: 1 }, '1.0.0');
    const other = encodeBlob({ x: 2 }, '1.0.0');
    // Same header and sizes, another body: inflates fine, checksum must catch it.
    const spliced = blob.slice();
    const headerEnd = 8 + blob[7] + 8;
    spliced.set(other.subarray(headerEnd), headerEnd);
    expect(() => decodeBlob(spliced)).toThrow(/checksum/);
  });
});

describe('database migrations', () => {
  it('creates every store and index, and migration 1 is safe to run twice', async () => {
    const name = `migrate-${Date.now()}`;
    const db = await openDB<EncounterLabDB>(name, 1, {
      upgrade(d, _old, _new, tx) {
        MIGRATIONS[1](d, tx);
        MIGRATIONS[1](d, tx);
      },
    });
    expect([...db.objectStoreNames].sort()).toEqual(['checkpoints', 'results', 'slots']);
    expect([...db.transaction('results').store.indexNames]).toEqual(['byCreated']);
    db.close();
  });

  it('migrates a version-1 database with data to version 2, keeping the data, and migration 2 is safe twice', async () => {
    const name = `migrate-v1-${Date.now()}`;
    const v1 = await openDB<EncounterLabDB>(name, 1, { upgrade: (d, _o, _n, tx) => MIGRATIONS[1](d, tx) });
    const blob = encodeBlob({ value: 1 }, '1.0.0');
    await v1.put('results', { key: 'k', createdAt: 5, runs: 10, seed: 1, engineVersion: '1.0.0', victoryHalfWidth: 0.1, refs: ['s/a'], blob, storedBytes: blob.length });
    await v1.put('slots', { scenarioId: 's', a: 'k', b: null, newest: 'a', pinned: null, updatedAt: 5 });
    v1.close();
    const v2 = await openDatabase(name);
    expect(v2.version).toBe(2);
    expect([...v2.objectStoreNames].sort()).toEqual(['checkpoints', 'library', 'results', 'slots']);
    expect([...v2.transaction('library').store.indexNames]).toEqual(['byUpdated']);
    const store = new SlotStore<{ value: number }>(v2);
    expect((await store.slots('s')).newest).toMatchObject({ ok: true, key: 'k', payload: { value: 1 } });
    v2.close();
    const twice = await openDB<EncounterLabDB>(`${name}-twice`, 2, {
      upgrade(d, _o, _n, tx) {
        MIGRATIONS[1](d, tx);
        MIGRATIONS[2](d, tx);
        MIGRATIONS[2](d, tx);
      },
    });
    expect([...twice.objectStoreNames].sort()).toEqual(['checkpoints', 'library', 'results', 'slots']);
    twice.close();
  });
});

describe('dual-slot result store', () => {
  it('fills A, then B, then overwrites the older slot, keeping newest and previous', async () => {
    const { store } = await freshStore();
    let rec = await store.commit('s1', entry('k1', 1));
    expect(rec).toMatchObject({ a: 'k1', b: null, newest: 'a' });
    rec = await store.commit('s1', entry('k2', 2));
    expect(rec).toMatchObject({ a: 'k1', b: 'k2', newest: 'b' });
    rec = await store.commit('s1', entry('k3', 3));
    expect(rec).toMatchObject({ a: 'k3', b: 'k2', newest: 'a' });
    const view = await store.slots('s1');
    expect(view.newest).toMatchObject({ ok: true, key: 'k3', payload: { value: 3 } });
    expect(view.other).toMatchObject({ ok: true, key: 'k2', payload: { value: 2 } });
    // k1 lost its only reference and is gone.
    expect(await store.findByKey('k1')).toBeNull();
  });

  it('answers an undone tweak by flipping to the slot that already holds it', async () => {
    const { store } = await freshStore();
    await store.commit('s1', entry('k1', 1));
    await store.commit('s1', entry('k2', 2));
    const rec = await store.commit('s1', entry('k1', 1));
    expect(rec).toMatchObject({ a: 'k1', b: 'k2', newest: 'a' });
  });

  it('never overwrites a pinned baseline', async () => {
    const { store } = await freshStore();
    await store.commit('s1', entry('base', 0));
    await store.pin('s1', 'a');
    await store.commit('s1', entry('k2', 2));
    const rec = await store.commit('s1', entry('k3', 3));
    expect(rec).toMatchObject({ a: 'base', b: 'k3', newest: 'b', pinned: 'a' });
    await expect(store.pin('s2', 'b')).rejects.toThrow(/holds no result/);
  });

  it('leaves the old state intact when the commit fails between blob write and pointer change', async () => {
    const { store } = await freshStore();
    await store.commit('s1', entry('k1', 1));
    const before = await store.slots('s1');
    await expect(store.commit('s1', entry('k2', 2), { afterBlobWrite: () => { throw new Error('crash'); } })).rejects.toThrow('crash');
    const after = await store.slots('s1');
    expect(after.record).toEqual(before.record);
    expect(await store.findByKey('k2')).toBeNull();
    expect(after.newest).toMatchObject({ ok: true, key: 'k1' });
  });

  it('shares one record between scenarios with the same key and keeps it while referenced', async () => {
    const { store } = await freshStore();
    await store.commit('s1', entry('same', 7));
    await store.commit('s2', entry('same', 7));
    await store.commit('s1', entry('x', 1));
    await store.commit('s1', entry('y', 2)); // s1's slot A (same) is overwritten
    expect(await store.findByKey('same')).toMatchObject({ payload: { value: 7 } });
  });

  it('reports a damaged blob and still shows the other slot', async () => {
    const { db, store } = await freshStore();
    await store.commit('s1', entry('k1', 1));
    await store.commit('s1', entry('k2', 2));
    const stored = (await db.get('results', 'k2'))!;
    stored.blob[stored.blob.length - 2] ^= 0xff;
    await db.put('results', stored);
    const view = await store.slots('s1');
    expect(view.newest).toMatchObject({ ok: false, key: 'k2' });
    expect(view.newest!.ok === false && view.newest!.error).toMatch(/damaged/);
    expect(view.other).toMatchObject({ ok: true, key: 'k1', payload: { value: 1 } });
    expect(await store.findByKey('k2')).toMatchObject({ damaged: expect.stringMatching(/damaged/) });
  });

  it('cleans up by age and by budget, sparing pinned results', async () => {
    let clock = 1_000_000;
    const { store } = await freshStore(() => clock);
    await store.commit('old', entry('o1', 1));
    await store.pin('old', 'a');
    clock += 10;
    await store.commit('old2', entry('o2', 2));
    clock += 100_000;
    await store.commit('new', entry('n1', 3));
    const byAge = await store.cleanup({ maxAgeMs: 50_000 });
    expect(byAge.removed).toEqual(['o2']);
    expect((await store.slots('old2')).record).toMatchObject({ a: null, newest: null });
    expect(await store.findByKey('o1')).not.toBeNull();
    const { storedBytes } = await store.usage();
    const byBudget = await store.cleanup({ budgetBytes: storedBytes - 1 });
    expect(byBudget.removed).toEqual(['n1']);
    expect(await store.findByKey('o1')).not.toBeNull();
  });

  it('frees space and retries once on a quota error, then says the storage is full', async () => {
    const { store } = await freshStore();
    await store.commit('other', entry('victim', 1, 'x'.repeat(2000)));
    const quota = () => {
      const e = new Error('The quota has been exceeded.');
      e.name = 'QuotaExceededError';
      return e;
    };
    let failures = 1;
    const rec = await store.commit('s1', entry('k1', 1), { afterBlobWrite: () => { if (failures-- > 0) throw quota(); } });
    expect(rec).toMatchObject({ a: 'k1', newest: 'a' });
    expect(await store.findByKey('victim')).toBeNull();
    await expect(store.commit('s1', entry('k2', 2), { afterBlobWrite: () => { throw quota(); } })).rejects.toThrow(StorageFullError);
    expect((await store.slots('s1')).newest).toMatchObject({ ok: true, key: 'k1' });
  });
});

describe('storing a key a slot already holds, and usage', () => {
  it('writes the blob again, so a damaged copy is repaired, and reports raw and stored bytes', async () => {
    const { db, store } = await freshStore();
    await store.commit('s1', entry('k1', 1, 'y'.repeat(3000)));
    await store.commit('s1', entry('k2', 2));
    const damaged = (await db.get('results', 'k1'))!;
    damaged.blob[damaged.blob.length - 6] ^= 0xff;
    await db.put('results', damaged);
    expect((await store.slots('s1')).other).toMatchObject({ ok: false, key: 'k1' });
    const rec = await store.commit('s1', entry('k1', 1, 'y'.repeat(3000)));
    expect(rec).toMatchObject({ a: 'k1', b: 'k2', newest: 'a' });
    expect((await store.slots('s1')).newest).toMatchObject({ ok: true, key: 'k1', payload: { value: 1 } });
    expect((await db.get('results', 'k1'))!.refs).toEqual(['s1/a']);
    const usage = await store.usage();
    expect(usage.results).toBe(2);
    expect(usage.damaged).toBe(0);
    expect(usage.rawBytes).toBe(JSON.stringify({ value: 1, pad: 'y'.repeat(3000) }).length + JSON.stringify({ value: 2, pad: '' }).length);
    expect(usage.storedBytes).toBeLessThan(usage.rawBytes);
  });
});

describe('checkpoint store', () => {
  it('round-trips, keeps write order per key, and reports a damaged record instead of trusting it', async () => {
    const { db } = await freshStore();
    const cps = new CheckpointStore<{ name: string }, { runs: number }>(db, '1.0.0');
    void cps.save({ key: 'k1', scenarioId: 's', request: { name: 'one' }, progress: { runs: 10 } });
    // A save then a delete asked for without waiting: the delete must win.
    void cps.save({ key: 'k2', scenarioId: 's', request: { name: 'two' }, progress: null });
    await cps.delete('k2');
    let all = await cps.list();
    expect(all).toEqual([expect.objectContaining({ ok: true, key: 'k1', request: { name: 'one' }, progress: { runs: 10 } })]);
    const rec = (await db.get('checkpoints', 'k1'))!;
    rec.blob[rec.blob.length - 3] ^= 0xff;
    await db.put('checkpoints', rec);
    all = await cps.list();
    expect(all[0]).toMatchObject({ ok: false, key: 'k1', request: { name: 'one' }, error: expect.stringMatching(/damaged/) });
    expect(await cps.count()).toBe(1);
  });
});

describe('stored records checked for shape on read', () => {
  const spec = FIXTURE_SCENARIO;
  const result = (runs: number) => ({
    scenarioName: 'Fixture', aggregate: simulate(spec, 1, runs), layout: compileScenario(spec).layout, replays: [], completedAt: 5,
  });
  type Payload = ReturnType<typeof result>;
  const resultEntry = (key: string, payload: unknown): NewResult<Payload> => ({
    key, runs: 100, seed: 1, engineVersion: '1.0.0', victoryHalfWidth: 0.05, payload: payload as Payload,
  });
  async function resultStore() {
    const db = await openDatabase(`shape-${++dbCounter}-${Date.now()}`);
    return { db, store: new SlotStore<Payload>(db, undefined, { payloadProblem: resultPayloadProblem }) };
  }

  it('names a blob with a good checksum but not the shape of a result as damaged, and a new run repairs it', async () => {
    const { db, store } = await resultStore();
    await store.commit('s', resultEntry('k', result(100)));
    expect((await store.slots('s')).newest).toMatchObject({ ok: true, key: 'k' });
    // Valid header and checksum, wrong content.
    const record = (await db.get('results', 'k'))!;
    const blob = encodeBlob({ aggregate: { runs: 'lots' } }, '1.0.0');
    await db.put('results', { ...record, blob, storedBytes: blob.length });
    expect(() => decodeBlob(blob)).not.toThrow();
    const view = await store.slots('s');
    expect(view.newest).toMatchObject({ ok: false, key: 'k' });
    const problem = view.newest!.ok ? '' : view.newest!.error;
    expect(problem).toMatch(/^the stored record is damaged: its content is not a result \(/);
    expect(problem).toMatch(/scenarioName|aggregate/);
    expect(await store.findByKey('k')).toEqual({ damaged: problem });
    // Counts that do not add up are caught too.
    const liar = result(100);
    liar.aggregate.dayVictory += 7;
    const lying = encodeBlob(liar, '1.0.0');
    await db.put('results', { ...record, blob: lying, storedBytes: lying.length });
    expect(await store.findByKey('k')).toEqual({ damaged: expect.stringMatching(/do not add up to its runs \(100\)/) });
    // Asking again simulates afresh and commits under the same key: the slot is repaired.
    await store.commit('s', resultEntry('k', result(100)));
    expect((await store.slots('s')).newest).toMatchObject({ ok: true, key: 'k', payload: { scenarioName: 'Fixture' } });
  });

  it('reads a result stored before the day-level "someone goes down" count, and rejects one whose new counts disagree', () => {
    const older = result(100);
    delete older.aggregate.anyDownRuns;
    delete older.layout.partyActionLimited;
    expect(resultPayloadProblem(older)).toBeNull();
    const tooMany = result(100);
    tooMany.aggregate.anyDownRuns = 101;
    expect(resultPayloadProblem(tooMany)).toMatch(/anyDownRuns: 101 is more than its runs \(100\)/);
    const misshapen = result(100);
    misshapen.layout.partyActionLimited = [[true]];
    expect(resultPayloadProblem(misshapen)).toMatch(/partyActionLimited: does not match/);
  });

  it('names a damaged slot record and overwrites it with the next result', async () => {
    const { db, store } = await resultStore();
    await db.put('slots', { scenarioId: 's', a: 5, b: null, newest: 'z', pinned: null, updatedAt: 1 } as never);
    const view = await store.slots('s');
    expect(view.newest).toMatchObject({ ok: false, error: expect.stringMatching(/^the scenario's slot record is damaged \(a: /) });
    const next = await store.commit('s', resultEntry('k1', result(50)));
    expect(next).toMatchObject({ a: 'k1', b: null, newest: 'a' });
    expect((await store.slots('s')).newest).toMatchObject({ ok: true, key: 'k1' });
  });

  it('commits over a result record whose fields are damaged', async () => {
    const { db, store } = await resultStore();
    await store.commit('s', resultEntry('k', result(50)));
    const record = (await db.get('results', 'k'))!;
    await db.put('results', { ...record, refs: 'not a list' } as never);
    expect(await store.findByKey('k')).toEqual({ damaged: expect.stringMatching(/^the stored record is damaged \(refs: /) });
    await store.commit('s', resultEntry('k', result(50)));
    expect(await store.findByKey('k')).toMatchObject({ payload: { scenarioName: 'Fixture' } });
    expect((await db.get('results', 'k'))!.refs).toEqual(['s/a']);
  });
});
