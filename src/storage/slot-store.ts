// The slot store: each scenario keeps its newest result and the one before it (or a pinned
// baseline) in two slots. The result blob and the "newest" pointer change in one transaction, so a
// crash at any moment leaves either the old state or the new one. Results are shared by key: the
// same request key stored for two scenarios is one record with two references. Everything read
// back is checked for shape (record-schema.ts) as well as checksum: a damaged slot record or result
// is reported and overwritten by the next commit, never trusted.

import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { BlobError, decodeBlob, encodeBlob, readBlobInfo } from './blob-codec.ts';
import type { EncounterLabDB, SlotName, SlotRecord, StoredResult } from './db.ts';
import { slotRecordProblem, storedResultProblem, trustedResult } from './record-schema.ts';

export interface SlotStoreOptions {
  /** What is wrong with a decoded payload, or null (record-schema.ts has the one for results). */
  payloadProblem?: (payload: unknown) => string | null;
}

export interface NewResult<P> {
  key: string;
  runs: number;
  seed: number;
  engineVersion: string;
  victoryHalfWidth: number;
  payload: P;
}

export type SlotContent<P> =
  | { ok: true; slot: SlotName; key: string; result: StoredResult; payload: P }
  | { ok: false; slot: SlotName; key: string; error: string };

export interface SlotView<P> {
  record: SlotRecord;
  newest: SlotContent<P> | null;
  /** The other slot: the previous result, or the pinned baseline. */
  other: SlotContent<P> | null;
}

export class StorageFullError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageFullError';
  }
}

/** Test seam: runs inside the commit transaction after the blob is written. */
export interface CommitHooks {
  afterBlobWrite?: () => void;
}

const other = (s: SlotName): SlotName => (s === 'a' ? 'b' : 'a');
const ref = (scenarioId: string, slot: SlotName) => `${scenarioId}/${slot}`;
const emptySlots = (scenarioId: string): SlotRecord => ({ scenarioId, a: null, b: null, newest: null, pinned: null, updatedAt: 0 });

function isQuotaError(e: unknown): boolean {
  return e instanceof Error && (e.name === 'QuotaExceededError' || /quota/i.test(e.message));
}

/** A slot record that can be trusted: a damaged one reads as empty, so the next commit overwrites it. */
const trustedSlots = (record: SlotRecord | undefined, scenarioId: string): SlotRecord =>
  record && slotRecordProblem(record) === null ? record : emptySlots(scenarioId);

export class SlotStore<P = unknown> {
  constructor(
    private readonly db: IDBPDatabase<EncounterLabDB>,
    private readonly now: () => number = () => Date.now(),
    private readonly options: SlotStoreOptions = {},
  ) {}

  /** Decodes a stored result and checks its shape; throws a BlobError naming what is wrong. */
  private decode(result: StoredResult): P {
    const recordProblem = storedResultProblem(result);
    if (recordProblem) throw new BlobError(recordProblem);
    const payload = decodeBlob<P>(result.blob).payload;
    const problem = this.options.payloadProblem?.(payload) ?? null;
    if (problem) throw new BlobError(problem);
    return payload;
  }

  /** A stored result for this key, decoded; a damaged one is reported as such, never returned. */
  async findByKey(key: string): Promise<{ result: StoredResult; payload: P } | { damaged: string } | null> {
    const result = await this.db.get('results', key);
    if (!result) return null;
    try {
      return { result, payload: this.decode(result) };
    } catch (e) {
      return { damaged: e instanceof BlobError ? e.message : String(e) };
    }
  }

  /** Stores a finished result as the scenario's newest; returns the slot record after the flip. */
  async commit(scenarioId: string, entry: NewResult<P>, hooks: CommitHooks = {}): Promise<SlotRecord> {
    const blob = encodeBlob(entry.payload, entry.engineVersion);
    try {
      return await this.commitBlob(scenarioId, entry, blob, hooks);
    } catch (e) {
      if (!isQuotaError(e)) throw e;
      // Out of space: free the oldest unpinned results (not this scenario's) and try once more.
      await this.evictOldest(blob.length * 2, scenarioId);
      try {
        return await this.commitBlob(scenarioId, entry, blob, hooks);
      } catch (again) {
        if (isQuotaError(again)) {
          throw new StorageFullError('The browser has no room left to store this result, even after removing old ones. Free some space or remove saved results; the result is still shown until you leave.');
        }
        throw again;
      }
    }
  }

