import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChunk, Simulator, compileScenario, type ScenarioSpec } from '../engine/index.ts';
import { attackAction, character, creature, encounter, scenario, weapon } from '../engine/test-support.ts';
import { toScenarioFile } from '../scenario/index.ts';
import { BAND_PRESETS, customBand } from '../scenario/analysis/bands.ts';
import { howMany, howManyQuery, incrementalEvaluator, DEFAULT_SCHEDULE } from '../scenario/analysis/how-many.ts';
import { parseFindArgs } from './find-args.ts';
import { formatFind } from './find-report.ts';
import { RangePool, runInProcess } from './pool.ts';

describe('find arguments', () => {
  it('reads every option, thresholds as proportions or percentages', () => {
    expect(parseFindArgs(['f.json', '--monster', 'Ghoul', '--encounter=2', '--band', 'Deadly', '--max-tpk', '5%', '--min-down', '.5',
      '--scope', 'encounter', '--max-count', '12', '--seed', '3', '--cap', '5000', '--workers', '1', '--json'])).toEqual({
      file: 'f.json', encounter: 2, monster: 'Ghoul', pool: null, band: 'deadly',
      thresholds: [{ measure: 'tpk', bound: 'max', value: 0.05 }, { measure: 'down', bound: 'min', value: 0.5 }],
      scope: 'encounter', minCount: null, maxCount: 12, seed: 3, cap: 5000, workers: 1, json: true, help: false,
    });
  });

  it('reads a pool search, with its own defaults', () => {
    expect(parseFindArgs(['f.json', '--pool', 'cr=1-3,type=undead', '--kinds', '3', '--max-per-kind', '6', '--max-total', '9',
      '--max-runs', '30000', '--max-candidates', '50', '--show', '4'])).toMatchObject({
      monster: '', cap: 8000, pool: { filter: 'cr=1-3,type=undead', kinds: 3, maxPerKind: 6, maxTotal: 9, maxRuns: 30000, maxCandidates: 50, show: 4 },
    });
    expect(parseFindArgs(['f.json', '--pool', 'type=undead', '--cap', '4000']).cap).toBe(4000);
    expect(() => parseFindArgs(['f.json', '--pool', 'type=undead', '--monster', 'ghoul'])).toThrow('give --monster (how many of one monster) or --pool (find an encounter), not both');
    expect(() => parseFindArgs(['f.json', '--monster', 'ghoul', '--kinds', '2'])).toThrow('--kinds is for --pool (finding an encounter)');
    expect(() => parseFindArgs(['f.json', '--pool', 'type=undead', '--max-count', '5'])).toThrow('--max-count is for --monster; with --pool use --max-per-kind and --max-total');
    expect(() => parseFindArgs(['f.json', '--pool', 'type=undead', '--kinds', '5'])).toThrow('--kinds must be from 1 to 4, got 5');
  });

  it('defaults to Hard, unless only thresholds are given', () => {
    expect(parseFindArgs(['f.json', '--monster', 'ghoul']).band).toBe('hard');
    expect(parseFindArgs(['f.json', '--monster', 'ghoul', '--max-dies', '0.1']).band).toBeNull();
  });

  it('names what is wrong', () => {
    expect(() => parseFindArgs(['f.json'])).toThrow('no monster given');
    expect(() => parseFindArgs(['--monster', 'ghoul'])).toThrow('no scenario file given');
    expect(() => parseFindArgs(['f.json', '--monster', 'ghoul', '--band', 'brutal'])).toThrow('unknown band "brutal"; the bands are easy, medium, hard, deadly');
    expect(() => parseFindArgs(['f.json', '--monster', 'ghoul', '--max-tpk', '1.5'])).toThrow('--max-tpk must be a proportion from 0 to 1 (or 0% to 100%), got 1.5; for 1.5% write 1.5%');
    expect(() => parseFindArgs(['f.json', '--monster', 'ghoul', '--max-tpk', '150%'])).toThrow('--max-tpk must be a proportion from 0 to 1 (or 0% to 100%), got 150%');
    expect(() => parseFindArgs(['f.json', '--monster', 'ghoul', '--min-down', '-0.2'])).toThrow('--min-down must be a proportion from 0 to 1 (or a percentage), got "-0.2"');
    expect(() => parseFindArgs(['f.json', '--monster', 'ghoul', '--min-down'])).toThrow('--min-down needs a value');
    expect(() => parseFindArgs(['f.json', '--monster', 'ghoul', '--min-down', 'half'])).toThrow('--min-down must be a proportion');
    expect(() => parseFindArgs(['f.json', '--monster', 'ghoul', '--max-fun', '0.2'])).toThrow('unknown option --max-fun; thresholds are --min-X and --max-X');
    expect(() => parseFindArgs(['f.json', '--monster', 'ghoul', '--scope', 'week'])).toThrow('--scope must be day or encounter');
    expect(() => parseFindArgs(['f.json', '--monster', 'ghoul', '--min-count', '5', '--max-count', '3'])).toThrow('--min-count (5) must not be above --max-count (3)');
    expect(() => parseFindArgs(['f.json', '--monster', 'ghoul', '--cap', '10'])).toThrow('--cap must be from 250 to 10000000, got 10');
  });
});

