// scenario/content/: the rules content a scenario is built from: character templates (classes/,
// this module) and the SRD monster compendium (srd/compendium.ts), both plain scenario-format JSON.
//
// Character templates: the 12 SRD classes and the artificer at levels 1 to 20, built as party
// members in the scenario file format. Each class file holds its build as readable data (ability
// scores and their improvements, level tables for its features) and turns it into actions,
// effects and reactions the engine runs; what the engine cannot run is listed, in plain words, in
// `approximations`. Choices a player makes (subclass, fighting style, feats) are options.

import { artificer } from './artificer.ts';
import { barbarian } from './barbarian.ts';
import { barbarian2024 } from './barbarian-2024.ts';
import { bard } from './bard.ts';
import { bard2024 } from './bard-2024.ts';
import { cleric } from './cleric.ts';
import { cleric2024 } from './cleric-2024.ts';
import {
  ABILITY_KEYS, averageHp, mod, proficiency,
  type BuiltCharacter, type ClassBuild, type ClassDefinition, type ClassId, type ClassInfo, type PartyMember, type TemplateChoice,
  type TemplateEdition,
} from './common.ts';
import { druid } from './druid.ts';
import { druid2024 } from './druid-2024.ts';
import { with2024Healing } from './edition-2024.ts';
import { fighter } from './fighter.ts';
import { fighter2024 } from './fighter-2024.ts';
import { monk } from './monk.ts';
import { monk2024 } from './monk-2024.ts';
import { paladin } from './paladin.ts';
import { paladin2024 } from './paladin-2024.ts';
import { ranger } from './ranger.ts';
import { ranger2024 } from './ranger-2024.ts';
import { rogue } from './rogue.ts';
import { rogue2024 } from './rogue-2024.ts';
import { sorcerer } from './sorcerer.ts';
import { sorcerer2024 } from './sorcerer-2024.ts';
import { warlock } from './warlock.ts';
import { warlock2024 } from './warlock-2024.ts';
import { wizard } from './wizard.ts';
import { wizard2024 } from './wizard-2024.ts';

export type { BuiltCharacter, ClassId, ClassInfo, ClassOption, TemplateChoice, TemplateEdition } from './common.ts';
export { proficiency, FULL_CASTER_SLOTS, HALF_CASTER_SLOTS, ARTIFICER_SLOTS, PACT_SLOTS } from './common.ts';

const DEFINITIONS: Record<ClassId, ClassDefinition> = {
  artificer, barbarian, bard, cleric, druid, fighter, monk, paladin, ranger, rogue, sorcerer, warlock, wizard,
};

/**
 * The SRD 5.2 classes. The artificer is not in the SRD 5.2: under 2024 rules it is the 2014
 * template with the 2024 healing dice.
 */
const DEFINITIONS_2024: Record<ClassId, ClassDefinition> = {
  artificer: {
    info: artificer.info,
    build: (ctx) => {
      const build = with2024Healing(artificer.build(ctx));
      return { ...build, approximations: ['The artificer is not in the SRD 5.2: this is its 2014 template, with Cure Wounds at the 2024 2d8.', ...build.approximations] };
    },
  },
  barbarian: barbarian2024, bard: bard2024, cleric: cleric2024, druid: druid2024, fighter: fighter2024, monk: monk2024,
  paladin: paladin2024, ranger: ranger2024, rogue: rogue2024, sorcerer: sorcerer2024, warlock: warlock2024, wizard: wizard2024,
};

/** The 2014 classes (the SRD 5.1's and the artificer). */
export const CLASSES: readonly ClassInfo[] = Object.freeze(Object.values(DEFINITIONS).map((d) => d.info));
const CLASSES_2024: readonly ClassInfo[] = Object.freeze(Object.values(DEFINITIONS_2024).map((d) => d.info));

/** The classes a template picker offers under an edition's rules (their options and subclasses differ). */
export const classesFor = (edition: TemplateEdition | undefined): readonly ClassInfo[] => (edition === '2024' ? CLASSES_2024 : CLASSES);

export function isClassId(x: unknown): x is ClassId {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(DEFINITIONS, x);
}

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

/**
 * The options in force. `requested` is the full selection when given (independent toggles are on
 * only when listed); an exclusive group with nothing selected falls back to its default, since a
 * fighter always has a fighting style. Without `requested`, the class's defaults.
 */
export function resolveOptions(info: ClassInfo, requested: readonly string[] | undefined): Set<string> {
  const known = new Map(info.options.map((o) => [o.id, o]));
  const chosen = new Set<string>();
  const byGroup = new Map<string, string>();
  for (const id of requested ?? info.defaultOptions) {
    const option = known.get(id);
    if (!option) {
      const list = info.options.map((o) => o.id).join(', ');
      throw new TemplateError(`${info.name} has no option "${id}"${list ? `; its options are ${list}` : '; it has no options'}`);
    }
    if (option.group !== undefined) {
      const other = byGroup.get(option.group);
      if (other !== undefined && other !== id) {
        throw new TemplateError(`${info.name} options "${other}" and "${id}" exclude each other (both in the "${option.group}" group); choose one`);
      }
      byGroup.set(option.group, id);
    }
    chosen.add(id);
  }
  for (const id of info.defaultOptions) {
    const group = known.get(id)?.group;
    if (group !== undefined && !byGroup.has(group)) {
      byGroup.set(group, id);
      chosen.add(id);
    }
  }
  return chosen;
}

