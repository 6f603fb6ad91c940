// Spellcasting of SRD 5.2 stat blocks. The 2024 blocks write spells as actions ("The mage casts one
// of the following spells ... (spell save DC 14): At Will: ... 2/Day Each: Fireball, ...") or as
// single actions ("The cultist casts the Spiritual Weapon spell"). The lists are read here and the
// spells built: the ones the SRD 5.1 spellcasting module knows and that work the same way are built
// by its monsterSpellcasting, so a 2024 Fireball is the same action as a 2014 one; the spells new in
// 2024 or changed by it (Cure Wounds' 2d8, Spiritual Weapon's concentration, Fear, Mind Spike...)
// are built from the SRD 5.2 text below, each with what it approximates.

import type { Ability, ActionSpec, Condition, DamageType, EffectAction, EffectSpec, ReactionSpec, Uses } from '../../../engine/index.ts';
import { abilityModifier, proficiencyBonusForCr } from '../../../engine/tables.ts';
import { monsterSpellcasting, type MonsterSpellcasting } from '../srd/monster-spells.ts';
import { abilityFromText, countWord } from '../srd/stat-block.ts';
import { plainText } from './text.ts';

export interface CasterNumbers {
  dc: number;
  attack: number;
  mod: number;
}

type Built = ActionSpec | EffectAction;

interface Spell2024 {
  level: number;
  class: 'modelled' | 'approximated' | 'non-combat' | 'not-modelled';
  note?: string;
  build?: (c: CasterNumbers, castLevel: number) => Built[];
}

const AT_WILL: Uses = { per: 'at-will' };
const TEN_ROUNDS = { kind: 'rounds', rounds: 10 } as const;
const base = (name: string, level: number, extra: Partial<ActionSpec> = {}) => ({
  name, slot: 'action' as const, uses: AT_WILL, condition: 'always' as const, spell: { level }, ...extra,
});
const above = (castLevel: number, level: number): number => Math.max(0, castLevel - level);
/** "2d8" plus `n` times "1d8" as one dice text. */
function more(dice: string, step: string, n: number): string {
  if (n <= 0) return dice;
  const a = /^(\d+)d(\d+)(.*)$/.exec(dice);
  const b = /^(\d+)d(\d+)$/.exec(step);
  if (a && b && a[2] === b[2]) return `${Number(a[1]) + n * Number(b[1])}d${a[2]}${a[3]}`;
  return `${dice}${`+${step}`.repeat(n)}`;
}
const plusMod = (dice: string, mod: number): string => (mod > 0 ? `${dice}+${mod}` : mod < 0 ? `${dice}${mod}` : dice);

function enemyEffect(name: string, level: number, ability: Ability, c: CasterNumbers, targets: number, effect: Omit<EffectSpec, 'name' | 'duration'> & { duration?: EffectSpec['duration'] }, concentration: boolean): EffectAction {
  return {
    type: 'effect', name, slot: 'action', uses: AT_WILL, condition: 'always', spell: { level, ...(concentration && { concentration: true }) },
    target: 'enemies', enemyTargeting: 'highest-damage', targets, save: { ability, dc: c.dc },
    effect: { name, duration: TEN_ROUNDS, ...effect },
  };
}

/**
 * The spells whose SRD 5.2 text the 5.1 module does not know or that changed in 2024, from the SRD
 * 5.2 spell descriptions. Areas catch 3 creatures (the SRD 5.1 converter's assumption for areas).
 */
