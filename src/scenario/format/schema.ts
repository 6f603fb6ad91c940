// The project's own scenario file format, version 1, as zod schemas. The format is what users
// write and share, so it is lenient: every field but the essentials has a default, enum values
// ignore case, `saveBonus` fills all six saves. Its output is exactly the engine's ScenarioSpec
// (checked by the compiler below) plus the display name and the run settings kept beside it.
// Limits protect the app from files that would freeze or exhaust it.

import { z } from 'zod';
import {
  ABILITIES, ACTION_CONDITIONS, ALLY_TARGETING, CONDITIONS, DAMAGE_TYPES, DEFAULT_RULES, ENEMY_TARGETING,
  DiceError, parseDice,
  type Ability, type ActionSpec, type AttackSpec, type CreatureSpec, type EffectAction, type EffectSpec, type EndsSpec, type EncounterSpec, type SummonSpec,
  type LegendarySpec, type ReactionSpec, type RulesSettings, type ScenarioSpec, type SpellSpec, type TraitsSpec, type Uses,
} from '../../engine/index.ts';

import { MAX_COMBATANTS_PER_SIDE } from '../../engine/compiled.ts';
import { SCENARIO_FORMAT, SCENARIO_VERSION, type ScenarioRunSettings } from './format.ts';

export { SCENARIO_FORMAT, SCENARIO_VERSION, type ScenarioRunSettings };

export const LIMITS = {
  nameLength: 200,
  diceLength: 500,
  /** The engine's own limit, so a file the format accepts is never refused for its size later. */
  combatantsPerSide: MAX_COMBATANTS_PER_SIDE,
  /** A guard against typos; the side's total is what is limited. */
  countPerEntry: 10_000,
  encounters: 50,
  actionsPerCreature: 30,
  attacksPerAction: 20,
  attackCount: 20,
  targets: 50,
  usesCount: 100,
  hp: { min: 1, max: 100_000 },
  ac: { min: 1, max: 50 },
  toHit: { min: -20, max: 50 },
  dc: { min: 1, max: 40 },
  save: { min: -10, max: 30 },
  initiative: { min: -10, max: 30 },
  conModifier: { min: -5, max: 15 },
  roundCap: { min: 1, max: 1000 },
  runs: { min: 1, max: 100_000_000 },
  effectsPerCreature: 20,
  reactionsPerCreature: 10,
  rounds: { min: 1, max: 10_000 },
  seed: { min: 0, max: 4_294_967_295 },
} as const;

/** A validated file: the engine's input plus what is kept beside it. */
export interface ParsedScenarioFile {
  name: string;
  spec: ScenarioSpec;
  run: ScenarioRunSettings;
}

const whole = (min: number, max: number) => z.number().int().min(min).max(max);

/** Enum values are matched without regard to case or surrounding spaces. */
function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(values));
}

const nameText = z.string().trim().min(1).max(LIMITS.nameLength);
/** A creature type as the stat blocks write it ("Humanoid", "dragon"), kept in lower case. */
const creatureType = z.string().trim().toLowerCase().min(1).max(40);

