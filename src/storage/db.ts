// The one IndexedDB database of the app, opened through idb. Schema changes are numbered
// migrations run on open; each step checks before it creates, so running one twice is harmless.

import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';

export const DB_NAME = 'encounter-lab';
export const DB_VERSION = 2;

export type SlotName = 'a' | 'b';

export interface StoredResult {
  /** The request key: hash of canonical scenario, run settings and engine version. */
  key: string;
  createdAt: number;
  runs: number;
  seed: number;
  engineVersion: string;
  /** Half-width of the 95% interval on party victory that the stored runs achieve. */
  victoryHalfWidth: number;
  /** Slots that point here, as "scenarioId/slot"; the result goes when none is left. */
  refs: string[];
  blob: Uint8Array;
  storedBytes: number;
}

export interface SlotRecord {
  scenarioId: string;
  a: string | null;
  b: string | null;
  newest: SlotName | null;
  /** A pinned slot is the baseline: it is never overwritten. */
  pinned: SlotName | null;
  updatedAt: number;
}

export interface CheckpointRecord {
  key: string;
  scenarioId: string;
  updatedAt: number;
  /** Everything needed to resume: the request as submitted and what is done. */
  request: unknown;
  blob: Uint8Array;
}

/** A saved scenario in the library: the scenario file as the user would export it. */
export interface LibraryRecord {
  id: string;
  name: string;
  /** The scenario in the project's file format (what toScenarioDocument writes). */
  document: unknown;
  /** The editor's notes beside the scenario (templates, monster sources); checked by the editor when read. */
  editor?: unknown;
  createdAt: number;
  updatedAt: number;
  /** Counts the saves of this record (absent in records from before it was kept: read as 0). */
  revision?: number;
}

export interface EncounterLabDB extends DBSchema {
  results: { key: string; value: StoredResult; indexes: { byCreated: number } };
  slots: { key: string; value: SlotRecord };
  checkpoints: { key: string; value: CheckpointRecord };
  library: { key: string; value: LibraryRecord; indexes: { byUpdated: number } };
}

type UpgradeTx = IDBPTransaction<EncounterLabDB, ArrayLike<StoreNames<EncounterLabDB>>, 'versionchange'>;

/** Migration n brings a database from version n-1 to n. */
export const MIGRATIONS: Record<number, (db: IDBPDatabase<EncounterLabDB>, tx: UpgradeTx) => void> = {
  1: (db, tx) => {
    if (!db.objectStoreNames.contains('results')) db.createObjectStore('results', { keyPath: 'key' });
    const results = tx.objectStore('results');
    if (!results.indexNames.contains('byCreated')) results.createIndex('byCreated', 'createdAt');
    if (!db.objectStoreNames.contains('slots')) db.createObjectStore('slots', { keyPath: 'scenarioId' });
    if (!db.objectStoreNames.contains('checkpoints')) db.createObjectStore('checkpoints', { keyPath: 'key' });
  },
  2: (db, tx) => {
    if (!db.objectStoreNames.contains('library')) db.createObjectStore('library', { keyPath: 'id' });
    const library = tx.objectStore('library');
    if (!library.indexNames.contains('byUpdated')) library.createIndex('byUpdated', 'updatedAt');
  },
};

export function openDatabase(name = DB_NAME, version = DB_VERSION): Promise<IDBPDatabase<EncounterLabDB>> {
  return openDB<EncounterLabDB>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion + 1; v <= (newVersion ?? version); v++) {
        const step = MIGRATIONS[v];
        if (!step) throw new Error(`No migration to database version ${v}`);
        step(db, tx);
      }
    },
    blocked() {
      // Another tab holds an older version open; it is asked to close in its versionchange handler.
    },
  });
}
