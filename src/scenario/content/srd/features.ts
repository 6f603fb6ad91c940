// Monster features beyond plain attacks, read from stat-block text into what the engine runs:
// riders on hits and effects of saving throws (conditions with their save, duration and repeated
// saves), special traits (Magic Resistance, Pack Tactics, Regeneration, Sneak Attack, Charge...)
// and the fidelity lines that say what a monster's simulation approximates and what it leaves out.
// Each approximation is a rule stated in words; what is not run at all is a gap.

import type { Ability, Condition, EffectDuration, EffectSpec, SaveSpec, TurnDamageSpec } from '../../../engine/index.ts';
import { abilityFromText, asDamageType, normaliseDice, stripTags } from './stat-block.ts';

// ------------------------------------------------------------------ riders and effects

export interface Rider {
  effect: EffectSpec;
  /** The save that resists it (and ends it when the effect has saveEnds); none when it always takes hold. */
  save?: SaveSpec;
  /** Stated approximations made in reading it. */
  approximations: string[];
  /** What the text does that the effect leaves out. */
  gaps: string[];
}

const ABILITY_WORDS = 'strength|dexterity|constitution|intelligence|wisdom|charisma';

/** The first "DC 13 Constitution saving throw" of a text, or of the 2024 style. */
export function saveIn(text: string): SaveSpec | null {
  const m = new RegExp(`DC\\s*(\\d+)\\s+(${ABILITY_WORDS})\\s+saving throw`, 'i').exec(text);
  if (!m) return null;
  const ability = abilityFromText(m[2]);
  return ability ? { ability, dc: Number(m[1]) } : null;
}

/** Conditions a text inflicts, with the words that name them. */
const CONDITION_PATTERNS: Array<[Condition, RegExp]> = [
  ['paralyzed', /\bparalyzed\b/i],
  ['stunned', /\bstunned\b/i],
  ['unconscious', /\b(?:falls?|fall|be|is|becomes?|knocked)\s+unconscious\b/i],
  ['incapacitated', /\b(?:be|is|becomes?)\s+incapacitated\b/i],
  ['restrained', /\b(?:is|be|becomes?|are|and|or|also)\s+(?:also\s+)?restrained\b/i],
  ['frightened', /\bfrightened\b/i],
  ['blinded', /\bblinded\b/i],
  ['poisoned', /\bpoisoned\b/i],
  ['charmed', /\bcharmed\b/i],
  ['prone', /\bknock(?:s|ed)?\b[^.]{0,20}\bprone\b|\b(?:is|be|falls?|fall|lands?)\s+prone\b/i],
];

