// The shape of a compendium monster: the game facts of a stat block, for display and search, plus
// the simulatable `CreatureSpec` the engine runs. Everything the engine cannot run yet is listed
// in `notModelled`, so the UI can mark the monster as approximated and say why.

import type { Ability, CreatureSpec, DamageType } from '../../../engine/types.ts';

export interface LegendaryAction {
  name: string;
  /** How many of the round's legendary actions it costs. */
  cost: number;
}

export interface LegendaryInfo {
  /** Legendary actions per round (3 for every SRD monster that has them). */
  actionsPerRound: number;
  /** Uses of Legendary Resistance per day; 0 when the monster has none. */
  resistancePerDay: number;
  actions: LegendaryAction[];
}

export interface CompendiumMonster {
  /** The SRD API index ("adult-red-dragon"), or a slug of the name for imported monsters. */
  id: string;
  name: string;
  size: string;
  type: string;
  subtype: string | null;
  /** Challenge rating as a number (0.25 for CR 1/4). */
  cr: number;
  /** Challenge rating as printed ("1/4"). */
  crText: string;
  xp: number;
  ac: number;
  hp: number;
  /** The hit dice without the Constitution bonus, e.g. "19d12". */
  hitDice: string;
  abilities: Record<Ability, number>;
  /** Saving throw bonuses: the proficient value where the stat block gives one, else the ability modifier. */
  saves: Record<Ability, number>;
  resistances: DamageType[];
  immunities: DamageType[];
  vulnerabilities: DamageType[];
  conditionImmunities: string[];
  /** Legendary actions and resistance: facts for display, not run by the engine yet. */
  legendary: LegendaryInfo | null;
  /** Names of special traits ("Pack Tactics", "Legendary Resistance (3/Day)"). */
  traits: string[];
  /** Hit points regained at the start of each turn (Regeneration), or null. */
  regeneration: number | null;
  /** What the stat block has that the simulation does not run, or runs approximately. */
  notModelled: string[];
  /** The stat block as the engine runs it. */
  creature: CreatureSpec;
}

/** One converted monster and what the importer could not map from its source. */
export interface ImportedMonster {
  entry: CompendiumMonster;
  notes: string[];
}
