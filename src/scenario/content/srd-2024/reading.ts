// What reading one SRD 5.2 stat block collects, and the small readers every kind of action shares:
// uses (recharge, per day), the effect a hit or a failed save inflicts, and the actions that change
// nothing in a stand-up fight. Kept apart so the attack, save, trait and legendary readers agree on
// one record and one way of turning effect text into the engine's riders.

import type { Condition, EffectAction, EffectSpec, SaveSpec, Uses } from '../../../engine/index.ts';
import { OUTSIDE_THE_FIGHT, riderOf, type Rider } from '../srd/features.ts';
import { effectsIn, saveMention, type ParsedAction } from '../srd/stat-block.ts';
import type { Srd2024Action } from './source.ts';
import type { SpellList } from './spells.ts';
import { plainText } from './text.ts';

/** What reading the stat block collects. */
export interface Reading {
  monster: string;
  approximations: string[];
  /** Lines for the gaps (and the few approximations in the 5.1 forms, sorted out by splitFidelity). */
  lines: string[];
  notes: string[];
  effectActions: EffectAction[];
  /** Effects always on the creature (advantage against hurt targets). */
  permanent: EffectSpec[];
  /** Attacks whose rider needs a charge first ("moved 20+ feet straight toward it immediately before the hit"). */
  chargeRiders: string[];
  /** It has blindsight or truesight reaching 15 feet (sees in its own magical darkness). */
  blindsight: boolean;
  /** Save actions, by name, whose failure at low hit points drops or kills outright (a solar's Slaying Bow). */
  slays?: Map<string, { hp: number; dies: boolean }>;
}

/** Actions that change nothing in a stand-up fight as the simulation runs it (moving, changing shape, senses). */
const NEUTRAL = /^(?:the [\w' -]+? (?:takes the (?:dash|disengage|hide)|teleports|moves|jumps|shape-shifts|swims|flies|can teleport)|if within 5 feet of a large|while (?:underwater|in dim light|on the ethereal)|the [\w' -]+? (?:sets itself ablaze|emits a shriek|releases ink|uses teleport|pulls one creature))/i;
const NEUTRAL_NAMES = /^(?:shape-shift|change shape|read thoughts|etherealness|ethereal jaunt|teleport|leap|tree stride|ignited illumination|hasten|bubble dash|aquatic charge|charge|shriek|ink cloud|pursuit|swoop|reel)\b/i;

export function isNeutral(a: Srd2024Action): boolean {
  const text = plainText(a.desc);
  return (NEUTRAL.test(text) || NEUTRAL_NAMES.test(a.name)) && !/saving throw|attack roll|\bdamage\b/i.test(text.replace(/^.*?\bor it returns\b.*$/i, ''));
}

export interface Parsed {
  parsed: ParsedAction[];
  multiattack: Srd2024Action | null;
  spells: Array<{ action: Srd2024Action; list: SpellList; slot: 'action' | 'bonus' }>;
  /** Rampage: a bonus-action attack named by the text, read once every attack is known. */
  rampages: Array<{ action: Srd2024Action; attack: string; uses: Uses }>;
}

export function usesOf(a: Srd2024Action, r: Reading): Uses {
  switch (a.usesType) {
    case null: return { per: 'at-will' };
    case 'RECHARGE_ON_ROLL':
    case 'RECHARGE':
      if (a.usesParam !== null && a.usesParam >= 2 && a.usesParam <= 6) return { per: 'recharge', min: a.usesParam };
      if (/short-or-long-rest|short or long rest/i.test(`${a.key} ${a.name}`)) return { per: 'short-rest', count: 1 };
      if (/long-rest|long rest/i.test(`${a.key} ${a.name}`)) return { per: 'long-rest', count: 1 };
      r.notes.push(`${a.name}: recharge ${String(a.usesParam)} could not be read; used recharge 6`);
      return { per: 'recharge', min: 6 };
    case 'PER_DAY':
      return { per: 'long-rest', count: Math.min(100, Math.max(1, a.usesParam ?? 1)) };
    default:
      r.notes.push(`${a.name}: uses "${a.usesType}" not known; used once per encounter`);
      return { per: 'encounter', count: 1 };
  }
}

