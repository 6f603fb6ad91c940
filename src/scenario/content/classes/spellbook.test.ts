// Every spell of the spellbook goes onto a plain stat block and loads without a warning; a caster
// without slots gets its levelled spells once per long rest.
import { describe, expect, it } from 'vitest';
import { loadScenarioJson } from '../../index.ts';
import { proficiencyAt, SPELLBOOK, spellActions } from './spellbook.ts';

const scenarioWith = (actions: unknown[], extra: Record<string, unknown> = {}) => ({
  format: 'encounter-lab/scenario', version: 1, name: 'Spellbook',
  party: [{ name: 'Mage', hp: 30, ac: 12, level: 5, actions: [...actions, { type: 'attack', name: 'Dagger', attacks: [{ toHit: 4, damage: '1d4+2' }] }], ...extra }],
  encounters: [{ enemies: [{ name: 'Orc', hp: 15, ac: 13, actions: [{ type: 'attack', name: 'Axe', attacks: [{ toHit: 5, damage: '1d12+3' }] }] }] }],
});

describe('spellbook', () => {
  const stats = { level: 5, dc: 14, attack: 6, mod: 3 };
  for (const spell of SPELLBOOK) {
    it(`${spell.name} loads on a caster with slots and on one without`, () => {
      const withSlots = loadScenarioJson(scenarioWith(spellActions(spell.id, stats, true), { spellSlots: [4, 3, 2, 1, 1] }));
      expect(withSlots.warnings).toEqual([]);
      const without = loadScenarioJson(scenarioWith(spellActions(spell.id, stats, false)));
      expect(without.warnings).toEqual([]);
      const all = [...without.spec.party[0].actions, ...(without.spec.party[0].effectActions ?? [])];
      const levelled = all.filter((a) => a.spell && a.spell.level > 0 && a.name === spell.name);
      expect(levelled.length).toBe(spell.level > 0 ? 1 : 0);
      expect(levelled.map((a) => a.uses)).toEqual(levelled.map(() => ({ per: 'long-rest', count: 1 })));
    });
  }

  it('uses the caster numbers it is given', () => {
    const [fireball] = spellActions('fireball', { level: 9, dc: 17, attack: 9, mod: 5 }, true) as Array<{ dc: number }>;
    expect(fireball.dc).toBe(17);
    const [bolt] = spellActions('fire-bolt', { level: 9, dc: 17, attack: 9, mod: 5 }, true) as Array<{ attacks: Array<{ toHit: number }> }>;
    expect(bolt.attacks[0].toHit).toBe(9);
  });

  it('names the spells it has when asked for one it does not', () => {
    expect(() => spellActions('wish', stats, true)).toThrow(/unknown spell "wish"; the spellbook has Fire Bolt, /);
  });

  it('proficiency follows the SRD table', () => {
    expect([1, 4, 5, 8, 9, 12, 13, 16, 17, 20].map(proficiencyAt)).toEqual([2, 2, 3, 3, 4, 4, 5, 5, 6, 6]);
  });
});
