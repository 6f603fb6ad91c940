// The enemies of a fight as a DM reads them: the encounter's own monsters one by one, and the
// creatures a summoner brings as one group under it ("Swarm of Bats, called by the Vampire: up to 8,
// came in 62% of fights"), never as if every reserve place had been in every fight. Pure.
import type { Proportion, Summary } from '../../engine/index.ts';
import { decimal, percent } from './format.ts';

type EncounterSummary = Summary['encounters'][number];
type EnemySummary = EncounterSummary['enemies'][number];

export interface EnemyRow {
  kind: 'enemy';
  name: string;
  enemy: EnemySummary;
}

export interface SummonedGroupRow {
  kind: 'summoned';
  /** "Swarm of Bats, called by Vampire (Children of the Night)". */
  name: string;
  /** "up to 8; came in 62.0% of fights reached, 3.1 on average". */
  presence: string;
  /** Places in reserve (or creatures there from the start). */
  size: number;
  /** Fights reached in which at least one came; null when not recorded or there from the start. */
  came: Proportion | null;
  /** Per fight reached, summed over the group. */
  killedMean: number;
  damageDealt: number;
  damageTaken: number;
  healingDone: number;
  actionUses: Array<{ action: string; mean: number }>;
}

export type EnemyListRow = EnemyRow | SummonedGroupRow;

/** The encounter's own enemies, each followed by the groups it summons. */
export function enemyRows(e: EncounterSummary): EnemyListRow[] {
  const order: Array<EnemySummary | EnemySummary[]> = [];
  const groups = new Map<string, EnemySummary[]>();
  for (const x of e.enemies) {
    if (!x.summoned) {
      order.push(x);
      continue;
    }
    const key = `${x.summoned.summoner}/${x.summoned.summons}/${x.summoned.creature}`;
    const members = groups.get(key);
    if (members) members.push(x);
    else {
      groups.set(key, [x]);
      order.push(groups.get(key)!);
    }
  }
  return order.map((x) => (Array.isArray(x) ? groupRow(e, x) : { kind: 'enemy', name: x.name, enemy: x }));
}

function groupRow(e: EncounterSummary, members: EnemySummary[]): SummonedGroupRow {
  const first = members[0].summoned!;
  const summoner = e.enemies[first.summoner]?.name ?? 'its summoner';
  const size = members.length;
  const sum = (f: (x: EnemySummary) => number) => members.reduce((s, x) => s + f(x), 0);
  const uses = new Map<string, number>();
  for (const x of members) for (const a of x.actionUses) uses.set(a.action, (uses.get(a.action) ?? 0) + a.mean);
  // Reserve places fill in order, so the first place is taken whenever any creature comes.
  const arrivals = members.map((x) => x.arrived).filter((p): p is Proportion => p !== undefined);
  const came = first.reserve && arrivals.length === size ? arrivals.reduce((a, b) => (b.p > a.p ? b : a)) : null;
  let presence: string;
  if (!first.reserve) presence = `${size === 1 ? 'there' : `all ${size} there`} from the start`;
  else if (came === null) presence = `up to ${size}; how often they came was not recorded by this result's engine (simulate again to see it)`;
  else presence = `up to ${size}; came in ${percent(came.p)} of fights reached${size > 1 ? `, ${decimal(sum((x) => x.arrived!.p))} on average` : ''}`;
  return {
    kind: 'summoned',
    name: `${first.creature}, ${first.reserve ? 'called' : 'brought'} by ${summoner} (${first.summons})`,
    presence,
    size,
    came,
    killedMean: sum((x) => x.killed.p),
    damageDealt: sum((x) => x.damageDealt),
    damageTaken: sum((x) => x.damageTaken),
    healingDone: sum((x) => x.healingDone),
    actionUses: [...uses].map(([action, mean]) => ({ action, mean })),
  };
}

/** Enemies of the encounter's own list, and summoned creatures' places. */
export function enemyCounts(e: EncounterSummary): { own: number; ownKilled: number; summoned: number; summonedKilled: number } {
  let own = 0, ownKilled = 0, summoned = 0, summonedKilled = 0;
  for (const x of e.enemies) {
    if (x.summoned) {
      summoned++;
      summonedKilled += x.killed.p;
    } else {
      own++;
      ownKilled += x.killed.p;
    }
  }
  return { own, ownKilled, summoned, summonedKilled };
}
