// Share links carry a whole scenario in the URL fragment, so sharing needs no server and the
// scenario never leaves the browser in a request (fragments are not sent to servers). A link is
// `#s=<payload>[&runs=N][&seed=S]`, the payload being base64url (no padding) of the zlib-deflated
// UTF-8 JSON of any file the app can open. Decoding treats the link as hostile outside input: it
// never throws, caps every size before the work that size would cost, and ends in the same loading
// pipeline as files, so a link can do nothing a file could not.

import { Inflate, deflate } from 'pako';
import { canonicalJson } from './canonical.ts';
import { ScenarioError, clip, errorText } from './errors.ts';
import { loadScenarioJson, type LoadedScenario } from './load.ts';
import { MAX_TEXT_BYTES, checkTextDepth } from './safety.ts';
import { LIMITS } from './schema.ts';

/**
 * Longest fragment accepted. Browsers keep far longer URLs, but chat apps and mail clients cut
 * or refuse long links, and anything past this is better shared as a file. The three built-in
 * scenarios need well under a tenth of it.
 */
export const MAX_LINK_CHARS = 64 * 1024;

/**
 * Inflated JSON larger than this is refused while inflating, so a few kilobytes of crafted
 * deflate data cannot make the page allocate gigabytes. It is the loader's own limit for text,
 * so a link can hold anything a file can and nothing more.
 */
export const MAX_INFLATED_BYTES = MAX_TEXT_BYTES;

const PARAM_PAYLOAD = 's';
const ORIGIN = 'link';

export interface ShareOptions {
  runs?: number;
  seed?: number;
}

/**
 * On success, `runs` and `seed` are the link's own parameters (the scenario's `run` settings are in
 * `scenario.run`), and `warnings` lists the link's warnings followed by `scenario.warnings`, so one
 * list can be shown.
 */
export type DecodedShareLink =
  | { ok: true; scenario: LoadedScenario; runs?: number; seed?: number; warnings: string[] }
  | { ok: false; error: string };

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE_TABLE: Int16Array = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/**
 * Base64url without padding (RFC 4648 section 5). Written out rather than built on btoa, which
 * takes a "binary string" of Latin-1 characters and is easy to misuse with real bytes.
 */
export function bytesToBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >>> 18] + ALPHABET[(n >>> 12) & 63] + ALPHABET[(n >>> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[n >>> 18] + ALPHABET[(n >>> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[n >>> 18] + ALPHABET[(n >>> 12) & 63] + ALPHABET[(n >>> 6) & 63];
  }
  return out;
}

export type Base64UrlResult = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/** Strict base64url: only the 64 letters, no padding, and a length a real encoding can have. */
export function base64UrlToBytes(text: string): Base64UrlResult {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || DECODE_TABLE[c] < 0) {
      return { ok: false, error: `contains ${describeChar(text, i)} at position ${i + 1}, which base64url does not use` };
    }
  }
  // Four letters carry three bytes; a single letter left over carries only 6 bits, not a byte.
  if (text.length % 4 === 1) return { ok: false, error: `has ${text.length} character${text.length === 1 ? '' : 's'}, a length no base64url encoding has (it looks cut off)` };
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let i = 0;
  for (; i + 3 < text.length; i += 4) {
    const n = (DECODE_TABLE[text.charCodeAt(i)] << 18) | (DECODE_TABLE[text.charCodeAt(i + 1)] << 12)
      | (DECODE_TABLE[text.charCodeAt(i + 2)] << 6) | DECODE_TABLE[text.charCodeAt(i + 3)];
    bytes[o++] = n >>> 16;
    bytes[o++] = (n >>> 8) & 255;
    bytes[o++] = n & 255;
  }
  const rest = text.length - i;
  if (rest >= 2) {
    const n = (DECODE_TABLE[text.charCodeAt(i)] << 18) | (DECODE_TABLE[text.charCodeAt(i + 1)] << 12)
      | (rest === 3 ? DECODE_TABLE[text.charCodeAt(i + 2)] << 6 : 0);
    bytes[o++] = n >>> 16;
    if (rest === 3) bytes[o++] = (n >>> 8) & 255;
  }
  return { ok: true, bytes };
}

function describeChar(text: string, index: number): string {
  const c = text.charCodeAt(index);
  if (c === 0x20) return 'a space';
  if (c < 0x20 || c === 0x7f) return `a control character (code ${c})`;
  const point = text.codePointAt(index) ?? c;
  return `"${String.fromCodePoint(point)}"`;
}

