// Attack rolls, saving throws and damage types, measured through real fights: one attacker, one
// target with so many HP that it never falls, and the round cap ending each run as a draw. The
// expected numbers come from the d20 rules computed here, never from the engine.

import { describe, expect, it } from 'vitest';
import { compileScenario } from './compile.ts';
import { type CompiledScenario } from './compiled.ts';
import { Simulator } from './simulator.ts';
import { simulate } from './index.ts';
import type { LogEvent } from './log.ts';
import { emptyAggregate } from './stats.ts';
import {
  attackAction, attackDamageDist, attackOdds, creature, diceSum, dummy, fight, mapDist, mean, mixture, proportionSE,
  saveAction, saveSuccess, sureDamage, variance, weapon, zScore,
} from './test-support.ts';
import type { CreatureSpec, DamageType, ScenarioSpec } from './types.ts';

/** Calls `visit` with the event log of each run in [0, runs). */
function replayEach(compiled: CompiledScenario, seed: number, runs: number, visit: (events: LogEvent[], run: number) => void): void {
  const sim = new Simulator(compiled);
  const scratch = emptyAggregate(compiled.layout);
  for (let run = 0; run < runs; run++) visit(sim.replay(seed, run, scratch).events, run);
}

const RUNS = 2000;
const ROUNDS = 50;
const ATTACKS = RUNS * ROUNDS;

function oneAttacker(toHit: number, damage: string, ac: number, critOn: number): ScenarioSpec {
  const attacker = creature('Attacker', { hp: 100, actions: [attackAction('Strike', [weapon(toHit, damage, { critOn })])] });
  return fight([attacker], [dummy('Target', { ac })], { roundCap: ROUNDS });
}

describe('attack rolls against AC', () => {
  // toHit, AC, critOn, damage as count d sides + flat, and the hand-checked hit and crit chances.
  const cases: Array<{ toHit: number; ac: number; critOn: number; count: number; sides: number; flat: number; hit: number; crit: number }> = [
    { toHit: 5, ac: 15, critOn: 20, count: 1, sides: 8, flat: 3, hit: 0.55, crit: 0.05 },
    { toHit: 2, ac: 25, critOn: 20, count: 2, sides: 6, flat: 0, hit: 0.05, crit: 0.05 },
    { toHit: 10, ac: 5, critOn: 20, count: 1, sides: 6, flat: 2, hit: 0.95, crit: 0.05 },
    { toHit: 5, ac: 15, critOn: 19, count: 1, sides: 12, flat: 4, hit: 0.55, crit: 0.1 },
    { toHit: 0, ac: 30, critOn: 19, count: 1, sides: 4, flat: 0, hit: 0.1, crit: 0.1 },
    { toHit: 7, ac: 18, critOn: 18, count: 2, sides: 6, flat: 4, hit: 0.5, crit: 0.15 },
    { toHit: -3, ac: 12, critOn: 20, count: 1, sides: 6, flat: -2, hit: 0.3, crit: 0.05 },
  ];

  it('the exact model agrees with the hand-checked chances', () => {
    for (const c of cases) {
      const odds = attackOdds(c.toHit, c.ac, c.critOn);
      expect(odds.hit).toBeCloseTo(c.hit, 12);
      expect(odds.crit).toBeCloseTo(c.crit, 12);
    }
    // Expected damage of +5 vs AC 15 with 1d8+3: 0.50 * 7.5 + 0.05 * (9 + 3) = 4.35.
    expect(mean(attackDamageDist({ toHit: 5, ac: 15, critOn: 20, count: 1, sides: 8, flat: 3 }))).toBeCloseTo(4.35, 12);
  });

  it.each(cases)('+$toHit vs AC $ac (crit on $critOn+): hit $hit, crit $crit, exact damage per attack', (c) => {
    const damageText = `${c.count}d${c.sides}${c.flat < 0 ? c.flat : `+${c.flat}`}`;
    const compiled = compileScenario(oneAttacker(c.toHit, damageText, c.ac, c.critOn));

    // Every attack event obeys the rule, and hits and crits come at the exact rates.
    let attacks = 0, hits = 0, crits = 0, wrong = 0;
    replayEach(compiled, 1000 + c.ac, RUNS, (events) => {
      for (const e of events) {
        if (e.t !== 'attack') continue;
        attacks++;
        if (e.hit) hits++;
        if (e.critical) crits++;
        const isCrit = e.roll >= c.critOn;
        const shouldHit = e.roll !== 1 && (isCrit || e.roll + c.toHit >= c.ac);
        if (e.hit !== shouldHit || e.critical !== (shouldHit && isCrit) || e.total !== e.roll + c.toHit || e.rolls.length !== 1) wrong++;
        if (!e.hit && e.damage !== 0) wrong++;
      }
    });
    expect(wrong).toBe(0);
    expect(attacks).toBe(ATTACKS);
    expect(zScore(hits / attacks, c.hit, proportionSE(c.hit, attacks))).toBeLessThan(4);
    expect(zScore(crits / attacks, c.crit, proportionSE(c.crit, attacks))).toBeLessThan(4);

    // Damage per attack, from the lean aggregate: exact mean and SE from the exact variance.
    const agg = simulate(compiled, 2000 + c.ac, RUNS);
    expect(agg.characters[0].actionUses[0]).toBe(ATTACKS);
    expect(agg.dayDraw).toBe(RUNS);
    const exact = attackDamageDist({ toHit: c.toHit, ac: c.ac, critOn: c.critOn, count: c.count, sides: c.sides, flat: c.flat });
    const perAttack = agg.characters[0].damageDealt / ATTACKS;
    expect(zScore(perAttack, mean(exact), Math.sqrt(variance(exact) / ATTACKS))).toBeLessThan(4);
    expect(agg.encounters[0].enemies[0].damageTaken).toBe(agg.characters[0].damageDealt);
  });

  it('a multiattack makes every attack of the action each turn', () => {
    const attacker = creature('Attacker', {
      actions: [attackAction('Multiattack', [weapon(5, '1d6', { count: 2 }), weapon(3, '1d4')])],
    });
    const compiled = compileScenario(fight([attacker], [dummy('Target', { ac: 12 })], { roundCap: 7 }));
    replayEach(compiled, 3, 20, (events) => {
      const attacks = events.filter((e) => e.t === 'attack');
      expect(attacks.length).toBe(21);
      const bonuses = attacks.map((e) => (e.t === 'attack' ? e.total - e.roll : NaN));
      expect(bonuses.slice(0, 3)).toEqual([5, 5, 3]);
    });
  });
});

