// scenario/interop/: other tools' files, in and out. BattleSim saves are read here and written by
// battlesim-export.ts, both from one table of BattleSim's words (battlesim-vocabulary.ts); monsters
// come in from the SRD API and 5etools (monster-import.ts, monster-5etools.ts); results go out as
// CSV and JSON (result-export.ts).
//
// Importer for save files of BattleSim (Trekiros) and its fork battlesim2. It turns one into a
// document of our own format, version 1, which then goes through the same validation and compile
// check as any other file. BattleSim works with averages and has buffs, templates and reactions
// the engine does not simulate yet: what is approximated or left out is said in a warning, and
// errors name the field as it is spelled in the BattleSim file.
//
// This module reads the document (players, encounters or a timeline, creatures); one action is
// converted in battlesim-actions.ts, single values are read in battlesim-values.ts, and the
// words of BattleSim's files, shared with the exporter, are in battlesim-vocabulary.ts.

import type { Surprise } from '../../engine/index.ts';
import { clip, kindOf } from '../format/errors.ts';
import { SCENARIO_FORMAT, SCENARIO_VERSION } from '../format/schema.ts';
import type { LoadWarning } from '../format/warnings.ts';
import { ActionImporter, type MappedAction } from './battlesim-actions.ts';
import { has, isDoc, withBattleSimSpelling, type Doc } from './battlesim-values.ts';
import { SAVE_FIELDS, battleSimOrder, type Placement } from './battlesim-vocabulary.ts';

export { averageToDice, rechargeForCooldown } from './battlesim-vocabulary.ts';

export interface BattleSimImport {
  /** A document in our format (version 1), not yet validated. */
  document: Doc;
  warnings: string[];
  /** The same warnings with their kind, for grouping. */
  notes: LoadWarning[];
  /** Maps a path in `document` (e.g. `party[0].actions[1].attacks[0].damage`) to the BattleSim field. */
  toSourcePath: (path: string) => string;
}

/** A BattleSim save has players and either encounters (BattleSim) or a timeline (battlesim2). */
export function isBattleSimDocument(doc: Doc): boolean {
  return 'players' in doc && ('encounters' in doc || 'timeline' in doc);
}

// BattleSim's own schema marks these as display data the simulator never reads.
const DESCRIPTIVE_CREATURE_FIELDS = new Set(['id', 'mode', 'type', 'cr', 'src', 'class']);
const CREATURE_FIELDS = new Set([
  'name', 'count', 'hp', 'AC', 'ac', 'saveBonus', 'strSaveBonus', 'dexSaveBonus', 'conSaveBonus', 'intSaveBonus',
  'wisSaveBonus', 'chaSaveBonus', 'initiativeBonus', 'initiativeAdvantage', 'hitDice', 'conModifier', 'actions',
]);
const ENCOUNTER_FIELDS = new Set(['id', 'type', 'name', 'monsters', 'playersSurprised', 'monstersSurprised', 'shortRest', 'targetRole']);
const TOP_FIELDS = new Set(['name', 'players', 'encounters', 'timeline', 'updated', 'id']);

class Importer extends ActionImporter {
  private readonly descriptive = new Set<string>();
  /** Actions the simulator uses (not counting buffs that are simply on from the start). */
  private usableActions = 0;
  private sourceActions = 0;

