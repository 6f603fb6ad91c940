// Turns one run's event log into something to read: fights, rounds and turns, each with plain
// sentences. Pure (no React, no DOM), so it is tested in Node and names from the scenario stay
// data that the view renders as text.
import type { AggregateLayout, EncounterOutcome, LogEvent } from '../../engine/index.ts';

export type Side = 'party' | 'enemy' | null;
export type DeathCause = Extract<LogEvent, { t: 'dead' }>['cause'];
/** What a line is about, for styling; the words always say it too. */
export type Tone = 'plain' | 'hit' | 'crit' | 'miss' | 'heal' | 'down' | 'dead' | 'up' | 'effect' | 'outcome';

export interface ReplayLine {
  text: string;
  tone: Tone;
  /** Set on the lines of a drop or death, so a key moment can point at them. */
  anchor?: string;
}

export interface ReplayTurn {
  /** Null for what happens in a round outside anyone's turn (before the first turn). */
  who: string | null;
  side: Side;
  /** HP at the start of the turn, when the log says. */
  hp: number | null;
  lines: ReplayLine[];
}

export interface ReplayRound {
  round: number;
  turns: ReplayTurn[];
}

export interface ReplayDrop {
  /** Unique in the run: the id of the line that tells it. */
  anchor: string;
  /** Index of the fight in the day. */
  fight: number;
  who: string;
  side: Side;
  round: number;
  what: 'down' | 'dead';
  /** How a death came about; null for a drop. */
  cause: DeathCause | null;
  /** Whose attack, spell or effect did it, when the log shows it. */
  by: string | null;
  text: string;
}

export interface ReplayEncounter {
  kind: 'encounter';
  index: number;
  name: string;
  initiative: Array<{ who: string; side: Side; roll: number; total: number }>;
  /** Lines before the first round. */
  opening: ReplayLine[];
  rounds: ReplayRound[];
  drops: ReplayDrop[];
  outcome: { outcome: EncounterOutcome; rounds: number; text: string } | null;
}

export interface ReplayBetween {
  kind: 'between';
  lines: ReplayLine[];
}

export type ReplayPart = ReplayEncounter | ReplayBetween;

/** Representative runs by label, in the order they are offered. */
export const RUN_LABELS: ReadonlyArray<readonly [string, string]> = [
  ['worst', 'Worst'],
  ['p5', '5th percentile'],
  ['p50', 'Median'],
  ['p95', '95th percentile'],
  ['best', 'Best'],
  ['firstDefeat', 'A total party kill'],
];

export function runLabel(label: string): string {
  return RUN_LABELS.find(([key]) => key === label)?.[1] ?? label;
}

