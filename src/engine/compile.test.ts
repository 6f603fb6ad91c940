// Compiling a scenario: counts expand into numbered combatants, and every value that would make
// the simulation meaningless is refused with the path of the field and what was wrong.

import { describe, expect, it } from 'vitest';
import { CompileError, compileScenario } from './compile.ts';
import {
  attackAction, character, creature, encounter, fight, healAction, saveAction, scenario, weapon,
} from './test-support.ts';
import type { ScenarioSpec } from './types.ts';

function compileError(spec: ScenarioSpec): CompileError {
  try {
    compileScenario(spec);
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
  throw new Error('compiled without error');
}

describe('compileScenario', () => {
  it('expands counts into numbered combatants and lays out the aggregate', () => {
    const compiled = compileScenario(
      scenario(
        [character('Fighter', { hp: 12 }), character('Twin', { count: 2, hp: 8, actions: [attackAction('Cut', [weapon(3, '1d6')])] })],
        [encounter('E1', [creature('Goblin', { count: 3 })]), encounter('E2', [creature('Boss', { hp: 50 })], { shortRestBefore: true })],
      ),
    );
    expect(compiled.layout.party).toEqual(['Fighter', 'Twin 1', 'Twin 2']);
    expect(compiled.layout.partyActions).toEqual([[], ['Cut'], ['Cut']]);
    expect(compiled.layout.encounters.map((e) => e.enemies)).toEqual([['Goblin 1', 'Goblin 2', 'Goblin 3'], ['Boss']]);
    expect(compiled.layout.partyHpMax).toBe(28);
    expect(compiled.encounters.map((e) => e.shortRestBefore)).toEqual([false, true]);
  });

  it('ignores a short rest before the first encounter', () => {
    const compiled = compileScenario(scenario([character('A')], [encounter('E1', [creature('M')], { shortRestBefore: true })]));
    expect(compiled.encounters[0].shortRestBefore).toBe(false);
  });

  it('uses the highest possible rolled HP for the HP histogram', () => {
    const compiled = compileScenario(fight([character('A', { hp: 10, hpFormula: '2d6+3', rollHp: true })], [creature('M')]));
    expect(compiled.layout.partyHpMax).toBe(15);
  });

  const cases: Array<[string, ScenarioSpec, string, RegExp]> = [
    ['bad damage dice', fight([character('A', { actions: [attackAction('Hit', [weapon(5, '2d')])] })], [creature('M')]),
      'party[0].actions[0].attacks[0].damage', /"2d".*position 3/],
    ['bad save damage', fight([character('A')], [creature('M', { actions: [saveAction('Breath', 13, '3d0')] })]),
      'encounters[0].enemies[0].actions[0].damage', /a die needs at least one side/],
    ['bad heal amount', fight([character('A', { actions: [healAction('Cure', 'abc')] })], [creature('M')]),
      'party[0].actions[0].amount', /"abc"/],
    ['HP of zero', fight([character('A', { hp: 0 })], [creature('M')]), 'party[0].hp', /whole number from 1.*got 0/],
    ['fractional AC', fight([character('A')], [creature('M', { ac: 12.5 })]), 'encounters[0].enemies[0].ac', /got 12.5/],
    ['hit dice with a modifier', fight([character('A', { hitDice: '3d8+2' })], [creature('M')]), 'party[0].hitDice', /must look like "5d10"/],
    ['HP formula that cannot reach 1', fight([character('A', { hpFormula: '1d4-10', rollHp: true })], [creature('M')]),
      'party[0].hpFormula', /can never give 1 HP/],
    ['unknown damage type', fight([character('A', { resistances: ['sonic' as never] })], [creature('M')]),
      'party[0].resistances[0]', /unknown damage type "sonic"/],
    ['unknown targeting', fight([character('A', { actions: [attackAction('Hit', [weapon(1, '1')], { targeting: 'nearest' as never })] })], [creature('M')]),
      'party[0].actions[0].targeting', /unknown value "nearest"/],
    ['no attacks in an attack action', fight([character('A', { actions: [attackAction('Hit', [])] })], [creature('M')]),
      'party[0].actions[0].attacks', /at least one attack/],
    ['recharge below 2', fight([character('A')], [creature('M', { actions: [saveAction('B', 10, '1', { uses: { per: 'recharge', min: 1 } })] })]),
      'encounters[0].enemies[0].actions[0].uses.min', /from 2 to 6/],
    ['round cap of zero', fight([character('A')], [creature('M')], { roundCap: 0 }), 'rules.roundCap', /from 1 to 1000/],
    ['empty party', scenario([], [encounter('E', [creature('M')])]), 'party', /at least one creature/],
    ['no encounters', scenario([character('A')], []), 'encounters', /at least one encounter/],
    ['an encounter without enemies', scenario([character('A')], [encounter('E', [])]), 'encounters[0].enemies', /at least one enemy/],
    ['too many combatants', fight([character('A', { count: 101 })], [creature('M')]), 'party[0].count', /from 1 to 100/],
  ];
  it.each(cases)('refuses %s, naming %s', (_, spec, path, problem) => {
    const e = compileError(spec);
    expect(e.path).toBe(path);
    expect(e.message.startsWith(`${path}: `)).toBe(true);
    expect(e.message).toMatch(problem);
  });
});
