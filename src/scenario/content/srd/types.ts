// The shape of a compendium monster: the game facts of a stat block, for display and search, plus
// the simulatable `CreatureSpec` the engine runs. What the simulation runs by a stated rule rather
// than as written is listed in `approximations`; what it does not run at all, in `notModelled`, so
// the UI can say how faithfully a monster runs and why.

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
  /** Legendary actions and resistance as the stat block gives them (the creature's `legendary` runs them). */
  legendary: LegendaryInfo | null;
  /** Names of special traits ("Pack Tactics", "Legendary Resistance (3/Day)"). */
  traits: string[];
  /** Hit points regained at the start of each turn (Regeneration), or null. */
  regeneration: number | null;
  /** What the simulation runs by a stated rule rather than as written ("Charge: assumed to succeed once, on its first turn"). */
  approximations: string[];
  /** What the stat block has that affects a fight and the simulation does not run at all (the gaps). */
  notModelled: string[];
  /** The stat block as the engine runs it. */
  creature: CreatureSpec;
}

/** One converted monster and what the importer could not map from its source. */
export interface ImportedMonster {
  entry: CompendiumMonster;
  notes: string[];
}
