// The SRD bestiaries as the Day screen uses them: each loaded in its own chunk the first time it is
// needed and kept for the page's life, and a compendium monster made into an enemy of the draft.
// The monster search and "Find a fight" share them.
import { useEffect, useState } from 'react';
import type { Compendium } from '../../scenario/content/srd/compendium.ts';
import { creatureFrom } from '../../scenario/content/srd/creature-from.ts';
import type { CompendiumMonster } from '../../scenario/content/srd/types.ts';
import { newUid, type DraftEnemy, type Edition, type MonsterRef } from '../../state/index.ts';

export const CR_STEPS = [0, 0.125, 0.25, 0.5, ...Array.from({ length: 30 }, (_, i) => i + 1)];
export const crText = (cr: number) => (cr === 0.125 ? '1/8' : cr === 0.25 ? '1/4' : cr === 0.5 ? '1/2' : String(cr));

/** A compendium or imported monster as an enemy of the draft; `edition` names the bestiary of a compendium monster. */
export function enemyFrom(entry: CompendiumMonster, count: number, compendiumId: string | null, edition?: Edition): DraftEnemy {
  const monster: MonsterRef = {
    compendiumId, ...(compendiumId !== null && edition ? { edition } : {}), xp: entry.xp, crText: entry.crText, notModelled: [...entry.notModelled], approximations: [...entry.approximations],
  };
  return { uid: newUid('x'), monster, creature: creatureFrom(entry, count) as unknown as Record<string, unknown> };
}

// The two bestiaries, each in its own chunk, loaded the first time a search needs it.
export const BESTIARIES: Record<Edition, { name: string; load: () => Promise<Compendium> }> = {
  '2024': { name: 'SRD 5.2 (2024)', load: () => import('../../scenario/content/srd-2024/compendium.ts').then((m) => m.loadCompendium2024()) },
  '2014': { name: 'SRD 5.1 (2014)', load: () => import('../../scenario/content/srd/compendium.ts').then((m) => m.loadCompendium()) },
};
export const SRD_OF: Record<Edition, string> = { '2014': 'SRD 5.1', '2024': 'SRD 5.2' };
// Kept for the page's life, so a search shown again has its bestiary at once.
const loadedBestiaries: Partial<Record<Edition, Compendium>> = {};

/** The bestiary of `edition`, loaded once. */
export async function loadBestiary(edition: Edition): Promise<Compendium> {
  return (loadedBestiaries[edition] ??= await BESTIARIES[edition].load());
}

export function useBestiary(edition: Edition): { compendium: Compendium | null; error: string | null } {
  const [state, setState] = useState<{ edition: Edition; compendium: Compendium | null; error: string | null }>({ edition, compendium: null, error: null });
  useEffect(() => {
    if (loadedBestiaries[edition]) return;
    let live = true;
    loadBestiary(edition).then(
      (compendium) => {
        if (live) setState({ edition, compendium, error: null });
      },
      (e: unknown) => live && setState({ edition, compendium: null, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [edition]);
  const ready = loadedBestiaries[edition];
  if (ready) return { compendium: ready, error: null };
  return state.edition === edition ? { compendium: null, error: state.error } : { compendium: null, error: null };
}
