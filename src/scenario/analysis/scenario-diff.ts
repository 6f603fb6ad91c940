// What changed between two scenarios, in words a DM reads at a glance: "Owlbear count 1 → 2",
// "Wizard AC 15 → 10", "Fight 2 added: Ghouls", "Short rest before fight 2 removed", "Seed 1 → 7".
// Compare labels the two sides of a comparison with it, so a result is named by the edit that made
// it rather than by the minute it finished.
//
// Pure functions over the engine's ScenarioSpec. Party members, enemies, actions and fights are
// matched by name first, then the ones left over pair off by position (a rename, or, when they
// share too little, a replacement). Every difference is reported: the fields a DM edits have their
// own phrase, and anything else that differs reads "<who> <what> changed", so no edit goes unnamed.
import type {
  Ability, AttackAction, AttackSpec, CreatureActionSpec, CreatureSpec, EffectAction, EncounterSpec, HealAction,
  RulesSettings, SaveAction, ScenarioSpec, Uses,
} from '../../engine/index.ts';

export interface ScenarioChange {
  /** The change in words: "Owlbear count 1 → 2". */
  text: string;
  /** How the older scenario reads on this point, to label its side: "Owlbear count 1". */
  before: string;
  /** How the newer one reads: "Owlbear count 2". */
  after: string;
}

/** The run settings a stored result records beside its scenario. */
export interface RunFacts {
  seed: number;
  runs: number;
}

/** How many phrases a comparison shows before folding the rest into "and 4 more changes". */
export const SHOWN_CHANGES = 6;

// ------------------------------------------------------------------ words for values

const ARROW = '→';
const numberFormat = new Intl.NumberFormat('en-US');
const whole = (n: number): string => numberFormat.format(n);
/** A bonus with its sign and a true minus: "+5", "−1". */
const signed = (n: number): string => (n < 0 ? `−${whole(-n)}` : `+${whole(n)}`);
const listOf = (xs: readonly string[] | undefined): string => (xs && xs.length > 0 ? [...xs].sort().join(', ') : 'none');
const ABILITY_WORD: Record<Ability, string> = { str: 'Str', dex: 'Dex', con: 'Con', int: 'Int', wis: 'Wis', cha: 'Cha' };
const abilityWord = (a: Ability): string => ABILITY_WORD[a] ?? String(a);
/** A field name as words: "effectSave" → "effect save". */
const words = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
const yesNo = (b: boolean | undefined): string => (b ? 'yes' : 'no');

function usesWord(u: Uses | undefined): string {
  if (!u) return 'at will';
  switch (u.per) {
    case 'at-will': return 'at will';
    case 'encounter': return `${u.count} per fight`;
    case 'short-rest': return `${u.count} per short rest`;
    case 'long-rest': return `${u.count} per long rest`;
    case 'recharge': return `recharge ${u.min}–6`;
    default: return JSON.stringify(u);
  }
}

const CONDITION_WORD: Record<string, string> = {
  'always': 'always', 'ally-down': 'an ally is down', 'ally-below-half': 'an ally is below half HP',
  'self-below-half': 'below half HP', 'enemy-count-one': 'one enemy is left', 'enemy-count-multiple': 'several enemies stand',
  'not-used-yet': 'not used yet', 'after-previous': 'after the action before it',
};
const SURPRISE_WORD: Record<string, string> = { none: 'nobody', party: 'the party', enemies: 'the enemies' };
const ATTACK_DOWNED_WORD: Record<string, string> = { 'never': 'never', 'when-none-standing': 'once none stand', 'always': 'always' };
const HIT_DICE_WORD: Record<string, string> = { 'none': 'none', 'to-half': 'up to half HP', 'to-full': 'up to full HP' };
const TACTICS_WORD: Record<string, string> = { 'in-order': 'in list order', 'auto': 'auto' };
const SLOT_WORD: Record<string, string> = { action: 'action', bonus: 'bonus action' };
const worded = (table: Record<string, string>, v: unknown): string => (typeof v === 'string' ? (table[v] ?? v.replace(/-/g, ' ')) : String(v));

