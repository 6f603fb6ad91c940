// `npm run digests`: aggregate digests (seed 1, 20,000 runs) of the example scenarios and of
// template parties against compendium monsters, plus a digest of a few replay logs. A change that
// must not alter behaviour (a refactor) leaves every line of this output the same.
import { readFileSync } from 'node:fs';
import { compileScenario, replayRun, simulate, type ScenarioSpec } from '../src/engine/index.ts';
import { aggregateDigest } from '../src/runtime/digest.ts';
import { loadScenarioJson, loadScenarioText } from '../src/scenario/index.ts';
import { buildCharacter, type TemplateChoice } from '../src/scenario/content/classes/index.ts';
import { creatureFrom, loadCompendium } from '../src/scenario/content/srd/compendium.ts';

const SEED = 1;
const RUNS = Number(process.argv[2] ?? 20_000);

function digestText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

async function templateFight(party: TemplateChoice[], monsters: Array<[string, number]>, days = 1): Promise<ScenarioSpec> {
  const compendium = await loadCompendium();
  const doc = {
    format: 'encounter-lab/scenario', version: 1, name: 'digest',
    party: party.map((choice) => buildCharacter(choice).creature),
    encounters: Array.from({ length: days }, () => ({ enemies: [{ name: 'Placeholder', hp: 1, ac: 1 }] })),
  };
  const spec = loadScenarioJson(doc, 'digest').spec;
  for (const e of spec.encounters) {
    e.enemies = monsters.map(([id, n]) => {
      const m = compendium.byId(id);
      if (!m) throw new Error(`no ${id}`);
      return creatureFrom(m, n);
    });
  }
  return spec;
}

const casters: TemplateChoice[] = [
  { classId: 'paladin', level: 5 }, { classId: 'cleric', level: 5 }, { classId: 'warlock', level: 5 }, { classId: 'wizard', level: 5 },
];
const mixed: TemplateChoice[] = [
  { classId: 'fighter', level: 11 }, { classId: 'druid', level: 11 }, { classId: 'rogue', level: 11 }, { classId: 'sorcerer', level: 11 },
  { classId: 'bard', level: 11 }, { classId: 'ranger', level: 11 }, { classId: 'monk', level: 11 }, { classId: 'barbarian', level: 11 },
];

async function main(): Promise<void> {
  const cases: Array<[string, ScenarioSpec]> = [];
  for (const f of ['reference-fight', 'duel', 'three-fights']) {
    cases.push([f, loadScenarioText(readFileSync(new URL(`../scenarios/${f}.json`, import.meta.url), 'utf8'), f).spec]);
  }
  cases.push(['casters-vs-ghouls-day', await templateFight(casters, [['ghoul', 4]], 3)]);
  cases.push(['casters-vs-young-red-dragon', await templateFight(casters, [['young-red-dragon', 1]])]);
  cases.push(['mixed-vs-lich', await templateFight(mixed, [['lich', 1], ['mage', 2]])]);
  cases.push(['mixed-vs-adult-red-dragon', await templateFight(mixed, [['adult-red-dragon', 1]])]);
  for (const [name, spec] of cases) {
    const compiled = compileScenario(spec);
    const agg = simulate(compiled, SEED, RUNS);
    let log = '';
    for (let run = 0; run < 5; run++) log += JSON.stringify(replayRun(compiled, SEED, run));
    console.log(`${name.padEnd(30)} aggregate ${aggregateDigest(agg)}  replays ${digestText(log)}  victory ${(agg.dayVictory / RUNS).toFixed(4)}`);
  }
}

void main();