function checkRunSetting(name: 'runs' | 'seed', value: number | undefined): void {
  if (value === undefined) return;
  const { min, max } = LIMITS[name];
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`encodeShareFragment: ${name} must be a whole number from ${min} to ${max}, got ${String(value)}`);
  }
}

/**
 * The fragment (starting with `#s=`) of a link that opens `document`: any value the app can open
 * as a file, normally a ScenarioDocument from toScenarioDocument or a BattleSim save. Keys are
 * sorted first, so the same scenario always gives the same link. The result can be longer than
 * MAX_LINK_CHARS, which decodeShareFragment refuses: check it with checkTextSize('link', ...)
 * before offering the link. Throws only for what is the caller's bug: a value JSON cannot hold,
 * or runs or seed outside the scenario format's limits.
 */
export function encodeShareFragment(document: unknown, opts: ShareOptions = {}): string {
  checkRunSetting('runs', opts.runs);
  checkRunSetting('seed', opts.seed);
  if (document === undefined || typeof document === 'function' || typeof document === 'symbol') {
    throw new TypeError(`encodeShareFragment: a ${typeof document} has no JSON form`);
  }
  const compressed = deflate(new TextEncoder().encode(canonicalJson(document)), { level: 9 });
  let fragment = `#${PARAM_PAYLOAD}=${bytesToBase64Url(compressed)}`;
  if (opts.runs !== undefined) fragment += `&runs=${opts.runs}`;
  if (opts.seed !== undefined) fragment += `&seed=${opts.seed}`;
  return fragment;
}