// ------------------------------------------------------------------ building phrases

/** "<subject> <a> → <b>", each side "<subject> <value>"; `join` ": " for values that are words. */
function changed(subject: string, a: string, b: string, join = ' '): ScenarioChange {
  return { text: `${subject}${join}${a} ${ARROW} ${b}`, before: `${subject}${join}${a}`, after: `${subject}${join}${b}` };
}

/** Something present on one side only: "Wizard: Fireball added", the sides "Wizard with/without Fireball". */
function presence(text: string, present: string, absent: string, addedNow: boolean): ScenarioChange {
  return addedNow ? { text, before: absent, after: present } : { text, before: present, after: absent };
}

/** A part that differs in ways with no phrase of their own. */
function changedPart(subject: string): ScenarioChange {
  return { text: `${subject} changed`, before: `earlier ${subject}`, after: `new ${subject}` };
}

/** Key-order-insensitive equality of JSON-like values; an absent field equals undefined. */
function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}

/** Every field either side has, in a stable order, without those already phrased. */
function otherKeys(a: object, b: object, handled: ReadonlySet<string>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !handled.has(k)).sort();
}

function rest(subject: string, a: object, b: object, handled: ReadonlySet<string>): ScenarioChange[] {
  const out: ScenarioChange[] = [];
  for (const k of otherKeys(a, b, handled)) {
    if (!same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) out.push(changedPart(`${subject} ${words(k)}`));
  }
  return out;
}

// ------------------------------------------------------------------ matching lists

interface Matching {
  /** [index in the older list, index in the newer], in the newer list's order. */
  pairs: Array<{ a: number; b: number; byPosition: boolean }>;
  removed: number[];
  added: number[];
}

/**
 * Items with the same name pair off in order of appearance; the ones left pair off by position
 * (the first left on one side with the first left on the other); the rest were removed or added.
 */
export function matchByName(a: ReadonlyArray<{ name: string }>, b: ReadonlyArray<{ name: string }>): Matching {
  const usedA = new Set<number>();
  const pairs: Matching['pairs'] = [];
  const leftB: number[] = [];
  b.forEach((item, j) => {
    const i = a.findIndex((x, k) => !usedA.has(k) && x.name === item.name);
    if (i >= 0) {
      usedA.add(i);
      pairs.push({ a: i, b: j, byPosition: false });
    } else {
      leftB.push(j);
    }
  });
  const leftA = a.map((_, i) => i).filter((i) => !usedA.has(i));
  const n = Math.min(leftA.length, leftB.length);
  for (let k = 0; k < n; k++) pairs.push({ a: leftA[k], b: leftB[k], byPosition: true });
  pairs.sort((x, y) => x.b - y.b);
  return { pairs, removed: leftA.slice(n), added: leftB.slice(n) };
}

/** Whether the pairs keep their relative order (nothing was moved). */
const inOrder = (pairs: Matching['pairs']): boolean => pairs.every((p, k) => k === 0 || pairs[k - 1].a < p.a);

/** A pair by position with more differences than this reads as a replacement, not a rename. */
const RENAME_AT_MOST = 2;

// ------------------------------------------------------------------ actions

const critWord = (critOn: number): string => (critOn >= 20 ? '20' : `${critOn}–20`);

function attackChanges(p: string, a: AttackSpec, b: AttackSpec): ScenarioChange[] {
  const out: ScenarioChange[] = [];
  if (a.toHit !== b.toHit) out.push(changed(`${p} to-hit`, signed(a.toHit), signed(b.toHit)));
  if (a.damage !== b.damage) out.push(changed(`${p} damage`, a.damage, b.damage));
  if (a.damageType !== b.damageType) out.push(changed(`${p} damage type`, a.damageType, b.damageType));
  if (a.count !== b.count) out.push(changed(`${p} attacks`, whole(a.count), whole(b.count)));
  if (a.critOn !== b.critOn) out.push(changed(`${p} crits on`, critWord(a.critOn), critWord(b.critOn)));
  if (a.reach !== b.reach) out.push(changed(`${p} reach`, a.reach, b.reach));
  return [...out, ...rest(p, a, b, new Set(['toHit', 'damage', 'damageType', 'count', 'critOn', 'reach']))];
}