  private async commitBlob(scenarioId: string, entry: NewResult<P>, blob: Uint8Array, hooks: CommitHooks): Promise<SlotRecord> {
    const tx = this.db.transaction(['results', 'slots'], 'readwrite');
    // An exception in our code does not abort an IndexedDB transaction by itself: requests already
    // made would commit. Abort explicitly so a failure anywhere leaves the old state whole.
    const done = tx.done;
    done.catch(() => undefined);
    try {
      const next = await this.flip(tx, scenarioId, entry, blob, hooks);
      await done;
      return next;
    } catch (e) {
      try {
        tx.abort();
      } catch {
        // Already finished or aborted.
      }
      throw e;
    }
  }

  private async flip(
    tx: IDBPTransaction<EncounterLabDB, ['results', 'slots'], 'readwrite'>,
    scenarioId: string, entry: NewResult<P>, blob: Uint8Array, hooks: CommitHooks,
  ): Promise<SlotRecord> {
    const results = tx.objectStore('results');
    const slots = tx.objectStore('slots');
    const record = trustedSlots(await slots.get(scenarioId), scenarioId);
    // The same key already in a slot: make that slot the newest (an undone tweak). Its blob is
    // written again from the fresh payload, so a stored copy that was damaged is repaired.
    const existing: SlotName | null = record.a === entry.key ? 'a' : record.b === entry.key ? 'b' : null;
    if (existing && record.pinned !== existing) {
      const prior = trustedResult(await results.get(entry.key));
      await results.put({
        key: entry.key, createdAt: this.now(), runs: entry.runs, seed: entry.seed, engineVersion: entry.engineVersion,
        victoryHalfWidth: entry.victoryHalfWidth, refs: [...new Set([...(prior?.refs ?? []), ref(scenarioId, existing)])],
        blob, storedBytes: blob.length,
      });
      hooks.afterBlobWrite?.();
      const next = { ...record, newest: existing, updatedAt: this.now() };
      await slots.put(next);
      return next;
    }
    const target: SlotName = record.pinned ? other(record.pinned) : record.newest ? other(record.newest) : 'a';
    const replaced = record[target];
    if (replaced && replaced !== entry.key) {
      const old = trustedResult(await results.get(replaced));
      if (old) {
        old.refs = old.refs.filter((r) => r !== ref(scenarioId, target));
        if (old.refs.length === 0) await results.delete(replaced);
        else await results.put(old);
      }
    }
    const prior = trustedResult(await results.get(entry.key));
    const stored: StoredResult = {
      key: entry.key,
      createdAt: this.now(),
      runs: entry.runs,
      seed: entry.seed,
      engineVersion: entry.engineVersion,
      victoryHalfWidth: entry.victoryHalfWidth,
      refs: [...new Set([...(prior?.refs ?? []), ref(scenarioId, target)])],
      blob,
      storedBytes: blob.length,
    };
    await results.put(stored);
    hooks.afterBlobWrite?.();
    const next: SlotRecord = { ...record, [target]: entry.key, newest: target, updatedAt: this.now() };
    await slots.put(next);
    return next;
  }

  async slots(scenarioId: string): Promise<SlotView<P>> {
    const stored = await this.db.get('slots', scenarioId);
    const recordProblem = stored ? slotRecordProblem(stored) : null;
    if (recordProblem) {
      // Shown where the newest result would be; the next result of the scenario overwrites the record.
      return { record: emptySlots(scenarioId), newest: { ok: false, slot: 'a', key: '', error: recordProblem }, other: null };
    }
    const record = stored ?? emptySlots(scenarioId);
    const read = async (slot: SlotName): Promise<SlotContent<P> | null> => {
      const key = record[slot];
      if (!key) return null;
      const result = await this.db.get('results', key);
      if (!result) return { ok: false, slot, key, error: 'the stored result is missing' };
      try {
        return { ok: true, slot, key, result, payload: this.decode(result) };
      } catch (e) {
        return { ok: false, slot, key, error: e instanceof Error ? e.message : String(e) };
      }
    };
    const newest = record.newest ? await read(record.newest) : null;
    const rest = record.newest ? await read(other(record.newest)) : null;
    return { record, newest, other: rest };
  }

