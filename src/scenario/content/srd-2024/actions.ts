// Sorts each action, bonus action and reaction of an SRD 5.2 stat block to the reader that runs
// that kind of action. Multiattack and spellcasting are only set aside here: the entry point reads
// them once every attack is known. What no reader takes becomes a gap line, so nothing is dropped
// without a word.

import type { ReactionSpec, Uses } from '../../../engine/index.ts';
import { OUTSIDE_THE_FIGHT } from '../srd/features.ts';
import { AMULET_WEARER, effectsIn, normaliseDice } from '../srd/stat-block.ts';
import { readAttack } from './attacks.ts';
import { EFFECTS_OUTSIDE, isNeutral, usesOf, type Parsed, type Reading } from './reading.ts';
import { readSave, readSwallowAction } from './saving-throws.ts';
import type { Srd2024Action } from './source.ts';
import { readSpellList } from './spells.ts';
import { as2014Wording, plainText, readAttackRoll, readSavingThrow } from './text.ts';

/** One action or bonus action: Multiattack, spellcasting, an attack roll, a saving throw, healing, or something neutral. */
export function readOne(a: Srd2024Action, slot: 'action' | 'bonus', uses: Uses, p: Parsed, r: Reading): void {
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

export function readReaction(a: Srd2024Action, reactions: ReactionSpec[], p: Parsed, r: Reading): void {
  const text = plainText(a.desc);
  const uses = usesOf(a, r);
  const parry = /adds (\d+) to its AC against (?:that|the|one melee) attack/i.exec(text);
  if (parry) {
    const after = text.slice(parry.index + parry[0].length);
    // "On a miss, the pirate makes one Rapier attack against the triggering creature if within range."
    const riposte = /^[^.]*\.\s*On a miss, the [\w' -]+? makes one ([A-Z][\w' -]*?) attack against the triggering creature(?: if within range)?\.?\s*$/.exec(after);
    reactions.push({ kind: 'parry', acBonus: Number(parry[1]), uses, ...(riposte && { riposte: riposte[1] }) });
    if (!/melee attack/i.test(text)) r.approximations.push(`${a.name}: run as a parry against melee attacks only`);
    if (riposte) r.approximations.push(`${a.name}: after a parry that makes the attack miss, one ${riposte[1]} attack against the attacker, assumed within reach`);
    else if (/and then|, and (?:it|the)|makes one/i.test(after)) r.lines.push(`Reaction: ${a.name} (what it does after raising its AC)`);
    return;
  }
  if (/\bcasts\b/i.test(text)) {
    p.spells.push({ action: a, list: readSpellList(a.desc, uses), slot: 'action' });
    return;
  }
  if (isNeutral(a) || /^shriek|^ink cloud|^pursuit/i.test(a.name)) return;
  // A shield guardian's reaction protects the wearer of its amulet, not itself.
  if (/wearer of the guardian.s amulet/i.test(text)) {
    r.approximations.push(`${a.name}: ${AMULET_WEARER}`);
    return;
  }
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
