import { readFileSync, readdirSync } from 'node:fs';
import * as fc from 'fast-check';
import { deflate, gzip } from 'pako';
import { describe, expect, it } from 'vitest';
import { canonicalJson, toScenarioDocument } from './canonical.ts';
import { loadScenarioJson, loadScenarioText, type LoadedScenario } from './load.ts';
import { LIMITS } from './schema.ts';
import {
  MAX_INFLATED_BYTES, MAX_LINK_CHARS, base64UrlToBytes, bytesToBase64Url, decodeShareFragment, encodeShareFragment,
  groupDigits, linkLengthProblem, type DecodedShareLink,
} from './share-link.ts';
import { minimalDocument } from './test-helpers.ts';

const scenariosDir = new URL('../../../scenarios/', import.meta.url);
const builtIn = readdirSync(scenariosDir).filter((f) => f.endsWith('.json')).sort();

/** What the app would keep of a loaded scenario, written out with sorted keys. */
const canonical = (s: LoadedScenario) => canonicalJson(toScenarioDocument(s.name, s.spec, s.run));

/** A link whose payload is these bytes, exactly as the encoder would write them. */
const linkOf = (bytes: Uint8Array, rest = '') => `#s=${bytesToBase64Url(bytes)}${rest}`;
const linkOfText = (text: string, rest = '') => linkOf(deflate(new TextEncoder().encode(text)), rest);

function expectOk(result: DecodedShareLink): Extract<DecodedShareLink, { ok: true }> {
  if (!result.ok) throw new Error(`expected the link to open, got: ${result.error}`);
  return result;
}
function errorOf(result: DecodedShareLink): string {
  if (result.ok) throw new Error('expected the link to be refused, but it opened');
  return result.error;
}

/** Standard base64 from Node's own encoder, an independent reference for ours. */
const nodeBase64Url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

function battleSimSave() {
  return {
    players: [{
      id: 'p1', name: 'Hero, "the Bold"', hp: 30, AC: 16, saveBonus: 2,
      actions: [{
        id: 'a1', name: 'Sword', type: 'atk', actionSlot: 0, freq: { reset: 'recharge', cooldownRounds: 3 }, condition: 'default',
        targets: 1, dpr: '1d8+3', toHit: 5, target: 'enemy with least HP',
      }],
    }],
    encounters: [{ monsters: [{ id: 'm1', name: 'Orc', hp: 15, AC: 13, saveBonus: 0, actions: [] }] }],
  };
}

describe('base64url', () => {
  it('matches Node\'s encoder on every length 0..64 and on all byte values', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let n = 0; n <= 64; n++) {
      const bytes = all.subarray(256 - n);
      expect(bytesToBase64Url(bytes)).toBe(nodeBase64Url(bytes));
    }
    expect(bytesToBase64Url(all)).toBe(nodeBase64Url(all));
    expect(bytesToBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
  });

  it('round-trips arbitrary bytes and never pads', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const text = bytesToBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(text.length).toBe(Math.ceil((bytes.length * 4) / 3));
      const back = base64UrlToBytes(text);
      expect(back).toEqual({ ok: true, bytes });
    }));
  });

  it('refuses characters outside the alphabet and impossible lengths', () => {
    expect(base64UrlToBytes('ab+c')).toEqual({ ok: false, error: 'contains "+" at position 3, which base64url does not use' });
    expect(base64UrlToBytes('ab/c')).toEqual({ ok: false, error: 'contains "/" at position 3, which base64url does not use' });
    expect(base64UrlToBytes('abc=')).toEqual({ ok: false, error: 'contains "=" at position 4, which base64url does not use' });
    expect(base64UrlToBytes('a b')).toEqual({ ok: false, error: 'contains a space at position 2, which base64url does not use' });
    expect(base64UrlToBytes('a\u0000')).toEqual({ ok: false, error: 'contains a control character (code 0) at position 2, which base64url does not use' });
    expect(base64UrlToBytes('é')).toEqual({ ok: false, error: 'contains "é" at position 1, which base64url does not use' });
    expect(base64UrlToBytes('abcde')).toEqual({ ok: false, error: 'has 5 characters, a length no base64url encoding has (it looks cut off)' });
    expect(base64UrlToBytes('a')).toEqual({ ok: false, error: 'has 1 character, a length no base64url encoding has (it looks cut off)' });
    expect(base64UrlToBytes('')).toEqual({ ok: true, bytes: new Uint8Array(0) });
  });
});

