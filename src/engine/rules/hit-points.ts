// Hit points: damage after immunity, resistance and vulnerability, temporary HP, dropping to 0,
// massive damage, death saving throws, stabilising, healing and coming back up. Every change of a
// creature's HP goes through here, so the standing counts and the death-save counters stay right.

import type { Combatant } from '../combatant.ts';
import { NONMAGICAL_BIT, damageBit } from '../compiled.ts';
import { OUTCOME_DEFEAT, OUTCOME_DRAW, OUTCOME_VICTORY, type FightState } from '../fight-state.ts';
import { deathBurst } from './actions.ts';
import { endConcentration } from './concentration.ts';
import { endOnDamage, sourceFell } from './effects.ts';
import { ABILITY_CON, saveTotal } from './saving-throws.ts';

// Marked pure so a bundle that never runs a fight can leave this module out.
const RADIANT_BIT = /* @__PURE__ */ damageBit('radiant');

/**
 * Applies damage after immunity, resistance and vulnerability; temporary HP absorb it first.
 * Returns the damage dealt after those adjustments.
 */
export function dealDamage(s: FightState, source: Combatant, target: Combatant, amount: number, typeBit: number, critical: boolean): number {
  // Kept small so that it inlines: adjustments, temporary HP and dropping to 0 are apart.
  if (amount <= 0) return 0;
  if (target.adjustsDamage === true || target.resistAdded !== 0) {
    amount = adjustedDamage(target, amount, typeBit);
    if (amount <= 0) return 0;
  }
  if (target.endsOnDamageCount > 0) endOnDamage(s, target);
  if (target.tempHp > 0 || amount >= target.hp) return applyDamage(s, source, target, amount, typeBit, critical);
  source.damageDealt += amount;
  target.damageTaken += amount;
  s.setHp(target, target.hp - amount);
  return amount;
}

/** The damage after the target's immunities, resistances and vulnerabilities. */
function adjustedDamage(target: Combatant, amount: number, typeBit: number): number {
  const t = target.t;
  if (t.immuneMask & typeBit) return 0;
  let resisted = ((t.resistMask | target.resistAdded) & typeBit) !== 0;
  if (t.nonmagicalMask !== 0 && (typeBit & NONMAGICAL_BIT) !== 0) {
    if ((t.nonmagicalImmuneMask & typeBit) !== 0) return 0;
    if ((t.nonmagicalResistMask & typeBit) !== 0) resisted = true;
  }
  if (resisted) amount = Math.floor(amount / 2);
  if (t.regenerationBlockMask & typeBit) target.regenerationBlocked = true;
  if (t.vulnMask & typeBit) amount *= 2;
  return amount;
}

/** dealDamage's rarer part: temporary HP, and damage that drops the target or finds it at 0 HP. */
function applyDamage(s: FightState, source: Combatant, target: Combatant, amount: number, typeBit: number, critical: boolean): number {
  const t = target.t;
  let remaining = amount;
  let absorbed = 0;
  if (target.tempHp > 0) {
    absorbed = Math.min(target.tempHp, remaining);
    target.tempHp -= absorbed;
    remaining -= absorbed;
  }
  if (remaining === 0) {
    source.damageDealt += absorbed;
    target.damageTaken += absorbed;
    return amount;
  }
  if (target.hp > 0) {
    if (remaining >= target.hp && t.undeadFortitude === true && critical === false && (typeBit & RADIANT_BIT) === 0 && holdsOn(s, source, target, amount)) {
      source.damageDealt += absorbed + target.hp - 1;
      target.damageTaken += absorbed + target.hp - 1;
      s.setHp(target, 1);
      return amount;
    }
    const lost = Math.min(target.hp, remaining);
    source.damageDealt += absorbed + lost;
    target.damageTaken += absorbed + lost;
    if (remaining < target.hp) {
      s.setHp(target, target.hp - remaining);
      return amount;
    }
    const overflow = remaining - target.hp;
    s.setHp(target, 0);
    drop(s, target);
    // Damage beyond 0 HP that reaches the hit point maximum kills outright.
    if (target.isCharacter === true && overflow >= target.maxHp) kill(s, target, 'massive-damage');
  } else if (target.isCharacter === true && target.dead === false) {
    source.damageDealt += absorbed;
    target.damageTaken += absorbed;
    // Damage at 0 HP: a failed death save (two on a critical hit), or death if it reaches max HP.
    if (remaining >= target.maxHp) kill(s, target, 'massive-damage');
    else {
      target.stable = false;
      target.deathFailures += critical ? 2 : 1;
      if (s.log !== null) s.log.push({ t: 'death-save', who: target.name, roll: 0, successes: target.deathSuccesses, failures: target.deathFailures });
      if (target.deathFailures >= 3) kill(s, target, 'death-saves');
    }
  }
  return amount;
}

export function drop(s: FightState, c: Combatant): void {
  if (c.side === 0 /* SIDE_PARTY */) s.standingParty--;
  else s.standingEnemies--;
  s.standingBits[c.side] &= ~c.bit;
  if (c.isCharacter === true) {
    s.downedCharacters[c.side]++;
    clearDeathSaves(c);
    c.wentDown = true;
    if (c.charTotals !== null) c.charTotals.downs++;
    if (s.log !== null) s.log.push({ t: 'down', who: c.name });
    // Unconscious: concentration ends.
    endConcentration(s, c, 'concentration');
  } else {
    c.dead = true;
    if (s.log !== null) s.log.push({ t: 'dead', who: c.name, cause: 'damage' });
    if (s.rich === true) {
      sourceFell(s, c);
      if (c.t.deathBurst !== null) deathBurst(s, c, c.t.deathBurst);
    }
  }
}

