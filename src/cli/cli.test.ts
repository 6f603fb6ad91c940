import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attackAction, character, creature, encounter, scenario, weapon } from '../engine/test-support.ts';
import { parseSimArgs } from './args.ts';
import { runInProcess, runParallel } from './pool.ts';

describe('sim arguments', () => {
  it('reads the file and every option, in both spellings', () => {
    expect(parseSimArgs(['f.json', '--runs', '500', '--seed=7', '--workers', '3', '--json', '--chunk=100'])).toEqual({
      file: 'f.json', runs: 500, seed: 7, workers: 3, chunk: 100, json: true, force: false, help: false,
    });
    expect(parseSimArgs(['f.json', '--force']).force).toBe(true);
  });

  it('names what is wrong', () => {
    expect(() => parseSimArgs([])).toThrow('no scenario file given');
    expect(() => parseSimArgs(['f.json', '--runs', 'many'])).toThrow('--runs must be a whole number, got "many"');
    expect(() => parseSimArgs(['f.json', '--runs', '0'])).toThrow('--runs must be from 1 to 100000000, got 0');
    expect(() => parseSimArgs(['f.json', '--seed'])).toThrow('--seed needs a value');
    expect(() => parseSimArgs(['f.json', '--speed', '3'])).toThrow('unknown option --speed');
    expect(() => parseSimArgs(['a.json', 'b.json'])).toThrow(/only one scenario file/);
  });
});

describe('worker-thread pool', () => {
  const spec = scenario(
    [
      character('Fighter', { hp: 30, ac: 16, actions: [attackAction('Sword', [weapon(5, '1d8+3', { count: 2 })])] }),
      character('Archer', { hp: 24, ac: 14, actions: [attackAction('Bow', [weapon(6, '1d8+3', { reach: 'ranged' })])] }),
    ],
    [encounter('Orcs', [creature('Orc', { count: 3, hp: 15, ac: 13, actions: [attackAction('Axe', [weapon(5, '1d12+3')])] })])],
  );

  it('gives exactly the single-thread aggregate whatever the number of workers and chunk size', async () => {
    const runs = 3000;
    const reference = runInProcess(spec, 99, runs);
    const two = await runParallel(spec, { seed: 99, runs, workers: 2, chunk: 257 });
    expect(two).toEqual(reference);
    const three = await runParallel(spec, { seed: 99, runs, workers: 3, chunk: 1000 });
    expect(three).toEqual(reference);
    // And the seed matters: another seed gives another aggregate.
    expect(runInProcess(spec, 100, runs)).not.toEqual(reference);
  });
});

describe('npm run sim', () => {
  const sim = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], { encoding: 'utf8', cwd: process.cwd(), timeout: 60_000 });

  it('prints the promised JSON fields, and the numbers do not depend on --workers', () => {
    const one = sim('scenarios/three-fights.json', '--runs', '3000', '--seed', '5', '--workers', '1', '--json');
    const two = sim('scenarios/three-fights.json', '--runs', '3000', '--seed', '5', '--workers', '2', '--chunk', '700', '--json');
    expect({ status: one.status, stderr: one.stderr }).toMatchObject({ status: 0 });
    expect({ status: two.status, stderr: two.stderr }).toMatchObject({ status: 0 });
    const a = JSON.parse(one.stdout), b = JSON.parse(two.stdout);
    for (const field of ['runs', 'seed', 'elapsedMs']) expect(a).toHaveProperty(field);
    expect(a.runs).toBe(3000);
    expect(a.seed).toBe(5);
    expect(a.day.victory.p).toBeGreaterThan(0);
    expect(a.day.victory.ci95[0]).toBeLessThanOrEqual(a.day.victory.p);
    expect(a.day.victory.ci95[1]).toBeGreaterThanOrEqual(a.day.victory.p);
    expect(a.day.victory.p + a.day.defeat.p + a.day.draw.p).toBeCloseTo(1, 12);
    expect(a.encounters).toHaveLength(3);
    expect(typeof a.deaths.expected).toBe('number');
    expect(typeof a.deaths.anyP).toBe('number');
    expect(typeof a.rounds.mean).toBe('number');
    for (const field of ['elapsedMs', 'runsPerSecond', 'workers']) {
      delete a[field];
      delete b[field];
    }
    expect(b).toEqual(a);
  });

  it('refuses a scenario estimated past the hard limit unless --force, and says why', () => {
    const immune = ['acid', 'bludgeoning', 'cold', 'fire', 'force', 'lightning', 'necrotic', 'piercing', 'poison', 'psychic', 'radiant', 'slashing', 'thunder'];
    const side = (name: string, kind: string) => ({
      name, kind, count: 60, hp: 30, ac: 14, immunities: immune,
      actions: [{ type: 'attack', name: 'Flurry', attacks: Array.from({ length: 20 }, () => ({ toHit: 5, damage: '20d6', damageType: 'slashing' })) }],
    });
    const file = join(mkdtempSync(join(tmpdir(), 'sim-cost-')), 'stalemate.json');
    writeFileSync(file, JSON.stringify({
      format: 'encounter-lab/scenario', version: 1, name: 'Stalemate',
      party: [side('Hero', 'character')], encounters: [{ name: 'Forever', enemies: [side('Foe', 'monster')] }], rules: { roundCap: 1000 },
    }));
    const refused = sim(file, '--runs', '1', '--json');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/stalemate\.json: is too expensive to simulate: one simulated day would take about/);
    expect(refused.stderr).toMatch(/up to the round cap of 1,000 rounds/);
    expect(refused.stderr).toMatch(/add --force/);
    const forced = sim(file, '--runs', '1', '--workers', '1', '--json', '--force');
    expect({ status: forced.status, stderr: forced.stderr }).toMatchObject({ status: 0, stderr: expect.stringMatching(/--force: simulating a scenario estimated at/) });
    expect(JSON.parse(forced.stdout).runs).toBe(1);
  });

  it('says what is wrong with a bad file and exits non-zero', () => {
    const missing = sim('no-such-file.json');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read no-such-file\.json/);
    const bad = sim('package.json');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/package\.json/);
    const usage = sim('scenarios/duel.json', '--runs', 'lots');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--runs must be a whole number/);
  });
});
