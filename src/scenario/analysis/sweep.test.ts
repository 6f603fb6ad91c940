import { describe, expect, it } from 'vitest';
import {
  attackAction, character, creature, effectAction, effect, encounter, healAction, saveAction, scenario, weapon,
} from '../../engine/test-support.ts';
import type { ScenarioSpec } from '../../engine/index.ts';
import { loadScenarioJson } from '../format/load.ts';
import {
  applySweep, applySweepToCreature, currentValue, MAX_SWEEP_POINTS, parameterBounds, parameterKey, parameterLabel, parameterTarget,
  pointStorageId, readKeptSweep, SweepError, sweepOptions, sweepRunSettings, sweepValues, SWEEP_MAX_RUNS,
} from './sweep.ts';

/** Two fights: a fighter and a cleric against goblins and a wolf, then an ogre with legendary and lair attacks. */
function day(): ScenarioSpec {
  return scenario(
    [
      character('Fighter', {
        hp: 44, ac: 18, level: 5,
        actions: [attackAction('Longsword', [weapon(7, '1d8+4', { count: 2 })]), attackAction('Handaxe', [weapon(4, '1d6+1')])],
      }),
      character('Cleric', { hp: 38, ac: 18, actions: [healAction('Cure Wounds', '1d8+3')] }),
    ],
    [
      encounter('Ambush', [
        creature('Goblin', { count: 4, hp: 7, hpFormula: '2d6', rollHp: true, ac: 15, actions: [attackAction('Scimitar', [weapon(4, '1d6+2')])] }),
        creature('Wolf', { count: 2, hp: 11, ac: 13, actions: [attackAction('Bite', [weapon(4, '2d4+2')])] }),
      ]),
      encounter('Lair', [
        creature('Ogre', {
          hp: 59, ac: 11,
          actions: [attackAction('Greatclub', [weapon(6, '2d8+4')]), saveAction('Stomp', 13, '2d6')],
          legendary: { perRound: 3, resistances: 0, actions: [{ cost: 1, action: attackAction('Slam', [weapon(5, '1d6')]) }] },
          lairActions: [attackAction('Falling rock', [weapon(3, '1d10')]), saveAction('Tremor', 12, '1d6')],
          effectActions: [effectAction('Roar', 'self', effect('Roar', { duration: { kind: 'encounter' } }))],
        }),
      ]),
    ],
  );
}

const frozen = <T>(value: T): T => {
  // Deep-freezes the input so any write into it throws: applySweep must return a new spec.
  const freeze = (v: unknown) => {
    if (v && typeof v === 'object') {
      Object.values(v).forEach(freeze);
      Object.freeze(v);
    }
  };
  freeze(value);
  return value;
};

describe('sweepValues', () => {
  it('lists the values from from to to in steps, inclusive when a step lands on to', () => {
    expect(sweepValues(1, 5, 1)).toEqual({ ok: true, values: [1, 2, 3, 4, 5] });
    expect(sweepValues(10, 20, 5)).toEqual({ ok: true, values: [10, 15, 20] });
    expect(sweepValues(10, 21, 5)).toEqual({ ok: true, values: [10, 15, 20] });
    expect(sweepValues(-3, -3, 2)).toEqual({ ok: true, values: [-3] });
  });

  it('refuses from above to, a step of 0 or less, and non-whole numbers, at the field at fault', () => {
    expect(sweepValues(5, 3, 1)).toEqual({ ok: false, errors: { to: 'To (3) must not be below from (5).' } });
    expect(sweepValues(1, 5, 0)).toEqual({ ok: false, errors: { step: 'The step must be 1 or more, not 0.' } });
    expect(sweepValues(1, 5, -2)).toEqual({ ok: false, errors: { step: 'The step must be 1 or more, not -2.' } });
    expect(sweepValues(1.5, 5, 1)).toEqual({ ok: false, errors: { from: 'From must be a whole number, not 1.5.' } });
    expect(sweepValues(1, Number.NaN, 0.5)).toEqual({
      ok: false, errors: { to: 'Enter a whole number for to.', step: 'The step must be a whole number, not 0.5.' },
    });
  });

  it(`refuses more than ${MAX_SWEEP_POINTS} points and names the smallest step that fits`, () => {
    expect(sweepValues(1, 25, 1)).toMatchObject({ ok: true });
    expect(sweepValues(1, 26, 1)).toEqual({
      ok: false, errors: { step: 'That makes 26 points, more than the limit of 25; use a step of 2 or more.' },
    });
    expect(sweepValues(1, 100, 5)).toMatchObject({ ok: true, values: { length: 20 } });
    expect(sweepValues(1, 100, 4)).toMatchObject({ ok: true, values: { length: 25 } });
    expect(sweepValues(0, 200, 5)).toEqual({
      ok: false, errors: { step: 'That makes 41 points, more than the limit of 25; use a step of 9 or more.' },
    });
    const nine = sweepValues(0, 200, 9);
    expect(nine.ok && nine.values.length).toBe(23);
  });

  it('keeps values inside the bounds given', () => {
    expect(sweepValues(0, 5, 1, { min: 1, max: 50 })).toEqual({ ok: false, errors: { from: 'From must be at least 1.' } });
    expect(sweepValues(40, 55, 5, { min: 1, max: 50 })).toEqual({ ok: false, errors: { to: 'To must be at most 50.' } });
    expect(sweepValues(60, 70, 5, { min: 1, max: 50 })).toEqual({
      ok: false, errors: { from: 'From must be at most 50.', to: 'To must be at most 50.' },
    });
  });
});

