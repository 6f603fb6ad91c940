// `npm run figures`: the README's comparison with the XP arithmetic, measured. The level-5 template
// party (fighter, cleric, rogue, wizard) against SRD 5.1 monsters from the compendium, 2,000 runs
// each with seed 5: victory, total party kill and deaths, beside the 2014 and 2024 XP ratings.
import { simulate } from '../src/engine/index.ts';
import { rate2014, rate2024 } from '../src/scenario/analysis/difficulty.ts';
import { buildCharacter, type TemplateChoice } from '../src/scenario/content/classes/index.ts';
import { creatureFrom, loadCompendium } from '../src/scenario/content/srd/compendium.ts';
import { loadScenarioJson } from '../src/scenario/index.ts';

const RUNS = 2000, SEED = 5;
const PARTY: TemplateChoice[] = [
  { classId: 'fighter', level: 5 }, { classId: 'cleric', level: 5 }, { classId: 'rogue', level: 5 }, { classId: 'wizard', level: 5 },
];
const FIGHTS: Array<[string, number]> = [['hill-giant', 2], ['young-red-dragon', 1], ['young-green-dragon', 1], ['ghoul', 6], ['owlbear', 2]];

async function main(): Promise<void> {
  const compendium = await loadCompendium();
  console.log(`Level-5 party (${PARTY.map((p) => p.classId).join(', ')}), ${RUNS} runs, seed ${SEED}`);
  console.log('fight                      2014 XP   2024 XP        victory  party wiped  someone dies');
  for (const [id, count] of FIGHTS) {
    const monster = compendium.byId(id);
    if (!monster) throw new Error(`the compendium has no ${id}`);
    const doc = {
      format: 'encounter-lab/scenario', version: 1, name: id, party: PARTY.map((c) => buildCharacter(c).creature),
      encounters: [{ enemies: [{ name: 'Placeholder', hp: 1, ac: 1 }] }],
    };
    const spec = loadScenarioJson(doc, id).spec;
    spec.encounters[0].enemies = [creatureFrom(monster, count)];
    const agg = simulate(spec, SEED, RUNS);
    const levels = PARTY.map((p) => p.level);
    const xp = Array.from({ length: count }, () => monster.xp);
    const r14 = rate2014(levels, xp).difficulty;
    const r24 = rate2024(levels, xp).difficulty;
    const pct = (n: number) => `${((100 * n) / RUNS).toFixed(1)}%`.padStart(7);
    console.log(`${`${count} × ${monster.name}`.padEnd(26)} ${r14.padEnd(9)} ${r24.padEnd(13)} ${pct(agg.dayVictory)}  ${pct(agg.dayDefeat).padStart(11)}  ${pct(agg.anyDeathRuns).padStart(12)}`);
  }
}

void main();
