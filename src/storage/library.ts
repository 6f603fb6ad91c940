// The library of saved scenarios: save, rename, duplicate, delete, list by last change, and the
// whole library exported or imported as one file. Every scenario that comes in, from a file or
// from the database itself, goes through the scenario loader, so a bad one is reported by name
// and never enters the app.

import type { IDBPDatabase } from 'idb';
import { canonicalJson, loadScenarioJson, ScenarioError, toScenarioDocument, type LoadedScenario } from '../scenario/index.ts';
import type { EncounterLabDB, LibraryRecord } from './db.ts';

export const LIBRARY_FORMAT = 'encounter-lab/library';
export const LIBRARY_VERSION = 1;
const MAX_LIBRARY_BYTES = 20 * 1024 * 1024;

export interface LibraryEntry {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  /** Which save of the record this is; a tab passes it back as the revision its next save builds on. */
  revision: number;
  /**
   * Set when the save was kept as a new scenario because the record had changed (in another tab)
   * since the revision the save built on: the record it would have overwritten, as it is now.
   */
  savedAsCopyOf?: { id: string; name: string };
}

export interface LibraryImportReport {
  imported: LibraryEntry[];
  /** One sentence per scenario that could not be imported, naming it and the problem. */
  problems: string[];
}

export class LibraryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LibraryError';
  }
}

const newId = (): string => globalThis.crypto.randomUUID();
const entryOf = (r: LibraryRecord): LibraryEntry => ({ id: r.id, name: r.name, createdAt: r.createdAt, updatedAt: r.updatedAt, revision: r.revision ?? 0 });
const COPY_SUFFIX = ' (from another tab)';

