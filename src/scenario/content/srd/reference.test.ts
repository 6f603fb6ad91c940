// Checks the built-in compendium against the reference copy of the 5e SRD API's monster file in
// ../shared (not part of a user's clone: the checks skip with a message when it is absent). The
// expected values are read straight from the reference fields here, not through the converter.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { AttackAction, AttackSpec, SaveAction } from '../../../engine/index.ts';
import { loadCompendium } from './compendium.ts';
import { convertSrdMonster } from './convert.ts';
import { importMonsters } from '../../interop/monster-import.ts';
import { restateSummons, SUMMONS_2014, withoutSummons } from '../summons.ts';
import type { CompendiumMonster } from './types.ts';
import { legendaryResistanceWords } from '../legendary-resistance.ts';

const referencePath = fileURLToPath(new URL('../../../../../shared/reference/srd/5e-SRD-Monsters-2014.json', import.meta.url));
const hasReference = existsSync(referencePath);
if (!hasReference) console.info(`Skipping the SRD reference comparison: ${referencePath} is absent (it is not part of the project).`);

interface RawDamage {
  damage_dice?: string | number;
  damage_type?: { index: string };
  dc?: unknown;
  from?: { options: Array<{ damage_dice?: string }> };
}

interface RawAction {
  name: string;
  desc: string;
  attack_bonus?: number;
  damage?: RawDamage[];
  dc?: { dc_type: { index: string }; dc_value: number; success_type: string };
  options?: unknown;
  attacks?: unknown;
  multiattack_type?: string;
  actions?: Array<{ action_name: string; count: number | string }>;
}

interface RawMonster {
  index: string;
  name: string;
  armor_class: Array<{ type: string; value: number }>;
  hit_points: number;
  hit_points_roll: string;
  challenge_rating: number;
  xp: number;
  actions?: RawAction[];
}

// Where the compendium deliberately differs from the reference data, following the stat block's
// own text (the converter notes each one when it builds the compendium).
const DAMAGE_CORRECTIONS: Record<string, string> = {
  // "Hit: 15 (2d6 + 8) bludgeoning damage plus 21 (6d6) fire damage": the data drops the fire.
  'pit-fiend/Mace': '2d6+8+6d6',
  // The 1d12 acid is the disease's damage every 10 minutes, not the hit's.
  'aboleth/Tentacle': '2d6+5',
};

/** The hit's damage as the reference lists it: plain entries, the first option of a choice, no save riders. */
function referenceDamage(a: RawAction): string | null {
  const dice: string[] = [];
  for (const d of a.damage ?? []) {
    if (d.dc !== undefined) continue;
    if (d.damage_dice !== undefined) dice.push(String(d.damage_dice));
    else if (d.from && d.from.options.length > 0 && d.from.options[0].damage_dice) dice.push(d.from.options[0].damage_dice);
  }
  return dice.length > 0 ? dice.join('+') : null;
}

/** The everyday armour class: the best value that needs no spell or condition. */
function referenceAc(m: RawMonster): number {
  const everyday = m.armor_class.filter((a) => a.type !== 'spell' && a.type !== 'condition');
  return Math.max(...everyday.map((a) => a.value));
}

const loose = (s: string): string => s.toLowerCase().replace(/\(.*?\)/g, '').replace(/[^a-z ]/g, '').trim().replace(/s$/, '');

/** Collects "where: what was found, what the reference says" for every difference. */
function differences() {
  const found: string[] = [];
  return {
    found,
    check(where: string, actual: unknown, expected: unknown): void {
      if (!isDeepStrictEqual(actual, expected)) found.push(`${where}: ${JSON.stringify(actual)}, reference ${JSON.stringify(expected)}`);
    },
  };
}

/** An attack's dice, its damage of other types after its own: "2d10+8" plus 2d6 fire is "2d10+8+2d6". */
function allDamage(a: AttackSpec): string {
  return [a.damage, ...(a.extraDamage ?? []).map((x) => x.damage)].join('+');
}

