import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileScenario, replayRun, simulate, summarize, type AggregateLayout, type LogEvent } from '../../engine/index.ts';
import { loadScenarioText } from '../../scenario/index.ts';
import {
  buildReplay, decisiveFight, describeEvent, fightSummary, keyMoments, listNames, openingRun, roundsOpenAtFirst, roundSummary, runLabel,
  runRank, runReason, whyThisRun, type ReplayEncounter, type ReplayLine, type ReplayPart,
} from './format-events.ts';

const text = (e: LogEvent) => describeEvent(e)?.text;

describe('describeEvent', () => {
  it('reads attacks: roll, bonus, total against AC, hit or miss, damage and HP left', () => {
    expect(text({ t: 'attack', who: 'Goblin 3', target: 'Cleric', roll: 20, rolls: [20], total: 24, ac: 18, hit: true, critical: true, damage: 9, targetHp: 29 }))
      .toBe('Goblin 3 attacks Cleric: d20 20 + 4 = 24 against AC 18, critical hit, 9 damage (Cleric at 29 HP)');
    expect(text({ t: 'attack', who: 'Fighter', target: 'Ogre', roll: 12, rolls: [12], total: 19, ac: 11, hit: true, critical: false, damage: 11, targetHp: 48 }))
      .toBe('Fighter attacks Ogre: d20 12 + 7 = 19 against AC 11, hit, 11 damage (Ogre at 48 HP)');
    expect(text({ t: 'attack', who: 'Ogre', target: 'Wizard', roll: 1, rolls: [1], total: 7, ac: 12, hit: false, critical: false, damage: 0, targetHp: 32 }))
      .toBe('Ogre attacks Wizard: d20 1 + 6 = 7 against AC 12, a natural 1, miss');
    expect(text({ t: 'attack', who: 'Orc', target: 'Rogue', roll: 17, rolls: [17, 4], total: 22, ac: 15, hit: true, critical: true, damage: 0, targetHp: 0 }))
      .toBe('Orc attacks Rogue: d20 17 (advantage: 17 and 4) + 5 = 22 against AC 15, critical hit, no damage');
    expect(text({ t: 'attack', who: 'Orc', target: 'Rogue', roll: 4, rolls: [17, 4], total: 9, ac: 15, hit: false, critical: false, damage: 0, targetHp: 20 }))
      .toBe('Orc attacks Rogue: d20 4 (disadvantage: 17 and 4) + 5 = 9 against AC 15, miss');
    expect(text({ t: 'attack', who: 'Orc', target: 'Rogue', roll: 11, rolls: [11, 11], total: 16, ac: 15, hit: true, critical: false, damage: 8, targetHp: 12 }))
      .toBe('Orc attacks Rogue: d20 11 (two dice: 11 and 11) + 5 = 16 against AC 15, hit, 8 damage (Rogue at 12 HP)');
    expect(text({ t: 'attack', who: 'Imp', target: 'Fighter', roll: 9, rolls: [9], total: 8, ac: 18, hit: false, critical: false, damage: 0, targetHp: 44 }))
      .toBe('Imp attacks Fighter: d20 9 − 1 = 8 against AC 18, miss');
    expect(describeEvent({ t: 'attack', who: 'A', target: 'B', roll: 2, rolls: [2], total: 2, ac: 10, hit: false, critical: false, damage: 0, targetHp: 5 })?.tone).toBe('miss');
  });

  it('reads saves, heals and drops', () => {
    expect(text({ t: 'save', who: 'Wizard', target: 'Goblin 5', ability: 'dex', dc: 14, roll: 10, total: 12, success: false, damage: 22, targetHp: 0 }))
      .toBe("Goblin 5 makes a DEX save against Wizard's DC 14: d20 10 + 2 = 12, failure, 22 damage (Goblin 5 at 0 HP)");
    expect(text({ t: 'save', who: 'Cleric', target: 'Bugbear', ability: 'dex', dc: 14, roll: 14, total: 14, success: true, damage: 0, targetHp: 27 }))
      .toBe("Bugbear makes a DEX save against Cleric's DC 14: d20 14 = 14, success");
    expect(text({ t: 'heal', who: 'Cleric', target: 'Rogue', amount: 7, temporary: false, targetHp: 7 })).toBe('Cleric heals Rogue for 7 HP (Rogue at 7 HP)');
    expect(text({ t: 'heal', who: 'Fighter', target: 'Fighter', amount: 11, temporary: false, targetHp: 30 })).toBe('Fighter heals themself for 11 HP (Fighter at 30 HP)');
    expect(text({ t: 'heal', who: 'Warlock', target: 'Warlock', amount: 5, temporary: true, targetHp: 20 })).toBe('Warlock gives Warlock 5 temporary HP');
    expect(text({ t: 'down', who: 'Rogue' })).toBe('Rogue drops to 0 HP and falls unconscious');
    expect(text({ t: 'dead', who: 'Goblin 1', cause: 'damage' })).toBe('Goblin 1 is killed');
    expect(text({ t: 'dead', who: 'Wizard', cause: 'massive-damage' })).toBe('Wizard is killed outright by massive damage');
    expect(text({ t: 'dead', who: 'Rogue', cause: 'death-saves' })).toBe('Rogue dies after three failed death saves');
    expect(text({ t: 'dead', who: 'Cleric', cause: 'finished-off' })).toBe('Cleric is finished off by the enemies');
  });

  it('reads death saves, including the failure that damage at 0 HP counts as', () => {
    expect(text({ t: 'death-save', who: 'Rogue', roll: 12, successes: 1, failures: 0 })).toBe('Rogue rolls a death save: 12, success (1 success, 0 failures)');
    expect(text({ t: 'death-save', who: 'Rogue', roll: 9, successes: 1, failures: 1 })).toBe('Rogue rolls a death save: 9, failure (1 success, 1 failure)');
    expect(text({ t: 'death-save', who: 'Rogue', roll: 1, successes: 0, failures: 2 })).toBe('Rogue rolls a death save: 1, a natural 1, two failures (0 successes, 2 failures)');
    expect(text({ t: 'death-save', who: 'Rogue', roll: 0, successes: 2, failures: 2 })).toBe('Rogue takes damage while dying: a failed death save (2 successes, 2 failures)');
    expect(text({ t: 'stable', who: 'Rogue' })).toBe('Rogue is stable');
    expect(text({ t: 'revived', who: 'Rogue', hp: 1 })).toBe('Rogue is back on their feet with 1 HP');
    // A natural 20 on a death save shows its roll, not only the result.
    expect(describeEvent({ t: 'revived', who: 'Rogue', hp: 1, roll: 20 }))
      .toEqual({ text: 'Rogue rolls a death save: 20, a natural 20 — regains 1 HP and is back on their feet', tone: 'up' });
  });

  it('reads effects, concentration, reactions, legendary and lair actions', () => {
    expect(text({ t: 'effect', who: 'Cleric', target: 'Fighter', effect: 'Bless' })).toBe('Cleric puts Bless on Fighter');
    expect(text({ t: 'effect', who: 'Barbarian', target: 'Barbarian', effect: 'Rage' })).toBe('Barbarian gains Rage');
    expect(text({ t: 'effect-end', who: 'Fighter', effect: 'Bless', reason: 'concentration' })).toBe('Bless on Fighter ends: concentration was lost');
    expect(text({ t: 'effect-end', who: 'Ogre', effect: 'Hold Person', reason: 'saved' })).toBe('Hold Person on Ogre ends: the save succeeded');
    expect(text({ t: 'summon', who: 'Vampire', summons: 'Children of the Night', count: 5, rounds: 2 }))
      .toBe('Vampire uses Children of the Night: 5 creatures are on the way, arriving in 2 rounds');
    expect(text({ t: 'summon', who: 'Wraith', summons: 'Create Specter', count: 1, rounds: 0 })).toBe('Wraith uses Create Specter: one creature joins the fight');
    expect(text({ t: 'arrive', who: 'Swarm of Bats 1 (Vampire)', summoner: 'Vampire' })).toBe('Swarm of Bats 1 (Vampire) joins the fight on Vampire\'s side');
    expect(text({ t: 'leave', who: 'Air Elemental (Djinni)', why: 'concentration' })).toBe('Air Elemental (Djinni) leaves the fight: its summoner lost concentration on the spell');
    expect(text({ t: 'leave', who: 'Swarm of Bats 2 (Vampire)', why: 'summoner-fell' })).toBe('Swarm of Bats 2 (Vampire) leaves the fight: its summoner fell');
    expect(text({ t: 'concentration', who: 'Cleric', dc: 10, roll: 7, total: 9, success: false })).toBe('Cleric checks concentration against DC 10: d20 7 + 2 = 9, loses it');
    expect(text({ t: 'legendary-resistance', who: 'Dragon', left: 2 })).toBe('Dragon uses Legendary Resistance to succeed instead (2 left)');
    expect(text({ t: 'reaction', who: 'Wizard', reaction: 'Shield', against: 'Orc 1' })).toBe('Wizard reacts to Orc 1 with Shield');
    expect(text({ t: 'slot', who: 'Wizard', action: 'Fireball', level: 3 })).toBe('Wizard spends a level 3 spell slot on Fireball');
    expect(text({ t: 'lair', who: 'Dragon', action: 'Tremor' })).toBe('Lair action (Dragon): Tremor');
    expect(text({ t: 'legendary', who: 'Dragon', action: 'Tail Attack', pointsLeft: 1 })).toBe('Dragon takes a legendary action: Tail Attack (1 point left)');
    expect(text({ t: 'turn-damage', who: 'Ranger', target: 'Orc', effect: 'Burning', damage: 4, targetHp: 11 })).toBe('Orc takes 4 damage from Burning (Ranger); Orc at 11 HP');
    expect(text({ t: 'regenerate', who: 'Troll', amount: 10, hp: 52 })).toBe('Troll regenerates 10 HP (at 52 HP)');
    expect(text({ t: 'recharge', who: 'Dragon', action: 'Fire Breath', roll: 5, ready: true })).toBe('Dragon rolls to recharge Fire Breath: 5, ready');
    expect(text({ t: 'surprised', who: 'Goblin 1' })).toBe('Goblin 1 is surprised and loses the turn');
    expect(describeEvent({ t: 'round', round: 1 })).toBeNull();
  });

  it('names the representative runs', () => {
    expect(['worst', 'p5', 'p50', 'p95', 'best', 'firstDefeat'].map(runLabel))
      .toEqual(['Worst', '5th percentile', 'Median', '95th percentile', 'Best', 'A total party kill']);
    expect(runRank(['firstDefeat', 'worst'])).toBe(0);
    expect(runRank(['p50'])).toBe(2);
    expect(runRank(['something'])).toBe(6);
  });
});

