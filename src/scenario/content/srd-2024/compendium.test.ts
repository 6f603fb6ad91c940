// The generated SRD 5.2 bestiary loads through its loader, the same way the app gets it, and
// searches like the SRD 5.1 compendium.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulationProblem } from '../srd/stat-block.ts';
import { compendium2024FromData, Compendium2024Error, loadCompendium2024 } from './compendium.ts';

const file = JSON.parse(readFileSync(new URL('./srd-2024-monsters.json', import.meta.url), 'utf8')) as { header: Record<string, unknown>; monsters: unknown[] };

describe('SRD 5.2 bestiary', () => {
  it('loads lazily with every creature, the licence and its credit line', async () => {
    const c = await loadCompendium2024();
    expect({ count: c.monsters.length, problems: c.problems, source: c.header.source, licence: c.header.licence })
      .toEqual({ count: 331, problems: [], source: 'SRD 5.2', licence: 'CC-BY-4.0' });
    expect(c.header.attribution).toMatch(/System Reference Document 5\.2.*Creative Commons Attribution 4\.0/);
    expect(await loadCompendium2024()).toBe(c);
  });

  it('searches by name, CR and type', async () => {
    const c = await loadCompendium2024();
    expect(c.search('red dragon').map((m) => m.id).slice(0, 1)).toEqual(['red-dragon-wyrmling']);
    expect(c.search('dragon', { type: 'dragon', crMin: 17, crMax: 17 }).map((m) => m.id)).toEqual(['dragon-turtle', 'adult-gold-dragon', 'adult-red-dragon']);
    expect(c.byId('goblin-warrior')?.cr).toBe(0.25);
    expect(c.types).toContain('fey');
  });

  it('keeps the 2024 legendary limits, Undead Fortitude, Death Burst and effects that stop healing through the stored form, and every creature compiles', async () => {
    const c = await loadCompendium2024();
    const rays = c.byId('adult-red-dragon')!.creature.legendary!.actions.find((l) => l.action.name.startsWith('Fiery Rays'))!;
    expect(rays.oncePerRound).toBe(true);
    expect(c.byId('zombie')!.creature.traits?.undeadFortitude).toBe(true);
    const beard = c.byId('bearded-devil')!.creature.actions.find((a) => a.name === 'Beard');
    expect(beard?.type === 'attack' && beard.effect?.preventsHealing).toBe(true);
    expect(c.byId('magma-mephit')!.creature.deathBurst).toMatchObject({ dc: 11, damage: '2d6', damageType: 'fire' });
    expect(c.monsters.map((m) => simulationProblem(m.creature)).filter((p) => p !== null)).toEqual([]);
  });

  it('refuses a file with another header, and reports a broken record without losing the rest', () => {
    expect(() => compendium2024FromData({ header: { ...file.header, format: 'other' }, monsters: [] })).toThrow(Compendium2024Error);
    const c = compendium2024FromData({ ...file, monsters: [{ name: 'Broken' }, ...file.monsters.slice(0, 2)] });
    expect({ count: c.monsters.length, problems: c.problems.length }).toEqual({ count: 2, problems: 1 });
  });
});
