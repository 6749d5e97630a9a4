/** Channels: topChannels, channelMetrics (with its cursor pages) and channelRelationships (catalogue 3, 13, 14). */

import { FilterValidationError } from '../../domain/filter.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, define, encodeCursor, intArg, MAX_PAGE_SIZE } from '../aggregation.js';
import { channelMetrics, channelRelationships, finishChannelMetrics, finishTopChannels, topChannels } from '../engine/index.js';
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
}

/** Validates `first`, `after` (a cursor of the same orderBy) and `orderBy`; FilterValidationError names the argument. */
export function parseChannelMetricsParams(raw: Readonly<Record<string, unknown>>): Required<ChannelMetricsParams> {
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
 * One page of a cached channelMetrics entry (VIDEOS order plus `orders`): the `first`
 * channels after position `after` of ordering `orderBy`. A position past the end gives an
 * empty page (the data may have shrunk since the cursor was issued).
 */
export function channelMetricsPage(entry: ChannelMetricsResult, params: ChannelMetricsParams): ChannelMetricsResult {
  const orderBy = params.orderBy ?? 'VIDEOS';
  const first = params.first ?? entry.items.length;
  const offset = Math.min((params.after ?? -1) + 1, entry.items.length);
  const end = Math.min(offset + first, entry.items.length);
  const order = orderBy === 'VIDEOS' ? null : entry.orders?.[orderBy];
  if (orderBy !== 'VIDEOS' && !order) throw new Error('[precompute/aggregations/activity] channelMetrics entry has no orders');
  const items = order
    ? order.slice(offset, end).map((i) => entry.items[i] as ChannelMetricsResult['items'][number])
    : entry.items.slice(offset, end);
  return { orderBy, totalCount: entry.totalCount, offset, items, hasNextPage: end < entry.items.length };
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
    version: 1,
    parseParams: (raw): ChannelMetricsParams => parseChannelMetricsParams(raw),
    baseParams: {},
    entryParams: (): ChannelMetricsParams => ({}),
    project: (data: ChannelMetricsResult, p: ChannelMetricsParams) => channelMetricsPage(data, p),
    dependsOnToday: true,
    kernel: (ctx) => channelMetrics(ctx),
    maintenance: { kind: 'merged', finish: (state) => finishChannelMetrics(state) },
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
    maintenance: {
      kind: 'recomputed',
      why: 'pairs among the 200 first channels in channel order: a new video can change that pool, and pair counts would have to be rebuilt with it; recomputed from the maintained sessions and channel counts it is one pass over the sessions',
    },
    // channels: titles are shown and decide ties at the 200-channel cut.
    reads: ['selection', 'channels'],
  }),
];
