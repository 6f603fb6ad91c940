// Signature spells as ready-made actions for any stat block, built by the same functions as the
// class templates: a DM adds Bless to a custom priest or Fireball to a homebrew mage by name, with
// the caster's save DC and attack bonus, instead of writing the effect by hand.

import { proficiencyBonus } from '../../../engine/tables.ts';
import type { ActionInput } from './common.ts';
import {
  AREA_SPELLS, areaSpell, bless, cureWounds, faerieFire, fireBolt, healingWord, hex, holdPerson, huntersMark, hypnoticPattern,
  magicMissile, sacredFlame, scorchingRay, spiritGuardians, type CasterStats,
} from './spells.ts';

export interface SpellbookEntry {
  id: string;
  name: string;
  /** 0 for a cantrip. */
  level: number;
  build(c: CasterStats): ActionInput[];
}

export const SPELLBOOK: readonly SpellbookEntry[] = [
  { id: 'fire-bolt', name: 'Fire Bolt', level: 0, build: (c) => [fireBolt(c)] },
  { id: 'sacred-flame', name: 'Sacred Flame', level: 0, build: (c) => [sacredFlame(c)] },
  { id: 'bless', name: 'Bless', level: 1, build: () => [bless()] },
  { id: 'cure-wounds', name: 'Cure Wounds', level: 1, build: (c) => [cureWounds(c)] },
  { id: 'healing-word', name: 'Healing Word', level: 1, build: (c) => [healingWord(c)] },
  { id: 'faerie-fire', name: 'Faerie Fire', level: 1, build: (c) => [faerieFire(c)] },
  { id: 'hex', name: 'Hex', level: 1, build: () => hex() },
  { id: 'hunters-mark', name: "Hunter's Mark", level: 1, build: () => huntersMark('piercing') },
  { id: 'magic-missile', name: 'Magic Missile', level: 1, build: () => [magicMissile()] },
  { id: 'hold-person', name: 'Hold Person', level: 2, build: (c) => [holdPerson(c)] },
  { id: 'scorching-ray', name: 'Scorching Ray', level: 2, build: (c) => [scorchingRay(c)] },
  { id: 'shatter', name: 'Shatter', level: 2, build: (c) => [areaSpell(AREA_SPELLS.shatter, c)] },
  { id: 'fireball', name: 'Fireball', level: 3, build: (c) => [areaSpell(AREA_SPELLS.fireball, c)] },
  { id: 'hypnotic-pattern', name: 'Hypnotic Pattern', level: 3, build: (c) => [hypnoticPattern(c)] },
  { id: 'spirit-guardians', name: 'Spirit Guardians', level: 3, build: (c) => [spiritGuardians(c)] },
  { id: 'lightning-bolt', name: 'Lightning Bolt', level: 3, build: (c) => [areaSpell(AREA_SPELLS.lightningBolt, c)] },
  { id: 'cone-of-cold', name: 'Cone of Cold', level: 5, build: (c) => [areaSpell(AREA_SPELLS.coneOfCold, c)] },
];

/** Proficiency bonus at a character level (or challenge rating rounded), 2 to 6. */
export const proficiencyAt = (level: number): number => proficiencyBonus(Math.max(1, Math.min(20, level)));

/**
 * The actions of a spell for a caster. A caster with no spell slots casts by uses alone, so a
 * levelled spell is then limited to once per long rest rather than cast every turn.
 */
export function spellActions(id: string, c: CasterStats, hasSlots: boolean): ActionInput[] {
  const entry = SPELLBOOK.find((s) => s.id === id);
  if (!entry) throw new Error(`unknown spell "${id}"; the spellbook has ${SPELLBOOK.map((s) => s.name).join(', ')}`);
  const actions = entry.build(c);
  if (hasSlots || entry.level === 0) return actions;
  return actions.map((a) => (a.spell && (a.spell.level ?? 0) > 0 ? { ...a, uses: { per: 'long-rest' as const, count: 1 } } : a));
}
