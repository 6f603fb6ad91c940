// The editor's draft: list edits, names, and the editor notes read back from storage, where
// anything malformed is dropped rather than trusted.
import { expect, test } from 'vitest';
import { blankCreature, draftEdition, draftFromDocument, draftInEdition, editorMetaOf, issueMap, issuesUnder, moveItem, newScenarioDocument, toDocument, uniqueName } from './draft.ts';
import { loadScenarioJson } from '../scenario/index.ts';
import * as classes from '../scenario/content/classes/index.ts';

test('moveItem moves within bounds and leaves the list alone for an index outside it', () => {
  expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
  expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
  expect(moveItem(['a', 'b', 'c'], 1, 99)).toEqual(['a', 'c', 'b']);
  expect(moveItem(['a', 'b', 'c'], 5, 0)).toEqual(['a', 'b', 'c']);
});

test('uniqueName numbers a name already taken', () => {
  expect(uniqueName('Goblin', [])).toBe('Goblin');
  expect(uniqueName('Goblin', ['Goblin'])).toBe('Goblin 2');
  expect(uniqueName('Goblin', ['Goblin', 'Goblin 2', 'Goblin 3'])).toBe('Goblin 4');
});

test('a blank character and monster load without a problem, and the draft round-trips through the document', () => {
  const doc = {
    format: 'encounter-lab/scenario', version: 1, name: 'Blank',
    party: [blankCreature('character', 'Hero')], encounters: [{ name: 'One', enemies: [blankCreature('monster', 'Thing')] }],
  };
  const loaded = loadScenarioJson(doc);
  expect(loaded.warnings).toEqual([]);
  const draft = draftFromDocument({ name: loaded.name, party: loaded.spec.party, encounters: loaded.spec.encounters, rules: loaded.spec.rules });
  expect(loadScenarioJson(toDocument(draft)).spec).toEqual(loaded.spec);
  expect(toDocument(draft, { runs: 500, seed: 3 }).run).toEqual({ runs: 500, seed: 3 });
});

test('editor notes from storage are checked: good ones kept, malformed ones dropped', () => {
  const doc = { name: 'S', party: [{ name: 'A' }, { name: 'B' }, { name: 'C' }], encounters: [{ name: 'E', enemies: [{ name: 'X' }, { name: 'Y' }] }], rules: {} };
  const meta = {
    party: [{ classId: 'fighter', level: 5, options: ['gwm', 7] }, { classId: 'wizard', level: 25 }, 'junk'],
    enemies: [[{ compendiumId: 'goblin', xp: 50, crText: '1/4', notModelled: ['x'] }, { xp: -3 }]],
  };
  const draft = draftFromDocument(doc, meta);
  expect(draft.party.map((m) => m.template)).toEqual([{ classId: 'fighter', level: 5, options: ['gwm'] }, null, null]);
  expect(draft.encounters[0].enemies[0].monster).toEqual({ compendiumId: 'goblin', xp: 50, crText: '1/4', notModelled: ['x'], approximations: [] });
  expect(draft.encounters[0].enemies[1].monster).toEqual({ compendiumId: null, xp: null, crText: null, notModelled: [], approximations: [] });
  expect(draftFromDocument(doc, 'not an object').party.every((m) => m.template === null)).toBe(true);
  expect(editorMetaOf(draft).party).toEqual([{ classId: 'fighter', level: 5, options: ['gwm'] }, null, null]);
  // Ids are unique, so list keys and reorders never mix two creatures up.
  const uids = [...draft.party, ...draft.encounters[0].enemies].map((x) => x.uid);
  expect(new Set(uids).size).toBe(uids.length);
});

test('issues are kept by path, the first per path, and found under a creature', () => {
  const map = issueMap([
    { path: 'party[0].hp', message: 'must be at least 1, got -5' },
    { path: 'party[0].hp', message: 'second' },
    { path: 'party[0].actions[1].damage', message: 'bad dice' },
    { path: 'party[10].ac', message: 'other creature' },
  ]);
  expect(map['party[0].hp']).toBe('must be at least 1, got -5');
  expect(issuesUnder(map, 'party[0]').map(([p]) => p)).toEqual(['party[0].hp', 'party[0].actions[1].damage']);
  expect(issuesUnder(map, 'party[1]')).toEqual([]);
});

