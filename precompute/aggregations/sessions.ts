/** Sessions, with the cursor pages of their list (catalogue 7). */
import { FilterValidationError } from '../../domain/filter.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, define, encodeCursor, intArg, MAX_PAGE_SIZE } from '../aggregation.js';
import { DEFAULT_GAP_MINUTES, finishSessions, MAX_GAP_MINUTES, MIN_GAP_MINUTES, sessions } from '../engine/index.js';
import type { SessionItem, SessionsResult } from '../engine/results/sessions.js';

/** Opaque cursor of a session: its start instant (unique, as sessions never overlap). */
export const sessionCursor = (start: number): string => encodeCursor(`session:${start}`);

/** A page of `SessionsResult.list` (newest first). */
export interface SessionPage {
  items: SessionItem[];
  hasNextPage: boolean;
  totalCount: number;
}

/**
 * Sessions a cached entry lists: a window of the newest (or of those older than a cursor), so an
 * entry — and the work of rewriting it after an append — stays the same size however long the
 * history. Twice the largest page, so any page that starts inside the head entry's window ends
 * inside it or is asked of the window that starts at its cursor.
 */
export const SESSIONS_LIST_WINDOW = 2 * MAX_PAGE_SIZE;

/** Entry params of sessions: the gap, and which window of the list (`listBefore`: sessions starting before it; absent = newest). */
export interface SessionsParams {
  gapMinutes: number;
  listBefore?: number;
}

/** `first` and the instant of `after` (null: from the newest); FilterValidationError names the argument. */
function listArgs(raw: Readonly<Record<string, unknown>>): { first: number; after: number | null } {
  const first = intArg(raw, 'first', DEFAULT_PAGE_SIZE, 0, MAX_PAGE_SIZE);
  if (raw.after === undefined || raw.after === null) return { first, after: null };
  const m = decodeCursor('after', raw.after, /^session:(-?\d{1,16}(?:\.\d{1,6})?)$/, 'a cursor of a sessions.list edge');
  return { first, after: Number(m[1]) };
}

/** Position in `list` (by start descending) of the first session starting before `after` (0 for null). */
function positionAfter(list: readonly SessionItem[], after: number | null): number {
  if (after === null) return 0;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as SessionItem).start >= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The `first` (0..100) sessions strictly older than the session whose cursor is `after`
 * (binary search on start; a cursor of a session no longer present still positions the page
 * by its instant), out of a whole list. FilterValidationError on `first` or `after`.
 */
export function sessionsPage(list: readonly SessionItem[], raw: Readonly<Record<string, unknown>>): SessionPage {
  const { first, after } = listArgs(raw);
  const from = positionAfter(list, after);
  const end = Math.min(from + first, list.length);
  return { items: list.slice(from, end), hasNextPage: end < list.length, totalCount: list.length };
}

/**
 * A page of `list(first, after)` out of an entry's window: the page, or — when it runs past a
 * truncated window — the `listBefore` of the entry that holds it (the window starting at the
 * cursor). `totalCount` is every session, all windows together.
 */
export function sessionsEntryPage(
  entry: Pick<SessionsResult, 'list' | 'listTruncated' | 'count'>,
  raw: Readonly<Record<string, unknown>>,
): { page: SessionPage } | { listBefore: number; first: number } {
  const { first, after } = listArgs(raw);
  const from = positionAfter(entry.list, after);
  if (entry.listTruncated && after !== null && from + first > entry.list.length) return { listBefore: after, first };
  const end = Math.min(from + first, entry.list.length);
  return {
    page: {
      items: entry.list.slice(from, end),
      hasNextPage: end < entry.list.length || entry.listTruncated,
      totalCount: entry.count,
    },
  };
}

/** `listBefore`: absent, or a finite instant (internal: the schema's list field asks for it, no argument exposes it). */
function listBeforeArg(raw: Readonly<Record<string, unknown>>): { listBefore?: number } {
  const v = raw.listBefore;
  if (v === undefined || v === null) return {};
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new FilterValidationError('listBefore', `expected an instant in epoch ms, got ${String(v)}`);
  }
  return { listBefore: v };
}

const windowOf = (p: SessionsParams) => ({ before: p.listBefore ?? null, limit: SESSIONS_LIST_WINDOW });

export const SESSION_AGGREGATIONS = [
  define({
    id: 'sessions',
    // 2: entries carry the identities of the channels their sessions name. 3: entries list a window of the sessions.
    version: 3,
    parseParams: (raw): SessionsParams => ({
      gapMinutes: intArg(raw, 'gapMinutes', DEFAULT_GAP_MINUTES, MIN_GAP_MINUTES, MAX_GAP_MINUTES),
      ...listBeforeArg(raw),
    }),
    baseParams: { gapMinutes: DEFAULT_GAP_MINUTES } as SessionsParams,
    dependsOnToday: false,
    kernel: (ctx, p: SessionsParams) => sessions(ctx, p, windowOf(p)),
    // The default gap's sessions are maintained near the new instants; other gaps are rebuilt from the rows.
    maintenance: {
      kind: 'merged',
      finish: (state, p: SessionsParams) => finishSessions(state, p, windowOf(p)),
      supports: (p: SessionsParams) => p.gapMinutes === DEFAULT_GAP_MINUTES,
    },
    // channels: the entry names its sessions' channels with their most recent titles.
    reads: ['selection', 'channels'],
  }),
];
