/**
 * Catalogue 6, 7, 9, 10, 11, 13, 14: activity, sessions, habits and channel metrics
 * (../shared/AGGREGATIONS.md), plus the cursor pagination of their connections. Entries hold
 * full results; pages and limits are cut per request (`project`, `sessionsPage`).
 */
import { define, intArg, noParams } from '../aggregation.js';
import {
  advancedKpis,
  channelMetrics,
  channelRelationships,
  DEFAULT_GAP_MINUTES,
  dailyStats,
  habits,
  MAX_GAP_MINUTES,
  MIN_GAP_MINUTES,
  overview,
  sessions,
} from '../engine/index.js';
import { FilterValidationError } from '../filter.js';
import {
  CHANNEL_ORDERS,
  type ChannelMetricsResult,
  type ChannelOrder,
  type ChannelRelationship,
  type SessionItem,
} from '../results-activity.js';

/** Largest page of a connection; default page size. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** Largest `channelRelationships` limit; the cached entry holds this many pairs (minScore 0). */
export const MAX_RELATIONSHIPS_LIMIT = 100;

// ---------------------------------------------------------------------------------------
// Cursors: base64 of `<kind>:<value>`, opaque to clients. A cursor is checked by decoding
// and re-encoding it, so any other string is rejected rather than misread.

const encodeCursor = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

function decodeCursor(field: string, cursor: unknown, pattern: RegExp, expected: string): RegExpExecArray {
  if (typeof cursor !== 'string') throw new FilterValidationError(field, `expected a cursor string, got ${String(cursor)}`);
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const match = encodeCursor(text) === cursor ? pattern.exec(text) : null;
  if (!match) throw new FilterValidationError(field, `expected ${expected}, got "${cursor.slice(0, 100)}"`);
  return match;
}

/** Opaque cursor of the channelMetrics edge at 0-based `position` of ordering `orderBy`. */
export const channelCursor = (orderBy: ChannelOrder, position: number): string =>
  encodeCursor(`channelMetrics:${orderBy}:${position}`);

/** Opaque cursor of a session: its start instant (unique, as sessions never overlap). */
export const sessionCursor = (start: number): string => encodeCursor(`session:${start}`);

// ---------------------------------------------------------------------------------------
// channelMetrics

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

// ---------------------------------------------------------------------------------------
// sessions.list

/** A page of `SessionsResult.list` (newest first). */
export interface SessionPage {
  items: SessionItem[];
  hasNextPage: boolean;
  totalCount: number;
}

/**
 * The `first` (0..100) sessions strictly older than the session whose cursor is `after`
 * (binary search on start; a cursor of a session no longer present still positions the page
 * by its instant). FilterValidationError on `first` or `after`.
 */
export function sessionsPage(list: readonly SessionItem[], raw: Readonly<Record<string, unknown>>): SessionPage {
  const first = intArg(raw, 'first', DEFAULT_PAGE_SIZE, 0, MAX_PAGE_SIZE);
  let from = 0;
  if (raw.after !== undefined && raw.after !== null) {
    const m = decodeCursor('after', raw.after, /^session:(-?\d{1,16}(?:\.\d{1,6})?)$/, 'a cursor of a sessions.list edge');
    const start = Number(m[1]);
    // list is by start descending: find the first session starting before `start`.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((list[mid] as SessionItem).start >= start) lo = mid + 1;
      else hi = mid;
    }
    from = lo;
  }
  const end = Math.min(from + first, list.length);
  return { items: list.slice(from, end), hasNextPage: end < list.length, totalCount: list.length };
}

// ---------------------------------------------------------------------------------------

interface RelationshipParams {
  limit: number;
  minScore: number;
}

const ENTRY_RELATIONSHIPS: RelationshipParams = { limit: MAX_RELATIONSHIPS_LIMIT, minScore: 0 };

export const ACTIVITY_AGGREGATIONS = [
  define({
    id: 'overview',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => overview(ctx),
  }),
  define({
    id: 'sessions',
    version: 1,
    parseParams: (raw) => ({ gapMinutes: intArg(raw, 'gapMinutes', DEFAULT_GAP_MINUTES, MIN_GAP_MINUTES, MAX_GAP_MINUTES) }),
    baseParams: { gapMinutes: DEFAULT_GAP_MINUTES },
    dependsOnToday: false,
    kernel: (ctx, p: { gapMinutes: number }) => sessions(ctx, p),
  }),
  // growth30d/90d count back from today.
  define({
    id: 'advancedKpis',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: true,
    kernel: (ctx) => advancedKpis(ctx),
  }),
  define({
    id: 'habits',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => habits(ctx),
  }),
  define({
    id: 'dailyStats',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => dailyStats(ctx),
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
  }),
];
