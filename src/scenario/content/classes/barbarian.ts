// Barbarian: a greatsword, Rage (resistance and extra damage), Reckless Attack, Extra Attack,
// and the Path of the Berserker (SRD) or of the Bear totem.

import {
  atWill, byLevel, mod, perLongRest, scoresAt, weaponAttack, WEAPONS,
  type AbilityPlan, type ActionInput, type ClassDefinition, type EffectInput,
} from './common.ts';

export const PLAN: AbilityPlan = {
  start: { str: 16, dex: 14, con: 16, int: 8, wis: 12, cha: 10 },
  raises: ['str', 'str', 'con', 'con', 'dex'],
};

/** Rages per long rest (at 20th level, unlimited) and the Rage damage bonus. */
const RAGES: ReadonlyArray<readonly [number, number]> = [[1, 2], [3, 3], [6, 4], [12, 5], [17, 6], [20, Infinity]];
const RAGE_DAMAGE: ReadonlyArray<readonly [number, number]> = [[1, 2], [9, 3], [16, 4]];
/** Extra weapon dice on a critical hit (Brutal Critical); noted, not simulated. */
const BRUTAL_CRITICAL: ReadonlyArray<readonly [number, number]> = [[1, 0], [9, 1], [13, 2], [17, 3]];

export const barbarian: ClassDefinition = {
  info: {
    id: 'barbarian',
    name: 'Barbarian',
    hitDie: 12,
    summary: 'Greatsword, Rage, Reckless Attack; a tough front line that hits hard and gets hit often',
    options: [
      { id: 'berserker', label: 'Path of the Berserker', group: 'path', minLevel: 3, description: 'Frenzy: an extra attack as a bonus action while raging (exhaustion afterwards is not simulated).' },
      { id: 'bear-totem', label: 'Totem Warrior (Bear)', group: 'path', minLevel: 3, description: 'While raging, resistance to every damage type but psychic.' },
      { id: 'reckless', label: 'Reckless Attack', minLevel: 2, description: 'Always attack recklessly: advantage on its attacks, and attacks against it have advantage.' },
      { id: 'great-weapon-master', label: 'Great Weapon Master', minLevel: 4, description: 'Taken at 4th level instead of +2 Strength: -5 to hit, +10 damage on every greatsword attack.' },
    ],
    defaultOptions: ['berserker', 'reckless'],
  },
  build({ level, prof, has }) {
    const gwm = has('great-weapon-master') && level >= 4;
    const s = scoresAt(PLAN, level, gwm ? 1 : 0);
    // Primal Champion: Strength and Constitution +4, to a maximum of 24.
    if (level >= 20) {
      s.str = Math.min(24, s.str + 4);
      s.con = Math.min(24, s.con + 4);
    }
    const str = mod(s.str);
    const notes: string[] = [];
    const rages = byLevel(level, RAGES);
    const attacks = level >= 5 ? 2 : 1;
    const gwmPenalty = gwm ? { toHitBonus: -5, damageBonus: str + 10 } : { damageBonus: str };
    const bearTotem = has('bear-totem') && level >= 3;
    const rage: EffectInput = {
      name: 'Rage', duration: { kind: 'rounds', rounds: 10 },
      resistances: bearTotem
        ? ['acid', 'bludgeoning', 'cold', 'fire', 'force', 'lightning', 'necrotic', 'piercing', 'poison', 'radiant', 'slashing', 'thunder']
        : ['bludgeoning', 'piercing', 'slashing'],
      extraDamage: String(byLevel(level, RAGE_DAMAGE)), extraDamageType: 'slashing',
    };
    const actions: ActionInput[] = [
      {
        type: 'effect', name: 'Rage', slot: 'bonus', target: 'self', effect: rage,
        ...(Number.isFinite(rages) ? { uses: perLongRest(rages) } : { uses: atWill }),
      },
    ];
    if (has('berserker') && level >= 3) {
      actions.push({ type: 'attack', name: 'Frenzy (Greatsword)', slot: 'bonus', attacks: [weaponAttack(WEAPONS.greatsword, str + prof, gwmPenalty)] });
      notes.push('Frenzy attacks every turn, even when no rage is left, and its exhaustion is not simulated.');
    }
    actions.push({
      type: 'attack', name: attacks > 1 ? 'Greatsword (Extra Attack)' : 'Greatsword',
      attacks: [weaponAttack(WEAPONS.greatsword, str + prof, { ...gwmPenalty, count: attacks })],
    });

    const effects: EffectInput[] = [];
    if (has('reckless') && level >= 2) {
      effects.push({ name: 'Reckless Attack', duration: { kind: 'encounter' }, attacksBy: 'advantage', attacksAgainst: 'advantage' });
      notes.push('Reckless Attack is always used, so its advantage covers every attack it makes, ranged or not.');
    }
    const brutal = byLevel(level, BRUTAL_CRITICAL);
    if (brutal > 0) notes.push(`Brutal Critical (${brutal} extra weapon ${brutal === 1 ? 'die' : 'dice'} on a critical hit) is not simulated.`);
    if (level >= 2) notes.push('Danger Sense (advantage on Dexterity saves) is not simulated.');
    if (level >= 11) notes.push('Relentless Rage (dropping to 1 HP instead of 0) is not simulated.');
    if (gwm) notes.push('Great Weapon Master\'s power attack is used on every attack whatever the target\'s AC; its bonus attack after a kill or critical hit is not simulated.');
    notes.push('Rage ends with the fight (a minute), not when the barbarian stops attacking; its damage bonus also applies to Frenzy.');

    return {
      scores: s,
      saveProficiencies: ['str', 'con'],
      ac: 10 + mod(s.dex) + mod(s.con), // Unarmored Defense
      initiativeAdvantage: level >= 7, // Feral Instinct
      actions,
      effects,
      approximations: notes,
    };
  },
};