describe('sweep parameters', () => {
  it('lists each enemy count, the party level when a member has a template, and each HP, AC and to-hit', () => {
    const options = sweepOptions(day(), [5, null]);
    expect(options.map((o) => [o.key, o.label, o.current])).toEqual([
      ['count:0:0', 'Goblin count (Ambush)', 4],
      ['count:0:1', 'Wolf count (Ambush)', 2],
      ['count:1:0', 'Ogre count (Lair)', 1],
      ['party-level', 'Party level', 5],
      ['party:0:hp', 'Fighter HP', 44],
      ['party:0:ac', 'Fighter AC', 18],
      ['party:0:toHit', 'Fighter to-hit bonus', 7],
      ['party:1:hp', 'Cleric HP', 38],
      ['party:1:ac', 'Cleric AC', 18],
      ['enemy:0:0:hp', 'Goblin HP (Ambush)', 7],
      ['enemy:0:0:ac', 'Goblin AC (Ambush)', 15],
      ['enemy:0:0:toHit', 'Goblin to-hit bonus (Ambush)', 4],
      ['enemy:0:1:hp', 'Wolf HP (Ambush)', 11],
      ['enemy:0:1:ac', 'Wolf AC (Ambush)', 13],
      ['enemy:0:1:toHit', 'Wolf to-hit bonus (Ambush)', 4],
      ['enemy:1:0:hp', 'Ogre HP (Lair)', 59],
      ['enemy:1:0:ac', 'Ogre AC (Lair)', 11],
      ['enemy:1:0:toHit', 'Ogre to-hit bonus (Lair)', 6],
    ]);
    expect(sweepOptions(day()).some((o) => o.param.kind === 'party-level')).toBe(false);
  });

  it('suggests ranges inside the bounds and the point limit', () => {
    const byKey = Object.fromEntries(sweepOptions(day(), [5, null]).map((o) => [o.key, o]));
    expect(byKey['count:0:0'].range).toEqual({ from: 1, to: 8, step: 1 });
    expect(byKey['party-level'].range).toEqual({ from: 2, to: 8, step: 1 });
    expect(byKey['party:0:hp'].range).toEqual({ from: 24, to: 64, step: 4 });
    expect(byKey['enemy:0:0:ac'].range).toEqual({ from: 11, to: 19, step: 1 });
    for (const o of Object.values(byKey)) {
      const values = sweepValues(o.range.from, o.range.to, o.range.step, o.bounds);
      expect([o.key, values.ok]).toEqual([o.key, true]);
    }
  });

  it('bounds: 100 combatants a side less the others, level 1 to 20, the schema limits, and to-hit narrowed by the spread of attacks', () => {
    const spec = day();
    expect(parameterBounds(spec, { kind: 'monster-count', encounter: 0, enemy: 0 })).toEqual({ min: 1, max: 98 });
    expect(parameterBounds(spec, { kind: 'monster-count', encounter: 1, enemy: 0 })).toEqual({ min: 1, max: 100 });
    expect(parameterBounds(spec, { kind: 'party-level' })).toEqual({ min: 1, max: 20 });
    expect(parameterBounds(spec, { kind: 'creature-stat', side: 'party', index: 0, stat: 'hp' })).toEqual({ min: 1, max: 100_000 });
    expect(parameterBounds(spec, { kind: 'creature-stat', side: 'party', index: 0, stat: 'ac' })).toEqual({ min: 1, max: 50 });
    // Fighter: +7 and +4. The +4 must stay at -20 or more (first >= -17), the +7 at 50 or less.
    expect(parameterBounds(spec, { kind: 'creature-stat', side: 'party', index: 0, stat: 'toHit' })).toEqual({ min: -17, max: 50 });
    // Ogre: +6, legendary +5, lair +3.
    expect(parameterBounds(spec, { kind: 'creature-stat', side: 'enemy', encounter: 1, index: 0, stat: 'toHit' })).toEqual({ min: -17, max: 50 });
  });

  it('names missing creatures and attackless creatures clearly', () => {
    const spec = day();
    expect(() => parameterBounds(spec, { kind: 'monster-count', encounter: 2, enemy: 0 })).toThrow(new SweepError('The day has no encounter 3.'));
    expect(() => parameterBounds(spec, { kind: 'monster-count', encounter: 0, enemy: 5 })).toThrow('Encounter 1 has no enemy 6.');
    expect(() => parameterBounds(spec, { kind: 'creature-stat', side: 'party', index: 9, stat: 'ac' })).toThrow('The party has no member 10.');
    expect(() => parameterBounds(spec, { kind: 'creature-stat', side: 'party', index: 1, stat: 'toHit' }))
      .toThrow('Cleric has no attacks, so it has no to-hit bonus to change.');
  });

  it('keys and labels', () => {
    const single = scenario([character('Rogue')], [encounter('Only', [creature('Bandit')])]);
    expect(parameterLabel(single, { kind: 'monster-count', encounter: 0, enemy: 0 })).toBe('Bandit count');
    expect(parameterLabel(single, { kind: 'creature-stat', side: 'enemy', index: 0, stat: 'ac' })).toBe('Bandit AC');
    expect(parameterKey({ kind: 'creature-stat', side: 'enemy', index: 0, stat: 'ac' })).toBe('enemy:0:0:ac');
    expect(currentValue(single, { kind: 'party-level' }, [null])).toBeNull();
  });
});