function diceText(extra?: (text: string) => string | null) {
  return z.string().max(LIMITS.diceLength).superRefine((text, ctx) => {
    try {
      parseDice(text);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: e instanceof DiceError ? e.message : `dice text ${JSON.stringify(text)} is not valid` });
      return;
    }
    const problem = extra?.(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** Hit dice are one plain dice term such as "5d10": they are spent one die at a time. */
function hitDiceProblem(text: string): string | null {
  const expr = parseDice(text);
  const t = expr.terms[0];
  if (expr.terms.length !== 1 || expr.flat !== 0 || t.keep !== t.count || t.sign < 0) {
    return `hit dice must look like "5d10", got ${JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text)}`;
  }
  return null;
}

/**
 * Builds every schema once in strict mode (unknown keys are issues, which the loader turns into
 * warnings) and once in strip mode (unknown keys dropped), with identical output types.
 */
function buildSchemas(strict: boolean) {
  // z.strictObject and z.object differ only in how unknown keys are treated; outputs are equal.
  const obj = (strict ? z.strictObject : z.object) as typeof z.object;

  const uses = z
    .discriminatedUnion('per', [
      obj({ per: z.literal('at-will') }),
      obj({ per: z.enum(['encounter', 'short-rest', 'long-rest']), count: whole(1, LIMITS.usesCount).default(1) }),
      obj({ per: z.literal('recharge'), min: whole(2, 6).default(5) }),
    ])
    .transform((u): Uses => (u.per === 'at-will' ? { per: 'at-will' } : u.per === 'recharge' ? { per: 'recharge', min: u.min } : { per: u.per, count: u.count }))
    .default(() => ({ per: 'at-will' as const }));

  /** Only the keys whose value is given: optional fields stay absent rather than undefined. */
  const defined = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

  const saveSpec = obj({ ability: choice(ABILITIES), dc: whole(LIMITS.dc.min, LIMITS.dc.max) });

  const duration = z
    .discriminatedUnion('kind', [
      obj({ kind: z.literal('rounds'), rounds: whole(LIMITS.rounds.min, LIMITS.rounds.max).default(10) }),
      obj({ kind: z.enum(['source-turn-end', 'target-turn-start', 'encounter', 'day']) }),
    ])
    .default(() => ({ kind: 'rounds' as const, rounds: 10 }));

  const effect = obj({
    name: nameText,
    duration,
    attackBonus: diceText().optional(),
    saveBonus: diceText().optional(),
    acBonus: whole(-20, 20).optional(),
    onlyCreatureTypes: z.array(creatureType).min(1).max(20).optional(),
    attacksBy: choice(['advantage', 'disadvantage']).optional(),
    attacksAgainst: choice(['advantage', 'disadvantage']).optional(),
    extraDamage: diceText().optional(),
    extraDamageType: choice(DAMAGE_TYPES).optional(),
    extraDamageOncePerTurn: z.boolean().optional(),
    markDamage: diceText().optional(),
    markDamageType: choice(DAMAGE_TYPES).optional(),
    conditions: z.array(choice(CONDITIONS)).max(CONDITIONS.length * 2).optional(),
    resistances: z.array(choice(DAMAGE_TYPES)).max(DAMAGE_TYPES.length * 2).optional(),
    tempHp: diceText().optional(),
    healEachTurn: diceText().optional(),
    turnDamage: obj({
      damage: diceText(),
      damageType: choice(DAMAGE_TYPES).default('force'),
      when: choice(['start', 'end']).default('start'),
      save: saveSpec.optional(),
      onSuccess: choice(['half', 'none']).default('half'),
    }).optional(),
    retaliate: diceText().optional(),
    retaliateType: choice(DAMAGE_TYPES).optional(),
    retaliateAlways: z.boolean().optional(),
    preventsHealing: z.boolean().optional(),
    saveEnds: z.boolean().optional(),
    endsOnDamage: z.boolean().optional(),
    savesBy: choice(['advantage']).optional(),
    exhaustion: whole(1, 6).optional(),
  }).transform((e): EffectSpec => {
    const out = defined({ ...e, turnDamage: e.turnDamage && defined(e.turnDamage) });
    if (out.conditions) out.conditions = [...new Set(out.conditions)];
    if (out.resistances) out.resistances = [...new Set(out.resistances)];
    return out;
  });

  const spell = obj({
    level: whole(0, 9),
    upcast: diceText().optional(),
    upcastTargets: whole(0, 10).optional(),
    cantripScaling: z.boolean().optional(),
    concentration: z.boolean().optional(),
  }).transform((sp): SpellSpec => defined(sp));

  const actionBase = {
    name: nameText,
    slot: choice(['action', 'bonus']).default('action'),
    uses,
    condition: choice(ACTION_CONDITIONS).default('always'),
    spell: spell.optional(),
  };

  const attack = obj({
    toHit: whole(LIMITS.toHit.min, LIMITS.toHit.max),
    damage: diceText(),
    damageType: choice(DAMAGE_TYPES).default('bludgeoning'),
    count: whole(1, LIMITS.attackCount).default(1),
    critOn: whole(2, 20).default(20),
    reach: choice(['melee', 'ranged']).default('melee'),
    extraDamage: z.array(obj({ damage: diceText(), damageType: choice(DAMAGE_TYPES), withAdvantage: z.boolean().optional() })
      .transform((p) => defined(p))).max(4).optional(),
    mastery: z.discriminatedUnion('kind', [
      obj({ kind: z.literal('graze'), damage: whole(0, 20) }),
      obj({ kind: z.literal('vex') }),
      obj({ kind: z.literal('cleave'), damage: diceText() }),
    ]).optional(),
    againstHeld: obj({ effect: nameText, damage: diceText().optional() }).optional(),
  }).transform((a): AttackSpec => ({
    toHit: a.toHit, damage: a.damage, damageType: a.damageType, count: a.count, critOn: a.critOn, reach: a.reach,
    ...(a.extraDamage !== undefined && a.extraDamage.length > 0 && { extraDamage: a.extraDamage }),
    ...(a.mastery !== undefined && { mastery: a.mastery }),
    ...(a.againstHeld !== undefined && { againstHeld: defined(a.againstHeld) }),
  }));

  const action = z
    .discriminatedUnion('type', [
      obj({
        type: z.literal('attack'),
        ...actionBase,
        targeting: choice(ENEMY_TARGETING).default('lowest-hp'),
        attacks: z.array(attack).min(1).max(LIMITS.attacksPerAction),
        effect: effect.optional(),
        effectSave: saveSpec.optional(),
        effectOncePerTurn: z.boolean().optional(),
        smite: obj({
          damage: diceText().default('2d8'),
          upcast: diceText().default('1d8'),
          maxLevel: whole(1, 9).default(4),
          damageType: choice(DAMAGE_TYPES).default('radiant'),
        }).optional(),
      }),
      obj({
        type: z.literal('save'),
        ...actionBase,
        targeting: choice(ENEMY_TARGETING).default('lowest-hp'),
        dc: whole(LIMITS.dc.min, LIMITS.dc.max),
        ability: choice(ABILITIES),
        damage: diceText(),
        damageType: choice(DAMAGE_TYPES).default('bludgeoning'),
        onSuccess: choice(['half', 'none']).default('half'),
        targets: whole(1, LIMITS.targets).default(1),
        effect: effect.optional(),
        slay: obj({ hp: whole(1, 10000), dies: z.boolean().default(false) }).optional(),
      }),
      obj({
        type: z.literal('heal'),
        ...actionBase,
        targeting: choice(ALLY_TARGETING).default('lowest-hp-fraction'),
        amount: diceText(),
        targets: whole(1, LIMITS.targets).default(1),
        temporary: z.boolean().default(false),
      }),
      obj({
        type: z.literal('effect'),
        ...actionBase,
        target: choice(['self', 'allies', 'enemies']),
        enemyTargeting: choice(ENEMY_TARGETING).optional(),
        targets: whole(1, LIMITS.targets).default(1),
        effect: effect.optional(),
        ends: obj({
          conditions: z.array(choice(CONDITIONS)).max(CONDITIONS.length * 2).optional(),
          spells: z.boolean().optional(),
          checkBonus: whole(-5, 20).optional(),
        }).transform((e): EndsSpec => defined({ ...e, conditions: e.conditions && [...new Set(e.conditions)] })).optional(),
        save: saveSpec.optional(),
        position: whole(0, LIMITS.actionsPerCreature).optional(),
      }).refine((a) => (a.effect === undefined) !== (a.ends === undefined), { message: 'an effect action needs either an effect or what it ends ("ends"), not both' }),
    ])
    .transform((a): ActionSpec | EffectAction => {
      const base = defined({ name: a.name, slot: a.slot, uses: a.uses, condition: a.condition, spell: a.spell });
      switch (a.type) {
        case 'attack':
          return defined({
            type: 'attack', ...base, targeting: a.targeting, attacks: a.attacks, effect: a.effect, effectSave: a.effectSave,
            effectOncePerTurn: a.effectOncePerTurn === true ? true : undefined, smite: a.smite,
          });
        case 'save':
          return defined({
            type: 'save', ...base, targeting: a.targeting, dc: a.dc, ability: a.ability, damage: a.damage,
            damageType: a.damageType, onSuccess: a.onSuccess, targets: a.targets, effect: a.effect,
          });
        case 'heal':
          return { type: 'heal', ...base, targeting: a.targeting, amount: a.amount, targets: a.targets, temporary: a.temporary };
        case 'effect':
          return defined({
            type: 'effect', ...base, target: a.target, enemyTargeting: a.enemyTargeting, targets: a.targets, effect: a.effect,
            ends: a.ends, save: a.save, position: a.position,
          });
      }
    });

  const effectAction = action.refine((a) => a.type === 'effect', { message: 'must be an action of type "effect"' })
    .transform((a) => a as EffectAction);

  const reaction = z
    .discriminatedUnion('kind', [
      obj({ kind: z.literal('shield'), uses: uses.optional() }),
      obj({ kind: z.literal('uncanny-dodge'), uses: uses.optional() }),
      obj({ kind: z.literal('parry'), acBonus: whole(1, 20), riposte: nameText.optional(), uses: uses.optional() }),
      obj({ kind: z.literal('hellish-rebuke'), damage: diceText().default('2d10'), dc: whole(LIMITS.dc.min, LIMITS.dc.max), uses: uses.optional() }),
      obj({ kind: z.literal('counterspell'), bonus: whole(-5, 20), saveDc: whole(LIMITS.dc.min, LIMITS.dc.max).optional(), uses: uses.optional() }),
    ])
    .transform((r): ReactionSpec => defined(r) as ReactionSpec);

  const legendary = obj({
    perRound: whole(0, 10).default(3),
    resistances: whole(0, 10).default(0),
    actions: z.array(obj({ cost: whole(1, 5).default(1), action, oncePerRound: z.boolean().optional() })
      .transform((la) => defined(la))).max(LIMITS.actionsPerCreature).default(() => []),
  }).transform((l): LegendarySpec => l);

  const traits = obj({
    magicResistance: z.boolean().optional(),
    packTactics: z.boolean().optional(),
    regeneration: whole(0, 1000).optional(),
    regenerationBlockedBy: z.array(choice(DAMAGE_TYPES)).max(DAMAGE_TYPES.length * 2).optional(),
    conditionImmunities: z.array(choice(CONDITIONS)).max(CONDITIONS.length * 2).optional(),
    undeadFortitude: z.boolean().optional(),
    reflectsSpellAttacks: z.boolean().optional(),
    saveAdvantageAgainst: z.array(choice(CONDITIONS)).max(CONDITIONS.length * 2).optional(),
    spellSaveAdvantage: z.array(choice(ABILITIES)).max(ABILITIES.length * 2).optional(),
  }).transform((t): TraitsSpec => defined(t));

  const deathBurst = obj({
    dc: whole(LIMITS.dc.min, LIMITS.dc.max),
    ability: choice(ABILITIES),
    damage: diceText(),
    damageType: choice(DAMAGE_TYPES),
    onSuccess: choice(['half', 'none']).default('half'),
    targets: whole(1, 50).default(3),
    effect: effect.optional(),
  }).transform((b) => defined(b));

  const saveBonus = whole(LIMITS.save.min, LIMITS.save.max);
  const damageTypes = z.array(choice(DAMAGE_TYPES)).max(DAMAGE_TYPES.length * 2).default(() => []);

  // A summoned creature is a creature without summons of its own (see SummonSpec).
  const summon = (summoned: z.ZodType<CreatureSpec>) => obj({
    name: nameText,
    creature: summoned,
    when: choice(['before-fight', 'action']),
    uses: uses.optional(),
    number: diceText().optional(),
    delay: diceText().optional(),
    leaves: choice(['summoner', 'concentration', 'never']),
    spell: spell.optional(),
    needsCorpse: z.boolean().optional(),
  }).transform((g): SummonSpec => defined(g));

  const creature = (defaultKind: CreatureSpec['kind'], summoned?: z.ZodType<CreatureSpec>) =>
    obj({
      name: nameText,
      // The side's total is checked below with a message that names both numbers.
      count: whole(1, LIMITS.countPerEntry).default(1),
      kind: choice(['character', 'monster']).default(defaultKind),
      hp: whole(LIMITS.hp.min, LIMITS.hp.max),
      hpFormula: diceText().nullable().default(null),
      rollHp: z.boolean().default(false),
      ac: whole(LIMITS.ac.min, LIMITS.ac.max),
      initiativeBonus: whole(LIMITS.initiative.min, LIMITS.initiative.max).default(0),
      initiativeAdvantage: z.boolean().default(false),
      saveBonus: saveBonus.optional(),
      saves: obj({
        str: saveBonus.optional(), dex: saveBonus.optional(), con: saveBonus.optional(),
        int: saveBonus.optional(), wis: saveBonus.optional(), cha: saveBonus.optional(),
      }).optional(),
      resistances: damageTypes,
      immunities: damageTypes,
      vulnerabilities: damageTypes,
      nonmagicalResistances: z.array(choice(DAMAGE_TYPES)).max(DAMAGE_TYPES.length * 2).optional(),
      nonmagicalImmunities: z.array(choice(DAMAGE_TYPES)).max(DAMAGE_TYPES.length * 2).optional(),
      hitDice: diceText(hitDiceProblem).nullable().default(null),
      conModifier: whole(LIMITS.conModifier.min, LIMITS.conModifier.max).default(0),
      actions: z.array(action).max(LIMITS.actionsPerCreature).default(() => []),
      effectActions: z.array(effectAction).max(LIMITS.actionsPerCreature).optional(),
      creatureType: creatureType.optional(),
      level: whole(1, 30).optional(),
      spellSlots: z.array(whole(0, 20)).max(9).optional(),
      caster: choice(['full', 'half', 'third', 'pact']).optional(),
      reactions: z.array(reaction).max(LIMITS.reactionsPerCreature).optional(),
      legendary: legendary.optional(),
      lairActions: z.array(action).max(LIMITS.actionsPerCreature).optional(),
      traits: traits.optional(),
      effects: z.array(effect).max(LIMITS.effectsPerCreature).optional(),
      tactics: choice(['in-order', 'auto']).optional(),
      deathBurst: deathBurst.optional(),
      summons: summoned === undefined ? z.unknown().optional() : z.array(summon(summoned)).max(4).optional(),
    }).superRefine((c, ctx) => {
      if (summoned === undefined && c.summons !== undefined) ctx.addIssue({ code: 'custom', path: ['summons'], message: 'a summoned creature cannot summon others in turn' });
      if (c.caster !== undefined && c.level === undefined && c.spellSlots === undefined) {
        ctx.addIssue({ code: 'custom', path: ['level'], message: 'is needed with "caster" to know the spell slots' });
      }
    }).transform((c): CreatureSpec => {
      const saves = {} as Record<Ability, number>;
      for (const ab of ABILITIES) saves[ab] = c.saves?.[ab] ?? c.saveBonus ?? 0;
      // Effect actions written among the actions keep their place: they are tried just before the
      // action that follows them.
      const actions: ActionSpec[] = [];
      const effectActions: EffectAction[] = [...(c.effectActions ?? [])];
      for (const a of c.actions) {
        if (a.type === 'effect') effectActions.push({ ...a, position: a.position ?? actions.length });
        else actions.push(a);
      }
      return {
        name: c.name, count: c.count, kind: c.kind, hp: c.hp, hpFormula: c.hpFormula, rollHp: c.rollHp, ac: c.ac,
        initiativeBonus: c.initiativeBonus, initiativeAdvantage: c.initiativeAdvantage, saves,
        resistances: [...new Set(c.resistances)], immunities: [...new Set(c.immunities)],
        vulnerabilities: [...new Set(c.vulnerabilities)],
        ...(c.nonmagicalResistances !== undefined && c.nonmagicalResistances.length > 0 && { nonmagicalResistances: [...new Set(c.nonmagicalResistances)] }),
        ...(c.nonmagicalImmunities !== undefined && c.nonmagicalImmunities.length > 0 && { nonmagicalImmunities: [...new Set(c.nonmagicalImmunities)] }),
        hitDice: c.hitDice, conModifier: c.conModifier, actions,
        ...defined({
          effectActions: effectActions.length > 0 ? effectActions : undefined,
          creatureType: c.creatureType, level: c.level, spellSlots: c.spellSlots, caster: c.caster, reactions: c.reactions, legendary: c.legendary,
          lairActions: c.lairActions, traits: c.traits, effects: c.effects, tactics: c.tactics, deathBurst: c.deathBurst,
          summons: c.summons as SummonSpec[] | undefined,
        }),
      };
    });

  /** One side of a fight: at most LIMITS.combatantsPerSide combatants once every `count` is expanded. */
  const side = (defaultKind: CreatureSpec['kind']) =>
    z.array(creature(defaultKind, creature('monster'))).min(1).max(LIMITS.combatantsPerSide).superRefine((list, ctx) => {
      const total = list.reduce((sum, c) => sum + c.count, 0);
      if (total > LIMITS.combatantsPerSide) {
        ctx.addIssue({
          code: 'custom',
          message: `has ${total} combatants once each count is expanded, more than the limit of ${LIMITS.combatantsPerSide}`,
        });
      }
    });

  const encounter = obj({
    name: nameText.optional(),
    enemies: side('monster'),
    shortRestBefore: z.boolean().default(false),
    surprise: choice(['none', 'party', 'enemies']).default('none'),
  });

  const rules = obj({
    roundCap: whole(LIMITS.roundCap.min, LIMITS.roundCap.max).default(DEFAULT_RULES.roundCap),
    attackDowned: choice(['never', 'when-none-standing', 'always']).default(DEFAULT_RULES.attackDowned),
    hitDicePolicy: choice(['none', 'to-half', 'to-full']).default(DEFAULT_RULES.hitDicePolicy),
    resourcePolicy: choice(['nova', 'balanced', 'conserve']).optional(),
    tactics: choice(['in-order', 'auto']).optional(),
    magicalWeapons: z.boolean().optional(),
    edition: choice(['2014', '2024']).optional(),
  })
    .transform((r): RulesSettings => ({
      roundCap: r.roundCap, attackDowned: r.attackDowned, hitDicePolicy: r.hitDicePolicy,
      ...(r.resourcePolicy !== undefined && { resourcePolicy: r.resourcePolicy }),
      ...(r.tactics !== undefined && { tactics: r.tactics }),
      ...(r.magicalWeapons === true && { magicalWeapons: true }),
      // 2014 is what an absent edition means: kept out, so the request key of older files stays the same.
      ...(r.edition === '2024' && { edition: '2024' as const }),
    }))
    .default(() => ({ ...DEFAULT_RULES }));

  const run = obj({
    runs: whole(LIMITS.runs.min, LIMITS.runs.max).optional(),
    seed: whole(LIMITS.seed.min, LIMITS.seed.max).optional(),
  })
    .transform((r): ScenarioRunSettings => {
      const out: ScenarioRunSettings = {};
      if (r.runs !== undefined) out.runs = r.runs;
      if (r.seed !== undefined) out.seed = r.seed;
      return out;
    })
    .default(() => ({}));

  return obj({
    format: z.literal(SCENARIO_FORMAT),
    version: z.literal(SCENARIO_VERSION),
    name: nameText.default('Untitled scenario'),
    party: side('character'),
    encounters: z.array(encounter).min(1).max(LIMITS.encounters),
    rules,
    run,
  }).transform((f): ParsedScenarioFile => {
    const encounters = f.encounters.map((e, i): EncounterSpec => ({
      name: e.name ?? `Encounter ${i + 1}`,
      enemies: e.enemies,
      shortRestBefore: e.shortRestBefore,
      surprise: e.surprise,
    }));
    return { name: f.name, spec: { party: f.party, encounters, rules: f.rules }, run: f.run };
  });
}

/** Unknown keys are issues here (the loader reports them as warnings). */
export const scenarioFileStrictSchema = buildSchemas(true);
/** The same schema with unknown keys dropped. */
export const scenarioFileSchema = buildSchemas(false);

export type ScenarioFileInput = z.input<typeof scenarioFileSchema>;

// Compile-time proof that the schema's output is exactly the engine's input (both directions).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const outputIsSpec: Same<z.output<typeof scenarioFileSchema>['spec'], ScenarioSpec> = true;
const strictMatches: Same<z.output<typeof scenarioFileStrictSchema>, z.output<typeof scenarioFileSchema>> = true;
void outputIsSpec;
void strictMatches;
