import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../scenario/index.ts';
import { openDatabase } from './db.ts';
import { LibraryError, ScenarioLibrary } from './library.ts';

const duel = loadScenarioText(readFileSync('scenarios/duel.json', 'utf8'), 'duel.json');
const reference = loadScenarioText(readFileSync('scenarios/reference-fight.json', 'utf8'), 'reference-fight.json');

let n = 0;
async function freshLibrary() {
  let clock = 1000;
  const db = await openDatabase(`library-${++n}-${Date.now()}`);
  return { db, library: new ScenarioLibrary(db, () => (clock += 10)) };
}

describe('scenario library', () => {
  it('saves, lists newest change first, opens, renames, duplicates and deletes', async () => {
    const { library } = await freshLibrary();
    const a = await library.save(duel);
    const b = await library.save(reference);
    expect((await library.list()).map((e) => e.id)).toEqual([b.id, a.id]);
    // Autosave of an edit keeps the id and creation time, and moves it to the top.
    const edited = await library.save({ ...duel, name: 'Duel, edited' }, a.id);
    expect(edited).toMatchObject({ id: a.id, createdAt: a.createdAt, name: 'Duel, edited' });
    expect((await library.list()).map((e) => e.id)).toEqual([a.id, b.id]);
    const opened = await library.open(a.id);
    expect(opened.spec).toEqual(duel.spec);
    expect(opened.name).toBe('Duel, edited');
    await library.rename(b.id, '  Orc ambush  ');
    expect((await library.open(b.id)).name).toBe('Orc ambush');
    await expect(library.rename(b.id, '   ')).rejects.toThrow('A scenario needs a name.');
    const copy = await library.duplicate(b.id);
    expect(copy.name).toBe('Orc ambush (copy)');
    expect((await library.open(copy.id)).spec).toEqual(reference.spec);
    await library.remove(b.id);
    expect((await library.list()).map((e) => e.name)).toEqual(['Orc ambush (copy)', 'Duel, edited']);
    await expect(library.open(b.id)).rejects.toThrow(LibraryError);
  });

  it('exports the whole library as one file and imports it into another, reporting bad entries', async () => {
    const first = await freshLibrary();
    await first.library.save(duel);
    await first.library.save(reference);
    const file = await first.library.exportAll();
    const parsed = JSON.parse(file);
    parsed.scenarios.push({ format: 'encounter-lab/scenario', version: 1, name: 'Broken', party: [{ name: 'X', hp: -5 }], encounters: [] });
    const second = await freshLibrary();
    const report = await second.library.importAll(JSON.stringify(parsed), 'my-library.json');
    expect(report.imported.map((e) => e.name).sort()).toEqual([duel.name, reference.name].sort());
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatch(/my-library\.json, scenario 3/);
    expect(report.problems[0]).toMatch(/hp/);
    const names = (await second.library.list()).map((e) => e.name).sort();
    expect(names).toEqual([duel.name, reference.name].sort());
  });

  it('refuses files that are not JSON or of a future version, and changes nothing', async () => {
    const { library } = await freshLibrary();
    await library.save(duel);
    await expect(library.importAll('{ nope', 'x.json')).rejects.toThrow(/x\.json is not valid JSON/);
    await expect(library.importAll(JSON.stringify({ format: 'encounter-lab/library', version: 7, scenarios: [] }), 'x.json')).rejects.toThrow(/version 7/);
    expect(await library.list()).toHaveLength(1);
  });

  it('reports a damaged saved record by name instead of opening it', async () => {
    const { db, library } = await freshLibrary();
    const e = await library.save(duel);
    const record = (await db.get('library', e.id))!;
    await db.put('library', { ...record, document: { format: 'encounter-lab/scenario', version: 1, party: 'not a list' } });
    await expect(library.open(e.id)).rejects.toThrow(/saved scenario/);
  });
});

describe('saves from two tabs', () => {
  it('keeps a save built on an old revision as a new scenario, and overwrites nothing', async () => {
    const { library } = await freshLibrary();
    const saved = await library.save(duel);
    expect(saved.revision).toBe(1);
    // Two tabs opened revision 1; the first saves over it.
    const first = await library.save({ ...duel, name: 'First' }, saved.id, undefined, 1);
    expect(first).toMatchObject({ id: saved.id, revision: 2 });
    expect(first.savedAsCopyOf).toBeUndefined();
    // The second, still on revision 1, does not overwrite the first's change (same name, other fight).
    const second = await library.save({ ...reference, name: 'First' }, saved.id, undefined, 1);
    expect(second.id).not.toBe(saved.id);
    expect(second).toMatchObject({ name: 'First (from another tab)', revision: 1, savedAsCopyOf: { id: saved.id, name: 'First' } });
    expect((await library.open(second.id)).name).toBe('First (from another tab)');
    expect((await library.open(saved.id)).revision).toBe(2);
    // A save without a revision (a new scenario, or a caller that does not track them) is unchanged.
    expect((await library.save({ ...duel, name: 'Again' }, saved.id)).revision).toBe(3);
    expect((await library.rename(saved.id, 'Renamed')).revision).toBe(4);
  });
});

describe('a save on an old revision with the same content', () => {
  it('is not a conflict: nothing is copied', async () => {
    const { library } = await freshLibrary();
    const saved = await library.save(duel);
    await library.save({ ...duel, name: 'Changed' }, saved.id, undefined, 1);
    const same = await library.save({ ...duel, name: 'Changed' }, saved.id, undefined, 1);
    expect(same).toMatchObject({ id: saved.id, revision: 2 });
    expect(same.savedAsCopyOf).toBeUndefined();
    expect(await library.list()).toHaveLength(1);
  });
});
