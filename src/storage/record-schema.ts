// The shapes of what the app reads back from IndexedDB, checked before anything trusts it: a blob
// can pass its header and checksum and still hold something that is not a result (written by a
// bug, an old build, or by hand), and a slot or result record can be damaged the same way. Each
// check returns what is wrong, in the words a checksum error uses ("the stored record is damaged:
// ..."), or null. zod/mini keeps this small: it is part of the first page load.

import * as z from 'zod/mini';
import { RUN_WON } from '../engine/stats.ts';
import type { SlotRecord, StoredResult } from './db.ts';

const count = z.number().check(z.gte(0));
const counts = z.array(count);
const whole = z.int();

const layoutSchema = z.object({
  party: z.array(z.string()),
  partyActions: z.array(z.array(z.string())),
  partyActionLimited: z.optional(z.array(z.array(z.boolean()))),
  encounters: z.array(z.object({
    name: z.string(), enemies: z.array(z.string()), enemyActions: z.array(z.array(z.string())),
    summoned: z.optional(z.array(z.nullable(z.object({ summoner: whole.check(z.gte(0)), summons: z.string(), creature: z.string(), reserve: z.boolean() })))),
  })),
  roundCap: whole.check(z.gte(1)),
  partyHpMax: whole.check(z.gte(0)),
});

const creatureTotals = { damageDealt: count, damageTaken: count, healingDone: count, actionUses: counts };
const hpTrack = z.object({ basisPointSum: counts, percentHist: z.array(counts) });
const representative = z.nullable(z.object({ severity: z.number(), run: whole.check(z.gte(0)) }));

const aggregateSchema = z.object({
  version: whole,
  runs: whole.check(z.gte(0)),
  dayVictory: count, dayDefeat: count, dayDraw: count,
  dayRoundsSum: count, dayRoundsHist: counts,
  deathsSum: count, deathsSquaresSum: count, anyDeathRuns: count, anyDownRuns: z.optional(count),
  partyHpEndHist: counts, partyHpEndSum: count,
  characters: z.array(z.object({ ...creatureTotals, downRuns: count, downs: count, deathRuns: count, hitDiceSpent: count })),
  encounters: z.array(z.object({
    reached: count, victory: count, defeat: count, draw: count, roundsSum: count, roundsHist: counts,
    partyHp: hpTrack, enemyHp: hpTrack,
    enemies: z.array(z.object({ ...creatureTotals, killedRuns: count, arrivedRuns: z.optional(count) })),
  })),
  severityHist: counts,
  severityFirstRun: z.array(z.int()),
  worst: representative,
  best: representative,
  firstDefeatRun: z.int(),
  // Only on requests that asked for each run's outcome (engine's RunOutcomeSegment).
  runOutcomes: z.optional(z.array(z.object({ from: whole.check(z.gte(0)), codes: z.string().check(z.regex(/^[0-3]*$/)) }))),
});

// The scenario a result ran (engine's ScenarioSpec), kept so Compare can say what changed between
// two results. Only the structure a comparison walks is checked: its lists and the names that
// match creatures, actions and fights. Optional: results stored before it was kept still open.
const namedList = z.array(z.object({ name: z.string() }));
const creatureSpecSchema = z.object({ name: z.string(), count: whole.check(z.gte(0)), actions: namedList, effectActions: z.optional(namedList) });
const scenarioSpecSchema = z.object({
  party: z.array(creatureSpecSchema),
  encounters: z.array(z.object({ name: z.string(), enemies: z.array(creatureSpecSchema) })),
  rules: z.object({ roundCap: z.number() }),
});

/** A finished result as the runtime stores it (runtime's ResultPayload). */
export const resultPayloadSchema = z.object({
  scenarioName: z.string(),
  aggregate: aggregateSchema,
  layout: layoutSchema,
  replays: z.array(z.object({ labels: z.array(z.string()), run: whole, outcome: z.string(), events: z.array(z.unknown()) })),
  completedAt: z.number(),
  spec: z.optional(scenarioSpecSchema),
});

export type StoredResultPayload = z.infer<typeof resultPayloadSchema>;

const slotName = z.nullable(z.enum(['a', 'b']));
const slotRecordSchema = z.object({
  scenarioId: z.string(),
  a: z.nullable(z.string()),
  b: z.nullable(z.string()),
  newest: slotName,
  pinned: slotName,
  updatedAt: z.number(),
});

