import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, MAX_LINK_CHARS, MAX_PASTE_CHARS, checkTextSize } from './input-limits.ts';
import { loadScenarioText } from './load.ts';
import { IMPORT_LIMIT_BYTES } from '../interop/monster-import.ts';
import { MAX_TEXT_BYTES } from './safety.ts';
import { MAX_LINK_CHARS as SHARE_MAX_LINK_CHARS, decodeShareFragment } from './share-link.ts';
import { scenarioError } from './test-helpers.ts';

const MB = 1024 * 1024;

describe('input limits', () => {
  it('agree with the loader, the monster importer and the link reader', () => {
    expect(MAX_FILE_BYTES).toBe(5 * MB);
    expect(MAX_FILE_BYTES).toBe(MAX_TEXT_BYTES);
    expect(MAX_FILE_BYTES).toBe(IMPORT_LIMIT_BYTES);
    expect(MAX_PASTE_CHARS).toBe(5 * MB);
    expect(MAX_LINK_CHARS).toBe(SHARE_MAX_LINK_CHARS);
    expect(MAX_LINK_CHARS).toBe(65_536);
  });

  it('text at the paste limit passes the loader\'s size check; one more byte does not', () => {
    // Spaces then "{}" is valid JSON of exactly the given length, and fails only on its content.
    const text = (n: number) => `${' '.repeat(n - 2)}{}`;
    expect(checkTextSize('paste', MAX_PASTE_CHARS)).toBeNull();
    expect(scenarioError(() => loadScenarioText(text(MAX_PASTE_CHARS))).message).not.toMatch(/limit/);
    expect(checkTextSize('paste', MAX_PASTE_CHARS + 1)).not.toBeNull();
    expect(scenarioError(() => loadScenarioText(text(MAX_PASTE_CHARS + 1))).message).toBe('input: is 5.0 MB, over the 5.0 MB limit for a scenario');
  });

  it('accepts sizes up to each limit', () => {
    for (const size of [0, 1, 1000, MAX_FILE_BYTES]) expect(checkTextSize('file', size, 'a.json')).toBeNull();
    for (const size of [0, MAX_PASTE_CHARS]) expect(checkTextSize('paste', size)).toBeNull();
    for (const size of [0, MAX_LINK_CHARS]) expect(checkTextSize('link', size)).toBeNull();
  });

  it('names the file, its size and the limit', () => {
    expect(checkTextSize('file', Math.round(12.3 * MB), 'x.json')).toBe('The file "x.json" is 12.3 MB; files up to 5 MB can be opened.');
    expect(checkTextSize('file', 6 * MB)).toBe('The file is 6 MB; files up to 5 MB can be opened.');
    expect(checkTextSize('file', 2 ** 40, 'huge.json')).toBe('The file "huge.json" is 1,048,576 MB; files up to 5 MB can be opened.');
    expect(checkTextSize('file', 7 * MB, 'my "party", final.json')).toBe('The file "my \\"party\\", final.json" is 7 MB; files up to 5 MB can be opened.');
    expect(checkTextSize('file', 6 * MB, `${'n'.repeat(200)}.json`)).toBe(`The file "${'n'.repeat(77)}..." is 6 MB; files up to 5 MB can be opened.`);
  });

  it('shows bytes when the size in MB would round to the limit itself', () => {
    expect(checkTextSize('file', MAX_FILE_BYTES + 1, 'a.json'))
      .toBe('The file "a.json" is 5,242,881 bytes; files up to 5 MB (5,242,880 bytes) can be opened.');
    // 5.04 MB would show as "5.0 MB", so bytes again.
    expect(checkTextSize('file', Math.round(5.04 * MB))).toBe('The file is 5,284,823 bytes; files up to 5 MB (5,242,880 bytes) can be opened.');
    expect(checkTextSize('file', Math.round(5.1 * MB))).toBe('The file is 5.1 MB; files up to 5 MB can be opened.');
    expect(checkTextSize('file', Math.round(1234.56 * MB))).toBe('The file is 1,234.6 MB; files up to 5 MB can be opened.');
  });

  it('pasted text and links are measured in characters', () => {
    expect(checkTextSize('paste', 6_000_000)).toBe('The pasted text is 6,000,000 characters long; up to 5,242,880 characters can be pasted.');
    expect(checkTextSize('link', 70_000)).toBe('The link is 70,000 characters long; share links up to 65,536 characters can be opened. Share the scenario as a file instead.');
    // The same words as the link reader itself uses.
    const decoded = decodeShareFragment(`#s=${'A'.repeat(69_997)}`);
    expect(decoded.ok ? '' : decoded.error).toBe(checkTextSize('link', 70_000));
  });

  it('refuses a size that is not a size', () => {
    expect(checkTextSize('file', Number.NaN, 'a.json')).toBe('The file "a.json" has a size that could not be read, so it was not opened.');
    expect(checkTextSize('file', -1)).toBe('The file has a size that could not be read, so it was not opened.');
    expect(checkTextSize('paste', Number.POSITIVE_INFINITY)).toBe('The pasted text has a size that could not be read, so it was not opened.');
    expect(checkTextSize('link', Number.NaN)).toMatch(/^The link is of unknown length;/);
  });
});
