// The safety pass that every outside value goes through before anything reads it: size, nesting
// depth, keys that could reach object prototypes, and values JSON cannot hold. It copies the input
// into fresh plain objects with an explicit stack (no recursion, so a 10,000-deep input cannot
// overflow the call stack), which also detaches it from whatever the caller keeps mutating.

import { ScenarioError, clip, formatPath } from './errors.ts';

export const MAX_TEXT_BYTES = 5 * 1024 * 1024;
export const MAX_DEPTH = 64;
/** More values than a 5 MB JSON text can hold: only reached by objects sharing references. */
const MAX_VALUES = 3_000_000;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** UTF-8 size without allocating an encoded copy. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export function checkTextSize(text: string, origin: string): void {
  // Every UTF-16 unit is at most 3 UTF-8 bytes: short texts need no exact count.
  if (text.length * 3 <= MAX_TEXT_BYTES) return;
  const bytes = text.length > MAX_TEXT_BYTES ? text.length : utf8Length(text);
  if (bytes > MAX_TEXT_BYTES) {
    throw ScenarioError.at(origin, '', `is ${megabytes(bytes)}, over the ${megabytes(MAX_TEXT_BYTES)} limit for a scenario`);
  }
}

/**
 * Finds nesting deeper than MAX_DEPTH in JSON text before it is parsed, so no parser recursion
 * is ever asked to go that deep. Brackets inside strings do not count.
 */
export function checkTextDepth(text: string, origin: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_DEPTH) {
        const before = text.slice(0, i);
        const line = before.split('\n').length;
        const column = i - before.lastIndexOf('\n');
        throw ScenarioError.at(origin, '', `nests deeper than ${MAX_DEPTH} levels (at line ${line}, column ${column})`);
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

interface Container {
  src: object;
  dst: Record<string, unknown> | unknown[];
  depth: number;
  parent: Container | null;
  key: string | number;
}

function pathOf(node: Container | null, last?: string | number): string {
  if (node === null) return '';
  const segments: Array<string | number> = [];
  if (last !== undefined) segments.push(last);
  for (let n = node; n && n.parent; n = n.parent) segments.push(n.key);
  return formatPath(segments.reverse());
}

function describeObject(value: object): string {
  const proto: unknown = Object.getPrototypeOf(value);
  const ctor = proto && typeof proto === 'object' ? (proto as { constructor?: { name?: unknown } }).constructor : undefined;
  const name = ctor && typeof ctor.name === 'string' && ctor.name ? ctor.name : 'special object';
  return `is a ${clip(name, 40)}, not plain JSON data`;
}

/**
 * Returns a fresh copy made of plain objects, arrays, strings, finite numbers, booleans and null,
 * or throws a ScenarioError naming the path of the first value that is refused.
 */
export function sanitizeJson(root: unknown, origin: string): unknown {
  let values = 0;
  let bytes = 0;
  const stack: Container[] = [];

  const take = (value: unknown, parent: Container | null, key: string | number): unknown => {
    if (++values > MAX_VALUES) throw ScenarioError.at(origin, pathOf(parent, key), `holds more than ${MAX_VALUES} values`);
    if (value === null || typeof value === 'boolean') return value;
    if (typeof value === 'string') {
      bytes += value.length;
      if (bytes > MAX_TEXT_BYTES) throw ScenarioError.at(origin, '', `is larger than the ${megabytes(MAX_TEXT_BYTES)} limit for a scenario`);
      return value;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw ScenarioError.at(origin, pathOf(parent, key), `is ${String(value)}, not a finite number`);
      return value;
    }
    if (typeof value === 'object') {
      const depth = (parent?.depth ?? 0) + 1;
      if (depth > MAX_DEPTH) throw ScenarioError.at(origin, pathOf(parent, key), `nests deeper than ${MAX_DEPTH} levels`);
      const isArray = Array.isArray(value);
      if (!isArray) {
        const proto: unknown = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) throw ScenarioError.at(origin, pathOf(parent, key), describeObject(value));
      }
      const node: Container = { src: value, dst: isArray ? [] : {}, depth, parent, key };
      stack.push(node);
      return node.dst;
    }
    const what = value === undefined ? 'undefined' : `a ${typeof value}`;
    throw ScenarioError.at(origin, pathOf(parent, key), `is ${what}, which JSON cannot hold`);
  };

  const result = take(root, null, '');
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (Array.isArray(node.src)) {
      const src = node.src as unknown[];
      const dst = node.dst as unknown[];
      for (let i = 0; i < src.length; i++) dst.push(take(src[i], node, i));
    } else {
      const src = node.src as Record<string, unknown>;
      const dst = node.dst as Record<string, unknown>;
      for (const key of Object.keys(src)) {
        if (FORBIDDEN_KEYS.has(key)) {
          throw ScenarioError.at(origin, pathOf(node, key), `the key "${key}" is not allowed in a scenario (it could alter object prototypes)`);
        }
        bytes += key.length;
        const value = src[key];
        // As in JSON.stringify, a property set to undefined is left out.
        if (value === undefined) continue;
        dst[key] = take(value, node, key);
      }
    }
  }
  return result;
}
