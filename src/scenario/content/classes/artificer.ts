// Artificer (not in the SRD 5.1; numbers from its published class table): half-caster slots from
// 1st level, Cure Wounds, infusions as a +1 then +2 shield (Enhanced Defense), and either the
// Artillerist (Eldritch Cannon, Shatter, Fireball) or the Battle Smith (Int-powered weapon,
// Extra Attack, Steel Defender, Arcane Jolt, Shield).

import {
  byLevel, ARTIFICER_SLOTS, cantripDice, mod, perLongRest, weaponAttack, WEAPONS,
  type AbilityPlan, type ActionInput, type ClassDefinition, type ReactionInput,
} from './common.ts';
import { casterSetup } from './caster.ts';
import { AREA_SPELLS, areaSpell, cureWounds, fireBolt, shieldReaction } from './spells.ts';

const PLAN: AbilityPlan = {
  start: { str: 8, dex: 14, con: 14, int: 16, wis: 12, cha: 10 },
  raises: ['int', 'int', 'con', 'con', 'dex'],
};
/** Scale mail, then half plate from 5th level (Dex counts up to +2), plus a shield. */
const ARMOR: ReadonlyArray<readonly [number, number]> = [[1, 14], [5, 15]];
/** Enhanced Defense infused into the shield: +1 from 2nd level, +2 from 10th. */
const ENHANCED_DEFENSE: ReadonlyArray<readonly [number, number]> = [[1, 0], [2, 1], [10, 2]];

export const artificer: ClassDefinition = {
  info: {
    id: 'artificer',
    name: 'Artificer',
    hitDie: 8,
    summary: 'Armored half caster with infusions: an Eldritch Cannon or a Battle Smith with a Steel Defender',
    options: [
      { id: 'artillerist', label: 'Artillerist', group: 'specialist', minLevel: 3, description: 'Fire Bolt, an Eldritch Cannon (Force Ballista) as a bonus action, Shatter and Fireball.' },
      { id: 'battle-smith', label: 'Battle Smith', group: 'specialist', minLevel: 3, description: 'Warhammer with Intelligence, Extra Attack, Steel Defender attacks, Arcane Jolt, Shield.' },
    ],
    defaultOptions: ['artillerist'],
  },
  build({ level, prof, has }) {
    const { scores: s, abilityMod: int, caster: c, slots, notes } = casterSetup(PLAN, 'int', level, prof, ARTIFICER_SLOTS);
    const actions: ActionInput[] = [cureWounds(c)];
    const reactions: ReactionInput[] = [];
    const smith = has('battle-smith') && level >= 3;
    if (smith) {
      // Battle Ready: Intelligence for magic weapon attacks.
      const attacks = level >= 5 ? 2 : 1;
      const hammer = (count: number) => weaponAttack(WEAPONS.warhammer, prof + int, { damageBonus: int, count });
      if (level >= 9) {
        const jolt = level >= 15 ? '4d6' : '2d6';
        const first = hammer(1);
        actions.push({
          type: 'attack', name: 'Warhammer with Arcane Jolt', uses: perLongRest(Math.max(1, int)),
          attacks: [{ ...first, damage: `${first.damage}+${jolt}` }, ...(attacks > 1 ? [hammer(attacks - 1)] : [])],
        });
      }
      actions.push({ type: 'attack', name: attacks > 1 ? 'Warhammer (Extra Attack)' : 'Warhammer', attacks: [hammer(attacks)] });
      actions.push({
        type: 'attack', name: 'Steel Defender: Force-Empowered Rend', slot: 'bonus',
        attacks: [{ toHit: c.attack, damage: `1d8+${prof}`, damageType: 'force', reach: 'melee' }],
      });
      reactions.push(shieldReaction());
      notes.push('The Steel Defender is not a separate creature: its attack is the artificer\'s bonus action and it cannot be hit; its Deflect Attack is not used.');
      if (level >= 9) notes.push('Arcane Jolt is spent on one hit per turn while uses last; its healing option is not used.');
    } else {
      if (level >= 9) actions.push(areaSpell(AREA_SPELLS.fireball, c));
      if (level >= 5) actions.push(areaSpell(AREA_SPELLS.shatter, c));
      // Arcane Firearm (5th level): +1d8 to the damage of artificer spells cast through it.
      actions.push(level >= 5
        ? {
          type: 'attack', name: 'Fire Bolt (Arcane Firearm)', spell: { level: 0 },
          attacks: [{ toHit: c.attack, damage: `${cantripDice(level)}d10+1d8`, damageType: 'fire', reach: 'ranged' }],
        }
        : fireBolt(c));
      if (level >= 3) {
        // Force Ballista: a ranged spell attack for 2d8 force; Explosive Cannon adds 1d8 at 9th; two cannons at 15th.
        actions.push({
          type: 'attack', name: level >= 15 ? 'Eldritch Cannons: Force Ballista' : 'Eldritch Cannon: Force Ballista', slot: 'bonus',
          attacks: [{ toHit: c.attack, damage: level >= 9 ? '3d8' : '2d8', damageType: 'force', reach: 'ranged', ...(level >= 15 && { count: 2 }) }],
        });
        notes.push('The Eldritch Cannon is assumed set up before every fight (no action or slot spent) and cannot be destroyed.');
      }
      if (level >= 5) notes.push('Arcane Firearm adds its 1d8 to Fire Bolt only.');
    }
    notes.push('Infusions are counted as Enhanced Defense on the shield; other magic items are not assumed.');
    if (level >= 7) notes.push('Flash of Genius is not simulated.');
    if (level >= 20) notes.push('Soul of Artifice\'s save bonus per attuned item is not counted.');
    return {
      scores: s,
      saveProficiencies: ['con', 'int'],
      ac: byLevel(level, ARMOR) + Math.min(2, mod(s.dex)) + 2 + byLevel(level, ENHANCED_DEFENSE),
      actions,
      reactions,
      spellSlots: slots,
      caster: 'half',
      approximations: notes,
    };
  },
};
