// How the fidelity report counts Legendary Resistance: against the legendary monsters whose stat
// block has the trait, so a legendary monster the SRD gives none (the SRD 5.1 Aboleth, Kraken,
// Solar and others) reads as what it is rather than as a gap.
import type { CompendiumMonster } from './srd/types.ts';

const hasTrait = (m: CompendiumMonster): boolean => m.traits.some((t) => /^Legendary Resistance\b/.test(t));

/** "25 of the 25 whose stat block has it; none in the SRD for Aboleth, ... (7)". */
export function legendaryResistanceWords(monsters: readonly CompendiumMonster[]): string {
  const legendary = monsters.filter((m) => m.legendary !== null);
  const written = legendary.filter(hasTrait);
  const run = written.filter((m) => (m.creature.legendary?.resistances ?? 0) > 0);
  const missing = written.filter((m) => !run.includes(m));
  const without = legendary.filter((m) => !hasTrait(m));
  let text = `${run.length} of the ${written.length} whose stat block has it`;
  if (missing.length > 0) text += ` (not run: ${missing.map((m) => m.name).join(', ')})`;
  if (without.length > 0) text += `; the SRD gives none to ${without.map((m) => m.name).join(', ')} (${without.length})`;
  return text;
}