describe('share links: round trips', () => {
  it.each(builtIn)('%s opens from its link as the same scenario', (file) => {
    const text = readFileSync(new URL(file, scenariosDir), 'utf8');
    const fromFile = loadScenarioText(text, file);
    const fragment = encodeShareFragment(JSON.parse(text));
    expect(fragment).toMatch(/^#s=[A-Za-z0-9_-]+$/);
    expect(fragment.length).toBeLessThan(MAX_LINK_CHARS / 10);
    const opened = expectOk(decodeShareFragment(fragment));
    expect(canonical(opened.scenario)).toBe(canonical(fromFile));
    expect(opened.scenario.spec).toEqual(fromFile.spec);
    expect(opened.scenario.source).toBe('encounter-lab');
    expect(opened.runs).toBeUndefined();
    expect(opened.seed).toBeUndefined();
    expect(opened.warnings).toEqual(fromFile.warnings);
  });

  it('a document exported from a loaded scenario round-trips too, and the same scenario gives the same link', () => {
    const text = readFileSync(new URL(builtIn[0], scenariosDir), 'utf8');
    const loaded = loadScenarioText(text);
    const doc = toScenarioDocument(loaded.name, loaded.spec, loaded.run);
    const fragment = encodeShareFragment(doc);
    expect(canonical(expectOk(decodeShareFragment(fragment)).scenario)).toBe(canonical(loaded));
    // Key order does not change the link: the JSON is written with sorted keys.
    const reversed = Object.fromEntries(Object.entries(doc).reverse());
    expect(encodeShareFragment(reversed)).toBe(fragment);
  });

  it('a BattleSim save round-trips through a link with its import warnings', () => {
    const save = battleSimSave();
    const direct = loadScenarioJson(save);
    const opened = expectOk(decodeShareFragment(encodeShareFragment(save, { runs: 2000, seed: 42 })));
    expect(opened.scenario.source).toBe('battlesim');
    expect(opened.scenario.spec).toEqual(direct.spec);
    expect(opened.scenario.spec.party[0].name).toBe('Hero, "the Bold"');
    expect(opened.runs).toBe(2000);
    expect(opened.seed).toBe(42);
    expect(opened.warnings).toContain('Hero, "the Bold": action "Sword" freq cooldown of 3 rounds is approximated as recharge 5-6 (on average one use every 3 rounds).');
    expect(opened.warnings).toEqual(direct.warnings);
  });

  it('carries runs and seed at their limits, and keeps the document\'s own run settings apart', () => {
    const doc = { ...minimalDocument(), run: { runs: 500, seed: 9 } };
    const fragment = encodeShareFragment(doc, { runs: LIMITS.runs.max, seed: LIMITS.seed.max });
    expect(fragment).toMatch(/&runs=100000000&seed=4294967295$/);
    const opened = expectOk(decodeShareFragment(fragment));
    expect(opened).toMatchObject({ runs: LIMITS.runs.max, seed: LIMITS.seed.max });
    expect(opened.scenario.run).toEqual({ runs: 500, seed: 9 });
    const low = expectOk(decodeShareFragment(encodeShareFragment(doc, { runs: LIMITS.runs.min, seed: LIMITS.seed.min })));
    expect(low).toMatchObject({ runs: 1, seed: 0 });
  });

  it('keeps non-ASCII text intact', () => {
    const doc = minimalDocument();
    doc.name = 'Gnolls \u{1F43A} à la carte \u00e6\u00f8\u00e5 \u4e2d\u6587';
    expect(expectOk(decodeShareFragment(encodeShareFragment(doc))).scenario.name).toBe(doc.name);
  });

  it('reads location.hash, a bare fragment, a whole pasted URL, and parameters in any order', () => {
    const fragment = encodeShareFragment(minimalDocument(), { runs: 10, seed: 3 });
    const payload = fragment.slice('#s='.length, fragment.indexOf('&'));
    for (const form of [
      fragment,
      fragment.slice(1),
      `https://example.org/encounter-lab/?x=1${fragment}`,
      `#seed=3&runs=10&s=${payload}`,
      `#s=${payload.slice(0, 10)}\n${payload.slice(10)}&runs=10&seed=3`,
    ]) {
      const opened = expectOk(decodeShareFragment(form));
      expect(opened.scenario.name).toBe('Minimal');
      expect(opened).toMatchObject({ runs: 10, seed: 3 });
    }
  });

  it('ignores unknown parameters with a warning', () => {
    const opened = expectOk(decodeShareFragment(`${encodeShareFragment(minimalDocument())}&theme=dark&flag&&utm_source=chat`));
    expect(opened.warnings).toEqual([
      'The link\'s parameter "theme" is not known and was ignored.',
      'The link\'s parameter "flag" is not known and was ignored.',
      'The link\'s parameter "utm_source" is not known and was ignored.',
    ]);
  });

  it('the encoder refuses settings and values a link cannot carry', () => {
    expect(() => encodeShareFragment(minimalDocument(), { runs: 0 })).toThrow('runs must be a whole number from 1 to 100000000, got 0');
    expect(() => encodeShareFragment(minimalDocument(), { seed: 1.5 })).toThrow('seed must be a whole number from 0 to 4294967295, got 1.5');
    expect(() => encodeShareFragment(undefined)).toThrow(TypeError);
  });
});

describe('share links: hostile and broken input', () => {
  const minimalPayload = () => encodeShareFragment(minimalDocument()).slice(3);

  it('something that is not a share link at all', () => {
    const message = 'This is not an Encounter Lab share link: it has no "s=" part holding a scenario.';
    expect(errorOf(decodeShareFragment(''))).toBe(message);
    expect(errorOf(decodeShareFragment('#'))).toBe(message);
    expect(errorOf(decodeShareFragment('#section-2'))).toBe(message);
    expect(errorOf(decodeShareFragment('https://example.org/page'))).toBe(message);
    expect(errorOf(decodeShareFragment('#s='))).toBe('The share link\'s "s=" part is empty: the link holds no scenario.');
    expect(errorOf(decodeShareFragment(`#s=${minimalPayload()}&s=${minimalPayload()}`))).toBe('The link gives "s" more than once, so it is unclear which to use.');
    expect(errorOf(decodeShareFragment(null as unknown as string))).toBe('This is not a share link: it is not text.');
  });

  it('a payload that is not base64url', () => {
    expect(errorOf(decodeShareFragment('#s=eJz$$$'))).toBe('The link\'s scenario data is not valid base64url: it contains "$" at position 4, which base64url does not use.');
    // Standard base64 with padding, as btoa would write it.
    expect(errorOf(decodeShareFragment('#s=eJw+/w=='))).toBe('The link\'s scenario data is not valid base64url: it contains "+" at position 4, which base64url does not use.');
    expect(errorOf(decodeShareFragment(`#s=${minimalPayload()}X`.slice(0, 3 + 4 * 5 + 1)))).toMatch(/^The link's scenario data is not valid base64url: it has 21 characters/);
  });

  it('random bytes that are not deflate data', () => {
    const random = Uint8Array.from({ length: 200 }, (_, i) => (i * 151 + 7) & 255);
    expect(errorOf(decodeShareFragment(linkOf(random)))).toMatch(/^The link's data is not compressed scenario data \(.+\); the link is damaged or was not made by Encounter Lab\.$/);
    expect(errorOf(decodeShareFragment(linkOf(new TextEncoder().encode('{"format":"encounter-lab/scenario"}')))))
      .toMatch(/^The link's data is not compressed scenario data/);
    // gzip is deflate in another wrapper, which links never use.
    expect(errorOf(decodeShareFragment(linkOf(gzip(JSON.stringify(minimalDocument())))))).toMatch(/^The link's data is not compressed scenario data/);
  });

  it('a payload cut off partway', () => {
    const payload = minimalPayload();
    const cut = payload.slice(0, payload.length - (payload.length % 4) - 8);
    expect(errorOf(decodeShareFragment(`#s=${cut}`))).toBe('The link\'s data is cut off before its end; the link was probably not copied completely.');
  });

  it('a decompression bomb: 50 MB of spaces is refused by its length, 40 MB while inflating', () => {
    const spaces = (mb: number) => deflate(new Uint8Array(mb * 1024 * 1024).fill(0x20), { level: 9 });
    const fifty = linkOf(spaces(50));
    expect(errorOf(decodeShareFragment(fifty))).toBe(
      `The link is ${groupDigits(fifty.length)} characters long; share links up to 65,536 characters can be opened. Share the scenario as a file instead.`);
    const forty = linkOf(spaces(40));
    expect(forty.length).toBeLessThan(MAX_LINK_CHARS);
    expect(errorOf(decodeShareFragment(forty))).toBe(
      'The link\'s scenario unpacks to more than 5 MB, the limit for a scenario, so it was not opened (a link this short cannot hold a real scenario that large).');
    // Just under the limit inflates in full and then fails on what it is, not on its size.
    const under = linkOf(deflate(new Uint8Array(MAX_INFLATED_BYTES).fill(0x20)));
    expect(errorOf(decodeShareFragment(under))).toMatch(/^The link's scenario is not valid JSON: /);
  });

  it('inflated bytes that are not UTF-8', () => {
    expect(errorOf(decodeShareFragment(linkOf(deflate(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))))))
      .toBe('The link\'s scenario is not UTF-8 text; the link is damaged or was not made by Encounter Lab.');
  });

  it('text that is not JSON, or nests too deep', () => {
    expect(errorOf(decodeShareFragment(linkOfText('hello')))).toMatch(/^The link's scenario is not valid JSON: .+\.$/);
    expect(errorOf(decodeShareFragment(linkOfText('{"name": "x",')))).toMatch(/^The link's scenario is not valid JSON: /);
    expect(errorOf(decodeShareFragment(linkOfText('['.repeat(10_000))))).toBe('The link\'s scenario nests deeper than 64 levels (at line 1, column 65).');
  });

  it('JSON that is not an importable scenario, with the loader\'s issue text', () => {
    expect(errorOf(decodeShareFragment(linkOfText('[1, 2, 3]')))).toBe(
      'The link does not hold a scenario that can be opened: it must be a JSON object (an Encounter Lab scenario or a BattleSim save), got a list');
    expect(errorOf(decodeShareFragment(linkOfText('{"title": "My notes"}')))).toBe(
      'The link does not hold a scenario that can be opened: it is neither an Encounter Lab scenario (no "format": "encounter-lab/scenario") nor a BattleSim save (no "players" with "encounters" or "timeline")');
    const badHp = minimalDocument();
    (badHp.party as Array<Record<string, unknown>>)[0].hp = 0;
    expect(errorOf(decodeShareFragment(encodeShareFragment(badHp)))).toBe(
      'The link does not hold a scenario that can be opened: party[0].hp: must be at least 1, got 0');
    const newer = { ...minimalDocument(), version: 99 };
    expect(errorOf(decodeShareFragment(encodeShareFragment(newer)))).toMatch(
      /^The link does not hold a scenario that can be opened: version: is 99: the file was written by a newer Encounter Lab/);
    expect(errorOf(decodeShareFragment(linkOfText('{"format":"encounter-lab/scenario","version":1,"__proto__":{"x":1}}')))).toMatch(
      /^The link does not hold a scenario that can be opened: .*"__proto__" is not allowed/);
  });

  it('runs and seed that are not whole numbers within the limits', () => {
    const base = encodeShareFragment(minimalDocument());
    const cases: Array<[string, string]> = [
      ['&runs=-1', 'The link\'s runs is "-1"; it must be a whole number from 1 to 100000000.'],
      ['&runs=0', 'The link\'s runs is 0; it must be a whole number from 1 to 100000000.'],
      ['&runs=100000001', 'The link\'s runs is 100000001; it must be a whole number from 1 to 100000000.'],
      ['&runs=1e3', 'The link\'s runs is "1e3"; it must be a whole number from 1 to 100000000.'],
      ['&runs=2.5', 'The link\'s runs is "2.5"; it must be a whole number from 1 to 100000000.'],
      ['&runs=', 'The link\'s runs is empty; it must be a whole number from 1 to 100000000.'],
      ['&seed=abc', 'The link\'s seed is "abc"; it must be a whole number from 0 to 4294967295.'],
      ['&seed=4294967296', 'The link\'s seed is 4294967296; it must be a whole number from 0 to 4294967295.'],
      ['&seed=99999999999999999999999999', 'The link\'s seed is 99999999999999999999999999; it must be a whole number from 0 to 4294967295.'],
      ['&seed=%201', 'The link\'s seed is "%201"; it must be a whole number from 0 to 4294967295.'],
      ['&seed=1&seed=2', 'The link gives "seed" more than once, so it is unclear which to use.'],
    ];
    for (const [rest, message] of cases) expect([rest, errorOf(decodeShareFragment(base + rest))]).toEqual([rest, message]);
  });

  it('a huge fragment is refused by its length before any decoding', () => {
    const huge = `#s=${'A'.repeat(MAX_LINK_CHARS)}`;
    expect(errorOf(decodeShareFragment(huge))).toBe(
      'The link is 65,539 characters long; share links up to 65,536 characters can be opened. Share the scenario as a file instead.');
    expect(errorOf(decodeShareFragment('x'.repeat(10_000_000)))).toMatch(/^The link is 10,000,000 characters long;/);
    // Exactly at the limit is read (and then fails on its content, not its length).
    expect(errorOf(decodeShareFragment(huge.slice(0, MAX_LINK_CHARS)))).not.toMatch(/characters long/);
  });

  it('linkLengthProblem and groupDigits', () => {
    expect(linkLengthProblem(MAX_LINK_CHARS)).toBeNull();
    expect(linkLengthProblem(0)).toBeNull();
    expect(linkLengthProblem(Number.NaN)).toMatch(/^The link is of unknown length;/);
    expect([0, 7, 999, 1000, 65536, 1234567, -1234].map(groupDigits)).toEqual(['0', '7', '999', '1,000', '65,536', '1,234,567', '-1,234']);
  });
});

describe('share links: properties', () => {
  it('decodeShareFragment never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      const result = decodeShareFragment(text);
      expect(typeof (result.ok ? result.scenario.name : result.error)).toBe('string');
    }), { numRuns: 500 });
  });

  it('never throws on link-shaped text, random payload bytes or damaged real links', () => {
    const alphabet = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=&#+/'.split(''));
    const real = encodeShareFragment(minimalDocument(), { runs: 5, seed: 1 });
    fc.assert(fc.property(
      fc.oneof(
        fc.string({ unit: alphabet, maxLength: 300 }).map((s) => `#s=${s}`),
        fc.uint8Array({ maxLength: 300 }).map((b) => linkOf(b)),
        fc.uint8Array({ maxLength: 300 }).map((b) => linkOf(deflate(b))),
        fc.tuple(fc.nat(real.length - 1), fc.integer({ min: 0, max: 63 })).map(([at, c]) =>
          real.slice(0, at) + 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[c] + real.slice(at + 1)),
        fc.json().map((json) => linkOfText(json)),
      ),
      (text) => {
        const result = decodeShareFragment(text);
        const evidence = result.ok ? result.scenario.spec.party.length : result.error.length;
        expect(evidence).toBeGreaterThan(0);
      },
    ), { numRuns: 300 });
  });
});