const COMMON_ACTION_KEYS = ['name', 'type', 'slot', 'uses', 'condition', 'spell'];

function actionChanges(s: string, a: CreatureActionSpec, b: CreatureActionSpec): ScenarioChange[] {
  const subject = `${s} ${b.name}`;
  const out: ScenarioChange[] = [];
  if (a.type !== b.type) return [changed(`${subject} type`, a.type, b.type, ': ')];
  if (a.slot !== b.slot) out.push(changed(`${subject} takes`, worded(SLOT_WORD, a.slot), worded(SLOT_WORD, b.slot), ': '));
  if (!same(a.uses, b.uses)) out.push(changed(`${subject} uses`, usesWord(a.uses), usesWord(b.uses), ': '));
  if (a.condition !== b.condition) out.push(changed(`${subject} used when`, worded(CONDITION_WORD, a.condition), worded(CONDITION_WORD, b.condition), ': '));
  if (!same(a.spell, b.spell)) {
    if (a.spell && b.spell && a.spell.level !== b.spell.level && same({ ...a.spell, level: 0 }, { ...b.spell, level: 0 })) {
      out.push(changed(`${subject} spell level`, whole(a.spell.level), whole(b.spell.level)));
    } else {
      out.push(changedPart(`${subject} spell`));
    }
  }
  const handled = new Set(COMMON_ACTION_KEYS);
  const key = (k: string) => handled.add(k);
  if (a.type === 'attack' && b.type === 'attack') {
    const x = a as AttackAction, y = b as AttackAction;
    const several = x.attacks.length > 1 || y.attacks.length > 1;
    for (let i = 0; i < Math.min(x.attacks.length, y.attacks.length); i++) {
      out.push(...attackChanges(several ? `${subject} attack ${i + 1}` : subject, x.attacks[i], y.attacks[i]));
    }
    if (x.attacks.length !== y.attacks.length) out.push(changed(`${subject} weapons`, whole(x.attacks.length), whole(y.attacks.length)));
    key('attacks');
    if (x.targeting !== y.targeting) out.push(changed(`${subject} targets`, x.targeting.replace(/-/g, ' '), y.targeting.replace(/-/g, ' '), ': '));
    key('targeting');
  } else if (a.type === 'save' && b.type === 'save') {
    const x = a as SaveAction, y = b as SaveAction;
    if (x.dc !== y.dc) out.push(changed(`${subject} DC`, whole(x.dc), whole(y.dc)));
    if (x.ability !== y.ability) out.push(changed(`${subject} save`, abilityWord(x.ability), abilityWord(y.ability)));
    if (x.damage !== y.damage) out.push(changed(`${subject} damage`, x.damage, y.damage));
    if (x.damageType !== y.damageType) out.push(changed(`${subject} damage type`, x.damageType, y.damageType));
    if (x.onSuccess !== y.onSuccess) out.push(changed(`${subject} on a save`, x.onSuccess, y.onSuccess, ': '));
    if (x.targets !== y.targets) out.push(changed(`${subject} targets`, whole(x.targets), whole(y.targets)));
    if (x.targeting !== y.targeting) out.push(changed(`${subject} targeting`, x.targeting.replace(/-/g, ' '), y.targeting.replace(/-/g, ' '), ': '));
    for (const k of ['dc', 'ability', 'damage', 'damageType', 'onSuccess', 'targets', 'targeting']) key(k);
  } else if (a.type === 'heal' && b.type === 'heal') {
    const x = a as HealAction, y = b as HealAction;
    if (x.amount !== y.amount) out.push(changed(`${subject} ${y.temporary ? 'temporary HP' : 'healing'}`, x.amount, y.amount));
    if (x.targets !== y.targets) out.push(changed(`${subject} targets`, whole(x.targets), whole(y.targets)));
    if (x.temporary !== y.temporary) out.push(changed(`${subject} temporary HP`, yesNo(x.temporary), yesNo(y.temporary), ': '));
    for (const k of ['amount', 'targets', 'temporary']) key(k);
  } else if (a.type === 'effect' && b.type === 'effect') {
    const x = a as EffectAction, y = b as EffectAction;
    if (x.targets !== y.targets) out.push(changed(`${subject} targets`, whole(x.targets), whole(y.targets)));
    if (x.target !== y.target) out.push(changed(`${subject} affects`, x.target, y.target, ': '));
    for (const k of ['targets', 'target']) key(k);
  }
  return [...out, ...rest(subject, a, b, handled)];
}

