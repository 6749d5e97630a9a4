/** Compiles the non-time part of a canonical filter into a selection of table rows. */
import { PRODUCTS, TOPICS, topicBit } from '../../domain/events.js';
import type { CanonicalFilter } from '../../domain/filter.js';
import { type EventTable, NO_CHANNEL } from './table.js';

/**
 * Rows (ascending) matching product, topics (any-of), channels (any-of; rows without a
 * channel never match a channel filter; unknown keys match nothing) and includeAds.
 */
export function selectNonTime(table: EventTable, filter: CanonicalFilter, byTopic?: readonly Uint32Array[]): Uint32Array {
  if (byTopic && filter.topics.length > 0) return selectByTopics(table, filter, byTopic);
  const n = table.length;
  const skipAds = !filter.includeAds;
  const product = filter.product === 'ALL' ? -1 : PRODUCTS.indexOf(filter.product);
  let topicMask = 0;
  for (const t of filter.topics) topicMask |= topicBit(t);
  const channelSet = channelSetOf(table, filter);
  const { isAd, product: productCol, topics, channel } = table;
  const out = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (skipAds && isAd[i]) continue;
    if (product >= 0 && productCol[i] !== product) continue;
    if (topicMask !== 0 && ((topics[i] as number) & topicMask) === 0) continue;
    if (channelSet !== null) {
      const c = channel[i] as number;
      if (c === NO_CHANNEL || channelSet[c] === 0) continue;
    }
    out[m++] = i;
  }
  return m === n ? out : out.slice(0, m);
}

/**
 * The non-time part of a canonical filter as a predicate on one row's attributes, for rows
 * added after a selection was built. Channel keys are resolved through the dictionary at each
 * call (a key unknown when the filter was first seen may appear with a later row).
 */
export class RowMatcher {
  private readonly skipAds: boolean;
  private readonly product: number;
  private readonly topicMask: number;
  private readonly channels: ReadonlySet<string> | null;

  constructor(filter: CanonicalFilter) {
    this.skipAds = !filter.includeAds;
    this.product = filter.product === 'ALL' ? -1 : PRODUCTS.indexOf(filter.product);
    let mask = 0;
    for (const t of filter.topics) mask |= topicBit(t);
    this.topicMask = mask;
    this.channels = filter.channels.length > 0 ? new Set(filter.channels) : null;
  }

  /** True when a row with these attributes passes (channel = dictionary index or NO_CHANNEL, keys = the dictionary's). */
  matches(product: number, topics: number, channel: number, isAd: number, keys: readonly string[]): boolean {
    if (this.skipAds && isAd) return false;
    if (this.product >= 0 && product !== this.product) return false;
    if (this.topicMask !== 0 && (topics & this.topicMask) === 0) return false;
    if (this.channels !== null && (channel === NO_CHANNEL || !this.channels.has(keys[channel] as string))) return false;
    return true;
  }

  /** matches() for row r of `table`. */
  row(table: EventTable, r: number): boolean {
    return this.matches(
      table.product[r] as number,
      table.topics[r] as number,
      table.channel[r] as number,
      table.isAd[r] as number,
      table.channels.keys,
    );
  }
}

/** The rows of `rows` (ascending) whose local day is within the inclusive bounds (null = open): `rows` itself when both are open. */
export function withinDays(rows: Uint32Array, day: Int32Array, fromDay: number | null, toDay: number | null): Uint32Array {
  if (fromDay === null && toDay === null) return rows;
  const lo = fromDay ?? Number.NEGATIVE_INFINITY;
  const hi = toDay ?? Number.POSITIVE_INFINITY;
  return rows.filter((r) => (day[r] as number) >= lo && (day[r] as number) <= hi);
}

/**
 * Rows per topic (index = TOPICS index), ascending: the candidates of a topic filter without a
 * pass over every row. Two passes over the topics column.
 */
export function topicRows(table: EventTable): Uint32Array[] {
  const { topics } = table;
  const n = table.length;
  const counts = new Int32Array(TOPICS.length);
  for (let i = 0; i < n; i++) {
    for (let m = topics[i] as number; m !== 0; m &= m - 1) {
      const t = 31 - Math.clz32(m & -m);
      counts[t] = (counts[t] as number) + 1;
    }
  }
  const lists = Array.from(counts, (c) => new Uint32Array(c));
  const at = new Int32Array(TOPICS.length);
  for (let i = 0; i < n; i++) {
    for (let m = topics[i] as number; m !== 0; m &= m - 1) {
      const t = 31 - Math.clz32(m & -m);
      (lists[t] as Uint32Array)[at[t] as number] = i;
      at[t] = (at[t] as number) + 1;
    }
  }
  return lists;
}

/** A flag per dictionary index for the filter's channels (unknown keys match nothing); null without a channel filter. */
function channelSetOf(table: EventTable, filter: CanonicalFilter): Uint8Array | null {
  if (filter.channels.length === 0) return null;
  const set = new Uint8Array(table.channels.size);
  for (const key of filter.channels) {
    const c = table.channels.indexOf(key);
    if (c !== undefined) set[c] = 1;
  }
  return set;
}

/** selectNonTime of a filter with topics, from the rows of those topics (topicRows of the same table). */
function selectByTopics(table: EventTable, filter: CanonicalFilter, byTopic: readonly Uint32Array[]): Uint32Array {
  let candidates: Uint32Array | null = null;
  for (const t of filter.topics) {
    const list = byTopic[TOPICS.indexOf(t)] as Uint32Array;
    candidates = candidates === null ? list : unionSorted(candidates, list);
  }
  const rows = candidates as Uint32Array;
  const skipAds = !filter.includeAds;
  const product = filter.product === 'ALL' ? -1 : PRODUCTS.indexOf(filter.product);
  const channelSet = channelSetOf(table, filter);
  const { isAd, product: productCol, channel } = table;
  const out = new Uint32Array(rows.length);
  let m = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k] as number;
    if (skipAds && isAd[i]) continue;
    if (product >= 0 && productCol[i] !== product) continue;
    if (channelSet !== null) {
      const c = channel[i] as number;
      if (c === NO_CHANNEL || channelSet[c] === 0) continue;
    }
    out[m++] = i;
  }
  return out.subarray(0, m).slice();
}

/** The union of two ascending arrays without repeats, ascending. */
function unionSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let m = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x < y) {
      out[m++] = x;
      i++;
    } else if (y < x) {
      out[m++] = y;
      j++;
    } else {
      out[m++] = x;
      i++;
      j++;
    }
  }
  while (i < a.length) out[m++] = a[i++] as number;
  while (j < b.length) out[m++] = b[j++] as number;
  return out.subarray(0, m);
}
