import { readFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec } from '../../engine/index.ts';
import { canonicalJson, hashString, requestKey, toScenarioDocument, toScenarioFile } from './canonical.ts';
import { loadScenarioJson, loadScenarioText } from './load.ts';
import { minimalDocument } from './test-helpers.ts';

const referenceText = readFileSync(new URL('../../../scenarios/reference-fight.json', import.meta.url), 'utf8');
const settings = { seed: 1, runs: 10_000 };

/** The same value with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).reverse()) {
      // defineProperty, so that a "__proto__" key stays an ordinary key.
      Object.defineProperty(out, key, { value: reverseKeys((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** Every leaf of a JSON value with its path. */
function leaves(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [path];
}

function changedAt<T>(value: T, path: Array<string | number>): T {
  const copy = JSON.parse(JSON.stringify(value)) as T;
  let at = copy as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) at = at[seg] as Record<string | number, unknown>;
  const key = path[path.length - 1];
  const old = at[key];
  at[key] = typeof old === 'number' ? old + 1 : typeof old === 'boolean' ? !old : typeof old === 'string' ? `${old}x` : old === null ? '1d4' : 0;
  return copy;
}

describe('canonicalJson', () => {
  it('sorts keys at every level and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 'x y' }, null], c: { z: true, y: false } }))
      .toBe('{"a":[{"c":"x y","d":2},null],"b":1,"c":{"y":false,"z":true}}');
  });

  it('writes numbers and strings as JSON does', () => {
    expect(canonicalJson([1.5, -0, 1e21, 'é"\n', undefined, Infinity])).toBe('[1.5,0,1e+21,"é\\"\\n",null,null]');
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it('does not depend on key order', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      expect(canonicalJson(reverseKeys(v))).toBe(canonicalJson(v));
      expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
    }), { numRuns: 300 });
  });
});

/**
 * The hash as specified, written independently with BigInt arithmetic modulo 2^32 instead of
 * Math.imul and unsigned shifts, so the fast version is checked against its definition.
 */
function referenceHash(text: string): string {
  const M = (1n << 32n) - 1n;
  const mul = (a: bigint, b: bigint) => (a * b) & M;
  const fmix = (h: bigint) => {
    h ^= h >> 16n;
    h = mul(h, 0x85ebca6bn);
    h ^= h >> 13n;
    h = mul(h, 0xc2b2ae35n);
    return h ^ (h >> 16n);
  };
  const len = BigInt(text.length);
  let a = (0x9e3779b9n ^ len) & M;
  let b = mul(0x7f4a7c15n ^ len, 0x2545f491n);
  for (let i = 0; i < text.length; i++) {
    const c = BigInt(text.charCodeAt(i));
    a = mul(a ^ c, 0x01000193n);
    a ^= a >> 15n;
    b = mul((b + c + 0x3c6ef372n) & M, 0x5bd1e995n);
    b ^= b >> 13n;
  }
  const high = fmix(a ^ mul(b ^ (b >> 17n), 0x27d4eb2fn));
  const low = fmix(b ^ mul(high ^ len, 0x165667b1n));
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

describe('hashString', () => {
  it('matches its definition on any text, including astral and lone surrogate characters', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
      expect(hashString(s)).toBe(referenceHash(s));
    }), { numRuns: 500 });
  });

  it('is 16 hex digits and pinned: stored request keys must stay valid across releases', () => {
    expect(hashString('')).toBe('1d63de267a5cc467');
    expect(hashString('abc')).toBe('a75c9e21f89ebf9f');
    expect(hashString('encounter-lab')).toBe('9234b1b6f02576d1');
  });

  it('tells apart 200,000 different strings, including near-identical ones', () => {
    const seen = new Map<string, string>();
    const inputs: string[] = [];
    for (let i = 0; i < 100_000; i++) inputs.push(`{"hp":${i}}`);
    for (let i = 0; i < 50_000; i++) inputs.push('a'.repeat(i % 300) + String.fromCharCode(i));
    for (let i = 0; i < 50_000; i++) inputs.push(`${i}`.padStart(12, '0'));
    for (const s of inputs) {
      const h = hashString(s);
      const before = seen.get(h);
      if (before !== undefined && before !== s) throw new Error(`collision: ${JSON.stringify(before)} and ${JSON.stringify(s)}`);
      seen.set(h, s);
    }
    expect(seen.size).toBe(new Set(inputs).size);
  });

  it('changes about half of its 64 bits when one character changes', () => {
    const bits = (h: string) => BigInt(`0x${h}`);
    let total = 0;
    const n = 2000;
    for (let i = 0; i < n; i++) {
      const base = `scenario-${i}-${'x'.repeat(i % 50)}`;
      const flipped = base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) ^ 1);
      total += (bits(hashString(base)) ^ bits(hashString(flipped))).toString(2).split('1').length - 1;
    }
    const mean = total / n;
    expect(mean).toBeGreaterThan(29);
    expect(mean).toBeLessThan(35);
  });
});

