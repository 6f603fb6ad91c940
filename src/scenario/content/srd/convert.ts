// Converts one monster of the 5e SRD API (the 5e-database JSON, as served by dnd5eapi.co and
// copied in the reference folder) into a compendium entry: game facts and a simulatable
// CreatureSpec. Pure and defensive: every field is read on its own with a schema, a field that is
// missing or odd is noted and skipped, and description prose is read only to find facts the
// structured fields leave out (ranged or melee, half damage on a save, conditions inflicted); it
// never reaches the output.

import { z } from 'zod';
import {
  ABILITIES, type Ability, type ActionSpec, type AttackAction, type CreatureActionSpec, type DamageType, type EffectAction,
  type LegendaryActionSpec, type ReactionSpec, type SaveSpec, type Uses,
} from '../../../engine/index.ts';
import { OUTSIDE_THE_FIGHT, riderOf, saveIn, splitFidelity, type Rider } from './features.ts';
import { monsterSpellcasting } from './monster-spells.ts';
import { readMultiattack } from './multiattack.ts';
import { applyTrait } from './traits.ts';
import {
  ABILITY_NAMES, abilityFromText, abilityModifier, countWord, buildActions, buildCreature, circumstanceOf, crToText, damageMentions, damagePhrase,
  effectsIn, findByName, hitText, hpFormulaOrNull, keepSimulatable, mapDamageList, meanOf, normaliseDice, onlySometimes, regenerationOf, saveMention, saveTargets, slug,
  stripTags, usesFromName, xpForCr, asDamageType, AREA_TARGETS,
  type DamagePart, type MultiattackPlan, type ParsedAction, type ParsedRider,
} from './stat-block.ts';
import { isObj, type Obj, shown } from './stat-block.ts';
import type { CompendiumMonster, ImportedMonster, LegendaryInfo } from './types.ts';




/** The weapon attack printed with Shillelagh's numbers ("+2 to hit (+4 to hit with shillelagh) ... or 6 (1d8 + 2) ... with shillelagh"), if one is. */
function shillelaghOf(source: SrdAction[], engineActions: ActionSpec[]): { shillelagh?: { weapon: string; toHit: number; damage: string } } {
  for (const a of source) {
    const toHit = /\(\+(\d+) to hit with shillelagh\)/i.exec(a.desc);
    const damage = /\((\d+d\d+(?:\s*[+-]\s*\d+)?)\)\s+[a-z]+\s+damage with shillelagh/i.exec(a.desc);
    const attack = findByName(engineActions, a.name);
    const dice = damage ? normaliseDice(damage[1]) : null;
    if (toHit && dice && attack?.type === 'attack') return { shillelagh: { weapon: attack.name, toHit: Number(toHit[1]), damage: dice } };
  }
  return {};
}

/** Reads one field with a schema; a present but unreadable value is noted and treated as missing. */
function field<T>(o: Obj, key: string, schema: z.ZodType<T>, notes: string[], where = ''): T | undefined {
  const value = o[key];
  if (value === undefined || value === null) return undefined;
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  notes.push(`${where}${key}: ${shown(value)} could not be read (${r.error.issues[0]?.message ?? 'unexpected value'})`);
  return undefined;
}

const text = z.string();
const score = z.number().int().min(1).max(30);
const ref = z.looseObject({ index: z.string(), name: z.string().optional() });
const damageEntry = z.looseObject({
  damage_type: ref.optional(),
  damage_dice: z.union([z.string(), z.number()]).optional(),
  dc: z.unknown().optional(),
  choose: z.number().optional(),
  from: z.looseObject({ options: z.array(z.unknown()) }).optional(),
});
const dcSchema = z.looseObject({
  dc_type: ref,
  dc_value: z.number().int(),
  success_type: z.string().optional(),
});
const usageSchema = z.looseObject({
  type: z.string(),
  times: z.number().int().optional(),
  dice: z.string().optional(),
  min_value: z.number().int().optional(),
  rest_types: z.array(z.string()).optional(),
});
const namedEntry = z.looseObject({ name: z.string(), desc: z.string().optional() });
const MAX_NAME = 200;
const MAX_TEXT = 8000;

const ABILITY_FIELDS: Record<Ability, string> = {
  str: 'strength', dex: 'dexterity', con: 'constitution', int: 'intelligence', wis: 'wisdom', cha: 'charisma',
};

const SRD_FIELDS = new Set([
  'index', 'name', 'size', 'type', 'subtype', 'alignment', 'armor_class', 'hit_points', 'hit_dice', 'hit_points_roll',
  'speed', ...Object.values(ABILITY_FIELDS), 'proficiencies', 'damage_vulnerabilities', 'damage_resistances',
  'damage_immunities', 'condition_immunities', 'senses', 'languages', 'challenge_rating', 'proficiency_bonus', 'xp',
  'special_abilities', 'actions', 'legendary_actions', 'reactions', 'image', 'url', 'desc', 'forms', 'updated_at',
  '_id', 'spells',
]);

/** A damage entry's dice and type, or a note saying why not. */
function damagePart(e: z.infer<typeof damageEntry>, subject: string, notes: string[]): DamagePart | null {
  const type = e.damage_type ? asDamageType(e.damage_type.index) : null;
  const dice = e.damage_dice === undefined ? null : normaliseDice(String(e.damage_dice));
  if (type === null || dice === null) {
    notes.push(`${subject}: damage ${shown(e)} could not be read`);
    return null;
  }
  return { dice, type };
}

function srdUses(usage: z.infer<typeof usageSchema> | undefined, subject: string, notes: string[]): Uses {
  if (!usage) return { per: 'at-will' };
  switch (usage.type) {
    case 'recharge on roll': {
      const min = usage.min_value ?? 6;
      if (min >= 2 && min <= 6) return { per: 'recharge', min };
      notes.push(`${subject}: recharge ${min} is out of range; used recharge 6`);
      return { per: 'recharge', min: 6 };
    }
    case 'per day':
      return { per: 'long-rest', count: Math.min(100, Math.max(1, usage.times ?? 1)) };
    case 'recharge after rest':
      return usage.rest_types && !usage.rest_types.includes('short') ? { per: 'long-rest', count: 1 } : { per: 'short-rest', count: 1 };
    case 'at will':
      return { per: 'at-will' };
    default:
      notes.push(`${subject}: usage "${usage.type}" is not known; used once per encounter`);
      return { per: 'encounter', count: 1 };
  }
}

function usageSuffix(usage: z.infer<typeof usageSchema> | undefined): string {
  if (!usage) return '';
  if (usage.type === 'per day') return ` (${usage.times ?? 1}/Day)`;
  if (usage.type === 'recharge on roll') return ` (Recharge ${usage.min_value ?? 6}${(usage.min_value ?? 6) < 6 ? '-6' : ''})`;
  if (usage.type === 'recharge after rest') return ' (Recharges after a Short or Long Rest)';
  return '';
}

/** "Action: Frightful Presence (frightens; DC 19 Wisdom save)". */
function leftOut(kind: string, name: string, desc: string): string {
  const effects = effectsIn(desc);
  const save = saveMention(desc);
  const detail = [effects.join(', '), save].filter(Boolean).join('; ');
  return `${kind}: ${name}${detail ? ` (${detail})` : ''}`;
}

