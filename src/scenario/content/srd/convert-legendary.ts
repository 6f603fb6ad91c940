// Converting an SRD API monster's legendary actions (convert.ts): the attack or ability each one
// names, or its own save, damage or effect, and the order the engine tries them in.

import type { ActionSpec, AttackAction, CreatureActionSpec, LegendaryActionSpec } from '../../../engine/index.ts';
import { buildActions, findByName, meanOf, stripTags, type ParsedAction, type Obj } from './stat-block.ts';
import { readAction, type ReadContext } from './convert-actions.ts';

// Legendary actions that change nothing in a stand-up fight: a Perception check, moving.
const NEUTRAL_LEGENDARY = /^(?:detect|move|teleport)\b|makes a wisdom \(perception\) check|\bmoves up to\b|magically teleports/i;

/**
 * The action a legendary action runs: the attack or ability it names ("The dragon makes a tail
 * attack", "uses its Paralyzing Touch"), as one attack; or its own save, damage or effect (Wing
 * Attack, Frightening Gaze). Null when it changes nothing in the fight or cannot be run (a line
 * says which).
 */
export function legendaryAction(
  l: { name: string; desc?: string } & Obj, name: string, actions: ActionSpec[], ctx: ReadContext, notModelled: string[], notes: string[],
): CreatureActionSpec | null {
  const desc = stripTags(l.desc ?? '');
  if (NEUTRAL_LEGENDARY.test(name) || NEUTRAL_LEGENDARY.test(desc)) return null;
  if (/^(?:cantrip|cast a spell)$/i.test(name)) {
    // The spell it would cast: the most damaging of its spells (cantrips only for "Cantrip").
    const spells = actions.filter((a) => a.spell && (/cantrip/i.test(name) ? a.spell.level === 0 : true) && a.type !== 'heal');
    const best = [...spells].sort((a, b) => spellValue(b) - spellValue(a))[0];
    if (best) {
      ctx.approximations.push(`Legendary action ${name}: casts ${best.name}${/cantrip/i.test(name) ? '' : ', its most damaging spell'}`);
      return { ...best, name: `${name}: ${best.name} (legendary)`, uses: { per: 'at-will' }, slot: 'action' };
    }
    // No damaging spell: its strongest spell against an enemy (the Gynosphinx's Banishment), with a slot as normal.
    const control = /cantrip/i.test(name) ? [] : ctx.effectActions.filter((a) => a.spell && a.spell.level >= 1 && a.target === 'enemies');
    const strongest = [...control].sort((a, b) => (b.spell?.level ?? 0) - (a.spell?.level ?? 0))[0];
    if (strongest) {
      ctx.approximations.push(`Legendary action ${name}: casts ${strongest.name}, its strongest spell against an enemy (it has no damaging spell)`);
      const { position: _, ...action } = strongest;
      return { ...action, name: `${name}: ${strongest.name} (legendary)`, uses: { per: 'at-will' }, slot: 'action' };
    }
  }
  const named = /\bmakes (?:one|a|an) (?:attack with its )?([a-z' -]+?)(?: attack)?(?:\s+or\s+(?:one\s+)?([a-z' -]+?)(?: attack)?)?(?:\.|$)|\buses (?:its )?([A-Za-z' -]+?)(?:\.|$)/i.exec(desc);
  if (named && !l.dc && !l.damage) {
    const wanted = (named[1] ?? named[3]).trim();
    const other = /\bor (?:uses its )?([A-Za-z' -]+?)(?: attack)?\.?$/i.exec(desc);
    const attacks = actions.filter((a): a is AttackAction => a.type === 'attack');
    const attack = findByName(attacks, wanted) ?? (/^(?:unarmed strike|strike)$/i.test(wanted) ? findByName(attacks, 'unarmed strike') : undefined);
    if (attack) {
      if (other) ctx.approximations.push(`Legendary action ${name}: always the ${attack.name}, not the alternative`);
      return { ...attack, name: `${name} (legendary)`, uses: { per: 'at-will' }, attacks: [{ ...attack.attacks[0], count: 1 }] };
    }
    const anyAction = findByName([...actions, ...ctx.effectActions], wanted);
    if (anyAction) return { ...anyAction, name: `${name} (legendary)`, uses: { per: 'at-will' }, slot: 'action' } as CreatureActionSpec;
    // The form this stat block describes has no such attack (a vampire as a bat or mist).
    if (!ctx.sourceActions.some((a) => findByName([a], wanted))) return null;
  }
  // "+2 bonus to AC until the end of the unicorn's next turn" on itself or another creature: a buff.
  const shield = /around itself or another creature.*?The target gains a \+(\d+) bonus to AC until the end of the [a-z ]+'s next turn/i.exec(desc);
  if (shield) {
    ctx.approximations.push(`Legendary action ${name}: on the ally (itself included) with the lowest share of its hit points`);
    return {
      type: 'effect', name: `${name} (legendary)`, slot: 'action', uses: { per: 'at-will' }, condition: 'always', target: 'allies', targets: 1,
      effect: { name: `${ctx.monster} ${name}`, duration: { kind: 'source-turn-end' }, acBonus: Number(shield[1]) },
    };
  }
  // Its own description: read like an action.
  const parsed: ParsedAction[] = [];
  const before = ctx.effectActions.length;
  const lines: string[] = [];
  readAction({ raw: l, name, desc: l.desc ?? '' }, `legendary_actions ${name}: `, parsed, lines, notes, { effects: true }, ctx);
  if (ctx.effectActions.length > before) {
    const [effect] = ctx.effectActions.splice(before);
    notModelled.push(...lines);
    return { ...effect, slot: 'action', uses: { per: 'at-will' } };
  }
  if (parsed.length > 0) {
    const built = buildActions(parsed, null, lines, notes);
    notModelled.push(...lines);
    if (built.length > 0) return { ...built[0], uses: { per: 'at-will' } };
  }
  notModelled.push(`Legendary action: ${name} (not run)`);
  return null;
}

function spellValue(a: ActionSpec): number {
  if (a.type === 'attack') return a.attacks.reduce((s, x) => s + x.count * meanOf(x.damage), 0);
  if (a.type === 'save') return a.targets * meanOf(a.damage);
  return 0;
}

/** Legendary actions in the order the engine tries them: the most damage per point first, healing last. */
export function orderLegendary(list: LegendaryActionSpec[]): LegendaryActionSpec[] {
  const value = (l: LegendaryActionSpec): number => {
    const a = l.action;
    if (a.type === 'heal') return -1;
    if (a.type === 'effect') return 1000;
    const mean = a.type === 'attack' ? a.attacks.reduce((s, x) => s + x.count * meanOf(x.damage), 0) * 0.65 : a.targets * meanOf(a.damage) * 0.6;
    return mean / l.cost;
  };
  return [...list].sort((a, b) => value(b) - value(a));
}
