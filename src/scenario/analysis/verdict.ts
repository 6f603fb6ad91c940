// Verdicts in words: what a result means, in sentences a DM can read aloud at the table. The day
// gets its outcome, the chance someone dies or drops, who is most at risk, how long the fighting
// lasts and what it costs; each encounter gets its own, set beside what the XP arithmetic says of it
// and whether the two disagree. Pure: numbers in, words out, so the bar, the panel and the results
// screen say the same thing.
import type { Aggregate, AggregateLayout } from '../../engine/stats.ts';

/** An XP rating of one encounter, as the two rule sets name it. */
export interface XpRatingWords {
  /** 'trivial' | 'easy' | 'medium' | 'hard' | 'deadly' */
  d2014: string;
  /** 'low' | 'moderate' | 'high' | 'beyond high' */
  d2024: string;
}

export interface AtRisk {
  name: string;
  down: number;
  death: number;
}

export interface DayVerdict {
  runs: number;
  victory: number;
  /** The whole party down or dead at once: the day is lost. */
  totalPartyKill: number;
  someoneDies: number;
  /** null for results stored before it was counted. */
  someoneDown: number | null;
  atRisk: AtRisk | null;
  /** One or two sentences for the top of the screen. */
  headline: string;
  /** The rest: length of the fighting, what it costs. */
  details: string[];
}

export interface EncounterVerdict {
  name: string;
  /** How it goes, in a sentence or two. */
  text: string;
  /** What the XP arithmetic says and whether the simulation agrees, or null when it could not be rated. */
  xp: string | null;
  /** The simulation calls it clearly harder (+1) or easier (-1) than the XP arithmetic does; 0 when they roughly agree. */
  disagreement: -1 | 0 | 1;
}

const trim = (s: string): string => s.replace(/\.0(?=%)/, '');

