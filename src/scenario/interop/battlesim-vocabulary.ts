// BattleSim's words for what the engine models: targets, action conditions, action slots,
// frequencies, buff conditions and durations, damage tags and spell templates. The importer
// (battlesim.ts) reads these and the exporter (battlesim-export.ts) writes them, so both
// directions share this one table and a file exported and read back means the same thing.
// BattleSim matches its phrases without regard to case: `read` lists are lower case.

import type { ActionCondition, AllyTargeting, Condition, DamageType, EnemyTargeting } from '../../engine/index.ts';

type Doc = Record<string, unknown>;

/** A phrase BattleSim writes for one of our values, and every spelling of it that is read back. */
interface Phrase {
  write: string;
  read: readonly string[];
}

/** Lower-case phrase -> our value, from a table of phrases. */
function readTable<K extends string>(table: Record<K, Phrase>): ReadonlyMap<string, K> {
  const out = new Map<string, K>();
  for (const [ours, phrase] of Object.entries(table) as Array<[K, Phrase]>) for (const text of phrase.read) out.set(text, ours);
  return out;
}

// ------------------------------------------------------------------ phrases

/**
 * A phrase as the tables below hold it: lower case, single spaces. battlesim2's engine-side files
 * write the same words in snake_case ("enemy_with_least_hp", "at_will"), read the same way.
 */
export const phraseKey = (text: string): string => text.trim().toLowerCase().replace(/[\s_]+/g, ' ');

// ------------------------------------------------------------------ targets

/**
 * battlesim2's area targets: every creature of one side, up to the action's `targets`. An attack
 * on such an area is simulated as a saving throw that catches each creature once.
 */
export const AREA_TARGETS: ReadonlyMap<string, 'enemies' | 'allies'> = new Map([
  ['all enemies', 'enemies'], ['every enemy', 'enemies'], ['all allies', 'allies'], ['every ally', 'allies'],
]);

export const ENEMY_TARGETS: Record<EnemyTargeting, Phrase> = {
  'lowest-hp': { write: 'enemy with least HP', read: ['enemy with least hp', 'enemy with the least hp'] },
  'highest-hp': { write: 'enemy with most HP', read: ['enemy with most hp', 'enemy with the most hp'] },
  'highest-damage': { write: 'enemy with highest DPR', read: ['enemy with highest dpr', 'enemy with the highest dpr'] },
  'lowest-ac': { write: 'enemy with lowest AC', read: ['enemy with lowest ac', 'enemy with the lowest ac'] },
  // BattleSim has no random target; its default (most HP) is the neutral choice when writing.
  random: { write: 'enemy with most HP', read: ['random', 'random enemy'] },
};
export const ENEMY_TARGET_BY_TEXT = readTable(ENEMY_TARGETS);
/** BattleSim's default when an attack names no target. */
export const DEFAULT_ENEMY_TARGET: EnemyTargeting = 'highest-hp';

export const ALLY_TARGETS: Record<AllyTargeting, Phrase> = {
  'lowest-hp-fraction': { write: 'ally with the least HP', read: ['ally with the least hp', 'ally with least hp'] },
  self: { write: 'self', read: ['self'] },
};
export const ALLY_TARGET_BY_TEXT = readTable(ALLY_TARGETS);
/** What a buff on others targets in BattleSim; not read back (our buffs pick their own targets). */
export const BUFF_ALLY_TARGET = 'ally with the highest DPR';

// ------------------------------------------------------------------ action conditions

/** BattleSim's action conditions; the enemy counts exist only in battlesim2. */
export const ACTION_CONDITIONS: Record<ActionCondition, Phrase> = {
  // "not used yet" reads as always: the importer makes the action once per fight instead.
  always: { write: 'default', read: ['default', 'is available', 'not used yet'] },
  'ally-down': { write: 'ally at 0 HP', read: ['ally at 0 hp'] },
  'ally-below-half': { write: 'ally under half HP', read: ['ally under half hp', 'ally below 50% hp', 'any ally below 50% hp'] },
  'self-below-half': { write: 'is under half HP', read: ['is under half hp'] },
  'enemy-count-one': { write: 'enemy count one', read: ['enemy count one'] },
  'enemy-count-multiple': { write: 'enemy count multiple', read: ['enemy count multiple'] },
  'not-used-yet': { write: 'not used yet', read: [] },
  // BattleSim has no such condition: written as always, with a note.
  'after-previous': { write: 'default', read: [] },
};
export const ACTION_CONDITION_BY_TEXT = readTable(ACTION_CONDITIONS);
/** Always true like "default", but BattleSim does not try such actions before the others. */
export const ALWAYS_AVAILABLE = 'is available';
export const NOT_USED_YET = 'not used yet';

