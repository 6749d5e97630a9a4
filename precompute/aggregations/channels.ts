/** Channels: topChannels, channelMetrics (with its cursor pages) and channelRelationships (catalogue 3, 13, 14). */

import { FilterValidationError } from '../../domain/filter.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, define, encodeCursor, intArg, MAX_PAGE_SIZE } from '../aggregation.js';
import {
  channelMetrics,
  channelRelationships,
  finishChannelMetrics,
  finishChannelRelationships,
  finishTopChannels,
  topChannels,
} from '../engine/index.js';
import {
  CHANNEL_ORDERS,
  type ChannelMetricsResult,
  type ChannelOrder,
  type ChannelRelationship,
  type TopChannel,
} from '../engine/results/channels.js';

/** Largest `topChannels` limit; the cached entry holds this many and requests slice it. */
export const TOP_CHANNELS_MAX = 100;

/** Largest `channelRelationships` limit; the cached entry holds this many pairs (minScore 0). */
export const MAX_RELATIONSHIPS_LIMIT = 100;

/** Opaque cursor of the channelMetrics edge at 0-based `position` of ordering `orderBy`. */
export const channelCursor = (orderBy: ChannelOrder, position: number): string =>
  encodeCursor(`channelMetrics:${orderBy}:${position}`);

export interface ChannelMetricsParams {
  /** Page size 0..100; absent in the entry params. */
  first?: number;
  /** Position after which the page starts (−1: from the start). */
  after?: number;
  orderBy?: ChannelOrder;
  /** Entry params only: the first position of a block entry (absent: the head entry). */
  from?: number;
}

/** Validates `first`, `after` (a cursor of the same orderBy) and `orderBy`; FilterValidationError names the argument. */
export function parseChannelMetricsParams(raw: Readonly<Record<string, unknown>>): Required<Omit<ChannelMetricsParams, 'from'>> {
  const orderBy = raw.orderBy ?? 'VIDEOS';
  if (typeof orderBy !== 'string' || !CHANNEL_ORDERS.includes(orderBy as ChannelOrder)) {
    throw new FilterValidationError('orderBy', `expected one of ${CHANNEL_ORDERS.join(', ')}, got ${String(orderBy)}`);
  }
  const first = intArg(raw, 'first', DEFAULT_PAGE_SIZE, 0, MAX_PAGE_SIZE);
  let after = -1;
  if (raw.after !== undefined && raw.after !== null) {
    const m = decodeCursor('after', raw.after, /^channelMetrics:([A-Z]+):(0|[1-9]\d{0,8})$/, 'a cursor of a channelMetrics edge');
    if (m[1] !== orderBy) {
      throw new FilterValidationError('after', `the cursor belongs to orderBy ${m[1]}, not ${orderBy}`);
    }
    after = Number(m[2]);
  }
  return { first, after, orderBy: orderBy as ChannelOrder };
}

/**
 * Positions of each ordering the head entry of channelMetrics holds (the base set's): twice the
 * largest page, so a page starting inside it either ends inside it or is asked of a block entry.
 * Entries are windows of the whole list, so their size — and the cost of rewriting them after an
 * append — follows the pages people read, not the number of channels.
 */
export const CHANNEL_METRICS_HEAD = 2 * MAX_PAGE_SIZE;

/**
 * The entry a page request reads: the head (`{}`: positions [0, 200) of every ordering) when the
 * page ends inside it, else the block of its ordering starting at the page's start rounded down
 * to a multiple of 100 (positions [from, from + 200) ⊇ the page).
 */
export function channelMetricsEntryParams(p: ChannelMetricsParams): ChannelMetricsParams {
  const start = (p.after ?? -1) + 1;
  if (start + (p.first ?? DEFAULT_PAGE_SIZE) <= CHANNEL_METRICS_HEAD) return {};
  return { orderBy: p.orderBy ?? 'VIDEOS', from: Math.floor(start / MAX_PAGE_SIZE) * MAX_PAGE_SIZE };
}

/**
 * The window of a whole channelMetrics result (every channel, VIDEOS order, with `orders`) that
 * the entry of `p` keeps: see channelMetricsEntryParams.
 */
export function channelMetricsWindow(whole: ChannelMetricsResult, p: ChannelMetricsParams): ChannelMetricsResult {
  const total = whole.items.length;
  const orders = whole.orders;
  if (!orders) throw new Error('[precompute/aggregations/channels] expected a whole channelMetrics result with orders');
  if (p.from === undefined) {
    const n = Math.min(CHANNEL_METRICS_HEAD, total);
    // VIDEOS positions 0..n−1 are items 0..n−1; the other orderings' heads add the rest.
    const picked = new Set<number>();
    for (let k = 0; k < n; k++) picked.add(k);
    for (const order of [orders.LOYALTY, orders.RECENT]) for (let k = 0; k < n; k++) picked.add(order[k] as number);
    const kept = [...picked].sort((a, b) => a - b);
    const at = new Map(kept.map((item, i) => [item, i]));
    const head = (order: number[]) => order.slice(0, n).map((item) => at.get(item) as number);
    return {
      orderBy: 'VIDEOS',
      totalCount: total,
      offset: 0,
      items: kept.map((i) => whole.items[i] as ChannelMetricsResult['items'][number]),
      hasNextPage: n < total,
      orders: { LOYALTY: head(orders.LOYALTY), RECENT: head(orders.RECENT) },
      covers: n,
    };
  }
  const orderBy = p.orderBy ?? 'VIDEOS';
  const end = Math.min(p.from + CHANNEL_METRICS_HEAD, total);
  const positions = orderBy === 'VIDEOS' ? null : orders[orderBy];
  const items: ChannelMetricsResult['items'] = [];
  for (let k = p.from; k < end; k++) items.push(whole.items[positions ? (positions[k] as number) : k] as (typeof items)[number]);
  return { orderBy, totalCount: total, offset: p.from, items, hasNextPage: end < total, covers: items.length };
}

