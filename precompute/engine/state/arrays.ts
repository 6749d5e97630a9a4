/**
 * Growable typed arrays for columns and maintained statistics: amortised doubling, sorted
 * inserts that move each old element once, arrays keyed by a day or month number that grow in
 * both directions, and a compact set of (channel, month) pairs.
 */

export type Column = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** Capacity for n elements that will grow: a sixteenth more, so the first appends after a build do not copy. */
export const withSlack = (n: number): number => n + (n >>> 4) + 1024;

/** Above this many elements an array grows by a quarter instead of doubling (less idle memory at 1M rows). */
const LARGE = 1 << 16;

/**
 * `a` when it holds `needed` elements, else a copy of its first `keep` elements with room for
 * max(needed, 2 × length) — 1.25 × length for large arrays — so appends cost amortised O(1).
 */
export function withCapacity<T extends Column>(a: T, keep: number, needed: number): T {
  if (needed <= a.length) return a;
  const grown = a.length < LARGE ? a.length * 2 : a.length + (a.length >>> 2);
  const b = new (a.constructor as new (n: number) => T)(Math.max(needed, grown, 8));
  b.set(a.subarray(0, keep) as never);
  return b;
}

/**
 * Inserts `values[j]` so that it lands at index `positions[j] + j` (positions ascending: value j
 * goes before old element positions[j]), moving old elements right in place. `a` must hold
 * n + values.length elements. O(n) element moves in at most values.length + 1 block copies.
 */
export function insertSorted(a: Column, n: number, positions: Uint32Array, values: ArrayLike<number>): void {
  let end = n;
  for (let j = positions.length - 1; j >= 0; j--) {
    const p = positions[j] as number;
    if (end > p) a.copyWithin(p + j + 1, p, end);
    a[p + j] = values[j] as number;
    end = p;
  }
}

/** insertSorted for a plain array (grows it). */
export function insertSortedArray<T>(a: T[], n: number, positions: Uint32Array, values: readonly T[]): void {
  const k = positions.length;
  a.length = n + k;
  let end = n;
  for (let j = k - 1; j >= 0; j--) {
    const p = positions[j] as number;
    for (let i = end - 1; i >= p; i--) a[i + j + 1] = a[i] as T;
    a[p + j] = values[j] as T;
    end = p;
  }
}

/**
 * After insertSorted with `positions`, maps the old row numbers of `rows[0 … m)` (ascending)
 * to the new ones in place: old row r moves by the number of positions ≤ r.
 */
export function remapRows(rows: Uint32Array, m: number, positions: Uint32Array): void {
  let j = 0;
  const k = positions.length;
  for (let i = 0; i < m; i++) {
    const r = rows[i] as number;
    while (j < k && (positions[j] as number) <= r) j++;
    rows[i] = r + j;
  }
}

/** Merges ascending `add` into ascending `rows[0 … m)`; returns the array (maybe new) holding m + add.length. */
export function mergeRows(rows: Uint32Array, m: number, add: ArrayLike<number>): Uint32Array {
  const k = add.length;
  if (k === 0) return rows;
  const out = withCapacity(rows, m, m + k);
  let i = m - 1;
  let j = k - 1;
  for (let w = m + k - 1; j >= 0; w--) {
    const a = add[j] as number;
    if (i >= 0 && (out[i] as number) > a) out[w] = out[i--] as number;
    else {
      out[w] = a;
      j--;
    }
  }
  return out;
}

/**
 * A dense array indexed by an integer key (a local day or month number) with `stride` cells
 * per key, growing in both directions; keys never written read 0.
 */
export class KeyedArray {
  data: Int32Array | Float64Array;
  /** Key of data[0]. */
  base = 0;
  private keys = 0;

  constructor(
    readonly stride = 1,
    private readonly float = false,
  ) {
    this.data = float ? new Float64Array(0) : new Int32Array(0);
  }

