// The state of a simulation in progress: the party and the enemies of every encounter, the fight
// being run (combatants, initiative order, standing counts), the random numbers, the aggregate
// and the optional event log. Every rule in rules/ is a function over this state, so each rule is
// written once and the run loop only calls them.

import { Combatant } from './combatant.ts';
import { REACT_COUNTERSPELL, type CompiledScenario } from './compiled.ts';
import type { EncounterOutcome, LogEvent } from './log.ts';
import { Rng } from './rng.ts';
import { DeferredHp, type Aggregate } from './stats.ts';

export const SIDE_PARTY = 0;
export const SIDE_ENEMY = 1;
export const OUTCOME_NONE = 0, OUTCOME_VICTORY = 1, OUTCOME_DEFEAT = 2, OUTCOME_DRAW = 3;
/** Creatures per side with a bit in standingBits. */
export const MAX_BITS = 30;
export const OUTCOME_NAMES: EncounterOutcome[] = ['draw', 'victory', 'defeat', 'draw'];

export class FightState {
  readonly scenario: CompiledScenario;
  readonly rng = new Rng();
  readonly party: Combatant[];
  readonly encounterEnemies: Combatant[][];
  /** Combatants of the encounter being fought, and the initiative order as indices into it. */
  all: Combatant[] = [];
  order = new Int32Array(0);
  /** Per combatant of the fight: initiative total * 2^32 + tiebreak, the key the order is sorted by. */
  initiativeKeys = new Float64Array(0);
  enemies: Combatant[] = [];
  standingParty = 0;
  standingEnemies = 0;
  /**
   * Per side (party, enemies) of the fight: the HP and the HP maximum of its creatures (enemies out of
   * the fight left out). Counted by countStanding and kept up to date by setHp, so the HP recorded
   * every round needs no loop over the creatures.
   */
  readonly sideHp = new Int32Array(2);
  readonly sideMaxHp = new Int32Array(2);
  /** Per side, the characters down at 0 HP and not dead (kept by drop, revive and kill). */
  readonly downedCharacters = new Int32Array(2);
  /**
   * Per side, the bits (Combatant.bit) of its standing creatures, counted by countStanding and kept
   * by drop and revive like the standing counts. Exact when each side has at most MAX_BITS creatures.
   */
  readonly standingBits = new Int32Array(2);
  /**
   * Whether enemies are picked from standingBits: every creature of the fight has its bit, and only
   * standing creatures can be targets (downed characters are attacked only when none is standing).
   */
  pickByBits = false;
  /** Marks targets already picked by the current multi-target action; 0 when none is running. */
  stamp = 0;
  lastStamp = 0;
  agg: Aggregate | null = null;
  log: LogEvent[] | null = null;
  readonly attackDownedAlways: boolean;
  readonly finishOffDowned: boolean;
  readonly rolls: number[] = [];
  /** Whether the scenario uses effects, slots, reactions, legendary or lair actions or traits. */
  readonly rich: boolean;
  /** Effect instances in play, over every combatant: tick work is skipped when there are none. */
  fxActive = 0;
  /** Whose turn it is (durations that end at the end of the source's next turn need it). */
  current: Combatant | null = null;
  turnStamp = 0;
  /** Counts fights over the simulator's life, from 1; see Combatant.usedInFight. */
  fightSerial = 0;
  encounterIndex = 0;
  legendaryInFight = 0;
  lairInFight = 0;
  /** Cantrip damage multiplier and slot levels above the spell's own, for the action being performed. */
  castMultiplier = 1;
  castExtraLevels = 0;
  lastSaveRoll = 0;
  /** Creatures in the scenario with Counterspell: the check on every spell is skipped when there are none. */
  readonly counterspellers: number;
  /** The spell level cast with the action this turn (-1: no spell), for the spells-per-turn rule. */
  actionSpellLevel = -1;
  /** The party and the enemies of the fight (rebuilt when a fight starts). */
  sides: Combatant[][] = [];
  readonly encounterSides: Combatant[][][];
  /** Whether any enemy in the scenario summons creatures: the start of a fight binds those summoned before it. */
  readonly summonersInFight: boolean;
  /** Per encounter, the party's and the enemies' HP each round and after the fight's end, added into the aggregate when a chunk ends. */
  readonly hpRecords: Array<[DeferredHp, DeferredHp]>;

