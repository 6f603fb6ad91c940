// Importer for save files of BattleSim (Trekiros) and its fork battlesim2. It turns one into a
// document of our own format, version 1, which then goes through the same validation and compile
// check as any other file. BattleSim works with averages and has buffs, templates and reactions
// the engine does not simulate yet: what is approximated or left out is said in a warning, and
// errors name the field as it is spelled in the BattleSim file.

import {
  diceMean, parseDice, DiceError,
  type ActionCondition, type AllyTargeting, type DamageType, type DiceExpr, type EnemyTargeting, type Surprise,
} from '../../engine/index.ts';
import { ScenarioError, clip, kindOf } from '../format/errors.ts';
import { SCENARIO_FORMAT, SCENARIO_VERSION } from '../format/schema.ts';

type Doc = Record<string, unknown>;

export interface BattleSimImport {
  /** A document in our format (version 1), not yet validated. */
  document: Doc;
  warnings: string[];
  /** Maps a path in `document` (e.g. `party[0].actions[1].attacks[0].damage`) to the BattleSim field. */
  toSourcePath: (path: string) => string;
}

/** A BattleSim save has players and either encounters (BattleSim) or a timeline (battlesim2). */
export function isBattleSimDocument(doc: Doc): boolean {
  return 'players' in doc && ('encounters' in doc || 'timeline' in doc);
}

const isDoc = (v: unknown): v is Doc => v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (doc: Doc, key: string): boolean => Object.prototype.hasOwnProperty.call(doc, key) && doc[key] !== undefined;

// BattleSim's own schema marks these as display data the simulator never reads.
const DESCRIPTIVE_CREATURE_FIELDS = new Set(['id', 'mode', 'type', 'cr', 'src', 'class']);
const CREATURE_FIELDS = new Set([
  'name', 'count', 'hp', 'AC', 'ac', 'saveBonus', 'strSaveBonus', 'dexSaveBonus', 'conSaveBonus', 'intSaveBonus',
  'wisSaveBonus', 'chaSaveBonus', 'initiativeBonus', 'initiativeAdvantage', 'hitDice', 'conModifier', 'actions',
]);
const ACTION_FIELDS = new Set([
  'id', 'name', 'type', 'actionSlot', 'freq', 'condition', 'targets', 'target', 'dpr', 'toHit', 'useSaves', 'halfOnSave',
  'amount', 'tempHP', 'tags', 'description', 'buff', 'saveDC', 'templateOptions',
]);

const BATTLESIM_CONDITIONS: Record<string, Doc> = {
  blinded: { conditions: ['blinded'] },
  charmed: { conditions: ['charmed'] },
  frightened: { conditions: ['frightened'] },
  incapacitated: { conditions: ['incapacitated'] },
  invisible: { conditions: ['invisible'] },
  paralyzed: { conditions: ['paralyzed'] },
  poisoned: { conditions: ['poisoned'] },
  prone: { conditions: ['prone'] },
  restrained: { conditions: ['restrained'] },
  stunned: { conditions: ['stunned'] },
  unconscious: { conditions: ['unconscious'] },
  'attacks with advantage': { attacksBy: 'advantage' },
  'attacks with disadvantage': { attacksBy: 'disadvantage' },
  'is attacked with advantage': { attacksAgainst: 'advantage' },
  'is attacked with disadvantage': { attacksAgainst: 'disadvantage' },
  'attacks and is attacked with advantage': { attacksBy: 'advantage', attacksAgainst: 'advantage' },
};

const ALL_DAMAGE_TYPES: DamageType[] = [
  'acid', 'bludgeoning', 'cold', 'fire', 'force', 'lightning', 'necrotic', 'piercing', 'poison', 'psychic', 'radiant', 'slashing', 'thunder',
];

interface TemplateMapping {
  /** Our action (without name, slot, uses, condition), or a reaction. */
  build: (options: { dc: number | undefined; targets: number | undefined }) => Doc;
  placement?: Placement;
  /** What is approximated, for the warning. */
  note?: string;
  /** The save DC when the file gives none. */
  defaultDc?: number;
}

const CONC = (level: number, extra: Doc = {}) => ({ level, concentration: true, ...extra });