describe.skipIf(!hasReference)('the compendium against the SRD reference file', () => {
  const reference = hasReference ? JSON.parse(readFileSync(referencePath, 'utf8')) as RawMonster[] : [];

  it('holds every one of the reference monsters', async () => {
    const c = await loadCompendium();
    expect(reference).toHaveLength(334);
    expect(c.monsters.map((m) => m.id).sort()).toEqual(reference.map((m) => m.index).sort());
  });

  it('has every monster\'s AC, HP, CR and XP as the reference gives them', async () => {
    const c = await loadCompendium();
    const d = differences();
    for (const raw of reference) {
      const m = c.byId(raw.index)!;
      // The creature fights with Mage Armor already cast when its stat block gives that AC.
      const entries = (Array.isArray(raw.armor_class) ? raw.armor_class : []) as Array<{ type?: string; value: number; spell?: { name?: string } }>;
      const withSpell = entries.find((e) => e.type === 'spell' && /mage armor/i.test(e.spell?.name ?? ''))?.value;
      d.check(`${raw.index} AC`, [m.ac, m.creature.ac], [referenceAc(raw), withSpell ?? referenceAc(raw)]);
      d.check(`${raw.index} HP`, [m.hp, m.creature.hp], [raw.hit_points, raw.hit_points]);
      d.check(`${raw.index} HP formula`, m.creature.hpFormula, raw.hit_points_roll);
      d.check(`${raw.index} CR and XP`, [m.cr, m.xp], [raw.challenge_rating, raw.xp]);
    }
    expect(d.found).toEqual([]);
  });

  it('has every attack\'s to-hit and damage dice as the reference gives them', async () => {
    const c = await loadCompendium();
    const d = differences();
    let checked = 0;
    for (const raw of reference) {
      const m = c.byId(raw.index)!;
      for (const a of raw.actions ?? []) {
        if (a.attack_bonus === undefined) continue;
        const where = `${raw.index}/${a.name}`;
        const expected = DAMAGE_CORRECTIONS[where] ?? referenceDamage(a);
        const engine = m.creature.actions.find((x) => x.name === a.name);
        // Damage on a failed save after a hit is counted on every hit, as a stated approximation.
        const onFailedSave = m.approximations.some((n) => n.startsWith(`${a.name}: `) && /counted on every hit/.test(n));
        if (expected === null && restrainsOnly(m, a.name)) {
          // A hit that only restrains (Web): an attack with no damage.
          d.check(where, engine?.type === 'attack' && { toHit: engine.attacks[0].toHit, damage: engine.attacks[0].damage }, { toHit: a.attack_bonus, damage: '0' });
          continue;
        }
        if (expected === null) {
          // No damage to roll: the engine leaves the action out and the entry says so.
          const stated = m.notModelled.some((n) => n.startsWith(`Action: ${a.name}`)) || m.approximations.some((n) => n.startsWith(`${a.name}: changes nothing`));
          if (!onFailedSave) d.check(`${where} left out`, [engine, stated], [undefined, true]);
          continue;
        }
        const attack = engine?.type === 'attack' ? engine.attacks[0] : undefined;
        // A weapon run with the numbers the stat block prints with Shillelagh, as the entry states.
        const shillelagh = m.approximations.map((n) => new RegExp(`^Spell: Shillelagh: its ${a.name} attack .*\\(\\+(\\d+) to hit, ([^)]+)\\)`).exec(n)).find((x) => x);
        const printed = shillelagh ? { toHit: Number(shillelagh[1]), damage: shillelagh[2] } : { toHit: a.attack_bonus, damage: expected };
        d.check(where, attack && { toHit: attack.toHit, damage: onFailedSave ? attack.damage : allDamage(attack) }, printed);
        checked++;
      }
    }
    expect(d.found).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  });

  /** An attack the compendium runs with no damage because its hit only restrains (Web, Tendril). */
  function restrainsOnly(m: CompendiumMonster, name: string): boolean {
    const a = m.creature.actions.find((x) => x.name === name);
    return a?.type === 'attack' && a.attacks.every((x) => x.damage === '0') && (a.effect?.conditions ?? []).includes('restrained');
  }

  it('has every Multiattack make the attacks and counts the reference lists', async () => {
    const c = await loadCompendium();
    const d = differences();
    let checked = 0;
    for (const raw of reference) {
      const multi = (raw.actions ?? []).find((a) => a.multiattack_type === 'actions');
      if (!multi?.actions || multi.actions.some((x) => typeof x.count !== 'number')) continue;
      const m = c.byId(raw.index)!;
      const engine = m.creature.actions.find((x) => x.name === multi.name) as AttackAction | undefined;
      const expected: Array<{ toHit: number; damage: string; count: number }> = [];
      const from: string[] = [];
      for (const part of multi.actions) {
        const target = raw.actions!.find((a) => a.name === part.action_name) ?? raw.actions!.find((a) => loose(a.name) === loose(part.action_name));
        const damage = target ? DAMAGE_CORRECTIONS[`${raw.index}/${target.name}`] ?? referenceDamage(target) ?? (restrainsOnly(m, target.name) ? '0' : null) : null;
        if (!target || target.attack_bonus === undefined || damage === null) continue;
        const same = from.indexOf(target.name);
        if (same >= 0) expected[same].count += Number(part.count);
        else {
          from.push(target.name);
          expected.push({ toHit: target.attack_bonus, damage, count: Number(part.count) });
        }
      }
      // A Multiattack made only of things the engine cannot run is left out.
      const saved = (x: AttackSpec): boolean => (x.extraDamage ?? []).some((e) => m.approximations.some((n) => n.includes(`${e.damage} `) && /counted on every hit/.test(n)));
      d.check(raw.index, engine?.attacks.map((x) => ({ toHit: x.toHit, damage: saved(x) ? x.damage : allDamage(x), count: x.count })), expected.length > 0 ? expected : undefined);
      checked++;
    }
    expect(d.found).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('has every saving-throw action\'s DC, ability and damage as the reference gives them', async () => {
    const c = await loadCompendium();
    const d = differences();
    let checked = 0;
    for (const raw of reference) {
      const m = c.byId(raw.index)!;
      for (const a of raw.actions ?? []) {
        if (a.attack_bonus !== undefined || !a.dc || !a.damage?.length || a.options || a.attacks) continue;
        const engine = m.creature.actions.find((x) => x.name === a.name) as SaveAction | undefined;
        // The data says "none" for some breath weapons whose text says half: the text wins.
        const half = a.dc.success_type === 'half' || /half as much damage/.test(a.desc);
        d.check(
          `${raw.index}/${a.name}`,
          engine && { type: engine.type, dc: engine.dc, ability: engine.ability, damage: engine.damage, onSuccess: engine.onSuccess },
          { type: 'save', dc: a.dc.dc_value, ability: a.dc.dc_type.index, damage: referenceDamage(a), onSuccess: half ? 'half' : 'none' },
        );
        checked++;
      }
    }
    expect(d.found).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  });

  it('runs Legendary Resistance, with its uses a day, for every legendary monster whose stat block has it, and for no other', async () => {
    const c = await loadCompendium();
    const raw = reference as unknown as Array<RawMonster & { legendary_actions?: unknown[]; special_abilities?: Array<{ name: string; usage?: { times?: number } }> }>;
    const legendary = raw.filter((m) => (m.legendary_actions ?? []).length > 0);
    expect(legendary).toHaveLength(32);
    // Uses a day as the reference gives them: { name: 'Legendary Resistance', usage: { type: 'per day', times: 3 } }.
    const uses = (m: (typeof raw)[number]) => (m.special_abilities ?? []).find((t) => t.name.startsWith('Legendary Resistance'))?.usage?.times ?? 0;
    const expected = legendary.map((m) => [m.index, uses(m)]);
    expect(legendary.map((m) => [m.index, c.byId(m.index)!.creature.legendary?.resistances ?? 0])).toEqual(expected);
    // Seven legendary monsters of the SRD 5.1 have no Legendary Resistance at all.
    expect(legendary.filter((m) => uses(m) === 0).map((m) => m.name)).toEqual(['Aboleth', 'Androsphinx', 'Gynosphinx', 'Kraken', 'Mummy Lord', 'Solar', 'Unicorn']);
    expect(legendaryResistanceWords(c.monsters)).toBe('25 of the 25 whose stat block has it; the SRD gives none to Aboleth, Androsphinx, Gynosphinx, Kraken, Mummy Lord, Solar, Unicorn (7)');
  });

  it('imports the whole reference file through the importer, as a user would', () => {
    const r = importMonsters(readFileSync(referencePath, 'utf8'));
    expect(r.problems).toEqual([]);
    expect(r.monsters).toHaveLength(334);
  });

  it('is exactly what the converter makes from the reference file today (the JSON is not stale)', async () => {
    const c = await loadCompendium();
    // The build restates the gaps a summons fills; the summons themselves are attached when the bestiary loads.
    const stale = reference.filter((raw) => {
      const entry = convertSrdMonster(raw).entry;
      restateSummons(entry, SUMMONS_2014);
      const loaded = c.byId(raw.index);
      return loaded === undefined || !isDeepStrictEqual(entry, withoutSummons(loaded));
    });
    expect(stale.map((raw) => raw.index)).toEqual([]);
  });
});
