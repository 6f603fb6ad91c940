import { describe, expect, it } from 'vitest';
import { emptyAggregate, TRACKED_ROUNDS, type AggregateLayout } from '../../engine/stats.ts';
import { chance, dayVerdict, encounterVerdicts, limitedSpending, mostAtRisk, simulatedStep } from './verdict.ts';

const layout: AggregateLayout = {
  party: ['Fighter', 'Wizard'],
  partyActions: [['Longsword', 'Action Surge'], ['Fire Bolt', 'Fireball']],
  partyActionLimited: [[false, true], [false, true]],
  encounters: [{ name: 'Ghouls', enemies: ['Ghoul'], enemyActions: [['Claws']] }, { name: 'Owlbear', enemies: ['Owlbear'], enemyActions: [['Claws']] }],
  roundCap: 50,
  partyHpMax: 100,
};

/** 1,000 days: 900 won, 60 lost (all down), 40 undecided; the wizard drops in 300 and dies in 50. */
function day() {
  const a = emptyAggregate(layout);
  a.runs = 1000;
  a.dayVictory = 900;
  a.dayDefeat = 60;
  a.dayDraw = 40;
  a.anyDeathRuns = 70;
  a.anyDownRuns = 400;
  a.dayRoundsSum = 7500;
  a.partyHpEndSum = 1000 * 55;
  a.characters[0].downRuns = 200;
  a.characters[0].deathRuns = 20;
  a.characters[1].downRuns = 300;
  a.characters[1].deathRuns = 50;
  a.characters[0].actionUses = [3000, 800];
  a.characters[1].actionUses = [2500, 1500];
  const [e1, e2] = a.encounters;
  e1.reached = 1000; e1.victory = 980; e1.defeat = 20; e1.roundsSum = 3000;
  e1.partyHp.basisPointSum[TRACKED_ROUNDS] = 1000 * 7000;
  e2.reached = 980; e2.victory = 900; e2.defeat = 40; e2.draw = 40; e2.roundsSum = 4410;
  e2.partyHp.basisPointSum[TRACKED_ROUNDS] = 980 * 3000;
  return a;
}

describe('verdicts in words', () => {
  it('writes chances with the digits that matter', () => {
    expect([0, 0.0004, 0.004, 0.042, 0.1, 0.456, 0.995, 0.9996, 1].map(chance))
      .toEqual(['0%', 'under 0.1%', '0.4%', '4.2%', '10%', '46%', '99.5%', 'over 99.9%', '100%']);
  });

  it('picks the character most at risk: drops plus five times deaths', () => {
    // Fighter 0.2 + 5 x 0.02 = 0.3; Wizard 0.3 + 5 x 0.05 = 0.55.
    expect(mostAtRisk(day(), layout)).toEqual({ name: 'Wizard', down: 0.3, death: 0.05 });
    const a = day();
    // A rare death does not outweigh many drops: Fighter 0.05 + 5 x 0.001 = 0.055 < Wizard 0.3.
    a.characters[0].downRuns = 50;
    a.characters[0].deathRuns = 1;
    a.characters[1].deathRuns = 0;
    expect(mostAtRisk(a, layout)?.name).toBe('Wizard');
    // Fighter 0.05 + 5 x 0.061 = 0.355 > Wizard 0.3.
    a.characters[0].deathRuns = 61;
    expect(mostAtRisk(a, layout)?.name).toBe('Fighter');
    a.characters.forEach((c) => { c.downRuns = 0; c.deathRuns = 0; });
    expect(mostAtRisk(a, layout)).toBeNull();
  });

  it('says the day in one headline: outcome, deaths and drops, who is at risk', () => {
    const v = dayVerdict(day(), layout);
    expect(v.headline).toBe(
      'The party wins 90% of days, the whole party falls in 6% and 4% are still undecided after 50 rounds. '
      + 'Someone dies in 7% and someone drops to 0 HP in 40%. Wizard is most at risk: down in 30%, dead in 5%.',
    );
    expect(v.details[0]).toBe('The fighting lasts 7.5 rounds on average and the party ends the day with 55% of its HP.');
    // Fireball 1.5 a day, Action Surge 0.8: 2.3 uses in all.
    expect(v.details[1]).toBe('It costs about 2.3 uses of spell slots and limited abilities: Fireball (Wizard) 1.5 and Action Surge (Fighter) 0.8.');
    expect([v.victory, v.totalPartyKill, v.someoneDies, v.someoneDown]).toEqual([0.9, 0.06, 0.07, 0.4]);
  });

  it('says when no one died, and does not claim a drop count that was never kept', () => {
    const a = day();
    a.anyDeathRuns = 0;
    expect(dayVerdict(a, layout).headline).toContain('No one died in 1,000 runs, but someone drops to 0 HP in 40%.');
    delete a.anyDownRuns;
    expect(dayVerdict(a, layout).headline).toContain('No one died in 1,000 runs.');
    expect(dayVerdict(a, layout).someoneDown).toBeNull();
  });

  it('lists only limited actions, most used first', () => {
    expect(limitedSpending(day(), layout).map((x) => x.action)).toEqual(['Fireball', 'Action Surge']);
    expect(limitedSpending(day(), { ...layout, partyActionLimited: undefined })).toEqual([]);
  });

  it('rates how each encounter played on the 2014 scale, as the README states', () => {
    expect(simulatedStep(0.1, 0.9)).toBe(3);
    expect(simulatedStep(0.02, 0.9)).toBe(2);
    expect(simulatedStep(0, 0.39)).toBe(2);
    expect(simulatedStep(0, 0.5)).toBe(1);
    expect(simulatedStep(0, 0.7)).toBe(0);
  });

  it('says how each encounter goes and where the XP arithmetic disagrees', () => {
    const [ghouls, owlbear] = encounterVerdicts(day(), layout, [{ d2014: 'deadly', d2024: 'high' }, { d2014: 'easy', d2024: 'low' }]);
    expect(ghouls.text).toBe('Ghouls: the party wins 98% of the time, in 3 rounds on average, and has 70% of its HP left after it. The whole party falls here in 2% of tries.');
    // Deadly on paper (step 3); played: 2% defeat is step 2: they roughly agree.
    expect(ghouls.disagreement).toBe(0);
    expect(ghouls.xp).toBe('The XP arithmetic calls it Deadly (2014) and High (2024), which roughly matches how it plays.');
    // 40 of 980 is 4.1% defeat and 30% HP left: step 2, two above Easy.
    expect(owlbear.text).toBe('Owlbear: the party wins 92% of the time (it is reached in 98% of days), in 4.5 rounds on average, and has 30% of its HP left after it. The whole party falls here in 4.1% of tries.');
    expect(owlbear.disagreement).toBe(1);
    expect(owlbear.xp).toMatch(/Easy \(2014\) and Low \(2024\); it plays far harder than that\.$/);
    const unrated = encounterVerdicts(day(), layout);
    expect(unrated.map((e) => e.xp)).toEqual([null, null]);
  });

  it('names an encounter that was never reached', () => {
    const a = day();
    a.encounters[1].reached = 0;
    expect(encounterVerdicts(a, layout)[1].text).toBe('Owlbear: never reached; the party fell before it in every run.');
  });
});