/** BattleSim's spell templates, mapped onto the effect model (with the SRD's numbers). */
const TEMPLATES: Record<string, TemplateMapping> = {
  bless: { build: ({ targets }) => ({ type: 'effect', target: 'allies', targets: targets ?? 3, spell: CONC(1),
    effect: { name: 'Bless', attackBonus: '1d4', saveBonus: '1d4' } }) },
  bane: { defaultDc: 13, build: ({ dc, targets }) => ({ type: 'effect', target: 'enemies', targets: targets ?? 3, spell: CONC(1),
    save: { ability: 'cha', dc }, effect: { name: 'Bane', attackBonus: '-1d4', saveBonus: '-1d4' } }) },
  shield: { placement: 'reaction', build: () => ({ kind: 'shield' }) },
  'shield of faith': { build: () => ({ type: 'effect', target: 'allies', targets: 1, spell: CONC(1),
    effect: { name: 'Shield of Faith', acBonus: 2 } }) },
  "hunter's mark": { build: () => ({ type: 'effect', target: 'enemies', targets: 1, spell: CONC(1),
    effect: { name: "Hunter's Mark", duration: { kind: 'encounter' }, markDamage: '1d6', markDamageType: 'piercing' } }),
  note: 'the extra 1d6 is piercing (the weapon\'s type is not known)' },
  haste: { build: () => ({ type: 'effect', target: 'allies', targets: 1, spell: CONC(3),
    effect: { name: 'Haste', acBonus: 2 } }),
  note: 'only the +2 AC is simulated: the extra action and the lost turn when it ends are not' },
  'hypnotic pattern': { defaultDc: 13, build: ({ dc, targets }) => ({ type: 'effect', target: 'enemies', targets: targets ?? 3, spell: CONC(3),
    save: { ability: 'wis', dc }, effect: { name: 'Hypnotic Pattern', conditions: ['charmed', 'incapacitated'], endsOnDamage: true } }),
  note: 'an ally shaking a creature awake with an action is not simulated; damage wakes it' },
  fireball: { defaultDc: 15, build: ({ dc, targets }) => ({ type: 'save', dc, ability: 'dex', damage: '8d6', damageType: 'fire',
    onSuccess: 'half', targets: targets ?? 3, spell: { level: 3, upcast: '1d6' } }) },
  heal: { build: () => ({ type: 'heal', amount: '70', targeting: 'lowest-hp-fraction', targets: 1, spell: { level: 6 } }) },
  'mage armour': { build: () => ({ type: 'effect', target: 'self', effect: { name: 'Mage Armor', duration: { kind: 'day' }, acBonus: 3 } }),
    note: 'approximated as +3 AC over the AC in the file (13 + Dex instead of 10 + Dex)' },
  'mage armor': { build: () => ({ type: 'effect', target: 'self', effect: { name: 'Mage Armor', duration: { kind: 'day' }, acBonus: 3 } }),
    note: 'approximated as +3 AC over the AC in the file (13 + Dex instead of 10 + Dex)' },
  'armor of agathys': { build: () => ({ type: 'effect', target: 'self', spell: { level: 1, upcast: '5' },
    effect: { name: 'Armor of Agathys', duration: { kind: 'day' }, tempHp: '5', retaliate: '5', retaliateType: 'cold' } }),
  note: 'the cold damage back does not grow with the slot, only the temporary HP do' },
  'armour of agathys': { build: () => ({ type: 'effect', target: 'self', spell: { level: 1, upcast: '5' },
    effect: { name: 'Armor of Agathys', duration: { kind: 'day' }, tempHp: '5', retaliate: '5', retaliateType: 'cold' } }),
  note: 'the cold damage back does not grow with the slot, only the temporary HP do' },
  'false life': { build: () => ({ type: 'effect', target: 'self', spell: { level: 1, upcast: '5' },
    effect: { name: 'False Life', duration: { kind: 'day' }, tempHp: '1d4+4' } }) },
  'greater invisibility': { build: () => ({ type: 'effect', target: 'allies', targets: 1, spell: CONC(4),
    effect: { name: 'Greater Invisibility', conditions: ['invisible'] } }) },
  'holy weapon': { build: () => ({ type: 'effect', target: 'allies', targets: 1, spell: CONC(5),
    effect: { name: 'Holy Weapon', duration: { kind: 'encounter' }, extraDamage: '2d8', extraDamageType: 'radiant' } }),
  note: 'the burst of radiant light when it is dismissed is not simulated' },
  'meteor swarm': { defaultDc: 19, build: ({ dc, targets }) => ({ type: 'save', dc, ability: 'dex', damage: '40d6', damageType: 'fire',
    onSuccess: 'half', targets: targets ?? 4, spell: { level: 9 } }),
  note: 'its 20d6 bludgeoning is counted as fire' },
};
const ENCOUNTER_FIELDS = new Set(['id', 'type', 'name', 'monsters', 'playersSurprised', 'monstersSurprised', 'shortRest', 'targetRole']);
const TOP_FIELDS = new Set(['name', 'players', 'encounters', 'timeline', 'updated', 'id']);

const SAVE_FIELDS = [
  ['str', 'strSaveBonus'], ['dex', 'dexSaveBonus'], ['con', 'conSaveBonus'],
  ['int', 'intSaveBonus'], ['wis', 'wisSaveBonus'], ['cha', 'chaSaveBonus'],
] as const;

const SLOT_NAMES: Record<number, string> = {
  0: 'action', 1: 'bonus action', 2: 'legendary action', 3: 'lair action', 4: 'reaction', 5: 'Other 1', 6: 'Other 2',
  [-1]: 'when reduced to 0 HP', [-2]: 'when reducing an enemy to 0 HP', [-3]: 'before the encounter starts',
};

const ENEMY_TARGETS: Record<string, EnemyTargeting> = {
  'enemy with least hp': 'lowest-hp',
  'enemy with the least hp': 'lowest-hp',
  'enemy with most hp': 'highest-hp',
  'enemy with the most hp': 'highest-hp',
  'enemy with highest dpr': 'highest-damage',
  'enemy with the highest dpr': 'highest-damage',
  'enemy with lowest ac': 'lowest-ac',
  'enemy with the lowest ac': 'lowest-ac',
  random: 'random',
  'random enemy': 'random',
};
/** BattleSim's default when an attack names no target. */
const DEFAULT_ENEMY_TARGET: EnemyTargeting = 'highest-hp';

const ALLY_TARGETS: Record<string, AllyTargeting> = {
  'ally with the least hp': 'lowest-hp-fraction',
  'ally with least hp': 'lowest-hp-fraction',
  self: 'self',
};

const CONDITIONS: Record<string, ActionCondition> = {
  default: 'always',
  'is available': 'always',
  'not used yet': 'always',
  'ally at 0 hp': 'ally-down',
  'ally under half hp': 'ally-below-half',
  'ally below 50% hp': 'ally-below-half',
  'any ally below 50% hp': 'ally-below-half',
  'is under half hp': 'self-below-half',
  'enemy count one': 'enemy-count-one',
  'enemy count multiple': 'enemy-count-multiple',
};
/** Conditions the engine does not have, with the nearest one it does and why that is close. */
const APPROXIMATE_CONDITIONS: Record<string, [ActionCondition, string]> = {
  'ally below 25% hp': ['ally-below-half', 'an ally under half HP'],
  'ally below 75% hp': ['ally-below-half', 'an ally under half HP'],
  'any ally injured': ['always', 'always (healing is only used on someone who lost HP)'],
  'any ally needs healing': ['always', 'always (healing is only used on someone who lost HP)'],
  'has no thp': ['always', 'always (temporary HP are only granted to those who have none)'],
};