export const SPELLS_2024: Readonly<Record<string, Spell2024>> = {
  'Cure Wounds': {
    level: 1, class: 'modelled',
    build: (c, l) => [{ ...base('Cure Wounds', l), type: 'heal', condition: 'ally-below-half', targeting: 'lowest-hp-fraction', amount: plusMod(more('2d8', '2d8', above(l, 1)), c.mod), targets: 1, temporary: false }],
  },
  'Healing Word': {
    level: 1, class: 'modelled',
    build: (c, l) => [{ ...base('Healing Word', l), slot: 'bonus', type: 'heal', condition: 'ally-below-half', targeting: 'lowest-hp-fraction', amount: plusMod(more('2d4', '2d4', above(l, 1)), c.mod), targets: 1, temporary: false }],
  },
  'Flame Strike': {
    level: 5, class: 'approximated', note: '5d6 fire + 5d6 radiant counted as 10d6 radiant, assumed to catch 3 creatures',
    build: (c, l) => [{ ...base('Flame Strike', l), type: 'save', targeting: 'lowest-hp', dc: c.dc, ability: 'dex', damage: more('10d6', '2d6', above(l, 5)), damageType: 'radiant', onSuccess: 'half', targets: 3 }],
  },
  'Ice Storm': {
    level: 4, class: 'approximated', note: '2d10 bludgeoning + 4d6 cold counted as cold, assumed to catch 3 creatures',
    build: (c, l) => [{ ...base('Ice Storm', l), type: 'save', targeting: 'lowest-hp', dc: c.dc, ability: 'dex', damage: `${more('2d10', '1d10', above(l, 4))}+4d6`, damageType: 'cold', onSuccess: 'half', targets: 3 }],
  },
  'Spiritual Weapon': {
    level: 2, class: 'approximated', note: 'cast once a fight, then a bonus-action attack each later turn; its concentration is not tracked (it lasts the fight)',
    build: (c, l) => {
      const attack = { toHit: c.attack, damage: plusMod(more('1d8', '1d8', above(l, 2)), c.mod), damageType: 'force' as const, count: 1, critOn: 20, reach: 'melee' as const };
      return [
        { ...base('Spiritual Weapon', l), slot: 'bonus', uses: { per: 'encounter', count: 1 }, type: 'attack', targeting: 'lowest-hp', attacks: [attack] },
        { name: 'Spiritual Weapon (again)', slot: 'bonus', uses: AT_WILL, condition: 'after-previous', type: 'attack', targeting: 'lowest-hp', attacks: [attack] },
      ];
    },
  },
  'Power Word Kill': {
    level: 9, class: 'approximated', note: '100 force damage no save stops, on the most dangerous enemy: it kills a creature with 100 hit points or fewer, and one with more takes 100 rather than 12d12 psychic',
    build: (_c, l) => [{ ...base('Power Word Kill', l), type: 'save', targeting: 'highest-damage', dc: 40, ability: 'con', damage: '100', damageType: 'force', onSuccess: 'none', targets: 1 }],
  },
  Fear: {
    level: 3, class: 'approximated', note: 'frightened creatures flee, run as frightened and incapacitated; each repeats the Wisdom save at the end of its turns (the spell allows it once out of sight), 3 creatures in the cone',
    build: (c, l) => [enemyEffect('Fear', l, 'wis', c, 3, { conditions: ['frightened', 'incapacitated'], saveEnds: true }, true)],
  },
  'Mind Spike': {
    level: 2, class: 'modelled',
    build: (c, l) => [{ ...base('Mind Spike', l), type: 'save', targeting: 'highest-damage', dc: c.dc, ability: 'wis', damage: more('3d8', '1d8', above(l, 2)), damageType: 'psychic', onSuccess: 'half', targets: 1 }],
  },
  'Ice Knife': {
    level: 1, class: 'approximated', note: 'the 2d6 cold burst (Dexterity save) is counted on a hit, with no save and on the target alone',
    build: (c, l) => [{ ...base('Ice Knife', l), type: 'attack', targeting: 'lowest-hp', attacks: [{ toHit: c.attack, damage: '1d10', damageType: 'piercing', count: 1, critOn: 20, reach: 'ranged', extraDamage: [{ damage: more('2d6', '1d6', above(l, 1)), damageType: 'cold' }] }] }],
  },
  'Ray of Sickness': {
    level: 1, class: 'modelled',
    build: (c, l) => [{
      ...base('Ray of Sickness', l), type: 'attack', targeting: 'lowest-hp',
      attacks: [{ toHit: c.attack, damage: more('2d8', '1d8', above(l, 1)), damageType: 'poison', count: 1, critOn: 20, reach: 'ranged' }],
      effect: { name: 'Ray of Sickness', duration: { kind: 'source-turn-end' }, conditions: ['poisoned'] },
    }],
  },
  'Vitriolic Sphere': {
    level: 4, class: 'approximated', note: '10d4 acid (Dexterity half) and 5d4 more at the end of the next turn of each creature that fails, assumed to catch 3 creatures',
    build: (c, l) => [{
      ...base('Vitriolic Sphere', l), type: 'save', targeting: 'lowest-hp', dc: c.dc, ability: 'dex', damage: more('10d4', '2d4', above(l, 4)), damageType: 'acid', onSuccess: 'half', targets: 3,
      effect: { name: 'Vitriolic Sphere', duration: { kind: 'rounds', rounds: 1 }, turnDamage: { damage: '5d4', damageType: 'acid', when: 'end', onSuccess: 'half' } },
    }],
  },
  'Phantasmal Killer': {
    level: 4, class: 'approximated', note: '4d10 psychic (Wisdom half), then disadvantage on its attacks and 4d10 psychic at the end of each of its turns until it succeeds on the save',
    build: (c, l) => [{
      ...base('Phantasmal Killer', l, { spell: { level: l, concentration: true } }), type: 'save', targeting: 'highest-damage', dc: c.dc, ability: 'wis',
      damage: more('4d10', '1d10', above(l, 4)), damageType: 'psychic', onSuccess: 'half', targets: 1,
      effect: { name: 'Phantasmal Killer', duration: TEN_ROUNDS, attacksBy: 'disadvantage', turnDamage: { damage: '4d10', damageType: 'psychic', when: 'end', onSuccess: 'none' }, saveEnds: true },
    }],
  },
  'Chain Lightning': {
    level: 6, class: 'modelled',
    build: (c, l) => [{ ...base('Chain Lightning', l), type: 'save', targeting: 'lowest-hp', dc: c.dc, ability: 'dex', damage: '10d8', damageType: 'lightning', onSuccess: 'half', targets: 4 + above(l, 6) }],
  },
  Sleep: {
    level: 1, class: 'approximated', note: '2 creatures that fail a Wisdom save fall unconscious at once (rather than after a second failed save) until they take damage or save at the end of a turn',
    build: (c, l) => [enemyEffect('Sleep', l, 'wis', c, 2, { conditions: ['unconscious'], endsOnDamage: true, saveEnds: true }, true)],
  },
  Slow: {
    level: 3, class: 'approximated', note: '3 creatures that fail a Wisdom save have -2 AC until a save at the end of a turn; the halved speed, the -2 to Dexterity saves, the lost reactions and the one attack a turn are left out',
    build: (c, l) => [enemyEffect('Slow', l, 'wis', c, 3, { acBonus: -2, saveEnds: true }, true)],
  },
  Web: {
    level: 2, class: 'approximated', note: '3 creatures that fail a Dexterity save are restrained until a Dexterity save at the end of a turn (rather than a Strength check as an action)',
    build: (c, l) => [enemyEffect('Web', l, 'dex', c, 3, { conditions: ['restrained'], saveEnds: true }, true)],
  },
  Moonbeam: {
    level: 2, class: 'modelled',
    build: (c, l) => [{
      type: 'effect', name: 'Moonbeam', slot: 'action', uses: AT_WILL, condition: 'always', spell: { level: l, concentration: true },
      target: 'enemies', enemyTargeting: 'highest-hp', targets: 1,
      effect: { name: 'Moonbeam', duration: TEN_ROUNDS, turnDamage: { damage: more('2d10', '1d10', above(l, 2)), damageType: 'radiant', when: 'start', save: { ability: 'con', dc: c.dc }, onSuccess: 'half' } },
    }],
  },
  'Hypnotic Pattern': {
    level: 3, class: 'approximated', note: 'assumed to catch 3 creatures, kept for fights with several enemies',
    build: (c, l) => [{ ...enemyEffect('Hypnotic Pattern', l, 'wis', c, 3, { conditions: ['charmed', 'incapacitated'], endsOnDamage: true }, true), condition: 'enemy-count-multiple' }],
  },
  'Charm Monster': {
    level: 4, class: 'approximated',
    note: 'a creature that fails a Wis save stops fighting (charmed and incapacitated) until it takes damage, for the fight; its advantage on the save, as the caster\'s side is fighting it, '
      + 'is counted as a DC 4 lower (as for Charm Person); that it could still fight the caster\'s allies is left out',
    build: (c, l) => [enemyEffect('Charm Monster', l, 'wis', { ...c, dc: c.dc - 4 }, 1 + above(l, 4), { conditions: ['charmed', 'incapacitated'], endsOnDamage: true, duration: { kind: 'encounter' } }, false)],
  },
  'Wall of Ice': {
    level: 6, class: 'approximated', note: '10d6 cold (Dexterity half) to 2 creatures caught where the wall appears; the wall blocking movement and its frigid air once broken are left out (the simulation has no positions)',
    build: (c, l) => [{ ...base('Wall of Ice', l), type: 'save', targeting: 'lowest-hp', dc: c.dc, ability: 'dex', damage: more('10d6', '2d6', above(l, 6)), damageType: 'cold', onSuccess: 'half', targets: 2 }],
  },
  // Outside a fight, or only moving things about.
  Elementalism: { level: 0, class: 'non-combat' },
  'Speak with Dead': { level: 3, class: 'non-combat' },
  Sending: { level: 3, class: 'non-combat' },
  'Word of Recall': { level: 6, class: 'non-combat' },
  'Control Water': { level: 4, class: 'non-combat' },
  'Modify Memory': { level: 5, class: 'non-combat' },
  'Create Undead': { level: 6, class: 'non-combat' },
  'Animal Friendship': { level: 1, class: 'non-combat' },
  Shapechange: { level: 9, class: 'non-combat' },
  'Project Image': { level: 7, class: 'non-combat' },
  Etherealness: { level: 7, class: 'non-combat' },
  'True Seeing': { level: 6, class: 'non-combat' },
};