const layout: AggregateLayout = {
  party: ['Rogue', 'Cleric'],
  partyActions: [['Shortsword'], ['Sacred Flame']],
  encounters: [{ name: 'Ambush', enemies: ['Goblin 3', 'Bugbear'], enemyActions: [['Scimitar'], ['Morningstar']] }],
  roundCap: 100,
  partyHpMax: 70,
};

describe('buildReplay', () => {
  it('splits a fight into rounds and turns and puts drops after the blow that caused them', () => {
    const events: LogEvent[] = [
      { t: 'encounter', encounter: 0, name: 'Ambush' },
      { t: 'initiative', order: [{ who: 'Goblin 3', roll: 19, total: 21 }, { who: 'Rogue', roll: 17, total: 21 }, { who: 'Bugbear', roll: 3, total: 5 }] },
      { t: 'round', round: 1 },
      { t: 'turn', who: 'Goblin 3', hp: 7 },
      { t: 'action', who: 'Goblin 3', action: 'Scimitar' },
      { t: 'attack', who: 'Goblin 3', target: 'Rogue', roll: 5, rolls: [5], total: 9, ac: 14, hit: false, critical: false, damage: 0, targetHp: 30 },
      { t: 'turn', who: 'Rogue', hp: 30 },
      { t: 'action', who: 'Rogue', action: 'Shortsword' },
      // The engine logs the kill before the attack that made it.
      { t: 'dead', who: 'Goblin 3', cause: 'damage' },
      { t: 'attack', who: 'Rogue', target: 'Goblin 3', roll: 15, rolls: [15], total: 22, ac: 15, hit: true, critical: false, damage: 20, targetHp: 0 },
      { t: 'surprised', who: 'Bugbear' },
      { t: 'round', round: 2 },
      { t: 'turn', who: 'Bugbear', hp: 27 },
      { t: 'action', who: 'Bugbear', action: 'Morningstar' },
      { t: 'down', who: 'Rogue' },
      { t: 'effect-end', who: 'Cleric', effect: 'Bless', reason: 'source-fell' },
      { t: 'attack', who: 'Bugbear', target: 'Rogue', roll: 18, rolls: [18], total: 22, ac: 14, hit: true, critical: false, damage: 33, targetHp: 0 },
      { t: 'turn', who: 'Rogue', hp: 0 },
      { t: 'death-save', who: 'Rogue', roll: 4, successes: 0, failures: 1 },
      { t: 'end', encounter: 0, outcome: 'draw', rounds: 2 },
      { t: 'rest', healed: [{ who: 'Rogue', hitDice: 2, hp: 14 }, { who: 'Cleric', hitDice: 0, hp: 38 }] },
    ];
    const parts = buildReplay(events, layout);
    expect(parts.map((p) => p.kind)).toEqual(['encounter', 'between']);
    const fight = parts[0] as ReplayEncounter;
    expect(fight.name).toBe('Ambush');
    expect(fight.initiative.map((i) => [i.who, i.side, i.total])).toEqual([['Goblin 3', 'enemy', 21], ['Rogue', 'party', 21], ['Bugbear', 'enemy', 5]]);
    expect(fight.rounds.map((r) => r.round)).toEqual([1, 2]);
    expect(fight.rounds[0].turns.map((t) => [t.who, t.hp])).toEqual([['Goblin 3', 7], ['Rogue', 30], ['Bugbear', null]]);
    expect(fight.rounds[0].turns[1].lines.map((l) => l.text)).toEqual([
      'Rogue uses Shortsword',
      'Rogue attacks Goblin 3: d20 15 + 7 = 22 against AC 15, hit, 20 damage (Goblin 3 at 0 HP)',
      'Goblin 3 is killed',
    ]);
    expect(fight.rounds[0].turns[2].lines.map((l) => l.text)).toEqual(['Bugbear is surprised and loses the turn']);
    expect(fight.rounds[1].turns[0].lines.map((l) => l.text)).toEqual([
      'Bugbear uses Morningstar',
      'Bugbear attacks Rogue: d20 18 + 4 = 22 against AC 14, hit, 33 damage (Rogue at 0 HP)',
      'Rogue drops to 0 HP and falls unconscious',
      'Bless on Cleric ends: its source fell',
    ]);
    expect(fight.drops).toEqual([
      { anchor: 'f1-r1-1', fight: 0, who: 'Goblin 3', side: 'enemy', round: 1, what: 'dead', cause: 'damage', by: 'Rogue', text: 'Goblin 3 is killed' },
      { anchor: 'f1-r2-2', fight: 0, who: 'Rogue', side: 'party', round: 2, what: 'down', cause: null, by: 'Bugbear', text: 'Rogue drops to 0 HP and falls unconscious' },
    ]);
    // The line that tells each drop carries its anchor, for the key moments to point at.
    expect(fight.rounds[1].turns[0].lines[2]).toEqual({ text: 'Rogue drops to 0 HP and falls unconscious', tone: 'down', anchor: 'f1-r2-2' });
    expect(fight.outcome).toEqual({ outcome: 'draw', rounds: 2, text: 'Draw: neither side won within 2 rounds' });
    expect((parts[1] as { lines: Array<{ text: string }> }).lines.map((l) => l.text)).toEqual([
      'Short rest', 'Rogue spends 2 Hit Dice (at 14 HP)', 'Cleric spends no Hit Dice (at 38 HP)',
    ]);
  });

  it('leaves a drop in place when no blow to that creature follows', () => {
    const parts = buildReplay([
      { t: 'encounter', encounter: 0, name: 'Ambush' },
      { t: 'round', round: 1 },
      { t: 'turn', who: 'Bugbear', hp: 27 },
      { t: 'down', who: 'Rogue' },
      { t: 'attack', who: 'Bugbear', target: 'Cleric', roll: 2, rolls: [2], total: 6, ac: 18, hit: false, critical: false, damage: 0, targetHp: 38 },
    ], layout);
    const fight = parts[0] as ReplayEncounter;
    expect(fight.rounds[0].turns[0].lines.map((l) => l.tone)).toEqual(['down', 'miss']);
    expect(fight.drops[0].by).toBeNull();
    expect(fight.outcome).toBeNull();
  });

  it('keeps the rest of a lair round, before any turn, in a turn of no one', () => {
    const parts = buildReplay([
      { t: 'encounter', encounter: 0, name: 'Lair' },
      { t: 'round', round: 1 },
      { t: 'lair', who: 'Dragon', action: 'Tremor' },
    ]);
    const fight = parts[0] as ReplayEncounter;
    expect(fight.rounds[0].turns).toEqual([{ who: null, side: null, hp: null, lines: [{ text: 'Lair action (Dragon): Tremor', tone: 'effect' }] }]);
  });

  it('reads a real three-fight day: every event once, every round, every outcome', () => {
    const loaded = loadScenarioText(readFileSync(new URL('../../../scenarios/three-fights.json', import.meta.url), 'utf8'));
    const compiled = compileScenario(loaded.spec);
    const summary = summarize(simulate(compiled, 7, 200), compiled.layout);
    for (const run of [summary.representatives.worst, summary.representatives.p50, summary.representatives.best]) {
      const { events } = replayRun(compiled, 7, run);
      const parts: ReplayPart[] = buildReplay(events, compiled.layout);
      const fights = parts.filter((p): p is ReplayEncounter => p.kind === 'encounter');
      const ends = events.filter((e): e is Extract<LogEvent, { t: 'end' }> => e.t === 'end');
      expect(fights.length).toBe(events.filter((e) => e.t === 'encounter').length);
      fights.forEach((f, i) => {
        expect(f.outcome?.outcome).toBe(ends[i].outcome);
        expect(f.rounds.length).toBe(ends[i].rounds);
        expect(f.initiative.every((x) => x.side !== null)).toBe(true);
        const turnsOfNoSide = f.rounds.flatMap((r) => r.turns).filter((t) => t.who !== null && t.side === null);
        expect(turnsOfNoSide).toEqual([]);
      });
      const lines = parts.flatMap((p) => (p.kind === 'between' ? [] : [...p.opening, ...p.rounds.flatMap((r) => r.turns.flatMap((t) => t.lines))]));
      const described = events.map((e) => describeEvent(e)).filter((l) => l !== null);
      expect(lines.length).toBe(described.length);
      expect([...lines.map((l) => l.text)].sort()).toEqual([...described.map((l) => l.text)].sort());
      // No one falls before the blow that felled them is told.
      const untold: string[] = [];
      let falls = 0;
      for (const t of fights.flatMap((f) => f.rounds.flatMap((r) => r.turns))) {
        t.lines.forEach((l, i) => {
          const fell = /^(.*) (?:is killed|drops to 0 HP and falls unconscious)$/.exec(l.text);
          if (!fell) return;
          falls++;
          if (!t.lines.slice(0, i).some((x) => x.text.includes(`${fell[1]} at 0 HP`))) untold.push(l.text);
        });
      }
      expect(falls).toBeGreaterThan(0);
      expect(untold).toEqual([]);
    }
  });
});