/** Rank of a run's first label in RUN_LABELS (unknown labels last), for ordering the choices. */
export function runRank(labels: readonly string[]): number {
  let best = RUN_LABELS.length;
  for (const l of labels) {
    const i = RUN_LABELS.findIndex(([key]) => key === l);
    if (i >= 0 && i < best) best = i;
  }
  return best;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const signed = (n: number) => (n < 0 ? `− ${-n}` : `+ ${n}`);

/** Which way a roll of several d20s went: the higher kept is advantage, the lower disadvantage. */
function diceKept(roll: number, rolls: readonly number[]): string {
  const dice = rolls.join(' and ');
  if (rolls.every((r) => r === roll)) return `two dice: ${dice}`;
  return `${roll === Math.max(...rolls) ? 'advantage' : 'disadvantage'}: ${dice}`;
}

/** "d20 14 + 4 = 18"; with two dice, the one kept first, then both and which way they were read. */
function d20(roll: number, total: number, rolls?: readonly number[]): string {
  const other = rolls && rolls.length > 1 ? ` (${diceKept(roll, rolls)})` : '';
  const bonus = total - roll;
  return bonus === 0 ? `d20 ${roll}${other} = ${total}` : `d20 ${roll}${other} ${signed(bonus)} = ${total}`;
}

const deathTally = (successes: number, failures: number) => `${plural(successes, 'success', 'successes')}, ${plural(failures, 'failure')}`;

export function outcomeText(outcome: EncounterOutcome, rounds: number): string {
  if (outcome === 'victory') return `Victory for the party after ${plural(rounds, 'round')}`;
  if (outcome === 'defeat') return `Defeat: the whole party is down after ${plural(rounds, 'round')} (a total party kill)`;
  return `Draw: neither side won within ${plural(rounds, 'round')}`;
}

const EFFECT_END: Record<Extract<LogEvent, { t: 'effect-end' }>['reason'], string> = {
  expired: 'wears off',
  saved: 'ends: the save succeeded',
  concentration: 'ends: concentration was lost',
  'fight-over': 'ends with the fight',
  replaced: 'is replaced',
  'source-fell': 'ends: its source fell',
  damaged: 'ends on taking damage',
  'target-fell': 'ends: its target fell',
  ended: 'is ended by a spell',
};

/**
 * One event as a sentence, or null for the events that only give the log its structure
 * (encounter, initiative, round, turn, rest, end), which buildReplay turns into headings.
 */
export function describeEvent(e: LogEvent): ReplayLine | null {
  switch (e.t) {
    case 'encounter':
    case 'initiative':
    case 'round':
    case 'turn':
    case 'rest':
    case 'end':
      return null;
    case 'surprised':
      return { text: `${e.who} is surprised and loses the turn`, tone: 'plain' };
    case 'recharge':
      return { text: `${e.who} rolls to recharge ${e.action}: ${e.roll}, ${e.ready ? 'ready' : 'not ready'}`, tone: 'plain' };
    case 'action':
      return { text: `${e.who} uses ${e.action}`, tone: 'plain' };
    case 'attack': {
      const head = `${e.who} attacks ${e.target}: ${d20(e.roll, e.total, e.rolls)} against AC ${e.ac}`;
      if (!e.hit) return { text: `${head}, ${e.roll === 1 ? 'a natural 1, ' : ''}miss`, tone: 'miss' };
      const kind = e.critical ? 'critical hit' : 'hit';
      const damage = e.damage > 0 ? `, ${e.damage} damage (${e.target} at ${e.targetHp} HP)` : ', no damage';
      return { text: `${head}, ${kind}${damage}`, tone: e.critical ? 'crit' : 'hit' };
    }
    case 'save': {
      const head = `${e.target} makes a ${e.ability.toUpperCase()} save against ${e.who}'s DC ${e.dc}: ${d20(e.roll, e.total)}, ${e.success ? 'success' : 'failure'}`;
      const damage = e.damage > 0 ? `, ${e.damage} damage (${e.target} at ${e.targetHp} HP)` : '';
      return { text: head + damage, tone: e.damage > 0 ? 'hit' : e.success ? 'miss' : 'effect' };
    }
    case 'heal':
      if (e.temporary) return { text: `${e.who} gives ${e.target} ${e.amount} temporary HP`, tone: 'heal' };
      return { text: `${e.who} heals ${e.who === e.target ? 'themself' : e.target} for ${e.amount} HP (${e.target} at ${e.targetHp} HP)`, tone: 'heal' };
    case 'down':
      return { text: `${e.who} drops to 0 HP and falls unconscious`, tone: 'down' };
    case 'death-save':
      if (e.roll === 0) return { text: `${e.who} takes damage while dying: a failed death save (${deathTally(e.successes, e.failures)})`, tone: 'down' };
      return {
        text: `${e.who} rolls a death save: ${e.roll}, ${e.roll === 1 ? 'a natural 1, two failures' : e.roll >= 10 ? 'success' : 'failure'} (${deathTally(e.successes, e.failures)})`,
        tone: e.roll >= 10 ? 'plain' : 'down',
      };
    case 'stable':
      return { text: `${e.who} is stable`, tone: 'up' };
    case 'revived':
      if (e.roll !== undefined) {
        return { text: `${e.who} rolls a death save: ${e.roll}, a natural 20 — regains ${e.hp} HP and is back on their feet`, tone: 'up' };
      }
      return { text: `${e.who} is back on their feet with ${e.hp} HP`, tone: 'up' };
    case 'dead': {
      const how = {
        damage: 'is killed',
        'massive-damage': 'is killed outright by massive damage',
        'death-saves': 'dies after three failed death saves',
        'finished-off': 'is finished off by the enemies',
        slain: 'is slain outright',
      }[e.cause];
      return { text: `${e.who} ${how}`, tone: 'dead' };
    }
    case 'effect':
      return { text: e.who === e.target ? `${e.who} gains ${e.effect}` : `${e.who} puts ${e.effect} on ${e.target}`, tone: 'effect' };
    case 'effect-end':
      return { text: `${e.effect} on ${e.who} ${EFFECT_END[e.reason]}`, tone: 'effect' };
    case 'summon': {
      const n = e.count === 1 ? 'one creature' : `${e.count} creatures`;
      const one = e.count === 1;
      const when = e.rounds === 0 ? `${one ? 'joins' : 'join'} the fight` : `${one ? 'is' : 'are'} on the way, arriving in ${e.rounds} ${e.rounds === 1 ? 'round' : 'rounds'}`;
      return { text: `${e.who} uses ${e.summons}: ${n} ${when}`, tone: 'effect' };
    }
    case 'arrive':
      return { text: `${e.who} joins the fight on ${e.summoner}'s side`, tone: 'effect' };
    case 'leave': {
      const why = { 'summoner-fell': 'its summoner fell', concentration: 'its summoner lost concentration on the spell', 'spell-ended': 'the spell that holds it ended' }[e.why];
      return { text: `${e.who} leaves the fight: ${why}`, tone: 'effect' };
    }
    case 'concentration':
      return {
        text: `${e.who} checks concentration against DC ${e.dc}: ${d20(e.roll, e.total)}, ${e.success ? 'keeps it' : 'loses it'}`,
        tone: e.success ? 'plain' : 'effect',
      };
    case 'reflected':
      return { text: e.reflected ? `${e.who}'s carapace turns ${e.caster}'s spell back on them` : `${e.caster}'s spell does nothing to ${e.who}`, tone: 'effect' };
    case 'legendary-resistance':
      return { text: `${e.who} uses Legendary Resistance to succeed instead (${e.left} left)`, tone: 'effect' };
    case 'reaction':
      return { text: `${e.who} reacts to ${e.against} with ${e.reaction}`, tone: 'effect' };
    case 'slot':
      return { text: `${e.who} spends a level ${e.level} spell slot on ${e.action}`, tone: 'plain' };
    case 'lair':
      return { text: `Lair action (${e.who}): ${e.action}`, tone: 'effect' };
    case 'legendary':
      return { text: `${e.who} takes a legendary action: ${e.action} (${plural(e.pointsLeft, 'point')} left)`, tone: 'effect' };
    case 'turn-damage':
      return { text: `${e.target} takes ${e.damage} damage from ${e.effect} (${e.who}); ${e.target} at ${e.targetHp} HP`, tone: e.damage > 0 ? 'hit' : 'plain' };
    case 'regenerate':
      return { text: `${e.who} regenerates ${e.amount} HP (at ${e.hp} HP)`, tone: 'heal' };
    case 'spell-rule':
      return e.slot === 'bonus'
        ? { text: `${e.who} cannot cast ${e.skipped} as a bonus action: ${e.cast} was cast with the action, and a bonus-action spell leaves room only for a cantrip`, tone: 'plain' }
        : { text: `${e.who} holds back ${e.skipped} to cast ${e.cast} as a bonus action, with a cantrip or an attack as the action (more damage together)`, tone: 'plain' };
    case 'mastery':
      return e.mastery === 'Graze'
        ? { text: `${e.who} grazes ${e.target} on the miss: ${e.damage} damage (${e.targetHp} HP left)`, tone: 'plain' }
        : { text: `${e.who} cleaves through to ${e.target}`, tone: 'plain' };
    case 'dispel-check':
      return e.success
        ? { text: `${e.who} ends ${e.effect} on ${e.target} (check ${e.total} against DC ${e.dc})`, tone: 'effect' }
        : { text: `${e.who} fails to end ${e.effect} on ${e.target} (check ${e.total} against DC ${e.dc})`, tone: 'plain' };
    case 'countered':
      return e.success
        ? { text: `${e.who} counters ${e.target}'s ${e.spell} (level ${e.level}): the spell fails`, tone: 'miss' }
        : { text: `${e.who} tries to counter ${e.target}'s ${e.spell} (level ${e.level}) and fails the check`, tone: 'plain' };
  }
}

function restLines(e: Extract<LogEvent, { t: 'rest' }>): ReplayLine[] {
  const lines: ReplayLine[] = [{ text: 'Short rest', tone: 'plain' }];
  for (const h of e.healed) {
    lines.push({
      text: h.hitDice > 0 ? `${h.who} spends ${plural(h.hitDice, 'Hit Die', 'Hit Dice')} (at ${h.hp} HP)` : `${h.who} spends no Hit Dice (at ${h.hp} HP)`,
      tone: h.hitDice > 0 ? 'heal' : 'plain',
    });
  }
  return lines;
}

/** Events the engine logs while damage lands, before the attack, save or effect that dealt it. */
function startsAftermath(e: LogEvent): boolean {
  return e.t === 'down'
    || (e.t === 'dead' && (e.cause === 'damage' || e.cause === 'massive-damage'))
    || (e.t === 'death-save' && e.roll === 0)
    || (e.t === 'effect-end' && e.reason === 'damaged');
}

function joinsAftermath(e: LogEvent): boolean {
  return startsAftermath(e)
    || (e.t === 'dead' && e.cause === 'death-saves')
    || (e.t === 'effect-end' && (e.reason === 'concentration' || e.reason === 'source-fell' || e.reason === 'target-fell'));
}

type Damaging = Extract<LogEvent, { t: 'attack' | 'save' | 'turn-damage' }>;
const isDamaging = (e: LogEvent): e is Damaging => e.t === 'attack' || e.t === 'save' || e.t === 'turn-damage';

/** The engine logs a revival as the HP come back, before the heal that brought them: heal first. */
function healsBeforeRevivals(events: readonly LogEvent[]): LogEvent[] {
  const out = [...events];
  for (let i = 0; i + 1 < out.length; i++) {
    const revived = out[i], heal = out[i + 1];
    if (revived.t === 'revived' && revived.roll === undefined && heal.t === 'heal' && heal.target === revived.who) {
      out[i] = heal;
      out[i + 1] = revived;
      i++;
    }
  }
  return out;
}

/**
 * The log as fights, rounds and turns. The engine records a drop (and what follows from it) when
 * the damage lands, which is before it records the attack or save that dealt the damage; here
 * the drop is moved after that attack or save so the story reads in order. A revival by healing
 * likewise follows the heal.
 */
export function buildReplay(events: readonly LogEvent[], layout?: AggregateLayout): ReplayPart[] {
  const party = new Set(layout?.party ?? []);
  const enemies = new Set(layout?.encounters.flatMap((e) => e.enemies) ?? []);
  const sideOf = (who: string): Side => (party.has(who) ? 'party' : enemies.has(who) ? 'enemy' : null);

  const parts: ReplayPart[] = [];
  let fight: ReplayEncounter | null = null;
  let round: ReplayRound | null = null;
  let turn: ReplayTurn | null = null;
  let dropCount = 0;

  const lineSink = (): ReplayLine[] => {
    if (turn) return turn.lines;
    if (round) {
      turn = { who: null, side: null, hp: null, lines: [] };
      round.turns.push(turn);
      return turn.lines;
    }
    if (fight) return fight.opening;
    const last = parts[parts.length - 1];
    if (last && last.kind === 'between') return last.lines;
    const between: ReplayBetween = { kind: 'between', lines: [] };
    parts.push(between);
    return between.lines;
  };

  const emit = (e: LogEvent, by: string | null) => {
    switch (e.t) {
      case 'encounter':
        fight = { kind: 'encounter', index: e.encounter, name: e.name, initiative: [], opening: [], rounds: [], drops: [], outcome: null };
        parts.push(fight);
        round = null;
        turn = null;
        return;
      case 'initiative':
        if (fight) fight.initiative = e.order.map((o) => ({ who: o.who, side: sideOf(o.who), roll: o.roll, total: o.total }));
        return;
      case 'round':
        round = { round: e.round, turns: [] };
        turn = null;
        if (fight) fight.rounds.push(round);
        return;
      case 'turn':
        turn = { who: e.who, side: sideOf(e.who), hp: e.hp, lines: [] };
        if (round) round.turns.push(turn);
        return;
      case 'surprised':
        // A surprised creature has no turn event; give it a turn of its own so the order reads right.
        turn = { who: e.who, side: sideOf(e.who), hp: null, lines: [] };
        if (round) round.turns.push(turn);
        turn.lines.push(describeEvent(e)!);
        turn = null;
        return;
      case 'end':
        if (fight) fight.outcome = { outcome: e.outcome, rounds: e.rounds, text: outcomeText(e.outcome, e.rounds) };
        fight = null;
        round = null;
        turn = null;
        return;
      case 'rest':
        turn = null;
        round = null;
        fight = null;
        parts.push({ kind: 'between', lines: restLines(e) });
        return;
      default: {
        const line = describeEvent(e);
        if (line) lineSink().push(line);
        if ((e.t === 'down' || e.t === 'dead') && fight) {
          const r = round?.round ?? 0;
          const anchor = `f${fight.index + 1}-r${r}-${++dropCount}`;
          if (line) line.anchor = anchor;
          fight.drops.push({
            anchor, fight: fight.index, who: e.who, side: sideOf(e.who), round: r, what: e.t, cause: e.t === 'dead' ? e.cause : null, by: by === e.who ? null : by, text: line?.text ?? '',
          });
        }
      }
    }
  };

  let aftermath: LogEvent[] = [];
  const flush = (by: string | null) => {
    for (const p of aftermath) emit(p, by);
    aftermath = [];
  };
  for (const e of healsBeforeRevivals(events)) {
    if (aftermath.length > 0) {
      if (joinsAftermath(e)) {
        aftermath.push(e);
        continue;
      }
      // A smite's slot is spent between the first damage and the attack's record: let it through.
      if (e.t === 'slot') {
        emit(e, null);
        continue;
      }
      if (isDamaging(e) && aftermath.some((p) => 'who' in p && p.who === e.target)) {
        emit(e, null);
        flush(e.who);
        continue;
      }
      flush(null);
    }
    if (startsAftermath(e)) aftermath.push(e);
    else emit(e, null);
  }
  flush(null);
  return parts;
}

// What to open on, and what to say about it. A DM opens a replay to understand what goes wrong, so
// the run shown first is a defeat when any replayed run is one, else the worst; its decisive fight
// is unfolded and the moments where a character fell are listed at the top.

export interface RunChoice {
  run: number;
  labels: readonly string[];
  outcome: string;
}

/** The runs in the order they are offered: worst first, then by label, then by run number. */
export function orderRuns<T extends RunChoice>(replays: readonly T[]): T[] {
  return [...replays].sort((a, b) => runRank(a.labels) - runRank(b.labels) || a.run - b.run);
}

/**
 * The run to open on: the first defeat in the offered order (the worst run when it is a total party
 * kill, else the first run that was one), or without any defeat the worst run.
 */
export function openingRun<T extends RunChoice>(replays: readonly T[]): T | null {
  const ordered = orderRuns(replays);
  return ordered.find((r) => r.outcome === 'defeat') ?? ordered.find((r) => r.labels.includes('worst')) ?? ordered[0] ?? null;
}

const COUNT = new Intl.NumberFormat('en-US');

/** "The worst of 10,000 runs": which representative this run is, in words. */
export function runReason(labels: readonly string[], runs: number | null): string {
  const of = runs !== null && runs > 0 ? ` of ${COUNT.format(runs)} runs` : ' of the runs';
  // The worst run is also the best when every run ends with the same severity.
  if (labels.includes('worst') && labels.includes('best')) return runs !== null && runs > 0 ? `One of ${COUNT.format(runs)} runs that all end alike` : 'One of the runs, which all end alike';
  const first = RUN_LABELS.find(([key]) => labels.includes(key))?.[0];
  const alsoDefeat = first !== 'firstDefeat' && labels.includes('firstDefeat') ? ', and the first to end in a total party kill' : '';
  switch (first) {
    case 'worst': return `The worst${of}${alsoDefeat}`;
    case 'p5': return `A bad run, with 1 in 20${of} going worse${alsoDefeat}`;
    case 'p50': return `The median${of}${alsoDefeat}`;
    case 'p95': return `A good run, with 1 in 20${of} going better`;
    case 'best': return `The best${of}`;
    case 'firstDefeat': return `The first${of} to end in a total party kill`;
    default: return 'A replayed run';
  }
}

/** "Wizard", "Wizard and Cleric", "Wizard, Cleric and Rogue". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

const fightsOf = (parts: readonly ReplayPart[]) => parts.filter((p): p is ReplayEncounter => p.kind === 'encounter');
const unique = (xs: readonly string[]) => [...new Set(xs)];

/**
 * One sentence on why this run is shown and what happens in it, e.g. "The worst of 10,000 runs:
 * Wizard and Cleric die in fight 2, and the party still wins." `fightCount` is the number of fights
 * in the day: fights are named only when there is more than one.
 */
export function whyThisRun(choice: RunChoice, parts: readonly ReplayPart[], runs: number | null, fightCount: number): string {
  const reason = runReason(choice.labels, runs);
  const fights = fightsOf(parts);
  const inFight = (index: number) => (fightCount > 1 ? ` in fight ${index + 1}` : '');
  const falls = fights.flatMap((f) => f.drops.filter((d) => d.side === 'party'));
  const deaths = falls.filter((d) => d.what === 'dead');
  const dead = new Set(deaths.map((d) => d.who));
  const survivors = unique(falls.filter((d) => d.what === 'down' && !dead.has(d.who)).map((d) => d.who));
  const defeat = fights.find((f) => f.outcome?.outcome === 'defeat');

  if (defeat || choice.outcome === 'defeat') {
    const where = defeat ? inFight(defeat.index) : '';
    const who = unique(deaths.map((d) => d.who));
    return `${reason}: the party is wiped out${where}${who.length > 0 ? `, and ${listNames(who)} ${who.length === 1 ? 'dies' : 'die'}` : ''}.`;
  }
  const tail = choice.outcome === 'draw' ? 'and the day ends in a draw' : choice.outcome === 'victory' ? 'and the party still wins' : '';
  const clauses: string[] = [];
  if (deaths.length > 0) {
    const groups: string[] = [];
    for (const f of fights) {
      const who = unique(deaths.filter((d) => d.fight === f.index).map((d) => d.who));
      if (who.length > 0) groups.push(`${listNames(who)} ${who.length === 1 ? 'dies' : 'die'}${inFight(f.index)}`);
    }
    clauses.push(listNames(groups));
  }
  if (survivors.length > 0) {
    const where = unique(falls.filter((d) => survivors.includes(d.who)).map((d) => String(d.fight)));
    const drop = `${listNames(survivors)} ${survivors.length === 1 ? 'drops' : 'drop'} to 0 HP${where.length === 1 ? inFight(Number(where[0])) : ''}`;
    clauses.push(deaths.length > 0 ? `${drop} and ${survivors.length === 1 ? 'survives' : 'survive'}` : `${drop} but no one dies`);
  }
  if (clauses.length === 0) {
    const win = choice.outcome === 'victory' ? ', and the party wins' : tail ? `, ${tail}` : '';
    return `${reason}: no one in the party drops to 0 HP${win}.`;
  }
  return `${reason}: ${clauses.join('; ')}${tail ? `, ${tail}` : ''}.`;
}

export interface KeyMoment {
  /** The anchor of the line that tells it (see ReplayLine.anchor). */
  anchor: string;
  fight: number;
  round: number;
  who: string;
  what: 'down' | 'dead';
  text: string;
}

const DEATH_WORDS: Record<DeathCause, string> = {
  damage: 'dies',
  'massive-damage': 'dies of massive damage',
  'death-saves': 'dies after three failed death saves',
  'finished-off': 'is finished off by the enemies',
  slain: 'is slain outright',
};

/**
 * Each time a member of the party drops to 0 HP or dies, in order: "Round 3, fight 1: Wizard drops
 * to 0 HP (by Ogre)". The fight is named only when the day has more than one.
 */
export function keyMoments(parts: readonly ReplayPart[], fightCount: number): KeyMoment[] {
  const moments: KeyMoment[] = [];
  for (const f of fightsOf(parts)) {
    for (const d of f.drops) {
      if (d.side !== 'party') continue;
      const when = `${d.round > 0 ? `Round ${d.round}` : 'Before round 1'}${fightCount > 1 ? `, fight ${f.index + 1}` : ''}`;
      const by = d.by ? ` (by ${d.by})` : '';
      const what = d.what === 'down' ? `drops to 0 HP${by}` : `${DEATH_WORDS[d.cause ?? 'damage']}${d.cause === 'massive-damage' ? by : ''}`;
      moments.push({ anchor: d.anchor, fight: f.index, round: d.round, who: d.who, what: d.what, text: `${when}: ${d.who} ${what}` });
    }
  }
  return moments;
}

/** The fight that decides the run: where the party lost, else where someone first fell, else the first. */
export function decisiveFight(parts: readonly ReplayPart[]): number | null {
  const fights = fightsOf(parts);
  const chosen = fights.find((f) => f.outcome?.outcome === 'defeat')
    ?? fights.find((f) => f.drops.some((d) => d.side === 'party'))
    ?? fights[0];
  return chosen ? chosen.index : null;
}

/** The party's falls in these drops, the dead first: "Cleric and Wizard die", "Rogue drops twice". */
function partyFalls(drops: readonly ReplayDrop[]): string[] {
  const party = drops.filter((d) => d.side === 'party');
  const dead = unique(party.filter((d) => d.what === 'dead').map((d) => d.who));
  const out: string[] = dead.length > 0 ? [`${listNames(dead)} ${dead.length === 1 ? 'dies' : 'die'}`] : [];
  const times = new Map<number, string[]>();
  for (const who of unique(party.map((d) => d.who))) {
    if (dead.includes(who)) continue;
    const n = party.filter((d) => d.who === who).length;
    times.set(n, [...(times.get(n) ?? []), who]);
  }
  for (const [n, who] of [...times].sort((a, b) => b[0] - a[0])) {
    out.push(`${listNames(who)} ${who.length === 1 ? 'drops' : 'drop'}${n === 2 ? ' twice' : n > 2 ? ` ${n} times` : ''}`);
  }
  return out;
}

/** The one line a folded fight shows: "Victory in 5 rounds · Cleric dies, Wizard drops twice". */
export function fightSummary(fight: ReplayEncounter): string {
  const o = fight.outcome;
  const outcome = !o ? 'Not finished in this log'
    : o.outcome === 'victory' ? `Victory in ${plural(o.rounds, 'round')}`
      : o.outcome === 'defeat' ? `Defeat in ${plural(o.rounds, 'round')}: a total party kill`
        : `Draw after ${plural(o.rounds, 'round')}`;
  const falls = partyFalls(fight.drops);
  return `${outcome} · ${falls.length > 0 ? falls.join(', ') : 'no one in the party drops'}`;
}

/** Who fell in one round, for its folded heading: "Wizard drops, Orc 2 killed", or "no one falls". */
export function roundSummary(fight: ReplayEncounter, round: number): string {
  const drops = fight.drops.filter((d) => d.round === round);
  if (drops.length === 0) return 'no one falls';
  return drops.map((d) => (d.side === 'party' ? `${d.who} ${d.what === 'dead' ? 'dies' : 'drops'}` : `${d.who} ${d.what === 'dead' ? 'killed' : 'drops'}`)).join(', ');
}

/** Fights longer than this open only the rounds where the party lost someone, and the last. */
export const LONG_FIGHT_ROUNDS = 3;

/** The rounds of a fight shown unfolded at first. */
export function roundsOpenAtFirst(fight: ReplayEncounter): number[] {
  const all = fight.rounds.map((r) => r.round);
  if (all.length <= LONG_FIGHT_ROUNDS) return all;
  const marked = new Set(fight.drops.filter((d) => d.side === 'party').map((d) => d.round));
  return all.filter((r, i) => marked.has(r) || i === all.length - 1);
}
