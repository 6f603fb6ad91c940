// The pool filters: their syntax, and a message naming the filter that matches no monster, on the
// SRD 5.1 and 5.2 compendiums as built into the app.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compendiumFromData } from '../content/srd/compendium.ts';
import { compendium2024FromData } from '../content/srd-2024/compendium.ts';
import { describePoolFilter, parsePoolFilter, poolFrom, type Bestiary } from './encounter-pool.ts';

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as unknown;
const books: Bestiary[] = [
  { source: 'SRD 5.1', edition: '2014', compendium: compendiumFromData(read('../content/srd/srd-monsters.json')) },
  { source: 'SRD 5.2', edition: '2024', compendium: compendium2024FromData(read('../content/srd-2024/srd-2024-monsters.json')) },
];

describe('the pool filter syntax', () => {
  it('reads every key, ranges and lists', () => {
    expect(parsePoolFilter('cr=1/4-3, type=Undead|fiend, name=ghoul|Ghast, edition=both')).toEqual({
      crMin: 0.25, crMax: 3, types: ['undead', 'fiend'], names: ['ghoul', 'Ghast'], edition: 'both',
    });
    expect(parsePoolFilter('cr=2')).toMatchObject({ crMin: 2, crMax: 2 });
    expect(parsePoolFilter('cr=-1/2')).toMatchObject({ crMin: null, crMax: 0.5 });
    expect(parsePoolFilter('cr=5-')).toMatchObject({ crMin: 5, crMax: null });
    expect(describePoolFilter(parsePoolFilter('cr=1/4-3,type=undead'))).toBe('cr=1/4-3,type=undead');
  });

  it('names what is wrong', () => {
    expect(() => parsePoolFilter('')).toThrow('the pool filter is empty');
    expect(() => parsePoolFilter('undead')).toThrow('"undead" is not key=value; the keys are cr, type, name and edition');
    expect(() => parsePoolFilter('colour=red')).toThrow('unknown pool filter "colour" in "colour=red"');
    expect(() => parsePoolFilter('cr=1-banana')).toThrow('"cr=1-banana": "banana" is not a challenge rating');
    expect(() => parsePoolFilter('cr=5-1')).toThrow('"cr=5-1": the lowest challenge rating is above the highest');
    expect(() => parsePoolFilter('cr=31')).toThrow('"31" is not a challenge rating');
    expect(() => parsePoolFilter('type=')).toThrow('"type=" has no value');
    expect(() => parsePoolFilter('type=undead,type=fiend')).toThrow('"type" is given twice; give several values as type=a|b');
    expect(() => parsePoolFilter('edition=2020')).toThrow('the edition is 2014 (SRD 5.1), 2024 (SRD 5.2) or both');
  });
});

describe('the pool from the compendiums', () => {
  it('keeps exactly the monsters that pass every filter, by challenge rating then name', () => {
    const pool = poolFrom(books, parsePoolFilter('cr=1/4-3,type=undead'));
    expect(pool.length).toBeGreaterThan(5);
    expect(pool.every((m) => m.source === 'SRD 5.1' && m.type === 'undead' && m.cr >= 0.25 && m.cr <= 3)).toBe(true);
    const all = books[0].compendium.monsters.filter((m) => m.type.toLowerCase() === 'undead' && m.cr >= 0.25 && m.cr <= 3);
    expect(pool.map((m) => m.name).sort()).toEqual(all.map((m) => m.name).sort());
    expect(pool.map((m) => m.cr)).toEqual([...pool.map((m) => m.cr)].sort((a, b) => a - b));
    const ghoul = pool.find((m) => m.name === 'Ghoul')!;
    expect(ghoul).toMatchObject({ crText: '1', xp: 200, creature: { count: 1, creatureType: 'undead' } });
  });

  it('takes the scenario\'s edition unless told, and both when asked', () => {
    expect(poolFrom(books, parsePoolFilter('name=ghoul'), '2024').map((m) => m.source)).toEqual(['SRD 5.2']);
    expect(poolFrom(books, parsePoolFilter('name=ghoul,edition=both')).map((m) => m.source).sort()).toEqual(['SRD 5.1', 'SRD 5.2']);
  });

  it('names the filter that matches no monster', () => {
    expect(() => poolFrom(books, parsePoolFilter('type=undaed'))).toThrow(/^type=undaed matches no monster of the SRD 5.1; the types are aberration, beast, .*undead$/);
    expect(() => poolFrom(books, parsePoolFilter('name=ghol'))).toThrow('name=ghol matches no monster of the SRD 5.1; did you mean "Ghoul", "Ghost", "Gnoll"?');
    expect(() => poolFrom(books, parsePoolFilter('cr=30,type=undead'))).toThrow('no monster of the SRD 5.1 passes all of cr=30,type=undead together');
    expect(() => poolFrom([books[0]], parsePoolFilter('cr=1,edition=2024'))).toThrow('no compendium of edition 2024 is loaded');
  });
});
