import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readMultiattack, type MultiattackAction } from './multiattack.ts';
import { findByName, usesFromName } from './stat-block.ts';

const melee = (name: string): MultiattackAction => ({ name, reach: 'melee' });
const ranged = (name: string): MultiattackAction => ({ name, reach: 'ranged' });

function read(text: string, actions: MultiattackAction[]): Array<[string, number]> {
  return readMultiattack(text, actions).components.map((c) => [findByName(actions, c.ref)?.name ?? `?${c.ref}`, c.count]);
}

describe('reading Multiattack sentences', () => {
  const dragon = [melee('Bite'), melee('Claw'), melee('Tail'), { name: 'Frightful Presence', reach: null }, { name: 'Fire Breath', reach: null }];

  it('reads "N attacks: one with its X and two with its Y"', () => {
    expect(read('The dragon makes three attacks: one with its bite and two with its claws.', dragon)).toEqual([['Bite', 1], ['Claw', 2]]);
    expect(read('The tarrasque makes five attacks: one with its bite, two with its claws, one with its horns, and one with its tail.',
      [melee('Bite'), melee('Claw'), melee('Horns'), melee('Tail')])).toEqual([['Bite', 1], ['Claw', 2], ['Horns', 1], ['Tail', 1]]);
  });

  it('reads a use of another action before the attacks', () => {
    expect(read('The dragon can use its Frightful Presence. It then makes three attacks: one with its bite and two with its claws.', dragon))
      .toEqual([['Frightful Presence', 1], ['Bite', 1], ['Claw', 2]]);
  });

  it('reads "two scimitar attacks", "two attacks with its greatclub" and "one Beak attack and two Wing attacks"', () => {
    expect(read('The goblin boss makes two scimitar attacks.', [melee('Scimitar'), ranged('Javelin')])).toEqual([['Scimitar', 2]]);
    expect(read('The ogre makes two attacks with its greatclub.', [melee('Greatclub')])).toEqual([['Greatclub', 2]]);
    expect(read('The goose makes one Beak attack and two Wing attacks.', [melee('Beak'), melee('Wing')])).toEqual([['Beak', 1], ['Wing', 2]]);
    expect(read('The dragon makes three {@action Rend} attacks.', [melee('Rend')])).toEqual([['Rend', 3]]);
  });

  it('reads number words from one to ten', () => {
    const words = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
    words.forEach((w, i) => expect(read(`The hydra makes ${w} bite attacks.`, [melee('Bite')])).toEqual([['Bite', i + 1]]));
  });

  it('takes the first of several combinations and notes the rest', () => {
    const r = readMultiattack('The captain makes three melee attacks: two with its scimitar and one with its dagger. Or the captain makes two ranged attacks with its daggers.',
      [melee('Scimitar'), melee('Dagger')]);
    expect(r.components).toEqual([{ ref: 'scimitar', count: 2 }, { ref: 'dagger', count: 1 }]);
    expect(r.notModelled.length).toBeGreaterThan(0);
    expect(read('The centaur makes two attacks: one with its pike and one with its hooves or two with its longbow.', [melee('Pike'), melee('Hooves'), ranged('Longbow')]))
      .toEqual([['Pike', 1], ['Hooves', 1]]);
    expect(read('The efreeti makes two scimitar attacks or uses its Hurl Flame twice.', [melee('Scimitar'), ranged('Hurl Flame')])).toEqual([['Scimitar', 2]]);
  });

  it('resolves "two melee attacks" to the first melee attack and says it assumed so', () => {
    const r = readMultiattack('The knight makes two melee attacks.', [ranged('Heavy Crossbow'), melee('Greatsword'), melee('Dagger')]);
    expect(r.components).toEqual([{ ref: 'Greatsword', count: 2 }]);
    expect(r.notModelled[0]).toMatch(/assumed Greatsword/);
    expect(read('The wererat makes two attacks, only one of which can be a bite.', [melee('Bite'), melee('Shortsword')])).toEqual([['Bite', 1], ['Shortsword', 1]]);
    expect(read('The goblin makes two attacks, using Scimitar or Shortbow in any combination.', [melee('Scimitar'), ranged('Shortbow')])).toEqual([['Scimitar', 2]]);
  });

  it('reports a sentence it cannot read instead of guessing', () => {
    const r = readMultiattack('The creature does something strange.', [melee('Bite')]);
    expect(r.understood).toBe(false);
    expect(r.components).toEqual([]);
  });
});

describe('limits written in action names', () => {
  it('reads recharge, per-day, per-rest and legendary costs', () => {
    expect(usesFromName('Fire Breath {@recharge 5}')).toEqual({ name: 'Fire Breath', uses: { per: 'recharge', min: 5 }, cost: null });
    expect(usesFromName('Lightning Breath {@recharge}')).toEqual({ name: 'Lightning Breath', uses: { per: 'recharge', min: 6 }, cost: null });
    expect(usesFromName('Cold Breath (Recharge 5\u20136)').uses).toEqual({ per: 'recharge', min: 5 });
    expect(usesFromName('Teleport (3/Day)')).toEqual({ name: 'Teleport', uses: { per: 'long-rest', count: 3 }, cost: null });
    expect(usesFromName('Spells (1/Day Each)').uses).toEqual({ per: 'long-rest', count: 1 });
    expect(usesFromName('Rally (Recharges after a Short or Long Rest)').uses).toEqual({ per: 'short-rest', count: 1 });
    expect(usesFromName('Wing Attack (Costs 2 Actions)')).toEqual({ name: 'Wing Attack', uses: null, cost: 2 });
  });
});

const referencePath = fileURLToPath(new URL('../../../../../shared/reference/srd/5e-SRD-Monsters-2014.json', import.meta.url));
const hasReference = existsSync(referencePath);

describe.skipIf(!hasReference)('the sentence reader against the SRD\'s structured Multiattacks', () => {
  it('reads the same attacks from the text as the structured list for nearly every monster', () => {
    interface Raw { index: string; actions?: Array<{ name: string; desc: string; attack_bonus?: number; multiattack_type?: string; actions?: Array<{ action_name: string; count: number | string }> }> }
    const reference = JSON.parse(readFileSync(referencePath, 'utf8')) as Raw[];
    let same = 0, total = 0;
    for (const m of reference) {
      const multi = m.actions?.find((a) => a.multiattack_type === 'actions');
      if (!multi?.actions) continue;
      const others = m.actions!.filter((a) => a !== multi).map((a): MultiattackAction => ({
        name: a.name, reach: a.attack_bonus === undefined ? null : /^\s*ranged/i.test(a.desc) ? 'ranged' : 'melee',
      }));
      const key = (cs: Array<[string, number | string]>) => cs.map(([n, c]) => `${n}\u00d7${c}`).sort().join(', ');
      const expected = key(multi.actions.map((x) => [findByName(others, x.action_name)?.name ?? x.action_name, x.count]));
      total++;
      if (key(read(multi.desc, others)) === expected) same++;
    }
    expect(total).toBeGreaterThan(100);
    // The rest are sentences with forms or conditions ("In bear form, ..."), read as their first option.
    expect(same / total).toBeGreaterThan(0.9);
  });
});
