// Events of one run in full-log mode, for replaying a fight round by round. Lean mode records
// none of these; it only adds to the aggregate.

export type EncounterOutcome = 'victory' | 'defeat' | 'draw';

export type LogEvent =
  | { t: 'encounter'; encounter: number; name: string }
  | { t: 'rest'; healed: Array<{ who: string; hitDice: number; hp: number }> }
  | { t: 'initiative'; order: Array<{ who: string; roll: number; total: number }> }
  | { t: 'round'; round: number }
  | { t: 'turn'; who: string; hp: number }
  | { t: 'surprised'; who: string }
  | { t: 'recharge'; who: string; action: string; roll: number; ready: boolean }
  | { t: 'action'; who: string; action: string }
  | {
      t: 'attack'; who: string; target: string; roll: number; rolls: number[]; total: number; ac: number;
      hit: boolean; critical: boolean; damage: number; targetHp: number;
    }
  | { t: 'save'; who: string; target: string; ability: string; dc: number; roll: number; total: number; success: boolean; damage: number; targetHp: number }
  | { t: 'heal'; who: string; target: string; amount: number; temporary: boolean; targetHp: number }
  | { t: 'down'; who: string }
  | { t: 'death-save'; who: string; roll: number; successes: number; failures: number }
  | { t: 'stable'; who: string }
  /** Back above 0 HP; `roll` is the death save's d20 when a natural 20 did it (absent when healed). */
  | { t: 'revived'; who: string; hp: number; roll?: number }
  /** A spell attack against a creature with Reflective Carapace: no effect, or `reflected` at its caster. */
  | { t: 'reflected'; who: string; caster: string; reflected: boolean }
  | { t: 'dead'; who: string; cause: 'death-saves' | 'massive-damage' | 'damage' | 'finished-off' | 'slain' }
  | { t: 'end'; encounter: number; outcome: EncounterOutcome; rounds: number }
  | { t: 'effect'; who: string; target: string; effect: string }
  /** A summoning: how many of its creatures come, in how many rounds (0: at once). */
  | { t: 'summon'; who: string; summons: string; count: number; rounds: number }
  | { t: 'arrive'; who: string; summoner: string }
  /** A summoned creature leaves the fight: its summoner died or lost concentration on the spell. */
  | { t: 'leave'; who: string; why: 'summoner-fell' | 'concentration' | 'spell-ended' }
  | { t: 'effect-end'; who: string; effect: string; reason: 'expired' | 'saved' | 'concentration' | 'fight-over' | 'replaced' | 'source-fell' | 'damaged' | 'target-fell' | 'ended' }
  | { t: 'concentration'; who: string; dc: number; roll: number; total: number; success: boolean }
  | { t: 'legendary-resistance'; who: string; left: number }
  | { t: 'reaction'; who: string; reaction: string; against: string }
  | { t: 'slot'; who: string; action: string; level: number }
  | { t: 'lair'; who: string; action: string }
  | { t: 'legendary'; who: string; action: string; pointsLeft: number }
  | { t: 'turn-damage'; who: string; target: string; effect: string; damage: number; targetHp: number }
  | { t: 'regenerate'; who: string; amount: number; hp: number }
  /** A spell not cast because of the spells-per-turn rule: `slot` says which of the two was given up for `cast`. */
  | { t: 'spell-rule'; who: string; skipped: string; cast: string; slot: 'action' | 'bonus' }
  /** Dispel Magic's ability check against a spell of a higher level than the one cast: `success` when the effect ended. */
  | { t: 'dispel-check'; who: string; target: string; effect: string; roll: number; total: number; dc: number; success: boolean }
  /** Counterspell against a spell: `success` when the spell failed. */
  | { t: 'countered'; who: string; target: string; spell: string; level: number; success: boolean }
  /** A weapon mastery taking effect: Graze's damage on a miss, or Cleave's attack on a second creature (damage 0: its attack follows). */
  | { t: 'mastery'; who: string; target: string; mastery: 'Graze' | 'Cleave'; damage: number; targetHp: number };
