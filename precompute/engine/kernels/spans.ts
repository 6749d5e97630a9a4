/** Small helpers of the catalogue kernels: bucket ranges of a selection and bit counts. */

/**
 * Smallest and largest `bucket[row]` over `rows` (non-empty). With `monotone` (buckets never
 * decrease along rows, e.g. zone columns when ctx.zone.daysMonotone) the ends are read
 * directly; otherwise every row is scanned.
 */
export function bucketRange(rows: Uint32Array, bucket: Int32Array, monotone: boolean): { first: number; last: number } {
  let first = bucket[rows[0] as number] as number;
  let last = bucket[rows[rows.length - 1] as number] as number;
  if (!monotone) {
    for (let k = 0; k < rows.length; k++) {
      const b = bucket[rows[k] as number] as number;
      if (b < first) first = b;
      if (b > last) last = b;
    }
  }
  return { first, last };
}

/** Number of set bits of a 32-bit integer. */
export function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