describe('applySweep', () => {
  it('monster count sets that enemy\'s count and nothing else', () => {
    const spec = frozen(day());
    const out = applySweep(spec, { kind: 'monster-count', encounter: 0, enemy: 1 }, 7);
    expect(out.encounters[0].enemies.map((e) => e.count)).toEqual([4, 7]);
    expect(out.encounters[0].enemies[1]).toEqual({ ...spec.encounters[0].enemies[1], count: 7 });
    // Untouched parts are shared, not copied.
    expect(out.party).toBe(spec.party);
    expect(out.encounters[1]).toBe(spec.encounters[1]);
    expect(out.encounters[0].enemies[0]).toBe(spec.encounters[0].enemies[0]);
  });

  it('monster count respects the 100-a-side limit with a clear error', () => {
    const spec = day();
    expect(applySweep(spec, { kind: 'monster-count', encounter: 0, enemy: 1 }, 96).encounters[0].enemies[1].count).toBe(96);
    expect(() => applySweep(spec, { kind: 'monster-count', encounter: 0, enemy: 1 }, 97))
      .toThrow(new SweepError('97 × Wolf would make 101 enemies in "Ambush", more than the limit of 100 per side.'));
    expect(() => applySweep(spec, { kind: 'monster-count', encounter: 0, enemy: 1 }, 0))
      .toThrow('Wolf count (Ambush) must be between 1 and 96, not 0.');
  });

  it('HP sets hp and turns off rolled HP so the value is used', () => {
    const spec = frozen(day());
    const out = applySweep(spec, { kind: 'creature-stat', side: 'enemy', encounter: 0, index: 0, stat: 'hp' }, 12);
    expect(out.encounters[0].enemies[0]).toEqual({ ...spec.encounters[0].enemies[0], hp: 12, hpFormula: null, rollHp: false });
    expect(() => applySweep(spec, { kind: 'creature-stat', side: 'party', index: 0, stat: 'hp' }, 0))
      .toThrow('Fighter HP must be between 1 and 100000, not 0.');
  });

  it('AC sets ac on a party member', () => {
    const spec = frozen(day());
    const out = applySweep(spec, { kind: 'creature-stat', side: 'party', index: 1, stat: 'ac' }, 21);
    expect(out.party[1]).toEqual({ ...spec.party[1], ac: 21 });
    expect(out.party[0]).toBe(spec.party[0]);
    expect(out.encounters).toBe(spec.encounters);
  });

  it('to-hit makes the first attack the value and shifts every other attack by as much', () => {
    const spec = frozen(day());
    const fighter = applySweep(spec, { kind: 'creature-stat', side: 'party', index: 0, stat: 'toHit' }, 9).party[0];
    expect(fighter.actions.map((a) => (a.type === 'attack' ? a.attacks.map((x) => x.toHit) : null))).toEqual([[9], [6]]);
    expect(fighter.actions[0]).toEqual({ ...spec.party[0].actions[0], attacks: [{ ...(spec.party[0].actions[0] as { attacks: object[] }).attacks[0], toHit: 9 }] });

    const ogre = applySweep(spec, { kind: 'creature-stat', side: 'enemy', encounter: 1, index: 0, stat: 'toHit' }, 2).encounters[1].enemies[0];
    expect(ogre.actions[0]).toMatchObject({ attacks: [{ toHit: 2 }] });
    // The save action, the effect action and the lair save are left alone.
    expect(ogre.actions[1]).toBe(spec.encounters[1].enemies[0].actions[1]);
    expect(ogre.effectActions).toBe(spec.encounters[1].enemies[0].effectActions);
    expect(ogre.legendary?.actions[0].action).toMatchObject({ attacks: [{ toHit: 1 }] });
    expect(ogre.legendary?.perRound).toBe(3);
    expect(ogre.lairActions?.[0]).toMatchObject({ attacks: [{ toHit: -1 }] });
    expect(ogre.lairActions?.[1]).toBe(spec.encounters[1].enemies[0].lairActions?.[1]);

    expect(() => applySweep(spec, { kind: 'creature-stat', side: 'party', index: 0, stat: 'toHit' }, -18))
      .toThrow('Fighter to-hit bonus must be between -17 and 50, not -18.');
  });

  it('party level replaces the members the callback rebuilds and keeps the rest', () => {
    const spec = frozen(day());
    const calls: Array<[number, number]> = [];
    const rebuilt = character('Fighter', { hp: 76, ac: 18, level: 8 });
    const out = applySweep(spec, { kind: 'party-level' }, 8, {
      rebuildPartyAtLevel: (index, level) => {
        calls.push([index, level]);
        return index === 0 ? rebuilt : null;
      },
    });
    expect(calls).toEqual([[0, 8], [1, 8]]);
    expect(out.party[0]).toBe(rebuilt);
    expect(out.party[1]).toBe(spec.party[1]);
    expect(out.encounters).toBe(spec.encounters);
    expect(() => applySweep(spec, { kind: 'party-level' }, 8)).toThrow('Changing the party level needs the class templates, and they are not available.');
    expect(() => applySweep(spec, { kind: 'party-level' }, 21, { rebuildPartyAtLevel: () => null }))
      .toThrow('Party level must be between 1 and 20, not 21.');
  });

  it('refuses values that are not whole numbers', () => {
    expect(() => applySweep(day(), { kind: 'creature-stat', side: 'party', index: 0, stat: 'ac' }, 15.5))
      .toThrow('A sweep value must be a whole number, not 15.5.');
  });

  it('a swept spec loads through the scenario pipeline unchanged', () => {
    const spec = applySweep(day(), { kind: 'monster-count', encounter: 0, enemy: 0 }, 10);
    const loaded = loadScenarioJson({ format: 'encounter-lab/scenario', version: 1, name: 'Swept', ...spec }, 'the sweep test');
    expect(loaded.spec.encounters[0].enemies[0].count).toBe(10);
    expect(loaded.spec.encounters[0].enemies[1].count).toBe(2);
  });
});