function actionListChanges(s: string, a: readonly CreatureActionSpec[], b: readonly CreatureActionSpec[]): ScenarioChange[] {
  const out: ScenarioChange[] = [];
  const m = matchByName(a, b);
  const removed = [...m.removed];
  const added = [...m.added];
  const pairs = m.pairs.filter((p) => {
    // Left-over actions of different kinds are a removal and an addition, not a rename.
    if (p.byPosition && a[p.a].type !== b[p.b].type) {
      removed.push(p.a);
      added.push(p.b);
      return false;
    }
    return true;
  });
  for (const i of removed.sort((x, y) => x - y)) out.push(presence(`${s}: ${a[i].name} removed`, `${s} with ${a[i].name}`, `${s} without ${a[i].name}`, false));
  for (const j of added.sort((x, y) => x - y)) out.push(presence(`${s}: ${b[j].name} added`, `${s} with ${b[j].name}`, `${s} without ${b[j].name}`, true));
  for (const p of pairs) {
    const x = a[p.a], y = b[p.b];
    if (x.name !== y.name) out.push({ text: `${s}: ${x.name} renamed ${y.name}`, before: `${s}: ${x.name}`, after: `${s}: ${y.name}` });
    out.push(...actionChanges(s, x, y));
  }
  if (!inOrder(pairs)) out.push({ text: `${s}: actions reordered`, before: `${s}'s earlier action order`, after: `${s}'s new action order` });
  return out;
}

// ------------------------------------------------------------------ creatures

const CREATURE_KEYS = new Set([
  'name', 'count', 'kind', 'hp', 'hpFormula', 'rollHp', 'ac', 'initiativeBonus', 'initiativeAdvantage', 'saves',
  'resistances', 'immunities', 'vulnerabilities', 'nonmagicalResistances', 'nonmagicalImmunities', 'hitDice',
  'conModifier', 'actions', 'effectActions', 'creatureType', 'level', 'spellSlots', 'caster', 'tactics',
]);

const hpDice = (c: CreatureSpec): string => (c.rollHp && c.hpFormula ? c.hpFormula : 'not rolled');
const optionalNumber = (n: number | undefined): string => (n === undefined ? 'none' : whole(n));

