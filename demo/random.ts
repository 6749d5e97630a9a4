/**
 * Small seeded PRNG (sfc32, seeded through splitmix32) and sampling helpers for the demo
 * generator. Deterministic for a seed on every platform: only 32-bit integer arithmetic.
 */

/** A seeded source of uniform numbers; `next()` is in [0, 1). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`[demo/random] expected a finite seed, got ${seed}`);
    // splitmix32 spreads nearby seeds (1, 2, 3 …) over unrelated states.
    let s = Math.trunc(seed) >>> 0;
    const mix = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Uniform unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Uniform element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Exponential variate with the given mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
}

/** Sampler over indices 0..n−1 proportional to non-negative weights (cumulative table + binary search). */
export class WeightedIndex {
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i] as number;
      if (!(w >= 0)) throw new RangeError(`[demo/random] expected weights >= 0, got ${w} at ${i}`);
      sum += w;
      this.cumulative[i] = sum;
    }
    if (!(sum > 0)) throw new RangeError('[demo/random] expected at least one positive weight');
    this.total = sum;
  }

  /** An index drawn with probability weight / total. */
  sample(rng: Rng): number {
    const x = rng.next() * this.total;
    const c = this.cumulative;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((c[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Zipf weights 1 / (rank + 1)^s for ranks 0..n−1. */
export function zipfWeights(n: number, s: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 1 / (i + 1) ** s;
  return w;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// All 4096 two-character pairs: half the concatenations per id (ids are drawn per generated video).
const ID_PAIRS: string[] = [];
for (const a of ID_ALPHABET) for (const b of ID_ALPHABET) ID_PAIRS.push(a + b);

/** `length` characters of the URL-safe base64 alphabet YouTube ids use. */
export function randomId(rng: Rng, length: number): string {
  let out = '';
  let remaining = length;
  while (remaining >= 4) {
    const r = rng.u32();
    out += (ID_PAIRS[r & 4095] as string) + (ID_PAIRS[(r >>> 12) & 4095] as string);
    remaining -= 4;
  }
  if (remaining > 0) {
    const r = rng.u32();
    for (let i = 0; i < remaining; i++) out += ID_ALPHABET[(r >>> (6 * i)) & 63];
  }
  return out;
}