const BY_LOWER = new Map(Object.entries(SPELLS_2024).map(([n, e]) => [n.toLowerCase(), { name: n, entry: e }]));

/** Cantrips among the spells the 2024 monsters cast (only for the 5.1 module's cantrip handling). */
const CANTRIPS = new Set(['light', 'mage hand', 'prestidigitation', 'thaumaturgy', 'druidcraft', 'minor illusion', 'dancing lights', 'elementalism', 'fire bolt', 'ray of frost', 'sacred flame', 'shocking grasp', 'vicious mockery', 'produce flame']);

// ------------------------------------------------------------------ reading the text

export interface ListedSpell {
  name: string;
  /** The level it is cast at ("Command (level 2 version)"), or null for its own level. */
  castLevel: number | null;
  uses: Uses;
}

export interface SpellList {
  dc: number | null;
  attack: number | null;
  ability: Ability | null;
  spells: ListedSpell[];
}

function splitNames(text: string): Array<{ name: string; castLevel: number | null }> {
  return text
    .split(/\s*,\s*(?:or\s+)?|\s+or\s+/)
    .map((s) => s.trim().replace(/\.$/, ''))
    .filter((s) => s !== '')
    .map((s) => {
      const level = /\(level (\d) version\)/i.exec(s);
      return { name: s.replace(/\s*\(.*\)\s*$/, '').replace(/^the\s+/i, '').replace(/\s+spell$/i, '').trim(), castLevel: level ? Number(level[1]) : null };
    })
    .filter((s) => /^[A-Z]/.test(s.name));
}

