// The "Find a fight" panel's words: the pool's filters read from the form (or refused with the
// reason) and said back as a DM reads them, a proposal in a sentence with its XP difficulty, and an
// honest account of what the search tried.
import { expect, test } from 'vitest';
import { BAND_PRESETS } from '../../scenario/analysis/bands.ts';
import type { FindEncounterAnswer } from '../../scenario/analysis/find-encounter-machine.ts';
import type { Proposal } from '../../scenario/analysis/find-encounter.ts';
import { filterFrom, poolInWords, proposalWords, triedWords, xpWords } from './FindFightPanel.tsx';

test('the form read into a pool filter, or what is wrong with it', () => {
  expect(filterFrom({ book: 'scenario', crMin: '0.25', crMax: '3', types: ['undead'], names: ' ghoul, , ghast ' }))
    .toEqual({ filter: { crMin: 0.25, crMax: 3, types: ['undead'], names: ['ghoul', 'ghast'], edition: null } });
  expect(filterFrom({ book: 'both', crMin: '', crMax: '', types: [], names: '' })).toEqual({ filter: { crMin: null, crMax: null, types: [], names: [], edition: 'both' } });
  expect(filterFrom({ book: '2024', crMin: '5', crMax: '0.5', types: [], names: '' })).toEqual({ problem: 'CR from 5 is above CR to 1/2.' });
});

test('the pool in words', () => {
  const f = { crMin: 0.25, crMax: 3, types: ['undead'], names: [], edition: null };
  expect(poolInWords(f, 'SRD 5.1')).toBe('undead of CR 1/4 to 3 from the SRD 5.1');
  expect(poolInWords({ ...f, types: ['undead', 'fiend'], crMin: null }, 'SRD 5.1 and SRD 5.2')).toBe('undead or fiend of CR 3 or less from the SRD 5.1 and SRD 5.2');
  expect(poolInWords({ ...f, types: [], crMax: null, crMin: 2, names: ['ghoul'] }, 'SRD 5.2')).toBe('monsters of CR 2 or more named ghoul from the SRD 5.2');
  expect(poolInWords({ ...f, crMin: 1, crMax: 1 }, 'SRD 5.1')).toBe('undead of CR 1 from the SRD 5.1');
});

const share = (p: number) => ({ p, ci95: [p, p] as [number, number] });
const proposal: Proposal = {
  rank: 1, key: '1:3+11:1', label: '3 × Zombie + 1 × Wight', total: 4, runs: 250, centrality: 0.5,
  monsters: [{ name: 'Zombie', id: 'zombie', source: 'SRD 5.1', crText: '1/4', xp: 50, count: 3 }, { name: 'Wight', id: 'wight', source: 'SRD 5.1', crText: '3', xp: 700, count: 1 }],
  measures: { victory: share(0.99), tpk: share(0), dies: share(0.04), down: share(0.62) },
  xp: {
    r2014: { thresholds: { easy: 250, medium: 500, hard: 750, deadly: 1000 }, totalXp: 850, multiplier: 2, adjustedXp: 1700, difficulty: 'deadly' },
    r2024: { budget: { low: 500, moderate: 750, high: 1000 }, totalXp: 850, difficulty: 'moderate' },
  },
};

test('a proposal in words, the band\'s measures in its order, and its XP difficulty under both editions', () => {
  expect(proposalWords(proposal, BAND_PRESETS.hard, 'Hard')).toBe('3 × Zombie + 1 × Wight: Hard — someone goes down in 62%, someone dies in 4%, total party kill in 0%.');
  expect(xpWords(proposal)).toBe('XP difficulty: Deadly by the 2014 tables (1,700 adjusted XP), Moderate by the 2024 tables (850 XP).');
  expect(xpWords({ ...proposal, xp: null })).toBe('XP difficulty: no character has a level, so the XP tables cannot rate it.');
});

test('what was tried, honestly', () => {
  const tried = { generatedSingle: 120, generatedMixed: 206, evaluated: 100, evaluatedSingle: 54, evaluatedMixed: 46, inBand: 33, out: 46, undecided: 21, refined: 23, runs: 57_750, stoppedBy: 'candidates' as const };
  const answer = { tried, query: { kinds: 2 }, mixesPlanned: true } as unknown as FindEncounterAnswer;
  expect(triedWords(answer)).toBe('Tried 54 single-kind fights (of 120 within the limits; the count search brackets the rest) and 46 mixes of the 206 that each monster\'s count alone proposed. '
    + 'Of these 100 candidates, the 95% intervals put 33 in the band and 46 out of it, and left 21 undecided; 23 got more runs than the first 250. 57,750 runs recorded. '
    + 'Stopped by its budget of candidates: more could have been tried (choose more effort).');
  const early = { ...answer, mixesPlanned: false, tried: { ...tried, evaluated: 30, evaluatedSingle: 30, evaluatedMixed: 0, stoppedBy: null } } as FindEncounterAnswer;
  expect(triedWords(early)).toMatch(/^Tried 30 single-kind fights \(of 120 within the limits; the count search brackets the rest\), and no mix yet: mixes are sized once every monster has been tried alone\. /);
  expect(triedWords(early)).toMatch(/It ran to its end within its budget\.$/);
  expect(triedWords({ ...early, query: { kinds: 1 } } as FindEncounterAnswer)).toMatch(/^Tried 30 single-kind fights \(of 120 within the limits; the count search brackets the rest\)\. Of these 30/);
});