const party = () => [
  character('Fighter', { hp: 28, ac: 16, actions: [attackAction('Sword', [weapon(5, '1d8+3', { count: 2 })])] }),
  character('Archer', { hp: 20, ac: 14, actions: [attackAction('Bow', [weapon(6, '1d8+3', { reach: 'ranged' })])] }),
];
const wolf = (count: number) => creature('Wolf', { count, hp: 11, ac: 13, actions: [attackAction('Bite', [weapon(4, '2d4+2')], { targeting: 'random' })] });

describe('the lasting worker pool', () => {
  it('gives exactly the single-thread aggregate for any range, several scenarios interleaved', async () => {
    const a = scenario(party(), [encounter('Wolves', [wolf(3)])]);
    const b = scenario(party(), [encounter('Wolves', [wolf(5)])]);
    const pool = new RangePool(2);
    try {
      const [x, y, z] = await Promise.all([pool.run(a, 4, 0, 1500), pool.run(b, 4, 0, 700), pool.run(a, 4, 1500, 2600)]);
      expect(x).toEqual(runInProcess(a, 4, 1500));
      expect(y).toEqual(runInProcess(b, 4, 700));
      expect(z).toEqual(runChunk(new Simulator(compileScenario(a)), 4, 1500, 2600));
    } finally {
      await pool.close();
    }
  }, 30_000);
});

