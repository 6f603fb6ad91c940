// The level-5 cleric template under the spells-per-turn rule: Spirit Guardians with the action on
// the first turn rules out Spiritual Weapon as a bonus action that turn, so the weapon comes on the
// next turn beside a cantrip, and attacks again on the turns after. Against a target that cannot
// hurt the cleric (no concentration saves), every run goes the same way.

import { describe, expect, it } from 'vitest';
import { compileScenario, replayRun, type LogEvent } from '../../../engine/index.ts';
import { loadScenarioJson } from '../../format/load.ts';
import { buildCharacter } from './index.ts';

function turns(events: LogEvent[], who: string): string[][] {
  const out: string[][] = [];
  let mine = false;
  for (const e of events) {
    if (e.t === 'turn') {
      mine = e.who === who;
      if (mine) out.push([]);
    } else if (mine && e.t === 'action') out[out.length - 1].push(e.action);
    else if (mine && e.t === 'spell-rule') out[out.length - 1].push(`(${e.skipped}: not with ${e.cast})`);
  }
  return out;
}

describe('the cleric template and one leveled spell per turn', () => {
  it('casts Spirit Guardians, then Spiritual Weapon with a cantrip the next turn, then attacks with it', () => {
    const cleric = buildCharacter({ classId: 'cleric', level: 5 }).creature;
    const doc = {
      format: 'encounter-lab/scenario', version: 1, name: 'Cleric',
      party: [{ ...cleric, initiativeBonus: 30 }],
      encounters: [{ enemies: [{ name: 'Ogre', hp: 5000, ac: 11, initiativeBonus: -10 }] }],
      rules: { roundCap: 4 },
    };
    const compiled = compileScenario(loadScenarioJson(doc, 'cleric').spec);
    for (let run = 0; run < 20; run++) {
      const t = turns(replayRun(compiled, 7, run).events, String(cleric.name));
      expect(t[0]).toEqual(['Spirit Guardians', '(Spiritual Weapon: not with Spirit Guardians)']);
      expect(t[1]).toEqual(['Sacred Flame', 'Spiritual Weapon']);
      expect(t[2]).toEqual(['Sacred Flame', 'Spiritual Weapon (again)']);
    }
  });
});
