// Summoned creatures: a vampire's bats, a djinni's conjured elemental, a lich's animated dead. They
// are compiled into the encounter's list in reserve, right after their summoner, so the run loop
// keeps fixed arrays: a reserve creature is out of the fight (absent, and counted as no one) until
// its summoner calls it and it arrives, and leaves again when its bond to the summoner ends (the
// summoner's death, or the end of its concentration on the spell).

import type { Combatant } from '../combatant.ts';
import type { CompiledAction, CompiledSummon } from '../compiled.ts';
import { rollDice } from '../dice.ts';
import type { FightState } from '../fight-state.ts';
import type { EncounterTotals } from '../stats.ts';
import { applyEffect, sourceFell } from './effects.ts';

/** The reserve member `k` of summons `g` of `c`. */
function member(s: FightState, c: Combatant, g: CompiledSummon, k: number): Combatant {
  return s.enemies[c.listIndex + g.offset + k];
}

/** Reserve members of `g` not yet called in this fight. */
function uncalled(s: FightState, c: Combatant, g: CompiledSummon): number {
  let n = 0;
  for (let k = 0; k < g.size; k++) {
    const m = member(s, c, g, k);
    if (m.absent && m.arriveAt === 0) n++;
  }
  return n;
}

/** A corpse for Create Specter: an opponent of `c` that died in this fight and whose corpse is not taken, or null. */
function freshCorpse(s: FightState, c: Combatant): Combatant | null {
  const list = s.opponentsOf(c);
  for (let k = 0; k < list.length; k++) {
    const y = list[k];
    if (y.dead && y.diedInFight === s.fightSerial && y.corpseTaken !== s.fightSerial && (y.t.creatureType === null || y.t.creatureType === 'humanoid')) return y;
  }
  return null;
}

/** Whether a summoning action can be taken: someone left in reserve, and a corpse when it needs one. */
export function summonAvailable(s: FightState, c: Combatant, a: CompiledAction): boolean {
  const g = a.summon!;
  if (uncalled(s, c, g) === 0) return false;
  return !g.needsCorpse || freshCorpse(s, c) !== null;
}

/** The summoning action: rolls how many come (one per corpse for Create Specter) and when. */
export function summonAction(s: FightState, c: Combatant, a: CompiledAction): void {
  const g = a.summon!;
  let count = g.needsCorpse ? 1 : g.number === null ? g.size : Math.max(0, rollDice(g.number, s.rng));
  if (g.needsCorpse) {
    const corpse = freshCorpse(s, c);
    if (corpse === null) return;
    corpse.corpseTaken = s.fightSerial;
  }
  const rounds = g.delay === null ? 0 : Math.max(0, rollDice(g.delay, s.rng));
  if (s.log !== null) s.log.push({ t: 'summon', who: c.name, summons: g.name, count: Math.min(count, uncalled(s, c, g)), rounds });
  for (let k = 0; k < g.size && count > 0; k++) {
    const m = member(s, c, g, k);
    if (!m.absent || m.arriveAt !== 0) continue;
    count--;
    m.arriveAt = c.turnsTaken + rounds;
    if (rounds === 0) arrive(s, c, a, m);
  }
}

/** At the start of a summoner's turn: those whose rounds on the way are over arrive. */
export function summonsArrive(s: FightState, c: Combatant): void {
  const summons = c.t.summons;
  for (let i = 0; i < summons.length; i++) {
    const g = summons[i].summon!;
    for (let k = 0; k < g.size; k++) {
      const m = member(s, c, g, k);
      if (m.absent && m.arriveAt > 0 && m.arriveAt <= c.turnsTaken) arrive(s, c, summons[i], m);
    }
  }
}

/** Creatures summoned before the fight are bound to their summoner as it starts (a conjured elemental to its caster's concentration). */
export function summonsAtStart(s: FightState): void {
  const list = s.enemies;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    const summons = c.t.summons;
    for (let j = 0; j < summons.length; j++) {
      const g = summons[j].summon!;
      if (!g.beforeFight || g.bond === null) continue;
      for (let k = 0; k < g.size; k++) applyEffect(s, c, member(s, c, g, k), g.bond, summons[j], summons[j].spellLevel >= 0);
    }
  }
}

function arrive(s: FightState, summoner: Combatant, a: CompiledAction, m: Combatant): void {
  m.absent = false;
  m.dead = false;
  m.arriveAt = 0;
  m.arrivedIn = s.fightSerial;
  m.hp = m.maxHp;
  s.countStanding();
  if (s.log !== null) s.log.push({ t: 'arrive', who: m.name, summoner: summoner.name });
  const g = a.summon!;
  if (g.bond !== null) applyEffect(s, summoner, m, g.bond, a, a.spellLevel >= 0);
}

/** Its bond to the summoner ended: it leaves the fight (and is counted as no one, neither standing nor killed). */
export function leaveFight(s: FightState, m: Combatant, why: 'summoner-fell' | 'concentration' | 'spell-ended'): void {
  if (m.dead || m.absent) return;
  m.absent = true;
  m.dead = true;
  m.hp = 0;
  m.arriveAt = 0;
  if (s.log !== null) s.log.push({ t: 'leave', who: m.name, why });
  sourceFell(s, m);
  s.countStanding();
}

/** At the end of a fight: each summoned creature held in reserve that came into it counts a run (stats' arrivedRuns). */
export function countArrivals(s: FightState, totals: EncounterTotals): void {
  const list = s.enemies;
  for (let j = 0; j < list.length; j++) {
    const m = list[j];
    if (m.t.reserve && m.arrivedIn === s.fightSerial && totals.enemies[j].arrivedRuns !== undefined) totals.enemies[j].arrivedRuns!++;
  }
}
