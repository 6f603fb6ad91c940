// Seeded random numbers. Each run gets its own generator state derived from (base seed, run
// index) alone, so run i is the same fight whichever chunk or worker computes it.

const TWO_POW_32 = 4294967296;

/** SplitMix32 step: a strong mixer used to turn (seed, index) into independent generator states. */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128-bit state, passes PractRand,
 * and costs a handful of integer operations per number. One instance is reused for every run.
 */
export class Rng {
  // The state words live in a typed array: as object fields, 32-bit values beyond V8's small
  // integers would be boxed numbers, read and written through a pointer on every draw.
  private readonly state = new Int32Array(4);

  constructor(seed = 0, runIndex = 0) {
    this.seedRun(seed, runIndex);
  }

  /** Resets the state to the start of run `runIndex` of base seed `seed`. */
  seedRun(seed: number, runIndex: number): void {
    const s = mix32(seed >>> 0);
    const r = mix32((runIndex >>> 0) ^ 0x5bd1e995);
    // Twelve steps so that nearby seeds diverge completely, taken in locals and stored once.
    let a = mix32(s ^ r);
    let b = mix32(a ^ 0x27d4eb2f);
    let c = mix32(b ^ s);
    let d = 1;
    for (let i = 0; i < 12; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
    }
    const st = this.state;
    st[0] = a;
    st[1] = b;
    st[2] = c;
    st[3] = d;
  }

  nextU32(): number {
    const st = this.state;
    const a = st[0], b = st[1], c = st[2], d = st[3];
    const t = (((a + b) | 0) + d) | 0;
    st[3] = (d + 1) | 0;
    st[0] = b ^ (b >>> 9);
    st[1] = (c + (c << 3)) | 0;
    st[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextU32() / TWO_POW_32;
  }

  /**
   * A uniform integer in [1, sides]: floor(u / 2^32 * sides) + 1 for the next 32-bit draw u. The
   * bias is below sides / 2^32 (about 5e-9 for a d20), far under anything a simulation can detect.
   */
  die(sides: number): number {
    return scaled(this.nextU32(), sides) + 1;
  }

  /** A uniform integer in [0, n): floor(u / 2^32 * n). */
  below(n: number): number {
    return scaled(this.nextU32(), n);
  }
}

/**
 * floor(u * n / 2^32) for a 32-bit u, the same value as floor((u / 2^32) * n) in floating point
 * (exact there while u * n < 2^53), computed on 16-bit halves in integers when n < 2^16: no
 * conversion to and from floating point per draw.
 */
export function scaled(u: number, n: number): number {
  if (n > 0xffff) return Math.floor((u / TWO_POW_32) * n);
  return (((u >>> 16) * n + (((u & 0xffff) * n) >>> 16)) >>> 16);
}

/** The smallest interface dice and rules need; tests may enumerate outcomes through it. */
export interface DieSource {
  die(sides: number): number;
}