  /** Pins a slot as the baseline (or unpins with null). */
  async pin(scenarioId: string, slot: SlotName | null): Promise<SlotRecord> {
    const tx = this.db.transaction('slots', 'readwrite');
    const record = trustedSlots(await tx.store.get(scenarioId), scenarioId);
    if (slot && !record[slot]) throw new Error(`Slot ${slot.toUpperCase()} of this scenario holds no result to pin`);
    const next = { ...record, pinned: slot, updatedAt: this.now() };
    await tx.store.put(next);
    await tx.done;
    return next;
  }

  /**
   * Results kept, their stored (compressed) bytes, and the raw bytes their headers declare; a
   * record whose header cannot be read counts as damaged and adds nothing to rawBytes.
   */
  async usage(): Promise<{ results: number; storedBytes: number; rawBytes: number; damaged: number }> {
    let storedBytes = 0, results = 0, rawBytes = 0, damaged = 0;
    let cursor = await this.db.transaction('results').store.openCursor();
    while (cursor) {
      results++;
      storedBytes += cursor.value.storedBytes;
      try {
        rawBytes += readBlobInfo(cursor.value.blob).rawBytes;
      } catch {
        damaged++;
      }
      cursor = await cursor.continue();
    }
    return { results, storedBytes, rawBytes, damaged };
  }

  /**
   * Removes unpinned results older than maxAgeMs, then the oldest unpinned ones until the total is
   * within budgetBytes. Slots that pointed at a removed result are cleared in the same transaction.
   */
  async cleanup(options: { maxAgeMs?: number; budgetBytes?: number; protect?: Set<string> }): Promise<{ removed: string[]; freedBytes: number }> {
    const tx = this.db.transaction(['results', 'slots'], 'readwrite');
    const results = tx.objectStore('results');
    const slots = tx.objectStore('slots');
    const keep = new Set(options.protect ?? []);
    for (const s of await slots.getAll()) if (s.pinned && s[s.pinned]) keep.add(s[s.pinned]!);
    const all = await results.index('byCreated').getAll(); // oldest first
    let total = all.reduce((sum, r) => sum + r.storedBytes, 0);
    const cutoff = options.maxAgeMs !== undefined ? this.now() - options.maxAgeMs : -Infinity;
    const removed: string[] = [];
    let freedBytes = 0;
    for (const r of all) {
      if (keep.has(r.key)) continue;
      const tooOld = r.createdAt < cutoff;
      const overBudget = options.budgetBytes !== undefined && total > options.budgetBytes;
      if (!tooOld && !overBudget) continue;
      await results.delete(r.key);
      removed.push(r.key);
      freedBytes += r.storedBytes;
      total -= r.storedBytes;
      for (const refText of Array.isArray(r.refs) ? r.refs : []) {
        const cut = refText.lastIndexOf('/');
        const scenarioId = refText.slice(0, cut);
        const slot = refText.slice(cut + 1) as SlotName;
        const s = await slots.get(scenarioId);
        if (!s || s[slot] !== r.key) continue;
        const next: SlotRecord = { ...s, [slot]: null, updatedAt: this.now() };
        if (next.newest === slot) next.newest = next[other(slot)] ? other(slot) : null;
        await slots.put(next);
      }
    }
    await tx.done;
    return { removed, freedBytes };
  }

  /** Frees about `bytesWanted`, sparing the given scenario's newest result and every pinned one. */
  private async evictOldest(bytesWanted: number, keepScenario: string): Promise<void> {
    const { storedBytes } = await this.usage();
    const keep = await this.db.get('slots', keepScenario);
    const protect = new Set<string>();
    if (keep?.newest && keep[keep.newest]) protect.add(keep[keep.newest]!);
    await this.cleanup({ budgetBytes: Math.max(0, storedBytes - bytesWanted), protect });
  }
}
