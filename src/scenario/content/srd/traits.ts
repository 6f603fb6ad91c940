// Special traits of SRD stat blocks, each read into what the engine runs (Magic Resistance, Pack
// Tactics, Regeneration, Sneak Attack, Charge...), a stated approximation, a gap, or nothing at all
// when it does not change a stand-up fight (senses, movement, languages, camouflage).

import type { AttackAction, CreatureSpec, DamageType, EffectAction, EffectSpec } from '../../../engine/index.ts';
import { OUTSIDE_THE_FIGHT, riderOf, saveIn } from './features.ts';
import { asDamageType, findByName, normaliseDice, regenerationOf, stripTags, traitIsNeutral } from './stat-block.ts';

export interface TraitOutcome {
  approximations: string[];
  gaps: string[];
}

/** Traits that change nothing in a fight as the simulation runs it, beyond the stat-block reader's own list. */
const ALSO_NEUTRAL = new RegExp('^(?:' + [
  'shapechanger', 'swarm', 'rejuvenation', 'incorporeal movement', 'antimagic susceptibility', 'elemental demise',
  'keen hearing and sight', 'keen sight and smell', 'keen senses', 'keen hearing', 'brute', 'legendary resistance',
  'magic resistance', 'pack tactics', 'regeneration', 'tail spike regrowth', 'spellcasting', 'innate spellcasting',
  'turn resistance', 'turn defiance', 'freedom of movement', 'air form', 'water form', 'fire form', 'ephemeral',
  'ambusher', 'ethereal jaunt', 'grappler', 'hellish rejuvenation', 'ooze cube', 'corrode metal', 'rust metal',
  'water susceptibility', 'aversion of fire', 'spell storing', 'two-headed', 'two heads', 'multiple heads',
  'shielded mind', 'evasion', 'cunning action', 'surprise attack', 'assassinate', 'divine eminence', 'freeze',
  'consume life', 'gibbering', 'aberrant ground', 'reactive heads', 'reactive', 'barbed hide', 'mucous cloud', 'adhesive',
  'grasping tendrils',
].join('|') + ')\\b', 'i');

/** What a trait that is neither run nor a gap does not do, said once per kind. */
const STATED: Array<[RegExp, string]> = [
  [/^shapechanger/i, ''],
  [/^swarm/i, ''],
  [/^(?:rejuvenation|hellish rejuvenation|elemental demise|tail spike regrowth|ephemeral|consume life)/i, ''],
  [/^(?:incorporeal movement|air form|water form|fire form|ethereal jaunt|freedom of movement|grappler|ooze cube|corrode metal|rust metal|spell storing|water susceptibility|aversion of fire|antimagic susceptibility|turn resistance|turn defiance|shielded mind|gibbering|aberrant ground|divine eminence|freeze)/i, ''],
  [/^(?:two-headed|two heads|multiple heads|reactive heads|reactive)/i, 'extra reactions and heads are not used; the simulation gives it one reaction'],
  [/^ambusher|^surprise attack|^assassinate/i, 'its bonus when it surprises is not used (the fight is assumed to start without it surprising anyone)'],
  [/^evasion/i, 'half damage on a successful Dexterity save is run as written; no damage on a success is not (treated as half)'],
  [/^cunning action/i, 'Dash, Disengage or Hide as a bonus action: counted as nothing (the simulation has no positions)'],
];

export interface TraitContext {
  creature: CreatureSpec;
  /** The effect actions built so far; traits may add some. */
  effectActions: EffectAction[];
  /** Name of the monster, for effect names. */
  monsterName: string;
}

function attackNamed(c: CreatureSpec, name: string): AttackAction | undefined {
  const attacks = c.actions.filter((a): a is AttackAction => a.type === 'attack');
  return findByName(attacks, name);
}

/** The main damage type of the creature's first attack, for damage the text gives no type. */
function mainType(c: CreatureSpec): DamageType {
  const first = c.actions.find((a): a is AttackAction => a.type === 'attack');
  return first?.attacks[0].damageType ?? 'bludgeoning';
}