// A two-fight day: the first fight won with the Wizard dropping twice (a natural 20 between), the
// second lost, the Cleric dying on death saves and the Wizard finished off after the defeat.
const dayLayout: AggregateLayout = {
  party: ['Wizard', 'Cleric'],
  partyActions: [['Fire Bolt'], ['Mace']],
  encounters: [
    { name: 'Ford', enemies: ['Orc 1'], enemyActions: [['Greataxe']] },
    { name: 'Den', enemies: ['Ogre'], enemyActions: [['Club']] },
  ],
  roundCap: 100,
  partyHpMax: 60,
};
const hit = (who: string, target: string, damage: number, targetHp: number): LogEvent => (
  { t: 'attack', who, target, roll: 15, rolls: [15], total: 20, ac: 12, hit: true, critical: false, damage, targetHp }
);
const hardDay: LogEvent[] = [
  { t: 'encounter', encounter: 0, name: 'Ford' },
  { t: 'round', round: 1 },
  { t: 'turn', who: 'Orc 1', hp: 15 },
  { t: 'down', who: 'Wizard' },
  hit('Orc 1', 'Wizard', 12, 0),
  { t: 'round', round: 2 },
  { t: 'turn', who: 'Wizard', hp: 0 },
  { t: 'revived', who: 'Wizard', hp: 1, roll: 20 },
  { t: 'turn', who: 'Orc 1', hp: 15 },
  { t: 'down', who: 'Wizard' },
  hit('Orc 1', 'Wizard', 9, 0),
  { t: 'round', round: 3 },
  { t: 'turn', who: 'Cleric', hp: 30 },
  { t: 'dead', who: 'Orc 1', cause: 'damage' },
  hit('Cleric', 'Orc 1', 15, 0),
  { t: 'round', round: 4 },
  { t: 'turn', who: 'Cleric', hp: 30 },
  // As the engine logs it: the revival as the HP come back, then the heal.
  { t: 'revived', who: 'Wizard', hp: 6 },
  { t: 'heal', who: 'Cleric', target: 'Wizard', amount: 6, temporary: false, targetHp: 6 },
  { t: 'end', encounter: 0, outcome: 'victory', rounds: 4 },
  { t: 'rest', healed: [] },
  { t: 'encounter', encounter: 1, name: 'Den' },
  { t: 'round', round: 1 },
  { t: 'turn', who: 'Ogre', hp: 59 },
  { t: 'down', who: 'Cleric' },
  hit('Ogre', 'Cleric', 30, 0),
  { t: 'round', round: 2 },
  { t: 'turn', who: 'Cleric', hp: 0 },
  { t: 'death-save', who: 'Cleric', roll: 1, successes: 0, failures: 2 },
  { t: 'turn', who: 'Ogre', hp: 59 },
  { t: 'down', who: 'Wizard' },
  hit('Ogre', 'Wizard', 13, 0),
  { t: 'round', round: 3 },
  { t: 'turn', who: 'Cleric', hp: 0 },
  { t: 'death-save', who: 'Cleric', roll: 5, successes: 0, failures: 3 },
  { t: 'dead', who: 'Cleric', cause: 'death-saves' },
  { t: 'dead', who: 'Wizard', cause: 'finished-off' },
  { t: 'end', encounter: 1, outcome: 'defeat', rounds: 3 },
];

