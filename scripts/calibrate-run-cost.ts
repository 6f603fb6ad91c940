// Calibrates the run-cost estimate (src/scenario/format/run-cost.ts) against measured time: runs
// a few scenarios on one thread in lean mode and prints, for each, the estimate and the measured
// microseconds per simulated day, their ratio, and the estimated and measured rounds per fight.
// `npx tsx scripts/calibrate-run-cost.ts [runs]` (2,000 runs each by default; the costliest
// scenarios run fewer so the script ends in about a minute).
import { readFileSync } from 'node:fs';
import { compileScenario, Simulator, emptyAggregate, summarize, type ScenarioSpec } from '../src/engine/index.ts';
import { loadScenarioText } from '../src/scenario/index.ts';
import { estimateRunCost } from '../src/scenario/format/run-cost.ts';

const runsWanted = Number(process.argv[2] ?? 2000);
const ALL_TYPES = ['acid', 'bludgeoning', 'cold', 'fire', 'force', 'lightning', 'necrotic', 'piercing', 'poison', 'psychic', 'radiant', 'slashing', 'thunder'];

const file = (name: string): ScenarioSpec => loadScenarioText(readFileSync(`scenarios/${name}.json`, 'utf8'), name).spec;

function horde(options: { count: number; attacks: number; dice: string; immune: boolean; roundCap: number; hp?: number; attackCount?: number }): ScenarioSpec {
  const creature = (name: string) => ({
    name, count: options.count, hp: options.hp ?? 30, ac: 14, saveBonus: 2, kind: 'monster' as const,
    immunities: options.immune ? ALL_TYPES : [],
    actions: [{
      type: 'attack' as const, name: 'Flurry',
      attacks: Array.from({ length: options.attacks }, () => ({ toHit: 5, damage: options.dice, damageType: 'slashing', count: options.attackCount ?? 1 })),
    }],
  });
  const doc = {
    format: 'encounter-lab/scenario', version: 1, name: 'horde',
    party: [{ ...creature('Hero'), kind: 'character' }],
    encounters: [{ name: 'Horde', enemies: [creature('Foe')] }],
    rules: { roundCap: options.roundCap },
  };
  return loadScenarioText(JSON.stringify(doc), 'horde', { allowExpensive: true }).spec;
}

interface Case { name: string; spec: () => ScenarioSpec; runs?: number }

const cases: Case[] = [
  { name: 'reference fight', spec: () => file('reference-fight') },
  { name: 'duel', spec: () => file('duel') },
  { name: 'three fights', spec: () => file('three-fights') },
  { name: '10 v 10, 1 attack 1d6', spec: () => horde({ count: 10, attacks: 1, dice: '1d6', immune: false, roundCap: 100 }) },
  { name: '60 v 60, 1 attack 1d8', spec: () => horde({ count: 60, attacks: 1, dice: '1d8', immune: false, roundCap: 100 }) },
  { name: '60 v 60, 4 attacks 10d10', spec: () => horde({ count: 60, attacks: 4, dice: '10d10', immune: false, roundCap: 100, hp: 400 }) },
  { name: '5 v 5 immune, 1 attack 1d6, cap 100', spec: () => horde({ count: 5, attacks: 1, dice: '1d6', immune: true, roundCap: 100 }) },
  { name: '20 v 20 immune, 3 attacks 4d6, cap 100', spec: () => horde({ count: 20, attacks: 3, dice: '4d6', immune: true, roundCap: 100 }), runs: 200 },
  { name: '60 v 60 immune, 1 attack 1d6, cap 50', spec: () => horde({ count: 60, attacks: 1, dice: '1d6', immune: true, roundCap: 50 }), runs: 200 },
  { name: '10 v 10 immune, 20 attacks 20d100, cap 10', spec: () => horde({ count: 10, attacks: 20, dice: '20d100', immune: true, roundCap: 10 }), runs: 50 },
  // The hostile file: one run only, it takes about a minute (set HOSTILE=0 to skip it).
  { name: 'hostile: 60 v 60 immune, 20x20 attacks of 100d100, cap 1000', spec: () => horde({ count: 60, attacks: 20, attackCount: 20, dice: '100d100', immune: true, roundCap: 1000 }), runs: process.env.HOSTILE === '0' ? 0 : 1 },
  { name: 'hostile, cap 1', spec: () => horde({ count: 60, attacks: 20, attackCount: 20, dice: '100d100', immune: true, roundCap: 1 }), runs: 3 },
];

const pad = (s: string, n: number) => s.padEnd(n);
console.log(`${pad('scenario', 62)} ${'runs'.padStart(6)} ${'est µs/run'.padStart(12)} ${'meas µs/run'.padStart(12)} ${'ratio'.padStart(6)} ${'est rounds'.padStart(11)} ${'meas rounds'.padStart(11)}`);
for (const c of cases) {
  const compiled = compileScenario(c.spec());
  const estimate = estimateRunCost(compiled);
  const runs = c.runs === undefined ? runsWanted : c.runs;
  const estRounds = estimate.encounters.map((e) => e.rounds).reduce((a, b) => a + b, 0);
  if (runs === 0) {
    console.log(`${pad(c.name, 62)} ${'-'.padStart(6)} ${Math.round(estimate.perRunUs).toLocaleString('en-US').padStart(12)} ${'(not run)'.padStart(12)} ${''.padStart(6)} ${String(estRounds).padStart(11)}`);
    continue;
  }
  const sim = new Simulator(compiled);
  const agg = emptyAggregate(compiled.layout);
  // Warm-up: let the JIT optimise the run loop for this scenario first (about a quarter second).
  const warm = emptyAggregate(compiled.layout);
  if (estimate.perRunUs < 50_000) for (let from = 0, t0 = performance.now(); performance.now() - t0 < 250; from += 10) sim.runChunk(1, from, from + 10, warm);
  // The fastest of three passes: the least disturbed by other work on the machine.
  let measured = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    const passAgg = emptyAggregate(compiled.layout);
    const started = performance.now();
    sim.runChunk(2 + pass, 0, runs, passAgg);
    measured = Math.min(measured, ((performance.now() - started) * 1000) / runs);
    if (pass === 0) sim.runChunk(2, 0, runs, agg);
    if (measured * runs > 20e6) break;
  }
  const rounds = summarize(agg, compiled.layout).rounds.mean;
  if (process.env.CALIBRATE_JSON) console.error(JSON.stringify({ name: c.name, work: estimate.work, measured }));
  console.log(`${pad(c.name, 62)} ${String(runs).padStart(6)} ${Math.round(estimate.perRunUs).toLocaleString('en-US').padStart(12)} ${Math.round(measured).toLocaleString('en-US').padStart(12)} ${(estimate.perRunUs / measured).toFixed(2).padStart(6)} ${String(estRounds).padStart(11)} ${rounds.toFixed(1).padStart(11)}`);
}
