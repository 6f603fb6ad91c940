// Converts one SRD 5.2 creature (the Open5e export, joined by source.ts) into a compendium entry:
// the game facts of its stat block and a CreatureSpec the engine runs. The 2024 stat blocks are
// regular text, so the actions are read from it (attack rolls, saving-throw effects with their
// conditions and repeated saves, Multiattack, recharge and per-day uses, bonus actions, reactions,
// legendary actions, spellcasting); the attack table's numbers back the text up. The shared SRD 5.1
// helpers build the engine's actions, riders and traits, so both editions run the same way. What is
// run by a stated rule goes into `approximations`, what is not run into `notModelled`; description
// prose never reaches the output.

import {
  ABILITIES, CONDITIONS, type Ability, type ActionSpec, type AttackAction, type Condition, type CreatureActionSpec, type DamageType,
  type EffectAction, type EffectSpec, type LegendaryActionSpec, type ReactionSpec, type SaveSpec, type Uses,
} from '../../../engine/index.ts';
import { OUTSIDE_THE_FIGHT, riderOf, splitFidelity, swallowRiderOf, type Rider } from '../srd/features.ts';
import { readMultiattack } from '../srd/multiattack.ts';
import {
  abilityModifier, asDamageType, buildActions, buildCreature, circumstanceOf, crToText, damageMentions, effectsIn,
  findByName, hpFormulaOrNull, keepSimulatable, meanOf, normaliseDice, onlySometimes, saveMention, saveTargets, xpForCr,
  type DamagePart, type MultiattackPlan, type ParsedAction,
} from '../srd/stat-block.ts';
import { applyTrait } from '../srd/traits.ts';
import type { CompendiumMonster, ImportedMonster, LegendaryInfo } from '../srd/types.ts';
import type { Srd2024Action, Srd2024Attack, Srd2024Creature } from './source.ts';
import { buildSpells, readSpellList, type BuiltSpells, type CasterContext, type SpellList } from './spells.ts';
import { as2014Wording, plainText, readAttackRoll, readSavingThrow, type AttackRoll } from './text.ts';

const ABILITY_FIELDS: Record<Ability, string> = {
  str: 'strength', dex: 'dexterity', con: 'constitution', int: 'intelligence', wis: 'wisdom', cha: 'charisma',
};

/** Legendary action uses per round: the export leaves the stat block's "Legendary Action Uses" out; the SRD 5.2 gives 3 outside a lair. */
export const LEGENDARY_USES_ASSUMED = 3;

const CR_VALUES = new Set([0, 0.125, 0.25, 0.5, ...Array.from({ length: 30 }, (_, i) => i + 1)]);

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** What reading the stat block collects. */
interface Reading {
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
}

// ------------------------------------------------------------------ uses

function usesOf(a: Srd2024Action, r: Reading): Uses {
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

// ------------------------------------------------------------------ riders

const EFFECTS_OUTSIDE = new Set(['disease', 'curse', 'moves the target', 'teleports', 'deafens']);
const EFFECTS_AS_CONDITIONS: Record<string, Condition> = {
  'knocks prone': 'prone', restrains: 'restrained', poisons: 'poisoned', paralyzes: 'paralyzed', frightens: 'frightened', stuns: 'stunned',
  blinds: 'blinded', charms: 'charmed', incapacitates: 'incapacitated', 'knocks unconscious': 'unconscious',
};

/** The effect a hit or a failed save inflicts, with a line for each thing it does that is not run. */
function readRider(name: string, text: string, fallback: SaveSpec | null, r: Reading): Rider | null {
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
      r.lines.push(`${name}: exhaustion`);
      continue;
    }
    const save = saveMention(text2014);
    r.lines.push(`${name}: ${label}${save ? ` (${save})` : ''}`);
  }
  return rider && (rider.effect.conditions?.length || rider.effect.turnDamage) ? rider : null;
}

// ------------------------------------------------------------------ attacks

/** The dice of an attack table part: "2d6+5". */
function tableDice(count: number | null, die: string | null, bonus: number | null): string | null {
  const d = die ? /^D(\d+)$/i.exec(die) : null;
  if (count === null || !d) return bonus !== null && bonus > 0 ? String(bonus) : null;
  return normaliseDice(`${count}d${d[1]}${bonus ? (bonus > 0 ? `+${bonus}` : `${bonus}`) : ''}`);
}

/** Damage parts of a hit: the text's, else the attack table's (whose main type sits in extra_damage_type when damage_type is null). */
function hitParts(name: string, hit: string, table: Srd2024Attack | undefined, r: Reading): DamagePart[] {
  // "8 (1d8 + 4) Piercing damage-or 6 (1d4 + 4) Piercing damage if the swarm is Bloodied-plus 10 (3d6) Poison damage"
  // or "...Piercing damage-or 12 (2d8 + 3) Piercing damage if the target is Grappled by the mimic-plus 4 (1d8) Acid damage".
  const bloodied = /\s*-\s*or (\d+ \((\d+d\d+(?:\s*[+-]\s*\d+)?)\)) ([a-z]+) damage (if [^-]+?)\s*-\s*(?=plus\b)/i.exec(hit);
  if (bloodied) {
    const when = /is bloodied$/i.test(bloodied[4]) ? 'at half hit points or fewer' : 'as an alternative';
    r.lines.push(`${name}: ${normaliseDice(bloodied[2]) ?? bloodied[2]} ${bloodied[3].toLowerCase()} damage ${when}`);
  }
  const firstSentence = (bloodied ? hit.replace(bloodied[0], ' ') : hit).split(/\.(?:\s|$)/)[0];
  const mentions = damageMentions(firstSentence);
  const parts: DamagePart[] = [];
  let previousEnd = -1;
  for (const m of mentions) {
    const type = asDamageType(m.typeText);
    if (!type) continue;
    if (previousEnd < 0) {
      parts.push({ dice: m.dice, type });
      previousEnd = m.end;
      continue;
    }
    const gap = firstSentence.slice(previousEnd, m.start);
    previousEnd = m.end;
    if (/^\s*,?\s*(?:plus|and)\s*$/i.test(gap) && !onlySometimes(firstSentence, m.end)) {
      parts.push({ dice: m.dice, type });
      continue;
    }
    const circumstance = /^\s*,?\s*or\b/i.test(gap) ? (/two hands/i.test(firstSentence.slice(m.end, m.end + 40)) ? 'if used with two hands' : 'as an alternative') : circumstanceOf(firstSentence, m);
    if (/advantage/i.test(firstSentence.slice(m.end, m.end + 60))) r.lines.push(`${name}: ${m.dice} ${m.typeText} damage if the attack roll had advantage`);
    else r.lines.push(`${name}: ${m.dice} ${m.typeText} damage ${circumstance}`);
  }
  if (parts.length === 0 && table) {
    const dice = tableDice(table.dieCount, table.dieType, table.bonus);
    const type = asDamageType(table.damageType ?? table.extraDamageType ?? '');
    if (dice && type) {
      parts.push({ dice, type });
      r.notes.push(`${name}: damage read from the attack table (${dice} ${type})`);
    }
  }
  // Check the text against the table: the first part's dice should be the table's.
  if (table && parts.length > 0) {
    const dice = tableDice(table.dieCount, table.dieType, table.bonus);
    if (dice && dice !== parts[0].dice) r.notes.push(`${name}: the text says ${parts[0].dice}, the attack table ${dice}; used the text`);
  }
  return parts;
}

