// The XP arithmetic of a draft with summoners: by the DMG a monster's challenge rating already
// accounts for what it summons, so only the summoner's XP counts, and only it counts for the 2014
// multiplier. Figures from the DMG tables: four level-10 characters; a Vampire is CR 13, 10,000 XP.
import { expect, test } from 'vitest';
import type { Draft } from '../../state/index.ts';
import { rateDraft, summonedNote } from './xp-rating.ts';

const member = (level: number) => ({ uid: `p${level}`, template: null, creature: { name: 'Hero', level, count: 1 } });

test('summoned creatures are left out of the XP and of the monster count, and said so', () => {
  const draft = {
    name: 'Crypt', rules: {},
    party: [member(10), member(10), member(10), member(10)],
    encounters: [{
      uid: 'e', name: 'Crypt', shortRestBefore: false, surprise: 'none',
      enemies: [{
        uid: 'v', monster: { compendiumId: 'vampire-vampire-form', xp: 10_000, crText: '13', notModelled: [], approximations: [] },
        creature: { name: 'Vampire', count: 1, summons: [{ name: 'Children of the Night', creature: { name: 'Swarm of Bats', count: 8 } }] },
      }],
    }],
  } as unknown as Draft;
  const e = rateDraft(draft, null).encounters[0];
  // One monster: 10,000 XP × 1; level-10 thresholds × 4: deadly from 2,800 × 4 = 11,200, hard from 1,900 × 4 = 7,600.
  expect(e.r2014).toMatchObject({ totalXp: 10_000, multiplier: 1, adjustedXp: 10_000, difficulty: 'hard' });
  expect(e.r2024?.totalXp).toBe(10_000);
  expect(e.summoned).toEqual(['up to 8 Swarm of Bats (Vampire)']);
  expect(summonedNote(e)).toBe('Summoned creatures (up to 8 Swarm of Bats (Vampire)) are not counted: a monster\'s challenge rating already accounts for what it summons.');
});