const allLines = (parts: ReplayPart[]): ReplayLine[] => parts.flatMap((p) => (p.kind === 'between' ? p.lines : [...p.opening, ...p.rounds.flatMap((r) => r.turns.flatMap((t) => t.lines))]));

describe('key moments', () => {
  it("lists each drop and death of the party, with round and fight, each pointing at its own line", () => {
    const parts = buildReplay(hardDay, dayLayout);
    const moments = keyMoments(parts, 2);
    expect(moments.map((m) => [m.anchor, m.text])).toEqual([
      ['f1-r1-1', 'Round 1, fight 1: Wizard drops to 0 HP (by Orc 1)'],
      ['f1-r2-2', 'Round 2, fight 1: Wizard drops to 0 HP (by Orc 1)'],
      ['f2-r1-4', 'Round 1, fight 2: Cleric drops to 0 HP (by Ogre)'],
      ['f2-r2-5', 'Round 2, fight 2: Wizard drops to 0 HP (by Ogre)'],
      ['f2-r3-6', 'Round 3, fight 2: Cleric dies after three failed death saves'],
      ['f2-r3-7', 'Round 3, fight 2: Wizard is finished off by the enemies'],
    ]);
    // The Orc's death (anchor 3) is not a moment of the party's.
    expect(moments.some((m) => m.who === 'Orc 1')).toBe(false);
    const anchored = new Map(allLines(parts).filter((l) => l.anchor).map((l) => [l.anchor, l.text]));
    expect(moments.map((m) => anchored.get(m.anchor))).toEqual([
      'Wizard drops to 0 HP and falls unconscious',
      'Wizard drops to 0 HP and falls unconscious',
      'Cleric drops to 0 HP and falls unconscious',
      'Wizard drops to 0 HP and falls unconscious',
      'Cleric dies after three failed death saves',
      'Wizard is finished off by the enemies',
    ]);
    expect(new Set(anchored.keys()).size).toBe(7);
  });

  it('leaves the fight out of a one-fight day, and lists nothing when no one in the party falls', () => {
    const oneFight = buildReplay(hardDay.slice(0, hardDay.findIndex((e) => e.t === 'rest')), dayLayout);
    expect(keyMoments(oneFight, 1).map((m) => m.text)).toEqual([
      'Round 1: Wizard drops to 0 HP (by Orc 1)',
      'Round 2: Wizard drops to 0 HP (by Orc 1)',
    ]);
    const quiet = buildReplay([
      { t: 'encounter', encounter: 0, name: 'Ford' }, { t: 'round', round: 1 }, { t: 'turn', who: 'Wizard', hp: 20 },
      { t: 'dead', who: 'Orc 1', cause: 'damage' }, hit('Wizard', 'Orc 1', 15, 0), { t: 'end', encounter: 0, outcome: 'victory', rounds: 1 },
    ], dayLayout);
    expect(keyMoments(quiet, 2)).toEqual([]);
  });

  it('tells the natural 20 in the log where it happened, and a revival by healing after the heal', () => {
    const fight = buildReplay(hardDay, dayLayout)[0] as ReplayEncounter;
    expect(fight.rounds[1].turns[0].lines).toEqual([
      { text: 'Wizard rolls a death save: 20, a natural 20 — regains 1 HP and is back on their feet', tone: 'up' },
    ]);
    expect(fight.rounds[3].turns[0].lines.map((l) => l.text)).toEqual([
      'Cleric heals Wizard for 6 HP (Wizard at 6 HP)',
      'Wizard is back on their feet with 6 HP',
    ]);
  });
});

