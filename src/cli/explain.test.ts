import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attackAction, character, creature, encounter, healAction, scenario, weapon } from '../engine/test-support.ts';
import { toScenarioFile } from '../scenario/index.ts';
import { explain, explainQuery } from '../scenario/analysis/explain.ts';
import { parseExplainArgs } from './explain-args.ts';
import { formatExplain, PAIRING_NOTE } from './explain-report.ts';
import { batchEvaluator } from './scenario-file.ts';

describe('explain arguments', () => {
  it('reads every option', () => {
    expect(parseExplainArgs(['f.json', '--seed', '3', '--runs=4000', '--precision', '0.5', '--workers', '2', '--json'])).toEqual({
      file: 'f.json', seed: 3, runs: 4000, precision: 0.5, workers: 2, json: true, help: false,
    });
    expect(parseExplainArgs(['f.json'])).toMatchObject({ seed: null, runs: 8000, precision: 1, workers: null, json: false });
  });

  it('names what is wrong', () => {
    expect(() => parseExplainArgs([])).toThrow('no scenario file given');
    expect(() => parseExplainArgs(['f.json', '--runs', '50'])).toThrow('--runs must be from 100 to 10000000, got 50');
    expect(() => parseExplainArgs(['f.json', '--runs'])).toThrow('--runs needs a value');
    expect(() => parseExplainArgs(['f.json', '--seed', 'x'])).toThrow('--seed must be a whole number, got "x"');
    expect(() => parseExplainArgs(['f.json', '--precision', '0'])).toThrow('--precision must be a number of percentage points above 0');
    expect(() => parseExplainArgs(['f.json', '--precision', 'tight'])).toThrow('--precision must be a number');
    expect(() => parseExplainArgs(['f.json', '--monster', 'orc'])).toThrow('unknown option --monster');
    expect(() => parseExplainArgs(['a.json', 'b.json'])).toThrow('only one scenario file at a time');
  });
});

const spec = scenario(
  [character('Fighter', {
    hp: 30, ac: 16,
    actions: [attackAction('Sword', [weapon(5, '1d8+3')]), healAction('Second Wind', '1d10+3', { slot: 'bonus', condition: 'self-below-half', uses: { per: 'short-rest', count: 1 } })],
  })],
  [encounter('Wolves', [creature('Wolf', { count: 3, hp: 11, ac: 13, actions: [attackAction('Bite', [weapon(4, '2d4+2')])] })])],
);

describe('npm run explain', () => {
  const dir = mkdtempSync(join(tmpdir(), 'explain-'));
  const file = join(dir, 'wolves.json');
  writeFileSync(file, toScenarioFile('Wolves', spec));
  writeFileSync(join(dir, 'broken.json'), '{"format": "encounter-lab/scenario", "version": 1, "party": [');
  const run = (...args: string[]) => new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/explain.ts', ...args], { cwd: process.cwd(), timeout: 60_000 });
    let stdout = '', stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

  it('prints the ranked effects as JSON, the same as the explanation run here, and refuses bad input clearly', async () => {
    const [out, ...bad] = await Promise.all([
      run(file, '--seed', '4', '--runs', '2000', '--json'),
      run(join(dir, 'missing.json')),
      run(join(dir, 'broken.json')),
      run(file, '--precision', '-1'),
    ]);
    expect({ status: out.status, stderr: out.stderr }).toEqual({ status: 0, stderr: '' });
    const json = JSON.parse(out.stdout);
    expect(json).toMatchObject({ scenario: 'Wolves', seed: 4, commonRandomNumbers: true, pairing: PAIRING_NOTE, cap: 2000 });
    const here = await explain(spec, explainQuery(spec, { seed: 4, schedule: [1000, 2000] }).query, batchEvaluator(1, { runOutcomes: true }).evaluate);
    expect(json.effects.map((e: { variant: string }) => e.variant)).toEqual(here.effects.map((e) => e.variant.id));
    const first = json.effects[0];
    for (const path of ['rank', 'variant', 'change', 'victory.effect', 'victory.ci95', 'dies.effect', 'dies.ci95', 'runs']) expect(first).toHaveProperty(path);
    expect(first.victory.effect).toBeCloseTo(here.effects[0].victory.difference, 4);
    expect(json.effects.map((e: { change: string }) => e.change)).toContain('Fighter without Second Wind');
    expect(json.skipped).toEqual([]);

    expect(bad.map((o) => o.status)).toEqual([1, 1, 2]);
    expect(bad[0].stderr).toContain('explain: cannot read');
    expect(bad[1].stderr).toMatch(/^explain: .*broken\.json/);
    expect(bad[2].stderr).toContain('explain: --precision must be a number of percentage points above 0 and at most 100, got "-1"');
    expect(bad.filter((o) => /\n\s+at /.test(o.stderr))).toEqual([]);
  }, 120_000);
});

describe('the readable table', () => {
  it('ranks the changes with their intervals and says the pairs use common random numbers', async () => {
    const { query, skipped } = explainQuery(spec, { seed: 1, schedule: [1000] });
    const result = await explain(spec, query, batchEvaluator(1, { runOutcomes: true }).evaluate);
    const text = formatExplain(result, { scenarioName: 'Wolves', seed: 1, cap: 1000, precision: 0.01, workers: 1, skipped, elapsedMs: 1234 });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^What decides "Wolves": the party wins \d+\.\d% of days and someone dies in \d+\.\d% \(1,000 runs, seed 1\)\.$/);
    expect(lines[3]).toMatch(/^rank {2}change +victory +someone dies +runs$/);
    expect(lines[4]).toMatch(/^ {3}1 {2}\S.* [+-]?\d+\.\d \([+-]?\d+\.\d to [+-]?\d+\.\d\) +[+-]?\d+\.\d \(.* to .*\) +1,000/);
    expect(lines.filter((l) => /^ +\d+ {2}/.test(l))).toHaveLength(result.effects.length);
    expect(text).toContain('common random numbers');
    expect(text).toContain('in 1.23 s on 1 worker.');
  });
});