const DAMAGE_TAGS: Record<string, DamageType> = {
  fire: 'fire', cold: 'cold', lightning: 'lightning', poison: 'poison', acid: 'acid', thunder: 'thunder',
  necrotic: 'necrotic', radiant: 'radiant', psychic: 'psychic', force: 'force',
};

/** The recharge X-6 whose mean wait, 6 / (7 - X) rounds, is nearest to a cooldown of `rounds`. */
export function rechargeForCooldown(rounds: number): number {
  let best = 6;
  let bestGap = Infinity;
  for (let min = 2; min <= 6; min++) {
    const gap = Math.abs(6 / (7 - min) - rounds);
    if (gap < bestGap) {
      best = min;
      bestGap = gap;
    }
  }
  return best;
}

/** An average damage as integer dice text with the same mean where it can be kept exactly. */
export function averageToDice(average: number): { text: string; exact: boolean } {
  if (Number.isInteger(average)) return { text: String(average), exact: true };
  const whole = Math.floor(average);
  if (average - whole === 0.5 && average > 0) return { text: `${whole}+1d2-1`, exact: true };
  return { text: String(Math.round(average)), exact: false };
}

/** Where a mapped action goes on the creature. */
type Placement = 'actions' | 'reaction' | 'legendary' | 'lair' | 'effects';

interface MappedAction {
  action: Doc;
  placement?: Placement;
  sourceIndex: number;
  /** BattleSim tries actions with a condition first, then limited ones, then the rest. */
  rank: number;
  meanDamage: number;
  /** Field renames for error paths: our field -> BattleSim field. */
  fields: Array<[string, string]>;
}

class Importer {
  readonly warnings: string[] = [];
  private readonly paths = new Map<string, string>();
  private readonly descriptive = new Set<string>();

  constructor(private readonly origin: string) {}

  warn(text: string): void {
    this.warnings.push(text);
  }

  fail(path: string, message: string): never {
    throw ScenarioError.at(this.origin, path, message);
  }

  mapPath(ours: string, theirs: string): void {
    this.paths.set(ours, theirs);
  }

  /** Longest registered prefix (at a field boundary) wins; the rest of the path is kept. */
  readonly toSourcePath = (path: string): string => {
    let end = path.length;
    while (end > 0) {
      const hit = this.paths.get(path.slice(0, end));
      if (hit !== undefined) return hit + path.slice(end);
      end = Math.max(path.lastIndexOf('.', end - 1), path.lastIndexOf('[', end - 1));
    }
    return path;
  };

  // ------------------------------------------------------------------ values

