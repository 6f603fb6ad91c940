// Spells per turn (2014): after a spell of 1st level or higher with the action, no spell as a bonus
// action. Deterministic checks on every turn of many replays, and the automatic tactics' choice of
// the better legal pair, worked out from the actions' exact mean damage.

import { describe, expect, it } from 'vitest';
import type { LogEvent } from './log.ts';
import { attackAction, character, dummy, fight, sureDamage, weapon, replays } from './test-support.ts';
import type { CreatureSpec } from './types.ts';

const FIRST = 30, LAST = -10;


/** Per turn of `who`: the actions taken and the spell-rule notes, in order. */
function turnsOf(events: LogEvent[], who: string): Array<{ actions: string[]; notes: LogEvent[] }> {
  const turns: Array<{ actions: string[]; notes: LogEvent[] }> = [];
  let mine = false;
  for (const e of events) {
    if (e.t === 'turn') {
      mine = e.who === who;
      if (mine) turns.push({ actions: [], notes: [] });
    } else if (mine && e.t === 'action') turns[turns.length - 1].actions.push(e.action);
    else if (mine && e.t === 'spell-rule') turns[turns.length - 1].notes.push(e);
  }
  return turns;
}

const plenty = { spellSlots: [9, 9, 9, 9] };
const target = () => dummy('Ogre', { initiativeBonus: LAST, actions: [sureDamage('Poke', '1')] });
function caster(actions: CreatureSpec['actions'], over: Partial<CreatureSpec> = {}): CreatureSpec {
  return character('Cleric', { hp: 100000, initiativeBonus: FIRST, ...plenty, actions, ...over });
}

describe('one leveled spell per turn when a bonus-action spell is involved', () => {
  it('a caster listing a leveled action spell first never casts its bonus-action spell, and the replay says why', () => {
    const bolt = sureDamage('Guiding Bolt', '4d6', { spell: { level: 1 } });
    const spiritual = attackAction('Spiritual Weapon', [weapon(50, '1d8+3', { damageType: 'force' })], { slot: 'bonus', spell: { level: 2 } });
    for (const events of replays(fight([caster([bolt, spiritual])], [target()], { roundCap: 4 }), 61, 100)) {
      const turns = turnsOf(events, 'Cleric');
      expect(turns).toHaveLength(4);
      for (const t of turns) {
        expect(t.actions).toEqual(['Guiding Bolt']);
        expect(t.notes).toEqual([{ t: 'spell-rule', who: 'Cleric', skipped: 'Spiritual Weapon', cast: 'Guiding Bolt', slot: 'bonus' }]);
      }
    }
  });

  it('after a cantrip with the action, the bonus-action spell is cast', () => {
    const flame = sureDamage('Sacred Flame', '2d8', { spell: { level: 0 } });
    const spiritual = attackAction('Spiritual Weapon', [weapon(50, '1d8+3', { damageType: 'force' })], { slot: 'bonus', spell: { level: 2 } });
    for (const events of replays(fight([caster([flame, spiritual])], [target()], { roundCap: 3 }), 62, 50)) {
      for (const t of turnsOf(events, 'Cleric')) expect(t.actions).toEqual(['Sacred Flame', 'Spiritual Weapon']);
    }
  });

  it('the automatic tactics take the better legal pair by mean damage', () => {
    // Guiding Bolt 4d6 (14) alone, or Sacred Flame 2d8 (9) with a bonus-action spell.
    const bolt = sureDamage('Guiding Bolt', '4d6', { spell: { level: 1 } });
    const flame = sureDamage('Sacred Flame', '2d8', { spell: { level: 0 } });
    const strong = attackAction('Spiritual Weapon', [weapon(50, '1d8+3', { damageType: 'force' })], { slot: 'bonus', spell: { level: 2 } }); // 7.5 + crits
    const weak = attackAction('Weak Weapon', [weapon(50, '1d4', { damageType: 'force' })], { slot: 'bonus', spell: { level: 2 } }); // 2.5 + crits
    // 9 + 7.5 > 14: the cantrip and the bonus spell, every turn.
    for (const events of replays(fight([caster([bolt, flame, strong], { tactics: 'auto' })], [target()], { roundCap: 3 }), 63, 50)) {
      for (const t of turnsOf(events, 'Cleric')) {
        expect(t.actions).toEqual(['Sacred Flame', 'Spiritual Weapon']);
        expect(t.notes).toEqual([{ t: 'spell-rule', who: 'Cleric', skipped: 'Guiding Bolt', cast: 'Spiritual Weapon', slot: 'action' }]);
      }
    }
    // 9 + 2.5 < 14: the leveled spell alone, and the bonus spell is named as ruled out.
    for (const events of replays(fight([caster([bolt, flame, weak], { tactics: 'auto' })], [target()], { roundCap: 3 }), 64, 50)) {
      for (const t of turnsOf(events, 'Cleric')) {
        expect(t.actions).toEqual(['Guiding Bolt']);
        expect(t.notes).toEqual([{ t: 'spell-rule', who: 'Cleric', skipped: 'Weak Weapon', cast: 'Guiding Bolt', slot: 'bonus' }]);
      }
    }
  });

  it('an attack or a non-spell bonus action is never limited by the rule', () => {
    const bolt = sureDamage('Guiding Bolt', '4d6', { spell: { level: 1 } });
    const offhand = attackAction('Offhand', [weapon(50, '1d4')], { slot: 'bonus' });
    for (const events of replays(fight([caster([bolt, offhand])], [target()], { roundCap: 3 }), 65, 50)) {
      for (const t of turnsOf(events, 'Cleric')) expect(t.actions).toEqual(['Guiding Bolt', 'Offhand']);
    }
  });
});