describe('which run opens, and why', () => {
  const run = (index: number, labels: string[], outcome: string) => ({ run: index, labels, outcome });

  it('opens on a defeat when any replayed run is one, else on the worst run', () => {
    expect(openingRun([run(8, ['p50'], 'victory'), run(3, ['worst'], 'victory'), run(5, ['best'], 'victory')])?.run).toBe(3);
    expect(openingRun([run(8, ['p50'], 'victory'), run(3, ['worst', 'firstDefeat'], 'defeat')])?.run).toBe(3);
    // The worst run when it is a defeat, before the first defeat by run number.
    expect(openingRun([run(2, ['firstDefeat'], 'defeat'), run(9, ['worst'], 'defeat'), run(4, ['p50'], 'victory')])?.run).toBe(9);
    // A defeat that is not the worst still comes first.
    expect(openingRun([run(2, ['firstDefeat'], 'defeat'), run(9, ['worst'], 'draw')])?.run).toBe(2);
    expect(openingRun([run(4, ['p50'], 'victory')])?.run).toBe(4);
    expect(openingRun([])).toBeNull();
  });

  it('names the representative in words', () => {
    expect(runReason(['worst'], 10000)).toBe('The worst of 10,000 runs');
    expect(runReason(['firstDefeat', 'worst'], 10000)).toBe('The worst of 10,000 runs, and the first to end in a total party kill');
    expect(runReason(['firstDefeat'], 2500)).toBe('The first of 2,500 runs to end in a total party kill');
    expect(runReason(['p5'], 1000)).toBe('A bad run, with 1 in 20 of 1,000 runs going worse');
    expect(runReason(['p50'], null)).toBe('The median of the runs');
    expect(runReason(['worst', 'p5', 'p50', 'p95', 'best', 'firstDefeat'], 10000)).toBe('One of 10,000 runs that all end alike');
    expect(listNames(['Wizard', 'Cleric', 'Rogue'])).toBe('Wizard, Cleric and Rogue');
  });

  it('says in one sentence what happens in the run', () => {
    const parts = buildReplay(hardDay, dayLayout);
    expect(whyThisRun(run(7, ['worst', 'firstDefeat'], 'defeat'), parts, 10000, 2))
      .toBe('The worst of 10,000 runs, and the first to end in a total party kill: the party is wiped out in fight 2, and Cleric and Wizard die.');
    const firstFight = parts.slice(0, 1);
    expect(whyThisRun(run(7, ['p50'], 'victory'), firstFight, 10000, 2))
      .toBe('The median of 10,000 runs: Wizard drops to 0 HP in fight 1 but no one dies, and the party still wins.');
    const dying = buildReplay([
      { t: 'encounter', encounter: 0, name: 'Den' }, { t: 'round', round: 1 }, { t: 'turn', who: 'Ogre', hp: 59 },
      { t: 'down', who: 'Cleric' }, hit('Ogre', 'Cleric', 30, 0), { t: 'down', who: 'Wizard' }, hit('Ogre', 'Wizard', 30, 0),
      { t: 'dead', who: 'Cleric', cause: 'massive-damage' }, hit('Ogre', 'Cleric', 80, 0),
      { t: 'end', encounter: 0, outcome: 'victory', rounds: 1 },
    ], dayLayout);
    expect(whyThisRun(run(1, ['worst'], 'victory'), dying, 500, 1))
      .toBe('The worst of 500 runs: Cleric dies; Wizard drops to 0 HP and survives, and the party still wins.');
    expect(whyThisRun(run(1, ['best'], 'victory'), buildReplay([{ t: 'encounter', encounter: 0, name: 'Den' }, { t: 'end', encounter: 0, outcome: 'victory', rounds: 2 }], dayLayout), 500, 1))
      .toBe('The best of 500 runs: no one in the party drops to 0 HP, and the party wins.');
  });
});