  private ensure(key: number): number {
    if (this.keys === 0) {
      const cap = 64;
      this.base = key - cap / 2;
      this.keys = cap;
      this.data = this.float ? new Float64Array(cap * this.stride) : new Int32Array(cap * this.stride);
    } else if (key < this.base || key >= this.base + this.keys) {
      const lo = Math.min(key, this.base);
      const hi = Math.max(key + 1, this.base + this.keys);
      const cap = Math.max(hi - lo, this.keys * 2);
      // Grow on the side that ran out (both when needed), keeping the old cells in place.
      const newBase = key < this.base ? hi - cap : lo;
      const data = this.float ? new Float64Array(cap * this.stride) : new Int32Array(cap * this.stride);
      data.set(this.data, (this.base - newBase) * this.stride);
      this.data = data;
      this.base = newBase;
      this.keys = cap;
    }
    return (key - this.base) * this.stride;
  }

  /** Adds v to cell k of `key`; returns the new value. */
  add(key: number, k: number, v: number): number {
    const i = this.ensure(key) + k;
    const next = (this.data[i] as number) + v;
    this.data[i] = next;
    return next;
  }

  /** ORs v into cell 0 of `key` (integer arrays). */
  or(key: number, v: number): void {
    const i = this.ensure(key);
    this.data[i] = (this.data[i] as number) | v;
  }

  get(key: number, k = 0): number {
    if (key < this.base || key >= this.base + this.keys) return 0;
    return this.data[(key - this.base) * this.stride + k] as number;
  }

  /** Sum of cell k over keys from..to (inclusive). */
  sum(from: number, to: number, k = 0): number {
    const lo = Math.max(from, this.base);
    const hi = Math.min(to, this.base + this.keys - 1);
    let s = 0;
    for (let key = lo; key <= hi; key++) s += this.data[(key - this.base) * this.stride + k] as number;
    return s;
  }

  /** Cells of keys from..to (inclusive, every key written before), zero-copy. */
  span(from: number, to: number): Int32Array | Float64Array {
    return this.data.subarray((from - this.base) * this.stride, (to - this.base + 1) * this.stride);
  }

  get bytes(): number {
    return this.data.byteLength;
  }

  /** Plain copy of keys from..to (tests compare maintained with fresh statistics). */
  toArray(from: number, to: number): number[] {
    const out: number[] = [];
    for (let key = from; key <= to; key++) for (let k = 0; k < this.stride; k++) out.push(this.get(key, k));
    return out;
  }
}

const EMPTY = -1;

/**
 * A set of (a, b) pairs of non-negative integers (a < 2^24, b < 2^28): open addressing over one
 * Float64Array of keys a + b × 2^24, load ≤ 1/2, so 16 bytes per pair.
 */
export class PairSet {
  private slots = new Float64Array(64).fill(EMPTY);
  size = 0;

  /** Adds the pair; true when it was not present. */
  add(a: number, b: number): boolean {
    const key = a + b * 0x100_0000;
    let mask = this.slots.length - 1;
    let i = hash(a, b) & mask;
    for (;;) {
      const s = this.slots[i] as number;
      if (s === key) return false;
      if (s === EMPTY) break;
      i = (i + 1) & mask;
    }
    this.slots[i] = key;
    this.size++;
    if (this.size * 2 > this.slots.length) {
      const old = this.slots;
      this.slots = new Float64Array(old.length * 2).fill(EMPTY);
      mask = this.slots.length - 1;
      for (let j = 0; j < old.length; j++) {
        const k = old[j] as number;
        if (k === EMPTY) continue;
        const ka = k % 0x100_0000;
        let p = hash(ka, (k - ka) / 0x100_0000) & mask;
        while (this.slots[p] !== EMPTY) p = (p + 1) & mask;
        this.slots[p] = k;
      }
    }
    return true;
  }

  get bytes(): number {
    return this.slots.byteLength;
  }
}

function hash(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) >>> 0;
}