  /**
   * `fallback` names a creature without a name; `context` tells apart creatures of the same name
   * in warnings ("encounter 2", "player 3").
   */
  creature(c: unknown, path: string, ours: string, kind: 'character' | 'monster', fallback: string, context: string | null): Doc | null {
    if (!isDoc(c)) return this.fail(path, `must be a creature object, got ${kindOf(c)}`);
    const given = this.text(c.name, `${path}.name`);
    const name = given || fallback;
    const label = context ? `${name} (${context})` : name;
    if (!given) this.warn(`${label} has no name; it is called "${name}".`, 'read-as');

    const count = has(c, 'count') ? this.whole(c.count, `${path}.count`, label, 'count') : 1;
    if (count === 0) {
      this.warn(`${label}: count is 0, so the creature was left out.`, 'left-out', ['creature with count 0', 'creatures with count 0']);
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
    if (has(c, 'AC') && has(c, 'ac') && c.AC !== c.ac) this.warn(`${label}: both AC and ac are given; AC ${String(c.AC)} is used.`, 'read-as');
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
    this.sourceActions += sourceActions.length;
    this.usableActions += mapped.filter((m) => m.placement !== 'effects').length * (count ?? 1);
    // The engine takes the first usable action in list order; BattleSim tries conditional
    // actions first, then limited ones, then the rest (here the most damaging first).
    const ordered = battleSimOrder(mapped, (m) => m.rank, (m) => m.meanDamage);
    // Only the order within a slot matters: actions and bonus actions are chosen separately.
    const slotOrder = (list: MappedAction[]) =>
      ['action', 'bonus'].map((slot) => list.filter((m) => m.action.slot === slot).map((m) => m.sourceIndex).join(',')).join('|');
    if (slotOrder(ordered) !== slotOrder(mapped)) {
      this.warn(`${label}: actions were put in the order the simulator tries them (conditional and limited ones first, then the most damaging): ${ordered.map((m) => JSON.stringify(clip(String(m.action.name)))).join(', ')}.`, 'read-as');
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

    if (ignored.length > 0) this.warn(`${label}: fields not simulated yet and ignored: ${ignored.join(', ')}.`, 'ignored');
    return creature;
  }

  /** The file with battlesim2's snake_case fields under BattleSim's names, remembering how they were spelled. */
  respell(doc: Doc): Doc {
    return withBattleSimSpelling(doc, '', '', this.renamed) as Doc;
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

  /** The encounter, or null when it has no monsters (a saved day whose fight was not filled in yet). */
  encounter(e: unknown, path: string, ours: string, number: number, shortRestBefore: boolean): Doc | null {
    if (!isDoc(e)) return this.fail(path, `must be an encounter object, got ${kindOf(e)}`);
    if (e.monsters === undefined || e.monsters === null || (Array.isArray(e.monsters) && e.monsters.length === 0)) {
      this.warn(`Encounter ${number} has no monsters (a fight not filled in yet?), so it was skipped.`, 'left-out', ['empty encounter', 'empty encounters']);
      return null;
    }
    const ignored = Object.keys(e).filter((k) => !ENCOUNTER_FIELDS.has(k) && !((k === 'playersPrecast' || k === 'monstersPrecast') && !e[k]));
    if (ignored.length > 0) this.warn(`Encounter ${number}: fields not simulated yet and ignored: ${ignored.join(', ')}.`, 'ignored');
    const playersSurprised = this.boolean(e.playersSurprised, `${path}.playersSurprised`) ?? false;
    const monstersSurprised = this.boolean(e.monstersSurprised, `${path}.monstersSurprised`) ?? false;
    let surprise: Surprise = 'none';
    if (playersSurprised && monstersSurprised) {
      this.warn(`Encounter ${number}: both sides are marked surprised, which cancels out; nobody is surprised.`);
    } else if (playersSurprised) surprise = 'party';
    else if (monstersSurprised) surprise = 'enemies';
    const enemies = this.creatures(e.monsters, `${path}.monsters`, `${ours}.enemies`, 'monster', `encounter ${number}`);
    if (enemies.length === 0) {
      this.warn(`Encounter ${number} has only monsters with count 0, so it was skipped.`, 'left-out', ['empty encounter', 'empty encounters']);
      return null;
    }
    this.mapPath(ours, path);
    this.mapPath(`${ours}.enemies`, `${path}.monsters`);
    const name = this.text(e.name, `${path}.name`) || `Encounter ${number}`;
    return { name, enemies, shortRestBefore, surprise };
  }

  run(doc: Doc): Doc {
    const ignoredTop = Object.keys(doc).filter((k) => !TOP_FIELDS.has(k));
    if (ignoredTop.length > 0) this.warn(`Top-level fields not simulated yet and ignored: ${ignoredTop.join(', ')}.`, 'ignored');
    const party = this.creatures(doc.players, 'players', 'party', 'character', null);

    const encounters: Doc[] = [];
    // Fights in the file, empty ones included; warnings number them as the file does.
    let fights = 0;
    if (Array.isArray(doc.timeline)) {
      if (has(doc, 'encounters')) this.warn('The file has both a timeline and encounters; the timeline is used.', 'read-as');
      let restPending = false;
      doc.timeline.forEach((step, t) => {
        const path = `timeline[${t}]`;
        if (!isDoc(step)) return this.fail(path, `must be a timeline step, got ${kindOf(step)}`);
        const type = typeof step.type === 'string' ? step.type.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) : step.type ?? 'combat';
        if (type === 'shortRest') {
          if (encounters.length === 0) this.warn(`${path}: a short rest before the first fight changes nothing and was ignored.`, 'ignored');
          else restPending = true;
          return;
        }
        if (type !== 'combat') {
          this.warn(`${path}: step type ${JSON.stringify(clip(String(type)))} is not simulated yet and was skipped.`);
          return;
        }
        if (has(step, 'shortRest')) this.warn(`${path}: shortRest on a combat step is ignored; a timeline uses shortRest steps.`, 'ignored');
        fights++;
        const made = this.encounter(step, path, `encounters[${encounters.length}]`, fights, restPending);
        if (made) {
          encounters.push(made);
          restPending = false;
        }
      });
      if (restPending) this.warn('The timeline ends with a short rest, which changes nothing and was ignored.', 'ignored');
      this.mapPath('encounters', 'timeline');
    } else if (Array.isArray(doc.encounters)) {
      let restPending = false;
      doc.encounters.forEach((e, i) => {
        const path = `encounters[${i}]`;
        fights++;
        // BattleSim rests before an encounter that has `shortRest: true` (between it and the one before).
        const rest = isDoc(e) ? this.boolean(e.shortRest, `${path}.shortRest`) ?? false : false;
        if (rest && i === 0) this.warn(`${path}: a short rest before the first fight changes nothing and was ignored.`, 'ignored');
        // A rest before a skipped (empty) encounter is taken before the next one.
        const made = this.encounter(e, path, `encounters[${encounters.length}]`, i + 1, (rest || restPending) && encounters.length > 0);
        if (made) {
          encounters.push(made);
          restPending = false;
        } else if (rest && i > 0) restPending = true;
      });
      this.mapPath('encounters', 'encounters');
    } else {
      const key = has(doc, 'timeline') ? 'timeline' : 'encounters';
      this.fail(key, `must be a list of ${key === 'timeline' ? 'timeline steps' : 'encounters'}, got ${kindOf(doc[key])}`);
    }

    const key = Array.isArray(doc.timeline) ? 'timeline' : 'encounters';
    if (encounters.length === 0 && fights > 0) {
      this.fail(key, `has no encounter with monsters (${fights} encounter${fights === 1 ? '' : 's'}, all empty), so there is no fight to simulate`);
    }
    // No answer is ever computed from nothing: a file whose creatures cannot act is refused.
    if (this.usableActions === 0 && party.length > 0 && encounters.length > 0) {
      if (this.firstSkipped) {
        this.fail(this.firstSkipped.path,
          `every action of every creature was skipped (${this.sourceActions} action${this.sourceActions === 1 ? '' : 's'}), so there is nothing to simulate; the first: ${this.firstSkipped.text}`);
      }
      this.fail('players', 'no creature has an action, so there is nothing to simulate');
    }
    if (this.renamed.size > 0 || this.typelessActions > 0) {
      this.warn('The file is written in battlesim2\'s engine-side spelling (snake_case fields such as to_hit and action_slot, actions without a type); it was read as such.', 'read-as');
    }
    if (this.descriptive.size > 0) {
      this.warn(`Descriptive fields that do not change the simulation were dropped: ${[...this.descriptive].sort().join(', ')}.`, 'ignored');
    }
    const name = typeof doc.name === 'string' && doc.name.trim() ? doc.name.trim() : 'BattleSim import';
    return { format: SCENARIO_FORMAT, version: SCENARIO_VERSION, name, party, encounters };
  }
}

/** Maps a BattleSim / battlesim2 save (already through the safety pass) to our format. */
export function importBattleSim(doc: Doc, origin: string): BattleSimImport {
  const importer = new Importer(origin);
  const document = importer.run(importer.respell(doc));
  return { document, warnings: importer.warnings, notes: importer.notes, toSourcePath: importer.toSourcePath };
}
