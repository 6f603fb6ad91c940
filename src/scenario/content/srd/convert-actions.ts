// Converting an SRD API monster's actions (convert.ts): each action's attack, save, heal or effect
// with the rider its text describes, and the structured or written Multiattack.

import { z } from 'zod';
import type { ActionSpec, EffectAction, SaveSpec } from '../../../engine/index.ts';
import { OUTSIDE_THE_FIGHT, riderOf, saveIn, type Rider } from './features.ts';
import { readMultiattack } from './multiattack.ts';
import {
  ABILITY_NAMES, abilityFromText, circumstanceOf, damageMentions, effectsIn, findByName, hitText, meanOf, normaliseDice, onlySometimes,
  saveMention, saveTargets, stripTags, asDamageType, AREA_TARGETS, type DamagePart, type MultiattackPlan, type ParsedAction,
  type ParsedRider, isObj, type Obj, shown,
} from './stat-block.ts';
import { damageEntry, damagePart, dcSchema, field, leftOut, srdUses, usageSchema, type SrdAction } from './convert-fields.ts';

/** The weapon attack printed with Shillelagh's numbers ("+2 to hit (+4 to hit with shillelagh) ... or 6 (1d8 + 2) ... with shillelagh"), if one is. */
export function shillelaghOf(source: SrdAction[], engineActions: ActionSpec[]): { shillelagh?: { weapon: string; toHit: number; damage: string } } {
  for (const a of source) {
    const toHit = /\(\+(\d+) to hit with shillelagh\)/i.exec(a.desc);
    const damage = /\((\d+d\d+(?:\s*[+-]\s*\d+)?)\)\s+[a-z]+\s+damage with shillelagh/i.exec(a.desc);
    const attack = findByName(engineActions, a.name);
    const dice = damage ? normaliseDice(damage[1]) : null;
    if (toHit && dice && attack?.type === 'attack') return { shillelagh: { weapon: attack.name, toHit: Number(toHit[1]), damage: dice } };
  }
  return {};
}

/** What reading the actions collects beside the parsed actions. */
export interface ReadContext {
  monster: string;
  /** Names of every action of the stat block, run or not. */
  sourceActions: Array<{ name: string }>;
  approximations: string[];
  effectActions: EffectAction[];
}

// Actions that do nothing a stand-up fight can show (moving, changing form, reading minds).
const NEUTRAL_ACTIONS = /^(?:change shape|teleport|etherealness|ethereal stride|invisible passage|read thoughts|heart sight|detect|move|shapechange|animate chains|create whirlwind|darkness aura|phantasms|nightmare haunting|possession|leadership|wall of ice|enlarge|flying sword|illusory appearance|ink cloud|reel)\b/i;

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
export function readAction(
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

export interface MultiattackSource {
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
export function srdMultiattack(
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
