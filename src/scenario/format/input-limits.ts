// The size limits of what a user can hand the UI, in one place, so the file picker, the paste box
// and the link reader refuse oversized input up front with one consistent message instead of
// reading it first. They are derived from the loader's own limit (MAX_TEXT_BYTES), so anything
// these checks let through is never refused for its size later, and vice versa for plain text.

import { clip } from './errors.ts';
import { MAX_TEXT_BYTES } from './safety.ts';
import { MAX_LINK_CHARS, groupDigits, linkLengthProblem } from './share-link.ts';

export { MAX_LINK_CHARS };

/**
 * Largest scenario or monster file the picker opens, in bytes (File.size). Equal to the loader's
 * text limit and to the monster importer's (IMPORT_LIMIT_BYTES, checked equal by a test), so a
 * file is never accepted here and then refused there for its size.
 */
export const MAX_FILE_BYTES = MAX_TEXT_BYTES;

/**
 * Longest pasted text, in UTF-16 characters (what a text field reports). The same number as the
 * file limit, so whatever can be opened as a file can also be pasted; text beyond ASCII takes
 * more than one byte a character, and the loader's byte limit still decides for that.
 */
export const MAX_PASTE_CHARS = MAX_FILE_BYTES;

export type InputKind = 'file' | 'paste' | 'link';

const MB = 1024 * 1024;

function megabytes(bytes: number): string {
  const value = bytes / MB;
  if (Number.isInteger(value)) return `${groupDigits(value)} MB`;
  const [whole, fraction] = value.toFixed(1).split('.');
  return `${groupDigits(Number(whole))}.${fraction} MB`;
}

/**
 * Null when input of this kind and size can be read, else the message to show. `size` is bytes
 * for a file and characters for pasted text and links; `name` is the file's name, if known.
 */
export function checkTextSize(kind: InputKind, size: number, name?: string): string | null {
  if (kind === 'link') return linkLengthProblem(size);
  const limit = kind === 'file' ? MAX_FILE_BYTES : MAX_PASTE_CHARS;
  const subject = kind === 'file'
    ? (name ? `The file ${JSON.stringify(clip(name, 80))}` : 'The file')
    : 'The pasted text';
  if (!Number.isFinite(size) || size < 0) return `${subject} has a size that could not be read, so it was not opened.`;
  if (size <= limit) return null;
  if (kind === 'paste') {
    return `${subject} is ${groupDigits(size)} characters long; up to ${groupDigits(limit)} characters can be pasted.`;
  }
  const shown = megabytes(size);
  // "5.0 MB; files up to 5 MB" would read as a contradiction: just over the limit, show bytes.
  if (Number.parseFloat(shown.replace(/,/g, '')) <= limit / MB) {
    return `${subject} is ${groupDigits(size)} bytes; files up to ${megabytes(limit)} (${groupDigits(limit)} bytes) can be opened.`;
  }
  return `${subject} is ${shown}; files up to ${megabytes(limit)} can be opened.`;
}
