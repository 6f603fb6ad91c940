// Converts one monster of the 5e SRD API (the 5e-database JSON, as served by dnd5eapi.co and
// copied in the reference folder) into a compendium entry: game facts and a simulatable
// CreatureSpec. Pure and defensive: every field is read on its own with a schema, a field that is
// missing or odd is noted and skipped, and description prose is read only to find facts the
// structured fields leave out (ranged or melee, half damage on a save, conditions inflicted); it
// never reaches the output.

import { z } from 'zod';
import type { ActionSpec, LegendaryActionSpec, ReactionSpec } from '../../../engine/index.ts';
import { splitFidelity } from './features.ts';
import { addPrecastImmunities } from './monster-spells.ts';
import { monsterSpellcasting } from './monster-spells.ts';
import { applyTrait } from './traits.ts';
import {
  abilityFromText, AMULET_WEARER, countWord, buildActions, buildCreature, crToText, findByName, keepSimulatable, regenerationOf, usesFromName, type MultiattackPlan,
  type ParsedAction, isObj, type Obj, shown,
} from './stat-block.ts';
import type { CompendiumMonster, ImportedMonster, LegendaryInfo } from './types.ts';
import {
  field, leftOut, MAX_NAME, MAX_TEXT, namedEntry, SRD_FIELDS, usageSchema, usageSuffix, type SrdAction,
} from './convert-fields.ts';
import { readSrdFacts } from './convert-facts.ts';
import { readAction, shillelaghOf, srdMultiattack, type MultiattackSource, type ReadContext } from './convert-actions.ts';
import { legendaryAction, orderLegendary } from './convert-legendary.ts';

/** The conditions the engine runs, for the stat block's condition immunities. */
const CONDITIONS_RUN = ['blinded', 'charmed', 'frightened', 'incapacitated', 'invisible', 'paralyzed', 'poisoned', 'prone', 'restrained', 'stunned', 'unconscious'] as const;

/** Converts one SRD API monster. Never throws; what cannot be read is in `notes`. */
export function convertSrdMonster(input: unknown): ImportedMonster {
  const notes: string[] = [];
  const notModelled: string[] = [];
  const o: Obj = isObj(input) ? input : {};
  if (!isObj(input)) notes.push(`expected a monster object, got ${shown(input)}`);

  const {
    name, id, size, type, subtype, abilities, ac, acField, hitDice, hpFormula, hp, saves,
    nonmagicalResistances, nonmagicalImmunities, resistances, immunities, vulnerabilities, conditionImmunities, cr, xp,
  } = readSrdFacts(o, notes, notModelled);

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
    addPrecastImmunities(creature, spells);
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
    // A shield guardian's reaction protects the wearer of its amulet, not itself.
    if (/wearer of the guardian's amulet/i.test(n.data.desc ?? '')) {
      ctx.approximations.push(`${n.data.name}: ${AMULET_WEARER}`);
      continue;
    }
    // A gaze that answers a creature starting its turn near it (the Chain Devil's Unnerving Mask).
    const gaze = /starts its turn within \d+ feet of the [\w' -]+?\b/i.test(n.data.desc ?? '') && /frightened until the end of its turn/i.test(n.data.desc ?? '')
      ? /DC (\d+) (Strength|Dexterity|Constitution|Intelligence|Wisdom|Charisma) saving throw/i.exec(n.data.desc ?? '') : null;
    if (gaze) {
      ctx.effectActions.push({
        type: 'effect', name: n.data.name, slot: 'bonus', uses: { per: 'at-will' }, condition: 'always', target: 'enemies', enemyTargeting: 'highest-damage', targets: 1,
        effect: { name: `${name} ${n.data.name}`, duration: { kind: 'source-turn-end' }, conditions: ['frightened'] },
        save: { ability: abilityFromText(gaze[2])!, dc: Number(gaze[1]) },
      });
      ctx.approximations.push(`${n.data.name}: run as a bonus action on one enemy each round instead of a reaction as it starts its turn: frightened until the end of the ${name.toLowerCase()}'s next turn, which covers that enemy's turn`);
      continue;
    }
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