interface SrdAction {
  raw: Obj;
  name: string;
  desc: string;
}

/** What reading the actions collects beside the parsed actions. */
interface ReadContext {
  monster: string;
  /** Names of every action of the stat block, run or not. */
  sourceActions: Array<{ name: string }>;
  approximations: string[];
  effectActions: EffectAction[];
}

// Actions that do nothing a stand-up fight can show (moving, changing form, reading minds).
const NEUTRAL_ACTIONS = /^(?:change shape|teleport|etherealness|ethereal stride|invisible passage|read thoughts|heart sight|detect|move|shapechange|create specter|animate trees|animate chains|create whirlwind|darkness aura|phantasms|nightmare haunting|possession|leadership|wall of ice|enlarge|flying sword|illusory appearance|ink cloud|reel)\b/i;

// What a rider does that the engine leaves out, by the labels of effectsIn: nothing to the fight
// (moving, a curse or disease that works after it), or a gap.
const EFFECTS_OUTSIDE = new Set(['disease', 'curse', 'moves the target', 'teleports', 'deafens']);
const EFFECTS_AS_CONDITIONS: Record<string, string> = {
  'knocks prone': 'prone', restrains: 'restrained', poisons: 'poisoned', paralyzes: 'paralyzed', frightens: 'frightened', stuns: 'stunned',
  blinds: 'blinded', charms: 'charmed', incapacitates: 'incapacitated', 'knocks unconscious': 'unconscious',
};

/**
 * The rider of an attack's hit or a save's failure: the engine's effect where the text inflicts a
 * condition, and a line for everything else it does.
 */