/** A chance in words-friendly digits: "97%", "4.2%", "0.3%", "under 0.1%", "0%". */
export function chance(p: number): string {
  if (!Number.isFinite(p) || p <= 0) return '0%';
  if (p >= 1) return '100%';
  if (p < 0.001) return 'under 0.1%';
  if (p > 0.999) return 'over 99.9%';
  if (p < 0.1 || p > 0.99) return trim(`${(p * 100).toFixed(1)}%`);
  return `${Math.round(p * 100)}%`;
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const rounds = (r: number): string => `${r.toFixed(1).replace(/\.0$/, '')} round${Math.abs(r - 1) < 0.05 ? '' : 's'}`;
const list = (items: string[]): string => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/**
 * The character most at risk: the highest chance of dropping plus five times the chance of dying
 * (a death weighs as much as five drops), so a rare death does not hide a character who drops
 * every other day. Null when no one ever drops.
 */
export function mostAtRisk(agg: Aggregate, layout: AggregateLayout): AtRisk | null {
  const n = agg.runs;
  if (n === 0) return null;
  let best: AtRisk | null = null;
  agg.characters.forEach((c, i) => {
    const candidate = { name: layout.party[i] ?? `Character ${i + 1}`, down: c.downRuns / n, death: c.deathRuns / n };
    if (candidate.down === 0 && candidate.death === 0) return;
    const score = (x: AtRisk) => x.down + 5 * x.death;
    if (!best || score(candidate) > score(best)) best = candidate;
  });
  return best;
}

/** Mean uses per day of each limited action of the party (spell slots, limited uses, recharges), largest first. */
export function limitedSpending(agg: Aggregate, layout: AggregateLayout): Array<{ who: string; action: string; perDay: number }> {
  const limited = layout.partyActionLimited;
  if (!limited || agg.runs === 0) return [];
  const out: Array<{ who: string; action: string; perDay: number }> = [];
  agg.characters.forEach((c, i) => {
    c.actionUses.forEach((uses, j) => {
      if (limited[i]?.[j] && uses > 0) out.push({ who: layout.party[i], action: layout.partyActions[i][j], perDay: uses / agg.runs });
    });
  });
  return out.sort((a, b) => b.perDay - a.perDay);
}

/** Mean fraction of the party's HP left at the end of an encounter (or the day), 0..1. */
function hpLeftAtEnd(track: Aggregate['encounters'][number]['partyHp'], reached: number): number | null {
  const sums = track.basisPointSum;
  if (reached === 0 || sums.length === 0) return null;
  return sums[sums.length - 1] / reached / 10000;
}

export function dayVerdict(agg: Aggregate, layout: AggregateLayout): DayVerdict {
  const n = agg.runs;
  const victory = n ? agg.dayVictory / n : 0;
  const tpk = n ? agg.dayDefeat / n : 0;
  const draw = n ? agg.dayDraw / n : 0;
  const dies = n ? agg.anyDeathRuns / n : 0;
  const down = agg.anyDownRuns === undefined || !n ? null : agg.anyDownRuns / n;
  const atRisk = mostAtRisk(agg, layout);
  const days = layout.encounters.length > 1 ? 'days' : 'fights';

  const outcome = [`The party wins ${chance(victory)} of ${days}`];
  if (tpk > 0) outcome.push(`the whole party falls in ${chance(tpk)}`);
  if (draw >= 0.005) outcome.push(`${chance(draw)} are still undecided after ${layout.roundCap} rounds`);
  let risk: string;
  if (dies > 0) {
    risk = `Someone dies in ${chance(dies)}`;
    if (down !== null) risk += ` and someone drops to 0 HP in ${chance(down)}`;
  } else if (down !== null && down > 0) {
    risk = `No one died in ${count(n)} runs, but someone drops to 0 HP in ${chance(down)}`;
  } else if (down === 0) {
    risk = `No one even dropped to 0 HP in ${count(n)} runs`;
  } else {
    risk = `No one died in ${count(n)} runs`;
  }
  let who = '';
  if (atRisk) {
    who = atRisk.death > 0
      ? ` ${atRisk.name} is most at risk: down in ${chance(atRisk.down)}, dead in ${chance(atRisk.death)}.`
      : ` ${atRisk.name} is most at risk: down in ${chance(atRisk.down)}.`;
  }
  const headline = `${list(outcome)}. ${risk}.${who}`;

  const details: string[] = [];
  const meanRounds = n ? agg.dayRoundsSum / n : 0;
  const hpMax = layout.partyHpMax;
  const hpEnd = n && hpMax > 0 ? agg.partyHpEndSum / n / hpMax : null;
  details.push(
    `The fighting lasts ${rounds(meanRounds)} on average${hpEnd === null ? '' : ` and the party ends the ${layout.encounters.length > 1 ? 'day' : 'fight'} with ${Math.round(hpEnd * 100)}% of its HP`}.`,
  );
  const spending = limitedSpending(agg, layout);
  if (spending.length > 0) {
    const total = spending.reduce((s, x) => s + x.perDay, 0);
    const top = spending.slice(0, 3).map((x) => `${x.action} (${x.who}) ${x.perDay.toFixed(1)}`);
    details.push(`It costs about ${total.toFixed(1)} uses of spell slots and limited abilities: ${list(top)}${spending.length > 3 ? ', and others' : ''}.`);
  }
  return { runs: n, victory, totalPartyKill: tpk, someoneDies: dies, someoneDown: down, atRisk, headline, details };
}

const LABEL_2014: Record<string, string> = { trivial: 'Trivial', easy: 'Easy', medium: 'Medium', hard: 'Hard', deadly: 'Deadly' };
const LABEL_2024: Record<string, string> = { low: 'Low', moderate: 'Moderate', high: 'High', 'beyond high': 'Beyond High' };
const RANK_2014: Record<string, number> = { trivial: 0, easy: 0, medium: 1, hard: 2, deadly: 3 };

/**
 * How hard an encounter played, on the same four steps as the 2014 labels (0 easy .. 3 deadly),
 * from the chance the party falls in it and the HP it leaves: a rule of thumb, stated in the README.
 */
export function simulatedStep(defeat: number, hpLeft: number | null): number {
  if (defeat >= 0.1) return 3;
  if (defeat >= 0.02 || (hpLeft !== null && hpLeft < 0.4)) return 2;
  if (hpLeft !== null && hpLeft < 0.65) return 1;
  return 0;
}

export function encounterVerdicts(agg: Aggregate, layout: AggregateLayout, ratings: Array<XpRatingWords | null> = []): EncounterVerdict[] {
  const n = agg.runs;
  return agg.encounters.map((e, i) => {
    const name = layout.encounters[i]?.name ?? `Encounter ${i + 1}`;
    if (e.reached === 0) {
      return { name, text: `${name}: never reached; the party fell before it in every run.`, xp: null, disagreement: 0 as const };
    }
    const victory = e.victory / e.reached;
    const defeat = e.defeat / e.reached;
    const hpLeft = hpLeftAtEnd(e.partyHp, e.reached);
    const reachedText = e.reached < n ? ` (it is reached in ${chance(e.reached / n)} of days)` : '';
    let text = `${name}: the party wins ${chance(victory)} of the time${reachedText}, in ${rounds(e.roundsSum / e.reached)} on average`;
    text += hpLeft === null ? '.' : `, and has ${Math.round(hpLeft * 100)}% of its HP left after it.`;
    if (defeat > 0) text += ` The whole party falls here in ${chance(defeat)} of tries.`;
    const rating = ratings[i] ?? null;
    if (!rating) return { name, text, xp: null, disagreement: 0 as const };
    const xpStep = RANK_2014[rating.d2014] ?? 0;
    const simStep = simulatedStep(defeat, hpLeft);
    const disagreement = simStep >= xpStep + 2 ? 1 : simStep <= xpStep - 2 ? -1 : 0;
    let xp = `The XP arithmetic calls it ${LABEL_2014[rating.d2014] ?? rating.d2014} (2014) and ${LABEL_2024[rating.d2024] ?? rating.d2024} (2024)`;
    if (disagreement > 0) xp += `; it plays far harder than that.`;
    else if (disagreement < 0) xp += `; it plays far easier than that.`;
    else xp += `, which roughly matches how it plays.`;
    return { name, text, xp, disagreement };
  });
}
