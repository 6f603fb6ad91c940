// Converting one BattleSim action for the importer (battlesim.ts): attacks, saving-throw attacks,
// heals, buffs and debuffs, and spell templates, each placed where the engine keeps it (actions,
// reactions, legendary or lair actions, or effects on from the start).

import { DAMAGE_TYPES, diceMean, parseDice } from '../../engine/index.ts';
import { clip, kindOf } from '../format/errors.ts';
import { LIMITS } from '../format/schema.ts';
import { BattleSimReader, has, isDoc, type Doc } from './battlesim-values.ts';
import {
  ACTION_CONDITIONS, AREA_TARGETS, BUFF_CONDITION_BY_TEXT, BUFF_DURATION, DAMAGE_TYPE_BY_TAG, FREQ, NOT_USED_YET, SLOT, SLOT_BY_RESOURCE,
  PETRIFIED, RANGED_TAG, SLOT_NAMES, TEMPLATES, orderRank, phraseKey, type Placement,
} from './battlesim-vocabulary.ts';

/** Why an action was skipped, counted in the warning groups (singular, plural). */
type SkipReason = readonly [string, string];

/** The skip reason for an action in a slot the simulator does not use. */
function slotReason(slot: number, isBuff: boolean): SkipReason {
  if (slot === SLOT.reaction) return ['reaction', 'reactions'];
  if (slot === SLOT.beforeTheEncounter) return isBuff ? ['pre-combat buff', 'pre-combat buffs'] : ['pre-combat action', 'pre-combat actions'];
  if (slot === SLOT.whenReducedToZero || slot === SLOT.whenReducingAnEnemyToZero) return ['action triggered at 0 HP', 'actions triggered at 0 HP'];
  if (slot === SLOT.other1 || slot === SLOT.other2) return ['free action', 'free actions'];
  return ['action in an unknown slot', 'actions in unknown slots'];
}

const ACTION_FIELDS = new Set([
  'id', 'name', 'type', 'actionSlot', 'freq', 'condition', 'targets', 'target', 'dpr', 'toHit', 'useSaves', 'halfOnSave',
  'amount', 'tempHP', 'tags', 'description', 'buff', 'saveDC', 'templateOptions',
]);

export interface MappedAction {
  action: Doc;
  placement?: Placement;
  sourceIndex: number;
  /** BattleSim tries actions with a condition first, then limited ones, then the rest. */
  rank: number;
  meanDamage: number;
  /** Field renames for error paths: our field -> BattleSim field. */
  fields: Array<[string, string]>;
}

export class ActionImporter extends BattleSimReader {
  /** Actions written without a `type`, read from their fields (battlesim2's engine-side files). */
  typelessActions = 0;
  /** The first skipped action: its path and the warning that says why. */
  firstSkipped: { path: string; text: string } | null = null;

  /**
   * A save DC BattleSim keeps in `toHit`, named as such in every message. The simulator's lowest
   * DC is 1; below that every target with a save bonus of 0 or more succeeds either way.
   */
  saveDc(value: unknown, path: string, who: string, label: string): number | undefined {
    const dc = this.flatBonus(value, path, who, `${label} toHit (read as the save DC)`);
    if (dc === undefined || dc >= 1) return dc;
    this.warn(`${who}: ${label} toHit ${dc} (read as the save DC) is below 1, so every target with a save bonus of 0 or more succeeds; it is simulated as DC 1, the lowest the simulator takes, which gives the same saves for those targets.`);
    return 1;
  }

  /** The action slot, from `actionSlot` or, in battlesim2 files without it, from `cost`. */
  slotOf(a: Doc, path: string, who: string, label: string): number {
    if (has(a, 'actionSlot')) {
      const n = this.number(a.actionSlot, `${path}.actionSlot`);
      if (n !== undefined) return n;
    }
    const cost = Array.isArray(a.cost) ? a.cost : [];
    for (const c of cost) {
      if (!isDoc(c)) continue;
      const slot = SLOT_BY_RESOURCE.get(c.resourceType);
      if (slot !== undefined) return slot;
    }
    this.warn(`${who}: ${label} has no actionSlot; it is taken as an action.`);
    return SLOT.action;
  }