/** Every difference between two creatures but their names, each phrase starting with `s`. */
function creatureChanges(s: string, a: CreatureSpec, b: CreatureSpec): ScenarioChange[] {
  const out: ScenarioChange[] = [];
  if (a.count !== b.count) out.push(changed(`${s} count`, whole(a.count), whole(b.count)));
  if (a.kind !== b.kind) out.push(changed(`${s} kind`, a.kind, b.kind, ': '));
  if (a.hp !== b.hp) out.push(changed(`${s} HP`, whole(a.hp), whole(b.hp)));
  if (hpDice(a) !== hpDice(b)) out.push(changed(`${s} HP dice`, hpDice(a), hpDice(b)));
  if (a.ac !== b.ac) out.push(changed(`${s} AC`, whole(a.ac), whole(b.ac)));
  if (a.initiativeBonus !== b.initiativeBonus) out.push(changed(`${s} initiative`, signed(a.initiativeBonus), signed(b.initiativeBonus)));
  if (!!a.initiativeAdvantage !== !!b.initiativeAdvantage) {
    out.push(presence(`${s}: advantage on initiative ${b.initiativeAdvantage ? 'added' : 'removed'}`,
      `${s} with advantage on initiative`, `${s} without advantage on initiative`, !!b.initiativeAdvantage));
  }
  for (const ability of Object.keys(ABILITY_WORD) as Ability[]) {
    const x = a.saves?.[ability] ?? 0, y = b.saves?.[ability] ?? 0;
    if (x !== y) out.push(changed(`${s} ${abilityWord(ability)} save`, signed(x), signed(y)));
  }
  for (const k of ['resistances', 'immunities', 'vulnerabilities', 'nonmagicalResistances', 'nonmagicalImmunities'] as const) {
    if (listOf(a[k]) !== listOf(b[k])) out.push(changed(`${s} ${words(k)}`, listOf(a[k]), listOf(b[k]), ': '));
  }
  if (a.hitDice !== b.hitDice) out.push(changed(`${s} hit dice`, a.hitDice ?? 'none', b.hitDice ?? 'none'));
  if (a.conModifier !== b.conModifier) out.push(changed(`${s} Con modifier`, signed(a.conModifier), signed(b.conModifier)));
  if (a.level !== b.level) out.push(changed(`${s} level`, optionalNumber(a.level), optionalNumber(b.level)));
  if (!same(a.spellSlots, b.spellSlots)) {
    const slots = (x: number[] | undefined) => (x && x.length > 0 ? x.join('/') : 'none');
    out.push(changed(`${s} spell slots`, slots(a.spellSlots), slots(b.spellSlots)));
  }
  if (a.caster !== b.caster) out.push(changed(`${s} caster progression`, a.caster ?? 'none', b.caster ?? 'none', ': '));
  if ((a.creatureType ?? '') !== (b.creatureType ?? '')) out.push(changed(`${s} type`, a.creatureType || 'none', b.creatureType || 'none', ': '));
  if (a.tactics !== b.tactics) {
    const t = (x: string | undefined) => (x ? worded(TACTICS_WORD, x) : "the day's rule");
    out.push(changed(`${s} tactics`, t(a.tactics), t(b.tactics), ': '));
  }
  out.push(...actionListChanges(s, [...(a.actions ?? []), ...(a.effectActions ?? [])], [...(b.actions ?? []), ...(b.effectActions ?? [])]));
  return [...out, ...rest(s, a, b, CREATURE_KEYS)];
}

const withCount = (c: CreatureSpec): string => (c.count > 1 ? `${c.name} ×${whole(c.count)}` : c.name);

/**
 * The changes between two lists of creatures: `where` begins the phrase of an addition, removal or
 * replacement ("Party", "Fight 1"); `subject` names a creature in the other phrases.
 */
function creatureListChanges(where: string, a: readonly CreatureSpec[], b: readonly CreatureSpec[], subject: (name: string) => string): ScenarioChange[] {
  const out: ScenarioChange[] = [];
  const m = matchByName(a, b);
  const removed = [...m.removed];
  const added = [...m.added];
  const details: ScenarioChange[] = [];
  for (const p of m.pairs) {
    const x = a[p.a], y = b[p.b];
    const changes = creatureChanges(subject(y.name), x, y);
    if (x.name === y.name) {
      details.push(...changes);
    } else if (changes.length <= RENAME_AT_MOST) {
      details.push({ text: `${where}: ${x.name} renamed ${y.name}`, before: `${where}: ${x.name}`, after: `${where}: ${y.name}` }, ...changes);
    } else {
      details.push({ text: `${where}: ${withCount(x)} replaced by ${withCount(y)}`, before: `${where}: ${withCount(x)}`, after: `${where}: ${withCount(y)}` });
    }
  }
  for (const i of removed) out.push(presence(`${where}: ${withCount(a[i])} removed`, `${where} with ${withCount(a[i])}`, `${where} without ${a[i].name}`, false));
  for (const j of added) out.push(presence(`${where}: ${withCount(b[j])} added`, `${where} with ${withCount(b[j])}`, `${where} without ${b[j].name}`, true));
  out.push(...details);
  if (!inOrder(m.pairs)) out.push({ text: `${where}: order changed`, before: `${where}: earlier order`, after: `${where}: new order` });
  return out;
}

