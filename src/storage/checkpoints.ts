// Checkpoints: the persisted queue. Every request that is queued, running or paused has one record,
// keyed by its request key: the request as submitted (scenario, settings, priority, state) in the
// clear, and what it has finished so far (its done run ranges and merged aggregate) in a blob of the
// same versioned, checksummed format as results. A record whose blob cannot be read is reported and
// resumed from zero, never trusted. Writes go through one chain so a save queued before a delete
// of the same key can never land after it.

import type { IDBPDatabase } from 'idb';
import { BlobError, decodeBlob, encodeBlob } from './blob-codec.ts';
import type { CheckpointRecord, EncounterLabDB } from './db.ts';

export interface CheckpointEntry<R, P> {
  key: string;
  scenarioId: string;
  /** The request as submitted: enough to queue it again. */
  request: R;
  /** What is done so far, or null when nothing is. */
  progress: P | null;
}

export type LoadedCheckpoint<R, P> =
  | ({ ok: true; updatedAt: number } & CheckpointEntry<R, P>)
  | { ok: false; key: string; scenarioId: string; updatedAt: number; request: R; error: string };

export class CheckpointStore<R, P> {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: IDBPDatabase<EncounterLabDB>,
    private readonly engineVersion: string,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Replaces the checkpoint of this key. Resolves once written; rejects with the browser's error. */
  save(entry: CheckpointEntry<R, P>): Promise<void> {
    // Encode now, so the record reflects the moment of the call, not the moment of the write.
    const record: CheckpointRecord = {
      key: entry.key, scenarioId: entry.scenarioId, updatedAt: this.now(), request: entry.request,
      blob: encodeBlob(entry.progress, this.engineVersion),
    };
    return this.enqueue(() => this.db.put('checkpoints', record).then(() => undefined));
  }

  delete(key: string): Promise<void> {
    return this.enqueue(() => this.db.delete('checkpoints', key));
  }

  /** Waits for every write asked for so far. */
  async settled(): Promise<void> {
    await this.chain.catch(() => undefined);
  }

  /** Every checkpoint, oldest first; damaged ones are returned with the reason. */
  async list(): Promise<Array<LoadedCheckpoint<R, P>>> {
    await this.settled();
    const all = await this.db.getAll('checkpoints');
    all.sort((a, b) => a.updatedAt - b.updatedAt);
    return all.map((rec) => {
      const request = rec.request as R;
      try {
        const progress = decodeBlob<P | null>(rec.blob).payload;
        return { ok: true, key: rec.key, scenarioId: rec.scenarioId, updatedAt: rec.updatedAt, request, progress };
      } catch (e) {
        return { ok: false, key: rec.key, scenarioId: rec.scenarioId, updatedAt: rec.updatedAt, request, error: e instanceof BlobError ? e.message : String(e) };
      }
    });
  }

  async count(): Promise<number> {
    return this.db.count('checkpoints');
  }

  private enqueue<T>(write: () => Promise<T>): Promise<T> {
    const next = this.chain.catch(() => undefined).then(write);
    this.chain = next;
    return next;
  }
}