describe('npm run find', () => {
  const dir = mkdtempSync(join(tmpdir(), 'find-'));
  const file = join(dir, 'wolves.json');
  const spec: ScenarioSpec = scenario(party(), [encounter('Wolves', [wolf(2)])]);
  writeFileSync(file, toScenarioFile('Wolves', spec));
  const find = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/find.ts', ...args], { encoding: 'utf8', cwd: process.cwd(), timeout: 60_000 });
  const findAsync = (...args: string[]) => new Promise<{ status: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/find.ts', ...args], { cwd: process.cwd(), timeout: 60_000 });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });

  it('prints the promised JSON, with the answer the search gives in this process', async () => {
    const out = find(file, '--monster', 'wolf', '--min-down', '15%', '--max-tpk', '0.25', '--max-count', '10', '--seed', '2', '--workers', '1', '--json');
    expect({ status: out.status, stderr: out.stderr }).toEqual({ status: 0, stderr: '' });
    const json = JSON.parse(out.stdout);
    for (const field of ['monster', 'band', 'counts', 'largest', 'smallest', 'elapsedMs']) expect(json).toHaveProperty(field);
    expect(json.monster).toBe('Wolf');
    expect(json.band).toBe('custom');
    const first = json.counts[0];
    for (const path of ['count', 'runs', 'day.defeat.p', 'day.defeat.ci95', 'day.victory.p', 'day.victory.ci95', 'deaths.anyP', 'inBand', 'down.p']) {
      expect(first).toHaveProperty(path);
    }
    expect(json.counts.map((c: { count: number }) => c.count)).toEqual([...json.counts.map((c: { count: number }) => c.count)].sort((a: number, b: number) => a - b));
    // The same search run here, with the band the flags make.
    const band = customBand([{ measure: 'down', bound: 'min', value: 0.15 }, { measure: 'tpk', bound: 'max', value: 0.25 }]);
    const q = howManyQuery(spec, { encounter: 0, enemy: 0, band, maxCount: 10, seed: 2, schedule: DEFAULT_SCHEDULE });
    const here = await howMany(spec, q, incrementalEvaluator(async (s, seed, from, to) => runChunk(new Simulator(compileScenario(s)), seed, from, to)));
    expect({ smallest: json.smallest, largest: json.largest, tried: json.tried }).toEqual({ smallest: here.smallest, largest: here.largest, tried: here.trials.map((t) => t.count) });
    expect(here.smallest).not.toBeNull();
    for (const c of json.counts) expect(c.inBand).toBe(c.count >= json.smallest && c.count <= json.largest);
  }, 60_000);

  it('adds a compendium monster to the encounter, and prints a readable answer', () => {
    const out = find(file, '--monster', 'Goblin', '--band', 'easy', '--max-count', '6', '--workers', '1');
    expect({ status: out.status, stderr: out.stderr }).toEqual({ status: 0, stderr: '' });
    expect(out.stdout).toContain('How many Goblin (SRD 5.1) in encounter 1, "Wolves", keep the day Easy?');
    expect(out.stdout).toMatch(/Answer: /);
    expect(out.stdout).toMatch(/Tried \d+ counts in this order/);
  }, 60_000);

  it('refuses bad input with a message naming it, a non-zero exit and no stack trace', async () => {
    const cases: Array<[string[], number, string]> = [
      [[join(dir, 'missing.json'), '--monster', 'wolf'], 1, 'find: cannot read'],
      [[file, '--monster', 'tarrasquee'], 1, 'no monster "tarrasquee" in encounter 1 (its enemies: Wolf) or in the SRD 5.1 and 5.2 compendiums; did you mean "Tarrasque"'],
      [[file, '--monster', 'wolf', '--band', 'brutal'], 2, 'unknown band "brutal"'],
      [[file, '--monster', 'wolf', '--max-count', '101'], 1, 'At most 100 can join this encounter (the limit is per side), not 101'],
      [[file, '--pool', 'cr=1-3,type=undaed'], 1, 'find: --pool: type=undaed matches no monster of the SRD 5.1; the types are aberration'],
      [[file, '--pool', 'cr=1-3,colour=red'], 1, 'find: --pool: unknown pool filter "colour" in "colour=red"'],
      [[file, '--pool', 'type=undead', '--encounter', '3'], 1, 'has 1 encounter, so there is no encounter 3 (2 adds a new one)'],
    ];
    // Side by side: each run is mostly the start-up of Node and the TypeScript loader.
    const outs = await Promise.all(cases.map(([args]) => findAsync(...args)));
    expect(outs.map((o) => o.status)).toEqual(cases.map(([, status]) => status));
    expect(outs.map((o) => o.stderr)).toEqual(cases.map(([, , message]) => expect.stringContaining(message)));
    expect(outs.filter((o) => /\n\s+at /.test(o.stderr))).toEqual([]);
  }, 120_000);
});

describe('npm run find --pool', () => {
  it('prints the proposals, their intervals and XP, and what was tried', () => {
    const dir = mkdtempSync(join(tmpdir(), 'find-pool-'));
    const file = join(dir, 'day.json');
    writeFileSync(file, toScenarioFile('Day', scenario(party().map((c) => ({ ...c, level: 3 })), [encounter('Wolves', [wolf(2)])])));
    const out = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/find.ts', file, '--pool', 'name=wolf|goblin', '--band', 'medium',
      '--max-per-kind', '4', '--max-total', '5', '--json'], { encoding: 'utf8', cwd: process.cwd(), timeout: 60_000 });
    expect({ status: out.status, stderr: out.stderr }).toEqual({ status: 0, stderr: '' });
    const json = JSON.parse(out.stdout);
    expect(json).toMatchObject({ pool: 'name=wolf|goblin', poolMonsters: ['Goblin (CR 1/4)', 'Wolf (CR 1/4)'], encounter: 1, band: 'medium', kinds: 2 });
    const t = json.tried;
    expect(t.inBand + t.out + t.undecided).toBe(t.evaluated);
    expect(json.proposals).toHaveLength(t.inBand);
    for (const p of json.proposals) {
      for (const path of ['rank', 'encounter', 'monsters', 'runs', 'victory.ci95', 'tpk.p', 'dies.ci95', 'down.p', 'xp.2014.difficulty', 'xp.2024.difficulty']) expect(p).toHaveProperty(path);
    }
    expect(json.proposals.map((p: { rank: number }) => p.rank)).toEqual(json.proposals.map((_: unknown, i: number) => i + 1));
  }, 60_000);
});

describe('the readable answer', () => {
  it('gives the range, the band in words, each count and what was tried', async () => {
    const spec = scenario(party(), [encounter('Wolves', [wolf(1)])]);
    const q = howManyQuery(spec, { encounter: 0, enemy: 0, band: BAND_PRESETS.medium, maxCount: 8, seed: 1 });
    const result = await howMany(spec, q, async (s, seed, runs) => runInProcess(s, seed, runs));
    const text = formatFind(result, {
      monster: 'Wolf', source: 'in the encounter', encounterName: 'Wolves', encounter: 1, scope: 'day', band: BAND_PRESETS.medium,
      seed: 1, cap: 20_000, workers: 1, elapsedMs: 1234,
    });
    expect(text).toContain('Medium: someone goes down ≥ 20%, someone goes down ≤ 50%, someone dies ≤ 3%, total party kill ≤ 1%');
    expect(text).toContain(result.smallest === null ? `Answer: none: ${result.none}.` : 'Answer: ');
    expect(text).toContain(`Tried ${result.trials.length} counts in this order: ${result.trials.map((t) => t.count).join(', ')}`);
    expect(text).toContain('in 1.23 s on 1 worker.');
  });
});