// ------------------------------------------------------------------ fights

const ENCOUNTER_KEYS = new Set(['name', 'enemies', 'shortRestBefore', 'surprise']);
const fightLabel = (e: EncounterSpec, index: number) => `fight ${index + 1} (${e.name})`;

function encounterChanges(a: readonly EncounterSpec[], b: readonly EncounterSpec[]): ScenarioChange[] {
  // An enemy named in more than one fight is named with its fight: "Owlbear (fight 2) count 1 → 2".
  const fightsNaming = new Map<string, number>();
  for (const list of [a, b]) {
    const counts = new Map<string, number>();
    for (const e of list) for (const name of new Set((e.enemies ?? []).map((x) => x.name))) counts.set(name, (counts.get(name) ?? 0) + 1);
    for (const [name, n] of counts) fightsNaming.set(name, Math.max(fightsNaming.get(name) ?? 0, n));
  }
  const out: ScenarioChange[] = [];
  const m = matchByName(a, b);
  const removed = [...m.removed];
  const added = [...m.added];
  const pairs = m.pairs.filter((p) => {
    // Left-over fights with other names and no enemy in common were replaced, not renamed.
    if (!p.byPosition) return true;
    const names = new Set(a[p.a].enemies.map((x) => x.name));
    if (b[p.b].enemies.some((x) => names.has(x.name))) return true;
    removed.push(p.a);
    added.push(p.b);
    return false;
  });
  for (const i of removed.sort((x, y) => x - y)) {
    out.push(presence(`Fight ${i + 1} removed: ${a[i].name}`, `with ${fightLabel(a[i], i)}`, `without ${fightLabel(a[i], i)}`, false));
  }
  for (const j of added.sort((x, y) => x - y)) {
    out.push(presence(`Fight ${j + 1} added: ${b[j].name}`, `with ${fightLabel(b[j], j)}`, `without ${fightLabel(b[j], j)}`, true));
  }
  for (const p of pairs) {
    const x = a[p.a], y = b[p.b];
    const n = p.b + 1;
    if (x.name !== y.name) out.push({ text: `Fight ${n} renamed: ${x.name} ${ARROW} ${y.name}`, before: `fight ${n} named ${x.name}`, after: `fight ${n} named ${y.name}` });
    if (x.surprise !== y.surprise) out.push(changed(`Fight ${n} surprise`, worded(SURPRISE_WORD, x.surprise), worded(SURPRISE_WORD, y.surprise), ': '));
    // A short rest before the first fight is ignored, so it is no change there.
    if (p.b > 0 && !!x.shortRestBefore !== !!y.shortRestBefore) {
      out.push(presence(`Short rest before fight ${n} ${y.shortRestBefore ? 'added' : 'removed'}`,
        `short rest before fight ${n}`, `no short rest before fight ${n}`, !!y.shortRestBefore));
    }
    const subject = (name: string) => ((fightsNaming.get(name) ?? 0) > 1 ? `${name} (fight ${n})` : name);
    out.push(...creatureListChanges(`Fight ${n}`, x.enemies ?? [], y.enemies ?? [], subject));
    out.push(...rest(`Fight ${n}`, x, y, ENCOUNTER_KEYS));
  }
  if (!inOrder(pairs)) out.push({ text: 'Fights reordered', before: 'earlier order of fights', after: 'new order of fights' });
  return out;
}

// ------------------------------------------------------------------ rules

const RULE_KEYS = new Set(['roundCap', 'attackDowned', 'hitDicePolicy', 'resourcePolicy', 'tactics', 'magicalWeapons', 'edition']);

