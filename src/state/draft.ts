// The scenario being edited, as the editor holds it: the file format's document (plain JSON the
// user may have got wrong) plus what only the editor needs: stable ids for list keys and reorders,
// the class template a character was built from, and the compendium monster an enemy came from
// (its challenge rating and XP, for the difficulty arithmetic). Everything here is pure data and
// pure functions, so edits are testable without React or a browser.

import type { ClassId } from '../scenario/content/classes/index.ts';

/** A creature in the scenario file format, possibly with mistakes the user is still fixing. */
export type CreatureDoc = Record<string, unknown>;

export interface TemplateRef {
  classId: string;
  level: number;
  options: string[];
}

export interface DraftMember {
  uid: string;
  /** The class template it was built from; null for a custom stat block. */
  template: TemplateRef | null;
  creature: CreatureDoc;
}

/** The rules a scenario is played by: `rules.edition`, absent meaning 2014. */
export type Edition = '2014' | '2024';

/** The edition of a draft's rules: 2024 only when the rules say so, as the loader reads them. */
export const draftEdition = (draft: Pick<Draft, 'rules'> | null | undefined): Edition => (draft?.rules.edition === '2024' ? '2024' : '2014');

/** The class templates' module (loaded when needed): what rebuilding a member takes. */
type ClassTemplates = Pick<typeof import('../scenario/content/classes/index.ts'), 'buildCharacter' | 'classesFor'>;

/** A template's options that exist under an edition (2014 and 2024 subclasses differ), so a rebuild never refuses it. */
export function templateForEdition(classes: ClassTemplates, edition: Edition, t: TemplateRef): TemplateRef {
  const info = classes.classesFor(edition).find((c) => c.id === t.classId);
  return info ? { ...t, options: t.options.filter((o) => info.options.some((x) => x.id === o)) } : t;
}

/**
 * The draft played by `edition`: the rules say so (2014 by leaving the field out, as files that say
 * nothing mean 2014), and every member built from a class template is built again by that edition's
 * rules at its level, keeping its name and count; a class the edition does not have is left as it
 * was. `rebuilt` counts the members built again.
 */
export function draftInEdition(draft: Draft, edition: Edition, classes: ClassTemplates): { draft: Draft; rebuilt: number; kept: number } {
  const rules = { ...draft.rules };
  if (edition === '2024') rules.edition = '2024';
  else delete rules.edition;
  let rebuilt = 0, kept = 0;
  const party = draft.party.map((m) => {
    if (!m.template) return m;
    const t = templateForEdition(classes, edition, m.template);
    if (!classes.classesFor(edition).some((c) => c.id === t.classId)) {
      kept++;
      return m;
    }
    const built = classes.buildCharacter({ classId: t.classId as ClassId, level: t.level, options: t.options, edition });
    const { name, count } = m.creature;
    rebuilt++;
    return { ...m, template: t, creature: { ...built.creature, name, ...(count !== undefined ? { count } : {}) } };
  });
  return { draft: { ...draft, rules, party }, rebuilt, kept };
}

export interface MonsterRef {
  compendiumId: string | null;
  /** Which bestiary `compendiumId` is in (their ids overlap); absent for drafts saved before 2024 monsters, meaning 2014. */
  edition?: Edition;
  /** XP of one such monster, for the 2014 and 2024 arithmetic; null when unknown (custom monsters). */
  xp: number | null;
  crText: string | null;
  /** What the stat block has that affects a fight and the simulation leaves out. */
  notModelled: string[];
  /** What the simulation runs by a stated rule rather than as written. */
  approximations: string[];
}

export interface DraftEnemy {
  uid: string;
  monster: MonsterRef | null;
  creature: CreatureDoc;
}

export interface DraftEncounter {
  uid: string;
  name: string;
  shortRestBefore: boolean;
  surprise: 'none' | 'party' | 'enemies';
  enemies: DraftEnemy[];
}

export interface Draft {
  name: string;
  party: DraftMember[];
  encounters: DraftEncounter[];
  /** The file format's rules object, edited as is. */
  rules: Record<string, unknown>;
}

/** What the library keeps beside a scenario so the editor can show templates and CRs again. */
export interface EditorMeta {
  party: Array<TemplateRef | null>;
  enemies: Array<Array<MonsterRef | null>>;
}

let counter = 0;
/** Ids only need to be unique within the page. */
export const newUid = (prefix: string): string => `${prefix}${(++counter).toString(36)}`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The draft as a document of the scenario file format (what is validated, saved and exported). */
export function toDocument(draft: Draft, run?: { runs?: number; seed?: number }): Record<string, unknown> {
  return {
    format: 'encounter-lab/scenario',
    version: 1,
    name: draft.name,
    party: draft.party.map((m) => m.creature),
    encounters: draft.encounters.map((e) => ({
      name: e.name,
      enemies: e.enemies.map((x) => x.creature),
      shortRestBefore: e.shortRestBefore,
      surprise: e.surprise,
    })),
    rules: draft.rules,
    ...(run && (run.runs !== undefined || run.seed !== undefined) ? { run } : {}),
  };
}

export function editorMetaOf(draft: Draft): EditorMeta {
  return {
    party: draft.party.map((m) => m.template),
    enemies: draft.encounters.map((e) => e.enemies.map((x) => x.monster)),
  };
}

