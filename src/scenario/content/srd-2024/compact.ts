// The stored form of the SRD 5.2 bestiary (srd-2024-monsters.json): the SRD 5.1 compendium's
// compact record (../srd/compact.ts), plus what the 2024 stat blocks add that it does not keep:
// which legendary actions can be taken only once between the creature's turns, and Undead
// Fortitude and effects that prevent healing (the engine's `traits.undeadFortitude` and
// `preventsHealing`, newer than the shared record). The header is the
// SRD 5.1 compendium's, with its own source and attribution.

import { z } from 'zod';
import type { CreatureActionSpec, EffectSpec, LegendaryActionSpec } from '../../../engine/index.ts';
import { compactMonster, expandMonster, storedMonster } from '../srd/compact.ts';
import type { CompendiumMonster } from '../srd/types.ts';

export { COMPENDIUM_FORMAT, COMPENDIUM_VERSION, compendiumFile, compendiumHeader, type CompendiumHeader } from '../srd/compact.ts';

export const storedMonster2024 = storedMonster.extend({
  /** Indexes into engine.legendary.actions of the actions limited to once between its turns. */
  legendaryOncePerRound: z.array(z.number().int().min(0).max(20)).optional(),
  /** The engine's traits.undeadFortitude. */
  undeadFortitude: z.literal(true).optional(),
  /** Names of the effects (riders, effect actions) with the engine's preventsHealing. */
  preventsHealing: z.array(z.string().min(1).max(200)).max(20).optional(),
});

/** Every effect an entry's creature can inflict or carry: riders, effect actions, legendary actions, permanent effects. */
function effectsOf(e: CompendiumMonster): EffectSpec[] {
  const c = e.creature;
  const actions: CreatureActionSpec[] = [...c.actions, ...(c.effectActions ?? []), ...(c.legendary?.actions.map((l) => l.action) ?? [])];
  return [...actions.flatMap((a) => ('effect' in a && a.effect ? [a.effect] : [])), ...(c.effects ?? [])];
}

export type StoredMonster2024 = z.input<typeof storedMonster2024>;

export function compactMonster2024(e: CompendiumMonster): StoredMonster2024 {
  const once = (e.creature.legendary?.actions ?? []).flatMap((l, i) => (l.oncePerRound ? [i] : []));
  const stored = compactMonster(e);
  const legendary = (stored.engine as { legendary?: { actions: LegendaryActionSpec[] } } | undefined)?.legendary;
  // The shared record keeps the legendary actions whole (its schema would drop the limit); the limit is stored beside them.
  const plain = legendary
    ? { ...stored, engine: { ...stored.engine, legendary: { ...legendary, actions: legendary.actions.map(({ cost, action }) => ({ cost, action })) } } } as StoredMonster2024
    : stored;
  const noHealing = [...new Set(effectsOf(e).filter((x) => x.preventsHealing).map((x) => x.name))];
  return {
    ...plain, ...(once.length > 0 && { legendaryOncePerRound: once }), ...(e.creature.traits?.undeadFortitude && { undeadFortitude: true as const }),
    ...(noHealing.length > 0 && { preventsHealing: noHealing }),
  };
}

export function expandMonster2024(s: z.output<typeof storedMonster2024>): CompendiumMonster {
  const entry = expandMonster(s);
  if (s.undeadFortitude) entry.creature.traits = { ...entry.creature.traits, undeadFortitude: true };
  const noHealing = new Set(s.preventsHealing ?? []);
  if (noHealing.size > 0) for (const x of effectsOf(entry)) if (noHealing.has(x.name)) x.preventsHealing = true;
  const once = new Set(s.legendaryOncePerRound ?? []);
  const legendary = entry.creature.legendary;
  if (legendary && once.size > 0) {
    entry.creature.legendary = { ...legendary, actions: legendary.actions.map((l, i) => (once.has(i) ? { ...l, oncePerRound: true } : l)) };
  }
  return entry;
}