function readRider(name: string, ruleText: string, fallback: SaveSpec | null, ctx: ReadContext, notModelled: string[]): Rider | null {
  const rider = riderOf(`${ctx.monster} ${name}`, name, ruleText, fallback);
  if (rider) {
    ctx.approximations.push(...rider.approximations);
    notModelled.push(...rider.gaps);
    const exempt = /other than (?:an? )?([a-z]+(?: or [a-z]+)?)/i.exec(stripTags(ruleText));
    if (exempt && rider.effect.conditions?.length) {
      ctx.approximations.push(`${name}: every target can be affected (the exemption of ${exempt[1].replace(/\bor\b/, 'and').replace(/\b(elf|undead|construct)\b/g, (w) => (w === 'elf' ? 'elves' : w))} is not checked)`);
    }
  }
  const covered = new Set(rider?.effect.conditions ?? []);
  const plain = stripTags(ruleText);
  if (rider?.effect.turnDamage) {
    // The damage each turn is the effect's: the line that said it was left out goes.
    const td = rider.effect.turnDamage;
    const at = notModelled.findIndex((l) => l.startsWith(`${name}: ${td.damage} ${td.damageType} damage each turn`));
    if (at >= 0) notModelled.splice(at, 1);
  }
  for (const label of effectsIn(plain)) {
    if (EFFECTS_OUTSIDE.has(label)) continue;
    const condition = EFFECTS_AS_CONDITIONS[label];
    if (condition && covered.has(condition as never)) continue;
    if (label === 'grapples' && rider) continue;
    if (label === 'restrains' && rider && /grappled/i.test(plain)) continue;
    if (label === 'reduces hit point maximum') {
      ctx.approximations.push(`${name}: the damage is dealt; the lower hit point maximum only matters to later healing and is not tracked`);
      continue;
    }
    if (label === 'prevents healing' && OUTSIDE_THE_FIGHT.test(plain)) continue;
    // "While poisoned in this way, the target can't regain hit points": the engine's preventsHealing on the same effect.
    if (label === 'prevents healing' && rider && /while poisoned in this way, the target can't regain hit points/i.test(plain)) {
      rider.effect.preventsHealing = true;
      continue;
    }
    if (label === 'sets on fire' && (rider?.effect.turnDamage || /flammable object that isn't being worn/i.test(plain))) continue;
    if (label === 'petrifies' && rider) continue;
    if ((label === 'swallows' || label === 'petrifies') && rider?.gaps.length) continue;
    // Swallowed or engulfed: run as blinded or restrained with the damage each turn.
    if ((label === 'swallows' || label === 'engulfs') && rider?.effect.turnDamage && covered.has('restrained')) continue;
    // Falling prone on the way out of a swallower is not a rider.
    if (label === 'knocks prone' && /\bswallowed\b/i.test(plain) && rider?.effect.turnDamage) continue;
    const save = saveMention(plain);
    notModelled.push(`${name}: ${label}${save ? ` (${save})` : ''}`);
  }
  return rider && (rider.effect.conditions?.length || rider.effect.turnDamage) ? rider : null;
}

function riderFields(r: Rider | null, attack: boolean): ParsedRider {
  if (!r) return {};
  return { effect: r.effect, ...(attack && r.save && { effectSave: r.save }) };
}

/** How many enemies an effect catches: all of them for "each creature of its choice within 120 feet". */
function effectTargets(name: string, desc: string, notModelled: string[], approximations: string[]): number {
  const t = stripTags(desc).toLowerCase();
  const range = /within (\d+) (?:feet|ft)/.exec(t);
  if (/each creature|every creature|each non-|creatures of (?:its|the [a-z ]+'s) choice/.test(t) && range && Number(range[1]) >= 60) return 50;
  const lines: string[] = [];
  const n = saveTargets(name, desc, lines);
  for (const l of lines) (/assumed/.test(l) ? approximations : notModelled).push(l);
  return n;
}

/** Reads one action (not the Multiattack) into a ParsedAction, or notes why it is left out. */
function readAction(
  a: SrdAction, where: string, parsed: ParsedAction[], notModelled: string[], notes: string[],
  opts: { effects: boolean }, ctx: ReadContext,
): void {
  const { raw, name, desc } = a;
  const usage = field(raw, 'usage', usageSchema, notes, where);
  const uses = srdUses(usage, name, notes);
  const attackBonus = field(raw, 'attack_bonus', z.number().int(), notes, where);
  const dc = field(raw, 'dc', dcSchema, notes, where);
  const damageList = field(raw, 'damage', z.array(z.unknown()), notes, where) ?? [];

  // Damage entries: plain ones are the hit's damage; a choice takes its first option; an entry
  // with its own saving throw is a rider the engine cannot run.
  const parts: DamagePart[] = [];
  const chosen: DamagePart[] = [];
  const accounted: string[] = [];
  // Damage on a failed save after a hit, counted on every hit.
  const onFailedSave: string[] = [];
  damageList.forEach((d, i) => {
    const r = damageEntry.safeParse(d);
    if (!r.success) {
      notes.push(`${where}damage[${i}]: ${shown(d)} could not be read`);
      return;
    }
    const e = r.data;
    if (e.from) {
      const options = e.from.options.map((o) => damageEntry.safeParse(o)).filter((x) => x.success).map((x) => x.data);
      const readable = options.map((o) => ({ o, part: damagePart(o, name, notes) })).filter((x) => x.part !== null);
      readable.forEach((x) => accounted.push(`${x.part!.dice} ${x.part!.type}`));
      if (readable.length === 0) {
        notes.push(`${name}: a choice of damage could not be read`);
        return;
      }
      parts.push(readable[0].part!);
      chosen.push(readable[0].part!);
      if (readable.length > 1) {
        const label = (x: (typeof readable)[number]): string => {
          const note = isObj(x.o) && typeof x.o.notes === 'string' ? ` (${x.o.notes.toLowerCase()})` : '';
          return `${x.part!.dice} ${x.part!.type}${note}`;
        };
        notModelled.push(`${name}: uses ${label(readable[0])}; not ${readable.slice(1).map(label).join(', ')}`);
      }
      return;
    }
    const part = damagePart(e, name, notes);
    if (!part) return;
    accounted.push(`${part.dice} ${part.type}`);
    const rider = dcSchema.safeParse(e.dc);
    if (rider.success) {
      const ability = abilityFromText(rider.data.dc_type.index);
      const half = rider.data.success_type === 'half' ? ', half on success' : '';
      if (attackBonus !== undefined) {
        // The engine rolls no save for damage on a hit: the damage is counted as if the save failed.
        parts.push(part);
        onFailedSave.push(`${part.dice} ${part.type}`);
        ctx.approximations.push(`${name}: ${part.dice} ${part.type} damage on a failed DC ${rider.data.dc_value} ${ability ? ABILITY_NAMES[ability] : ''} save${half}, counted on every hit (the save is assumed failed)`.replace('  ', ' '));
        return;
      }
      notModelled.push(`${name}: ${part.dice} ${part.type} damage on a failed DC ${rider.data.dc_value} ${ability ? ABILITY_NAMES[ability] : ''} save${half}`.replace('  ', ' '));
      return;
    }
    parts.push(part);
  });

  if (attackBonus !== undefined) {
    const reach = /^\s*ranged\b/i.test(desc) ? 'ranged' : 'melee';
    // Damage the text mentions that the structured list leaves out: "plus 21 (6d6) fire damage"
    // right after the listed damage is part of every hit (the data dropped it); the rest (two-handed,
    // ongoing, riders) only applies sometimes.
    const pool = [...accounted];
    let previousEnd = -1;
    let previousCounted = false;
    for (const m of damageMentions(desc)) {
      const key = `${m.dice} ${m.typeText}`;
      const at = pool.indexOf(key);
      const gap = previousEnd < 0 ? '' : desc.slice(previousEnd, m.start);
      previousEnd = m.end;
      if (at >= 0) {
        pool.splice(at, 1);
        previousCounted = true;
        continue;
      }
      const type = asDamageType(m.typeText);
      if (previousCounted && type && /^\s*,?\s*plus\s*$/i.test(gap) && !onlySometimes(desc, m.end)) {
        parts.push({ dice: m.dice, type });
        notes.push(`${name}: the data leaves out the ${m.dice} ${m.typeText} damage its text adds to every hit; added`);
        continue;
      }
      previousCounted = false;
      const circumstance = circumstanceOf(desc, m);
      const inHit = /\bHit:/.test(desc.slice(0, m.start));
      const sentenceEnd = desc.indexOf('.', m.end);
      const sentence = desc.slice(Math.max(0, desc.lastIndexOf('.', m.start) + 1), sentenceEnd < 0 ? desc.length : sentenceEnd);
      if (circumstance === 'on a failed saving throw' && type && inHit && !/\b(?:start|end) of each\b/i.test(sentence)) {
        parts.push({ dice: m.dice, type });
        onFailedSave.push(`${m.dice} ${type}`);
        ctx.approximations.push(`${name}: ${m.dice} ${m.typeText} damage on a failed saving throw, counted on every hit (the save is assumed failed)`);
        continue;
      }
      notModelled.push(`${name}: ${m.dice} ${m.typeText} damage ${circumstance}`);
    }
    // A listed damage that the hit's own sentence does not deal (a disease's later damage) is not
    // part of the hit.
    const hit = /\bHit:\s*([^.]*)/.exec(desc);
    if (hit) {
      const dealt = damageMentions(hit[1]).map((m) => `${m.dice} ${m.typeText}`);
      for (const p of [...parts]) {
        if (chosen.includes(p) || dealt.includes(`${p.dice} ${p.type}`) || onFailedSave.includes(`${p.dice} ${p.type}`)) continue;
        parts.splice(parts.indexOf(p), 1);
        notes.push(`${name}: the data lists ${p.dice} ${p.type} damage that its text does not deal on a hit; left out of the hit`);
        // A disease's later damage happens after the fight.
        if (!OUTSIDE_THE_FIGHT.test(desc)) notModelled.push(`${name}: ${p.dice} ${p.type} damage only in some circumstances`);
      }
    }
    if (parts.length === 0) {
      // A hit that only restrains (Web, a Roper's Tendril): an attack with no damage and its rider.
      const lines: string[] = [];
      const control = opts.effects && /\brestrained\b/i.test(hitText(desc)) ? readRider(name, hitText(desc), null, ctx, lines) : null;
      if (!control?.effect.conditions?.includes('restrained')) {
        if (!NEUTRAL_ACTIONS.test(name)) notModelled.push(leftOut('Action', name, desc));
        else ctx.approximations.push(`${name}: changes nothing in the fight (no positions: moving, hiding and escaping are not simulated)`);
        return;
      }
      notModelled.push(...lines);
      if (/webbing/i.test(desc)) ctx.approximations.push(`${name}: the webbing's own AC and hit points are not simulated (no one attacks the web to free the target)`);
      parts.push({ dice: '0', type: 'bludgeoning' });
      parsed.push({ kind: 'attack', name, toHit: attackBonus, parts, reach, uses, slot: 'action', ...riderFields(control, true) });
      return;
    }
    const rider = opts.effects ? readRider(name, hitText(desc), null, ctx, notModelled) : null;
    parsed.push({ kind: 'attack', name, toHit: attackBonus, parts, reach, uses, slot: 'action', ...riderFields(rider, true) });
    return;
  }

  if (dc && parts.length > 0) {
    const ability = abilityFromText(dc.dc_type.index);
    if (ability === null) {
      notes.push(`${name}: saving throw ability "${dc.dc_type.index}" is not known`);
      notModelled.push(leftOut('Action', name, desc));
      return;
    }
    const textSaysHalf = /half as much damage|half damage|takes half/i.test(desc);
    const onSuccess = dc.success_type === 'half' || textSaysHalf ? 'half' : 'none';
    if (dc.success_type !== 'half' && textSaysHalf) {
      notes.push(`${name}: the data says no damage on a successful save, but its text says half; used half`);
    }
    const targets = effectTargets(name, desc, notModelled, ctx.approximations);
    const rider = opts.effects ? readRider(name, desc, { ability, dc: dc.dc_value }, ctx, notModelled) : null;
    parsed.push({ kind: 'save', name, dc: dc.dc_value, ability, parts, onSuccess, targets, uses, slot: 'action', ...riderFields(rider, false) });
    return;
  }

  // Slow (the Stone Golem): one attack a turn, an action or a bonus action, no reactions.
  const slowSave = /can't make more than one attack on its turn/i.test(desc) ? saveIn(stripTags(desc)) : null;
  if (slowSave) {
    ctx.effectActions.push({
      type: 'effect', name, slot: 'action', uses, condition: 'always', target: 'enemies', enemyTargeting: 'highest-damage', targets: AREA_TARGETS,
      effect: { name: `${ctx.monster} ${name}`, duration: { kind: 'rounds', rounds: 10 }, attacksBy: 'disadvantage', saveEnds: true }, save: slowSave,
    } as EffectAction);
    ctx.approximations.push(`${name}: area effect, assumed to catch ${AREA_TARGETS} targets`);
    ctx.approximations.push(`${name}: run as disadvantage on the target's attack rolls, standing for making only one attack a turn and taking an action or a bonus action, not both; the reactions it loses are left out`);
    return;
  }

  // Deadly Leap (the Bulette): a save against damage of two types and being knocked prone.
  const leap = /DC (\d+) Strength or Dexterity saving throw \(target's choice\)[^.]*?take\s+\d+\s*\((\d+d\d+\s*\+\s*\d+)\)\s+([a-z]+) damage plus\s+\d+\s*\((\d+d\d+\s*\+\s*\d+)\)\s+([a-z]+) damage/i.exec(stripTags(desc));
  const leapParts = leap ? [[leap[2], leap[3]], [leap[4], leap[5]]].map(([d, t]) => ({ dice: normaliseDice(d), type: asDamageType(t) })) : [];
  if (leap && leapParts.every((x) => x.dice && x.type)) {
    parsed.push({
      kind: 'save', name, dc: Number(leap[1]), ability: 'dex', parts: leapParts as DamagePart[], onSuccess: 'half', targets: 1, uses, slot: 'action',
      effect: { name: `${ctx.monster} ${name}`, duration: { kind: 'target-turn-start' }, conditions: ['prone'] },
    });
    ctx.approximations.push(`${name}: the leap is assumed to land on one creature each time; the target's choice of a Strength or Dexterity save is run as its Dexterity save`);
    return;
  }

  // Antennae (the Rust Monster): metal armor loses 1 AC.
  const corrode = /penalty to the AC it offers/i.test(desc) ? saveIn(stripTags(desc)) : null;
  if (corrode) {
    ctx.effectActions.push({
      type: 'effect', name, slot: 'action', uses, condition: 'always', target: 'enemies', enemyTargeting: 'highest-damage', targets: 1,
      effect: { name: `${ctx.monster} ${name}`, duration: { kind: 'encounter' }, acBonus: -1 }, save: corrode,
    } as EffectAction);
    ctx.approximations.push(`${name}: -1 AC for the fight on a failed save, once per target (every target is assumed to wear metal armor; further touches do not add up, a weapon is never chosen instead, and the lasting damage after the fight is not tracked)`);
    return;
  }

  // Swallow: one bite against a creature it grapples that swallows it on a hit.
  const swallowBite = /\bswallow/i.test(name) ? /makes one bite attack against an? (tiny|small|medium|large|huge)\b/i.exec(desc) : null;
  if (swallowBite) {
    const bite = parsed.find((p) => p.kind === 'attack' && /\bbite\b/i.test(p.name));
    if (/^(?:tiny|small)$/i.test(swallowBite[1])) {
      ctx.approximations.push(`${name}: only ${swallowBite[1]} or smaller creatures can be swallowed; characters are assumed Medium (the simulation has no sizes), so it is not used`);
      return;
    }
    const rider = bite?.kind === 'attack' ? readRider(name, desc, null, ctx, notModelled) : null;
    if (bite?.kind === 'attack' && rider) {
      parsed.push({
        kind: 'attack', name, toHit: bite.toHit, parts: bite.parts, reach: bite.reach, uses: { per: 'encounter', count: 1 }, slot: 'action', effect: rider.effect,
      });
      ctx.approximations.push(`${name}: once a fight, as its first action after any recharge or limited ones; the grapple it needs is assumed, and one creature at a time is swallowed`);
      return;
    }
  }

  // A saving throw with no damage: an effect on the enemies it catches (Frightful Presence).
  if (dc || saveIn(stripTags(desc))) {
    const save: SaveSpec | null = dc ? (abilityFromText(dc.dc_type.index) ? { ability: abilityFromText(dc.dc_type.index)!, dc: dc.dc_value } : null) : saveIn(stripTags(desc));
    const before = notModelled.length;
    const rider = readRider(name, desc, save, ctx, notModelled);
    if (rider && rider.save) {
      const targets = effectTargets(name, desc, notModelled, ctx.approximations);
      // An at-will effect on every enemy is used once a fight: a creature that saves is immune to it.
      const once = targets >= 50 && uses.per === 'at-will' && /immune/i.test(desc);
      const charmOnly = rider.effect.conditions?.every((c) => c === 'charmed') ?? false;
      ctx.effectActions.push({
        type: 'effect', name, slot: 'action', uses: once ? { per: 'encounter', count: 1 } : uses, condition: 'always',
        target: 'enemies', enemyTargeting: 'highest-damage', targets, effect: rider.effect, save: rider.save,
        ...(charmOnly && { position: 1000 }),
      } as EffectAction);
      if (charmOnly) ctx.approximations.push(`${name}: used only when no other action is (being charmed changes nothing in the simulation)`);
      return;
    }
    notModelled.length = before;
  }

  const heal = /regains?\s+(?:\d+\s*)?\((\d+d\d+(?:\s*[+-]\s*\d+)?)\)\s+hit points/i.exec(desc);
  const amount = heal ? normaliseDice(heal[1]) : null;
  if (amount) {
    parsed.push({ kind: 'heal', name, amount, uses, slot: 'action', ...(/magically regains|\bregains\b/i.test(desc) && !/\btarget\b|\bcreature\b/i.test(desc) && { targeting: 'self' as const }) });
    return;
  }
  if (/^invisibility\b/i.test(name) && /(?:turns?|becomes?) invisible/i.test(desc)) {
    ctx.effectActions.push({
      type: 'effect', name, slot: 'action', uses, condition: 'always', target: 'self', targets: 1,
      effect: { name: `${ctx.monster} ${name}`, duration: { kind: 'source-turn-end' }, conditions: ['invisible'] },
    } as EffectAction);
    ctx.approximations.push(`${name}: invisible until the end of its next turn (attacking or casting would end it; the simulation lets it attack once with advantage)`);
    return;
  }
  if (NEUTRAL_ACTIONS.test(name) || OUTSIDE_THE_FIGHT.test(name)) return;
  notModelled.push(leftOut('Action', name, desc));
}

interface MultiattackSource {
  name: string;
  raw: Obj;
  desc: string;
}

/** A multiattack count: a number, dice ("1d4": its average, rounded down) or words ("Number of Heads": 1). */
function structuredCount(name: string, count: number | string | undefined, heads: number | null, notModelled: string[]): number {
  if (count === undefined) return 1;
  if (typeof count === 'number' && Number.isInteger(count) && count >= 1) return Math.min(20, count);
  const dice = normaliseDice(String(count));
  const assumed = dice !== null ? Math.max(1, Math.floor(meanOf(dice))) : /heads/i.test(String(count)) && heads ? heads : 1;
  notModelled.push(`Multiattack: makes ${String(count).toLowerCase()} ${name} attacks; assumed ${assumed}`);
  return assumed;
}

/** The SRD's structured multiattack: a list of actions with counts, or options of which the first is used. */
function srdMultiattack(
  m: MultiattackSource, actions: SrdAction[], parsed: ParsedAction[], heads: number | null, notModelled: string[], notes: string[],
): MultiattackPlan | null {
  const component = z.looseObject({ action_name: z.string(), count: z.union([z.number(), z.string()]).optional(), type: z.string().optional() });
  const toComponent = (c: z.infer<typeof component>) => ({ ref: c.action_name, count: structuredCount(c.action_name, c.count, heads, notModelled) });
  const list = field(m.raw, 'actions', z.array(component), notes, `${m.name}.`);
  if (list && list.length > 0) return { name: m.name, components: list.map(toComponent) };

  const options = field(m.raw, 'action_options', z.looseObject({ from: z.looseObject({ options: z.array(z.unknown()) }) }), notes, `${m.name}.`);
  if (options && options.from.options.length > 0) {
    const read = options.from.options.map((o) => {
      const multiple = z.looseObject({ items: z.array(component) }).safeParse(o);
      if (multiple.success) return multiple.data.items.map(toComponent);
      const single = component.safeParse(o);
      return single.success ? [toComponent(single.data)] : [];
    });
    const label = (cs: Array<{ ref: string; count: number }>) => cs.map((c) => `${c.ref}${c.count > 1 ? ` \u00d7${c.count}` : ''}`).join(', ');
    const first = read.findIndex((cs) => cs.length > 0);
    if (first >= 0) {
      const others = read.filter((cs, i) => i !== first && cs.length > 0);
      if (others.length > 0) notModelled.push(`${m.name}: uses ${label(read[first])}; not ${others.map(label).join(' or ')}`);
      return { name: m.name, components: read[first] };
    }
  }

  // No structured list: read the sentence.
  const reading = readMultiattack(m.desc, actions.map((a) => ({
    name: a.name,
    reach: parsed.find((p) => p.name === a.name && p.kind === 'attack') ? (/^\s*ranged\b/i.test(a.desc) ? 'ranged' : 'melee') : null,
  })));
  notModelled.push(...reading.notModelled);
  if (!reading.understood) {
    notes.push(`${m.name}: its attacks could not be read`);
    return null;
  }
  return { name: m.name, components: reading.components };
}

/** The conditions the engine runs, for the stat block's condition immunities. */
const CONDITIONS_RUN = ['blinded', 'charmed', 'frightened', 'incapacitated', 'invisible', 'paralyzed', 'poisoned', 'prone', 'restrained', 'stunned', 'unconscious'] as const;

// Legendary actions that change nothing in a stand-up fight: a Perception check, moving.
const NEUTRAL_LEGENDARY = /^(?:detect|move|teleport)\b|makes a wisdom \(perception\) check|\bmoves up to\b|magically teleports/i;

/**
 * The action a legendary action runs: the attack or ability it names ("The dragon makes a tail
 * attack", "uses its Paralyzing Touch"), as one attack; or its own save, damage or effect (Wing
 * Attack, Frightening Gaze). Null when it changes nothing in the fight or cannot be run (a line
 * says which).
 */
function legendaryAction(
  l: { name: string; desc?: string } & Obj, name: string, actions: ActionSpec[], ctx: ReadContext, notModelled: string[], notes: string[],
): CreatureActionSpec | null {
  const desc = stripTags(l.desc ?? '');
  if (NEUTRAL_LEGENDARY.test(name) || NEUTRAL_LEGENDARY.test(desc)) return null;
  if (/^(?:cantrip|cast a spell)$/i.test(name)) {
    // The spell it would cast: the most damaging of its spells (cantrips only for "Cantrip").
    const spells = actions.filter((a) => a.spell && (/cantrip/i.test(name) ? a.spell.level === 0 : true) && a.type !== 'heal');
    const best = [...spells].sort((a, b) => spellValue(b) - spellValue(a))[0];
    if (best) {
      ctx.approximations.push(`Legendary action ${name}: casts ${best.name}${/cantrip/i.test(name) ? '' : ', its most damaging spell'}`);
      return { ...best, name: `${name}: ${best.name} (legendary)`, uses: { per: 'at-will' }, slot: 'action' };
    }
  }
  const named = /\bmakes (?:one|a|an) (?:attack with its )?([a-z' -]+?)(?: attack)?(?:\s+or\s+(?:one\s+)?([a-z' -]+?)(?: attack)?)?(?:\.|$)|\buses (?:its )?([A-Za-z' -]+?)(?:\.|$)/i.exec(desc);
  if (named && !l.dc && !l.damage) {
    const wanted = (named[1] ?? named[3]).trim();
    const other = /\bor (?:uses its )?([A-Za-z' -]+?)(?: attack)?\.?$/i.exec(desc);
    const attacks = actions.filter((a): a is AttackAction => a.type === 'attack');
    const attack = findByName(attacks, wanted) ?? (/^(?:unarmed strike|strike)$/i.test(wanted) ? findByName(attacks, 'unarmed strike') : undefined);
    if (attack) {
      if (other) ctx.approximations.push(`Legendary action ${name}: always the ${attack.name}, not the alternative`);
      return { ...attack, name: `${name} (legendary)`, uses: { per: 'at-will' }, attacks: [{ ...attack.attacks[0], count: 1 }] };
    }
    const anyAction = findByName([...actions, ...ctx.effectActions], wanted);
    if (anyAction) return { ...anyAction, name: `${name} (legendary)`, uses: { per: 'at-will' }, slot: 'action' } as CreatureActionSpec;
    // The form this stat block describes has no such attack (a vampire as a bat or mist).
    if (!ctx.sourceActions.some((a) => findByName([a], wanted))) return null;
  }
  // "+2 bonus to AC until the end of the unicorn's next turn" on itself or another creature: a buff.
  const shield = /around itself or another creature.*?The target gains a \+(\d+) bonus to AC until the end of the [a-z ]+'s next turn/i.exec(desc);
  if (shield) {
    ctx.approximations.push(`Legendary action ${name}: on the ally (itself included) with the lowest share of its hit points`);
    return {
      type: 'effect', name: `${name} (legendary)`, slot: 'action', uses: { per: 'at-will' }, condition: 'always', target: 'allies', targets: 1,
      effect: { name: `${ctx.monster} ${name}`, duration: { kind: 'source-turn-end' }, acBonus: Number(shield[1]) },
    };
  }
  // Its own description: read like an action.
  const parsed: ParsedAction[] = [];
  const before = ctx.effectActions.length;
  const lines: string[] = [];
  readAction({ raw: l, name, desc: l.desc ?? '' }, `legendary_actions ${name}: `, parsed, lines, notes, { effects: true }, ctx);
  if (ctx.effectActions.length > before) {
    const [effect] = ctx.effectActions.splice(before);
    notModelled.push(...lines);
    return { ...effect, slot: 'action', uses: { per: 'at-will' } };
  }
  if (parsed.length > 0) {
    const built = buildActions(parsed, null, lines, notes);
    notModelled.push(...lines);
    if (built.length > 0) return { ...built[0], uses: { per: 'at-will' } };
  }
  notModelled.push(`Legendary action: ${name} (not run)`);
  return null;
}

function spellValue(a: ActionSpec): number {
  if (a.type === 'attack') return a.attacks.reduce((s, x) => s + x.count * meanOf(x.damage), 0);
  if (a.type === 'save') return a.targets * meanOf(a.damage);
  return 0;
}

/** Legendary actions in the order the engine tries them: the most damage per point first, healing last. */
function orderLegendary(list: LegendaryActionSpec[]): LegendaryActionSpec[] {
  const value = (l: LegendaryActionSpec): number => {
    const a = l.action;
    if (a.type === 'heal') return -1;
    if (a.type === 'effect') return 1000;
    const mean = a.type === 'attack' ? a.attacks.reduce((s, x) => s + x.count * meanOf(x.damage), 0) * 0.65 : a.targets * meanOf(a.damage) * 0.6;
    return mean / l.cost;
  };
  return [...list].sort((a, b) => value(b) - value(a));
}

/** Converts one SRD API monster. Never throws; what cannot be read is in `notes`. */
export function convertSrdMonster(input: unknown): ImportedMonster {
  const notes: string[] = [];
  const notModelled: string[] = [];
  const o: Obj = isObj(input) ? input : {};
  if (!isObj(input)) notes.push(`expected a monster object, got ${shown(input)}`);

  let name = field(o, 'name', text.trim().min(1).transform((n) => n.slice(0, MAX_NAME)), notes);
  if (name === undefined) {
    name = 'Unnamed monster';
    notes.push('name: missing; called "Unnamed monster"');
  }
  const id = field(o, 'index', text.trim().min(1), notes) ?? slug(name);
  const size = field(o, 'size', text, notes) ?? '';
  const type = field(o, 'type', text, notes) ?? '';
  if (!size) notes.push('size: missing');
  if (!type) notes.push('type: missing');
  const subtype = field(o, 'subtype', text, notes) ?? null;

  const abilities = {} as Record<Ability, number>;
  for (const ab of ABILITIES) {
    const v = field(o, ABILITY_FIELDS[ab], score, notes);
    if (v === undefined) notes.push(`${ABILITY_FIELDS[ab]}: missing; used 10`);
    abilities[ab] = v ?? 10;
  }

  // Armour class: the best everyday value; spell and situational values are noted.
  let ac = 10;
  const acField = field(o, 'armor_class', z.union([
    z.number().int(),
    z.array(z.looseObject({ type: z.string().optional(), value: z.number().int() })),
  ]), notes);
  if (typeof acField === 'number') ac = acField;
  else if (acField && acField.length > 0) {
    const everyday = acField.filter((e) => e.type !== 'spell' && e.type !== 'condition');
    ac = Math.max(...(everyday.length > 0 ? everyday : acField).map((e) => e.value));
    for (const e of acField) {
      if (everyday.length > 0 && !everyday.includes(e)) {
        const what = isObj(e.spell) && typeof e.spell.name === 'string' ? `with ${e.spell.name}`
          : isObj(e.condition) && typeof e.condition.name === 'string' ? `while ${e.condition.name.toLowerCase()}` : `(${e.type})`;
        notModelled.push(`AC ${e.value} ${what}`);
      }
    }
  } else notes.push('armor_class: missing; used 10');
  if (ac < 1 || ac > 50) {
    notes.push(`armor_class: ${ac} is out of range; used 10`);
    ac = 10;
  }

  const hitDiceText = field(o, 'hit_dice', text, notes);
  const hitDiceMatch = hitDiceText ? /^\s*(\d{1,3})\s*d\s*(\d{1,3})\s*$/i.exec(hitDiceText) : null;
  const validHitDice = hitDiceMatch !== null && Number(hitDiceMatch[1]) >= 1 && Number(hitDiceMatch[2]) >= 1;
  const hitDice = validHitDice ? `${Number(hitDiceMatch![1])}d${Number(hitDiceMatch![2])}` : '';
  if (hitDiceText !== undefined && !validHitDice) notes.push(`hit_dice: "${hitDiceText}" is not like "2d6"`);
  const conBonus = validHitDice ? Number(hitDiceMatch![1]) * abilityModifier(abilities.con) : 0;
  const derivedFormula = hpFormulaOrNull(hitDice ? `${hitDice}${conBonus > 0 ? `+${conBonus}` : conBonus < 0 ? `${conBonus}` : ''}` : null);
  const rollText = field(o, 'hit_points_roll', text, notes);
  let hpFormula = hpFormulaOrNull(rollText);
  if (rollText !== undefined && hpFormula === null) notes.push(`hit_points_roll: "${rollText}" is not dice that give hit points; used ${derivedFormula ?? 'none'}`);
  hpFormula ??= derivedFormula;
  let hp = field(o, 'hit_points', z.number().int().min(1).max(100000), notes);
  if (hp === undefined) {
    hp = validHitDice ? Math.min(100000, Math.max(1, Math.floor(Number(hitDiceMatch![1]) * (Number(hitDiceMatch![2]) + 1) / 2) + conBonus)) : 1;
    notes.push(`hit_points: missing; used ${hp}`);
  }

  // Saving throws: proficient values from "Saving Throw: DEX", else the ability modifier.
  const saves = {} as Record<Ability, number>;
  for (const ab of ABILITIES) saves[ab] = abilityModifier(abilities[ab]);
  const proficiencies = field(o, 'proficiencies', z.array(z.unknown()), notes) ?? [];
  for (const p of proficiencies) {
    const r = z.looseObject({ value: z.number().int(), proficiency: z.looseObject({ name: z.string() }) }).safeParse(p);
    if (!r.success) {
      notes.push(`proficiencies: ${shown(p)} could not be read`);
      continue;
    }
    const m = /^saving throw:\s*(\w+)/i.exec(r.data.proficiency.name);
    const ab = m ? abilityFromText(m[1]) : null;
    if (ab) saves[ab] = Math.max(-10, Math.min(30, r.data.value));
  }

  const phrases = (key: string) => (field(o, key, z.array(text), notes) ?? []).map(damagePhrase);
  const nonmagicalResistances: DamageType[] = [];
  const nonmagicalImmunities: DamageType[] = [];
  const resistances = mapDamageList(phrases('damage_resistances'), 'Resistance', notModelled, notes, nonmagicalResistances);
  const immunities = mapDamageList(phrases('damage_immunities'), 'Immunity', notModelled, notes, nonmagicalImmunities);
  const vulnerabilities = mapDamageList(phrases('damage_vulnerabilities'), 'Vulnerability', notModelled, notes);
  const conditionImmunities = (field(o, 'condition_immunities', z.array(z.union([text, ref])), notes) ?? [])
    .map((c) => (typeof c === 'string' ? c : c.index).toLowerCase());

  let cr = field(o, 'challenge_rating', z.number().min(0).max(30), notes);
  if (cr === undefined || (cr < 1 && ![0, 0.125, 0.25, 0.5].includes(cr)) || (cr >= 1 && !Number.isInteger(cr))) {
    if (cr !== undefined) notes.push(`challenge_rating: ${cr} is not a challenge rating; used 0`);
    else notes.push('challenge_rating: missing; used 0');
    cr = 0;
  }
  const xp = field(o, 'xp', z.number().int().min(0), notes) ?? xpForCr(cr) ?? 0;

  // Traits.
  const traits: string[] = [];
  // "The hydra has five heads": the number of bites its Multiattack makes.
  let heads: number | null = null;
  let regeneration: number | null = null;
  let legendaryResistance = 0;
  const traitTexts: Array<{ name: string; desc: string }> = [];
  const spellcastingAbilities: unknown[] = [];
  (field(o, 'special_abilities', z.array(z.unknown()), notes) ?? []).forEach((t, i) => {
    const r = namedEntry.safeParse(t);
    if (!r.success) {
      notes.push(`special_abilities[${i}]: ${shown(t)} could not be read`);
      return;
    }
    const usage = usageSchema.safeParse(r.data.usage);
    const desc = (r.data.desc ?? '').slice(0, MAX_TEXT);
    const display = /\/day|recharge/i.test(r.data.name) ? r.data.name : `${r.data.name}${usageSuffix(usage.success ? usage.data : undefined)}`;
    traits.push(display);
    if (/^legendary resistance/i.test(r.data.name)) {
      legendaryResistance = usage.success && usage.data.times ? usage.data.times : Number(/(\d+)\s*\/\s*day/i.exec(r.data.name)?.[1] ?? 3);
    }
    const headCount = /\bhas\s+(\w+)\s+heads\b/i.exec(desc);
    if (headCount) heads = countWord(headCount[1]);
    const regen = regenerationOf(r.data.name, desc);
    if (regen !== null) regeneration = regen;
    if ('spellcasting' in r.data) spellcastingAbilities.push(r.data);
    traitTexts.push({ name: display, desc });
  });
  const ctx: ReadContext = { monster: name, sourceActions: [], approximations: [], effectActions: [] };

  // Actions.
  const actions: SrdAction[] = [];
  (field(o, 'actions', z.array(z.unknown()), notes) ?? []).forEach((a, i) => {
    const r = namedEntry.safeParse(a);
    if (!r.success) notes.push(`actions[${i}]: ${shown(a)} could not be read`);
    // Stat-block texts are short; the caps keep the text patterns fast on hostile input.
    else actions.push({ raw: r.data, name: r.data.name.trim().slice(0, MAX_NAME), desc: (r.data.desc ?? '').slice(0, MAX_TEXT) });
  });
  ctx.sourceActions = actions;
  const parsed: ParsedAction[] = [];
  const multiSources: MultiattackSource[] = [];
  actions.forEach((a, i) => {
    const where = `actions[${i}] ${a.name}: `;
    if ('multiattack_type' in a.raw || 'action_options' in a.raw || /^multiattack\b/i.test(a.name)) {
      multiSources.push({ name: a.name, raw: a.raw, desc: a.desc });
      return;
    }
    if (Array.isArray(a.raw.attacks)) {
      notModelled.push(`Action: ${a.name}${usageSuffix(usageSchema.safeParse(a.raw.usage).data)} (a choice of several effects)`);
      return;
    }
    const options = field(a.raw, 'options', z.looseObject({ from: z.looseObject({ options: z.array(z.unknown()) }) }), notes, where);
    if (options) {
      // A choice of breath weapons: the first one that deals damage, as its own action.
      const choices = options.from.options.map((c) => namedEntry.safeParse(c)).filter((c) => c.success).map((c) => c.data);
      const damaging = choices.find((c) => Array.isArray(c.damage) && c.damage.length > 0);
      if (damaging) {
        const usage = a.raw.usage;
        // The text describes every option, so conditions found in it are not this option's.
        readAction({ raw: { ...damaging, usage }, name: damaging.name, desc: a.desc }, where, parsed, notModelled, notes, { effects: false }, ctx);
      }
      const rest = choices.filter((c) => c !== damaging).map((c) => c.name);
      if (rest.length > 0) notModelled.push(`Action: ${rest.join(', ')} (${damaging ? `alternative to ${damaging.name}` : a.name})`);
      return;
    }
    readAction(a, where, parsed, notModelled, notes, { effects: true }, ctx);
  });
  let plan: MultiattackPlan | null = null;
  for (const m of multiSources) {
    if (plan) {
      notes.push(`${m.name}: a second Multiattack is ignored`);
      continue;
    }
    plan = srdMultiattack(m, actions.filter((a) => !multiSources.some((s) => s.name === a.name)), parsed, heads, notModelled, notes);
  }

  // Effects the Multiattack uses beside its attacks (Frightful Presence) take the bonus action, so
  // the attacks still happen that turn.
  const besideAttacks = new Set<string>();
  for (const c of plan?.components ?? []) {
    const effect = findByName(ctx.effectActions, c.ref);
    if (effect && !parsed.some((p) => p.kind === 'attack' && p.name === effect.name)) {
      effect.slot = 'bonus';
      besideAttacks.add(effect.name);
    }
  }

  const engineActions = buildActions(parsed, plan, notModelled, notes);
  for (const effectName of besideAttacks) {
    const at = notModelled.findIndex((l) => l.startsWith(`${plan!.name}: ${effectName}`) && /not included/.test(l));
    if (at >= 0) notModelled.splice(at, 1);
  }
  // An attack whose rider takes the target's actions away (the Ghoul's claws) goes before the
  // at-will attacks that only deal damage.
  const disabling = (a: ActionSpec): boolean => a.type === 'attack' && (a.effect?.conditions ?? []).some((c) => ['paralyzed', 'stunned', 'unconscious', 'incapacitated', 'restrained'].includes(c));
  const firstAtWill = engineActions.findIndex((a) => a.uses.per === 'at-will' && a.slot === 'action');
  const rider = engineActions.findIndex((a, i) => i > firstAtWill && a.uses.per === 'at-will' && disabling(a) && !/multiattack/i.test(engineActions[firstAtWill]?.name ?? ''));
  if (firstAtWill >= 0 && rider > firstAtWill) engineActions.splice(firstAtWill, 0, ...engineActions.splice(rider, 1));
  // A Swallow (once a fight) or a limited attack that only restrains (Web) comes before the at-will
  // actions, or it would never be chosen.
  const swallowAt = engineActions.findIndex((a) => a.type === 'attack' && a.uses.per !== 'at-will'
    && (/\bswallow/i.test(a.name) || a.attacks.every((x) => x.damage === '0')));
  const atWillAt = engineActions.findIndex((a) => a.uses.per === 'at-will' && a.slot === 'action');
  if (swallowAt > atWillAt && atWillAt >= 0) engineActions.splice(atWillAt, 0, ...engineActions.splice(swallowAt, 1));

  const creature = buildCreature({
    name, hp, hpFormula, ac, abilities, saves, resistances, immunities, vulnerabilities, actions: engineActions,
  });
  if (nonmagicalResistances.length > 0) creature.nonmagicalResistances = nonmagicalResistances.filter((t) => !resistances.includes(t) && !immunities.includes(t));
  if (nonmagicalImmunities.length > 0) creature.nonmagicalImmunities = nonmagicalImmunities.filter((t) => !immunities.includes(t));
  if (creature.nonmagicalResistances?.length === 0) delete creature.nonmagicalResistances;
  if (creature.nonmagicalImmunities?.length === 0) delete creature.nonmagicalImmunities;
  const engineConditions = conditionImmunities.filter((c): c is (typeof CONDITIONS_RUN)[number] => (CONDITIONS_RUN as readonly string[]).includes(c));
  if (engineConditions.length > 0) creature.traits = { conditionImmunities: engineConditions };

  // Traits, now that the attacks they change are known.
  const traitLines = { approximations: ctx.approximations, gaps: notModelled };
  for (const t of traitTexts) applyTrait({ creature, effectActions: ctx.effectActions, monsterName: name }, t.name, t.desc, traitLines);
  if (creature.traits && Object.keys(creature.traits).length === 0) delete creature.traits;

  // Spellcasting: read by the spellcasting module into spell actions, reactions and slots.
  let spellsRun = false;
  const spellContext = {
    ac, dexterity: abilities.dex, armorClass: acField, abilityScores: abilities, counterspell: true,
    seesInMagicalDarkness: /truesight/i.test(JSON.stringify(o.senses ?? '')) || traitTexts.some((t) => /^devil's sight/i.test(t.name)),
    ...shillelaghOf(actions, creature.actions),
  };
  for (const ability of spellcastingAbilities) {
    const spells = monsterSpellcasting(ability, cr, spellContext);
    const traitName = isObj(ability) && typeof ability.name === 'string' ? ability.name : 'Spellcasting';
    if (!spells) {
      notModelled.push(`Trait: ${traitName} (its spells could not be read)`);
      continue;
    }
    // No spell that matters in a fight (Detect Evil and Good, Commune): nothing to run.
    if (spells.modelled.length === 0 && spells.notModelled.length === 0) continue;
    spellsRun = true;
    creature.actions.push(...spells.actions);
    if (spells.effectActions.length > 0) ctx.effectActions.push(...spells.effectActions);
    // Written with its uses, as the scenario format fills them in (absent means at will).
    if (spells.reactions.length > 0) creature.reactions = [...(creature.reactions ?? []), ...spells.reactions.map((r) => ({ ...r, uses: r.uses ?? { per: 'at-will' as const } }))];
    if (spells.spellSlots) creature.spellSlots = spells.spellSlots;
    if (spells.casterLevel !== null) creature.level = spells.casterLevel;
    if (spells.acWithPrecastSpells !== null) creature.ac = spells.acWithPrecastSpells;
    if (spells.precastEffects.length > 0) creature.effects = [...(creature.effects ?? []), ...spells.precastEffects];
    const shillelagh = spellContext.shillelagh;
    if (shillelagh && spells.modelled.includes('Shillelagh')) {
      // The weapon attack with the spell's numbers: the lines about its other damage no longer apply.
      creature.actions = creature.actions.map((a) => (a.type === 'attack' && a.name === shillelagh.weapon
        ? { ...a, attacks: a.attacks.map((x, k) => (k === 0 ? { ...x, toHit: shillelagh.toHit, damage: shillelagh.damage } : x)) } : a));
      for (let k = notModelled.length - 1; k >= 0; k--) if (notModelled[k].startsWith(`${shillelagh.weapon}: `)) notModelled.splice(k, 1);
    }
    notModelled.push(...spells.notModelled);
  }
  if (spellsRun) creature.tactics = 'auto';
  // It fights with its spell AC (Mage Armor cast before the fight): that line no longer applies.
  if (creature.ac !== ac) {
    const at = notModelled.findIndex((l) => l.startsWith(`AC ${creature.ac} with `));
    if (at >= 0) notModelled.splice(at, 1);
  }

  // Reactions.
  for (const r of field(o, 'reactions', z.array(z.unknown()), notes) ?? []) {
    const n = namedEntry.safeParse(r);
    if (!n.success) continue;
    const parry = /^parry/i.test(n.data.name) ? /adds\s+(\d+)\s+to its AC/i.exec(n.data.desc ?? '') : null;
    if (parry) {
      creature.reactions = [...(creature.reactions ?? []), { kind: 'parry', acBonus: Number(parry[1]), uses: { per: 'at-will' } } satisfies ReactionSpec];
      continue;
    }
    // A shriek that only calls others: nothing in the fight.
    if (/^shriek$/i.test(n.data.name)) continue;
    if (/^rock catching$/i.test(n.data.name)) {
      ctx.approximations.push('Rock Catching: characters do not hurl rocks or similar objects at it, so it is not used');
      continue;
    }
    notModelled.push(leftOut('Reaction', n.data.name, n.data.desc ?? ''));
  }

  // Legendary actions: each one the attack, save or effect it describes.
  const legendaryEntries = (field(o, 'legendary_actions', z.array(z.unknown()), notes) ?? [])
    .map((l) => namedEntry.safeParse(l))
    .filter((l) => l.success)
    .map((l) => l.data);
  const legendaryActions = legendaryEntries.map((l) => usesFromName(l.name)).map((u) => ({ name: u.name, cost: u.cost ?? 1 }));
  let legendary: LegendaryInfo | null = null;
  if (legendaryActions.length > 0 || legendaryResistance > 0) {
    legendary = { actionsPerRound: legendaryActions.length > 0 ? 3 : 0, resistancePerDay: legendaryResistance, actions: legendaryActions };
  }
  const runnable: LegendaryActionSpec[] = [];
  legendaryEntries.forEach((l, i) => {
    const { cost } = legendaryActions[i];
    const action = legendaryAction(l, legendaryActions[i].name, creature.actions, ctx, notModelled, notes);
    if (action) runnable.push({ cost, action });
  });
  if (legendary) {
    creature.legendary = { perRound: legendary.actionsPerRound, resistances: legendary.resistancePerDay, actions: orderLegendary(runnable) };
  }
  if (ctx.effectActions.length > 0) {
    creature.effectActions = ctx.effectActions.map((e) => ({ ...e, position: Math.min(e.position ?? 0, creature.actions.length) }));
  }

  const unknown = Object.keys(o).filter((k) => !SRD_FIELDS.has(k));
  if (unknown.length > 0) notes.push(`fields not used: ${unknown.join(', ')}`);

  // A stat block with no actions at all (a frog, a shrieker) runs as written: it only takes hits.
  if (creature.actions.length === 0 && !creature.effectActions?.length && actions.length > 0) notModelled.push('No action the engine can run: the monster only takes hits');
  const simulated = keepSimulatable(creature, notes);
  const fidelity = splitFidelity(notModelled, ctx.approximations);

  const entry: CompendiumMonster = {
    id, name, size, type, subtype, cr, crText: crToText(cr), xp, ac, hp, hitDice, abilities, saves,
    resistances, immunities, vulnerabilities, conditionImmunities, legendary, traits, regeneration,
    ...fidelity, creature: simulated,
  };
  return { entry, notes };
}