describe('saving throws', () => {
  const target = (save: number, over: Partial<CreatureSpec> = {}) =>
    dummy('Target', { saves: { str: 0, dex: save, con: 0, int: 0, wis: 0, cha: 0 }, ...over });
  const caster = (dc: number, damage: string, onSuccess: 'half' | 'none') =>
    creature('Caster', { hp: 100, actions: [saveAction('Blast', dc, damage, { onSuccess })] });

  it.each([
    { dc: 15, save: 3, count: 8, sides: 6, onSuccess: 'half' as const },
    { dc: 13, save: 0, count: 3, sides: 10, onSuccess: 'none' as const },
    { dc: 18, save: 7, count: 2, sides: 8, onSuccess: 'half' as const },
  ])('DC $dc vs +$save, $count d $sides, $onSuccess on a success: exact success rate and expected damage', (c) => {
    const compiled = compileScenario(fight([caster(c.dc, `${c.count}d${c.sides}`, c.onSuccess)], [target(c.save)], { roundCap: ROUNDS }));
    const pSuccess = saveSuccess(c.dc, c.save);
    let saves = 0, successes = 0, wrong = 0;
    replayEach(compiled, 50 + c.dc, RUNS, (events) => {
      for (const e of events) {
        if (e.t !== 'save') continue;
        saves++;
        if (e.success) successes++;
        if (e.success !== e.roll + c.save >= c.dc || e.total !== e.roll + c.save || e.ability !== 'dex') wrong++;
      }
    });
    expect(wrong).toBe(0);
    expect(saves).toBe(ATTACKS);
    expect(zScore(successes / saves, pSuccess, proportionSE(pSuccess, saves))).toBeLessThan(4);

    const rolled = diceSum(c.count, c.sides);
    const onSave = c.onSuccess === 'half' ? mapDist(rolled, (x) => Math.floor(x / 2)) : mapDist(rolled, () => 0);
    const exact = mixture([[1 - pSuccess, rolled], [pSuccess, onSave]]);
    const agg = simulate(compiled, 60 + c.dc, RUNS);
    const perSave = agg.characters[0].damageDealt / ATTACKS;
    expect(zScore(perSave, mean(exact), Math.sqrt(variance(exact) / ATTACKS))).toBeLessThan(4);
  });

  it('has no automatic success on a natural 20 nor failure on a natural 1', () => {
    const count = (dc: number, save: number) => {
      const compiled = compileScenario(fight([caster(dc, '2d6', 'half')], [target(save)], { roundCap: 20 }));
      let saves = 0, successes = 0, natural20 = 0, natural1 = 0;
      replayEach(compiled, dc, 200, (events) => {
        for (const e of events) {
          if (e.t !== 'save') continue;
          saves++;
          if (e.success) successes++;
          if (e.roll === 20) natural20++;
          if (e.roll === 1) natural1++;
        }
      });
      return { saves, successes, natural20, natural1 };
    };
    // DC 24 with +3: even a natural 20 makes only 23.
    const hard = count(24, 3);
    expect(hard.saves).toBe(4000);
    expect(hard.natural20).toBeGreaterThan(100);
    expect(hard.successes).toBe(0);
    // DC 4 with +3: even a natural 1 makes 4.
    const easy = count(4, 3);
    expect(easy.natural1).toBeGreaterThan(100);
    expect(easy.successes).toBe(4000);
  });

  it('area damage is rolled once for all targets; a success takes half of that roll, rounded down', () => {
    const blast = creature('Caster', { actions: [saveAction('Fireball', 15, '8d6', { targets: 3 })] });
    const targets = [target(0, { name: 'T1' }), target(5, { name: 'T2' }), target(10, { name: 'T3' })];
    const compiled = compileScenario(fight([blast], targets, { roundCap: 10 }));
    let actions = 0, mixed = 0, wrong = 0;
    replayEach(compiled, 9, 100, (events) => {
      for (let i = 0; i < events.length; i++) {
        if (events[i].t !== 'action') continue;
        actions++;
        const saves = events.slice(i + 1, i + 4).flatMap((s) => (s.t === 'save' ? [s] : []));
        // Three distinct creatures caught.
        if (saves.length !== 3 || new Set(saves.map((s) => s.target)).size !== 3) wrong++;
        const failed = new Set(saves.filter((s) => !s.success).map((s) => s.damage));
        const succeeded = new Set(saves.filter((s) => s.success).map((s) => s.damage));
        // All failures took the same roll, all successes the same half.
        if (failed.size > 1 || succeeded.size > 1) wrong++;
        // When both show, the half is the failure's damage halved, rounded down.
        if (failed.size === 1 && succeeded.size === 1) {
          mixed++;
          if ([...succeeded][0] !== Math.floor([...failed][0] / 2)) wrong++;
        }
      }
    });
    expect(actions).toBe(1000);
    expect(mixed).toBeGreaterThan(500);
    expect(wrong).toBe(0);
  });
});