/** Conditions the engine does not have, with the nearest one it does and why that is close. */
export const APPROXIMATE_CONDITIONS: ReadonlyMap<string, [ActionCondition, string]> = new Map([
  ['ally below 25% hp', ['ally-below-half', 'an ally under half HP']],
  ['ally below 75% hp', ['ally-below-half', 'an ally under half HP']],
  ['any ally injured', ['always', 'always (healing is only used on someone who lost HP)']],
  ['any ally needs healing', ['always', 'always (healing is only used on someone who lost HP)']],
  ['has no thp', ['always', 'always (temporary HP are only granted to those who have none)']],
]);

/**
 * The order BattleSim tries a creature's actions in: those with a condition first, then limited
 * ones, then the rest, the most damaging first. The engine takes the first usable action in list
 * order, so the importer sorts by this and the exporter makes sure the sort keeps its order.
 */
export function battleSimOrder<T>(items: readonly T[], rank: (item: T) => number, meanDamage: (item: T) => number): T[] {
  return items
    .map((item, index) => ({ item, index, rank: rank(item) }))
    .sort((x, y) => x.rank - y.rank || (x.rank === 2 ? meanDamage(y.item) - meanDamage(x.item) : 0) || x.index - y.index)
    .map((x) => x.item);
}

/** The rank `battleSimOrder` sorts by: 0 with a condition, 1 limited, 2 at will. */
export const orderRank = (hasCondition: boolean, atWill: boolean): number => (hasCondition ? 0 : atWill ? 2 : 1);

// ------------------------------------------------------------------ action slots

/** BattleSim's `actionSlot` numbers. */
export const SLOT = {
  action: 0, bonus: 1, legendary: 2, lair: 3, reaction: 4, other1: 5, other2: 6,
  whenReducedToZero: -1, whenReducingAnEnemyToZero: -2, beforeTheEncounter: -3,
} as const;

export const SLOT_NAMES: Record<number, string> = {
  [SLOT.action]: 'action', [SLOT.bonus]: 'bonus action', [SLOT.legendary]: 'legendary action', [SLOT.lair]: 'lair action',
  [SLOT.reaction]: 'reaction', [SLOT.other1]: 'Other 1', [SLOT.other2]: 'Other 2',
  [SLOT.whenReducedToZero]: 'when reduced to 0 HP', [SLOT.whenReducingAnEnemyToZero]: 'when reducing an enemy to 0 HP',
  [SLOT.beforeTheEncounter]: 'before the encounter starts',
};

/** battlesim2 files without `actionSlot` give the slot as a cost in one of these resources. */
export const SLOT_BY_RESOURCE: ReadonlyMap<unknown, number> = new Map([['Action', SLOT.action], ['BonusAction', SLOT.bonus], ['Reaction', SLOT.reaction]]);

// ------------------------------------------------------------------ frequencies

/** `freq` as text: at will, N/fight, N/day; as an object: a reset ('sr', 'lr', 'recharge') with uses or a cooldown. */
export const FREQ = {
  atWill: 'at will',
  oncePerFight: '1/fight',
  oncePerDay: '1/day',
  shortRest: 'sr',
  longRest: 'lr',
  recharge: 'recharge',
} as const;

/** The recharge X-6 whose mean wait, 6 / (7 - X) rounds, is nearest to a cooldown of `rounds`. */
export function rechargeForCooldown(rounds: number): number {
  let best = 6;
  let bestGap = Infinity;
  for (let min = 2; min <= 6; min++) {
    const gap = Math.abs(6 / (7 - min) - rounds);
    if (gap < bestGap) {
      best = min;
      bestGap = gap;
    }
  }
  return best;
}

/**
 * BattleSim waits a fixed number of rounds (at least 2) instead of rolling a recharge: the
 * cooldown nearest the recharge's mean wait, which `rechargeForCooldown` maps back.
 */
export const cooldownForRecharge = (min: number): number => Math.max(2, Math.round(6 / (7 - min)));

// ------------------------------------------------------------------ amounts

/** An average damage as integer dice text with the same mean where it can be kept exactly. */
export function averageToDice(average: number): { text: string; exact: boolean } {
  if (Number.isInteger(average)) return { text: String(average), exact: true };
  const whole = Math.floor(average);
  if (average - whole === 0.5 && average > 0) return { text: `${whole}+1d2-1`, exact: true };
  return { text: String(Math.round(average)), exact: false };
}

/**
 * The inverse of `averageToDice`: a plain integer or an average written as "N+1d2-1" goes back
 * to a number (BattleSim's own way of writing averages); dice stay text.
 */
export function diceToAverage(text: string): number | string {
  if (/^(0|[1-9]\d*)$/.test(text)) return Number(text);
  const half = /^(0|[1-9]\d*)\+1d2-1$/.exec(text);
  if (half) return Number(half[1]) + 0.5;
  return text;
}