function templateRef(value: unknown): TemplateRef | null {
  if (!isObject(value)) return null;
  const { classId, level, options } = value;
  if (typeof classId !== 'string' || !Number.isInteger(level) || (level as number) < 1 || (level as number) > 20) return null;
  const opts = Array.isArray(options) ? options.filter((o): o is string => typeof o === 'string').slice(0, 20) : [];
  return { classId, level: level as number, options: opts };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((n): n is string => typeof n === 'string').slice(0, 50) : [];
}

function monsterRef(value: unknown): MonsterRef | null {
  if (!isObject(value)) return null;
  const xp = typeof value.xp === 'number' && Number.isFinite(value.xp) && value.xp >= 0 ? value.xp : null;
  return {
    compendiumId: typeof value.compendiumId === 'string' ? value.compendiumId : null,
    ...(value.edition === '2014' || value.edition === '2024' ? { edition: value.edition } : {}),
    xp,
    crText: typeof value.crText === 'string' ? value.crText.slice(0, 10) : null,
    notModelled: strings(value.notModelled),
    // Drafts saved before approximations were listed apart have none: their lines are all in notModelled.
    approximations: strings(value.approximations),
  };
}

/**
 * A draft from a validated document (the loader's normalised output) and, when the library kept
 * it, the editor's own notes. The notes come from storage, so each is checked and a bad one is
 * simply dropped: the scenario itself is what matters.
 */
export function draftFromDocument(doc: { name: string; party: unknown[]; encounters: Array<{ name?: string; enemies: unknown[]; shortRestBefore?: boolean; surprise?: string }>; rules: unknown }, meta?: unknown): Draft {
  const m = isObject(meta) ? meta : {};
  const partyMeta = Array.isArray(m.party) ? m.party : [];
  const enemyMeta = Array.isArray(m.enemies) ? m.enemies : [];
  return {
    name: doc.name,
    party: doc.party.map((c, i) => ({ uid: newUid('m'), template: templateRef(partyMeta[i]), creature: structuredClone(c) as CreatureDoc })),
    encounters: doc.encounters.map((e, i) => {
      const list = Array.isArray(enemyMeta[i]) ? (enemyMeta[i] as unknown[]) : [];
      return {
        uid: newUid('e'),
        name: e.name ?? `Encounter ${i + 1}`,
        shortRestBefore: e.shortRestBefore === true,
        surprise: e.surprise === 'party' || e.surprise === 'enemies' ? e.surprise : 'none',
        enemies: e.enemies.map((c, j) => ({ uid: newUid('x'), monster: monsterRef(list[j]), creature: structuredClone(c) as CreatureDoc })),
      };
    }),
    rules: isObject(doc.rules) ? structuredClone(doc.rules) : {},
  };
}

/** Moves item `from` to position `to` (both clamped), returning a new list. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) return out;
  const [item] = out.splice(from, 1);
  out.splice(Math.max(0, Math.min(out.length, to)), 0, item);
  return out;
}

/** A name not yet used in the list: "Goblin", then "Goblin 2", "Goblin 3"... */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base} ${i}`;
    if (!used.has(candidate)) return candidate;
  }
}

/**
 * The document of a scenario started in the app: one hero, one monster, and the 2024 rules, which
 * most tables now play. Files that name no edition keep 2014; this one names it.
 */
export function newScenarioDocument(): Record<string, unknown> {
  return {
    format: 'encounter-lab/scenario', version: 1, name: 'New scenario',
    party: [blankCreature('character', 'Hero')],
    encounters: [{ name: 'Encounter 1', enemies: [blankCreature('monster', 'Monster')] }],
    rules: { edition: '2024' },
  };
}

/** A minimal custom stat block that passes validation, for "add custom". */
export function blankCreature(kind: 'character' | 'monster', name: string): CreatureDoc {
  return {
    name,
    kind,
    count: 1,
    hp: kind === 'character' ? 30 : 20,
    ac: kind === 'character' ? 15 : 13,
    initiativeBonus: 2,
    saveBonus: kind === 'character' ? 2 : 1,
    ...(kind === 'character' ? { hitDice: '4d8', conModifier: 1, level: 4 } : {}),
    actions: [{
      type: 'attack', name: kind === 'character' ? 'Longsword' : 'Claw',
      ...(kind === 'monster' ? { targeting: 'random' } : {}),
      attacks: [{ toHit: 5, damage: kind === 'character' ? '1d8+3' : '1d6+2', damageType: 'slashing' }],
    }],
  };
}

/** Issues of the loader, by field path, for showing each at its field. */
export type IssueMap = Record<string, string>;

export function issueMap(issues: ReadonlyArray<{ path: string; message: string }>): IssueMap {
  const out: IssueMap = {};
  for (const i of issues) if (!(i.path in out)) out[i.path] = i.message;
  return out;
}

/** Issues at or under a path prefix (e.g. everything wrong with `party[2]`). */
export function issuesUnder(map: IssueMap, prefix: string): Array<[string, string]> {
  return Object.entries(map).filter(([p]) => p === prefix || p.startsWith(`${prefix}.`) || p.startsWith(`${prefix}[`));
}