// Texts that mention a condition without inflicting it.
const NOT_INFLICTED = /\b(?:immune to (?:being )?|can't be |advantage on saving throws against being |while (?:the target is |it is )?)(?:paralyzed|stunned|frightened|charmed|poisoned|blinded|restrained|prone)\b/gi;

export function conditionsIn(text: string): Condition[] {
  const t = text.replace(NOT_INFLICTED, '');
  return CONDITION_PATTERNS.filter(([, re]) => re.test(t)).map(([c]) => c);
}

/** How long a condition written in `text` lasts. */
function durationIn(text: string, conditions: Condition[]): { duration: EffectDuration; stated: string | null } {
  const t = text.toLowerCase();
  if (/until the end of (?:the [a-z -]+?'s|its) next turn/.test(t) && !/until the end of (?:the target's|the creature's) next turn/.test(t)) {
    return { duration: { kind: 'source-turn-end' }, stated: null };
  }
  if (/until the (?:end|start) of (?:the target's|the creature's|its) next turn/.test(t)) {
    // "its" in a rider is the target's: one round, counted at the source's next turn.
    return { duration: { kind: 'rounds', rounds: 1 }, stated: null };
  }
  const minutes = /\bfor (1|one|\d+) minutes?\b/.exec(t);
  if (minutes) {
    const n = minutes[1] === 'one' ? 1 : Number(minutes[1]);
    return { duration: { kind: 'rounds', rounds: Math.min(10000, n * 10) }, stated: null };
  }
  const rounds = /\bfor (1|one|\d+) rounds?\b/.exec(t);
  if (rounds) return { duration: { kind: 'rounds', rounds: rounds[1] === 'one' ? 1 : Number(rounds[1]) }, stated: null };
  if (/\bfor (?:1|one|\d+|24) hours?\b|\buntil (?:it finishes a|the target finishes a) (?:short|long) rest\b|\buntil (?:cured|removed|the curse)|\bfor 24 hours\b/.test(t)) {
    return { duration: { kind: 'encounter' }, stated: null };
  }
  if (conditions.length === 1 && conditions[0] === 'prone') return { duration: { kind: 'target-turn-start' }, stated: null };
  return { duration: { kind: 'encounter' }, stated: 'lasts the fight (no duration given)' };
}

/**
 * The effect a piece of rules text inflicts: conditions, with the save that resists them (or the
 * action's own save), how long they last and whether the save is repeated. Grappling is run as
 * being restrained, with the escape DC as a Strength save that resists it and ends it at the end of
 * each of the target's turns. Null when the text inflicts no condition the engine knows.
 */
/** "takes 5 (1d10) fire damage at the start of each of its turns": damage the effect deals each turn. */
export function turnDamageIn(text: string): TurnDamageSpec | null {
  const m = /takes\s+(?:\d+\s*)?\((\d+d\d+(?:\s*[+-]\s*\d+)?)\)\s+([a-z]+)\s+damage\s+at the (start|end) of each of (?:its|the target's|the creature's|the [a-z ]+?'s) turns/i.exec(text);
  if (!m) return null;
  const damage = normaliseDice(m[1]);
  const damageType = asDamageType(m[2]);
  return damage && damageType ? { damage, damageType, when: m[3].toLowerCase() === 'start' ? 'start' : 'end', onSuccess: 'half' } : null;
}

/**
 * Being swallowed: blinded and restrained, with the acid damage at the start of each of the
 * swallowed creature's turns (the text says the swallower's), until the swallower dies (an effect
 * timed in rounds ends when its source falls) or the fight ends. Getting out from inside needs a
 * large amount of damage in one turn and then the swallower's failed save: left out as rare, and
 * said so. Null when the text does not read as a swallow.
 */
export function swallowRiderOf(effectName: string, subject: string, text: string, save: SaveSpec | null): Rider | null {
  if (!/\bswallowed\b/i.test(text)) return null;
  const m = /takes\s+(?:\d+\s*)?\((\d+d\d+(?:\s*[+-]\s*\d+)?)\)\s+([a-z]+)\s+damage\s+at the start of each of (?:its|the [a-z ]+?'s) turns/i.exec(text);
  const damage = m ? normaliseDice(m[1]) : null;
  const damageType = m ? asDamageType(m[2]) : null;
  if (!damage || !damageType) return null;
  const escape = /takes (\d+) damage or more on a single turn from (?:a|the) (?:creature inside it|swallowed creature), the [a-z ]+? must succeed on a DC (\d+) Constitution saving throw/i.exec(text);
  const out = escape ? `; getting out from inside (${escape[1]} damage to it in one turn, then its failed DC ${escape[2]} Constitution save) is left out as rare` : '';
  return {
    effect: {
      name: effectName, duration: { kind: 'rounds', rounds: 10000 }, conditions: ['blinded', 'restrained'],
      turnDamage: { damage, damageType, when: 'start', onSuccess: 'half' },
    },
    ...(save && { save }),
    approximations: [`${subject}: swallowed, run as blinded and restrained with ${damage} ${damageType} damage at the start of each of its own turns, until the swallower dies or the fight ends${out}; its total cover is not simulated (attacks against it are not prevented)`],
    gaps: [],
  };
}

/**
 * "If the saving throw fails by 5 or more, the target is also unconscious": of the two outcomes the
 * stronger one is run, as the save it takes to avoid it (failing DC 13 by 5 or more is failing DC 9);
 * the weaker outcome alone, on a narrower failure, is left out and said so.
 */
function worseOnAWideFailure(effectName: string, subject: string, text: string, save: SaveSpec | null): Rider | null {
  const m = /if the saving throw fails by (\d+) or more, the target is (?:also |instead )?([^.]*?)\bunconscious\b/i.exec(text);
  if (!m || !save) return null;
  const wakes = /wakes up if it takes damage/i.test(text);
  const dc = save.dc - Number(m[1]) + 1;
  const milder = conditionsIn(text.slice(0, m.index)).filter((c) => c !== 'unconscious');
  return {
    effect: {
      name: effectName, duration: { kind: 'encounter' }, conditions: [...new Set([...milder, 'unconscious' as const])],
      ...(wakes && { endsOnDamage: true }),
    },
    save: { ability: save.ability, dc },
    approximations: [`${subject}: only the stronger outcome is run: ${[...milder, 'unconscious'].join(' and ')}${wakes ? ' until it takes damage' : ' for the fight'} on a save failed by ${m[1]} or more (a DC ${dc} save); ${milder.length > 0 ? `being only ${milder.join(' and ')} on a narrower failure` : 'a narrower failure'} is left out`],
    gaps: [],
  };
}

export function riderOf(effectName: string, subject: string, rawText: string, fallbackSave: SaveSpec | null): Rider | null {
  const text = stripTags(rawText);
  const swallow = swallowRiderOf(effectName, subject, text, saveIn(text.replace(/must succeed on a DC \d+ Constitution saving throw at the end of that turn[^.]*\./i, '')) ?? null);
  if (swallow) return swallow;
  const worse = worseOnAWideFailure(effectName, subject, text, saveIn(text) ?? fallbackSave);
  if (worse) return worse;
  const approximations: string[] = [];
  const gaps: string[] = [];
  const conditions = conditionsIn(text);
  const turnDamage = /\bswallow/i.test(text) ? null : turnDamageIn(text);
  if (/\bpetrif|turns? to stone/i.test(text)) {
    // Petrified: out of the fight; run as incapacitated and restrained (its resistance to all damage is left out).
    for (const c of ['incapacitated', 'restrained'] as const) if (!conditions.includes(c)) conditions.push(c);
    approximations.push(`${subject}: turning to stone and petrified are run as incapacitated and restrained until a save at the end of its turn succeeds; the petrified creature's resistance to all damage is left out`);
  }
  const grapple = /\bgrappled\s*\(escape DC\s*(\d+)\)/i.exec(text);
  let save = saveIn(text) ?? fallbackSave;
  if (grapple && !conditions.includes('restrained')) {
    // Being grappled alone only stops movement, which a stand-up fight does not track.
    approximations.push(`${subject}: grapples (escape DC ${grapple[1]}); being grappled only stops movement, which the simulation does not track`);
  }
  if (conditions.length === 0 && turnDamage) {
    const saveEnds = save !== null && /repeat the saving throw/i.test(text);
    approximations.push(`${subject}: ${turnDamage.damage} ${turnDamage.damageType} damage at the ${turnDamage.when} of each of the target's turns${saveEnds ? ' until it saves' : ' until the end of the fight (no one spends an action to end it)'}`);
    return { effect: { name: effectName, duration: { kind: 'encounter' }, turnDamage, ...(saveEnds && { saveEnds: true }) }, ...(saveEnds && save && { save }), approximations, gaps };
  }
  if (conditions.length === 0) return grapple ? { effect: { name: effectName, duration: { kind: 'encounter' } }, approximations, gaps } : null;
  let { duration, stated } = durationIn(text, conditions);
  let saveEnds = /repeat the saving throw at the (?:end|start) of each of its turns|can repeat the saving throw/i.test(text);
  if (conditions.includes('restrained') && grapple && !saveIn(text.replace(/grappled\s*\(escape DC\s*\d+\)/i, ''))) {
    save = { ability: 'str', dc: Number(grapple[1]) };
    saveEnds = true;
    duration = { kind: 'encounter' };
    stated = null;
    approximations.push(`${subject}: grappled and restrained (escape DC ${grapple[1]}), run as restrained with a DC ${grapple[1]} Strength save to avoid it and again at the end of each of the target's turns to escape`);
  } else if (conditions.includes('restrained') && /escape DC\s*(\d+)|DC\s*(\d+)\s+strength (?:check|\(athletics\))/i.test(text)) {
    const m = /escape DC\s*(\d+)|DC\s*(\d+)\s+strength (?:check|\(athletics\))/i.exec(text)!;
    const dc = Number(m[1] ?? m[2]);
    save ??= { ability: 'str', dc };
    saveEnds = true;
    if (stated) duration = { kind: 'encounter' };
    stated = null;
    approximations.push(`${subject}: restrained until it escapes (DC ${dc}), run as a Strength save at the end of each of its turns`);
  }
  if (saveEnds && !save) saveEnds = false;
  if (stated) approximations.push(`${subject}: ${conditions.join(', ')} ${stated}`);
  if (/\bpetrif|turns? to stone/i.test(text) && save) {
    saveEnds = true;
    if (stated) duration = { kind: 'encounter' };
    stated = null;
  }
  if (/\bswallow/i.test(text)) gaps.push(`${subject}: swallowing`);
  if (turnDamage) approximations.push(`${subject}: ${turnDamage.damage} ${turnDamage.damageType} damage at the ${turnDamage.when} of each of the target's turns while the effect lasts`);
  const effect: EffectSpec = { name: effectName, duration, conditions, ...(turnDamage && { turnDamage }), ...(saveEnds && { saveEnds: true }) };
  return { effect, ...(save && { save }), approximations, gaps };
}

/** A short description of an effect for lines and tests: "paralyzed (DC 10 Con, repeated)". */
export function describeRider(r: Rider): string {
  const conditions = r.effect.conditions?.join(', ') ?? 'nothing';
  const save = r.save ? `DC ${r.save.dc} ${r.save.ability[0].toUpperCase()}${r.save.ability.slice(1)}${r.effect.saveEnds ? ', repeated' : ''}` : 'no save';
  return `${conditions} (${save})`;
}

// ------------------------------------------------------------------ what is not a gap

/**
 * Effects that happen after the fight or outside it (a curse, a disease that works over days,
 * lycanthropy) or only move creatures around: nothing a stand-up fight can show.
 */
export const OUTSIDE_THE_FIGHT = /\b(?:curse[ds]?|disease[ds]?|lycanthropy|over the next \d+|after (?:1d\d+|\d+) (?:days|hours)|(?:long|short) rest|the target dies if|transform(?:s|ed) into)\b/i;

// ------------------------------------------------------------------ fidelity lines

/**
 * Whether a line a converter wrote is an approximation (a stated rule the simulation runs) rather
 * than a gap (something it does not run at all). Lines are written in a few fixed forms; this
 * reads them back, so the importers keep writing one list.
 */
export function isApproximation(line: string): boolean {
  return APPROXIMATION_FORMS.some((re) => re.test(line));
}

const APPROXIMATION_FORMS: RegExp[] = [
  /assumed to (?:catch|hit) \d+/,
  /^[^:]+: uses .*; not /,
  /^Multiattack: (?:makes .* assumed|only the first option|the alternatives and conditions|\d+ .*attacks of its choice; assumed)/,
  /: applied to all such damage$/,
  /damage counted as [a-z]+$/,
  /damage (?:if used with two hands|as an alternative|at half hit points or fewer)$/,
  /^AC \d+ (?:with|while)/,
  /\(alternative to [^)]+\)$/,
  /not included \(the engine runs only damaging attack rolls in a Multiattack\)$/,
  /rider applies on a hit by any of its attacks/,
  /^[^:]+: only the stronger .* rider \(.*\) is run, not that of /,
  /weapons count as nonmagical ones/,
  /counted on every hit \(the save is assumed failed\)$/,
  // The spellcasting reader states each approximation after the spell's name; "not modelled" is a gap.
  /^Spell: [^:]+: (?!not modelled)/,
];

/** Splits converter lines into approximations and gaps (`notModelled`), keeping their order. */
export function splitFidelity(lines: string[], approximations: string[] = []): { approximations: string[]; notModelled: string[] } {
  const approx = [...approximations];
  const gaps: string[] = [];
  for (const l of lines) (isApproximation(l) ? approx : gaps).push(l);
  return { approximations: [...new Set(approx)], notModelled: [...new Set(gaps)] };
}

export type { Ability };
