// Saving-throw actions in the SRD 5.2 text: breaths, gazes, swallows and other effects that a
// target resists with a save. They differ from attacks in how many enemies they catch and in
// effects that stand alone without damage, so they are read apart from attack rolls.

import type { SaveSpec, Uses } from '../../../engine/index.ts';
import { swallowRiderOf, type Rider } from '../srd/features.ts';
import { asDamageType, circumstanceOf, damageMentions, effectsIn, normaliseDice, saveTargets, type DamagePart, type ParsedAction } from '../srd/stat-block.ts';
import { EFFECTS_OUTSIDE, readRider, type Parsed, type Reading } from './reading.ts';
import type { Srd2024Action } from './source.ts';
import { as2014Wording, plainText, readSavingThrow } from './text.ts';

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

export function readSave(a: Srd2024Action, slot: 'action' | 'bonus', uses: Uses, parsed: ParsedAction[], r: Reading): boolean {
  const read = readSavingThrow(a.desc);
  if (!read) return false;
  // "damage of the type chosen for the Draconic Origin trait" (the half-dragon): the DM's choice, taken as fire.
  const chosen = /damage of the type chosen for the ([\w' -]+?) trait/i.exec(read.failure);
  let st = chosen ? { ...read, failure: read.failure.replace(chosen[0], 'Fire damage') } : read;
  if (chosen) r.approximations.push(`${a.name}: fire damage, for the type the ${chosen[1]} trait leaves to the DM`);
  const save: SaveSpec = { ability: st.ability, dc: st.dc };
  // "If the target has 20 Hit Points or fewer, it drops to 0 Hit Points. Otherwise, the target takes 13 (3d8) Psychic damage."
  const slay = /^\s*if the (?:target|creature) has (\d+) hit points or fewer, it (dies|drops to 0 hit points)\.\s*/i.exec(st.failure);
  if (slay) {
    (r.slays ??= new Map()).set(a.name, { hp: Number(slay[1]), dies: slay[2].toLowerCase() === 'dies' });
    st = { ...st, failure: st.failure.slice(slay[0].length).replace(/^(?:otherwise, )?(?:the target|it)(?: otherwise)? takes/i, 'The target takes') };
    const frightened = /^one frightened creature/i.test(st.targets);
    if (frightened) r.approximations.push(`${a.name}: its target is assumed Frightened (whether one is, is not checked)`);
  }
  // "While in the whirlwind, the target has the Restrained condition and moves with the whirlwind": held where it is, run as the condition itself.
  const whileIn = /^\s*while in the ([\w ]+?), the target has the (\w+) condition and moves with the \1\./i.exec(st.failure);
  const whileInTurn = whileIn ? /at the start of each of its turns, the \w+ target takes \d+ \((\d+d\d+(?:\s*[+-]\s*\d+)?)\) (\w+) damage/i.exec(st.failure) : null;
  if (whileIn) {
    // The area it fills is where the targets are counted from (the save's own line names none).
    st = { ...st, failure: `The target has the ${whileIn[2]} condition.${st.failure.slice(whileIn[0].length)}`, targets: st.targets || st.before };
    r.approximations.push(`${a.name}: the ${whileIn[1]} is not moved and its concentration is not tracked; whoever fails the save stays ${whileIn[2].toLowerCase()} in it`
      + `${whileInTurn ? `, taking ${whileInTurn[1]} ${whileInTurn[2].toLowerCase()} damage at the start of each of its turns,` : ''} until a repeated save succeeds`);
  }
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
    const turnType = whileInTurn ? asDamageType(whileInTurn[2]) : null;
    if (whileInTurn && turnType) rider.effect.turnDamage = { damage: normaliseDice(whileInTurn[1]) ?? whileInTurn[1], damageType: turnType, when: 'start' };
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
export function readSwallowAction(a: Srd2024Action, text: string, uses: Uses, p: Parsed, r: Reading): boolean {
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