  number(value: unknown, path: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(value)) return Number(value);
    return this.fail(path, `must be a number, got ${kindOf(value)}`);
  }

  whole(value: unknown, path: string, who: string, field: string): number | undefined {
    const n = this.number(value, path);
    if (n === undefined || Number.isInteger(n)) return n;
    const rounded = Math.round(n);
    this.warn(`${who}: ${field} ${n} was rounded to ${rounded}, as the simulator uses whole numbers.`);
    return rounded;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    return this.fail(path, `must be true or false, got ${kindOf(value)}`);
  }

  text(value: unknown, path: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value.trim();
    return this.fail(path, `must be text, got ${kindOf(value)}`);
  }

  dice(text: string, path: string): DiceExpr {
    try {
      return parseDice(text);
    } catch (e) {
      if (e instanceof DiceError) return this.fail(path, e.message);
      throw e;
    }
  }

  /**
   * A bonus BattleSim may write as dice text ("3[PB] + 5[STR]", "1d20+5"): the flat numbers are
   * summed, a d20 is dropped (the simulator rolls it), other dice count at their average.
   */
  flatBonus(value: unknown, path: string, who: string, field: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number') return this.whole(value, path, who, field);
    if (typeof value !== 'string') return this.fail(path, `must be a number or dice text, got ${kindOf(value)}`);
    const expr = this.dice(value.trim(), path);
    let total = expr.flat;
    let droppedD20 = false;
    let averaged = false;
    for (const term of expr.terms) {
      if (!droppedD20 && term.sides === 20 && term.count === 1 && term.sign === 1) {
        droppedD20 = true;
        continue;
      }
      total += term.sign * diceMean({ text: '', terms: [term], flat: 0 });
      averaged = true;
    }
    const shown = JSON.stringify(clip(value.trim()));
    if (droppedD20) this.warn(`${who}: ${field} ${shown} includes a d20, which was dropped: the simulator rolls the d20 itself.`);
    const rounded = Math.round(total);
    if (averaged) this.warn(`${who}: ${field} ${shown} includes dice, counted at their average as ${rounded}.`);
    else if (rounded !== total) this.warn(`${who}: ${field} ${total} was rounded to ${rounded}, as the simulator uses whole numbers.`);
    return rounded;
  }

  /** Damage or healing: a number is an average BattleSim uses as is; text is dice. */
  amount(value: unknown, path: string, who: string, field: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return this.fail(path, `must be a finite number, got ${value}`);
      const { text, exact } = averageToDice(value);
      if (!Number.isInteger(value)) {
        this.warn(exact
          ? `${who}: ${field} ${value} is an average; it is simulated as "${text}", which has the same mean.`
          : `${who}: ${field} ${value} is an average; it was rounded to ${text}.`);
      }
      return text;
    }
    if (typeof value !== 'string') return this.fail(path, `must be a number or dice text, got ${kindOf(value)}`);
    const text = value.trim();
    this.dice(text, path);
    return text;
  }

  uses(freq: unknown, path: string, who: string, field: string, fields: Array<[string, string]>): Doc {
    if (freq === undefined || freq === null) return { per: 'at-will' };
    if (typeof freq === 'string') {
      fields.push(['uses', 'freq'], ['uses.count', 'freq'], ['uses.min', 'freq']);
      const s = freq.trim().toLowerCase();
      if (s === 'at will' || s === 'at-will') return { per: 'at-will' };
      let m = /^(\d+)\s*\/\s*(fight|encounter|combat)$/.exec(s);
      if (m) return { per: 'encounter', count: Number(m[1]) };
      m = /^(\d+)\s*\/\s*(day|long rest|lr)$/.exec(s);
      if (m) return { per: 'long-rest', count: Number(m[1]) };
      m = /^(\d+)\s*\/\s*(short rest|sr)$/.exec(s);
      if (m) return { per: 'short-rest', count: Number(m[1]) };
      m = /^recharge\s*([2-6])(\s*-\s*6)?$/.exec(s);
      if (m) return { per: 'recharge', min: Number(m[1]) };
      this.warn(`${who}: ${field} ${JSON.stringify(clip(freq))} is not a known frequency; the action is treated as at will.`);
      return { per: 'at-will' };
    }
    if (isDoc(freq)) {
      const reset = freq.reset;
      if (reset === 'sr' || reset === 'lr') {
        fields.push(['uses.count', 'freq.uses'], ['uses', 'freq']);
        const count = has(freq, 'uses') ? this.whole(freq.uses, `${path}.uses`, who, `${field}.uses`) : 1;
        return { per: reset === 'sr' ? 'short-rest' : 'long-rest', count };
      }
      if (reset === 'recharge') {
        fields.push(['uses.min', 'freq.cooldownRounds'], ['uses', 'freq']);
        const rounds = this.number(freq.cooldownRounds, `${path}.cooldownRounds`) ?? 2;
        const min = rechargeForCooldown(rounds);
        this.warn(`${who}: ${field} cooldown of ${rounds} rounds is approximated as recharge ${min}-6 (on average one use every ${+(6 / (7 - min)).toFixed(1)} rounds).`);
        return { per: 'recharge', min };
      }
      this.warn(`${who}: ${field} has an unknown reset ${JSON.stringify(clip(String(reset)))}; the action is treated as at will.`);
      return { per: 'at-will' };
    }
    return this.fail(path, `must be a frequency such as "at will", "1/fight" or { "reset": "lr", "uses": 2 }, got ${kindOf(freq)}`);
  }

  condition(value: unknown, path: string, who: string, field: string): ActionCondition {
    const text = this.text(value, path);
    if (text === undefined) return 'always';
    const key = text.toLowerCase();
    const exact = CONDITIONS[key];
    if (exact) return exact;
    const near = APPROXIMATE_CONDITIONS[key];
    if (near) {
      this.warn(`${who}: ${field} "${text}" is approximated as ${near[1]}.`);
      return near[0];
    }
    this.warn(`${who}: ${field} "${clip(text)}" is not simulated yet; the action is always considered.`);
    return 'always';
  }

  enemyTarget(value: unknown, path: string, who: string, field: string): EnemyTargeting {
    const text = this.text(value, path);
    if (text === undefined) return DEFAULT_ENEMY_TARGET;
    const hit = ENEMY_TARGETS[text.toLowerCase()];
    if (hit) return hit;
    this.warn(`${who}: ${field} "${clip(text)}" is not simulated yet; the enemy with the most HP is targeted instead.`);
    return DEFAULT_ENEMY_TARGET;
  }

  allyTarget(value: unknown, path: string, who: string, field: string): AllyTargeting {
    const text = this.text(value, path);
    if (text === undefined) return 'lowest-hp-fraction';
    const hit = ALLY_TARGETS[text.toLowerCase()];
    if (hit) return hit;
    this.warn(`${who}: ${field} "${clip(text)}" is not simulated yet; the ally with the lowest share of HP is healed instead.`);
    return 'lowest-hp-fraction';
  }

  // ------------------------------------------------------------------ actions

  /** The action slot, from `actionSlot` or, in battlesim2 files without it, from `cost`. */
  slotOf(a: Doc, path: string, who: string, label: string): number {
    if (has(a, 'actionSlot')) {
      const n = this.number(a.actionSlot, `${path}.actionSlot`);
      if (n !== undefined) return n;
    }
    const cost = Array.isArray(a.cost) ? a.cost : [];
    for (const c of cost) {
      if (!isDoc(c)) continue;
      if (c.resourceType === 'Action') return 0;
      if (c.resourceType === 'BonusAction') return 1;
      if (c.resourceType === 'Reaction') return 4;
    }
    this.warn(`${who}: ${label} has no actionSlot; it is taken as an action.`);
    return 0;
  }

  action(a: unknown, path: string, index: number, who: string, ignored: string[]): MappedAction | null {
    if (!isDoc(a)) return this.fail(path, `must be an action object, got ${kindOf(a)}`);
    const type = typeof a.type === 'string' ? a.type : undefined;
    const templateName = isDoc(a.templateOptions) && typeof a.templateOptions.templateName === 'string'
      ? a.templateOptions.templateName.trim() : undefined;
    const rawName = this.text(a.name, `${path}.name`);
    const name = rawName || templateName || `Action ${index + 1}`;
    const label = `action "${clip(name)}"`;

    const skip = (detail: string, reason: string): null => {
      this.warn(`${who}: ${label} (${detail}) skipped: ${reason}`);
      return null;
    };
    if (type !== 'atk' && type !== 'heal' && type !== 'buff' && type !== 'debuff' && type !== 'template') {
      return skip(`type ${JSON.stringify(clip(String(type)))}`, 'this action type is not known');
    }
    const template = type === 'template' ? TEMPLATES[(templateName ?? '').toLowerCase()] : undefined;
    if (type === 'template' && !template) return skip(`template ${templateName ?? 'without a name'}`, 'this template is not simulated yet');
    const slot = this.slotOf(a, path, who, label);
    const kindName = type === 'atk' ? 'attack' : type === 'template' ? `template ${templateName}` : type;
    // Where the action goes: actions and bonus actions, legendary (2), lair (3), reactions (4); a
    // self buff used before the fight (-3) or as a free action (5, 6) is on from the start.
    let placement: Placement = 'actions';
    const selfBuff = type === 'buff' && typeof a.target === 'string' && a.target.trim().toLowerCase() === 'self';
    if (template?.placement === 'reaction') {
      placement = 'reaction';
    } else if (slot === 2 || slot === 3) {
      placement = slot === 2 ? 'legendary' : 'lair';
    } else if (selfBuff && (slot === -3 || ((slot === 5 || slot === 6) && (a.freq === undefined || a.freq === 'at will')))) {
      // Used before each fight (Rage) or a free at-will stance (Reckless Attack): on from the start.
      placement = 'effects';
    } else if (slot !== 0 && slot !== 1) {
      const slotName = SLOT_NAMES[slot] ?? 'unknown';
      return skip(`${kindName} in action slot ${slot}, ${slotName}`,
        'only actions, bonus actions, legendary and lair actions, the Shield reaction, self buffs used before the fight and at-will free self buffs are simulated');
    }

    for (const key of Object.keys(a)) {
      if (ACTION_FIELDS.has(key)) continue;
      if (key === 'requirements' && Array.isArray(a.requirements) && a.requirements.length === 0) continue;
      if (key === 'cost' && Array.isArray(a.cost) && a.cost.every((c) => isDoc(c) && (c.resourceType === 'Action' || c.resourceType === 'BonusAction'))) continue;
      ignored.push(`actions[${index}].${key}`);
    }

    const fields: Array<[string, string]> = [['name', 'name'], ['slot', 'actionSlot'], ['condition', 'condition'], ['targeting', 'target']];
    const conditionText = typeof a.condition === 'string' ? a.condition.trim().toLowerCase() : 'default';
    let uses = this.uses(a.freq, `${path}.freq`, who, `${label} freq`, fields);
    // "not used yet" on an at-will action means once per fight.
    if (conditionText === 'not used yet' && uses.per === 'at-will') {
      uses = { per: 'encounter', count: 1 };
      this.warn(`${who}: ${label} with condition "not used yet" is simulated as once per fight.`);
    }
    const base: Doc = {
      name,
      slot: slot === 1 ? 'bonus' : 'action',
      uses,
      condition: this.condition(a.condition, `${path}.condition`, who, `${label} condition`),
    };
    const rank = conditionText !== 'default' ? 0 : uses.per !== 'at-will' ? 1 : 2;
    const targets = has(a, 'targets') ? this.whole(a.targets, `${path}.targets`, who, `${label} targets`) : 1;
    const tags = Array.isArray(a.tags) ? a.tags.filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase()) : [];

    if (template) {
      const options = isDoc(a.templateOptions) ? a.templateOptions : {};
      const given = this.flatBonus(options.saveDC ?? a.saveDC, `${path}.templateOptions.saveDC`, who, `${label} saveDC`);
      const dc = given ?? template.defaultDc;
      if (given === undefined && template.defaultDc !== undefined) this.warn(`${who}: ${label} gives no save DC; DC ${template.defaultDc} is used.`);
      const built = template.build({ dc, targets: has(a, 'targets') ? targets : undefined });
      this.warn(`${who}: ${label} uses the ${templateName} template, simulated by the rules of the spell${template.note ? `; ${template.note}` : ''}.`);
      if (template.placement === 'reaction') {
        const reactionUses = uses.per === 'at-will' ? undefined : uses;
        return { action: { ...built, ...(reactionUses && { uses: reactionUses }) }, placement: 'reaction', sourceIndex: index, rank, meanDamage: 0, fields };
      }
      const targetText = isDoc(a.templateOptions) && typeof a.templateOptions.target === 'string' ? a.templateOptions.target : a.target;
      if (built.type === 'effect' && built.target === 'enemies') built.enemyTargeting = this.enemyTarget(targetText, `${path}.target`, who, `${label} target`);
      if (built.type === 'save') built.targeting = this.enemyTarget(targetText, `${path}.target`, who, `${label} target`);
      const action: Doc = { ...built, ...base };
      const meanDamage = built.type === 'save' ? Math.max(0, diceMean(parseDice(String(built.damage)))) * Number(built.targets) : 0;
      return { action, placement, sourceIndex: index, rank, meanDamage, fields };
    }

    if (type === 'buff' || type === 'debuff') {
      const built = this.buffAction(a, path, type, who, label, targets ?? 1);
      if (built === null) return null;
      if (placement === 'effects') {
        this.warn(`${who}: ${label} (action slot ${slot}) is simulated as always on from the start of each fight.`);
        return { action: built.effect as Doc, placement, sourceIndex: index, rank, meanDamage: 0, fields };
      }
      return { action: { ...built, ...base }, placement, sourceIndex: index, rank, meanDamage: 0, fields };
    }

    if (type === 'heal') {
      const amount = this.amount(a.amount, `${path}.amount`, who, `${label} amount`);
      const temporary = this.boolean(a.tempHP, `${path}.tempHP`) ?? false;
      fields.push(['amount', 'amount'], ['targets', 'targets'], ['temporary', 'tempHP']);
      const action: Doc = {
        type: 'heal', ...base, targeting: this.allyTarget(a.target, `${path}.target`, who, `${label} target`),
        amount, targets, temporary,
      };
      return { action, placement, sourceIndex: index, rank, meanDamage: 0, fields };
    }

    const damage = this.amount(a.dpr, `${path}.dpr`, who, `${label} dpr`);
    const damageType = tags.map((t) => DAMAGE_TAGS[t]).find((t) => t !== undefined) ?? 'bludgeoning';
    const targeting = this.enemyTarget(a.target, `${path}.target`, who, `${label} target`);
    const meanOf = (text: string | undefined, times: number | undefined) =>
      text === undefined ? 0 : Math.max(0, diceMean(parseDice(text))) * (times ?? 1);

    if (a.useSaves === true) {
      // BattleSim keeps the save DC in toHit and has no saving throw ability.
      const dc = this.flatBonus(a.toHit, `${path}.toHit`, who, `${label} save DC`);
      this.warn(`${who}: ${label} asks for a saving throw of unknown ability; a Dexterity save is used.`);
      const halfOnSave = this.boolean(a.halfOnSave, `${path}.halfOnSave`) ?? false;
      fields.push(['dc', 'toHit'], ['damage', 'dpr'], ['targets', 'targets'], ['onSuccess', 'halfOnSave']);
      const action: Doc = {
        type: 'save', ...base, targeting, dc, ability: 'dex', damage, damageType,
        onSuccess: halfOnSave ? 'half' : 'none', targets,
      };
      return { action, placement, sourceIndex: index, rank, meanDamage: meanOf(damage, targets), fields };
    }
    if (has(a, 'halfOnSave')) ignored.push(`actions[${index}].halfOnSave`);
    const toHit = this.flatBonus(a.toHit, `${path}.toHit`, who, `${label} toHit`);
    fields.push(
      ['attacks[0].toHit', 'toHit'], ['attacks[0].damage', 'dpr'], ['attacks[0].count', 'targets'], ['attacks[0]', ''],
    );
    const action: Doc = {
      type: 'attack', ...base, targeting,
      // BattleSim's `targets` on an attack is the number of attacks, which may hit the same creature.
      attacks: [{ toHit, damage, damageType, count: targets, critOn: 20, reach: tags.includes('ranged') ? 'ranged' : 'melee' }],
    };
    return { action, placement, sourceIndex: index, rank, meanDamage: meanOf(damage, targets), fields };
  }

  /** A BattleSim buff (on allies or self) or debuff (on enemies, with a save) as an effect action. */
  buffAction(a: Doc, path: string, type: 'buff' | 'debuff', who: string, label: string, targets: number): Doc | null {
    if (!isDoc(a.buff)) {
      this.warn(`${who}: ${label} (${type}) skipped: it has no buff object.`);
      return null;
    }
    const b = a.buff;
    const bp = `${path}.buff`;
    const name = (typeof b.displayName === 'string' && b.displayName.trim()) || (typeof a.name === 'string' && a.name.trim()) || 'Buff';
    const effect: Doc = { name };
    const notes: string[] = [];
    const diceOrNumber = (v: unknown, field: string): string | undefined => {
      if (v === undefined || v === null) return undefined;
      if (typeof v === 'number') return String(Math.round(v));
      const text = this.text(v, `${bp}.${field}`);
      if (text === undefined) return undefined;
      this.dice(text, `${bp}.${field}`);
      return text;
    };
    const toHit = diceOrNumber(b.toHit, 'toHit');
    if (toHit !== undefined) effect.attackBonus = toHit;
    const save = diceOrNumber(b.save, 'save');
    if (save !== undefined) effect.saveBonus = save;
    const damage = diceOrNumber(b.damage, 'damage');
    if (damage !== undefined) {
      effect.extraDamage = damage;
      effect.extraDamageType = 'force';
      notes.push('its extra damage is counted as force damage');
    }
    const ac = this.whole(b.ac, `${bp}.ac`, who, `${label} ac`);
    if (ac !== undefined) effect.acBonus = ac;
    if (typeof b.damageTakenMultiplier === 'number' && b.damageTakenMultiplier !== 1) {
      if (b.damageTakenMultiplier < 1) {
        effect.resistances = ALL_DAMAGE_TYPES;
        notes.push(`damage taken ×${b.damageTakenMultiplier} is simulated as resistance to every damage type`);
      } else notes.push(`damage taken ×${b.damageTakenMultiplier} is not simulated`);
    }
    for (const field of ['damageMultiplier', 'damageReduction', 'magnitude']) if (has(b, field)) notes.push(`${field} is not simulated`);
    if (typeof b.condition === 'string') {
      const mapped = BATTLESIM_CONDITIONS[b.condition.trim().toLowerCase()];
      if (mapped) Object.assign(effect, mapped);
      else if (b.condition.trim().toLowerCase() === 'petrified') {
        effect.conditions = ['paralyzed'];
        effect.resistances = ALL_DAMAGE_TYPES;
        notes.push('petrified is simulated as paralyzed with resistance to every damage type');
      } else notes.push(`the condition "${clip(b.condition)}" is not simulated`);
    }
    const durationText = typeof b.duration === 'string' ? b.duration.trim().toLowerCase() : 'entire encounter';
    let saveEnds = false;
    if (durationText === '1 round') effect.duration = { kind: 'rounds', rounds: 1 };
    else if (durationText === 'entire encounter') effect.duration = { kind: 'encounter' };
    else if (durationText === 'repeat the save each round') {
      effect.duration = { kind: 'rounds', rounds: 10 };
      saveEnds = true;
    } else if (durationText === 'until next attack taken' || durationText === 'until next attack made') {
      effect.duration = { kind: 'rounds', rounds: 1 };
      notes.push(`"${durationText}" is approximated as one round`);
    } else {
      effect.duration = { kind: 'rounds', rounds: 10 };
      notes.push(`duration "${clip(String(b.duration))}" is approximated as 1 minute`);
    }
    const action: Doc = { type: 'effect', targets, effect };
    if (b.concentration === true) action.spell = { level: 0, concentration: true };
    if (type === 'debuff') {
      action.target = 'enemies';
      action.enemyTargeting = this.enemyTarget(a.target, `${path}.target`, who, `${label} target`);
      const dc = this.flatBonus(a.saveDC ?? b.saveDC, `${path}.saveDC`, who, `${label} saveDC`);
      if (dc !== undefined) {
        action.save = { ability: 'wis', dc };
        notes.push('its save is taken as a Wisdom save');
        if (saveEnds) effect.saveEnds = true;
      } else if (saveEnds) notes.push('it has no save DC, so it is not repeated each round');
    } else {
      const target = typeof a.target === 'string' ? a.target.trim().toLowerCase() : 'self';
      action.target = target === 'self' ? 'self' : 'allies';
      if (saveEnds) notes.push('a buff has no save to repeat; it lasts 1 minute');
    }
    if (notes.length > 0) this.warn(`${who}: ${label} (${type}) is approximated: ${notes.join('; ')}.`);
    return action;
  }

  // ------------------------------------------------------------------ creatures

  /**
   * `fallback` names a creature without a name; `context` tells apart creatures of the same name
   * in warnings ("encounter 2", "player 3").
   */
  creature(c: unknown, path: string, ours: string, kind: 'character' | 'monster', fallback: string, context: string | null): Doc | null {
    if (!isDoc(c)) return this.fail(path, `must be a creature object, got ${kindOf(c)}`);
    const given = this.text(c.name, `${path}.name`);
    const name = given || fallback;
    const label = context ? `${name} (${context})` : name;
    if (!given) this.warn(`${label} has no name; it is called "${name}".`);

    const count = has(c, 'count') ? this.whole(c.count, `${path}.count`, label, 'count') : 1;
    if (count === 0) {
      this.warn(`${label}: count is 0, so the creature was left out.`);
      return null;
    }

    const ignored: string[] = [];
    for (const key of Object.keys(c)) {
      if (CREATURE_FIELDS.has(key)) continue;
      if (DESCRIPTIVE_CREATURE_FIELDS.has(key)) this.descriptive.add(key);
      else if (key === 'arrival' && (c.arrival === 0 || c.arrival === undefined)) continue;
      else ignored.push(key);
    }

    const acKey = has(c, 'AC') ? 'AC' : 'ac';
    if (has(c, 'AC') && has(c, 'ac') && c.AC !== c.ac) this.warn(`${label}: both AC and ac are given; AC ${String(c.AC)} is used.`);
    const saveBonus = this.whole(c.saveBonus, `${path}.saveBonus`, label, 'saveBonus') ?? 0;
    const saves: Doc = {};
    for (const [ability, field] of SAVE_FIELDS) {
      saves[ability] = this.whole(c[field], `${path}.${field}`, label, field) ?? saveBonus;
      this.mapPath(`${ours}.saves.${ability}`, `${path}.${has(c, field) ? field : 'saveBonus'}`);
    }
    let hitDice: string | null = null;
    if (typeof c.hitDice === 'string') hitDice = c.hitDice.trim();
    else if (has(c, 'hitDice')) ignored.push('hitDice (not dice text such as "5d10")');

    const creature: Doc = {
      name,
      count,
      kind,
      hp: this.whole(c.hp, `${path}.hp`, label, 'hp'),
      ac: this.whole(c[acKey], `${path}.${acKey}`, label, acKey),
      initiativeBonus: this.flatBonus(c.initiativeBonus, `${path}.initiativeBonus`, label, 'initiativeBonus') ?? 0,
      initiativeAdvantage: this.boolean(c.initiativeAdvantage, `${path}.initiativeAdvantage`) ?? false,
      saves,
      hitDice,
      conModifier: this.whole(c.conModifier, `${path}.conModifier`, label, 'conModifier') ?? 0,
    };
    for (const [field, theirs] of [['name', 'name'], ['count', 'count'], ['hp', 'hp'], ['ac', acKey], ['initiativeBonus', 'initiativeBonus'],
      ['hitDice', 'hitDice'], ['conModifier', 'conModifier'], ['saves', 'saveBonus'], ['actions', 'actions']] as const) {
      this.mapPath(`${ours}.${field}`, `${path}.${theirs}`);
    }
    this.mapPath(ours, path);

    let sourceActions: unknown[] = [];
    if (Array.isArray(c.actions)) sourceActions = c.actions;
    else if (has(c, 'actions')) this.fail(`${path}.actions`, `must be a list of actions, got ${kindOf(c.actions)}`);
    const mapped: MappedAction[] = [];
    sourceActions.forEach((a, j) => {
      const m = this.action(a, `${path}.actions[${j}]`, j, label, ignored);
      if (m) mapped.push(m);
    });
    // The engine takes the first usable action in list order; BattleSim tries conditional
    // actions first, then limited ones, then the rest (here the most damaging first).
    const ordered = [...mapped].sort((x, y) => x.rank - y.rank || (x.rank === 2 ? y.meanDamage - x.meanDamage : 0) || x.sourceIndex - y.sourceIndex);
    // Only the order within a slot matters: actions and bonus actions are chosen separately.
    const slotOrder = (list: MappedAction[]) =>
      ['action', 'bonus'].map((slot) => list.filter((m) => m.action.slot === slot).map((m) => m.sourceIndex).join(',')).join('|');
    if (slotOrder(ordered) !== slotOrder(mapped)) {
      this.warn(`${label}: actions were put in the order the simulator tries them (conditional and limited ones first, then the most damaging): ${ordered.map((m) => JSON.stringify(clip(String(m.action.name)))).join(', ')}.`);
    }
    ordered.forEach((m, k) => {
      const theirs = `${path}.actions[${m.sourceIndex}]`;
      this.mapPath(`${ours}.actions[${k}]`, theirs);
      for (const [field, src] of m.fields) this.mapPath(`${ours}.actions[${k}].${field}`, src ? `${theirs}.${src}` : theirs);
    });
    const placed = (p: Placement) => ordered.filter((m) => (m.placement ?? 'actions') === p).map((m) => m.action);
    creature.actions = placed('actions');
    const reactions = placed('reaction');
    if (reactions.length > 0) creature.reactions = reactions;
    const legendary = placed('legendary');
    if (legendary.length > 0) {
      creature.legendary = { perRound: 3, resistances: 0, actions: legendary.map((action) => ({ cost: 1, action: { ...action, slot: 'action' } })) };
      this.warn(`${label}: legendary actions are simulated as 3 per round, 1 each, spent at the end of other creatures' turns.`);
    }
    const lair = placed('lair');
    if (lair.length > 0) creature.lairActions = lair.map((action) => ({ ...action, slot: 'action' }));
    const always = placed('effects');
    if (always.length > 0) creature.effects = always;

    if (ignored.length > 0) this.warn(`${label}: fields not simulated yet and ignored: ${ignored.join(', ')}.`);
    return creature;
  }

  creatures(list: unknown, path: string, ours: string, kind: 'character' | 'monster', context: string | null): Doc[] {
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list)) return this.fail(path, `must be a list of creatures, got ${kindOf(list)}`);
    const names = list.map((c) => (isDoc(c) && typeof c.name === 'string' ? c.name.trim() : ''));
    const out: Doc[] = [];
    list.forEach((c, i) => {
      const fallback = kind === 'character' ? `Player ${i + 1}` : `Monster ${i + 1}`;
      const duplicate = names[i] !== '' && names.indexOf(names[i]) !== names.lastIndexOf(names[i]);
      const where = context ?? (duplicate ? `player ${i + 1}` : null);
      const created = this.creature(c, `${path}[${i}]`, `${ours}[${out.length}]`, kind, fallback, where);
      if (created) out.push(created);
    });
    this.mapPath(ours, path);
    return out;
  }

  encounter(e: unknown, path: string, ours: string, number: number, shortRestBefore: boolean): Doc {
    if (!isDoc(e)) return this.fail(path, `must be an encounter object, got ${kindOf(e)}`);
    const ignored = Object.keys(e).filter((k) => !ENCOUNTER_FIELDS.has(k) && !((k === 'playersPrecast' || k === 'monstersPrecast') && !e[k]));
    if (ignored.length > 0) this.warn(`Encounter ${number}: fields not simulated yet and ignored: ${ignored.join(', ')}.`);
    const playersSurprised = this.boolean(e.playersSurprised, `${path}.playersSurprised`) ?? false;
    const monstersSurprised = this.boolean(e.monstersSurprised, `${path}.monstersSurprised`) ?? false;
    let surprise: Surprise = 'none';
    if (playersSurprised && monstersSurprised) {
      this.warn(`Encounter ${number}: both sides are marked surprised, which cancels out; nobody is surprised.`);
    } else if (playersSurprised) surprise = 'party';
    else if (monstersSurprised) surprise = 'enemies';
    const enemies = this.creatures(e.monsters, `${path}.monsters`, `${ours}.enemies`, 'monster', `encounter ${number}`);
    this.mapPath(ours, path);
    this.mapPath(`${ours}.enemies`, `${path}.monsters`);
    const name = this.text(e.name, `${path}.name`) || `Encounter ${number}`;
    return { name, enemies, shortRestBefore, surprise };
  }

  run(doc: Doc): Doc {
    const ignoredTop = Object.keys(doc).filter((k) => !TOP_FIELDS.has(k));
    if (ignoredTop.length > 0) this.warn(`Top-level fields not simulated yet and ignored: ${ignoredTop.join(', ')}.`);
    const party = this.creatures(doc.players, 'players', 'party', 'character', null);

    const encounters: Doc[] = [];
    if (Array.isArray(doc.timeline)) {
      if (has(doc, 'encounters')) this.warn('The file has both a timeline and encounters; the timeline is used.');
      let restPending = false;
      doc.timeline.forEach((step, t) => {
        const path = `timeline[${t}]`;
        if (!isDoc(step)) return this.fail(path, `must be a timeline step, got ${kindOf(step)}`);
        const type = step.type ?? 'combat';
        if (type === 'shortRest') {
          if (encounters.length === 0) this.warn(`${path}: a short rest before the first fight changes nothing and was ignored.`);
          else restPending = true;
          return;
        }
        if (type !== 'combat') {
          this.warn(`${path}: step type ${JSON.stringify(clip(String(type)))} is not simulated yet and was skipped.`);
          return;
        }
        if (has(step, 'shortRest')) this.warn(`${path}: shortRest on a combat step is ignored; a timeline uses shortRest steps.`);
        encounters.push(this.encounter(step, path, `encounters[${encounters.length}]`, encounters.length + 1, restPending));
        restPending = false;
      });
      if (restPending) this.warn('The timeline ends with a short rest, which changes nothing and was ignored.');
      this.mapPath('encounters', 'timeline');
    } else if (Array.isArray(doc.encounters)) {
      doc.encounters.forEach((e, i) => {
        const path = `encounters[${i}]`;
        // BattleSim rests before an encounter that has `shortRest: true` (between it and the one before).
        const rest = isDoc(e) ? this.boolean(e.shortRest, `${path}.shortRest`) ?? false : false;
        if (rest && i === 0) this.warn(`${path}: a short rest before the first fight changes nothing and was ignored.`);
        encounters.push(this.encounter(e, path, `encounters[${i}]`, i + 1, rest && i > 0));
      });
      this.mapPath('encounters', 'encounters');
    } else {
      const key = has(doc, 'timeline') ? 'timeline' : 'encounters';
      this.fail(key, `must be a list of ${key === 'timeline' ? 'timeline steps' : 'encounters'}, got ${kindOf(doc[key])}`);
    }

    if (this.descriptive.size > 0) {
      this.warn(`Descriptive fields that do not change the simulation were dropped: ${[...this.descriptive].sort().join(', ')}.`);
    }
    const name = typeof doc.name === 'string' && doc.name.trim() ? doc.name.trim() : 'BattleSim import';
    return { format: SCENARIO_FORMAT, version: SCENARIO_VERSION, name, party, encounters };
  }
}

/** Maps a BattleSim / battlesim2 save (already through the safety pass) to our format. */
export function importBattleSim(doc: Doc, origin: string): BattleSimImport {
  const importer = new Importer(origin);
  const document = importer.run(doc);
  return { document, warnings: importer.warnings, toSourcePath: importer.toSourcePath };
}
