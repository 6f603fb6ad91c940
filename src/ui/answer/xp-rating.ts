// The XP arithmetic of the scenario as edited: each encounter rated by the 2014 adjusted-XP
// thresholds and the 2024 XP budget, from the party's levels and the monsters' XP. Custom stat
// blocks that carry an SRD monster's name are rated as that monster (the SRD 5.1 compendium is
// loaded for the lookup, lazily). Shared by the verdict bar, the answer panel and the results screen.
import { useEffect, useMemo, useState } from 'react';
import { rate2014, rate2024 } from '../../scenario/analysis/difficulty.ts';
import type { XpRatingWords } from '../../scenario/analysis/verdict.ts';
import type { Draft } from '../../state/index.ts';
import { useApp } from '../session.ts';

export const LABEL_2014: Record<string, string> = { trivial: 'Trivial', easy: 'Easy', medium: 'Medium', hard: 'Hard', deadly: 'Deadly' };
export const LABEL_2024: Record<string, string> = { low: 'Low', moderate: 'Moderate', high: 'High', 'beyond high': 'Beyond High' };

/** XP by folded monster name, for custom stat blocks that carry an SRD monster's name. */
export type XpByName = Map<string, { xp: number; name: string }>;
const fold = (name: string) => name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+\d+$/, '').trim();

let xpByNameOnce: Promise<XpByName> | null = null;

/** The lookup, loaded only once some monster of the draft needs it. */
export function useXpByName(needed: boolean): XpByName | null {
  const [map, setMap] = useState<XpByName | null>(null);
  useEffect(() => {
    if (!needed) return;
    let live = true;
    xpByNameOnce ??= import('../../scenario/content/srd/compendium.ts').then((m) => m.loadCompendium())
      .then((c) => new Map(c.monsters.map((m) => [fold(m.name), { xp: m.xp, name: m.name }])));
    xpByNameOnce.then((m) => live && setMap(m), () => undefined);
    return () => {
      live = false;
    };
  }, [needed]);
  return map;
}

export interface RatedEncounter {
  name: string;
  /** SRD monsters whose XP was taken by name for custom stat blocks. */
  byName: string[];
  r2014: ReturnType<typeof rate2014> | null;
  r2024: ReturnType<typeof rate2024> | null;
  /** Monsters left out because no XP is known for them. */
  unknown: number;
  /** Summoned creatures, left out of the XP (see summonedNote): "up to 8 Swarm of Bats (Vampire)". */
  summoned: string[];
  problem: string | null;
}

export interface RatedDay {
  levels: number[];
  /** Characters without a level, left out. */
  unleveled: number;
  encounters: RatedEncounter[];
}

export function rateDraft(draft: Draft, xpByName: XpByName | null): RatedDay {
  const levels: number[] = [];
  let unleveled = 0;
  for (const m of draft.party) {
    const level = Number(m.template?.level ?? m.creature.level);
    const count = Number.isInteger(m.creature.count) ? Number(m.creature.count) : 1;
    for (let i = 0; i < count; i++) {
      if (Number.isInteger(level) && level >= 1 && level <= 20) levels.push(level);
      else unleveled++;
    }
  }
  const encounters = draft.encounters.map((e): RatedEncounter => {
    const xps: number[] = [];
    const byName = new Set<string>();
    let unknown = 0;
    const summoned: string[] = [];
    for (const x of e.enemies) {
      const count = Number.isInteger(x.creature.count) ? Number(x.creature.count) : 1;
      summoned.push(...summonedBy(x.creature, count));
      const named = x.monster?.xp == null && typeof x.creature.name === 'string' ? xpByName?.get(fold(x.creature.name)) : undefined;
      if (named) byName.add(named.name);
      for (let i = 0; i < count; i++) {
        if (x.monster?.xp != null) xps.push(x.monster.xp);
        else if (named) xps.push(named.xp);
        else unknown++;
      }
    }
    const base = { name: e.name, byName: [...byName], unknown, summoned };
    if (levels.length === 0 || xps.length === 0) return { ...base, r2014: null, r2024: null, problem: levels.length === 0 ? 'no character has a level' : 'no monster has a challenge rating' };
    return { ...base, r2014: rate2014(levels, xps), r2024: rate2024(levels, xps), problem: null };
  });
  return { levels, unleveled, encounters };
}

/** What a creature of the draft summons, in words, for `count` of it; nothing when it summons nothing or its summons are malformed. */
function summonedBy(creature: Draft['encounters'][number]['enemies'][number]['creature'], count: number): string[] {
  const list = Array.isArray(creature.summons) ? creature.summons as unknown[] : [];
  return list.flatMap((g) => {
    const c = (g as { creature?: { name?: unknown; count?: unknown } } | null)?.creature;
    if (typeof c?.name !== 'string') return [];
    const each = Number.isInteger(c.count) ? Number(c.count) : 1;
    return [`up to ${each * count} ${c.name} (${String(creature.name)})`];
  });
}

/**
 * The rule for summoned creatures: by the DMG a monster's challenge rating already accounts for what
 * it can summon, so only the summoner's XP counts (and only it counts towards the 2014 multiplier).
 */
export function summonedNote(e: RatedEncounter): string | null {
  if (e.summoned.length === 0) return null;
  return `Summoned creatures (${e.summoned.join(', ')}) are not counted: a monster's challenge rating already accounts for what it summons.`;
}

/** The draft's XP ratings, recomputed on every edit. */
export function useRatedDay(): RatedDay | null {
  const draft = useApp((s) => s.draft);
  const needed = useApp((s) => s.draft?.encounters.some((e) => e.enemies.some((x) => x.monster?.xp == null)) ?? false);
  const xpByName = useXpByName(needed);
  return useMemo(() => (draft ? rateDraft(draft, xpByName) : null), [draft, xpByName]);
}

/** The ratings in the verdicts' words, one per encounter (null where it could not be rated). */
export function ratingWords(rated: RatedDay | null): Array<XpRatingWords | null> {
  return rated?.encounters.map((e) => (e.r2014 && e.r2024 ? { d2014: e.r2014.difficulty, d2024: e.r2024.difficulty } : null)) ?? [];
}

const STEP_2014: Record<string, number> = { trivial: 0, easy: 1, medium: 2, hard: 3, deadly: 4 };

/** The hardest-rated encounter of the day, for the bar: its 2014 and 2024 labels. */
export function hardestRating(rated: RatedDay | null): { d2014: string; d2024: string; name: string } | null {
  let best: RatedEncounter | null = null;
  for (const e of rated?.encounters ?? []) {
    if (!e.r2014 || !e.r2024) continue;
    if (!best || STEP_2014[e.r2014.difficulty] > STEP_2014[best.r2014!.difficulty]) best = e;
  }
  return best ? { d2014: LABEL_2014[best.r2014!.difficulty], d2024: LABEL_2024[best.r2024!.difficulty], name: best.name } : null;
}