const storedResultSchema = z.object({
  key: z.string(),
  createdAt: z.number(),
  runs: whole.check(z.gte(0)),
  seed: z.number(),
  engineVersion: z.string(),
  victoryHalfWidth: z.number(),
  refs: z.array(z.string()),
  blob: z.instanceof(Uint8Array),
  storedBytes: z.number(),
});

/** The first problem zod found, as "path: message". */
function firstIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Per-run outcomes must be in run order, never overlap, cover every run once, and count the victories. */
function runOutcomesProblem(segments: Array<{ from: number; codes: string }>, runs: number, victories: number): string | null {
  let end = 0, held = 0, won = 0;
  for (const seg of segments) {
    if (seg.from < end) return `the segment from run ${seg.from} overlaps or comes before the one ending at run ${end}`;
    end = seg.from + seg.codes.length;
    held += seg.codes.length;
    for (let i = 0; i < seg.codes.length; i++) won += (seg.codes.charCodeAt(i) - 48) & RUN_WON;
  }
  if (held !== runs) return `${held} outcomes for ${runs} runs`;
  if (won !== victories) return `${won} victories among the outcomes, ${victories} in the counts`;
  return null;
}

/** Counts that must agree with each other and with the layout, or the screens would misread them. */
function consistencyProblem(p: StoredResultPayload): string | null {
  const { aggregate: a, layout } = p;
  if (a.dayVictory + a.dayDefeat + a.dayDraw !== a.runs) {
    return `aggregate: victories, defeats and draws (${a.dayVictory + a.dayDefeat + a.dayDraw}) do not add up to its runs (${a.runs})`;
  }
  if (a.characters.length !== layout.party.length) return `aggregate.characters: ${a.characters.length} entries for a party of ${layout.party.length}`;
  if (a.encounters.length !== layout.encounters.length) return `aggregate.encounters: ${a.encounters.length} entries for ${layout.encounters.length} encounters`;
  const limited = layout.partyActionLimited;
  if (limited && (limited.length !== layout.party.length || limited.some((row, i) => row.length !== layout.partyActions[i]?.length))) {
    return 'layout.partyActionLimited: does not match the party\'s actions';
  }
  if (a.anyDownRuns !== undefined && a.anyDownRuns > a.runs) return `aggregate.anyDownRuns: ${a.anyDownRuns} is more than its runs (${a.runs})`;
  const outcomes = a.runOutcomes && runOutcomesProblem(a.runOutcomes, a.runs, a.dayVictory);
  if (outcomes) return `aggregate.runOutcomes: ${outcomes}`;
  for (let i = 0; i < a.encounters.length; i++) {
    if (a.encounters[i].enemies.length !== layout.encounters[i].enemies.length) {
      return `aggregate.encounters[${i}].enemies: ${a.encounters[i].enemies.length} entries for ${layout.encounters[i].enemies.length} enemies`;
    }
  }
  return null;
}

/** What is wrong with a decoded result payload, or null when it has the shape of a result. */
export function resultPayloadProblem(payload: unknown): string | null {
  const parsed = z.safeParse(resultPayloadSchema, payload);
  const problem = parsed.success ? consistencyProblem(parsed.data) : firstIssue(parsed.error);
  return problem ? `the stored record is damaged: its content is not a result (${problem})` : null;
}

/** What is wrong with a slot record read from the database, or null. */
export function slotRecordProblem(record: unknown): string | null {
  const parsed = z.safeParse(slotRecordSchema, record);
  if (!parsed.success) return `the scenario's slot record is damaged (${firstIssue(parsed.error)})`;
  const r = parsed.data as SlotRecord;
  if (r.newest && !r[r.newest]) return `the scenario's slot record is damaged (newest: slot ${r.newest} holds no result)`;
  return null;
}

/** What is wrong with a stored result's record (everything but the blob's content), or null. */
export function storedResultProblem(record: unknown): string | null {
  const parsed = z.safeParse(storedResultSchema, record);
  return parsed.success ? null : `the stored record is damaged (${firstIssue(parsed.error)})`;
}

/** A stored result record whose fields can be trusted, or null. */
export const trustedResult = (record: StoredResult | undefined): StoredResult | null =>
  record && storedResultProblem(record) === null ? record : null;
