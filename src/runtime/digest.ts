// A short fingerprint of an aggregate, so two aggregates can be compared at a glance (in the UI,
// in end-to-end tests against a Node run): FNV-1a over canonical JSON with sorted keys.
import type { Aggregate } from '../engine/index.ts';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function aggregateDigest(agg: Aggregate): string {
  const text = canonical(agg);
  // Two independent 32-bit FNV-1a lanes make a 64-bit fingerprint.
  let h1 = 0x811c9dc5, h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193 + 0x2f0);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