/**
 * Drops `target` to 0 hit points without rolling damage (a sea hag's Death Glare), and with `dies`
 * kills it outright (a solar's Slaying Bow, a sixth level of exhaustion). The hit points it had
 * count as damage dealt.
 */
export function slay(s: FightState, source: Combatant, target: Combatant, dies: boolean): void {
  if (target.dead) return;
  if (target.hp > 0) {
    source.damageDealt += target.hp;
    target.damageTaken += target.hp;
    s.setHp(target, 0);
    target.tempHp = 0;
    drop(s, target);
  }
  if (dies && !target.dead) kill(s, target, 'slain');
}

export function kill(s: FightState, c: Combatant, cause: 'death-saves' | 'massive-damage' | 'finished-off' | 'slain'): void {
  if (c.isCharacter && !c.dead && c.hp <= 0) s.downedCharacters[c.side]--;
  c.dead = true;
  c.diedInFight = s.fightSerial;
  s.setHp(c, 0);
  c.stable = false;
  if (s.log !== null) s.log.push({ t: 'dead', who: c.name, cause });
  if (s.rich) sourceFell(s, c);
}

export function deathSave(s: FightState, c: Combatant): void {
  const roll = s.rng.die(20);
  if (roll === 20) {
    // A natural 20: back on their feet with 1 HP.
    s.setHp(c, 1);
    revive(s, c, roll);
    return;
  }
  if (roll === 1) c.deathFailures += 2;
  // A death save is a d20 test: 2024 exhaustion takes 2 per level off it.
  else if (roll - 2 * c.exhaustion < 10) c.deathFailures++;
  else c.deathSuccesses++;
  if (s.log !== null) s.log.push({ t: 'death-save', who: c.name, roll, successes: c.deathSuccesses, failures: c.deathFailures });
  if (c.deathFailures >= 3) kill(s, c, 'death-saves');
  else if (c.deathSuccesses >= 3) {
    c.stable = true;
    if (s.log !== null) s.log.push({ t: 'stable', who: c.name });
  }
}

export function restoreHp(s: FightState, source: Combatant, target: Combatant, amount: number): void {
  if (target.dead || amount <= 0 || target.noHealingCount > 0) return;
  const wasDown = target.hp <= 0;
  const before = target.hp;
  s.setHp(target, Math.min(target.maxHp, target.hp + amount));
  source.healingDone += target.hp - before;
  if (wasDown && target.hp > 0) revive(s, target);
}

export function revive(s: FightState, c: Combatant, deathSaveRoll?: number): void {
  if (c.isCharacter) s.downedCharacters[c.side]--;
  clearDeathSaves(c);
  if (c.side === 0 /* SIDE_PARTY */) s.standingParty++;
  else s.standingEnemies++;
  s.standingBits[c.side] |= c.bit;
  if (s.log !== null) s.log.push(deathSaveRoll === undefined ? { t: 'revived', who: c.name, hp: c.hp } : { t: 'revived', who: c.name, hp: c.hp, roll: deathSaveRoll });
}

/** What happens to the dying once a fight is over. */
export function afterFight(s: FightState, outcome: number): void {
  const party = s.party;
  for (let i = 0; i < party.length; i++) {
    const c = party[i];
    if (c.dead === true || c.hp > 0) continue;
    if (outcome === OUTCOME_DEFEAT && s.finishOffDowned) {
      // The party is wiped: the monsters finish off everyone down, stable or not.
      kill(s, c, 'finished-off');
      continue;
    }
    if (c.stable) continue;
    if (outcome === OUTCOME_VICTORY || outcome === OUTCOME_DRAW) {
      // The fight is over and allies tend the dying: they are stabilised.
      c.stable = true;
      if (s.log !== null) s.log.push({ t: 'stable', who: c.name });
    } else {
      // Left alone: death saving throws until stable, dead, or back on their feet.
      while (!c.dead && !c.stable && c.hp === 0) deathSave(s, c);
    }
  }
}

/** A fresh start for death saving throws: on dropping to 0 HP, on coming back up, and at a new day. */
export function clearDeathSaves(c: Combatant): void {
  c.deathSuccesses = 0;
  c.deathFailures = 0;
  c.stable = false;
}

/** A character still at 0 HP when a short rest starts regains 1 HP within 1d4 hours; the party waits for them. */
export function regainAfterRest(s: FightState, c: Combatant): void {
  if (c.dead || c.hp > 0) return;
  s.setHp(c, 1);
  clearDeathSaves(c);
}

/** Undead Fortitude: a Constitution save against DC 5 + the damage keeps it at 1 HP. */
function holdsOn(s: FightState, source: Combatant, target: Combatant, amount: number): boolean {
  const dc = 5 + amount;
  const total = saveTotal(s, target, ABILITY_CON, false);
  const success = total >= dc;
  if (s.log !== null) {
    s.log.push({ t: 'save', who: source.name, target: target.name, ability: 'con', dc, roll: s.lastSaveRoll, total, success, damage: 0, targetHp: success ? 1 : 0 });
  }
  return success;
}
