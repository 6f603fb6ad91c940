// Exporter to BattleSim (Trekiros) save files, so a DM can take a scenario back to BattleSim. It
// writes the shape the importer in battlesim.ts reads (and BattleSim writes): `players` and
// `encounters` of creatures with `hp`, `AC`, `saveBonus` and actions of type `atk`, `heal`, `buff`,
// `debuff` or `template`. BattleSim works with one average save bonus, one action per slot and
// no damage types, spell slots, reactions or traits: whatever is lost or approximated is said in
// `notes`, one plain sentence each naming the creature and the feature.
//
// A few fields BattleSim itself does not read are written too because its fork battlesim2 and our
// importer do: per-ability save bonuses, `hitDice`, `conModifier`, damage type `tags`, encounter
// names and the `concentration` of a buff. Exporting an imported file and importing it again gives
// the same scenario (a fixed point), which the tests check on the reference files. The words it
// writes (targets, conditions, slots, frequencies, buffs, templates) come from the same table the
// importer reads, battlesim-vocabulary.ts.

import {
  ABILITIES, DAMAGE_TYPES, DEFAULT_RULES, diceMean, formatDice, parseDice,
  type Ability, type ActionCondition, type ActionSpec, type AttackAction,
  type CreatureActionSpec, type CreatureSpec, type DamageType, type EffectAction, type EffectSpec, type EnemyTargeting,
  type HealAction, type ReactionSpec, type SaveAction, type ScenarioSpec, type Uses,
} from '../../engine/index.ts';
import { cantripTier } from '../../engine/tables.ts';
import { loadScenarioJson } from '../format/load.ts';
import {
  ACTION_CONDITIONS, ADVANTAGE_CONDITIONS, ALLY_TARGETS, ALWAYS_AVAILABLE, BUFF_ALLY_TARGET, BUFF_CONDITIONS, BUFF_DURATION, DAMAGE_TAGS,
  ENEMY_TARGETS, FREQ, PETRIFIED, RANGED_TAG, SAVE_FIELDS, SLOT, TEMPLATES, battleSimOrder, cooldownForRecharge, diceToAverage, orderRank,
  type Placement,
} from './battlesim-vocabulary.ts';

type Doc = Record<string, unknown>;

/** A BattleSim save: what BattleSim's "save" writes, minus its timestamp (kept out so exports are reproducible). */
export interface BattleSimDocument {
  name: string;
  players: Doc[];
  encounters: Doc[];
}

export interface BattleSimExport {
  document: BattleSimDocument;
  /** The document as JSON text, ready to save as a file. */
  text: string;
  /** What BattleSim cannot express, one sentence each naming the creature and the feature. */
  notes: string[];
}

interface Emitted {
  action: Doc;
  placement: Placement;
  /** The mean damage the importer sorts at-will actions by. */
  mean: number;
}

const ABILITY_NAMES: Record<Ability, string> = {
  str: 'Strength', dex: 'Dexterity', con: 'Constitution', int: 'Intelligence', wis: 'Wisdom', cha: 'Charisma',
};

const ALL_DAMAGE_TYPE_COUNT = DAMAGE_TYPES.length;

/** Mean of dice text, 0 for text that does not parse (a valid spec always parses). */
function meanOf(text: string): number {
  try {
    return diceMean(parseDice(text));
  } catch {
    return 0;
  }
}

/** Damage or healing as BattleSim likes it: an average as a number, dice as text. */
const amountValue = diceToAverage;

/** A bonus as a number when it is one ("2", "-1"), else the dice text (BattleSim reads both). */
function bonusValue(text: string): number | string {
  return /^[+-]?\d+$/.test(text.trim()) ? Number(text.trim()) : text;
}