/** Reads a spellcasting action's DC, attack bonus, ability and spells. `uses` applies to a single-spell action. */
export function readSpellList(desc: string, uses: Uses): SpellList {
  const text = plainText(desc);
  const dc = /spell save DC (\d+)/i.exec(text);
  const attack = /([+-]\d+) to hit with spell attacks/i.exec(text);
  const ability = /using (\w+) as (?:the )?spellcasting ability/i.exec(text);
  const spells: ListedSpell[] = [];
  const groups = [...text.matchAll(/-\s*(At Will|(\d+)\/Day(?: Each)?):\s*([^-]*?)(?=\s+-\s*(?:At Will|\d+\/Day)|$)/gi)];
  if (/following spells/i.test(text) && groups.length > 0) {
    for (const g of groups) {
      const groupUses: Uses = g[2] ? { per: 'long-rest', count: Number(g[2]) } : AT_WILL;
      for (const s of splitNames(g[3])) spells.push({ ...s, uses: groupUses });
    }
  } else {
    // "The X casts Fear, requiring ...", "casts the Sleep spell", "casts Bless, Healing Word, or Sanctuary, using ...", "casts Fireball (level 5 version) twice".
    const m = /\bcasts\s+(.+?)(?:,\s*(?:requiring|using)\b|\s+(?:on itself|in response|twice|on that creature)\b|\.(?:\s|$))/i.exec(text);
    if (m) for (const s of splitNames(m[1])) spells.push({ ...s, uses });
  }
  return {
    dc: dc ? Number(dc[1]) : null,
    attack: attack ? Number(attack[1]) : null,
    ability: ability ? abilityFromText(ability[1]) : null,
    spells,
  };
}