test('a scenario started in the app plays by the 2024 rules; a file that names no edition stays 2014', () => {
  const started = loadScenarioJson(newScenarioDocument());
  expect(started.warnings).toEqual([]);
  expect(started.spec.rules.edition).toBe('2024');
  const draft = draftFromDocument({ name: started.name, party: started.spec.party, encounters: started.spec.encounters, rules: started.spec.rules });
  expect(draftEdition(draft)).toBe('2024');
  expect(toDocument(draft).rules).toMatchObject({ edition: '2024' });

  const { rules: _rules, ...silent } = newScenarioDocument();
  const old = loadScenarioJson(silent);
  expect(draftEdition(draftFromDocument({ name: old.name, party: old.spec.party, encounters: old.spec.encounters, rules: old.spec.rules }))).toBe('2014');
  expect(draftEdition(null)).toBe('2014');
});

test('a compendium monster keeps the bestiary it came from; an unknown edition is dropped', () => {
  const doc = { name: 'S', party: [{ name: 'A' }], encounters: [{ name: 'E', enemies: [{ name: 'X' }, { name: 'Y' }, { name: 'Z' }] }], rules: {} };
  const meta = { party: [null], enemies: [[{ compendiumId: 'goblin', edition: '2024' }, { compendiumId: 'goblin', edition: '5.5' }, { compendiumId: 'goblin' }]] };
  const draft = draftFromDocument(doc, meta);
  expect(draft.encounters[0].enemies.map((x) => x.monster?.edition)).toEqual(['2024', undefined, undefined]);
  expect(editorMetaOf(draft).enemies[0][0]).toMatchObject({ compendiumId: 'goblin', edition: '2024' });
});

test('switching the edition builds the template characters again by its rules, keeping names and counts, and leaves custom ones alone', () => {
  const fighter2014 = classes.buildCharacter({ classId: 'fighter', level: 5, options: ['great-weapon', 'battle-master'], edition: '2014' }).creature;
  const draft = draftFromDocument({
    name: 'Switch', party: [{ ...fighter2014, name: 'Brakka', count: 2 }, blankCreature('character', 'Custom')], encounters: [{ enemies: [blankCreature('monster', 'Thing')] }], rules: { roundCap: 50 },
  }, { party: [{ classId: 'fighter', level: 5, options: ['great-weapon', 'battle-master'] }, null] });
  const { draft: next, rebuilt, kept } = draftInEdition(draft, '2024', classes);
  expect({ rebuilt, kept, edition: next.rules.edition, roundCap: next.rules.roundCap }).toEqual({ rebuilt: 1, kept: 0, edition: '2024', roundCap: 50 });
  // Battle Master is not a 2024 SRD subclass: the option is dropped, the rest built by the 2024 rules.
  expect(next.party[0].template).toEqual({ classId: 'fighter', level: 5, options: ['great-weapon'] });
  const fighter2024 = classes.buildCharacter({ classId: 'fighter', level: 5, options: ['great-weapon'], edition: '2024' }).creature;
  expect(next.party[0].creature).toEqual({ ...fighter2024, name: 'Brakka', count: 2 });
  expect(next.party[0].creature).not.toEqual(draft.party[0].creature);
  expect(next.party[1]).toBe(draft.party[1]);
  // And back: 2014 is the absent field, and the 2014 build returns (without the dropped subclass).
  const back = draftInEdition(next, '2014', classes).draft;
  expect('edition' in back.rules).toBe(false);
  expect(back.party[0].creature).toEqual({ ...classes.buildCharacter({ classId: 'fighter', level: 5, options: ['great-weapon'], edition: '2014' }).creature, name: 'Brakka', count: 2 });
  expect(loadScenarioJson(toDocument(next)).spec.rules.edition).toBe('2024');
});