/** The class definition and options of a choice, or a TemplateError naming what is wrong with it. */
function checkChoice(choice: TemplateChoice): { def: ClassDefinition; level: number; options: Set<string> } {
  if (choice === null || typeof choice !== 'object') throw new TemplateError('a character template needs a class and a level');
  const { classId, level, edition } = choice;
  if (edition !== undefined && edition !== '2014' && edition !== '2024') {
    throw new TemplateError(`unknown rules edition ${JSON.stringify(edition)}; a template is built to "2014" or "2024"`);
  }
  if (!isClassId(classId)) {
    throw new TemplateError(`unknown class ${JSON.stringify(classId)}; the classes are ${Object.keys(DEFINITIONS).join(', ')}`);
  }
  const def = (edition === '2024' ? DEFINITIONS_2024 : DEFINITIONS)[classId];
  if (typeof level !== 'number' || !Number.isInteger(level) || level < 1 || level > 20) {
    throw new TemplateError(`${def.info.name} level must be a whole number from 1 to 20, got ${JSON.stringify(level)}`);
  }
  if (choice.options !== undefined && !Array.isArray(choice.options)) {
    throw new TemplateError(`${def.info.name} options must be a list of option ids`);
  }
  return { def, level, options: resolveOptions(def.info, choice.options) };
}

export function buildCharacter(choice: TemplateChoice): BuiltCharacter {
  const { def, level, options } = checkChoice(choice);
  const prof = proficiency(level);
  const build = def.build({ level, prof, has: (id) => options.has(id) });
  const approximations = [...build.approximations];
  for (const option of def.info.options) {
    if (options.has(option.id) && option.minLevel !== undefined && level < option.minLevel) {
      approximations.push(`${option.label} starts at level ${option.minLevel}: it changes nothing at level ${level}.`);
    }
  }
  approximations.push(...COMMON_APPROXIMATIONS);
  if (choice.edition === '2024') approximations.push(...COMMON_APPROXIMATIONS_2024);
  const name = choice.name?.trim() || `${def.info.name} ${level}`;
  return { creature: assemble(name, def.info, level, prof, build), approximations };
}

/** What every template assumes, whatever its class. */
export const COMMON_APPROXIMATIONS: readonly string[] = [
  'Ability scores follow a typical build (primary ability 16 at 1st level, raised to 20 by 8th level, later when a feat takes an improvement) and HP use the fixed average per level.',
  'No magic items beyond what a feature provides; armor improves with level as wealth allows.',
  'Movement, range, cover and positioning are not modelled: everyone can reach everyone.',
];

/** What every SRD 5.2 (2024) template adds to those. */
export const COMMON_APPROXIMATIONS_2024: readonly string[] = [
  'Built to the SRD 5.2 (2024) rules: in a scenario whose rules.edition is "2024" it casts one slotted spell a turn and Divine Smite as a bonus action.',
  'The 19th-level Epic Boon adds 1 to the ability the build raises there; its other benefit is not simulated. Origin feats are not simulated.',
];

function assemble(name: string, info: ClassInfo, level: number, prof: number, b: ClassBuild): PartyMember {
  const s = b.scores;
  const con = mod(s.con);
  const saves = Object.fromEntries(ABILITY_KEYS.map((ab) => [
    ab, mod(s[ab]) + (b.saveProficiencies.includes(ab) ? prof : 0) + (b.allSaves ?? 0),
  ])) as Record<(typeof ABILITY_KEYS)[number], number>;
  const hasSlots = b.spellSlots !== undefined && b.spellSlots.some((n) => n > 0);
  const out: PartyMember = {
    name,
    kind: 'character',
    level,
    hp: averageHp(info.hitDie, level, con, b.hpPerLevel ?? 0),
    ac: b.ac,
    initiativeBonus: mod(s.dex) + (b.initiativeExtra ?? 0),
    ...(b.initiativeAdvantage && { initiativeAdvantage: true }),
    saves,
    ...(b.resistances && b.resistances.length > 0 && { resistances: b.resistances }),
    hitDice: `${level}d${info.hitDie}`,
    conModifier: con,
    actions: b.actions,
    ...(b.reactions && b.reactions.length > 0 && { reactions: b.reactions }),
    ...(b.effects && b.effects.length > 0 && { effects: b.effects }),
    ...(b.traits && { traits: b.traits }),
    ...(hasSlots && { spellSlots: b.spellSlots }),
    ...(b.caster && (hasSlots || b.caster === 'pact') && { caster: b.caster }),
  };
  // A fresh copy, so a caller editing it never touches the shared tables.
  return structuredClone(out);
}

/** The ability scores a template assumes at a level (for display beside the built character). */
export function templateScores(choice: TemplateChoice): Record<string, number> {
  const { def, level, options } = checkChoice(choice);
  return { ...def.build({ level, prof: proficiency(level), has: (id) => options.has(id) }).scores };
}