describe('sweepRunSettings', () => {
  it(`caps runs at ${SWEEP_MAX_RUNS} and keeps the seed`, () => {
    expect(sweepRunSettings({ seed: 7, runs: 10_000 })).toEqual({ seed: 7, runs: 5000 });
    expect(sweepRunSettings({ seed: 7, runs: 2000 })).toEqual({ seed: 7, runs: 2000 });
    expect(sweepRunSettings({ seed: 3, precision: { halfWidth: 0.01, maxRuns: 100_000, minRuns: 8000 } }))
      .toEqual({ seed: 3, precision: { halfWidth: 0.01, maxRuns: 5000, minRuns: 5000 } });
    expect(sweepRunSettings({ seed: 3, precision: { halfWidth: 0.02, maxRuns: 4000 } }))
      .toEqual({ seed: 3, precision: { halfWidth: 0.02, maxRuns: 4000 } });
  });
});

describe('applySweepToCreature (the editor\'s form)', () => {
  it('makes to a creature exactly the change applySweep makes to the spec, for every parameter of one creature', () => {
    const spec = frozen(day());
    const options = sweepOptions(spec).filter((o) => o.param.kind !== 'party-level');
    expect(options.length).toBeGreaterThan(10);
    for (const o of options) {
      const at = parameterTarget(o.param)!;
      const of = (s: ScenarioSpec) => (at.side === 'party' ? s.party[at.index] : s.encounters[at.encounter].enemies[at.index]);
      for (const value of [o.range.from, o.range.to]) {
        const doc = JSON.parse(JSON.stringify(of(spec))) as Record<string, unknown>;
        expect(applySweepToCreature(o.param, value, doc), `${o.label} = ${value}`).toEqual(of(applySweep(spec, o.param, value)));
      }
    }
  });

  it('refuses the party level and a creature with no attack to shift', () => {
    expect(() => applySweepToCreature({ kind: 'party-level' }, 5, {})).toThrow(SweepError);
    expect(() => applySweepToCreature({ kind: 'creature-stat', side: 'party', index: 1, stat: 'toHit' }, 5, { name: 'Cleric', actions: [] }))
      .toThrow(/Cleric has no to-hit bonus/);
  });
});