describe('folding', () => {
  it('opens the fight the party lost, else the first where someone fell', () => {
    const parts = buildReplay(hardDay, dayLayout);
    expect(decisiveFight(parts)).toBe(1);
    expect(decisiveFight(parts.slice(0, 1))).toBe(0);
    expect(decisiveFight([])).toBeNull();
  });

  it('sums up each fight and round in a line', () => {
    const [first, , second] = buildReplay(hardDay, dayLayout) as ReplayEncounter[];
    expect(fightSummary(first)).toBe('Victory in 4 rounds · Wizard drops twice');
    expect(fightSummary(second)).toBe('Defeat in 3 rounds: a total party kill · Cleric and Wizard die');
    const rough = buildReplay([
      { t: 'encounter', encounter: 0, name: 'Den' }, { t: 'round', round: 1 },
      { t: 'down', who: 'Wizard' }, { t: 'revived', who: 'Wizard', hp: 1, roll: 20 }, { t: 'down', who: 'Cleric' },
      { t: 'down', who: 'Wizard' }, { t: 'end', encounter: 0, outcome: 'victory', rounds: 1 },
    ], dayLayout)[0] as ReplayEncounter;
    expect(fightSummary(rough)).toBe('Victory in 1 round · Wizard drops twice, Cleric drops');
    expect(roundSummary(first, 3)).toBe('Orc 1 killed');
    expect(roundSummary(first, 4)).toBe('no one falls');
    expect(roundSummary(second, 3)).toBe('Cleric dies, Wizard dies');
  });

  it('folds the rounds of a long fight where no one in the party fell, except the last', () => {
    const [first, , second] = buildReplay(hardDay, dayLayout) as ReplayEncounter[];
    expect(roundsOpenAtFirst(first)).toEqual([1, 2, 4]);
    expect(roundsOpenAtFirst(second)).toEqual([1, 2, 3]);
  });
});