function extraOf(text: string): { dice: string; type: DamageType | null } | null {
  const m = /extra\s+(?:\d+\s*)?\((\d+d\d+(?:\s*[+-]\s*\d+)?)\)\s*(?:([a-z]+)\s+)?damage/i.exec(text);
  if (!m) return null;
  const dice = normaliseDice(m[1]);
  return dice ? { dice, type: m[2] ? asDamageType(m[2]) : null } : null;
}

/**
 * Charge, Pounce, Trampling Charge: the first turn's attack (alone, or in the Multiattack that
 * includes it) with the extra damage and the prone rider, once per fight, tried first. The charge
 * is assumed to succeed on the first turn; any later charge and the bonus attack against a prone
 * target are not made.
 */
function charge(ctx: TraitContext, traitName: string, text: string, out: TraitOutcome): boolean {
  const m = /hits it with (?:a |an |its )?([a-z ]+?)(?: attack)? on the same turn/i.exec(text);
  if (!m) return false;
  const c = ctx.creature;
  const attack = attackNamed(c, m[1]);
  if (!attack) return false;
  const host = c.actions.find((a): a is AttackAction => a.type === 'attack' && a.uses.per === 'at-will' && a.attacks.length > 1
    && a.attacks.some((x) => x.toHit === attack.attacks[0].toHit && x.damage === attack.attacks[0].damage)) ?? attack;
  const extra = extraOf(text);
  const attacks = host.attacks.map((x) => ({ ...x }));
  const at = attacks.findIndex((x) => x.toHit === attack.attacks[0].toHit && x.damage === attack.attacks[0].damage);
  if (at < 0) return false;
  const charged = { ...attacks[at], count: 1 };
  if (extra) {
    const type = extra.type ?? charged.damageType;
    if (type === charged.damageType) charged.damage = `${charged.damage}+${extra.dice}`;
    else charged.extraDamage = [...(charged.extraDamage ?? []), { damage: extra.dice, damageType: type }];
  }
  const rest = attacks[at].count - 1;
  const list = [...attacks.slice(0, at), charged, ...(rest > 0 ? [{ ...attacks[at], count: rest }] : []), ...attacks.slice(at + 1)];
  const rider = riderOf(`${ctx.monsterName} ${traitName}`, traitName, text, null);
  const action: AttackAction = {
    ...host, name: `${host.name} (${traitName.toLowerCase()})`, uses: { per: 'encounter', count: 1 }, attacks: list,
    ...(rider && rider.effect.conditions?.length ? { effect: rider.effect, ...(rider.save && { effectSave: rider.save }) } : {}),
  };
  if (host.effect && !action.effect) action.effect = host.effect;
  c.actions.unshift(action);
  const bonus = /can make (?:one|another) [a-z ]*attack/i.test(text) ? '; the extra attack against a prone target is not made' : '';
  out.approximations.push(`${traitName}: the charge is assumed to succeed once, on its first turn${bonus}`);
  return true;
}

/** An aura that works at the start of each nearby creature's turn (Stench), run once per fight on every enemy. */
function aura(ctx: TraitContext, traitName: string, text: string, out: TraitOutcome): boolean {
  if (!/starts its turn within/i.test(text)) return false;
  const save = saveIn(text);
  const rider = riderOf(`${ctx.monsterName} ${traitName}`, traitName, text, save);
  if (!rider || !rider.save || !rider.effect.conditions?.length) return false;
  const effect: EffectSpec = { ...rider.effect, saveEnds: true, duration: { kind: 'encounter' } };
  ctx.effectActions.push({
    type: 'effect', name: traitName, slot: 'bonus', uses: { per: 'encounter', count: 1 }, condition: 'always',
    target: 'enemies', enemyTargeting: 'highest-damage', targets: 50, effect, save: rider.save,
  } as EffectAction);
  out.approximations.push(`${traitName}: every enemy is assumed to start its turn in the aura; each saves once (a bonus action in the first round), a failure lasts until it succeeds on a save at the end of one of its turns`);
  return true;
}

/**
 * Advantage on saves against conditions (Fey Ancestry, Dark Devotion, Brave, Duergar Resilience)
 * or against spells (Gnome Cunning, Duergar Resilience), each as the trait's text gives it.
 */