  action(a: unknown, path: string, index: number, who: string, ignored: string[]): MappedAction | null {
    if (!isDoc(a)) return this.fail(path, `must be an action object, got ${kindOf(a)}`);
    // battlesim2's engine-side files leave out the type of an attack: `dpr` with `toHit` (or a save) says it.
    const typeless = !has(a, 'type') && has(a, 'dpr') && (has(a, 'toHit') || a.useSaves === true);
    if (typeless) this.typelessActions++;
    const type = typeless ? 'atk' : typeof a.type === 'string' ? a.type : undefined;
    const templateName = isDoc(a.templateOptions) && typeof a.templateOptions.templateName === 'string'
      ? a.templateOptions.templateName.trim() : undefined;
    const rawName = this.text(a.name, `${path}.name`);
    const name = rawName || templateName || `Action ${index + 1}`;
    const label = `action "${clip(name)}"`;

    const skip = (detail: string, reason: string, why: SkipReason): null => {
      const text = `${who}: ${label} (${detail}) skipped: ${reason}`;
      this.warn(text, 'skipped', why);
      this.firstSkipped ??= { path, text };
      return null;
    };
    if (type !== 'atk' && type !== 'heal' && type !== 'buff' && type !== 'debuff' && type !== 'template') {
      return skip(`type ${JSON.stringify(clip(String(type)))}`, 'this action type is not known', ['action of unknown type', 'actions of unknown type']);
    }
    const template = type === 'template' ? TEMPLATES.get((templateName ?? '').toLowerCase()) : undefined;
    if (type === 'template' && !template) {
      return skip(`template ${templateName ?? 'without a name'}`, 'this template is not simulated yet', ['template not simulated yet', 'templates not simulated yet']);
    }
    const slot = this.slotOf(a, path, who, label);
    const kindName = type === 'atk' ? 'attack' : type === 'template' ? `template ${templateName}` : type;
    // Where the action goes: actions and bonus actions, legendary (2), lair (3), reactions (4); a
    // self buff used before the fight (-3) or as a free action (5, 6) is on from the start.
    let placement: Placement = 'actions';
    const selfBuff = type === 'buff' && typeof a.target === 'string' && a.target.trim().toLowerCase() === 'self';
    if (template?.placement === 'reaction') {
      placement = 'reaction';
    } else if (slot === SLOT.legendary || slot === SLOT.lair) {
      placement = slot === SLOT.legendary ? 'legendary' : 'lair';
    } else if (selfBuff && (slot === SLOT.beforeTheEncounter || ((slot === SLOT.other1 || slot === SLOT.other2) && (a.freq === undefined || a.freq === FREQ.atWill)))) {
      // Used before each fight (Rage) or a free at-will stance (Reckless Attack): on from the start.
      placement = 'effects';
    } else if (slot !== SLOT.action && slot !== SLOT.bonus) {
      const slotName = SLOT_NAMES[slot] ?? 'unknown';
      return skip(`${kindName} in action slot ${slot}, ${slotName}`,
        'only actions, bonus actions, legendary and lair actions, the Shield reaction, self buffs used before the fight and at-will free self buffs are simulated',
        slotReason(slot, type === 'buff' || type === 'debuff' || type === 'template'));
    }

    for (const key of Object.keys(a)) {
      if (ACTION_FIELDS.has(key)) continue;
      if (key === 'requirements' && Array.isArray(a.requirements) && a.requirements.length === 0) continue;
      if (key === 'cost' && Array.isArray(a.cost) && a.cost.every((c) => isDoc(c) && (SLOT_BY_RESOURCE.get(c.resourceType) === SLOT.action || SLOT_BY_RESOURCE.get(c.resourceType) === SLOT.bonus))) continue;
      ignored.push(`actions[${index}].${key}`);
    }

    const fields: Array<[string, string]> = [['name', 'name'], ['slot', 'actionSlot'], ['condition', 'condition'], ['targeting', 'target']];
    const conditionText = typeof a.condition === 'string' ? a.condition.trim().toLowerCase() : ACTION_CONDITIONS.always.write;
    let uses = this.uses(a.freq, `${path}.freq`, who, `${label} freq`, fields);
    // "not used yet" on an at-will action means once per fight.
    if (conditionText === NOT_USED_YET && uses.per === 'at-will') {
      uses = { per: 'encounter', count: 1 };
      this.warn(`${who}: ${label} with condition "not used yet" is simulated as once per fight.`);
    }
    const base: Doc = {
      name,
      slot: slot === SLOT.bonus ? 'bonus' : 'action',
      uses,
      condition: this.condition(a.condition, `${path}.condition`, who, `${label} condition`),
    };
    const rank = orderRank(conditionText !== ACTION_CONDITIONS.always.write, uses.per === 'at-will');
    let targets = has(a, 'targets') ? this.whole(a.targets, `${path}.targets`, who, `${label} targets`) : 1;
    const area = typeof a.target === 'string' ? AREA_TARGETS.get(phraseKey(a.target)) : undefined;
    if (area && targets !== undefined && targets > LIMITS.targets) {
      this.warn(`${who}: ${label} targets ${targets} creatures; an area catches at most ${LIMITS.targets} in the simulator.`);
      targets = LIMITS.targets;
    }
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
    const damageType = tags.map((t) => DAMAGE_TYPE_BY_TAG.get(t)).find((t) => t !== undefined) ?? 'bludgeoning';
    const targeting = this.enemyTarget(a.target, `${path}.target`, who, `${label} target`);
    const meanOf = (text: string | undefined, times: number | undefined) =>
      text === undefined ? 0 : Math.max(0, diceMean(parseDice(text))) * (times ?? 1);

    // An area on all enemies is a saving throw even without useSaves: 5e has no area attack rolls,
    // and battlesim2's own example writes Fireball's DC in toHit that way.
    if (a.useSaves === true || area === 'enemies') {
      // BattleSim keeps the save DC in toHit and has no saving throw ability.
      const dc = this.saveDc(a.toHit, `${path}.toHit`, who, label);
      this.warn(`${who}: ${label} asks for a saving throw of unknown ability; a Dexterity save is used.`);
      const halfOnSave = this.boolean(a.halfOnSave, `${path}.halfOnSave`) ?? false;
      if (a.useSaves !== true) {
        this.warn(`${who}: ${label} targets all enemies, an area: it is simulated as a saving throw (5e has no area attack rolls), with toHit ${dc} read as the save DC and ${halfOnSave ? 'half damage' : 'no damage'} on a success${halfOnSave ? '' : ' (set useSaves and halfOnSave for half)'}.`);
      }
      fields.push(['dc', 'toHit (read as the save DC)'], ['damage', 'dpr'], ['targets', 'targets'], ['onSuccess', 'halfOnSave']);
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
      attacks: [{ toHit, damage, damageType, count: targets, critOn: 20, reach: tags.includes(RANGED_TAG.toLowerCase()) ? 'ranged' : 'melee' }],
    };
    return { action, placement, sourceIndex: index, rank, meanDamage: meanOf(damage, targets), fields };
  }