describe('requestKey', () => {
  const spec = loadScenarioText(referenceText).spec;
  const key = requestKey(spec, settings, '1.0.0');

  it('is stable under key order', () => {
    expect(requestKey(reverseKeys(spec) as ScenarioSpec, { runs: 10_000, seed: 1 }, '1.0.0')).toBe(key);
  });

  it('ignores the scenario name and other display data beside the spec', () => {
    const renamed = loadScenarioJson({ ...JSON.parse(referenceText), name: 'Another name', run: { runs: 5 } });
    expect(requestKey(renamed.spec, settings, '1.0.0')).toBe(key);
    const withExtra = { ...spec, name: 'display only' } as ScenarioSpec;
    expect(requestKey(withExtra, settings, '1.0.0')).toBe(key);
  });

  it('changes with every value of the spec, the settings and the engine version', () => {
    const keys = new Set([key]);
    const paths = leaves(spec);
    expect(paths.length).toBeGreaterThan(200);
    for (const path of paths) {
      const k = requestKey(changedAt(spec, path), settings, '1.0.0');
      if (k === key) throw new Error(`changing ${path.join('.')} did not change the key`);
      keys.add(k);
    }
    expect(keys.size).toBe(paths.length + 1);
    expect(requestKey(spec, { seed: 2, runs: 10_000 }, '1.0.0')).not.toBe(key);
    expect(requestKey(spec, { seed: 1, runs: 10_001 }, '1.0.0')).not.toBe(key);
    expect(requestKey(spec, settings, '1.0.1')).not.toBe(key);
    // Swapping two creatures is a different scenario (names and order show in the results).
    const swapped = { ...spec, party: [spec.party[1], spec.party[0], ...spec.party.slice(2)] };
    expect(requestKey(swapped, settings, '1.0.0')).not.toBe(key);
  });
});

describe('export and import', () => {
  it('round-trips the reference fight to an equal spec, name and run settings', () => {
    const original = loadScenarioText(referenceText);
    const file = toScenarioFile(original.name, original.spec, original.run);
    const back = loadScenarioText(file, 'exported.json');
    expect(back.spec).toEqual(original.spec);
    expect(back.name).toBe('Reference fight: level-5 party vs orcs, gnolls, bugbear and ogre');
    expect(back.run).toEqual({ runs: 10_000, seed: 1 });
    expect(back.warnings).toEqual([]);
    expect(requestKey(back.spec, settings, '1.0.0')).toBe(requestKey(original.spec, settings, '1.0.0'));
  });

  it('writes the envelope and every field', () => {
    const loaded = loadScenarioJson(minimalDocument());
    const doc = toScenarioDocument('Minimal', loaded.spec);
    expect(doc.format).toBe('encounter-lab/scenario');
    expect(doc.version).toBe(1);
    expect(doc.name).toBe('Minimal');
    expect('run' in doc).toBe(false);
    expect(doc.party[0]).toEqual({
      name: 'Hero', count: 1, kind: 'character', hp: 20, hpFormula: null, rollHp: false, ac: 15, initiativeBonus: 0,
      initiativeAdvantage: false, saves: { str: 0, dex: 0, con: 0, int: 0, wis: 0, cha: 0 }, resistances: [], immunities: [],
      vulnerabilities: [], hitDice: null, conModifier: 0,
      actions: [{
        type: 'attack', name: 'Sword', slot: 'action', uses: { per: 'at-will' }, condition: 'always', targeting: 'lowest-hp',
        attacks: [{ toHit: 5, damage: '1d8+3', damageType: 'bludgeoning', count: 1, critOn: 20, reach: 'melee' }],
      }],
    });
    // The document is a copy: editing it leaves the spec alone.
    doc.party[0].hp = 1;
    expect(loaded.spec.party[0].hp).toBe(20);
  });

  it('round-trips a spec with every kind of action and option', () => {
    const doc = minimalDocument();
    doc.rules = { roundCap: 30, attackDowned: 'never', hitDicePolicy: 'to-full' };
    (doc.party as unknown[]).push({
      name: 'Everything', count: 2, kind: 'monster', hp: 30, hpFormula: '4d8+12', rollHp: true, ac: 14, initiativeBonus: -1,
      initiativeAdvantage: true, saves: { str: 1, dex: 2, con: 3, int: 4, wis: 5, cha: 6 }, resistances: ['fire', 'cold'],
      immunities: ['poison'], vulnerabilities: ['radiant'], hitDice: '4d8', conModifier: 3,
      actions: [
        { type: 'save', name: 'Breath', slot: 'action', uses: { per: 'recharge', min: 5 }, condition: 'enemy-count-multiple',
          targeting: 'random', dc: 13, ability: 'con', damage: '4d6', damageType: 'fire', onSuccess: 'none', targets: 4 },
        { type: 'heal', name: 'Shield of Faith', slot: 'bonus', uses: { per: 'short-rest', count: 2 }, condition: 'self-below-half',
          targeting: 'self', amount: '2d4+2', targets: 1, temporary: true },
        { type: 'attack', name: 'Claws', slot: 'action', uses: { per: 'encounter', count: 3 }, condition: 'ally-below-half',
          targeting: 'highest-damage', attacks: [
            { toHit: 6, damage: '2d6kh1+4', damageType: 'slashing', count: 2, critOn: 19, reach: 'melee' },
            { toHit: 6, damage: '1d8+4', damageType: 'piercing', count: 1, critOn: 20, reach: 'ranged' },
          ] },
      ],
    });
    (doc.encounters as Array<Record<string, unknown>>).push({ name: 'Second', enemies: [{ name: 'Ogre', hp: 59, ac: 11 }], shortRestBefore: true, surprise: 'party' });
    const original = loadScenarioJson(doc);
    const back = loadScenarioText(toScenarioFile('All', original.spec, { seed: 7 }));
    expect(back.spec).toEqual(original.spec);
    expect(back.run).toEqual({ seed: 7 });
    expect(back.spec.party[1].actions[2]).toEqual((doc.party as Array<{ actions: unknown[] }>)[1].actions[2]);
  });
});
