// The creatures compendium monsters bring into a fight, for both editions' bestiaries: a vampire's
// bats, a djinni's conjured elemental, a lich's animated dead, a wraith's specters, a treant's
// trees. Each summoned creature is another monster of the same bestiary, referred to by name, so
// the stored files stay one record per monster: the build scripts restate the summoner's gap as
// the rule the simulation runs (restateSummons), and loading attaches the summoned creature's
// stat block to the summoner (attachSummons).

import type { SummonSpec } from '../../engine/types.ts';
import type { CompendiumMonster } from './srd/types.ts';

export interface SummonEntry {
  /** The summoner, by its name in the bestiary. */
  summoner: string;
  /** The gap line the summons replaces (as the converter writes it). */
  gap: string;
  /** The rule the simulation runs, as the approximation shown to the DM. */
  rule: string;
  /** The summoned creature, by its name in the same bestiary, and the most that can be in the fight. */
  monster: string;
  count: number;
  /** Only these of the summoned monster's actions (the SRD 5.1 animated trees have only the Slam); all when absent. */
  actions?: string[];
  summons: Omit<SummonSpec, 'creature'>;
}

const ONCE_A_DAY = { per: 'long-rest', count: 1 } as const;
const BEFORE = '(its casting time is 1 minute, so it is assumed cast before the fight)';

function vampire(summoner: string): SummonEntry {
  return {
    summoner, gap: 'Action: Children of the Night', monster: 'Swarm of Bats', count: 8,
    rule: 'Children of the Night: on its first turn it calls 2d4 swarms of bats (not rats, nor the 3d6 wolves it could call outdoors); '
      + 'they arrive 1d4 rounds later at the start of its turn, act on their own initiative, and leave the fight when it dies',
    summons: { name: 'Children of the Night', when: 'action', uses: ONCE_A_DAY, number: '2d4', delay: '1d4', leaves: 'summoner' },
  };
}

function conjureElemental(summoner: string, elemental: string): SummonEntry {
  return {
    summoner, gap: 'Spell: Conjure Elemental: not modelled', monster: elemental, count: 1,
    rule: `Spell: Conjure Elemental: one ${elemental.toLowerCase()} fights beside it from the start ${BEFORE} while it concentrates on the spell; `
      + 'when its concentration ends the elemental leaves the fight (by the spell it would turn hostile to both sides)',
    summons: { name: 'Conjure Elemental', when: 'before-fight', leaves: 'concentration', spell: { level: 5, concentration: true } },
  };
}

function animateDead(summoner: string): SummonEntry {
  return {
    summoner, gap: 'Spell: Animate Dead: not modelled', monster: 'Skeleton', count: 1,
    rule: `Spell: Animate Dead: one skeleton fights beside it from the start ${BEFORE}, with one of its 3rd-level slots spent; the skeleton fights on if it dies`,
    summons: { name: 'Animate Dead', when: 'before-fight', leaves: 'never', spell: { level: 3 } },
  };
}

/** Both editions' wraith: the same text in substance (a humanoid dead violently for less than a minute, seven at most). */
const CREATE_SPECTER: SummonEntry = {
  summoner: 'Wraith', gap: 'Action: Create Specter', monster: 'Specter', count: 7,
  rule: 'Create Specter: a specter rises from the corpse of a party member who died in this fight, one per corpse (so at most one per party member, '
    + 'and no more than seven); the specter fights on if the wraith dies',
  summons: { name: 'Create Specter', when: 'action', leaves: 'never', needsCorpse: true },
};

/** SRD 5.1 (scripts/build-compendium.ts). */
export const SUMMONS_2014: readonly SummonEntry[] = [
  vampire('Vampire, Vampire Form'),
  vampire('Vampire, Bat Form'),
  conjureElemental('Djinni', 'Air Elemental'),
  conjureElemental('Efreeti', 'Fire Elemental'),
  animateDead('Lich'),
  animateDead('Mummy Lord'),
  CREATE_SPECTER,
  {
    summoner: 'Treant', gap: 'Action: Animate Trees', monster: 'Treant', count: 2, actions: ['Slam'],
    rule: 'Animate Trees: on its first turn two trees are assumed in sight and animate at once (the SRD says one or two), each with the treant\'s statistics '
      + 'and only its Slam (its Intelligence and Charisma saves are left as the treant\'s); they act on their own initiative and leave the fight when it dies',
    summons: { name: 'Animate Trees', when: 'action', uses: ONCE_A_DAY, leaves: 'summoner' },
  },
];

/** SRD 5.2 (scripts/build-compendium-2024.ts). */
export const SUMMONS_2024: readonly SummonEntry[] = [
  animateDead('Lich'),
  animateDead('Mummy Lord'),
  CREATE_SPECTER,
  {
    summoner: 'Treant', gap: 'Action: Animate Trees', monster: 'Treant', count: 2,
    rule: 'Animate Trees: on its first turn two trees are assumed in reach and animate at once, each with the treant\'s stat block without this action; '
      + 'they act on their own initiative rather than right after it, and leave the fight when it dies',
    summons: { name: 'Animate Trees', when: 'action', uses: ONCE_A_DAY, leaves: 'summoner' },
  },
];

/** The build: the summoner's gap becomes the stated rule (the creature is attached when the bestiary loads). */
export function restateSummons(entry: CompendiumMonster, table: readonly SummonEntry[]): void {
  for (const s of table) {
    if (s.summoner !== entry.name) continue;
    const at = entry.notModelled.indexOf(s.gap);
    if (at < 0) throw new Error(`${entry.name}: expected the gap "${s.gap}" that its summons replaces`);
    entry.notModelled.splice(at, 1);
    entry.approximations.push(s.rule);
  }
}

/**
 * Loading: each summoner's creature gains its summons, with the summoned monster's stat block (its
 * own summons left out, as a summoned creature does not summon in turn). Returns what could not be
 * attached, as problems to report.
 */
export function attachSummons(monsters: CompendiumMonster[], table: readonly SummonEntry[]): string[] {
  const byName = new Map(monsters.map((m) => [m.name, m]));
  const problems: string[] = [];
  for (const s of table) {
    const summoner = byName.get(s.summoner), summoned = byName.get(s.monster);
    if (summoner === undefined) continue;
    if (summoned === undefined) {
      problems.push(`${s.summoner}: its summons (${s.summons.name}) needs the ${s.monster}, which is not in the bestiary`);
      continue;
    }
    const { summons: _own, ...whole } = summoned.creature;
    const creature = s.actions === undefined ? whole : { ...whole, actions: whole.actions.filter((a) => s.actions!.includes(a.name)) };
    summoner.creature = {
      ...summoner.creature,
      // Written with its uses, as the scenario format fills them in (absent means at will).
      summons: [...(summoner.creature.summons ?? []), { ...s.summons, uses: s.summons.uses ?? { per: 'at-will' }, creature: { ...creature, count: s.count } }],
    };
  }
  return problems;
}

/** The entry as stored: without the summons loading attached (tests compare stored and converted forms with it). */
export function withoutSummons(m: CompendiumMonster): CompendiumMonster {
  if (m.creature.summons === undefined) return m;
  const { summons: _attached, ...creature } = m.creature;
  return { ...m, creature };
}
