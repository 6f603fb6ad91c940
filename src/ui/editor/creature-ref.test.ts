// Edits of one value deep inside a creature copy only the path to it, and name the same field
// path the scenario loader reports problems at.
import { expect, test } from 'vitest';
import { draftFromDocument } from '../../state/draft.ts';
import { creatureAt, getIn, keysPath, numberFromText, pathOf, setIn, updateCreature } from './creature-ref.ts';

test('setIn copies the path it changes and shares the rest; undefined removes a key', () => {
  const before = { name: 'Orc', actions: [{ attacks: [{ toHit: 5 }] }], saves: { str: 3 } };
  const after = setIn(before, ['actions', 0, 'attacks', 0, 'toHit'], 7) as typeof before;
  expect(after.actions[0].attacks[0].toHit).toBe(7);
  expect(before.actions[0].attacks[0].toHit).toBe(5);
  expect(after.saves).toBe(before.saves);
  expect(setIn({ a: 1, b: 2 }, ['a'], undefined)).toEqual({ b: 2 });
  expect(setIn(undefined, ['traits', 'packTactics'], true)).toEqual({ traits: { packTactics: true } });
  expect(getIn(after, ['actions', 0, 'attacks', 0, 'toHit'])).toBe(7);
  expect(getIn(after, ['actions', 3, 'name'])).toBeUndefined();
});

test('paths match the loader: party[0].hp, encounters[1].enemies[2].actions[0].attacks[1].damage', () => {
  expect(pathOf({ side: 'party', index: 0 }) + keysPath(['hp'])).toBe('party[0].hp');
  expect(pathOf({ side: 'enemy', encounter: 1, index: 2 }) + keysPath(['actions', 0, 'attacks', 1, 'damage'])).toBe('encounters[1].enemies[2].actions[0].attacks[1].damage');
});

test('numbers typed are numbers, anything else stays as typed for the checker to name', () => {
  expect(numberFromText(' 15 ')).toBe(15);
  expect(numberFromText('-5')).toBe(-5);
  expect(numberFromText('2.5')).toBe(2.5);
  expect(numberFromText('abc')).toBe('abc');
  expect(numberFromText('')).toBe('');
});

test('updateCreature changes one creature of one side and leaves the others as they were', () => {
  const draft = draftFromDocument({
    name: 'S', party: [{ name: 'A', hp: 10 }, { name: 'B', hp: 12 }],
    encounters: [{ name: 'E', enemies: [{ name: 'X', hp: 5 }] }, { name: 'F', enemies: [{ name: 'Y', hp: 6 }] }], rules: {},
  });
  const next = updateCreature(draft, { side: 'enemy', encounter: 1, index: 0 }, (c) => ({ ...c, hp: 60 }));
  expect(creatureAt(next, { side: 'enemy', encounter: 1, index: 0 })!.hp).toBe(60);
  expect(next.encounters[0]).toBe(draft.encounters[0]);
  expect(next.party).toBe(draft.party);
  expect(updateCreature(draft, { side: 'party', index: 5 }, (c) => c)).toBe(draft);
});