// ------------------------------------------------------------------ damage tags

/** battlesim2's damage type tags (bludgeoning is its default, so it has none). */
export const DAMAGE_TAGS: Partial<Record<DamageType, string>> = {
  fire: 'Fire', cold: 'Cold', lightning: 'Lightning', poison: 'Poison', acid: 'Acid', thunder: 'Thunder',
  necrotic: 'Necrotic', radiant: 'Radiant', psychic: 'Psychic', force: 'Force',
};
export const DAMAGE_TYPE_BY_TAG: ReadonlyMap<string, DamageType> = new Map(
  (Object.entries(DAMAGE_TAGS) as Array<[DamageType, string]>).map(([type, tag]) => [tag.toLowerCase(), type]),
);
export const RANGED_TAG = 'Ranged';

// ------------------------------------------------------------------ buffs

/** Per-ability save bonuses beside `saveBonus` (read by battlesim2 and our importer). */
export const SAVE_FIELDS = [
  ['str', 'strSaveBonus'], ['dex', 'dexSaveBonus'], ['con', 'conSaveBonus'],
  ['int', 'intSaveBonus'], ['wis', 'wisSaveBonus'], ['cha', 'chaSaveBonus'],
] as const;

/**
 * The conditions a buff can hold, most disabling first: a buff holds only one, so the exporter
 * keeps the first that applies. BattleSim itself has no Charmed or Prone (battlesim2 files may).
 */
export const BUFF_CONDITIONS: ReadonlyArray<{ condition: Condition; text: string; written: boolean }> = [
  { condition: 'unconscious', text: 'Unconscious', written: true },
  { condition: 'paralyzed', text: 'Paralyzed', written: true },
  { condition: 'stunned', text: 'Stunned', written: true },
  { condition: 'incapacitated', text: 'Incapacitated', written: true },
  { condition: 'restrained', text: 'Restrained', written: true },
  { condition: 'blinded', text: 'Blinded', written: true },
  { condition: 'frightened', text: 'Frightened', written: true },
  { condition: 'poisoned', text: 'Poisoned', written: true },
  { condition: 'invisible', text: 'Invisible', written: true },
  { condition: 'charmed', text: 'Charmed', written: false },
  { condition: 'prone', text: 'Prone', written: false },
];

/** Buff conditions that are advantage or disadvantage on attacks rather than a 5e condition. */
export const ADVANTAGE_CONDITIONS: ReadonlyArray<{ text: string; attacksBy?: 'advantage' | 'disadvantage'; attacksAgainst?: 'advantage' | 'disadvantage' }> = [
  { text: 'Attacks with Advantage', attacksBy: 'advantage' },
  { text: 'Attacks with Disadvantage', attacksBy: 'disadvantage' },
  { text: 'Is attacked with Advantage', attacksAgainst: 'advantage' },
  { text: 'Is attacked with Disadvantage', attacksAgainst: 'disadvantage' },
  { text: 'Attacks and is attacked with Advantage', attacksBy: 'advantage', attacksAgainst: 'advantage' },
];

/** Petrified is read as paralyzed with resistance to every damage type, and written back from it. */
export const PETRIFIED = 'Petrified';

/** Buff condition text (lower case) -> the effect fields it stands for. */
export const BUFF_CONDITION_BY_TEXT: ReadonlyMap<string, Doc> = new Map<string, Doc>([
  ...BUFF_CONDITIONS.map(({ condition, text }): [string, Doc] => [text.toLowerCase(), { conditions: [condition] }]),
  ...ADVANTAGE_CONDITIONS.map(({ text, attacksBy, attacksAgainst }): [string, Doc] =>
    [text.toLowerCase(), { ...(attacksBy && { attacksBy }), ...(attacksAgainst && { attacksAgainst }) }]),
]);

export const BUFF_DURATION = {
  oneRound: '1 round',
  encounter: 'entire encounter',
  /** battlesim2: a debuff that ends on a save repeated each round. */
  saveEachRound: 'repeat the save each round',
} as const;

// ------------------------------------------------------------------ spell templates

/** Where an imported action goes on the creature. */
export type Placement = 'actions' | 'reaction' | 'legendary' | 'lair' | 'effects';

export interface TemplateMapping {
  /** Our action (without name, slot, uses, condition), or a reaction. */
  build: (options: { dc: number | undefined; targets: number | undefined }) => Doc;
  placement?: Placement;
  /** What is approximated, for the warning. */
  note?: string;
  /** The save DC when the file gives none. */
  defaultDc?: number;
}

const CONC = (level: number, extra: Doc = {}) => ({ level, concentration: true, ...extra });

/**
 * BattleSim's spell templates, mapped onto the effect model (with the SRD's numbers). The
 * exporter writes a template only when reading it back gives the same action.
 */