function saveAdvantage(ctx: TraitContext, traitName: string, text: string, out: TraitOutcome): boolean {
  const traits = (ctx.creature.traits ??= {});
  const against = new Set(traits.saveAdvantageAgainst ?? []);
  const m = /advantage on ((?:(?:intelligence|wisdom|charisma),?\s(?:and\s)?)*)saving throws against ([^.]+)/i.exec(text);
  if (!m) return false;
  const what = `${m[1]} against ${m[2]}`.toLowerCase();
  for (const c of ['charmed', 'frightened', 'paralyzed', 'poisoned'] as const) if (what.includes(c)) against.add(c);
  // "against poison" (Duergar Resilience): saves against being poisoned.
  if (/\bpoison\b/.test(what)) against.add('poisoned');
  const spellAbilities = /(intelligence|wisdom|charisma).* against magic/i.test(what)
    ? (['int', 'wis', 'cha'] as const).filter((a) => new RegExp({ int: 'intelligence', wis: 'wisdom', cha: 'charisma' }[a]).test(what)) : [];
  if (/\bspells\b/.test(what)) traits.magicResistance = true;
  if (spellAbilities.length > 0) traits.spellSaveAdvantage = [...spellAbilities];
  if (against.size === 0 && spellAbilities.length === 0 && !/\bspells\b/.test(what)) return false;
  if (against.size > 0) traits.saveAdvantageAgainst = [...against];
  const notes: string[] = [];
  if (/can't put [a-z ]*to sleep/i.test(text)) notes.push('the immunity to magical sleep is not checked (a Sleep spell still affects it)');
  if (/\bpoison\b/.test(what)) notes.push('its advantage against poison is run on saves against being poisoned');
  if (/illusions/.test(what)) notes.push('illusions are not simulated');
  if (spellAbilities.length > 0) notes.push('its advantage against magic is run on saves against spells');
  if (notes.length > 0) out.approximations.push(`${traitName}: ${notes.join('; ')}`);
  return true;
}

/** "When the mephit dies, it explodes...": damage to the enemies near it when it dies. */
function deathBurst(ctx: TraitContext, traitName: string, text: string, out: TraitOutcome): boolean {
  const save = saveIn(text);
  const m = /taking\s+(?:\d+\s*)?\((\d+d\d+(?:\s*[+-]\s*\d+)?)\)\s+([a-z]+)\s+damage|or take\s+(?:\d+\s*)?\((\d+d\d+(?:\s*[+-]\s*\d+)?)\)\s+([a-z]+)\s+damage/i.exec(text);
  if (!save || !/\bdies\b/i.test(text)) return false;
  const range = Number(/within (\d+) (?:feet|ft)/i.exec(text)?.[1] ?? 5);
  const targets = range <= 5 ? 2 : range <= 10 ? 3 : 4;
  const caught = `assumed to catch ${targets} enemies ${range <= 5 ? '(those fighting it in melee)' : `within ${range} feet`} when it dies`;
  // A burst that only blinds (the Dust Mephit's): the condition, saved against again at the end of each turn.
  const blinds = !m && /or be blinded for 1 minute/i.test(text) && /repeat the saving throw/i.test(text);
  if (blinds) {
    ctx.creature.deathBurst = {
      dc: save.dc, ability: save.ability, damage: '0', damageType: 'bludgeoning', onSuccess: 'none', targets,
      effect: { name: `${ctx.monsterName} ${traitName}`, duration: { kind: 'encounter' }, conditions: ['blinded'], saveEnds: true },
    };
    out.approximations.push(`${traitName}: ${caught}; the blindness lasts until a save at the end of one of its turns rather than at most 1 minute`);
    return true;
  }
  if (!m) return false;
  const damage = normaliseDice(m[1] ?? m[3]);
  const damageType = asDamageType(m[2] ?? m[4]);
  if (!damage || !damageType) return false;
  const onSuccess = /half as much/i.test(text) ? 'half' : 'none';
  ctx.creature.deathBurst = { dc: save.dc, ability: save.ability, damage, damageType, onSuccess, targets };
  out.approximations.push(`${traitName}: ${caught}`);
  return true;
}

/**
 * Heated Body ("A creature that touches the azer or hits it with a melee attack while within 5 ft.
 * of it takes 5 (1d10) fire damage"): the damage back on every melee hit, as a permanent effect.
 */
function heatedBody(ctx: TraitContext, traitName: string, text: string, out: TraitOutcome): boolean {
  const m = /hits it with a melee attack while within 5 (?:ft\.|feet) of it takes\s+(?:\d+\s*)?\((\d+d\d+(?:\s*[+-]\s*\d+)?)\)\s+([a-z]+)\s+damage/i.exec(text);
  const damage = m ? normaliseDice(m[1]) : null;
  const damageType = m ? asDamageType(m[2]) : null;
  if (!damage || !damageType) return false;
  (ctx.creature.effects ??= []).push({
    name: `${ctx.monsterName} ${traitName}`, duration: { kind: 'encounter' }, retaliate: damage, retaliateType: damageType, retaliateAlways: true,
  });
  const moves = /enter a hostile creature's space/i.test(text) ? '; entering creatures\' spaces to burn them is not simulated' : '';
  out.approximations.push(`${traitName}: ${damage} ${damageType} back on every melee hit (every melee attacker is assumed within 5 feet; touching it otherwise is not simulated${moves})`);
  return true;
}

/**
 * The Balor's Fire Aura: damage back on every melee hit (as Heated Body), and damage at the start
 * of each of its turns to every creature within 5 feet, run as damage at the start of each of two
 * enemies' own turns (the two assumed beside it all fight), as the SRD 5.2 reader runs its auras.
 */
function fireAura(ctx: TraitContext, traitName: string, text: string, out: TraitOutcome): boolean {
  const m = /at the start of each of the [a-z' -]+?'s turns, each creature within 5 (?:ft\.|feet) of it takes\s+(?:\d+\s*)?\((\d+d\d+(?:\s*[+-]\s*\d+)?)\)\s+([a-z]+)\s+damage/i.exec(text);
  const damage = m ? normaliseDice(m[1]) : null;
  const damageType = m ? asDamageType(m[2]) : null;
  if (!damage || !damageType || !heatedBody(ctx, traitName, text, out)) return false;
  const targets = 2;
  ctx.effectActions.push({
    type: 'effect', name: traitName, slot: 'bonus', uses: { per: 'encounter', count: 1 }, condition: 'always',
    target: 'enemies', enemyTargeting: 'highest-damage', targets,
    effect: { name: `${ctx.monsterName} ${traitName} (burning)`, duration: { kind: 'encounter' }, turnDamage: { damage, damageType, when: 'start', onSuccess: 'half' } },
  } as EffectAction);
  out.approximations.push(`${traitName}: ${targets} enemies are assumed to stay within 5 feet of it all fight, from its first turn (a bonus action); each takes ${damage} ${damageType} at the start of its own turns rather than at the start of the creature's; flammable objects are not simulated`);
  return true;
}

/**
 * Corrosive Form: the acid on a melee attacker runs as Heated Body (when the stat block has it),
 * and nonmagical weapons' cumulative -1 penalty to attack rolls after each hit (SRD 5.2) runs as
 * +1 AC all fight. The SRD 5.1 penalty to damage rolls stays a gap.
 */
function corrosiveForm(ctx: TraitContext, traitName: string, text: string, out: TraitOutcome): boolean {
  const acid = /hits (?:it|the [a-z ]+?) with a melee attack(?: roll)?(?: while within 5 (?:ft\.|feet) of it)? takes\s+(?:\d+\s*)?\((\d+d\d+)\)\s+acid damage/i.exec(text);
  if (acid) {
    (ctx.creature.effects ??= []).push({
      name: `${ctx.monsterName} ${traitName} (acid)`, duration: { kind: 'encounter' }, retaliate: acid[1], retaliateType: 'acid', retaliateAlways: true,
    });
    out.approximations.push(`${traitName}: ${acid[1]} acid back on every melee hit (every melee attacker is assumed within 5 feet; touching it otherwise is not simulated)`);
  }
  if (/cumulative -1 penalty to attack rolls/i.test(text)) {
    (ctx.creature.effects ??= []).push({ name: `${ctx.monsterName} ${traitName}`, duration: { kind: 'encounter' }, acBonus: 1 });
    out.approximations.push(`${traitName}: the cumulative -1 to attack rolls a nonmagical weapon takes after each hit on it is run as +1 AC against every attack all fight `
      + '(about the average penalty over a fight, counted for magical weapons and spell attacks too); destroyed ammunition is not simulated');
  } else if (/cumulative -1 penalty to damage rolls/i.test(text)) out.gaps.push(`${traitName}: the cumulative -1 to damage rolls a nonmagical weapon takes after each hit on it`);
  return true;
}

/** Reads one trait into the creature; the lines say what is approximated or not run. */
export function applyTrait(ctx: TraitContext, rawName: string, rawText: string, out: TraitOutcome): void {
  const name = rawName.replace(/\s*\([^)]*\)\s*$/, '').trim();
  const text = stripTags(rawText);
  const c = ctx.creature;
  const traits = (c.traits ??= {});
  const lower = name.toLowerCase();
  const display = rawName.trim();

  if (/^magic resistance/.test(lower)) {
    traits.magicResistance = true;
    return;
  }
  if (/^pack tactics/.test(lower)) {
    traits.packTactics = true;
    return;
  }
  if (/^legendary resistance/.test(lower)) return; // read into the legendary actions
  if (/regenerat/.test(lower)) {
    const hp = regenerationOf(name, text);
    if (hp === null) {
      out.gaps.push(`Trait: ${display}`);
      return;
    }
    traits.regeneration = hp;
    const blocked = /takes ([a-z, ]+?) damage[^.]*this trait doesn't function/i.exec(text);
    if (blocked) {
      const types = blocked[1].split(/,\s*|\s+or\s+|\s+and\s+/).map((t) => asDamageType(t.trim())).filter((t): t is DamageType => t !== null);
      if (types.length > 0) traits.regenerationBlockedBy = types;
    }
    if (/sunlight|running water|holy water/i.test(text)) out.approximations.push(`${display}: sunlight, running water and holy water are assumed absent`);
    return;
  }
  if (/^(?:spellcasting|innate spellcasting)/.test(lower)) return; // read by the spellcasting reader
  if (/^(?:charge|pounce|trampling charge)/.test(lower)) {
    if (!charge(ctx, name, text, out)) out.gaps.push(`Trait: ${display}`);
    return;
  }
  if (/^sneak attack|^martial advantage/.test(lower)) {
    const extra = extraOf(text);
    if (!extra) {
      out.gaps.push(`Trait: ${display}`);
      return;
    }
    (c.effects ??= []).push({
      name: `${ctx.monsterName} ${name}`, duration: { kind: 'encounter' }, extraDamage: extra.dice,
      extraDamageType: extra.type ?? mainType(c), extraDamageOncePerTurn: true,
    });
    if (/^martial/.test(lower)) out.approximations.push(`${name}: the ally beside the target is assumed while one stands, as for Sneak Attack`);
    return;
  }
  if (/^reckless/.test(lower)) {
    (c.effects ??= []).push({ name: `${ctx.monsterName} Reckless`, duration: { kind: 'encounter' }, attacksBy: 'advantage', attacksAgainst: 'advantage' });
    out.approximations.push('Reckless: used every turn (advantage on its attacks, and on attacks against it)');
    return;
  }
  if (/^blood frenzy/.test(lower)) {
    (c.effects ??= []).push({ name: `${ctx.monsterName} Blood Frenzy`, duration: { kind: 'encounter' }, attacksBy: 'advantage' });
    out.approximations.push('Blood Frenzy: advantage on every attack (its targets are assumed to be hurt already)');
    return;
  }
  if (/^relentless/.test(lower)) {
    const m = /takes (\d+) damage or less/i.exec(text);
    if (!m) {
      out.gaps.push(`Trait: ${display}`);
      return;
    }
    (c.effects ??= []).push({ name: `${ctx.monsterName} Relentless`, duration: { kind: 'encounter' }, tempHp: m[1] });
    out.approximations.push(`Relentless: counted as ${m[1]} temporary hit points at the start of each fight`);
    return;
  }
  if (/^rampage/.test(lower)) {
    const bite = attackNamed(c, 'bite');
    if (!bite) {
      out.gaps.push(`Trait: ${display}`);
      return;
    }
    c.actions.push({ ...bite, name: `${bite.name} (rampage)`, slot: 'bonus', uses: { per: 'encounter', count: 1 }, condition: 'always' });
    out.approximations.push('Rampage: one bonus-action bite per fight, as if it had dropped a creature');
    return;
  }
  if (/^nimble escape/.test(lower)) {
    out.approximations.push('Nimble Escape: Disengage or Hide as a bonus action counted as nothing (no positions; hiding needs cover)');
    return;
  }
  if (/^aggressive/.test(lower)) {
    out.approximations.push('Aggressive: its bonus-action move changes nothing (every creature is assumed within reach)');
    return;
  }
  if (/^(?:sunlight sensitivity|sunlight weakness|light sensitivity|sunlight hypersensitivity|vampire weaknesses)/.test(lower)) {
    out.approximations.push(`${name}: the fight is assumed to be out of sunlight (and away from running water)`);
    return;
  }
  if (/^berserk/.test(lower)) {
    out.approximations.push('Berserk: it keeps attacking the party when it goes berserk (its allies are not attacked)');
    return;
  }
  if (/^(?:lightning|fire|acid|cold) absorption/.test(lower)) {
    const type = asDamageType(lower.split(' ')[0]);
    if (type && !c.immunities.includes(type)) c.immunities.push(type);
    out.approximations.push(`${name}: run as immunity to ${type}; the healing it gives is not`);
    return;
  }
  if (/^steadfast/.test(lower)) {
    const immune = (traits.conditionImmunities ??= []);
    if (!immune.includes('frightened')) immune.push('frightened');
    out.approximations.push('Steadfast: run as immunity to being frightened (an ally is assumed in sight)');
    return;
  }
  if (/^invisibility/.test(lower) && /is invisible/i.test(text)) {
    (c.effects ??= []).push({ name: `${ctx.monsterName} Invisibility`, duration: { kind: 'encounter' }, conditions: ['invisible'] });
    return;
  }
  if (/^misty escape/.test(lower)) {
    out.approximations.push('Misty Escape: at 0 hit points it is counted as defeated (it escapes as mist)');
    return;
  }
  if (/^(?:stench|fear aura|horrific appearance|petrifying gaze)/.test(lower) && aura(ctx, name, text, out)) return;
  if (/^(?:fey ancestry|dark devotion|brave|duergar resilience|gnome cunning)/.test(lower) && saveAdvantage(ctx, name, text, out)) return;
  if (/^(?:death burst|death throes)/.test(lower) && deathBurst(ctx, name, text, out)) return;
  // Heated Body; Fire Form's damage to melee attackers (its moving through creatures is not simulated).
  if (/^(?:heated body|fire form)/.test(lower) && heatedBody(ctx, name, text, out)) return;
  if (/^fire aura/.test(lower) && fireAura(ctx, name, text, out)) return;
  if (/^corrosive form/.test(lower) && corrosiveForm(ctx, name, text, out)) return;
  // "a Constitution saving throw with a DC of 5+the damage taken, unless the damage is radiant or from a critical hit"
  if (/^undead fortitude/.test(lower) && /constitution saving throw (?:with a DC of 5\s*\+\s*|\(DC 5 plus )the damage taken\)?,? unless the damage is radiant or from a critical hit/i.test(text)) {
    traits.undeadFortitude = true;
    return;
  }

  for (const [re, rule] of STATED) {
    if (!re.test(lower)) continue;
    if (rule) out.approximations.push(`${name}: ${rule}`);
    return;
  }
  if (traitIsNeutral(name, text) || ALSO_NEUTRAL.test(lower) || OUTSIDE_THE_FIGHT.test(lower)) return;
  out.gaps.push(`Trait: ${display}`);
}