// ------------------------------------------------------------------ building

export interface BuiltSpells {
  actions: ActionSpec[];
  effectActions: EffectAction[];
  reactions: ReactionSpec[];
  /** AC with a spell cast before the fight (Mage Armor), else null. */
  acWithPrecastSpells: number | null;
  precastEffects: EffectSpec[];
  /** Conditions and damage types spells cast before the fight make it immune to (Mind Blank). */
  precastConditionImmunities: Condition[];
  precastImmunities: DamageType[];
  /** Spell names run (exactly or approximately). */
  modelled: string[];
  approximations: string[];
  gaps: string[];
}

export interface CasterContext {
  cr: number;
  abilities: Record<Ability, number>;
  ac: number;
  /** The DC and attack bonus of the creature's Spellcasting action, for actions that say "the same spellcasting ability as Spellcasting". */
  fallback?: { dc: number | null; attack: number | null; ability: Ability | null };
}

/** The caster's numbers: printed, else from the ability and the proficiency bonus of its CR (8 + PB + modifier). */
export function casterNumbers(list: SpellList, ctx: CasterContext): { numbers: CasterNumbers; derived: boolean } {
  const ability = list.ability ?? ctx.fallback?.ability ?? null;
  const pb = proficiencyBonusForCr(ctx.cr);
  const mod = ability ? abilityModifier(ctx.abilities[ability]) : 0;
  const dc = list.dc ?? ctx.fallback?.dc ?? null;
  const attack = list.attack ?? ctx.fallback?.attack ?? null;
  // The attack bonus follows from the DC (both are 8 or 0 plus the same two numbers); only a missing DC is derived.
  const derived = dc === null;
  return {
    numbers: { dc: dc ?? 8 + pb + mod, attack: attack ?? (dc !== null ? dc - 8 : pb + mod), mod },
    derived,
  };
}

