// `npm run figures`: the README's comparison with the XP arithmetic, measured. A level-5 template
// party (fighter, cleric, rogue, wizard) against monsters of the same edition's bestiary, 2,000 runs
// each with seed 5: victory, total party kill and deaths, beside the 2014 and 2024 XP ratings.
// Under 2014 rules with the SRD 5.1 monsters, then under 2024 rules with the SRD 5.2 ones.
import { simulate } from '../src/engine/index.ts';
import { rate2014, rate2024 } from '../src/scenario/analysis/difficulty.ts';
import { buildCharacter, type TemplateChoice } from '../src/scenario/content/classes/index.ts';
import { creatureFrom, loadCompendium, type Compendium } from '../src/scenario/content/srd/compendium.ts';
import { loadCompendium2024 } from '../src/scenario/content/srd-2024/compendium.ts';
import { loadScenarioJson } from '../src/scenario/index.ts';

const RUNS = 2000, SEED = 5;
const CLASSES = ['fighter', 'cleric', 'rogue', 'wizard'] as const;
const FIGHTS: Array<[string, number]> = [['hill-giant', 2], ['young-red-dragon', 1], ['young-green-dragon', 1], ['ghoul', 6], ['owlbear', 2]];

async function table(edition: '2014' | '2024', compendium: Compendium): Promise<void> {
  const party: TemplateChoice[] = CLASSES.map((classId) => ({ classId, level: 5, ...(edition === '2024' && { edition }) }));
  console.log(`\n${edition} rules, SRD ${edition === '2014' ? '5.1' : '5.2'} monsters; level-5 ${CLASSES.join(', ')}; ${RUNS} runs, seed ${SEED}`);
  console.log('fight                      2014 XP   2024 XP        victory  party wiped  someone dies');
  for (const [id, count] of FIGHTS) {
    const monster = compendium.byId(id);
    if (!monster) throw new Error(`the ${edition} bestiary has no ${id}`);
    const doc = {
      format: 'encounter-lab/scenario', version: 1, name: id, party: party.map((c) => buildCharacter(c).creature),
      encounters: [{ enemies: [{ name: 'Placeholder', hp: 1, ac: 1 }] }], rules: edition === '2024' ? { edition } : {},
    };
    const spec = loadScenarioJson(doc, id).spec;
    spec.encounters[0].enemies = [creatureFrom(monster, count)];
    const agg = simulate(spec, SEED, RUNS);
    const levels = party.map((p) => p.level);
    const xp = Array.from({ length: count }, () => monster.xp);
    const pct = (n: number) => `${((100 * n) / RUNS).toFixed(1)}%`;
    console.log(`${`${count} × ${monster.name}`.padEnd(26)} ${rate2014(levels, xp).difficulty.padEnd(9)} ${rate2024(levels, xp).difficulty.padEnd(13)} `
      + `${pct(agg.dayVictory).padStart(7)}  ${pct(agg.dayDefeat).padStart(11)}  ${pct(agg.anyDeathRuns).padStart(12)}`);
  }
}

async function main(): Promise<void> {
  await table('2014', await loadCompendium());
  await table('2024', await loadCompendium2024());
}

void main();
