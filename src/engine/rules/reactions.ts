// Reactions: Shield, Parry and Uncanny Dodge against a hit, Hellish Rebuke after damage, and
// Counterspell against a spell of 2nd level or higher.

import type { Combatant } from '../combatant.ts';
import { C_NO_ACTIONS, type CompiledAction, type CompiledAttack, REACT_COUNTERSPELL, REACT_HELLISH_REBUKE, REACT_PARRY, REACT_SHIELD, REACT_UNCANNY_DODGE, USES_AT_WILL, damageBit } from '../compiled.ts';
import { rollDice } from '../dice.ts';
import type { FightState } from '../fight-state.ts';
import { concentrationCheck } from './concentration.ts';
import { applyEffect } from './effects.ts';
import { dealDamage } from './hit-points.ts';
import { slotFor } from './resources.ts';
import { ABILITY_CON, ABILITY_DEX, autoFails, saveTotal } from './saving-throws.ts';

// Marked pure so a bundle that never runs a fight can leave this module out.
const FIRE_BIT = /* @__PURE__ */ damageBit('fire');

export function canReact(c: Combatant): boolean {
  return c.reactionReady && !c.dead && c.hp > 0 && (c.conditionMask & C_NO_ACTIONS) === 0;
}

export function reactionAvailable(c: Combatant, i: number): boolean {
  const r = c.t.reactions[i];
  return r.usesKind === USES_AT_WILL || c.reactionUses[i] > 0;
}

export function spendReaction(s: FightState, c: Combatant, i: number, against: Combatant, name: string): void {
  c.reactionReady = false;
  if (c.t.reactions[i].usesKind !== USES_AT_WILL) c.reactionUses[i]--;
  if (s.log !== null) s.log.push({ t: 'reaction', who: c.name, reaction: name, against: against.name });
}

/**
 * The target's reaction to a hit: 1 when Shield or Parry turns it into a miss, 3 when a parry with a
 * riposte does (the attacker then takes the riposte), 2 when Uncanny Dodge halves its damage, 0 when
 * nothing is done.
 */
export function defend(s: FightState, target: Combatant, attacker: Combatant, atk: CompiledAttack, roll: number, total: number, ac: number): number {
  if (!canReact(target)) return 0;
  const reactions = target.t.reactions;
  for (let i = 0; i < reactions.length; i++) {
    const r = reactions[i];
    if (!reactionAvailable(target, i)) continue;
    if (r.kind === REACT_SHIELD) {
      // Not against a natural critical, and only when +5 AC turns the hit into a miss.
      if (roll >= atk.critOn || total >= ac + 5) continue;
      if (target.t.hasSlots) {
        const level = slotFor(s, target, 1, 1) || slotFor(s, target, 1, 9);
        if (level === 0) continue;
        target.slotsLeft[level - 1]--;
      }
      spendReaction(s, target, i, attacker, 'Shield');
      applyEffect(s, target, target, s.scenario.shieldEffect, null, true);
      return 1;
    }
    if (r.kind === REACT_PARRY) {
      if (!atk.melee || roll >= atk.critOn || total >= ac + r.acBonus) continue;
      spendReaction(s, target, i, attacker, 'Parry');
      return r.riposte !== null ? 3 : 1;
    }
    if (r.kind === REACT_UNCANNY_DODGE) {
      spendReaction(s, target, i, attacker, 'Uncanny Dodge');
      return 2;
    }
  }
  return 0;
}

/** Hellish Rebuke: after taking damage from a creature, fire damage back (Dex save for half). */
export function rebuke(s: FightState, target: Combatant, source: Combatant): void {
  if (target === source || source.dead || (!source.isCharacter && source.hp <= 0)) return;
  const reactions = target.t.reactions;
  if (reactions.length === 0 || !canReact(target)) return;
  for (let i = 0; i < reactions.length; i++) {
    const r = reactions[i];
    if (r.kind !== REACT_HELLISH_REBUKE || !reactionAvailable(target, i)) continue;
    spendReaction(s, target, i, source, 'Hellish Rebuke');
    const rolled = Math.max(0, rollDice(r.damage!, s.rng));
    const success = saveTotal(s, source, ABILITY_DEX, true) >= r.dc && !autoFails(source, ABILITY_DEX);
    const dealt = dealDamage(s, target, source, success ? Math.floor(rolled / 2) : rolled, FIRE_BIT, false);
    concentrationCheck(s, source, dealt);
    return;
  }
}

export const NOT_COUNTERED = 0, COUNTERED = 1, COUNTERED_SLOT_KEPT = 2;

/**
 * Counterspell against `caster`'s spell cast at `level` (2nd or higher: the reaction and a 3rd-level
 * slot are kept for spells worth them). The first enemy able to react answers. The 2014 spell: the
 * spell fails, or for a spell of 4th level or higher when the counter is cast with a lower slot, on
 * an ability check (d20 + bonus) against DC 10 + its level. The 2024 spell (a save DC given): the
 * caster makes a Constitution saving throw against it, and on a failure the spell fails and its
 * slot isn't expended. Returns NOT_COUNTERED, COUNTERED or COUNTERED_SLOT_KEPT.
 */
export function counterspelled(s: FightState, caster: Combatant, a: CompiledAction, level: number): number {
  const foes = s.opponentsOf(caster);
  for (let k = 0; k < foes.length; k++) {
    const f = foes[k];
    if (f.t.reactions.length === 0 || !canReact(f)) continue;
    const reactions = f.t.reactions;
    for (let i = 0; i < reactions.length; i++) {
      const r = reactions[i];
      if (r.kind !== REACT_COUNTERSPELL || !reactionAvailable(f, i)) continue;
      let counterLevel = 3;
      if (f.t.hasSlots) {
        counterLevel = slotFor(s, f, 3, 9);
        if (counterLevel === 0) continue;
        f.slotsLeft[counterLevel - 1]--;
      }
      spendReaction(s, f, i, caster, 'Counterspell');
      let countered: boolean;
      if (r.dc > 0) {
        // A saving throw against a spell: Magic Resistance gives advantage on it.
        countered = saveTotal(s, caster, ABILITY_CON, true) < r.dc;
      } else {
        countered = level <= counterLevel;
        if (!countered) countered = s.rng.die(20) + r.bonus >= 10 + level;
      }
      if (s.log !== null) s.log.push({ t: 'countered', who: f.name, target: caster.name, spell: a.name, level, success: countered });
      return !countered ? NOT_COUNTERED : r.dc > 0 ? COUNTERED_SLOT_KEPT : COUNTERED;
    }
  }
  return NOT_COUNTERED;
}