/** "a", "a and b", "a, b and c". */
const listText = (items: readonly string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
const signed = (n: number) => (n < 0 ? String(n) : `+${n}`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const quote = (name: string) => `"${name}"`;
const isDoc = (v: unknown): v is Doc => v !== null && typeof v === 'object' && !Array.isArray(v);

/** JSON with sorted keys and without effect-action positions: equality of spec values. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!isDoc(v)) return v;
    const out: Doc = {};
    for (const k of Object.keys(v).sort()) if (k !== 'position') out[k] = v[k];
    return out;
  });
}

function usesText(uses: Uses): string {
  switch (uses.per) {
    case 'at-will': return 'at will';
    case 'encounter': return `${uses.count}/fight`;
    case 'short-rest': return `${uses.count}/short rest`;
    case 'long-rest': return `${uses.count}/day`;
    case 'recharge': return `recharge ${uses.min}-6`;
  }
}

class Exporter {
  readonly notes: string[] = [];
  private readonly seen = new Set<string>();

  note(text: string): void {
    if (this.seen.has(text)) return;
    this.seen.add(text);
    this.notes.push(text);
  }

  // ------------------------------------------------------------------ shared fields

  freq(uses: Uses, who: string, name: string): unknown {
    switch (uses.per) {
      case 'at-will': return FREQ.atWill;
      case 'encounter':
        if (uses.count === 1) return FREQ.oncePerFight;
        // BattleSim's only per-fight frequency is 1/fight; uses per short rest come closest.
        this.note(`${who}: ${quote(name)} is usable ${uses.count} times per fight, which BattleSim cannot express; it is written as ${uses.count} uses per short rest.`);
        return { reset: FREQ.shortRest, uses: uses.count };
      case 'short-rest': return { reset: FREQ.shortRest, uses: uses.count };
      case 'long-rest': return uses.count === 1 ? FREQ.oncePerDay : { reset: FREQ.longRest, uses: uses.count };
      case 'recharge': {
        const rounds = cooldownForRecharge(uses.min);
        this.note(`${who}: ${quote(name)} recharges on ${uses.min}-6, which BattleSim approximates as a fixed cooldown of ${rounds} rounds.`);
        return { reset: FREQ.recharge, cooldownRounds: rounds };
      }
    }
  }

  condition(condition: ActionCondition, uses: Uses, who: string, name: string): string {
    if (condition === 'enemy-count-one' || condition === 'enemy-count-multiple') {
      this.note(`${who}: the condition of ${quote(name)} (${condition === 'enemy-count-one' ? 'a single enemy left' : 'several enemies left'}) exists only in battlesim2; BattleSim itself does not know it.`);
    }
    if (condition === 'after-previous') {
      this.note(`${who}: ${quote(name)} is used only once the action before it was used in the fight; BattleSim cannot express that, so it may be used from the first turn.`);
    }
    if (condition === 'not-used-yet' && uses.per !== 'at-will') {
      this.note(`${who}: ${quote(name)} is used only once per fight on top of its ${usesText(uses)} limit; BattleSim's "not used yet" keeps that, but reading the file back drops the once-per-fight part.`);
    }
    return ACTION_CONDITIONS[condition].write;
  }

  enemyTarget(targeting: EnemyTargeting, who: string, name: string): string {
    if (targeting === 'random') this.note(`${who}: ${quote(name)} picks a random enemy, which BattleSim cannot express; it targets the enemy with the most HP.`);
    return ENEMY_TARGETS[targeting].write;
  }

  /**
   * Notes what a spell loses: BattleSim has no spell slots, so only the frequency limits it. The
   * engine spends slots only for a caster that has them, so without slots nothing is lost.
   */
  spell(a: CreatureActionSpec, who: string, hasSlots: boolean): void {
    const sp = a.spell;
    if (!sp) return;
    const parts: string[] = [];
    if (sp.level > 0 && hasSlots) parts.push(`spends no level-${sp.level} spell slot in BattleSim, so only its frequency (${usesText(a.uses)}) limits it`);
    if ((sp.upcast !== undefined || sp.upcastTargets !== undefined) && hasSlots) parts.push('does not grow with higher slots');
    if (sp.concentration && a.type !== 'effect') parts.push('does not take concentration');
    if (parts.length > 0) this.note(`${who}: the spell ${quote(a.name)} ${parts.join(', ')}.`);
  }

  base(a: CreatureActionSpec, id: string, slot: number, who: string): Doc {
    return {
      id, name: a.name, actionSlot: slot, freq: this.freq(a.uses, who, a.name), condition: this.condition(a.condition, a.uses, who, a.name),
    };
  }

  damageTags(type: DamageType, who: string, name: string, ranged: boolean): string[] {
    const tags: string[] = [];
    if (ranged) tags.push(RANGED_TAG);
    const tag = DAMAGE_TAGS[type];
    if (tag) tags.push(tag);
    else if (type !== 'bludgeoning') this.note(`${who}: ${quote(name)} deals ${type} damage; BattleSim records no damage type and it reads back as bludgeoning.`);
    return tags;
  }

  // ------------------------------------------------------------------ templates

  /**
   * BattleSim's spell templates (Bless, Bane, Hunter's Mark, Shield, Fireball, ...) say more than a
   * buff can (a mark's extra damage, a Shield reaction). A template is written only when our own
   * importer turns it back into exactly this action, so the mapping never drifts from the
   * importer's table; anything else is written as plain actions.
   */
  template(ours: CreatureActionSpec | ReactionSpec, names: string[], base: Doc, options: Doc, extra: Doc): Doc | null {
    const isReaction = 'kind' in ours;
    // Only names on the importer's template table can read back as a template.
    for (const templateName of [...new Set(names.map((n) => n.trim()).filter((n) => TEMPLATES.has(n.toLowerCase())))]) {
      const candidate: Doc = { ...base, ...extra, type: 'template', templateOptions: { templateName, ...options } };
      const probe = { ...candidate, actionSlot: isReaction ? SLOT.reaction : ours.slot === 'bonus' ? SLOT.bonus : SLOT.action };
      try {
        const loaded = loadScenarioJson({
          name: 'Template probe',
          players: [{ name: 'Probe', hp: 10, AC: 10, saveBonus: 0, actions: [probe] }],
          encounters: [{ monsters: [{ name: 'Target', hp: 10, AC: 10, saveBonus: 0, actions: [] }] }],
        }, 'template probe');
        const c = loaded.spec.party[0];
        const back = isReaction ? c.reactions?.[0] : ours.type === 'effect' ? c.effectActions?.[0] : c.actions[0];
        const count = (c.reactions?.length ?? 0) + (c.effectActions?.length ?? 0) + c.actions.length;
        if (count === 1 && back !== undefined && canonical(back) === canonical(ours)) return candidate;
      } catch {
        // Not a template the importer knows with these options: written as plain actions.
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ effects as buffs

  /**
   * An effect as a BattleSim buff object, noting what it loses. Returns null when BattleSim can
   * express none of it.
   */
  buff(e: EffectSpec, who: string, what: string, opts: { debuffSave: boolean; concentration: boolean; actionName: string }): Doc | null {
    const buff: Doc = {};
    const lost: string[] = [];
    let expressed = false;
    if (e.name !== opts.actionName) buff.displayName = e.name;

    // Duration: BattleSim has one round, the whole encounter, and (battlesim2) a save each round.
    const d = e.duration;
    if (e.saveEnds && opts.debuffSave && d.kind === 'rounds' && d.rounds === 10) buff.duration = BUFF_DURATION.saveEachRound;
    else if (d.kind === 'rounds' && d.rounds === 1) buff.duration = BUFF_DURATION.oneRound;
    else if (d.kind === 'encounter') buff.duration = BUFF_DURATION.encounter;
    else if (d.kind === 'rounds') {
      buff.duration = BUFF_DURATION.encounter;
      lost.push(`its ${plural(d.rounds, 'round')} duration is written as the entire encounter`);
    } else if (d.kind === 'day') {
      buff.duration = BUFF_DURATION.encounter;
      lost.push('it lasts the whole day but BattleSim ends it with each encounter');
    } else {
      buff.duration = BUFF_DURATION.oneRound;
      lost.push(`its duration (${d.kind === 'source-turn-end' ? 'until the end of the source\'s next turn' : 'until the start of the target\'s next turn'}) is written as 1 round`);
    }
    if (e.saveEnds && buff.duration !== BUFF_DURATION.saveEachRound) {
      lost.push(opts.debuffSave ? 'the save repeated each turn is only kept for 1-minute effects' : 'the save repeated each turn is lost, as it has no save');
    }

    if (e.attackBonus !== undefined) {
      buff.toHit = bonusValue(e.attackBonus);
      expressed = true;
    }
    if (e.saveBonus !== undefined) {
      buff.save = bonusValue(e.saveBonus);
      expressed = true;
    }
    if (e.acBonus !== undefined) {
      buff.ac = e.acBonus;
      expressed = true;
    }
    if (e.extraDamage !== undefined) {
      buff.damage = amountValue(e.extraDamage);
      expressed = true;
      if (e.extraDamageOncePerTurn) lost.push('its extra damage lands on every hit instead of once per turn');
      if (e.extraDamageType !== undefined && e.extraDamageType !== 'force') lost.push(`its extra damage loses its type (${e.extraDamageType})`);
    }

    // One condition per buff: petrified is paralyzed with resistance to everything, as the importer reads it.
    const conditions = new Set(e.conditions ?? []);
    const resistAll = new Set(e.resistances ?? []).size >= ALL_DAMAGE_TYPE_COUNT;
    let condition: string | undefined;
    let resistanceUsed = false;
    if (conditions.has('paralyzed') && resistAll) {
      condition = PETRIFIED;
      conditions.delete('paralyzed');
      resistanceUsed = true;
    } else {
      const first = BUFF_CONDITIONS.find((c) => c.written && conditions.has(c.condition));
      if (first) {
        condition = first.text;
        conditions.delete(first.condition);
      }
    }
    const advantage = (by: EffectSpec['attacksBy'], against: EffectSpec['attacksAgainst']): string | undefined =>
      ADVANTAGE_CONDITIONS.find((c) => c.attacksBy === by && c.attacksAgainst === against)?.text;
    const adv = advantage(e.attacksBy, e.attacksAgainst);
    if (condition === undefined && adv !== undefined) condition = adv;
    else if (condition === undefined && (e.attacksBy || e.attacksAgainst)) {
      // Disadvantage on its attacks and advantage against it has no single BattleSim condition.
      condition = advantage(e.attacksBy, undefined);
      lost.push(`attacks against it with ${e.attacksAgainst} are lost`);
    } else if (e.attacksBy || e.attacksAgainst) {
      lost.push('its advantage or disadvantage on attacks is lost (a buff holds one condition)');
    }
    if (condition !== undefined) {
      buff.condition = condition;
      expressed = true;
    }
    if (conditions.size > 0) lost.push(`the condition${conditions.size === 1 ? '' : 's'} ${listText([...conditions])} ${conditions.size === 1 ? 'is' : 'are'} lost`);

    if (resistAll && !resistanceUsed) {
      buff.damageTakenMultiplier = 0.5;
      expressed = true;
    } else if (!resistAll && (e.resistances?.length ?? 0) > 0) {
      lost.push(`its resistance to ${listText(e.resistances!)} damage is lost (BattleSim can only halve all damage)`);
    }
    if (e.tempHp !== undefined) lost.push(`its ${e.tempHp} temporary HP are lost`);
    if (e.healEachTurn !== undefined) lost.push('its healing each turn is lost');
    if (e.turnDamage !== undefined) lost.push('its damage each turn is lost');
    if (e.retaliate !== undefined) lost.push('its damage back to attackers is lost');
    if (e.markDamage !== undefined) lost.push('its extra damage to the marked creature is lost');
    if (e.endsOnDamage) lost.push('it no longer ends when the creature takes damage');
    if (opts.concentration) buff.concentration = true;

    if (!expressed) {
      this.note(`${who}: ${what} is left out: BattleSim can express none of its effect${lost.length > 0 ? ` (${lost.join('; ')})` : ''}.`);
      return null;
    }
    if (lost.length > 0) this.note(`${who}: ${what} is approximated: ${lost.join('; ')}.`);
    return buff;
  }

  // ------------------------------------------------------------------ actions

  /**
   * A cantrip's damage at the character's level (×1 to ×4), as BattleSim does not scale cantrips;
   * any other action's damage as it is.
   */
  cantripDamage(a: AttackAction | SaveAction, text: string, who: string, level: number): string {
    const tier = a.spell?.cantripScaling ? cantripTier(level) : 1;
    if (tier === 1) return text;
    try {
      const expr = parseDice(text);
      if (expr.terms.some((t) => t.keep !== t.count)) throw new Error('kept dice do not scale by count');
      this.note(`${who}: the cantrip ${quote(a.name)} is written with its damage at character level ${level} (×${tier}).`);
      return formatDice({ ...expr, terms: expr.terms.map((t) => ({ ...t, count: t.count * tier, keep: t.keep * tier })), flat: expr.flat * tier });
    } catch {
      this.note(`${who}: the cantrip ${quote(a.name)} is written with its level-1 damage; BattleSim does not scale cantrips.`);
      return text;
    }
  }

  attack(a: AttackAction, base: Doc, who: string, level: number): { action: Doc; mean: number } {
    const attacks = a.attacks;
    const scaled = (text: string): string => this.cantripDamage(a, text, who, level);
    const total = attacks.reduce((n, x) => n + x.count, 0);
    // BattleSim makes `targets` attacks with one to-hit and one damage: several weapons are merged.
    let toHit: number;
    let dpr: number | string;
    const same = attacks.every((x) => x.toHit === attacks[0].toHit && x.damage === attacks[0].damage);
    if (same) {
      toHit = attacks[0].toHit;
      dpr = amountValue(scaled(attacks[0].damage));
    } else {
      toHit = Math.round(attacks.reduce((n, x) => n + x.toHit * x.count, 0) / total) || 0;
      const mean = attacks.reduce((n, x) => n + Math.max(0, meanOf(scaled(x.damage))) * x.count, 0) / total;
      // Halves read back exactly (as "N+1d2-1"); finer averages would be rounded by the importer.
      dpr = Math.round(mean * 2) / 2 || 0;
      this.note(`${who}: the attacks of ${quote(a.name)} (${attacks.map((x) => `${x.count}× ${signed(x.toHit)} ${x.damage}`).join(', ')}) are merged into ${total} attacks at ${signed(toHit)} dealing ${dpr} on average, as a BattleSim attack has one to-hit and one damage.`);
    }
    const targets = Math.min(total, 20);
    if (targets < total) this.note(`${who}: ${quote(a.name)} makes ${total} attacks; BattleSim files read back at most 20, so 20 are written.`);
    const crit = attacks.find((x) => x.critOn < 20);
    if (crit) this.note(`${who}: ${quote(a.name)} scores critical hits on ${crit.critOn}-20, which BattleSim does not model.`);
    const types = [...new Set(attacks.map((x) => x.damageType))];
    if (types.length > 1) this.note(`${who}: ${quote(a.name)} mixes damage types (${types.join(', ')}); only ${types[0]} is written.`);
    const ranged = attacks.every((x) => x.reach === 'ranged');
    const tags = this.damageTags(types[0], who, a.name, ranged);
    const out: Doc = { ...base, type: 'atk', targets, dpr, toHit, target: this.enemyTarget(a.targeting, who, a.name) };
    if (tags.length > 0) out.tags = tags;

    if (a.effect) {
      if (a.effectSave) {
        const buff = this.buff(a.effect, who, `the on-hit effect of ${quote(a.name)}`, { debuffSave: true, concentration: false, actionName: a.name });
        if (buff) {
          out.riderEffect = { dc: a.effectSave.dc, buff };
          this.note(`${who}: the on-hit effect of ${quote(a.name)} is written as a BattleSim rider effect, which uses the target's single save bonus instead of ${ABILITY_NAMES[a.effectSave.ability]}; our importer does not read rider effects back.`);
        }
      } else {
        this.note(`${who}: the on-hit effect of ${quote(a.name)} (${a.effect.name}) is lost, as a BattleSim rider effect always allows a save.`);
      }
    }
    if (a.smite) this.note(`${who}: the smite of ${quote(a.name)} (${a.smite.damage} per slot) is lost; BattleSim has no spell slots to spend on hits.`);
    const mean = typeof dpr === 'number' ? dpr * targets : Math.max(0, meanOf(dpr)) * targets;
    return { action: out, mean };
  }

  save(a: SaveAction, base: Doc, who: string, level: number): Doc {
    const damage = this.cantripDamage(a, a.damage, who, level);
    if (a.ability !== 'dex') {
      this.note(`${who}: ${quote(a.name)} calls for a ${ABILITY_NAMES[a.ability]} save; BattleSim uses the target's single save bonus, and it reads back as a Dexterity save.`);
    }
    if (a.effect) this.note(`${who}: the effect of ${quote(a.name)} on a failed save (${a.effect.name}) is lost; BattleSim's saving-throw attacks only deal damage.`);
    const out: Doc = {
      ...base, type: 'atk', useSaves: true, halfOnSave: a.onSuccess === 'half', targets: a.targets,
      // BattleSim keeps a saving throw's DC in toHit.
      toHit: a.dc, dpr: amountValue(damage), target: this.enemyTarget(a.targeting, who, a.name),
    };
    const tags = this.damageTags(a.damageType, who, a.name, false);
    if (tags.length > 0) out.tags = tags;
    return out;
  }

  heal(a: HealAction, base: Doc): Doc {
    const out: Doc = { ...base, type: 'heal', targets: a.targets, amount: amountValue(a.amount), target: ALLY_TARGETS[a.targeting].write };
    if (a.temporary) out.tempHP = true;
    return out;
  }

  effectAction(a: EffectAction, base: Doc, who: string): Doc | null {
    if (a.effect === undefined) {
      this.note(`${who}: ${quote(a.name)} is left out: BattleSim has no action that ends effects.`);
      return null;
    }
    const what = `the ${a.target === 'enemies' ? 'debuff' : 'buff'} ${quote(a.name)}`;
    const concentration = a.spell?.concentration === true;
    if (a.target === 'enemies') {
      const buff = this.buff(a.effect, who, what, { debuffSave: a.save !== undefined, concentration, actionName: a.name });
      if (!buff) return null;
      const out: Doc = { ...base, type: 'debuff', targets: a.targets, target: this.enemyTarget(a.enemyTargeting ?? 'highest-damage', who, a.name), buff };
      if (a.save) {
        out.saveDC = a.save.dc;
        if (a.save.ability !== 'wis') {
          this.note(`${who}: ${what} calls for a ${ABILITY_NAMES[a.save.ability]} save; BattleSim uses the target's single save bonus, and it reads back as a Wisdom save.`);
        }
      } else {
        this.note(`${who}: ${what} allows no save, but BattleSim asks every debuff for a save DC; add one in BattleSim.`);
      }
      return out;
    }
    // Temporary hit points alone are a BattleSim heal with tempHP, not a buff.
    const e: EffectSpec = a.effect;
    const onlyTempHp = e.tempHp !== undefined && Object.entries(e)
      .every(([k, v]) => k === 'name' || k === 'duration' || k === 'tempHp' || v === undefined || v === false || (Array.isArray(v) && v.length === 0));
    if (onlyTempHp) {
      this.note(`${who}: ${what} only grants temporary HP; it is written as a BattleSim heal granting ${e.tempHp} temporary HP.`);
      return { ...base, type: 'heal', tempHP: true, targets: a.targets, amount: amountValue(e.tempHp!), target: ALLY_TARGETS[a.target === 'self' ? 'self' : 'lowest-hp-fraction'].write };
    }
    const buff = this.buff(e, who, what, { debuffSave: false, concentration, actionName: a.name });
    if (!buff) return null;
    return { ...base, type: 'buff', targets: a.targets, target: a.target === 'self' ? ALLY_TARGETS.self.write : BUFF_ALLY_TARGET, buff };
  }

  /** One action in BattleSim's shape, or null when BattleSim can express none of it. */
  action(a: CreatureActionSpec, id: string, slot: number, who: string, level: number, hasSlots: boolean): { action: Doc; mean: number } | null {
    this.spell(a, who, hasSlots);
    const base = this.base(a, id, slot, who);
    if (a.type === 'effect' || a.type === 'save' || a.type === 'heal') {
      const options: Doc = {};
      const extra: Doc = { targets: a.targets };
      if (a.type === 'save') {
        options.saveDC = a.dc;
        options.target = extra.target = ENEMY_TARGETS[a.targeting].write;
      } else if (a.type === 'effect' && a.target === 'enemies') {
        if (a.save) options.saveDC = a.save.dc;
        options.target = extra.target = ENEMY_TARGETS[a.enemyTargeting ?? 'highest-damage'].write;
      } else if (a.type === 'heal') {
        options.target = extra.target = ALLY_TARGETS[a.targeting].write;
      }
      const names = a.type === 'effect' ? [a.name, a.effect?.name ?? a.name] : [a.name];
      const tpl = this.template(a, names, base, options, extra);
      if (tpl) {
        const mean = a.type === 'save' ? Math.max(0, meanOf(a.damage)) * a.targets : 0;
        return { action: tpl, mean };
      }
    }
    switch (a.type) {
      case 'attack': return this.attack(a, base, who, level);
      case 'save': {
        const action = this.save(a, base, who, level);
        return { action, mean: Math.max(0, typeof action.dpr === 'number' ? action.dpr : meanOf(String(action.dpr))) * a.targets };
      }
      case 'heal': return { action: this.heal(a, base), mean: 0 };
      case 'effect': {
        const action = this.effectAction(a, base, who);
        return action ? { action, mean: 0 } : null;
      }
    }
  }

  // ------------------------------------------------------------------ creatures

  creature(c: CreatureSpec, id: string, who: string, side: 'players' | 'monsters'): Doc {
    const out: Doc = { id, mode: 'custom', name: c.name, count: c.count, hp: c.hp, AC: c.ac };

    // BattleSim keeps one average save bonus; battlesim2 (and our importer) read per-ability ones beside it.
    const saves = ABILITIES.map((ab) => c.saves[ab]);
    const average = Math.round(saves.reduce((n, s) => n + s, 0) / saves.length) || 0;
    out.saveBonus = average;
    const differing = ABILITIES.filter((ab) => c.saves[ab] !== average);
    for (const [ab, field] of SAVE_FIELDS) if (differing.includes(ab)) out[field] = c.saves[ab];
    if (differing.length > 0) {
      this.note(`${who}: saving throws differ by ability (${ABILITIES.map((ab) => `${ab} ${c.saves[ab]}`).join(', ')}); BattleSim uses the rounded average ${signed(average)}, and only battlesim2 reads the per-ability bonuses.`);
    }
    out.initiativeBonus = c.initiativeBonus;
    if (c.initiativeAdvantage) out.initiativeAdvantage = true;
    if (c.hitDice !== null) out.hitDice = c.hitDice;
    if (c.conModifier !== 0) out.conModifier = c.conModifier;

    if ((c.kind === 'character') !== (side === 'players')) {
      this.note(`${who}: it is a ${c.kind === 'character' ? 'character among the enemies' : 'monster in the party'}; BattleSim treats everyone by side, so it ${c.kind === 'character' ? 'dies at 0 HP instead of making death saves' : 'makes death saves instead of dying at 0 HP'}.`);
    }
    if (c.rollHp && c.hpFormula) this.note(`${who}: its HP are rolled from ${c.hpFormula} in each run, but BattleSim uses the fixed ${c.hp}.`);
    const typed = (label: string, list: DamageType[]) => {
      if (list.length > 0) this.note(`${who}: its ${label} to ${listText(list)} damage is lost; BattleSim has no damage types.`);
    };
    typed('resistance', c.resistances);
    typed('immunity', c.immunities);
    typed('vulnerability', c.vulnerabilities);
    if (c.spellSlots && c.spellSlots.some((n) => n > 0)) {
      this.note(`${who}: its spell slots (${c.spellSlots.map((n, i) => `${n} of level ${i + 1}`).filter((s) => !s.startsWith('0 ')).join(', ')}) are lost; BattleSim limits spells only by their frequency.`);
    } else if (c.caster && !c.spellSlots) {
      this.note(`${who}: its spell slots as a level-${c.level ?? 0} ${c.caster} caster are lost; BattleSim limits spells only by their frequency.`);
    }
    const t = c.traits;
    if (t?.magicResistance) this.note(`${who}: Magic Resistance (advantage on saves against spells) is lost.`);
    if (t?.packTactics) this.note(`${who}: Pack Tactics (advantage while an ally stands near) is lost.`);
    if (t?.regeneration) this.note(`${who}: regeneration of ${t.regeneration} HP a turn is lost.`);
    if (t?.conditionImmunities && t.conditionImmunities.length > 0) this.note(`${who}: its immunity to being ${listText(t.conditionImmunities)} is lost.`);
    if (c.tactics === 'auto') this.note(`${who}: its automatic tactics are lost; BattleSim picks actions by its own order.`);

    const emitted: Emitted[] = [];
    const level = c.level ?? 0;
    const hasSlots = c.spellSlots ? c.spellSlots.some((k) => k > 0) : c.caster !== undefined;
    let n = 0;
    const push = (a: CreatureActionSpec, slot: number, placement: Placement) => {
      const made = this.action(a, `${id}-a${++n}`, slot, who, level, hasSlots);
      if (made) emitted.push({ action: made.action, placement, mean: made.mean });
    };

    // Effect actions are tried just before actions[position]: written there among the actions.
    const effects = [...(c.effectActions ?? [])]
      .map((e, k) => ({ e, k, at: Math.min(e.position ?? 0, c.actions.length) }))
      .sort((x, y) => x.at - y.at || x.k - y.k);
    const slotOf = (a: CreatureActionSpec) => (a.slot === 'bonus' ? SLOT.bonus : SLOT.action);
    let next = 0;
    const effectsUpTo = (at: number) => {
      for (; next < effects.length && effects[next].at <= at; next++) push(effects[next].e, slotOf(effects[next].e), 'actions');
    };
    c.actions.forEach((a: ActionSpec, i) => {
      effectsUpTo(i);
      push(a, slotOf(a), 'actions');
    });
    effectsUpTo(Infinity);

    if (c.legendary) {
      const l = c.legendary;
      const costly = l.actions.filter((x) => x.cost !== 1);
      if (l.perRound !== 3 || costly.length > 0) {
        this.note(`${who}: BattleSim's legendary actions have no points, and reading them back gives 3 a round at 1 each, so ${l.perRound} a round${costly.length > 0 ? ` and the costs of ${costly.map((x) => `${quote(x.action.name)} (${x.cost})`).join(', ')}` : ''} are lost.`);
      }
      if (l.resistances > 0) this.note(`${who}: Legendary Resistance (${l.resistances}/day) is lost.`);
      for (const x of l.actions) push(x.action, SLOT.legendary, 'legendary');
    }
    for (const a of c.lairActions ?? []) push(a, SLOT.lair, 'lair');

    for (const r of c.reactions ?? []) {
      let tpl: Doc | null = null;
      if (r.kind === 'shield') {
        const base = {
          id: `${id}-a${n + 1}`, name: 'Shield', actionSlot: SLOT.reaction, freq: this.freq(r.uses ?? { per: 'at-will' }, who, 'Shield'),
          condition: ACTION_CONDITIONS.always.write,
        };
        tpl = this.template(r, ['Shield'], base, {}, {});
      }
      if (tpl) {
        n++;
        emitted.push({ action: tpl, placement: 'reaction', mean: 0 });
      }
      else {
        const names = { shield: 'Shield', 'uncanny-dodge': 'Uncanny Dodge', parry: 'Parry', 'hellish-rebuke': 'Hellish Rebuke', counterspell: 'Counterspell' } as const;
        this.note(`${who}: the ${names[r.kind]} reaction is lost; BattleSim's only reaction the importer knows is the Shield template.`);
      }
    }

    // Effects always on: a self buff before the encounter (for lasting ones) or a free one each
    // round (for one-round ones), which is how BattleSim files write Rage and Reckless Attack.
    (c.effects ?? []).forEach((e) => {
      const buff = this.buff(e, who, `the always-on effect ${quote(e.name)}`, { debuffSave: false, concentration: false, actionName: e.name });
      if (!buff) return;
      const eachRound = buff.duration === BUFF_DURATION.oneRound;
      emitted.push({
        action: {
          id: `${id}-a${++n}`, name: e.name, actionSlot: eachRound ? SLOT.other1 : SLOT.beforeTheEncounter, freq: FREQ.atWill,
          condition: ACTION_CONDITIONS.always.write,
          targets: 1, type: 'buff', target: 'self', buff,
        },
        placement: 'effects',
        mean: 0,
      });
    });

    keepOrder(emitted);
    out.actions = emitted.map((x) => x.action);
    return out;
  }

  run(name: string, spec: ScenarioSpec): BattleSimDocument {
    const players = spec.party.map((c, i) => this.creature(c, `p${i + 1}`, c.name, 'players'));
    const encounters = spec.encounters.map((e, i) => {
      const out: Doc = {
        id: `e${i + 1}`,
        name: e.name,
        monsters: e.enemies.map((c, j) => this.creature(c, `e${i + 1}-m${j + 1}`, `${c.name} (${e.name})`, 'monsters')),
        playersSurprised: e.surprise === 'party',
        monstersSurprised: e.surprise === 'enemies',
      };
      // BattleSim rests before an encounter marked shortRest; a rest before the first changes nothing.
      if (e.shortRestBefore && i > 0) out.shortRest = true;
      return out;
    });
    const r = spec.rules;
    if (r.roundCap !== DEFAULT_RULES.roundCap) this.note(`The round cap of ${r.roundCap} is lost; BattleSim has its own.`);
    if (r.attackDowned !== DEFAULT_RULES.attackDowned) this.note(`The rule on attacking creatures at 0 HP (${r.attackDowned}) is lost.`);
    if (r.hitDicePolicy !== DEFAULT_RULES.hitDicePolicy) this.note(`The hit dice policy on short rests (${r.hitDicePolicy}) is lost.`);
    if (r.resourcePolicy !== undefined) this.note(`The spell slot policy (${r.resourcePolicy}) is lost; BattleSim has no spell slots.`);
    if (r.tactics === 'auto') this.note('The automatic tactics are lost; BattleSim picks actions by its own order.');
    return { name, players, encounters };
  }
}

/**
 * The importer sorts a creature's actions the way BattleSim tries them: with a condition first,
 * then limited ones, then the most damaging. The engine takes the first usable action of a slot in
 * list order, so what must survive is the order within each slot of each placement. When the sort
 * would change it, every "default" condition is written as "is available" (also always true), so
 * all actions rank alike and keep their order. The order across slots (action before bonus action)
 * changes nothing, so it is let go rather than writing "is available" everywhere; it survives too
 * when the sort happens to keep it, which makes an imported file a fixed point.
 */
function keepOrder(emitted: Emitted[]): void {
  const rank = (a: Doc) => orderRank(a.condition !== ACTION_CONDITIONS.always.write, a.freq === FREQ.atWill);
  const sorted = battleSimOrder(emitted, (x) => rank(x.action), (x) => x.mean);
  const order = (list: Emitted[]) => {
    const groups = new Map<string, number[]>();
    for (const x of list) {
      const key = `${x.placement} ${String(x.action.actionSlot)}`;
      groups.set(key, [...(groups.get(key) ?? []), emitted.indexOf(x)]);
    }
    return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}: ${v.join(',')}`).join('|');
  };
  if (order(sorted) === order(emitted)) return;
  for (const x of emitted) if (x.action.condition === ACTION_CONDITIONS.always.write) x.action.condition = ALWAYS_AVAILABLE;
}

/**
 * A scenario as a BattleSim save. Never throws on a valid ScenarioSpec; what BattleSim cannot
 * express is listed in `notes`.
 */
export function exportBattleSim(name: string, spec: ScenarioSpec): BattleSimExport {
  const exporter = new Exporter();
  const document = exporter.run(name, spec);
  return { document, text: `${JSON.stringify(document, null, 2)}\n`, notes: exporter.notes };
}
