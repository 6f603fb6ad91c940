// Attack rolls in the SRD 5.2 text: the damage of a hit (the text first, the attack table as a
// check and a fallback), and what a hit does besides (riders, grapples, a charge's knock-down).
// The text is the authority because the Open5e attack table drops alternatives and riders.

import type { ActionSpec, AttackAction, Uses } from '../../../engine/index.ts';
import { asDamageType, circumstanceOf, damageMentions, normaliseDice, onlySometimes, type DamagePart, type ParsedAction } from '../srd/stat-block.ts';
import { readRider, type Reading } from './reading.ts';
import type { Srd2024Action, Srd2024Attack } from './source.ts';
import { as2014Wording, type AttackRoll } from './text.ts';

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
    const after = firstSentence.slice(m.end, m.end + 60);
    // "plus 2 (1d4) Slashing damage if the attack roll had Advantage": dealt only then.
    if (/^\s*if the attack roll had advantage/i.test(after)) parts.push({ dice: m.dice, type, withAdvantage: true });
    // "2d6 + 4 Piercing damage, or 4d6 + 4 Piercing damage if the chimera had Advantage on the attack roll": the extra dice with advantage.
    else if (/^\s*,?\s*or\b/i.test(gap) && /^\s*if the [\w-]+ had advantage on the attack roll/i.test(after) && moreDiceWith(parts[0], m.dice, type) !== null) {
      parts.push({ dice: moreDiceWith(parts[0], m.dice, type)!, type, withAdvantage: true });
    }
    else if (/advantage/i.test(firstSentence.slice(m.end, m.end + 60))) r.lines.push(`${name}: ${m.dice} ${m.typeText} damage if the attack roll had advantage`);
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

/** The dice `alternative` adds to `first` ("4d6+4" over "2d6+4": "2d6"), when they differ only in the number of dice of one size. */
function moreDiceWith(first: DamagePart, alternative: string, type: DamagePart['type']): string | null {
  const a = /^(\d+)d(\d+)(.*)$/.exec(first.dice), b = /^(\d+)d(\d+)(.*)$/.exec(alternative);
  if (!a || !b || first.type !== type || a[2] !== b[2] || a[3] !== b[3] || Number(b[1]) <= Number(a[1])) return null;
  return `${Number(b[1]) - Number(a[1])}d${a[2]}`;
}

export function readAttack(a: Srd2024Action, roll: AttackRoll, slot: 'action' | 'bonus', uses: Uses, parsed: ParsedAction[], r: Reading): void {
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
  } else if (/during the first round of each combat/i.test(roll.bonusNote)) {
    // Its first turn is in the first round: an effect on itself until the end of that turn.
    r.permanent.push({ name: `${r.monster} ${a.name} in the first round`, duration: { kind: 'source-turn-end' }, attacksBy: 'advantage' });
    r.approximations.push(`${a.name}: advantage during the first round, run as advantage on all its attack rolls in its first turn`);
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

/**
 * "(with Advantage if the target is Grappled by the bugbear)" on one attack, beside another action
 * that grapples (escape DC N): the grapple becomes the monster's own effect (a Strength save against
 * the escape DC to avoid it, repeated at the end of each of the target's turns to escape), taken
 * once a fight before the attack, which has advantage (and its own damage, a mimic's bite) against
 * the creature it holds.
 */
export function readHeldAdvantage(actions: ActionSpec[], r: Reading): void {
  for (const line of [...r.lines]) {
    const held = /^(.+): with advantage if the target is grappled by the [\w' -]+ is not counted$/.exec(line);
    const user = held ? actions.find((x): x is AttackAction => x.type === 'attack' && x.name === held[1]) : undefined;
    const at = r.approximations.findIndex((l) => /^[^:]+: grapples \(escape DC \d+\); being grappled only stops movement/.test(l));
    if (!user || at < 0) continue;
    const grabName = r.approximations[at].replace(/: grapples .*$/, '');
    const dc = Number(/escape DC (\d+)/.exec(r.approximations[at])![1]);
    const grab = actions.find((x): x is AttackAction => x.type === 'attack' && x.name === grabName && !x.effect);
    if (!grab) continue;
    const effect = `${r.monster} grapple`;
    grab.effect = { name: effect, duration: { kind: 'encounter' }, saveEnds: true };
    grab.effectSave = { ability: 'str', dc };
    grab.condition = 'not-used-yet';
    // "7 (1d8 + 3) Piercing damage—or 12 (2d8 + 3) Piercing damage if the target is Grappled": noted as an alternative by the damage reader.
    const alternative = r.lines.findIndex((l) => l.startsWith(`${user.name}: `) && / damage as an alternative$/.test(l));
    const damage = alternative >= 0 ? /: (\S+) /.exec(r.lines[alternative])?.[1] : undefined;
    if (alternative >= 0) r.lines.splice(alternative, 1);
    for (const atk of user.attacks) atk.againstHeld = { effect, ...(damage && { damage }) };
    // The grab goes first, once; then the attack that gains from it.
    if (actions.indexOf(grab) > actions.indexOf(user)) actions.splice(actions.indexOf(user), 0, ...actions.splice(actions.indexOf(grab), 1));
    r.lines.splice(r.lines.indexOf(line), 1);
    r.approximations.splice(at, 1, `${grabName}: its grapple (escape DC ${dc}) is run as a DC ${dc} Strength save to avoid it and again at the end of each of the target's turns to escape; `
      + `used once a fight, before ${user.name}, which has advantage${damage ? ` and deals ${damage}` : ''} against the creature it holds`);
  }
}