describe('kept sweeps', () => {
  const good = { format: 'encounter-lab/sweep', version: 1, scenarioId: 's1', savedAt: 5, param: { kind: 'party-level' }, values: [3, 4], settings: { seed: 1, runs: 100 }, scenario: { name: 'x' }, editor: null };

  it('a point has a stored identity of its own for each parameter and value', () => {
    const ids = new Set([
      pointStorageId('s1', { kind: 'party-level' }, 3), pointStorageId('s1', { kind: 'party-level' }, 4),
      pointStorageId('s1', { kind: 'monster-count', encounter: 0, enemy: 0 }, 3), pointStorageId('s2', { kind: 'party-level' }, 3),
    ]);
    expect(ids.size).toBe(4);
    for (const id of ids) expect(id).not.toMatch(/^s[12]$/);
  });

  it('reads back what was kept and refuses what is damaged, saying what', () => {
    expect(readKeptSweep(JSON.stringify(good), 's1')).toMatchObject({ ok: true, sweep: { values: [3, 4], param: { kind: 'party-level' } } });
    const problem = (over: object, id = 's1') => {
      const read = readKeptSweep(JSON.stringify({ ...good, ...over }), id);
      return read.ok ? null : read.problem;
    };
    expect(problem({}, 's2')).toMatch(/another scenario/);
    expect(problem({ settings: { seed: -1, runs: 100 } })).toMatch(/seed/);
    expect(problem({ settings: { seed: 1, runs: SWEEP_MAX_RUNS + 1 } })).toMatch(/runs per point/);
    expect(problem({ settings: { seed: 1, precision: { halfWidth: 2, maxRuns: 100 } } })).toMatch(/precision/);
    expect(problem({ values: Array.from({ length: MAX_SWEEP_POINTS + 1 }, (_, i) => i) })).toMatch(/1 to 25 whole numbers/);
    expect(problem({ param: { kind: 'creature-stat', side: 'party', index: 0, stat: 'wis' } })).toMatch(/"wis" is not a number/);
    expect(problem({ scenario: 'gone' })).toMatch(/scenario it ran on is missing/);
    expect(readKeptSweep('x'.repeat(300_000), 's1')).toMatchObject({ ok: false, problem: expect.stringMatching(/larger than the limit/) });
  });
});
