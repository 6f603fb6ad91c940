// SRD 5.2 traits: the auras, death bursts and Bloodied furies the 2024 stat blocks word anew are
// read here; the rest go to the SRD 5.1 trait reader in 2014 wording, so both editions run a
// trait the same way.

import type { SaveSpec } from '../../../engine/index.ts';
import { riderOf } from '../srd/features.ts';
import { asDamageType, damageMentions, normaliseDice, type buildCreature } from '../srd/stat-block.ts';
import { applyTrait } from '../srd/traits.ts';
import type { Reading } from './reading.ts';
import { as2014Wording, plainText, readSavingThrow } from './text.ts';

/** Traits the SRD 5.2 adds that change nothing in a stand-up fight as the simulation runs it. */
const NEUTRAL_TRAITS_2024 = /^(?:amphibious|spider climb|water breathing|hold breath|illumination|web walker|ice walk|amorphous|immutable form|siege monster|standing leap|running leap|tunneler|abduct|agile|wishes|earth glide|ethereal sight|mimicry|divine awareness|inscrutable|probing telepathy|jumper|sense magic|training|shielded mind|speak with beasts and plants|magic rope|transparent|beast of burden|confer fire resistance|iron scent|limited amphibiousness|shark telepathy|bound|telepathic bond|treasure sense|compression|draconic origin|spirit jar|soul bag|succubus form|incubus form|vampiric connection|flyby|[a-z]+ restoration|troll spawn|loathsome limbs|water susceptibility|aversion to fire)\b/i;

export function readTrait(creature: ReturnType<typeof buildCreature>, r: Reading, name: string, desc: string, out: { approximations: string[]; gaps: string[] }): void {
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
  if (/^aura of authority/i.test(name) && readAllyAura(r, name, desc, out)) return;
  if (/^reflective carapace/i.test(name) && /spell that requires a ranged attack roll, roll 1d6\. On a 1-5, the [\w' -]+? is unaffected\. On a 6, [^.]*reflects the spell/i.test(plainText(desc))) {
    (creature.traits ??= {}).reflectsSpellAttacks = true;
    out.approximations.push(`${name}: a spell's ranged attack roll against it does nothing, or on a 6 on a d6 is rolled against its caster instead; Magic Missile, which the simulation runs as damage no save stops, still hits it`);
    return;
  }
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
  const saves = /attack rolls and saving throws/i.test(text);
  r.effectActions.push({
    type: 'effect', name, slot: 'bonus', uses: { per: 'encounter', count: 1 }, condition: 'self-below-half', target: 'self', targets: 1,
    effect: { name: `${r.monster} ${name}`, duration: { kind: 'encounter' }, attacksBy: 'advantage', ...(saves && { savesBy: 'advantage' as const }) },
  });
  out.approximations.push(`${name}: advantage on its attack rolls${saves ? ' and saving throws' : ''} once below half its hit points (Bloodied is half or fewer), from the bonus action after its action on its first such turn to the end of the fight${/melee/i.test(text) ? ' (it makes only melee attacks)' : ''}`);
  return true;
}

/**
 * "While in a 10-foot Emanation originating from the hobgoblin, the hobgoblin and its allies have
 * Advantage on attack rolls and saving throws": every ally is assumed within reach, from the bonus
 * action of its first turn until it falls (an effect timed by its turns ends with it).
 */
function readAllyAura(r: Reading, name: string, desc: string, out: { approximations: string[]; gaps: string[] }): boolean {
  const text = plainText(desc);
  const aura = /while in an? (\d+)-foot emanation originating from the [\w' -]+?, the [\w' -]+? and its allies have advantage on attack rolls and saving throws/i.exec(text);
  if (!aura) return false;
  r.effectActions.push({
    type: 'effect', name, slot: 'bonus', uses: { per: 'encounter', count: 1 }, condition: 'always', target: 'allies', targets: 50,
    effect: { name: `${r.monster} ${name}`, duration: { kind: 'rounds', rounds: 100 }, attacksBy: 'advantage', savesBy: 'advantage' },
  });
  out.approximations.push(`${name}: every ally is assumed to stay within ${aura[1]} feet of it; advantage on attack rolls and saving throws from the bonus action of its first turn until it falls`
    + `${/incapacitated/i.test(text) ? ' (the aura is not switched off while it is incapacitated)' : ''}`);
  return true;
}
