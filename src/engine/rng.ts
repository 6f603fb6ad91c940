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
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 1;

  constructor(seed = 0, runIndex = 0) {
    this.seedRun(seed, runIndex);
  }

  /** Resets the state to the start of run `runIndex` of base seed `seed`. */
  seedRun(seed: number, runIndex: number): void {
    const s = mix32(seed >>> 0);
    const r = mix32((runIndex >>> 0) ^ 0x5bd1e995);
    this.a = mix32(s ^ r);
    this.b = mix32(this.a ^ 0x27d4eb2f);
    this.c = mix32(this.b ^ s);
    this.d = 1;
    // A few rounds so that nearby seeds diverge completely.
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  nextU32(): number {
    const a = this.a, b = this.b, c = this.c, d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextU32() / TWO_POW_32;
  }

  /**
   * A uniform integer in [1, sides]. Multiply-and-shift on 32 bits: the bias is below
   * sides / 2^32 (about 5e-9 for a d20), far under anything a simulation can detect.
   */
  die(sides: number): number {
    return Math.floor((this.nextU32() / TWO_POW_32) * sides) + 1;
  }

  /** A uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor((this.nextU32() / TWO_POW_32) * n);
  }
}

/** The smallest interface dice and rules need; tests may enumerate outcomes through it. */
export interface DieSource {
  die(sides: number): number;
}