export class ScenarioLibrary {
  constructor(
    private readonly db: IDBPDatabase<EncounterLabDB>,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Newest change first. */
  async list(): Promise<LibraryEntry[]> {
    const all = await this.db.getAllFromIndex('library', 'byUpdated');
    return all.reverse().map(entryOf);
  }

  /**
   * Saves a new scenario, or replaces the one with this id (autosave). Returns its entry. With
   * `baseRevision`, the revision the caller opened or last saved: when the record has been saved
   * since (by another tab), nothing is overwritten and the scenario is saved as a new one instead,
   * which the entry's `savedAsCopyOf` says. The check and the write are one transaction.
   */
  async save(scenario: Pick<LoadedScenario, 'name' | 'spec' | 'run'>, id?: string, editor?: unknown, baseRevision?: number): Promise<LibraryEntry> {
    const tx = this.db.transaction('library', 'readwrite');
    const existing = id ? await tx.store.get(id) : undefined;
    const t = this.now();
    const stale = existing !== undefined && baseRevision !== undefined && (existing.revision ?? 0) !== baseRevision;
    // A stale save of the very scenario that is stored loses nothing: it simply catches up.
    if (stale && canonicalJson(toScenarioDocument(scenario.name, scenario.spec, scenario.run)) === canonicalJson(existing.document)) {
      await tx.done;
      return entryOf(existing);
    }
    const conflict = stale;
    const name = conflict && scenario.name === existing.name ? `${scenario.name}${COPY_SUFFIX}`.slice(0, 200) : scenario.name;
    const record: LibraryRecord = {
      id: conflict || !id ? newId() : id,
      name,
      document: toScenarioDocument(name, scenario.spec, scenario.run),
      ...(editor !== undefined ? { editor } : {}),
      createdAt: conflict ? t : existing?.createdAt ?? t,
      updatedAt: t,
      revision: conflict ? 1 : (existing?.revision ?? 0) + 1,
    };
    await tx.store.put(record);
    await tx.done;
    const entry = entryOf(record);
    return conflict ? { ...entry, savedAsCopyOf: { id: existing.id, name: existing.name } } : entry;
  }

  /** Loads a saved scenario through the scenario loader; a damaged record is a clear error. */
  async open(id: string): Promise<LoadedScenario & { id: string; editor: unknown; revision: number }> {
    const record = await this.db.get('library', id);
    if (!record) throw new LibraryError('That scenario is no longer in the library (it may have been deleted in another tab).');
    try {
      return { ...loadScenarioJson(record.document, `saved scenario "${record.name}"`), id, editor: record.editor, revision: record.revision ?? 0 };
    } catch (e) {
      if (e instanceof ScenarioError) throw new LibraryError(e.message);
      throw e;
    }
  }

  async rename(id: string, name: string): Promise<LibraryEntry> {
    const trimmed = name.trim();
    if (!trimmed) throw new LibraryError('A scenario needs a name.');
    if (trimmed.length > 200) throw new LibraryError('A scenario name can be at most 200 characters.');
    const tx = this.db.transaction('library', 'readwrite');
    const record = await tx.store.get(id);
    if (!record) throw new LibraryError('That scenario is no longer in the library.');
    const doc = record.document && typeof record.document === 'object' ? { ...(record.document as object), name: trimmed } : record.document;
    const next = { ...record, name: trimmed, document: doc, updatedAt: this.now(), revision: (record.revision ?? 0) + 1 };
    await tx.store.put(next);
    await tx.done;
    return entryOf(next);
  }

  async duplicate(id: string): Promise<LibraryEntry> {
    const tx = this.db.transaction('library', 'readwrite');
    const record = await tx.store.get(id);
    if (!record) throw new LibraryError('That scenario is no longer in the library.');
    const t = this.now();
    const name = `${record.name} (copy)`.slice(0, 200);
    const doc = record.document && typeof record.document === 'object' ? { ...(record.document as object), name } : record.document;
    const copy: LibraryRecord = { id: newId(), name, document: doc, ...(record.editor !== undefined ? { editor: record.editor } : {}), createdAt: t, updatedAt: t, revision: 1 };
    await tx.store.put(copy);
    await tx.done;
    return entryOf(copy);
  }

  async remove(id: string): Promise<void> {
    await this.db.delete('library', id);
  }

  /** The whole library as one file. */
  async exportAll(): Promise<string> {
    const records = (await this.db.getAllFromIndex('library', 'byUpdated')).reverse();
    return `${JSON.stringify({ format: LIBRARY_FORMAT, version: LIBRARY_VERSION, scenarios: records.map((r) => r.document) }, null, 2)}\n`;
  }

  /**
   * Imports a library file (or a single scenario file). Each scenario is validated on its own;
   * the good ones are added as new entries, the bad ones listed. Nothing already saved changes.
   */
  async importAll(text: string, origin = 'library file'): Promise<LibraryImportReport> {
    if (text.length > MAX_LIBRARY_BYTES) {
      throw new LibraryError(`${origin} is ${(text.length / 1048576).toFixed(1)} MB, over the ${MAX_LIBRARY_BYTES / 1048576} MB limit for a library file.`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new LibraryError(`${origin} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    let items: unknown[];
    if (value && typeof value === 'object' && !Array.isArray(value) && (value as { format?: unknown }).format === LIBRARY_FORMAT) {
      const v = value as { version?: unknown; scenarios?: unknown };
      if (v.version !== LIBRARY_VERSION) {
        throw new LibraryError(`${origin} is a library of version ${JSON.stringify(v.version)}, which this version of the app cannot read (it reads version ${LIBRARY_VERSION}).`);
      }
      if (!Array.isArray(v.scenarios)) throw new LibraryError(`${origin}: "scenarios" must be a list.`);
      items = v.scenarios;
    } else {
      items = [value];
    }
    const loaded: Array<LoadedScenario> = [];
    const problems: string[] = [];
    items.forEach((item, i) => {
      try {
        loaded.push(loadScenarioJson(item, `${origin}, scenario ${i + 1}`));
      } catch (e) {
        problems.push(e instanceof Error ? e.message : String(e));
      }
    });
    const imported: LibraryEntry[] = [];
    for (const s of loaded) imported.push(await this.save(s));
    return { imported, problems };
  }
}
