// Reads a Multiattack sentence ("The dragon makes three attacks: one with its bite and two with
// its claws.") into the attacks it combines. Used for 5etools text and for SRD entries that carry
// no structured list. Only the first combination is read; alternatives, conditions and choices
// written after it are reported so the monster shows as approximated.

import { countWord, findByName, meanOf, normaliseDice, stripTags, type MultiattackComponent } from './stat-block.ts';

export interface MultiattackAction {
  name: string;
  /** Attack actions have a reach; other actions (breath weapons, auras) have null. */
  reach: 'melee' | 'ranged' | null;
}

export interface MultiattackReading {
  components: MultiattackComponent[];
  /** What the text has that the first combination leaves out, for notModelled. */
  notModelled: string[];
  /** False when no attack could be read at all. */
  understood: boolean;
}

const COUNT = '(?:one|two|three|four|five|six|seven|eight|nine|ten|\\d+|\\d+d\\d+)';
// An "or" that starts another way to spend the action: "... or two with its longbow", "or uses its Hurl Flame twice".
const ALTERNATIVE = new RegExp(`\\s*;?\\s*\\bor\\s+(?=(?:it\\s+|the\\s+[a-z]+\\s+)?(?:makes?|uses?|casts?)\\b|${COUNT}\\s+(?:with|to|ranged|melee|[a-z]+\\s+attacks?|attacks?)\\b)`);
const GENERIC_KINDS = new Set(['', 'melee', 'ranged', 'weapon', 'melee weapon', 'ranged weapon', 'melee or ranged', 'other']);

function cleanName(text: string): string {
  return text
    .replace(/^(?:its|his|her|their|a|an|the)\s+/, '')
    .replace(/\s+\((?:[^)]*)\)/g, '')
    .replace(/[.,;:]+$/, '')
    .trim();
}

/** Takes the first of "claws or spear", noting the alternative. */
function firstChoice(name: string, alternatives: string[]): string {
  const parts = name.split(/\s+or\s+(?:its\s+)?/);
  if (parts.length > 1) alternatives.push(`choice of ${parts.map(cleanName).join(' or ')}`);
  return cleanName(parts[0]);
}

function countOf(word: string, notes: string[]): number | null {
  const n = countWord(word);
  if (n !== null) return n;
  const dice = normaliseDice(word);
  if (dice !== null) {
    const mean = Math.max(1, Math.floor(meanOf(dice)));
    notes.push(`Multiattack: makes ${word} attacks; assumed ${mean}`);
    return mean;
  }
  return null;
}

interface Pending {
  ref: string;
  count: number;
  /** A generic "two melee attacks": resolved against the monster's actions afterwards. */
  kind?: string;
  /** "only one of which can be a bite": at most one of these. */
  onlyOne?: string;
  /** "each one with a different weapon". */
  different?: boolean;
}