function rulesChanges(a: RulesSettings, b: RulesSettings): ScenarioChange[] {
  const out: ScenarioChange[] = [];
  if ((a.edition ?? '2014') !== (b.edition ?? '2014')) out.push(changed('Edition', a.edition ?? '2014', b.edition ?? '2014'));
  if (a.roundCap !== b.roundCap) out.push(changed('Round limit', whole(a.roundCap), whole(b.roundCap)));
  if ((a.tactics ?? 'in-order') !== (b.tactics ?? 'in-order')) {
    out.push(changed('Tactics', worded(TACTICS_WORD, a.tactics ?? 'in-order'), worded(TACTICS_WORD, b.tactics ?? 'in-order'), ': '));
  }
  if (a.attackDowned !== b.attackDowned) {
    out.push(changed('Attacks on downed characters', worded(ATTACK_DOWNED_WORD, a.attackDowned), worded(ATTACK_DOWNED_WORD, b.attackDowned), ': '));
  }
  if (a.hitDicePolicy !== b.hitDicePolicy) {
    out.push(changed('Hit dice on a short rest', worded(HIT_DICE_WORD, a.hitDicePolicy), worded(HIT_DICE_WORD, b.hitDicePolicy), ': '));
  }
  if ((a.resourcePolicy ?? 'balanced') !== (b.resourcePolicy ?? 'balanced')) out.push(changed('Spell slot use', a.resourcePolicy ?? 'balanced', b.resourcePolicy ?? 'balanced', ': '));
  if (!!a.magicalWeapons !== !!b.magicalWeapons) out.push(changed('Magical weapons', yesNo(a.magicalWeapons), yesNo(b.magicalWeapons), ': '));
  return [...out, ...rest('Rule', a, b, RULE_KEYS)];
}

// ------------------------------------------------------------------ the whole scenario

/**
 * What changed from `before` to `after`, in words: the party, then the fights, then the rules, then
 * the seed and the number of runs when `run` gives them. Empty when nothing differs.
 */
export function diffScenarios(before: ScenarioSpec, after: ScenarioSpec, run?: { before: RunFacts; after: RunFacts }): ScenarioChange[] {
  const out: ScenarioChange[] = [
    ...creatureListChanges('Party', before.party ?? [], after.party ?? [], (name) => name),
    ...encounterChanges(before.encounters ?? [], after.encounters ?? []),
    ...rulesChanges(before.rules ?? ({} as RulesSettings), after.rules ?? ({} as RulesSettings)),
  ];
  if (run) {
    if (run.before.seed !== run.after.seed) out.push(changed('Seed', String(run.before.seed), String(run.after.seed)));
    if (run.before.runs !== run.after.runs) out.push(changed('Runs', whole(run.before.runs), whole(run.after.runs)));
  }
  return out;
}

export interface FoldedChanges {
  shown: ScenarioChange[];
  hidden: ScenarioChange[];
  /** "and 4 more changes", or null when everything is shown. */
  more: string | null;
}

/** The first `max` changes, the rest folded into "and N more changes" (listed on demand). */
export function foldChanges(changes: readonly ScenarioChange[], max = SHOWN_CHANGES): FoldedChanges {
  const shown = changes.slice(0, max);
  const hidden = changes.slice(max);
  return { shown, hidden, more: hidden.length === 0 ? null : `and ${hidden.length} more change${hidden.length === 1 ? '' : 's'}` };
}

/**
 * One side's label from the changes: how that side reads on the first `max` of them, joined with
 * semicolons ("Owlbear count 2; Wizard AC 10"), then "and N more".
 */
export function sideLabel(changes: readonly ScenarioChange[], side: 'before' | 'after', max = 3): string {
  const parts = changes.slice(0, max).map((c) => c[side]);
  const more = changes.length - parts.length;
  return more > 0 ? `${parts.join('; ')}; and ${more} more` : parts.join('; ');
}