export const TEMPLATES: ReadonlyMap<string, TemplateMapping> = new Map<string, TemplateMapping>(Object.entries({
  bless: { build: ({ targets }) => ({ type: 'effect', target: 'allies', targets: targets ?? 3, spell: CONC(1),
    effect: { name: 'Bless', attackBonus: '1d4', saveBonus: '1d4' } }) },
  bane: { defaultDc: 13, build: ({ dc, targets }) => ({ type: 'effect', target: 'enemies', targets: targets ?? 3, spell: CONC(1),
    save: { ability: 'cha', dc }, effect: { name: 'Bane', attackBonus: '-1d4', saveBonus: '-1d4' } }) },
  shield: { placement: 'reaction', build: () => ({ kind: 'shield' }) },
  'shield of faith': { build: () => ({ type: 'effect', target: 'allies', targets: 1, spell: CONC(1),
    effect: { name: 'Shield of Faith', acBonus: 2 } }) },
  "hunter's mark": { build: () => ({ type: 'effect', target: 'enemies', targets: 1, spell: CONC(1),
    effect: { name: "Hunter's Mark", duration: { kind: 'encounter' }, markDamage: '1d6', markDamageType: 'piercing' } }),
  note: 'the extra 1d6 is piercing (the weapon\'s type is not known)' },
  haste: { build: () => ({ type: 'effect', target: 'allies', targets: 1, spell: CONC(3),
    effect: { name: 'Haste', acBonus: 2 } }),
  note: 'only the +2 AC is simulated: the extra action and the lost turn when it ends are not' },
  'hypnotic pattern': { defaultDc: 13, build: ({ dc, targets }) => ({ type: 'effect', target: 'enemies', targets: targets ?? 3, spell: CONC(3),
    save: { ability: 'wis', dc }, effect: { name: 'Hypnotic Pattern', conditions: ['charmed', 'incapacitated'], endsOnDamage: true } }),
  note: 'an ally shaking a creature awake with an action is not simulated; damage wakes it' },
  fireball: { defaultDc: 15, build: ({ dc, targets }) => ({ type: 'save', dc, ability: 'dex', damage: '8d6', damageType: 'fire',
    onSuccess: 'half', targets: targets ?? 3, spell: { level: 3, upcast: '1d6' } }) },
  heal: { build: () => ({ type: 'heal', amount: '70', targeting: 'lowest-hp-fraction', targets: 1, spell: { level: 6 } }) },
  'mage armour': { build: () => ({ type: 'effect', target: 'self', effect: { name: 'Mage Armor', duration: { kind: 'day' }, acBonus: 3 } }),
    note: 'approximated as +3 AC over the AC in the file (13 + Dex instead of 10 + Dex)' },
  'mage armor': { build: () => ({ type: 'effect', target: 'self', effect: { name: 'Mage Armor', duration: { kind: 'day' }, acBonus: 3 } }),
    note: 'approximated as +3 AC over the AC in the file (13 + Dex instead of 10 + Dex)' },
  'armor of agathys': { build: () => ({ type: 'effect', target: 'self', spell: { level: 1, upcast: '5' },
    effect: { name: 'Armor of Agathys', duration: { kind: 'day' }, tempHp: '5', retaliate: '5', retaliateType: 'cold' } }),
  note: 'the cold damage back does not grow with the slot, only the temporary HP do' },
  'armour of agathys': { build: () => ({ type: 'effect', target: 'self', spell: { level: 1, upcast: '5' },
    effect: { name: 'Armor of Agathys', duration: { kind: 'day' }, tempHp: '5', retaliate: '5', retaliateType: 'cold' } }),
  note: 'the cold damage back does not grow with the slot, only the temporary HP do' },
  'false life': { build: () => ({ type: 'effect', target: 'self', spell: { level: 1, upcast: '5' },
    effect: { name: 'False Life', duration: { kind: 'day' }, tempHp: '1d4+4' } }) },
  'greater invisibility': { build: () => ({ type: 'effect', target: 'allies', targets: 1, spell: CONC(4),
    effect: { name: 'Greater Invisibility', conditions: ['invisible'] } }) },
  'holy weapon': { build: () => ({ type: 'effect', target: 'allies', targets: 1, spell: CONC(5),
    effect: { name: 'Holy Weapon', duration: { kind: 'encounter' }, extraDamage: '2d8', extraDamageType: 'radiant' } }),
  note: 'the burst of radiant light when it is dismissed is not simulated' },
  'meteor swarm': { defaultDc: 19, build: ({ dc, targets }) => ({ type: 'save', dc, ability: 'dex', damage: '40d6', damageType: 'fire',
    onSuccess: 'half', targets: targets ?? 4, spell: { level: 9 } }),
  note: 'its 20d6 bludgeoning is counted as fire' },
} satisfies Record<string, TemplateMapping>));