function readAttack(a: Srd2024Action, roll: AttackRoll, slot: 'action' | 'bonus', uses: Uses, parsed: ParsedAction[], r: Reading): void {
  const parts = hitParts(a.name, roll.hit, a.attacks[0], r);
  if (parts.length === 0) {
    // An attack that only grapples or knocks prone: its effect on a hit.
    const rider = readRider(a.name, as2014Wording(roll.hit), null, r);
    // Poisoned "until the grapple ends" (a roper's tentacle): the escape DC as a Strength save at the end of each of its turns.
    const held = rider ? /grappled \(escape DC (\d+)\)[^.]*?, and the target (?:is|has the) (\w+)(?: condition)? until the grapple ends/i.exec(as2014Wording(roll.hit)) : null;
    if (rider && held && !rider.save) {
      const dc = Number(held[1]);
      const at = r.approximations.indexOf(`${a.name}: ${rider.effect.conditions?.join(', ')} lasts the fight (no duration given)`);
      if (at >= 0) r.approximations.splice(at, 1);
      r.approximations.push(`${a.name}: an attack with no damage; ${held[2].toLowerCase()} while grappled, run as a DC ${dc} Strength save to avoid it and again at the end of each of the target's turns to escape`);
      parsed.push({
        kind: 'attack', name: a.name, toHit: roll.toHit, parts: [{ dice: '0', type: 'bludgeoning' }], reach: roll.reach, uses, slot,
        effect: { ...rider.effect, duration: { kind: 'encounter' }, saveEnds: true }, effectSave: { ability: 'str', dc },
      });
      return;
    }
    if (rider) {
      r.lines.push(`Action: ${a.name} (an attack with no damage; its effect is not run)`);
      return;
    }
    r.lines.push(`Action: ${a.name} (no damage the engine can run)`);
    return;
  }
  if (/doesn't have all its hit points/i.test(roll.bonusNote)) {
    // As the SRD 5.1 converter reads Blood Frenzy: the targets are assumed hurt already.
    const creatureEffect = `${r.monster} ${a.name} against the hurt`;
    r.permanent.push({ name: creatureEffect, duration: { kind: 'encounter' }, attacksBy: 'advantage' });
    r.approximations.push(`${a.name}: advantage on every attack (its targets are assumed to be hurt already)`);
  } else if (roll.bonusNote) r.lines.push(`${a.name}: ${roll.bonusNote.replace(/^\(|\)$/g, '').toLowerCase()} is not counted`);
  if (roll.both) r.approximations.push(`${a.name}: melee or ranged, run as melee`);
  const rest = roll.hit.split(/\.(?:\s|$)/).slice(1).join('. ');
  const hitSentence = roll.hit.split(/\.(?:\s|$)/)[0];
  // "and the target has the Prone condition" in the damage sentence, or a rider after it.
  const riderText = as2014Wording(`${hitSentence.replace(/^[^,]*damage(?:,| plus [^,]*damage,?)?/i, '')}. ${rest}`);
  const rider = /\bswallow/i.test(riderText) ? (r.lines.push(`${a.name}: swallowing`), null) : readRider(a.name, riderText, null, r);
  const charge = rider?.effect.conditions?.includes('prone') ? /moved (\d+)\+? feet straight toward it immediately before the hit/i.exec(riderText) : null;
  if (charge && uses.per === 'at-will') {
    r.chargeRiders.push(a.name);
    r.approximations.push(`${a.name}: the charge (${charge[1]} feet straight toward the target first) is assumed once, the first time it attacks; later hits do not knock prone`);
  } else if (charge) r.approximations.push(`${a.name}: the charge (${charge[1]} feet straight toward the target first) is assumed each time it is used`);
  // "(with Advantage if the target is Grappled by the ankheg)" on an attack that grapples on its own hit.
  const ownGrapple = !rider && /with advantage if the target is grappled by/i.test(roll.bonusNote) ? /grappled \(escape DC (\d+)\)/i.exec(riderText) : null;
  if (ownGrapple) {
    const dc = Number(ownGrapple[1]);
    const gap = r.lines.indexOf(`${a.name}: ${roll.bonusNote.replace(/^\(|\)$/g, '').toLowerCase()} is not counted`);
    if (gap >= 0) r.lines.splice(gap, 1);
    const movementOnly = r.approximations.findIndex((l) => l.startsWith(`${a.name}: grapples (escape DC`));
    if (movementOnly >= 0) r.approximations.splice(movementOnly, 1);
    r.approximations.push(`${a.name}: its grapple (escape DC ${dc}) is run as advantage on attacks against the grappled creature (everyone's, not only the ${r.monster.toLowerCase()}'s), `
      + `with a DC ${dc} Strength save to avoid it and again at the end of each of the target's turns to escape`);
  }
  parsed.push({
    kind: 'attack', name: a.name, toHit: roll.toHit, parts, reach: roll.reach, uses, slot,
    ...(rider && { effect: rider.effect, ...(rider.save && { effectSave: rider.save }) }),
    ...(ownGrapple && {
      effect: { name: `${r.monster} ${a.name}`, duration: { kind: 'encounter' as const }, attacksAgainst: 'advantage' as const, saveEnds: true },
      effectSave: { ability: 'str' as const, dc: Number(ownGrapple[1]) },
    }),
  });
}

// ------------------------------------------------------------------ saving throws