/** Builds the spells of one list. `slot` and `uses` are the action's when it is a single-spell action. */
export function buildSpells(list: SpellList, ctx: CasterContext, opts: { slot: 'action' | 'bonus'; single: boolean; subject: string }): BuiltSpells {
  const out: BuiltSpells = {
    actions: [], effectActions: [], reactions: [], acWithPrecastSpells: null, precastEffects: [], precastConditionImmunities: [], precastImmunities: [],
    modelled: [], approximations: [], gaps: [],
  };
  const { numbers, derived } = casterNumbers(list, ctx);
  const delegated: ListedSpell[] = [];
  for (const spell of list.spells) {
    if (spell.name.toLowerCase() === 'counterspell') {
      // The SRD 5.2 spell: the caster of the spell countered makes a Constitution save against this DC;
      // on a failure the spell fails and its slot isn't expended.
      out.reactions.push({ kind: 'counterspell', bonus: numbers.mod, saveDc: numbers.dc, ...(spell.uses.per !== 'at-will' && { uses: spell.uses }) });
      out.modelled.push('Counterspell');
      out.approximations.push(`Spell: Counterspell: a reaction against an enemy's spell of 2nd level or higher (1st-level spells and cantrips are let through): a Constitution save against DC ${numbers.dc} or the spell fails; its 60-foot range is not checked`);
      continue;
    }
    const own = BY_LOWER.get(spell.name.toLowerCase());
    if (!own) {
      delegated.push(spell);
      continue;
    }
    const { name, entry } = own;
    if (entry.class === 'non-combat') continue;
    if (entry.class === 'not-modelled' || !entry.build) {
      out.gaps.push(`Spell: ${name}: not modelled${entry.note ? ` (${entry.note})` : ''}`);
      continue;
    }
    const castLevel = Math.max(entry.level, spell.castLevel ?? entry.level);
    for (const a of entry.build(numbers, castLevel)) {
      const withUses = a.condition === 'after-previous' ? a : { ...a, uses: a.uses.per === 'encounter' && spell.uses.per === 'at-will' ? a.uses : spell.uses };
      const placed = opts.single && opts.slot === 'bonus' ? { ...withUses, slot: 'bonus' as const } : withUses;
      if (placed.type === 'effect') out.effectActions.push(placed);
      else out.actions.push(placed);
    }
    out.modelled.push(name);
    if (entry.class === 'approximated' && entry.note) out.approximations.push(`Spell: ${name}: ${entry.note}`);
  }
  if (delegated.length > 0) {
    const ability = {
      name: opts.subject,
      desc: '',
      spellcasting: {
        dc: numbers.dc,
        modifier: numbers.attack,
        spells: delegated.map((s) => ({
          name: s.name,
          level: CANTRIPS.has(s.name.toLowerCase()) ? 0 : 1,
          ...(s.uses.per === 'long-rest' ? { usage: { type: 'per day', times: s.uses.count } } : {}),
        })),
      },
    };
    const read: MonsterSpellcasting | null = monsterSpellcasting(ability, ctx.cr, { ac: ctx.ac, dexterity: ctx.abilities.dex });
    if (read) {
      const fix = <T extends Built>(a: T): T => {
        const listed = delegated.find((s) => s.name.toLowerCase() === a.name.toLowerCase());
        let b: T = a;
        // Recharges and shared uses of single-spell actions are the action's.
        if (listed && a.condition !== 'after-previous' && listed.uses.per !== 'at-will' && listed.uses.per !== 'long-rest') b = { ...b, uses: listed.uses };
        if (listed?.castLevel && b.spell && listed.castLevel > b.spell.level) b = upcastTo(b, listed.castLevel, out);
        if (opts.single && opts.slot === 'bonus') b = { ...b, slot: 'bonus' };
        return b;
      };
      out.actions.push(...read.actions.map(fix));
      out.effectActions.push(...read.effectActions.map(fix));
      out.reactions.push(...read.reactions);
      out.acWithPrecastSpells = read.acWithPrecastSpells;
      out.precastEffects.push(...read.precastEffects);
      out.precastConditionImmunities.push(...read.precastConditionImmunities);
      out.precastImmunities.push(...read.precastImmunities);
      out.modelled.push(...read.modelled);
      for (const line of read.notModelled) {
        if (/^Spell: [^:]+: not modelled/.test(line)) out.gaps.push(line);
        else out.approximations.push(line);
      }
    }
  }
  if (derived && out.modelled.length > 0) {
    out.approximations.push(`${opts.subject}: the stat block prints no ${list.dc === null ? 'save DC' : 'spell attack bonus'}; DC ${numbers.dc} and +${numbers.attack} from the spellcasting ability and the proficiency bonus of its CR`);
  }
  return out;
}

/** A spell cast at a higher level by an innate caster: the extra dice and targets written in, since it has no slots to upcast with. */
function upcastTo<T extends Built>(a: T, level: number, out: BuiltSpells): T {
  const spell = a.spell!;
  const n = level - spell.level;
  const { upcast, upcastTargets, ...rest } = spell;
  let b = { ...a, spell: { ...rest, level } } as T;
  if (upcast && (b.type === 'save')) b = { ...b, damage: `${b.damage}${`+${upcast}`.repeat(n)}` };
  else if (upcast && b.type === 'attack') b = { ...b, attacks: b.attacks.map((x) => ({ ...x, damage: `${x.damage}${`+${upcast}`.repeat(n)}` })) };
  else if (upcast && b.type === 'heal') b = { ...b, amount: `${b.amount}${`+${upcast}`.repeat(n)}` };
  if (upcastTargets && (b.type === 'effect' || b.type === 'save' || b.type === 'heal')) b = { ...b, targets: Math.min(50, b.targets + upcastTargets * n) };
  if (b.name === 'Scorching Ray' && b.type === 'attack') b = { ...b, attacks: b.attacks.map((x) => ({ ...x, count: x.count + n })) };
  if (!upcast && !upcastTargets && b.name !== 'Scorching Ray') out.approximations.push(`Spell: ${a.name}: cast at level ${level}; what the higher level adds is left out`);
  return b;
}

/** "three" in "makes three attacks" and the like; re-exported for the converter. */
export { countWord };