  constructor(scenario: CompiledScenario) {
    this.scenario = scenario;
    this.party = scenario.party.map((t) => new Combatant(t, SIDE_PARTY, scenario.effectCount));
    this.encounterEnemies = scenario.encounters.map((e) => e.enemies.map((t) => new Combatant(t, SIDE_ENEMY, scenario.effectCount)));
    this.encounterSides = this.encounterEnemies.map((list) => [this.party, list]);
    this.hpRecords = scenario.encounters.map(() => [new DeferredHp(), new DeferredHp()]);
    // Summoned creatures follow their summoner in the list (see compile.ts).
    this.party.forEach((c, i) => (c.bit = i < MAX_BITS ? 1 << i : 0));
    for (const list of this.encounterEnemies) {
      list.forEach((c, i) => {
        c.listIndex = i;
        c.bit = i < MAX_BITS ? 1 << i : 0;
        for (const a of c.t.summons) for (let k = 0; k < a.summon!.size; k++) list[i + a.summon!.offset + k].summoner = c;
      });
    }
    this.attackDownedAlways = scenario.rules.attackDowned === 'always';
    this.finishOffDowned = scenario.rules.attackDowned !== 'never';
    this.rich = scenario.rich;
    const all = [...scenario.party, ...scenario.encounters.flatMap((e) => e.enemies)];
    this.summonersInFight = all.some((t) => t.summons.length > 0);
    this.counterspellers = all.filter((t) => t.reactions.some((r) => r.kind === REACT_COUNTERSPELL)).length;
  }

  /** The creatures on `c`'s side, and on the other side. */
  alliesOf(c: Combatant): Combatant[] {
    return c.side === 0 /* SIDE_PARTY */ ? this.party : this.enemies;
  }

  opponentsOf(c: Combatant): Combatant[] {
    return c.side === 0 /* SIDE_PARTY */ ? this.enemies : this.party;
  }

  /** How many on `c`'s own side, and on the other side, are still standing. */
  standingAllies(c: Combatant): number {
    return c.side === 0 /* SIDE_PARTY */ ? this.standingParty : this.standingEnemies;
  }

  standingOpponents(c: Combatant): number {
    return c.side === 0 /* SIDE_PARTY */ ? this.standingEnemies : this.standingParty;
  }

  /** Counts who is standing and each side's HP: at the start of a fight and when a creature comes or goes. */
  countStanding(): void {
    let p = 0, m = 0, partyHp = 0, partyMax = 0, enemyHp = 0, enemyMax = 0, partyDowned = 0, enemiesDowned = 0, partyBits = 0, enemyBits = 0;
    const party = this.party, enemies = this.enemies;
    for (let i = 0; i < party.length; i++) {
      const c = party[i];
      if (c.dead === false && c.hp > 0) {
        p++;
        partyBits |= c.bit;
      } else if (c.isCharacter === true && c.dead === false) partyDowned++;
      partyHp += c.hp;
      partyMax += c.maxHp;
    }
    for (let i = 0; i < enemies.length; i++) {
      const c = enemies[i];
      if (c.hp > 0) {
        m++;
        enemyBits |= c.bit;
      } else if (c.isCharacter === true && c.dead === false) enemiesDowned++;
      if (c.absent === true) continue;
      enemyHp += c.hp;
      enemyMax += c.maxHp;
    }
    this.standingParty = p;
    this.standingEnemies = m;
    this.sideHp[0 /* SIDE_PARTY */] = partyHp;
    this.sideMaxHp[0 /* SIDE_PARTY */] = partyMax;
    this.sideHp[1 /* SIDE_ENEMY */] = enemyHp;
    this.sideMaxHp[1 /* SIDE_ENEMY */] = enemyMax;
    this.downedCharacters[0 /* SIDE_PARTY */] = partyDowned;
    this.downedCharacters[1 /* SIDE_ENEMY */] = enemiesDowned;
    this.standingBits[0 /* SIDE_PARTY */] = partyBits;
    this.standingBits[1 /* SIDE_ENEMY */] = enemyBits;
    this.pickByBits = !this.attackDownedAlways && this.party.length <= MAX_BITS && this.enemies.length <= MAX_BITS;
  }

  /** Every change of a creature's HP in a fight goes through here, which keeps its side's total. */
  setHp(c: Combatant, hp: number): void {
    this.sideHp[c.side] += hp - c.hp;
    c.hp = hp;
  }

  /** Whether the fight is decided: a side with no one standing. Methods, not free functions: the run loop asks after every attack. */
  outcome(): number {
    if (this.standingParty === 0) return 2 /* OUTCOME_DEFEAT */;
    if (this.standingEnemies === 0) return 1 /* OUTCOME_VICTORY */;
    return 0 /* OUTCOME_NONE */;
  }
}
