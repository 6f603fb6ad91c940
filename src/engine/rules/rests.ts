// Short rests between fights: hit dice, uses and pact slots that come back.

import { USES_SHORT_REST } from '../compiled.ts';
import type { FightState } from '../fight-state.ts';
import { regainAfterRest } from './hit-points.ts';

export function shortRest(s: FightState): void {
  const rng = s.rng;
  const policy = s.scenario.rules.hitDicePolicy;
  const healed: Array<{ who: string; hitDice: number; hp: number }> = [];
  for (const c of s.party) {
    if (c.dead) continue;
    regainAfterRest(s, c);
    for (let i = 0; i < c.actions.length; i++) {
      if (c.actions[i].usesKind === USES_SHORT_REST) c.usesLeft[i] = c.actions[i].usesMax;
    }
    if (s.rich) {
      for (let i = 0; i < c.reactionUses.length; i++) {
        if (c.t.reactions[i].usesKind === USES_SHORT_REST) c.reactionUses[i] = c.t.reactions[i].usesMax;
      }
      // Pact magic slots come back on a short rest.
      if (c.t.pactSlots) c.slotsLeft.set(c.t.slots);
    }
    let spent = 0;
    if (policy !== 'none' && c.t.hitDieSides > 0) {
      const goal = policy === 'to-full' ? c.maxHp : Math.ceil(c.maxHp / 2);
      const available = c.t.hitDiceCount - c.hitDiceSpent;
      while (c.hp < goal && spent < available) {
        spent++;
        s.setHp(c, Math.min(c.maxHp, c.hp + Math.max(0, rng.die(c.t.hitDieSides) + c.t.conModifier)));
      }
      c.hitDiceSpent += spent;
      c.charTotals!.hitDiceSpent += spent;
    }
    if (s.log !== null) healed.push({ who: c.name, hitDice: spent, hp: c.hp });
  }
  if (s.log !== null) s.log.push({ t: 'rest', healed });
}