/**
 * One page of a cached channelMetrics entry (a window: the head with `orders`, or a block of one
 * ordering): the `first` channels after position `after` of ordering `orderBy` (default: all the
 * entry holds from there). A position past the end gives an empty page (the data may have shrunk
 * since the cursor was issued). Throws when the entry does not hold the page (a programming error:
 * channelMetricsEntryParams chose it).
 */
export function channelMetricsPage(entry: ChannelMetricsResult, params: ChannelMetricsParams): ChannelMetricsResult {
  const orderBy = params.orderBy ?? 'VIDEOS';
  const total = entry.totalCount;
  const start = (params.after ?? -1) + 1;
  if (start >= total) return { orderBy, totalCount: total, offset: start, items: [], hasNextPage: false };
  const held = entry.offset + (entry.covers ?? entry.items.length);
  const end = Math.min(start + (params.first ?? held - start), total);
  const order = orderBy === entry.orderBy ? null : entry.orders?.[orderBy as 'LOYALTY' | 'RECENT'];
  if (start < entry.offset || (end > held && held < total) || (orderBy !== entry.orderBy && !order)) {
    throw new Error(
      `[precompute/aggregations/channels] the entry (${entry.orderBy} from ${entry.offset}, ${held - entry.offset} positions) does not hold ${orderBy} ${start}..${end}`,
    );
  }
  const items: ChannelMetricsResult['items'] = [];
  for (let k = start; k < end; k++) {
    const local = k - entry.offset;
    items.push(entry.items[order ? (order[local] as number) : local] as (typeof items)[number]);
  }
  return { orderBy, totalCount: total, offset: start, items, hasNextPage: end < total };
}

interface RelationshipParams {
  limit: number;
  minScore: number;
}

const ENTRY_RELATIONSHIPS: RelationshipParams = { limit: MAX_RELATIONSHIPS_LIMIT, minScore: 0 };

export const CHANNEL_AGGREGATIONS = [
  define({
    id: 'topChannels',
    // v2: estimatedWatchSeconds is the exact sum (integer milliseconds / 1000).
    version: 2,
    parseParams: (raw) => ({ limit: intArg(raw, 'limit', 10, 1, TOP_CHANNELS_MAX) }),
    baseParams: { limit: TOP_CHANNELS_MAX },
    entryParams: () => ({ limit: TOP_CHANNELS_MAX }),
    project: (data: TopChannel[], p: { limit: number }) => data.slice(0, p.limit),
    dependsOnToday: false,
    kernel: (ctx, p: { limit: number }) => topChannels(ctx, p),
    maintenance: { kind: 'merged', finish: (state, p: { limit: number }) => finishTopChannels(state, p) },
    // channels: titles are shown and break ties.
    reads: ['selection', 'watchSeconds', 'channels'],
  }),
  // isNew and loyaltyScore's recency and month count depend on today.
  define({
    id: 'channelMetrics',
    // 2: entries are windows of the list (head, or a block of one ordering).
    version: 2,
    parseParams: (raw): ChannelMetricsParams => parseChannelMetricsParams(raw),
    baseParams: {},
    entryParams: (p: ChannelMetricsParams) => channelMetricsEntryParams(p),
    project: (data: ChannelMetricsResult, p: ChannelMetricsParams) => channelMetricsPage(data, p),
    dependsOnToday: true,
    kernel: (ctx, p: ChannelMetricsParams) => channelMetricsWindow(channelMetrics(ctx), p),
    maintenance: {
      kind: 'merged',
      finish: (state, p: ChannelMetricsParams) => channelMetricsWindow(finishChannelMetrics(state), p),
    },
    // base: each channel's first video ever (isNew); channels: titles.
    reads: ['selection', 'base', 'channels'],
  }),
  define({
    id: 'channelRelationships',
    version: 1,
    parseParams: (raw): RelationshipParams => ({
      limit: intArg(raw, 'limit', 20, 1, MAX_RELATIONSHIPS_LIMIT),
      minScore: intArg(raw, 'minScore', 10, 0, 100),
    }),
    baseParams: ENTRY_RELATIONSHIPS,
    entryParams: () => ENTRY_RELATIONSHIPS,
    // Pairs are by score desc, so those with score ≥ minScore are a prefix of the entry.
    project: (data: ChannelRelationship[], p: RelationshipParams) => {
      const kept = data.findIndex((r) => r.score < p.minScore);
      return data.slice(0, Math.min(p.limit, kept === -1 ? data.length : kept));
    },
    dependsOnToday: false,
    kernel: (ctx, p: RelationshipParams) => channelRelationships(ctx, p),
    // Shared sessions per pool pair are kept by the session statistics and follow every append;
    // a pool that changed (a channel entering the 200) is counted afresh once.
    maintenance: { kind: 'merged', finish: (state, p: RelationshipParams) => finishChannelRelationships(state, p) },
    // channels: titles are shown and decide ties at the 200-channel cut.
    reads: ['selection', 'channels'],
  }),
];
