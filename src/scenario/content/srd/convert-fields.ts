// Reading the SRD API's raw fields for the converter (convert.ts): each field with its own schema,
// a present but unreadable value noted and skipped; the limited-use and usage labels; the line that
// says an action or reaction is left out.

import { z } from 'zod';
import type { Ability, Uses } from '../../../engine/index.ts';
import { effectsIn, normaliseDice, saveMention, asDamageType, type DamagePart, type Obj, shown } from './stat-block.ts';

/** Reads one field with a schema; a present but unreadable value is noted and treated as missing. */
export function field<T>(o: Obj, key: string, schema: z.ZodType<T>, notes: string[], where = ''): T | undefined {
  const value = o[key];
  if (value === undefined || value === null) return undefined;
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  notes.push(`${where}${key}: ${shown(value)} could not be read (${r.error.issues[0]?.message ?? 'unexpected value'})`);
  return undefined;
}

export const text = z.string();
export const score = z.number().int().min(1).max(30);
export const ref = z.looseObject({ index: z.string(), name: z.string().optional() });
export const damageEntry = z.looseObject({
  damage_type: ref.optional(),
  damage_dice: z.union([z.string(), z.number()]).optional(),
  dc: z.unknown().optional(),
  choose: z.number().optional(),
  from: z.looseObject({ options: z.array(z.unknown()) }).optional(),
});
export const dcSchema = z.looseObject({
  dc_type: ref,
  // The engine takes DCs from 1 to 40; anything else is noted and the DC read as missing.
  dc_value: z.number().int().min(1).max(40),
  success_type: z.string().optional(),
});
export const usageSchema = z.looseObject({
  type: z.string(),
  times: z.number().int().optional(),
  dice: z.string().optional(),
  min_value: z.number().int().optional(),
  rest_types: z.array(z.string()).optional(),
});
export const namedEntry = z.looseObject({ name: z.string(), desc: z.string().optional() });
export const MAX_NAME = 200;
export const MAX_TEXT = 8000;

export const ABILITY_FIELDS: Record<Ability, string> = {
  str: 'strength', dex: 'dexterity', con: 'constitution', int: 'intelligence', wis: 'wisdom', cha: 'charisma',
};

export const SRD_FIELDS = new Set([
  'index', 'name', 'size', 'type', 'subtype', 'alignment', 'armor_class', 'hit_points', 'hit_dice', 'hit_points_roll',
  'speed', ...Object.values(ABILITY_FIELDS), 'proficiencies', 'damage_vulnerabilities', 'damage_resistances',
  'damage_immunities', 'condition_immunities', 'senses', 'languages', 'challenge_rating', 'proficiency_bonus', 'xp',
  'special_abilities', 'actions', 'legendary_actions', 'reactions', 'image', 'url', 'desc', 'forms', 'updated_at',
  '_id', 'spells',
]);

/** A damage entry's dice and type, or a note saying why not. */
export function damagePart(e: z.infer<typeof damageEntry>, subject: string, notes: string[]): DamagePart | null {
  const type = e.damage_type ? asDamageType(e.damage_type.index) : null;
  const dice = e.damage_dice === undefined ? null : normaliseDice(String(e.damage_dice));
  if (type === null || dice === null) {
    notes.push(`${subject}: damage ${shown(e)} could not be read`);
    return null;
  }
  return { dice, type };
}

export function srdUses(usage: z.infer<typeof usageSchema> | undefined, subject: string, notes: string[]): Uses {
  if (!usage) return { per: 'at-will' };
  switch (usage.type) {
    case 'recharge on roll': {
      const min = usage.min_value ?? 6;
      if (min >= 2 && min <= 6) return { per: 'recharge', min };
      notes.push(`${subject}: recharge ${min} is out of range; used recharge 6`);
      return { per: 'recharge', min: 6 };
    }
    case 'per day':
      return { per: 'long-rest', count: Math.min(100, Math.max(1, usage.times ?? 1)) };
    case 'recharge after rest':
      return usage.rest_types && !usage.rest_types.includes('short') ? { per: 'long-rest', count: 1 } : { per: 'short-rest', count: 1 };
    case 'at will':
      return { per: 'at-will' };
    default:
      notes.push(`${subject}: usage "${usage.type}" is not known; used once per encounter`);
      return { per: 'encounter', count: 1 };
  }
}

export function usageSuffix(usage: z.infer<typeof usageSchema> | undefined): string {
  if (!usage) return '';
  if (usage.type === 'per day') return ` (${usage.times ?? 1}/Day)`;
  if (usage.type === 'recharge on roll') return ` (Recharge ${usage.min_value ?? 6}${(usage.min_value ?? 6) < 6 ? '-6' : ''})`;
  if (usage.type === 'recharge after rest') return ' (Recharges after a Short or Long Rest)';
  return '';
}

/** "Action: Frightful Presence (frightens; DC 19 Wisdom save)". */
export function leftOut(kind: string, name: string, desc: string): string {
  const effects = effectsIn(desc);
  const save = saveMention(desc);
  const detail = [effects.join(', '), save].filter(Boolean).join('; ');
  return `${kind}: ${name}${detail ? ` (${detail})` : ''}`;
}

export interface SrdAction {
  raw: Obj;
  name: string;
  desc: string;
}