/** "three attacks: one with its bite and two with its claws", "two scimitar attacks", "one attack with its bite". */
function readAttackClause(body: string, out: Pending[], alternatives: string[], notes: string[]): void {
  const text = body.replace(/^(?:either|can|also)\s+/, '').trim();
  if (/^as many\b/.test(text)) {
    const m = /^as many\s+(.+?)\s+attacks?\b/.exec(text);
    if (m) {
      notes.push(`Multiattack: the number of ${cleanName(m[1])} attacks varies; assumed 1`);
      out.push({ ref: cleanName(m[1]), count: 1 });
    }
    return;
  }
  const m = /^(\S+)\s+(.*?)\s*\battacks?\b\s*(.*)$/.exec(text);
  if (!m) {
    // "one to constrict", "two with its claws" outside a list
    const item = /^(\S+)\s+(?:with|using|to)\s+(.+)$/.exec(text);
    const count = item ? countOf(item[1], notes) : null;
    if (item && count !== null) out.push({ ref: firstChoice(item[2], alternatives), count });
    return;
  }
  const count = countOf(m[1], notes);
  if (count === null) return;
  const middle = m[2].trim();
  const tail = m[3].trim();
  const list = /^[:,]\s*(.+)$/.exec(tail);
  if (list && new RegExp(`^${COUNT}\\s+(?:with|using|to)\\b`).test(list[1])) {
    for (const item of list[1].split(/\s*,\s*(?:and\s+)?|\s+and\s+/)) {
      const im = /^(\S+)\s+(?:with|using|to)\s+(.+)$/.exec(item.trim());
      const n = im ? countOf(im[1], notes) : null;
      if (im && n !== null) out.push({ ref: firstChoice(im[2], alternatives), count: n });
    }
    return;
  }
  const withIts = /^,?\s*(?:with|using)\s+(.+?)(?:\s+in any combination)?$/.exec(tail);
  if (withIts) {
    out.push({ ref: firstChoice(withIts[1], alternatives), count });
    return;
  }
  const either = /^,?\s*either\s+(?:with\s+)?(.+?)$/.exec(tail);
  if (GENERIC_KINDS.has(middle) && either) {
    out.push({ ref: firstChoice(either[1], alternatives), count });
    return;
  }
  if (!GENERIC_KINDS.has(middle)) {
    out.push({ ref: firstChoice(middle, alternatives), count });
  } else {
    const onlyOne = /only one of which can be (?:a |an |with its )?([a-z' -]+?)(?:\s+attack)?[.,]?$/.exec(tail);
    out.push({ ref: '', count, kind: middle, onlyOne: onlyOne ? cleanName(onlyOne[1]) : undefined, different: /different/.test(tail) });
  }
  // "three claw attacks and one bite attack"
  const more = /^(?:,\s*)?and\s+(.+)$/.exec(tail);
  if (more) readAttackClause(more[1], out, alternatives, notes);
}

/**
 * Reads the first combination of attacks a Multiattack describes. `actions` are the monster's
 * other actions in stat-block order, used to resolve "two melee attacks".
 */
export function readMultiattack(text: string, actions: MultiattackAction[]): MultiattackReading {
  const notModelled: string[] = [];
  const alternatives: string[] = [];
  let plain = stripTags(text.slice(0, 4000)).toLowerCase().replace(/\s+/g, ' ').trim();
  // "three melee attacks--one with its snake hair and two with its shortsword--or two ranged attacks"
  plain = plain.replace(/\s*(?:--|\u2014)\s*/, ': ').replace(/\s*(?:--|\u2014)\s*/g, '; ');

  const sentences = plain.split(/(?<=\.)\s+/);
  const mainIndex = sentences.findIndex((s) => /\bmakes?\b/.test(s));
  const usedSentences = mainIndex < 0 ? sentences.slice(0, 1) : sentences.slice(0, mainIndex + 1);
  const rest = mainIndex < 0 ? sentences.slice(1) : sentences.slice(mainIndex + 1);
  let combination = usedSentences.join(' ');
  const alt = ALTERNATIVE.exec(combination);
  if (alt) {
    alternatives.push('another combination of attacks');
    combination = combination.slice(0, alt.index);
  }
  if (rest.some((s) => s.trim() !== '')) notModelled.push('Multiattack: the alternatives and conditions after its first combination are not modelled');

  const pending: Pending[] = [];
  // Clauses start at each "makes" or "uses": "can use its frightful presence. it then makes three attacks: ..."
  const clauseRe = /\b(?:can\s+)?(makes?|make|uses?|use)\s+/g;
  const starts = [...combination.matchAll(clauseRe)];
  starts.forEach((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].index : combination.length;
    let body = combination.slice(s.index + s[0].length, end);
    body = body.replace(/(?:[\s.,;]+(?:and|then|it|if it can))+[\s.,;]*$/, '').replace(/[\s.,;]+$/, '').trim();
    if (/^use/.test(s[1])) {
      // "each of which it can replace with one use of Fling" is not a clause of its own
      if (/^of\b/.test(body)) return;
      const um = /^(?:its\s+|the\s+)?([a-z' -]+?)(?:\s+(twice|once|thrice|\w+ times))?(?:\s+if\b.*|\s+in place of\b.*|\s+on it\b.*)?[.,;]?$/.exec(body);
      if (um) {
        const times = um[2] ? countWord(um[2].replace(/\s+times$/, '')) ?? 1 : 1;
        pending.push({ ref: cleanName(um[1]), count: times });
      }
    } else {
      readAttackClause(body, pending, alternatives, notModelled);
    }
  });

  const components: MultiattackComponent[] = [];
  const attackActions = actions.filter((a) => a.reach !== null);
  for (const p of pending) {
    if (p.kind === undefined) {
      if (p.ref !== '') components.push({ ref: p.ref, count: p.count });
      continue;
    }
    const wanted = /ranged/.test(p.kind) && !/melee/.test(p.kind) ? 'ranged' : /melee/.test(p.kind) ? 'melee' : null;
    const fitting = attackActions.filter((a) => wanted === null || a.reach === wanted);
    const pool = fitting.length > 0 ? fitting : attackActions;
    if (pool.length === 0) continue;
    let picked: MultiattackComponent[];
    if (p.onlyOne !== undefined) {
      // "two attacks, only one of which can be a bite": one bite, the rest with the first other attack
      const special = findByName(pool, p.onlyOne);
      const other = pool.find((a) => a !== special);
      picked = special && other ? [{ ref: special.name, count: 1 }, { ref: other.name, count: p.count - 1 }].filter((c) => c.count > 0)
        : [{ ref: (other ?? pool[0]).name, count: p.count }];
    } else if (p.different) {
      picked = pool.slice(0, p.count).map((a) => ({ ref: a.name, count: 1 }));
    } else {
      picked = [{ ref: pool[0].name, count: p.count }];
    }
    if (pool.length > 1) {
      notModelled.push(`Multiattack: ${p.count} ${p.kind ? `${p.kind} ` : ''}attacks of its choice; assumed ${picked.map((c) => `${c.ref}${c.count > 1 ? ` \u00d7${c.count}` : ''}`).join(', ')}`);
    }
    components.push(...picked);
  }
  if (alternatives.length > 0) notModelled.push(`Multiattack: only the first option is simulated (not: ${[...new Set(alternatives)].join('; ')})`);
  return { components, notModelled, understood: components.length > 0 };
}