/** How many enemies an effect catches: all of them for "each creature of its choice within 120 feet". */
function targetsOf(name: string, targetText: string, r: Reading): number {
  const t = targetText.toLowerCase();
  const range = /within (\d+) (?:feet|ft)/.exec(t);
  if (/each creature|every creature|each enemy|creatures of (?:its|the [a-z ]+'s) choice/.test(t) && !/cone|line|sphere|cube|cylinder|emanation/.test(t) && range && Number(range[1]) >= 60) return 50;
  const lines: string[] = [];
  const n = saveTargets(name, targetText, lines);
  r.approximations.push(...lines);
  return n;
}

function readSave(a: Srd2024Action, slot: 'action' | 'bonus', uses: Uses, parsed: ParsedAction[], r: Reading): boolean {
  const read = readSavingThrow(a.desc);
  if (!read) return false;
  // "damage of the type chosen for the Draconic Origin trait" (the half-dragon): the DM's choice, taken as fire.
  const chosen = /damage of the type chosen for the ([\w' -]+?) trait/i.exec(read.failure);
  const st = chosen ? { ...read, failure: read.failure.replace(chosen[0], 'Fire damage') } : read;
  if (chosen) r.approximations.push(`${a.name}: fire damage, for the type the ${chosen[1]} trait leaves to the DM`);
  const save: SaveSpec = { ability: st.ability, dc: st.dc };
  const failureSentence = st.failure.split(/\.(?:\s|$)/)[0];
  const mentions = damageMentions(failureSentence);
  const parts: DamagePart[] = [];
  mentions.forEach((m, i) => {
    const type = asDamageType(m.typeText);
    if (!type) return;
    if (i === 0 || /^\s*,?\s*(?:plus|and)\s*$/i.test(failureSentence.slice(mentions[i - 1].end, m.start))) parts.push({ dice: m.dice, type });
    else r.lines.push(`${a.name}: ${m.dice} ${m.typeText} damage ${circumstanceOf(failureSentence, m)}`);
  });
  // Damage written in a later sentence of the failure ("at the start of each of its turns") is the rider's.
  const half = /half damage|half as much damage/i.test(st.success);
  const riderText = as2014Wording(`DC ${st.dc} ${st.ability} saving throw. ${st.failure.slice(parts.length > 0 ? failureSentence.length : 0)}`)
    .replace(/DC (\d+) (\w{3}) saving throw/, (_m, dc: string, ab: string) => `DC ${dc} ${({ str: 'Strength', dex: 'Dexterity', con: 'Constitution', int: 'Intelligence', wis: 'Wisdom', cha: 'Charisma' } as Record<string, string>)[ab]} saving throw`);
  if (/\bswallow/i.test(a.desc)) {
    const rider = swallowRider(a.name, st.failure, save, r);
    if (!rider) {
      r.lines.push(`${a.name}: swallowing`);
      return true;
    }
    const capacity = /up to (\w+) creatures swallowed/i.exec(st.targets)?.[1];
    r.approximations.push(`${a.name}: once a fight, as its first ${slot === 'bonus' ? 'bonus action' : 'action'}; the grapple it needs is assumed${capacity ? `, and one creature is swallowed (of the ${capacity} it can hold)` : ''}`);
    const once: Uses = { per: 'encounter', count: 1 };
    if (parts.length > 0) parsed.push({ kind: 'save', name: a.name, dc: st.dc, ability: st.ability, parts, onSuccess: half ? 'half' : 'none', targets: 1, uses: once, slot, effect: rider.effect });
    else {
      r.effectActions.push({
        type: 'effect', name: a.name, slot, uses: once, condition: 'always', target: 'enemies', enemyTargeting: 'highest-damage', targets: 1, effect: rider.effect, save, position: 0,
      });
    }
    return true;
  }
  // What the target learns (a sprite's Heart Sight) changes nothing in a fight.
  if (/^The [\w' -]+? knows the target's [^.]*\.?$/i.test(plainText(st.failure)) && parts.length === 0) return true;
  const either = effectsIn(as2014Wording(st.either)).filter((e) => !EFFECTS_OUTSIDE.has(e));
  if (either.length > 0 && either.every((e) => e === 'reduces hit point maximum')) {
    r.approximations.push(`${a.name}: the damage is dealt; the lower hit point maximum only matters to later healing and is not tracked`);
  } else if (either.length > 0) r.lines.push(`${a.name}: ${effectsIn(as2014Wording(st.either)).join(', ')} on a failure or a success`);
  const heldBy = /one creature (charmed|grappled) by the [\w' -]+?(?: within|$)/i.exec(st.targets);
  if (heldBy) r.approximations.push(`${a.name}: its target is assumed ${heldBy[1].toLowerCase()} by it (whether one is, is not checked)`);
  if (/\bthat has the prone condition/i.test(st.targets) && slot === 'bonus' && parts.length > 0 && r.chargeRiders.length > 0) {
    // Trample: the bonus action against the creature its charge knocked prone.
    parsed.push({ kind: 'save', name: a.name, dc: st.dc, ability: st.ability, parts, onSuccess: half ? 'half' : 'none', targets: 1, uses: { per: 'encounter', count: 1 }, slot });
    r.approximations.push(`${a.name}: once a fight, as a bonus action, against the creature its charging ${r.chargeRiders[0]} is assumed to have knocked prone (whether the ${r.chargeRiders[0]} hit is not checked)`);
    return true;
  }
  if (/\bonly if|\bthat has the prone condition|that is (?:charmed|grappled)|has 0 hit points/i.test(st.targets)) {
    r.lines.push(`Action: ${a.name} (only against a target that ${/prone/i.test(st.targets) ? 'is prone' : /0 hit points/i.test(st.targets) ? 'has 0 hit points' : 'it already holds'})`);
    return true;
  }
  if (/Second Failure/i.test(a.desc)) r.approximations.push(`${a.name}: the first failure's effect is run, with the repeated save; what a second failure adds is not`);
  if (parts.length > 0) {
    const targets = targetsOf(a.name, st.targets, r);
    const rider = readRider(a.name, riderText, save, r);
    parsed.push({
      kind: 'save', name: a.name, dc: st.dc, ability: st.ability, parts, onSuccess: half ? 'half' : 'none', targets, uses, slot,
      ...(rider && { effect: rider.effect }),
    });
    return true;
  }
  const rider = readRider(a.name, riderText, save, r);
  if (rider && rider.save) {
    const targets = targetsOf(a.name, st.targets, r);
    const charmOnly = rider.effect.conditions?.every((c) => c === 'charmed') ?? false;
    r.effectActions.push({
      type: 'effect', name: a.name, slot, uses, condition: 'always', target: 'enemies', enemyTargeting: 'highest-damage', targets,
      effect: rider.effect, save: rider.save, ...(charmOnly && { position: 1000 }),
    });
    if (charmOnly) r.approximations.push(`${a.name}: used only when no other action is (being charmed changes nothing in the simulation)`);
    return true;
  }
  if (!rider && readBreathOption(a, st.targets, st.failure, save, r)) return true;
  if (!rider && effectsIn(riderText).length === 0) r.lines.push(`Action: ${a.name} (its effect is not run)`);
  return true;
}

/**
 * The metallic dragons' second breaths, which their Multiattack lets them use in place of one Rend.
 * Weakening Breath (disadvantage on Strength-based D20 Tests and a die off damage rolls, save ends):
 * run as disadvantage on all the target's attack rolls, save ends, once a fight beside the attacks.
 * Slowing Breath (no reactions, half Speed, an action or a Bonus Action): the engine tracks none of
 * these, so the dragon makes its attacks instead, as the option allows; both stated.
 */
function readBreathOption(a: Srd2024Action, targetText: string, failure: string, save: SaveSpec, r: Reading): boolean {
  const text = plainText(failure);
  const weakening = /disadvantage on strength-based d20 tests? and subtracts \d+ \((\d+d\d+)\) from its damage rolls/i.exec(text);
  if (weakening && /repeats the save at the end of each of its turns/i.test(text)) {
    const targets = targetsOf(a.name, targetText, r);
    r.effectActions.push({
      type: 'effect', name: a.name, slot: 'bonus', uses: { per: 'encounter', count: 1 }, condition: 'always', target: 'enemies', enemyTargeting: 'highest-damage', targets,
      effect: { name: `${r.monster} ${a.name}`, duration: { kind: 'rounds', rounds: 10 }, attacksBy: 'disadvantage', saveEnds: true }, save,
    });
    r.approximations.push(`${a.name}: run as disadvantage on all the target's attack rolls until it saves (repeated at the end of its turns, 1 minute at most), in place of `
      + `disadvantage on its Strength-based D20 Tests and ${weakening[1]} off its damage rolls (the engine has neither): harsher on finesse, ranged and spell attacks, `
      + `milder on spell damage and Strength saves; used once a fight beside its full Multiattack, where the stat block has it replace one attack`);
    return true;
  }
  if (/can't take reactions/i.test(text) && /either an action or a bonus action/i.test(text)) {
    r.approximations.push(`${a.name}: not used; the Multiattack's option to replace an attack with it is left aside, as with other such options, because the engine `
      + `runs none of its effects (no reactions, half Speed, an action or a Bonus Action but not both, until the end of the target's next turn)`);
    return true;
  }
  return false;
}

/**
 * Being swallowed, as the SRD 5.1 converter runs it (swallowRiderOf): blinded and restrained with
 * the damage each turn until the swallower dies. Two damage types each turn (the remorhaz's acid
 * and fire) are added up as the first, and damage at the end of the swallower's turns is dealt at
 * the start of the swallowed creature's, as stated.
 */
function swallowRider(name: string, failure: string, save: SaveSpec | null, r: Reading): Rider | null {
  let text = plainText(failure);
  const two = /(\d+) \((\d+)d(\d+)\) ([a-z]+) damage plus (\d+) \((\d+)d(\d+)\) ([a-z]+) damage( at the (?:start|end) of each)/i.exec(text);
  if (two && two[3] === two[7]) {
    text = text.replace(two[0], `${Number(two[1]) + Number(two[5])} (${Number(two[2]) + Number(two[6])}d${two[3]}) ${two[4]} damage${two[9]}`);
    r.approximations.push(`${name}: its ${two[6]}d${two[7]} ${two[8].toLowerCase()} damage each turn counted as ${two[4].toLowerCase()}`);
  }
  const atEnd = /damage at the end of each of the ([\w' -]+?)'s turns/i.exec(text);
  if (atEnd) {
    text = text.replace(atEnd[0], `damage at the start of each of the ${atEnd[1]}'s turns`);
    r.approximations.push(`${name}: the damage at the end of each of the ${atEnd[1]}'s turns is dealt at the start of each of the swallowed creature's`);
  }
  const rider = swallowRiderOf(`${r.monster} ${name}`, name, text, save);
  if (rider) r.approximations.push(...rider.approximations);
  return rider;
}

/** "The toad swallows a Medium or smaller target it is grappling": a once-a-fight Bite whose hit swallows. */
function readSwallowAction(a: Srd2024Action, text: string, uses: Uses, p: Parsed, r: Reading): boolean {
  const size = /swallows an? (tiny|small|medium|large|huge) or smaller target it is grappling/i.exec(text)?.[1];
  if (!size) return false;
  if (/^(?:tiny|small)$/i.test(size)) {
    r.approximations.push(`${a.name}: only ${size} or smaller creatures can be swallowed; characters are assumed Medium (the simulation has no sizes), so it is not used`);
    return true;
  }
  const bite = p.parsed.find((x) => x.kind === 'attack' && /\bbite\b/i.test(x.name));
  const rider = bite?.kind === 'attack' ? swallowRider(a.name, text, null, r) : null;
  if (!bite || bite.kind !== 'attack' || !rider) return false;
  p.parsed.push({ kind: 'attack', name: a.name, toHit: bite.toHit, parts: bite.parts, reach: bite.reach, uses: uses.per === 'at-will' ? { per: 'encounter', count: 1 } : uses, slot: 'action', effect: rider.effect });
  r.approximations.push(`${a.name}: once a fight, as a ${bite.name} whose hit swallows (the ${bite.name}'s grapple and the swallow on the next turn folded into one action; one creature at a time)`);
  return true;
}

// ------------------------------------------------------------------ other actions

/** Actions that change nothing in a stand-up fight as the simulation runs it (moving, changing shape, senses). */
const NEUTRAL = /^(?:the [\w' -]+? (?:takes the (?:dash|disengage|hide)|teleports|moves|jumps|shape-shifts|swims|flies|can teleport)|if within 5 feet of a large|while (?:underwater|in dim light|on the ethereal)|the [\w' -]+? (?:sets itself ablaze|emits a shriek|releases ink|uses teleport|pulls one creature))/i;
const NEUTRAL_NAMES = /^(?:shape-shift|change shape|read thoughts|etherealness|ethereal jaunt|teleport|leap|tree stride|ignited illumination|hasten|bubble dash|aquatic charge|charge|shriek|ink cloud|pursuit|swoop|reel)\b/i;

function isNeutral(a: Srd2024Action): boolean {
  const text = plainText(a.desc);
  return (NEUTRAL.test(text) || NEUTRAL_NAMES.test(a.name)) && !/saving throw|attack roll|\bdamage\b/i.test(text.replace(/^.*?\bor it returns\b.*$/i, ''));
}

// ------------------------------------------------------------------ the creature

interface Parsed {
  parsed: ParsedAction[];
  multiattack: Srd2024Action | null;
  spells: Array<{ action: Srd2024Action; list: SpellList; slot: 'action' | 'bonus' }>;
  /** Rampage: a bonus-action attack named by the text, read once every attack is known. */
  rampages: Array<{ action: Srd2024Action; attack: string; uses: Uses }>;
}

/** Converts one SRD 5.2 creature. Never throws; what cannot be read is in `notes`. */
export function convertSrd2024Creature(c: Srd2024Creature): ImportedMonster {
  const f = c.fields;
  const notes: string[] = [];
  const name = str(f.name).trim() || 'Unnamed creature';
  const r: Reading = { monster: name, approximations: [], lines: [], notes, effectActions: [], permanent: [], chargeRiders: [], blindsight: (num(c.fields.blindsight_range) ?? 0) >= 15 || (num(c.fields.truesight_range) ?? 0) >= 15 };
  const id = c.key.replace(/^srd-2024_/, '');

  const abilities = {} as Record<Ability, number>;
  for (const ab of ABILITIES) {
    const v = num(f[`ability_score_${ABILITY_FIELDS[ab]}`]);
    if (v === null) notes.push(`ability_score_${ABILITY_FIELDS[ab]}: missing; used 10`);
    abilities[ab] = v !== null && v >= 1 && v <= 30 ? v : 10;
  }
  const saves = {} as Record<Ability, number>;
  for (const ab of ABILITIES) saves[ab] = num(f[`saving_throw_${ABILITY_FIELDS[ab]}`]) ?? abilityModifier(abilities[ab]);

  let cr = Number(str(f.challenge_rating));
  if (!CR_VALUES.has(cr)) {
    notes.push(`challenge_rating: "${str(f.challenge_rating)}" is not a challenge rating; used 0`);
    cr = 0;
  }
  const ac = num(f.armor_class) ?? 10;
  const hp = Math.max(1, num(f.hit_points) ?? 1);
  const hitDiceText = str(f.hit_dice);
  const hitDice = /^\s*(\d+)\s*d\s*(\d+)/i.exec(hitDiceText);
  const hpFormula = hpFormulaOrNull(hitDiceText);
  const damageList = (key: string): DamageType[] => {
    const v = f[key];
    const out: DamageType[] = [];
    for (const t of Array.isArray(v) ? v : []) {
      const type = asDamageType(str(t));
      if (type && !out.includes(type)) out.push(type);
      else if (!type) notes.push(`${key}: "${str(t)}" is not a damage type`);
    }
    return out;
  };
  const resistances = damageList('damage_resistances');
  const immunities = damageList('damage_immunities');
  const vulnerabilities = damageList('damage_vulnerabilities');
  const conditionImmunities = (Array.isArray(f.condition_immunities) ? f.condition_immunities : []).map((x) => str(x).toLowerCase()).filter(Boolean);
  if (f.nonmagical_attack_resistance === true || f.nonmagical_attack_immunity === true) notes.push('nonmagical attack resistance or immunity flagged; not in SRD 5.2 stat blocks, left out');

  // ---- traits (names for display; read into the creature once its actions exist)
  const traits = c.traits.map((t) => t.name);
  let legendaryResistance = 0;
  let regeneration: number | null = null;
  for (const t of c.traits) {
    if (/^legendary resistance/i.test(t.name)) legendaryResistance = Number(/(\d+)\s*\/\s*day/i.exec(t.name)?.[1] ?? 3);
    const regen = /regenerat/i.test(t.name) ? /regains (\d+) hit points/i.exec(t.desc) : null;
    if (regen) regeneration = Number(regen[1]);
  }
  if (/in lair/i.test(c.traits.find((t) => /^legendary resistance/i.test(t.name))?.name ?? '')) {
    r.approximations.push(`Legendary Resistance: ${legendaryResistance} a day (the count outside its lair)`);
  }

  // ---- actions
  const p: Parsed = { parsed: [], multiattack: null, spells: [], rampages: [] };
  const reactions: ReactionSpec[] = [];
  const legendaryActions: Srd2024Action[] = [];
  for (const a of c.actions) {
    if (a.actionType === 'LEGENDARY_ACTION') {
      legendaryActions.push(a);
      continue;
    }
    if (a.limitedToForm && /form only/i.test(a.limitedToForm) && !/humanoid|vampire form/i.test(a.limitedToForm)) {
      // A shape-changer's other form's attacks: the simulation runs the form the stat block's own actions describe.
      r.approximations.push(`${a.name} (${a.limitedToForm}): the simulation keeps one form's attacks, the ones usable in every form`);
    }
    if (a.actionType === 'REACTION') {
      readReaction(a, reactions, p, r);
      continue;
    }
    const slot = a.actionType === 'BONUS_ACTION' ? 'bonus' : 'action';
    const uses = usesOf(a, r);
    readOne(a, slot, uses, p, r);
  }

  // Rampage: the attack it names, as a bonus action, used as soon as it can be.
  for (const { action, attack, uses } of p.rampages) {
    const named = p.parsed.find((x) => x.kind === 'attack' && x.name.toLowerCase() === attack.toLowerCase());
    if (named?.kind !== 'attack') {
      r.lines.push(`Action: ${action.name}`);
      continue;
    }
    p.parsed.push({ ...named, name: `${named.name} (${action.name.toLowerCase()})`, slot: 'bonus', uses });
    r.approximations.push(`${action.name}: one bonus-action ${named.name} ${uses.per === 'at-will' ? 'a turn' : 'a day'}, as if it had just damaged a Bloodied creature (whether one is, is not checked; its move changes nothing)`);
  }

  // ---- multiattack
  let plan: MultiattackPlan | null = null;
  if (p.multiattack) {
    const text = plainText(p.multiattack.desc);
    const reading = readMultiattack(text, c.actions.filter((a) => a !== p.multiattack && a.actionType === 'ACTION').map((a) => ({
      name: a.name,
      reach: p.parsed.some((x) => x.name === a.name && x.kind === 'attack') ? (readAttackRoll(a.desc)?.reach ?? 'melee') : null,
    })));
    // "As many Bite attacks as it has heads" (the hydra): the heads it starts with, from its Multiple Heads trait.
    const perHead = /as many ([A-Z][\w' -]*?) attacks as it has heads/.exec(text);
    const heads = perHead ? /has (two|three|four|five|six|seven|eight|\d+) heads/i.exec(c.traits.map((t) => plainText(t.desc)).join(' '))?.[1] : undefined;
    const headCount = heads ? (Number(heads) || ['two', 'three', 'four', 'five', 'six', 'seven', 'eight'].indexOf(heads.toLowerCase()) + 2) : 0;
    if (perHead && headCount > 1 && reading.understood && reading.components.length === 1) {
      reading.components[0].count = headCount;
      const at = reading.notModelled.findIndex((l) => /varies; assumed 1/.test(l));
      if (at >= 0) reading.notModelled.splice(at, 1);
      r.approximations.push(`${p.multiattack.name}: ${headCount} ${perHead[1]} attacks, for the heads it starts with; heads lost to heavy damage and those that grow back are not tracked`);
    }
    for (const line of reading.notModelled) {
      // "It can replace one attack with a use of Spellcasting": an option, not a gap.
      if (/replace|spellcasting/i.test(line)) r.approximations.push(`${p.multiattack.name}: its option to replace an attack with another action is not used`);
      else r.lines.push(line);
    }
    if (reading.understood) plan = { name: p.multiattack.name, components: reading.components };
    else r.lines.push(`Action: ${p.multiattack.name} (its attacks could not be read)`);
    if (/replace|instead/i.test(text) && !reading.notModelled.some((l) => /replace/i.test(l))) {
      r.approximations.push(`${p.multiattack.name}: its option to replace an attack with another action is not used`);
    }
  }
  // Effect actions a Multiattack uses beside its attacks take the bonus action, so the attacks still happen.
  for (const comp of plan?.components ?? []) {
    const effect = findByName(r.effectActions, comp.ref);
    if (effect) effect.slot = 'bonus';
  }
  const actions = buildActions(p.parsed, plan, r.lines, notes);
  // A Swallow (once a fight, its grapple assumed) comes before the at-will actions, or it would never be chosen.
  const swallowAt = actions.findIndex((x) => x.uses.per === 'encounter' && /^swallow/i.test(x.name));
  const atWillAt = actions.findIndex((x) => x.uses.per === 'at-will' && x.slot === 'action');
  if (swallowAt > atWillAt && atWillAt >= 0) actions.splice(atWillAt, 0, ...actions.splice(swallowAt, 1));
  // An at-will Engulf comes before the at-will attacks: taken in list order, it would never be used.
  const engulfAt = actions.findIndex((x) => x.type === 'save' && x.uses.per === 'at-will' && /^engulf/i.test(x.name) && x.effect);
  const firstAtWill = actions.findIndex((x) => x.uses.per === 'at-will' && x.slot === 'action');
  if (engulfAt > firstAtWill && firstAtWill >= 0) {
    r.approximations.push(`${actions[engulfAt].name}: taken every turn before its other actions (those engulfed stay engulfed; it is repeated on the others)`);
    actions.splice(firstAtWill, 0, ...actions.splice(engulfAt, 1));
  }
  // A charge's prone rider: on a once-a-fight copy tried first (the first turn's charge), not on the at-will attacks.
  for (const charged of r.chargeRiders) {
    const riderName = `${r.monster} ${charged}`;
    const hosts = actions.filter((x): x is AttackAction => x.type === 'attack' && x.uses.per === 'at-will' && x.effect?.name === riderName);
    const first = hosts[0];
    if (!first) continue;
    const at = Math.max(0, actions.findIndex((x) => x.uses.per === 'at-will' && x.slot === 'action'));
    actions.splice(at, 0, { ...first, name: `${first.name} (charge)`, uses: { per: 'encounter', count: 1 } });
    for (const h of hosts) {
      delete h.effect;
      delete h.effectSave;
    }
  }
  // "not included" lines for effects that now run beside the attacks are not gaps.
  for (const e of r.effectActions) {
    const at = r.lines.findIndex((l) => plan && l.startsWith(`${plan.name}: ${e.name}`) && /not included/.test(l));
    if (at >= 0 && e.slot === 'bonus') r.lines.splice(at, 1);
  }

  const creature = buildCreature({
    name, hp, hpFormula, ac, abilities, saves, resistances, immunities, vulnerabilities, actions, initiativeBonus: num(f.initiative_bonus) ?? undefined,
  });
  const engineConditions = conditionImmunities.filter((x): x is Condition => (CONDITIONS as readonly string[]).includes(x));
  if (engineConditions.length > 0) creature.traits = { conditionImmunities: engineConditions };
  if (r.permanent.length > 0) creature.effects = [...r.permanent];

  // ---- spellcasting
  const main = p.spells.find((s) => /following spells/i.test(s.action.desc)) ?? p.spells[0];
  const casterCtx: CasterContext = { cr, abilities, ac, ...(main && { fallback: { dc: main.list.dc, attack: main.list.attack, ability: main.list.ability } }) };
  let anySpells = false;
  const spellActions: ActionSpec[] = [];
  for (const s of p.spells) {
    const built: BuiltSpells = buildSpells(s.list, casterCtx, { slot: s.slot, single: s !== main || !/following spells/i.test(s.action.desc), subject: s.action.name });
    anySpells ||= built.modelled.length > 0;
    spellActions.push(...built.actions);
    r.effectActions.push(...built.effectActions);
    if (built.reactions.length > 0) {
      const limited = s.action.usesType === 'PER_DAY' ? { per: 'long-rest' as const, count: s.action.usesParam ?? 1 } : undefined;
      creature.reactions = [...(creature.reactions ?? []), ...built.reactions.map((x) => ({ ...x, uses: limited ?? x.uses ?? { per: 'at-will' as const } }))];
    }
    if (built.acWithPrecastSpells !== null && built.acWithPrecastSpells > creature.ac) creature.ac = built.acWithPrecastSpells;
    if (built.precastEffects.length > 0) creature.effects = [...(creature.effects ?? []), ...built.precastEffects];
    r.approximations.push(...built.approximations);
    r.lines.push(...built.gaps);
    if (s.list.spells.length > 1 && s.action.usesType === 'PER_DAY' && built.modelled.length > 1) {
      r.approximations.push(`${s.action.name}: each of its spells has the ${s.action.usesParam ?? 1} uses a day the spells share`);
    }
  }
  creature.actions.push(...spellActions);
  // "...makes one Vine Lash attack, and it can use Spellcasting to cast Charm Monster": that spell in the bonus action, beside the attacks.
  const besideAttacks = p.multiattack ? /\bcan use Spellcasting to cast ([A-Z][\w' -]*?)(?:[,.]|$)/.exec(plainText(p.multiattack.desc)) : null;
  const beside = besideAttacks ? r.effectActions.find((e) => e.spell && e.name.toLowerCase() === besideAttacks[1].toLowerCase() && e.slot === 'action') : undefined;
  if (beside && besideAttacks) {
    beside.slot = 'bonus';
    const notIncluded = (l: string): boolean => l.toLowerCase().startsWith(`${p.multiattack!.name}: spellcasting to cast ${besideAttacks[1]} not included`.toLowerCase());
    for (const list of [r.approximations, r.lines]) {
      const at = list.findIndex(notIncluded);
      if (at >= 0) list.splice(at, 1);
    }
    r.approximations.push(`${p.multiattack!.name}: ${beside.name} is cast in the bonus action, beside its attacks`);
  }
  if (anySpells) creature.tactics = 'auto';
  if (reactions.length > 0) creature.reactions = [...(creature.reactions ?? []), ...reactions];

  // ---- traits
  const traitLines = { approximations: r.approximations, gaps: r.lines };
  for (const t of c.traits) readTrait(creature, r, t.name, t.desc, traitLines);
  if (creature.traits && Object.keys(creature.traits).length === 0) delete creature.traits;

  // ---- legendary actions
  let legendary: LegendaryInfo | null = null;
  if (legendaryActions.length > 0 || legendaryResistance > 0) {
    legendary = {
      actionsPerRound: legendaryActions.length > 0 ? LEGENDARY_USES_ASSUMED : 0,
      resistancePerDay: legendaryResistance,
      actions: legendaryActions.map((l) => ({ name: l.name, cost: l.legendaryCost ?? 1 })),
    };
    const runnable: LegendaryActionSpec[] = [];
    for (const l of legendaryActions) {
      const action = legendaryAction(l, creature.actions, r, casterCtx);
      if (!action) continue;
      const once = /can't take this action again until the start of its next turn/i.test(l.desc);
      runnable.push({ cost: l.legendaryCost ?? 1, action, ...(once && { oncePerRound: true }) });
    }
    creature.legendary = { perRound: legendary.actionsPerRound, resistances: legendaryResistance, actions: orderLegendary(runnable) };
  }
  if (r.effectActions.length > 0) {
    creature.effectActions = r.effectActions.map((e) => ({ ...e, position: Math.min(e.position ?? 0, creature.actions.length) }));
  }

  if (creature.actions.length === 0 && !creature.effectActions?.length && c.actions.length > 0 && !c.actions.every(isNeutral)) {
    r.lines.push('No action the engine can run: the monster only takes hits');
  }
  const simulated = keepSimulatable(creature, notes);
  const fidelity = splitFidelity(r.lines, r.approximations);

  const entry: CompendiumMonster = {
    id, name, size: str(f.size), type: str(f.type), subtype: null, cr, crText: crToText(cr), xp: xpForCr(cr) ?? 0, ac, hp,
    hitDice: hitDice ? `${Number(hitDice[1])}d${Number(hitDice[2])}` : '', abilities, saves, resistances, immunities, vulnerabilities,
    conditionImmunities, legendary, traits, regeneration, ...fidelity, creature: simulated,
  };
  return { entry, notes };
}

/** One action or bonus action: Multiattack, spellcasting, an attack roll, a saving throw, healing, or something neutral. */
function readOne(a: Srd2024Action, slot: 'action' | 'bonus', uses: Uses, p: Parsed, r: Reading): void {
  const text = plainText(a.desc);
  if (/^multiattack/i.test(a.name)) {
    p.multiattack ??= a;
    return;
  }
  if (/\bcasts?\b[^.]*?(?:following spells|spell\b|using (?:the same|\w+ as))/i.test(text) || /^spellcasting/i.test(a.name)) {
    p.spells.push({ action: a, list: readSpellList(a.desc, uses), slot });
    return;
  }
  const roll = readAttackRoll(a.desc);
  if (roll) {
    readAttack(a, roll, slot, uses, p.parsed, r);
    return;
  }
  if (readSave(a, slot, uses, p.parsed, r)) return;
  const heal = /regains?\s+(?:\d+\s*)?\((\d+d\d+(?:\s*[+-]\s*\d+)?)\)\s+hit points/i.exec(text);
  const amount = heal ? normaliseDice(heal[1]) : null;
  if (amount) {
    p.parsed.push({ kind: 'heal', name: a.name, amount, uses, slot, ...(!/\btarget\b|another creature/i.test(text) && { targeting: 'self' as const }) });
    return;
  }
  const warCry = /^war cry/i.test(a.name) ? /gains \d+ \((\d+d\d+(?:\s*[+-]\s*\d+)?)\) temporary hit points and has advantage on attack rolls until the start of the [\w' -]+?'s next turn/i.exec(text) : null;
  const warCryHp = warCry ? normaliseDice(warCry[1]) : null;
  if (warCryHp) {
    r.effectActions.push({
      type: 'effect', name: a.name, slot, uses, condition: 'always', target: 'self', targets: 1,
      effect: { name: `${r.monster} ${a.name}`, duration: { kind: 'source-turn-end' }, tempHp: warCryHp, attacksBy: 'advantage' },
    });
    r.approximations.push(`${a.name}: always on itself, not an ally; taken after its action (as the engine orders a turn), so the advantage covers its attacks of its next turn rather than of this one`);
    return;
  }
  if (/^darkness aura/i.test(a.name) && /magical darkness/i.test(text) && /darkvision can't penetrate/i.test(text) && r.blindsight) {
    // It sees by blindsight in its own darkness; those inside who cannot are as blinded against it.
    r.effectActions.push({
      type: 'effect', name: a.name, slot, uses, condition: 'not-used-yet', target: 'self', targets: 1,
      effect: { name: `${r.monster} ${a.name}`, duration: { kind: 'encounter' }, attacksBy: 'advantage', attacksAgainst: 'disadvantage' },
    });
    r.approximations.push(`${a.name}: once cast, it sees by blindsight and its enemies fight it in darkness they can't see through (advantage on its attacks, disadvantage on theirs) for the rest of the fight; its concentration is assumed kept, and its enemies to have neither blindsight nor truesight`);
    return;
  }
  if (/^(?:nimble escape|cunning action)/i.test(a.name)) {
    r.approximations.push(`${a.name}: ${/dash/i.test(text) ? 'Dash, ' : ''}Disengage or Hide as a bonus action counted as nothing (no positions; hiding needs cover)`);
    return;
  }
  if (isNeutral(a) || OUTSIDE_THE_FIGHT.test(a.name)) return;
  if (/^ethereal stride/i.test(a.name) && /teleport to the ethereal plane/i.test(text)) {
    r.approximations.push(`${a.name}: not used (an escape to or from the Ethereal Plane; the simulation fights to the end)`);
    return;
  }
  if (/^swallow/i.test(a.name) && readSwallowAction(a, text, uses, p, r)) return;
  const rampage = /^rampage/i.test(a.name) && slot === 'bonus' ? /\b[Bb]loodied\b.*\bmakes one ([A-Z][\w' -]*?) attack/.exec(text) : null;
  if (rampage) {
    p.rampages.push({ action: a, attack: rampage[1], uses });
    return;
  }
  if (/^invisibility|^vanish/i.test(a.name) && /invisible/i.test(text)) {
    r.effectActions.push({
      type: 'effect', name: a.name, slot, uses, condition: 'not-used-yet', target: 'self', targets: 1,
      effect: { name: `${r.monster} ${a.name}`, duration: { kind: 'source-turn-end' }, conditions: ['invisible'] },
    });
    r.approximations.push(`${a.name}: invisible until the end of its next turn (attacking would end it; the simulation lets it attack once with advantage)`);
    return;
  }
  const effects = effectsIn(as2014Wording(text)).filter((e) => !EFFECTS_OUTSIDE.has(e));
  r.lines.push(`Action: ${a.name}${effects.length > 0 ? ` (${effects.join(', ')})` : ''}`);
}

function readReaction(a: Srd2024Action, reactions: ReactionSpec[], p: Parsed, r: Reading): void {
  const text = plainText(a.desc);
  const uses = usesOf(a, r);
  const parry = /adds (\d+) to its AC against (?:that|the|one melee) attack/i.exec(text);
  if (parry) {
    reactions.push({ kind: 'parry', acBonus: Number(parry[1]), uses });
    if (!/melee attack/i.test(text)) r.approximations.push(`${a.name}: run as a parry against melee attacks only`);
    if (/and then|, and (?:it|the)|makes one/i.test(text.slice(parry.index + parry[0].length))) r.lines.push(`Reaction: ${a.name} (what it does after raising its AC)`);
    return;
  }
  if (/\bcasts\b/i.test(text)) {
    p.spells.push({ action: a, list: readSpellList(a.desc, uses), slot: 'action' });
    return;
  }
  if (isNeutral(a) || /^shriek|^ink cloud|^pursuit/i.test(a.name)) return;
  // A gaze that answers a creature starting its turn near it: a bonus action on one enemy each round.
  const gaze = /starts its turn within \d+ feet of the [\w' -]+?\b/i.test(text) ? readSavingThrow(a.desc) : null;
  const frightened = gaze && /has the frightened condition until the end of its turn/i.test(gaze.failure);
  if (gaze && frightened) {
    r.effectActions.push({
      type: 'effect', name: a.name, slot: 'bonus', uses, condition: 'always', target: 'enemies', enemyTargeting: 'highest-damage', targets: 1,
      effect: { name: `${r.monster} ${a.name}`, duration: { kind: 'source-turn-end' }, conditions: ['frightened'] }, save: { ability: gaze.ability, dc: gaze.dc },
    });
    r.approximations.push(`${a.name}: run as a bonus action on one enemy each round instead of a reaction as it starts its turn: frightened until the end of the ${r.monster.toLowerCase()}'s next turn, which covers that enemy's turn; the immunity after a success is not tracked`);
    return;
  }
  const effects = effectsIn(as2014Wording(text)).filter((e) => !EFFECTS_OUTSIDE.has(e));
  r.lines.push(`Reaction: ${a.name}${effects.length > 0 ? ` (${effects.join(', ')})` : ''}`);
}

// ------------------------------------------------------------------ traits

/** Traits the SRD 5.2 adds that change nothing in a stand-up fight as the simulation runs it. */
const NEUTRAL_TRAITS_2024 = /^(?:amphibious|spider climb|water breathing|hold breath|illumination|web walker|ice walk|amorphous|immutable form|siege monster|standing leap|running leap|tunneler|abduct|agile|wishes|earth glide|ethereal sight|mimicry|divine awareness|inscrutable|probing telepathy|jumper|sense magic|training|shielded mind|speak with beasts and plants|magic rope|transparent|beast of burden|confer fire resistance|iron scent|limited amphibiousness|shark telepathy|bound|telepathic bond|treasure sense|compression|draconic origin|spirit jar|soul bag|succubus form|incubus form|vampiric connection|flyby|[a-z]+ restoration|troll spawn|loathsome limbs|water susceptibility|aversion to fire)\b/i;

function readTrait(creature: ReturnType<typeof buildCreature>, r: Reading, name: string, desc: string, out: { approximations: string[]; gaps: string[] }): void {
  if (NEUTRAL_TRAITS_2024.test(name)) {
    if (/^flyby/i.test(name)) out.approximations.push('Flyby: it provokes no opportunity attacks (the simulation has none)');
    return;
  }
  const aura = /^(?:fire|heat) aura/i.test(name) ? /at the end of each of the [\w' -]+?'s turns, each creature[^.]*? in an? (\d+)-foot Emanation[^.]*? takes \d+ \((\d+d\d+(?:\s*[+-]\s*\d+)?)\) (\w+) damage/i.exec(plainText(desc)) : null;
  const auraDice = aura ? normaliseDice(aura[2]) : null;
  const auraType = aura ? asDamageType(aura[3]) : null;
  if (aura && auraDice && auraType) {
    // Damage at the end of the creature's turns to those beside it: run as damage at the end of each of their turns.
    const targets = Number(aura[1]) >= 10 ? 3 : 2;
    r.effectActions.push({
      type: 'effect', name, slot: 'bonus', uses: { per: 'encounter', count: 1 }, condition: 'always', target: 'enemies', enemyTargeting: 'highest-damage', targets,
      effect: { name: `${r.monster} ${name}`, duration: { kind: 'encounter' }, turnDamage: { damage: auraDice, damageType: auraType, when: 'end' } },
    });
    out.approximations.push(`${name}: ${targets} enemies are assumed to stay beside it all fight; each takes ${auraDice} ${auraType} at the end of its own turns rather than at the end of the creature's`);
    return;
  }
  if (/^death (?:burst|throes)/i.test(name) && readDeathBurst(creature, name, desc, out)) return;
  if (/^(?:stench|fear aura|vile appearance)/i.test(name) && readAura(r, name, desc, out)) return;
  if (/^blurred form/i.test(name) && /attack rolls against the [\w' -]+? are made with disadvantage/i.test(plainText(desc))) {
    (creature.effects ??= []).push({ name: `${r.monster} ${name}`, duration: { kind: 'encounter' }, attacksAgainst: 'disadvantage' });
    out.approximations.push(`${name}: attack rolls against it have disadvantage all fight, even while it is incapacitated`);
    return;
  }
  if (/^undead fortitude/i.test(name) && /constitution saving throw \(DC 5 plus the damage taken\) unless the damage is radiant or from a critical hit/i.test(plainText(desc))) {
    (creature.traits ??= {}).undeadFortitude = true;
    return;
  }
  if (/^vampire weakness/i.test(name)) {
    out.approximations.push(`${name}: the fight is assumed to be out of sunlight and away from running water; a stake to the heart is not simulated`);
    return;
  }
  if (/^bloodied (?:fury|frenzy)/i.test(name) && readBloodiedFury(r, name, desc, out)) return;
  if (/^greater magic resistance/i.test(name)) {
    (creature.traits ??= {}).magicResistance = true;
    out.approximations.push('Greater Magic Resistance: advantage on saves against spells; the immunity to spell damage is not run');
    return;
  }
  applyTrait({ creature, effectActions: r.effectActions, monsterName: r.monster }, name, as2014Wording(desc), out);
}

/**
 * "The mephit explodes when it dies. Dexterity Saving Throw: DC 11, each creature in a 5-foot
 * Emanation...": the engine's death burst, catching as many enemies as the SRD 5.1 converter
 * assumes for the same reach (2 beside it, 3 within 10 feet, 4 farther). A second damage type
 * (the balor's force) is added to the first, as stated.
 */
function readDeathBurst(creature: ReturnType<typeof buildCreature>, name: string, desc: string, out: { approximations: string[] }): boolean {
  const st = readSavingThrow(desc);
  if (!st || !/\bdies\b/i.test(plainText(desc))) return false;
  const sentence = st.failure.split(/\.(?:\s|$)/)[0];
  const parts = damageMentions(sentence).flatMap((m) => {
    const type = asDamageType(m.typeText);
    return type ? [{ dice: m.dice, type }] : [];
  });
  if (parts.length === 0) return false;
  const sameSides = parts.every((x) => /^\d+d(\d+)$/.exec(x.dice)?.[1] === /^\d+d(\d+)$/.exec(parts[0].dice)?.[1]);
  if (parts.length > 1 && !sameSides) return false;
  const damage = parts.length === 1 ? parts[0].dice : `${parts.reduce((n, x) => n + Number(x.dice.split('d')[0]), 0)}d${parts[0].dice.split('d')[1]}`;
  const range = Number(/(\d+)-foot/.exec(st.targets)?.[1] ?? 5);
  const targets = range <= 5 ? 2 : range <= 10 ? 3 : 4;
  const onSuccess = /half/i.test(st.success) ? 'half' : 'none';
  creature.deathBurst = { dc: st.dc, ability: st.ability, damage, damageType: parts[0].type, onSuccess, targets };
  out.approximations.push(`${name}: assumed to catch ${targets} enemies ${range <= 5 ? '(those fighting it in melee)' : `within ${range} feet`} when it dies`);
  for (const extra of parts.slice(1)) out.approximations.push(`${name}: its ${extra.dice} ${extra.type} damage counted as ${parts[0].type}`);
  return true;
}

/**
 * An aura that works on enemies starting their turns near the creature (Stench, Fear Aura, Vile
 * Appearance), run as the SRD 5.1 compendium runs Stench: every enemy saves once, in the first
 * round, and a failure lasts until a save at the end of one of its turns succeeds.
 */
function readAura(r: Reading, name: string, desc: string, out: { approximations: string[] }): boolean {
  const st = readSavingThrow(desc);
  if (!st || !/starts its turn (?:in|within)/i.test(st.targets)) return false;
  const save: SaveSpec = { ability: st.ability, dc: st.dc };
  const rider = riderOf(`${r.monster} ${name}`, name, as2014Wording(st.failure), save);
  if (!rider?.effect.conditions?.length) return false;
  const types = /any ([A-Z][a-z]+(?: or [A-Z][a-z]+)*) that starts/.exec(st.targets)?.[1].toLowerCase().split(' or ');
  r.effectActions.push({
    type: 'effect', name, slot: 'bonus', uses: { per: 'encounter', count: 1 }, condition: 'always', target: 'enemies', enemyTargeting: 'highest-damage', targets: 50,
    effect: { ...rider.effect, saveEnds: true, duration: { kind: 'encounter' }, ...(types && { onlyCreatureTypes: types }) }, save,
  });
  out.approximations.push(`${name}: every enemy is assumed to start its turn in the aura; each saves once (a bonus action in the first round), a failure lasts until it succeeds on a save at the end of one of its turns`
    + `${/can see the [\w' -]+? true form/i.test(st.targets) ? '; its true form is assumed seen' : ''}`);
  return true;
}

/**
 * "While Bloodied, the boar has Advantage on attack rolls": a bonus action it takes once below half
 * its hit points gives it advantage for the rest of the fight (it does not heal back above half).
 */
function readBloodiedFury(r: Reading, name: string, desc: string, out: { approximations: string[]; gaps: string[] }): boolean {
  const text = plainText(desc);
  if (!/while (?:it is )?bloodied/i.test(text) || !/advantage on (?:melee )?attack rolls/i.test(text)) return false;
  r.effectActions.push({
    type: 'effect', name, slot: 'bonus', uses: { per: 'encounter', count: 1 }, condition: 'self-below-half', target: 'self', targets: 1,
    effect: { name: `${r.monster} ${name}`, duration: { kind: 'encounter' }, attacksBy: 'advantage' },
  });
  out.approximations.push(`${name}: advantage on its attack rolls once below half its hit points (Bloodied is half or fewer), from the bonus action after its action on its first such turn to the end of the fight${/melee/i.test(text) ? ' (it makes only melee attacks)' : ''}`);
  if (/and saving throws/i.test(text)) out.gaps.push(`${name}: advantage on saving throws while Bloodied`);
  return true;
}

// ------------------------------------------------------------------ legendary actions

/**
 * The action a legendary action runs: the attack it names ("makes one Rend attack"), the spell it
 * casts through Spellcasting, the action it uses, or its own saving throw. Null when it changes
 * nothing in the fight (moving) or cannot be run (a line says which).
 */
function legendaryAction(l: Srd2024Action, actions: ActionSpec[], r: Reading, casterCtx: CasterContext): CreatureActionSpec | null {
  const text = plainText(l.desc);
  const named = /\bmakes one ([A-Z][\w' -]*?)(?: or ([A-Z][\w' -]*?))? attack\b/.exec(text);
  if (named) {
    const attacks = actions.filter((a): a is AttackAction => a.type === 'attack');
    const attack = findByName(attacks, named[1]) ?? (named[2] ? findByName(attacks, named[2]) : undefined);
    if (attack) {
      if (named[2]) r.approximations.push(`Legendary action ${l.name}: always the ${attack.name}, not the alternative`);
      return { ...attack, name: `${l.name} (legendary)`, uses: { per: 'at-will' }, slot: 'action', attacks: [{ ...attack.attacks[0], count: 1 }] };
    }
  }
  const cast = /\b(?:uses Spellcasting to cast|casts) ([A-Z][\w'/ -]*?)(?: \(level (\d) version\))?(?: on itself)?(?:[,.]|$)/.exec(text);
  if (cast) {
    const spell = findByName([...actions, ...r.effectActions], cast[1]);
    if (spell) {
      if (cast[2] && spell.spell && Number(cast[2]) > spell.spell.level) r.approximations.push(`Legendary action ${l.name}: ${spell.name} at its own level, not level ${cast[2]}`);
      return { ...spell, name: `${l.name}: ${spell.name} (legendary)`, uses: { per: 'at-will' }, slot: 'action', condition: 'always' } as CreatureActionSpec;
    }
    // A spell of its own (the white dragon's Fear): built here, at will.
    const list = readSpellList(l.desc, { per: 'at-will' });
    if (list.spells.length === 0) list.spells.push({ name: cast[1], castLevel: cast[2] ? Number(cast[2]) : null, uses: { per: 'at-will' } });
    const built = buildSpells(list, casterCtx, { slot: 'action', single: true, subject: `Legendary action ${l.name}` });
    r.approximations.push(...built.approximations);
    r.lines.push(...built.gaps);
    const first = built.actions[0] ?? built.effectActions[0];
    if (first) return { ...first, name: `${l.name}: ${first.name} (legendary)`, uses: { per: 'at-will' }, slot: 'action', condition: 'always' } as CreatureActionSpec;
    if (built.gaps.length === 0) r.lines.push(`Legendary action: ${l.name} (not run)`);
    return null;
  }
  const uses = /\buses ([A-Z][\w' -]*?)(?:[,.]| and\b|$)/.exec(text);
  if (uses) {
    const target = findByName([...actions, ...r.effectActions], uses[1]);
    if (target) return { ...target, name: `${l.name} (legendary)`, uses: { per: 'at-will' }, slot: 'action', condition: 'always' } as CreatureActionSpec;
  }
  // "The target gains 10 (3d6) Temporary Hit Points, and its AC increases by 2 until the end of the unicorn's next turn."
  const shield = /targets itself or one creature[^.]*\. The target gains \d+ \((\d+d\d+(?:\s*[+-]\s*\d+)?)\) Temporary Hit Points, and its AC increases by (\d+) until the end of the [\w' -]+?'s next turn/i.exec(text);
  const shieldHp = shield ? normaliseDice(shield[1]) : null;
  if (shield && shieldHp) {
    return {
      type: 'effect', name: `${l.name} (legendary)`, slot: 'action', uses: { per: 'at-will' }, condition: 'always', target: 'allies', targets: 1,
      effect: { name: `${r.monster} ${l.name}`, duration: { kind: 'source-turn-end' }, tempHp: shieldHp, acBonus: Number(shield[2]) },
    };
  }
  const parsed: ParsedAction[] = [];
  const before = r.effectActions.length;
  if (readSave(l, 'action', { per: 'at-will' }, parsed, r)) {
    if (r.effectActions.length > before) {
      const [effect] = r.effectActions.splice(before);
      return { ...effect, slot: 'action', uses: { per: 'at-will' } };
    }
    const built = buildActions(parsed, null, r.lines, r.notes);
    if (built.length > 0) return { ...built[0], uses: { per: 'at-will' } };
    return null;
  }
  if (isNeutral(l)) return null;
  r.lines.push(`Legendary action: ${l.name} (not run)`);
  return null;
}

/** Legendary actions in the order the engine tries them: effects first, then the most damage per point, healing last. */
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