  /** A BattleSim buff (on allies or self) or debuff (on enemies, with a save) as an effect action. */
  buffAction(a: Doc, path: string, type: 'buff' | 'debuff', who: string, label: string, targets: number): Doc | null {
    if (!isDoc(a.buff)) {
      const text = `${who}: ${label} (${type}) skipped: it has no buff object.`;
      this.warn(text, 'skipped', ['buff without its buff object', 'buffs without their buff object']);
      this.firstSkipped ??= { path, text };
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
        effect.resistances = [...DAMAGE_TYPES];
        notes.push(`damage taken ×${b.damageTakenMultiplier} is simulated as resistance to every damage type`);
      } else notes.push(`damage taken ×${b.damageTakenMultiplier} is not simulated`);
    }
    for (const field of ['damageMultiplier', 'damageReduction', 'magnitude']) if (has(b, field)) notes.push(`${field} is not simulated`);
    if (typeof b.condition === 'string') {
      const mapped = BUFF_CONDITION_BY_TEXT.get(b.condition.trim().toLowerCase());
      if (mapped) Object.assign(effect, mapped);
      else if (b.condition.trim().toLowerCase() === PETRIFIED.toLowerCase()) {
        effect.conditions = ['paralyzed'];
        effect.resistances = [...DAMAGE_TYPES];
        notes.push('petrified is simulated as paralyzed with resistance to every damage type');
      } else notes.push(`the condition "${clip(b.condition)}" is not simulated`);
    }
    const durationText = typeof b.duration === 'string' ? b.duration.trim().toLowerCase() : BUFF_DURATION.encounter;
    let saveEnds = false;
    if (durationText === BUFF_DURATION.oneRound) effect.duration = { kind: 'rounds', rounds: 1 };
    else if (durationText === BUFF_DURATION.encounter) effect.duration = { kind: 'encounter' };
    else if (durationText === BUFF_DURATION.saveEachRound) {
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
}
