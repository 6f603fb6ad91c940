// Turns one run's event log into something to read: fights, rounds and turns, each with plain
// sentences. Pure (no React, no DOM), so it is tested in Node and names from the scenario stay
// data that the view renders as text.
import type { AggregateLayout, EncounterOutcome, LogEvent } from '../../engine/index.ts';

export type Side = 'party' | 'enemy' | null;
/** What a line is about, for styling; the words always say it too. */
export type Tone = 'plain' | 'hit' | 'crit' | 'miss' | 'heal' | 'down' | 'dead' | 'up' | 'effect' | 'outcome';

export interface ReplayLine {
  text: string;
  tone: Tone;
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
  who: string;
  side: Side;
  round: number;
  what: 'down' | 'dead';
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

/** "d20 14 + 4 = 18"; with two dice, the one kept first and the other named. */
function d20(roll: number, total: number, rolls?: readonly number[]): string {
  const other = rolls && rolls.length > 1 ? ` (rolled ${rolls.join(' and ')})` : '';
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
      return { text: `${e.who} is back on their feet with ${e.hp} HP`, tone: 'up' };
    case 'dead': {
      const how = {
        damage: 'is killed',
        'massive-damage': 'is killed outright by massive damage',
        'death-saves': 'dies after three failed death saves',
        'finished-off': 'is finished off by the enemies',
      }[e.cause];
      return { text: `${e.who} ${how}`, tone: 'dead' };
    }
    case 'effect':
      return { text: e.who === e.target ? `${e.who} gains ${e.effect}` : `${e.who} puts ${e.effect} on ${e.target}`, tone: 'effect' };
    case 'effect-end':
      return { text: `${e.effect} on ${e.who} ${EFFECT_END[e.reason]}`, tone: 'effect' };
    case 'concentration':
      return {
        text: `${e.who} checks concentration against DC ${e.dc}: ${d20(e.roll, e.total)}, ${e.success ? 'keeps it' : 'loses it'}`,
        tone: e.success ? 'plain' : 'effect',
      };
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

/**
 * The log as fights, rounds and turns. The engine records a drop (and what follows from it) when
 * the damage lands, which is before it records the attack or save that dealt the damage; here
 * the drop is moved after that attack or save so the story reads in order.
 */
export function buildReplay(events: readonly LogEvent[], layout?: AggregateLayout): ReplayPart[] {
  const party = new Set(layout?.party ?? []);
  const enemies = new Set(layout?.encounters.flatMap((e) => e.enemies) ?? []);
  const sideOf = (who: string): Side => (party.has(who) ? 'party' : enemies.has(who) ? 'enemy' : null);

  const parts: ReplayPart[] = [];
  let fight: ReplayEncounter | null = null;
  let round: ReplayRound | null = null;
  let turn: ReplayTurn | null = null;

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
          fight.drops.push({
            who: e.who, side: sideOf(e.who), round: round?.round ?? 0, what: e.t, by: by === e.who ? null : by, text: line?.text ?? '',
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
  for (const e of events) {
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

/** The outcome words of a whole run ("victory", "defeat", "draw"). */
export function runOutcomeText(outcome: string): string {
  if (outcome === 'victory') return 'Party victory';
  if (outcome === 'defeat') return 'Defeat (a total party kill)';
  if (outcome === 'draw') return 'Draw';
  return outcome;
}
