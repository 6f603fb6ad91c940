// Converts one SRD 5.2 creature (the Open5e export, joined by source.ts) into a compendium entry:
// the game facts of its stat block and a CreatureSpec the engine runs. The 2024 stat blocks are
// regular text, so the actions are read from it (attack rolls, saving-throw effects with their
// conditions and repeated saves, Multiattack, recharge and per-day uses, bonus actions, reactions,
// legendary actions, spellcasting); the attack table's numbers back the text up. The shared SRD 5.1
// helpers build the engine's actions, riders and traits, so both editions run the same way. What is
// run by a stated rule goes into `approximations`, what is not run into `notModelled`; description
// prose never reaches the output. This module assembles the creature; the readers it calls live
// beside it, one file per kind (actions, attacks, saving throws, traits, legendary actions).

import {
  ABILITIES, CONDITIONS, type Ability, type ActionSpec, type AttackAction, type Condition, type DamageType, type SaveAction, type LegendaryActionSpec, type ReactionSpec,
} from '../../../engine/index.ts';
import { splitFidelity } from '../srd/features.ts';
import { addPrecastImmunities } from '../srd/monster-spells.ts';
import { readMultiattack } from '../srd/multiattack.ts';
import {
  abilityModifier, asDamageType, buildActions, buildCreature, crToText, findByName, hpFormulaOrNull, keepSimulatable, xpForCr, type MultiattackPlan,
} from '../srd/stat-block.ts';
import type { CompendiumMonster, ImportedMonster, LegendaryInfo } from '../srd/types.ts';
import { readOne, readReaction } from './actions.ts';
import { readHeldAdvantage } from './attacks.ts';
import { LEGENDARY_USES_ASSUMED, legendaryAction, orderLegendary } from './legendary.ts';
import { isNeutral, usesOf, type Parsed, type Reading } from './reading.ts';
import type { Srd2024Action, Srd2024Creature } from './source.ts';
import { buildSpells, type BuiltSpells, type CasterContext } from './spells.ts';
import { plainText, readAttackRoll } from './text.ts';
import { readTrait } from './traits.ts';

// The assumed legendary uses were exported from the converter; they stay importable from it.
export { LEGENDARY_USES_ASSUMED } from './legendary.ts';

const ABILITY_FIELDS: Record<Ability, string> = {
  str: 'strength', dex: 'dexterity', con: 'constitution', int: 'intelligence', wis: 'wisdom', cha: 'charisma',
};

const CR_VALUES = new Set([0, 0.125, 0.25, 0.5, ...Array.from({ length: 30 }, (_, i) => i + 1)]);

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

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
  for (const x of actions) {
    const slay = x.type === 'save' ? r.slays?.get(x.name) : undefined;
    if (slay) (x as SaveAction).slay = slay;
  }
  readHeldAdvantage(actions, r);
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
    addPrecastImmunities(creature, built);
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
  for (const x of reactions) {
    // A riposte names one of its attacks; one that is not there is a gap, not a compile error.
    if (x.kind === 'parry' && x.riposte && !creature.actions.some((y) => y.type === 'attack' && y.name === x.riposte)) {
      const at = r.approximations.findIndex((l) => l.includes(`one ${x.riposte} attack against the attacker`));
      if (at >= 0) r.approximations.splice(at, 1);
      r.lines.push(`Reaction: parry (its ${x.riposte} riposte is not one of its attacks)`);
      delete x.riposte;
    }
  }
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
