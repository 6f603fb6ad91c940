// Stored blobs: a small versioned header, then the deflated UTF-8 JSON of the payload. A blob
// that is not ours, comes from an unknown format version, fails to inflate or fails its checksum
// is refused with a reason, so a damaged record is reported and skipped, never trusted.
//
// Layout (little-endian):
//   0  4  magic "ELAB"
//   4  2  format version
//   6  1  codec (1 = zlib deflate)
//   7  1  length L of the engine version text
//   8  L  engine version (UTF-8)
//   .  4  raw (uncompressed) size in bytes
//   .  4  CRC-32 of the raw bytes
//   .  *  compressed payload

import { deflate, inflate } from 'pako';

export const BLOB_FORMAT_VERSION = 1;
const MAGIC = [0x45, 0x4c, 0x41, 0x42]; // "ELAB"
const CODEC_DEFLATE = 1;
/** Refuse to inflate anything claiming to be larger than this. */
const MAX_RAW_BYTES = 256 * 1024 * 1024;

export class BlobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BlobError';
  }
}

export interface BlobInfo {
  formatVersion: number;
  engineVersion: string;
  rawBytes: number;
  storedBytes: number;
}

let crcTable: Uint32Array | null = null;

export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function encodeBlob(payload: unknown, engineVersion: string): Uint8Array {
  const raw = new TextEncoder().encode(JSON.stringify(payload));
  const version = new TextEncoder().encode(engineVersion);
  if (version.length > 255) throw new BlobError('engine version text is too long for the blob header');
  const body = deflate(raw, { level: 6 });
  const out = new Uint8Array(8 + version.length + 8 + body.length);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint16(4, BLOB_FORMAT_VERSION, true);
  out[6] = CODEC_DEFLATE;
  out[7] = version.length;
  out.set(version, 8);
  let at = 8 + version.length;
  view.setUint32(at, raw.length, true);
  view.setUint32(at + 4, crc32(raw), true);
  at += 8;
  out.set(body, at);
  return out;
}

/** Reads the header only: cheap, for listings and the storage panel. */
export function readBlobInfo(blob: Uint8Array): BlobInfo {
  if (!(blob instanceof Uint8Array) || blob.length < 16) throw new BlobError('the stored record is too short to be a result');
  for (let i = 0; i < 4; i++) if (blob[i] !== MAGIC[i]) throw new BlobError('the stored record is not an Encounter Lab result');
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const formatVersion = view.getUint16(4, true);
  if (formatVersion !== BLOB_FORMAT_VERSION) {
    throw new BlobError(`the stored record has format version ${formatVersion}, which this version of the app cannot read (it reads version ${BLOB_FORMAT_VERSION})`);
  }
  if (blob[6] !== CODEC_DEFLATE) throw new BlobError(`the stored record uses an unknown codec (${blob[6]})`);
  const len = blob[7];
  if (blob.length < 8 + len + 8) throw new BlobError('the stored record is cut short');
  const engineVersion = new TextDecoder().decode(blob.subarray(8, 8 + len));
  const rawBytes = view.getUint32(8 + len, true);
  return { formatVersion, engineVersion, rawBytes, storedBytes: blob.length };
}

export function decodeBlob<T = unknown>(blob: Uint8Array): { payload: T; info: BlobInfo } {
  const info = readBlobInfo(blob);
  if (info.rawBytes > MAX_RAW_BYTES) throw new BlobError(`the stored record claims ${info.rawBytes} bytes, more than the app will read`);
  const headerEnd = 8 + blob[7] + 8;
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const expectedCrc = view.getUint32(headerEnd - 4, true);
  let raw: Uint8Array;
  try {
    raw = inflate(blob.subarray(headerEnd));
  } catch (e) {
    throw new BlobError(`the stored record is damaged: it does not decompress (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!(raw instanceof Uint8Array) || raw.length !== info.rawBytes) throw new BlobError('the stored record is damaged: its size does not match its header');
  if (crc32(raw) !== expectedCrc) throw new BlobError('the stored record is damaged: its checksum does not match');
  let payload: T;
  try {
    payload = JSON.parse(new TextDecoder().decode(raw)) as T;
  } catch {
    throw new BlobError('the stored record is damaged: its content is not valid JSON');
  }
  return { payload, info };
}
