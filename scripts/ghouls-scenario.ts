// Writes scenarios/ghouls-level-2.json: a level-2 party of five built from the class templates
// (fighter, cleric, rogue, wizard, ranger, default options, 2014 rules) against ghouls from the
// SRD 5.1 compendium, the example of `npm run find`. `npx tsx scripts/ghouls-scenario.ts [count]`.
import { writeFileSync } from 'node:fs';
import { loadScenarioJson, toScenarioFile } from '../src/scenario/index.ts';
import { buildCharacter, type TemplateChoice } from '../src/scenario/content/classes/index.ts';
import { creatureFrom, loadCompendium } from '../src/scenario/content/srd/compendium.ts';

const PARTY: TemplateChoice[] = ['fighter', 'cleric', 'rogue', 'wizard', 'ranger'].map((classId) => ({ classId, level: 2 }) as TemplateChoice);
const NAME = 'Level-2 party of five against ghouls';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 4);
  const ghoul = (await loadCompendium()).byId('ghoul');
  if (!ghoul) throw new Error('the compendium has no ghoul');
  const doc = {
    format: 'encounter-lab/scenario', version: 1, name: NAME,
    party: PARTY.map((choice) => buildCharacter(choice).creature),
    encounters: [{ name: 'Ghouls', enemies: [{ name: 'Placeholder', hp: 1, ac: 1 }] }],
  };
  const spec = loadScenarioJson(doc, 'ghouls').spec;
  spec.encounters[0].enemies = [creatureFrom(ghoul, count)];
  const text = toScenarioFile(NAME, spec);
  // Loading the written text back proves the file is valid as written.
  const back = loadScenarioJson(JSON.parse(text), 'ghouls-level-2.json');
  if (back.warnings.length > 0) console.warn(back.warnings.join('\n'));
  writeFileSync(new URL('../scenarios/ghouls-level-2.json', import.meta.url), text);
  console.log(`scenarios/ghouls-level-2.json: ${PARTY.length} characters against ${count} ghouls`);
}

void main();