describe('damage types', () => {
  /** Damage one creature takes from one sure hit of `damage` (fire unless said otherwise). */
  function taken(damage: string, target: Partial<CreatureSpec>, over: { type?: DamageType; dc?: number } = {}): number {
    const runs = 20;
    const dc = over.dc ?? 40;
    const action = dc === 40
      ? sureDamage('Burn', damage, { damageType: over.type ?? 'fire' })
      : saveAction('Burn', dc, damage, { damageType: over.type ?? 'fire', onSuccess: 'half' });
    const attacker = creature('Attacker', { actions: [action] });
    const agg = simulate(fight([attacker], [dummy('Target', target)], { roundCap: 1 }), 5, runs);
    const dealt = agg.characters[0].damageDealt;
    expect(dealt % runs).toBe(0);
    expect(agg.encounters[0].enemies[0].damageTaken).toBe(dealt);
    return dealt / runs;
  }

  it('resistance halves (rounded down), immunity zeroes, vulnerability doubles', () => {
    expect(taken('7', {})).toBe(7);
    expect(taken('7', { resistances: ['fire'] })).toBe(3);
    expect(taken('7', { immunities: ['fire'] })).toBe(0);
    expect(taken('7', { vulnerabilities: ['fire'] })).toBe(14);
    expect(taken('7', { resistances: ['fire'], vulnerabilities: ['fire'] })).toBe(6);
    expect(taken('7', { immunities: ['fire'], vulnerabilities: ['fire'] })).toBe(0);
    expect(taken('1', { resistances: ['fire'] })).toBe(0);
  });

  it('only the matching damage type counts', () => {
    expect(taken('7', { resistances: ['cold'], immunities: ['poison'], vulnerabilities: ['radiant'] })).toBe(7);
    expect(taken('7', { resistances: ['cold'] }, { type: 'cold' })).toBe(3);
    expect(taken('9', { vulnerabilities: ['radiant'] }, { type: 'radiant' })).toBe(18);
  });

  it('a successful save halves first, then resistance halves again (each rounded down)', () => {
    // DC 1 always succeeds: 7 -> 3 on the save -> 1 with resistance.
    expect(taken('7', {}, { dc: 1 })).toBe(3);
    expect(taken('7', { resistances: ['fire'] }, { dc: 1 })).toBe(1);
    expect(taken('7', { vulnerabilities: ['fire'] }, { dc: 1 })).toBe(6);
  });

  it('resistance on attacks: the exact mean of floor(damage / 2) per attack', () => {
    // +5 vs AC 15 with 1d8+3 against a target resistant to slashing.
    const attacker = creature('Attacker', { actions: [attackAction('Strike', [weapon(5, '1d8+3')])] });
    const spec = fight([attacker], [dummy('Target', { ac: 15, resistances: ['slashing'] })], { roundCap: ROUNDS });
    const raw = attackDamageDist({ toHit: 5, ac: 15, critOn: 20, count: 1, sides: 8, flat: 3 });
    const exact = mapDist(raw, (x) => Math.floor(x / 2));
    const agg = simulate(spec, 77, RUNS);
    const perAttack = agg.characters[0].damageDealt / ATTACKS;
    expect(zScore(perAttack, mean(exact), Math.sqrt(variance(exact) / ATTACKS))).toBeLessThan(4);
  });
});