export const EFFECTS_OUTSIDE = new Set(['disease', 'curse', 'moves the target', 'teleports', 'deafens']);
const EFFECTS_AS_CONDITIONS: Record<string, Condition> = {
  'knocks prone': 'prone', restrains: 'restrained', poisons: 'poisoned', paralyzes: 'paralyzed', frightens: 'frightened', stuns: 'stunned',
  blinds: 'blinded', charms: 'charmed', incapacitates: 'incapacitated', 'knocks unconscious': 'unconscious',
};

/** The effect a hit or a failed save inflicts, with a line for each thing it does that is not run. */
export function readRider(name: string, text: string, fallback: SaveSpec | null, r: Reading): Rider | null {
  // "until the start of the devil's next turn": one round, as the engine counts rounds at the start of the source's turns.
  const text2014 = text.replace(/until the start of the (?!target's|creature's)[a-z' -]+?'s next turn/gi, 'for 1 round');
  const rider = riderOf(`${r.monster} ${name}`, name, text2014, fallback);
  if (rider) {
    r.approximations.push(...rider.approximations);
    r.lines.push(...rider.gaps);
    const exempt = /that isn't an? ([A-Za-z]+(?: or [a-z]+)?)/.exec(text2014);
    if (exempt && rider.effect.conditions?.length) r.approximations.push(`${name}: every target can be affected (the exemption of ${exempt[1]} is not checked)`);
  }
  const covered = new Set<string>(rider?.effect.conditions ?? []);
  let exhausting: Rider | null = null;
  for (const label of effectsIn(text2014)) {
    if (EFFECTS_OUTSIDE.has(label)) continue;
    const condition = EFFECTS_AS_CONDITIONS[label];
    if (condition && covered.has(condition)) continue;
    if ((label === 'grapples' || label === 'restrains') && rider) continue;
    if (label === 'reduces hit point maximum') {
      r.approximations.push(`${name}: the damage is dealt; the lower hit point maximum only matters to later healing and is not tracked`);
      continue;
    }
    if (label === 'prevents healing' && OUTSIDE_THE_FIGHT.test(text2014)) continue;
    // "While Poisoned, the target can't regain Hit Points": the engine's preventsHealing on the same effect.
    if (label === 'prevents healing' && rider && /(?:while (?:poisoned|it is poisoned)|until this poison ends), the target can't regain hit points/i.test(text2014)) {
      rider.effect.preventsHealing = true;
      continue;
    }
    if (label === 'sets on fire' && rider?.effect.turnDamage) continue;
    if ((label === 'petrifies' || label === 'swallows') && rider) continue;
    // Engulfed: run as restrained with the damage each turn (the escape is the repeated save).
    if (label === 'engulfs' && rider?.effect.turnDamage && covered.has('restrained')) {
      if (/suffocat/i.test(text2014)) r.approximations.push(`${name}: suffocating inside is left out (a creature holds its breath for at least a minute, longer than most fights)`);
      continue;
    }
    if (label === 'exhaustion') {
      // "The target gains 1 Exhaustion level": the engine's 2024 exhaustion, levels kept for the day.
      const gained = /gains (\d+|one|two) exhaustion levels?/i.exec(text2014);
      const levels = gained ? (Number(gained[1]) || (gained[1].toLowerCase() === 'two' ? 2 : 1)) : 0;
      if (levels > 0 && rider) rider.effect.exhaustion = levels;
      else if (levels > 0) exhausting = { effect: { name: `${r.monster} ${name}`, duration: { kind: 'target-turn-start' }, exhaustion: levels }, ...(fallback && { save: fallback }), approximations: [], gaps: [] };
      else r.lines.push(`${name}: exhaustion`);
      continue;
    }
    const save = saveMention(text2014);
    r.lines.push(`${name}: ${label}${save ? ` (${save})` : ''}`);
  }
  return rider && (rider.effect.conditions?.length || rider.effect.turnDamage || rider.effect.exhaustion) ? rider : exhausting;
}