/** Digit groups written out, so messages read the same in every locale and in tests. */
export function groupDigits(n: number): string {
  const text = String(Math.trunc(n));
  const sign = text.startsWith('-') ? '-' : '';
  return sign + text.slice(sign.length).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The message for a link of `chars` characters that is too long to open, or null. */
export function linkLengthProblem(chars: number): string | null {
  if (chars <= MAX_LINK_CHARS) return null;
  const shown = Number.isFinite(chars) ? `${groupDigits(chars)} characters long` : 'of unknown length';
  return `The link is ${shown}; share links up to ${groupDigits(MAX_LINK_CHARS)} characters can be opened. Share the scenario as a file instead.`;
}

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** Thrown from inside pako's output callback: the only way to stop an inflate midway. */
class InflateLimitReached extends Error {}

type InflateResult = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

function inflateCapped(data: Uint8Array): InflateResult {
  // windowBits 15 accepts the zlib wrapper only; pako would otherwise also take gzip.
  const inflator = new Inflate({ windowBits: 15, chunkSize: 64 * 1024 });
  const chunks: Uint8Array[] = [];
  let total = 0;
  inflator.onData = (chunk) => {
    total += chunk.length;
    if (total > MAX_INFLATED_BYTES) throw new InflateLimitReached();
    chunks.push(chunk);
  };
  try {
    inflator.push(data, true);
  } catch (e) {
    if (e instanceof InflateLimitReached) {
      return fail(`The link's scenario unpacks to more than ${MAX_INFLATED_BYTES / (1024 * 1024)} MB, the limit for a scenario, so it was not opened (a link this short cannot hold a real scenario that large).`);
    }
    return fail(`The link's data could not be unpacked (${clip(errorText(e), 120)}).`);
  }
  if (inflator.err !== 0) {
    // Z_BUF_ERROR: the input ran out before the compressed stream ended.
    if (inflator.err === -5) return fail('The link\'s data is cut off before its end; the link was probably not copied completely.');
    const reason = inflator.msg ? ` (${clip(inflator.msg, 80)})` : '';
    return fail(`The link's data is not compressed scenario data${reason}; the link is damaged or was not made by Encounter Lab.`);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { ok: true, bytes };
}

interface Params {
  payload?: string;
  runs?: string;
  seed?: string;
  warnings: string[];
}

/** Splits `s=...&runs=...`; an unknown parameter is a warning, a repeated known one an error. */
function parseParams(fragment: string): Params | { error: string } {
  const params: Params = { warnings: [] };
  for (const part of fragment.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    const field = key === PARAM_PAYLOAD ? 'payload' : key === 'runs' || key === 'seed' ? key : null;
    if (field === null) {
      if (params.warnings.length < 10) params.warnings.push(`The link's parameter ${JSON.stringify(clip(key, 40))} is not known and was ignored.`);
      continue;
    }
    if (params[field] !== undefined) return { error: `The link gives "${key}" more than once, so it is unclear which to use.` };
    params[field] = value;
  }
  return params;
}

function parseWholeNumber(name: 'runs' | 'seed', text: string): number | { error: string } {
  const { min, max } = LIMITS[name];
  const expected = `it must be a whole number from ${min} to ${max}`;
  // Digits only: "1e3", "0x10", " 5" or "+5" would each be a number to Number(), not to a person.
  if (!/^[0-9]+$/.test(text)) {
    const shown = text === '' ? 'empty' : JSON.stringify(clip(text, 40));
    return { error: `The link's ${name} is ${shown}; ${expected}.` };
  }
  const value = Number(text);
  if (value < min || value > max) return { error: `The link's ${name} is ${clip(text, 40)}; ${expected}.` };
  return value;
}

/** The fragment part of a hash, a bare `s=...`, or a whole pasted URL. */
function fragmentOf(hash: string): string {
  if (hash.startsWith('#')) return hash.slice(1);
  const at = hash.indexOf('#');
  return at >= 0 ? hash.slice(at + 1) : hash;
}

/**
 * Reads a share link's fragment (`location.hash`, the fragment without `#`, or a whole pasted
 * URL) back into a loaded scenario and its run settings. Never throws: every failure is an
 * `{ ok: false }` whose message says what is wrong with the link.
 */
export function decodeShareFragment(hash: string): DecodedShareLink {
  try {
    return decode(hash);
  } catch (e) {
    // Nothing above should throw; this keeps the promise if something still does.
    return fail(`The link could not be read because of an unexpected error (${clip(errorText(e), 200)}).`);
  }
}

function decode(hash: string): DecodedShareLink {
  if (typeof hash !== 'string') return fail('This is not a share link: it is not text.');
  const tooLong = linkLengthProblem(hash.length);
  if (tooLong) return fail(tooLong);
  const fragment = fragmentOf(hash);
  const params = parseParams(fragment);
  if ('error' in params) return fail(params.error);
  if (params.payload === undefined) {
    return fail('This is not an Encounter Lab share link: it has no "s=" part holding a scenario.');
  }
  // Mail clients wrap long links; whitespace is never part of base64url, so it is safe to drop.
  const payload = params.payload.replace(/[ \t\r\n]+/g, '');
  if (payload === '') return fail('The share link\'s "s=" part is empty: the link holds no scenario.');

  let runs: number | undefined;
  let seed: number | undefined;
  if (params.runs !== undefined) {
    const parsed = parseWholeNumber('runs', params.runs);
    if (typeof parsed !== 'number') return fail(parsed.error);
    runs = parsed;
  }
  if (params.seed !== undefined) {
    const parsed = parseWholeNumber('seed', params.seed);
    if (typeof parsed !== 'number') return fail(parsed.error);
    seed = parsed;
  }

  const decoded = base64UrlToBytes(payload);
  if (!decoded.ok) return fail(`The link's scenario data is not valid base64url: it ${decoded.error}.`);
  const inflated = inflateCapped(decoded.bytes);
  if (!inflated.ok) return inflated;

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
  } catch {
    return fail('The link\'s scenario is not UTF-8 text; the link is damaged or was not made by Encounter Lab.');
  }
  try {
    checkTextDepth(text, ORIGIN);
  } catch (e) {
    const problem = e instanceof ScenarioError ? e.issues[0]?.message ?? e.message : errorText(e);
    return fail(`The link's scenario ${clip(problem, 200)}.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fail(`The link's scenario is not valid JSON: ${clip(errorText(e), 200)}.`);
  }

  let scenario: LoadedScenario;
  try {
    scenario = loadScenarioJson(value, ORIGIN);
  } catch (e) {
    return fail(`The link does not hold a scenario that can be opened: ${loaderProblem(e)}`);
  }

  const warnings = [...params.warnings, ...scenario.warnings];
  const result: DecodedShareLink = { ok: true, scenario, warnings };
  if (runs !== undefined) result.runs = runs;
  if (seed !== undefined) result.seed = seed;
  return result;
}

/** The loader's message without its origin prefix, worded to follow "...can be opened: ". */
function loaderProblem(e: unknown): string {
  const message = errorText(e);
  const prefix = `${ORIGIN}: `;
  const detail = clip(message.startsWith(prefix) ? message.slice(prefix.length) : message, 400);
  // An issue about the whole input is worded as a predicate ("is neither ..."): give it a subject.
  const whole = e instanceof ScenarioError && (e.issues[0]?.path ?? '') === '';
  return whole ? `it ${detail}` : detail;
}
