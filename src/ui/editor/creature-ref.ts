// Where a creature sits in the draft, and pure edits of it, so every editor names a creature the
// same way and reports problems at the same paths the loader uses (`party[0].hp`).
import type { CreatureDoc, Draft } from '../../state/index.ts';

export type CreatureRef = { side: 'party'; index: number } | { side: 'enemy'; encounter: number; index: number };

export function pathOf(ref: CreatureRef): string {
  return ref.side === 'party' ? `party[${ref.index}]` : `encounters[${ref.encounter}].enemies[${ref.index}]`;
}

export function creatureAt(draft: Draft, ref: CreatureRef): CreatureDoc | undefined {
  return ref.side === 'party' ? draft.party[ref.index]?.creature : draft.encounters[ref.encounter]?.enemies[ref.index]?.creature;
}

/** A new draft with the creature at `ref` replaced by `update(creature)`. */
export function updateCreature(draft: Draft, ref: CreatureRef, update: (c: CreatureDoc) => CreatureDoc): Draft {
  if (ref.side === 'party') {
    const member = draft.party[ref.index];
    if (!member) return draft;
    const party = [...draft.party];
    party[ref.index] = { ...member, creature: update(member.creature) };
    return { ...draft, party };
  }
  const enc = draft.encounters[ref.encounter];
  const enemy = enc?.enemies[ref.index];
  if (!enemy) return draft;
  const enemies = [...enc.enemies];
  enemies[ref.index] = { ...enemy, creature: update(enemy.creature) };
  const encounters = [...draft.encounters];
  encounters[ref.encounter] = { ...enc, enemies };
  return { ...draft, encounters };
}

/** Sets a value at a path of keys and indices inside a creature, copying on the way down. */
export function setIn(target: unknown, keys: ReadonlyArray<string | number>, value: unknown): unknown {
  if (keys.length === 0) return value;
  const [key, ...rest] = keys;
  if (typeof key === 'number') {
    const list = Array.isArray(target) ? [...target] : [];
    list[key] = setIn(list[key], rest, value);
    return list;
  }
  const obj = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  if (value === undefined && rest.length === 0) delete obj[key];
  else obj[key] = setIn(obj[key], rest, value);
  return obj;
}

export function getIn(target: unknown, keys: ReadonlyArray<string | number>): unknown {
  let cur = target;
  for (const k of keys) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/** `["actions", 0, "attacks", 1, "toHit"]` -> `.actions[0].attacks[1].toHit`, matching the loader's paths. */
export function keysPath(keys: ReadonlyArray<string | number>): string {
  return keys.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');
}

/** What a user typed in a number field: a number when it reads as one, else the text as typed (so the checker can name it). */
export function numberFromText(text: string): number | string {
  const t = text.trim();
  if (/^[+-]?\d+(\.\d+)?$/.test(t)) return Number(t);
  return t;
}
