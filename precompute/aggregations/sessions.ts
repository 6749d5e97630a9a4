/** Sessions, with the cursor pages of their list (catalogue 7). */
import { DEFAULT_PAGE_SIZE, decodeCursor, define, encodeCursor, intArg, MAX_PAGE_SIZE } from '../aggregation.js';
import { DEFAULT_GAP_MINUTES, finishSessions, MAX_GAP_MINUTES, MIN_GAP_MINUTES, sessions } from '../engine/index.js';
import type { SessionItem } from '../engine/results/sessions.js';

/** Opaque cursor of a session: its start instant (unique, as sessions never overlap). */
export const sessionCursor = (start: number): string => encodeCursor(`session:${start}`);

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

export const SESSION_AGGREGATIONS = [
  define({
    id: 'sessions',
    // 2: entries carry the identities of the channels their sessions name.
    version: 2,
    parseParams: (raw) => ({ gapMinutes: intArg(raw, 'gapMinutes', DEFAULT_GAP_MINUTES, MIN_GAP_MINUTES, MAX_GAP_MINUTES) }),
    baseParams: { gapMinutes: DEFAULT_GAP_MINUTES },
    dependsOnToday: false,
    kernel: (ctx, p: { gapMinutes: number }) => sessions(ctx, p),
    // The default gap's sessions are maintained near the new instants; other gaps are rebuilt from the rows.
    maintenance: {
      kind: 'merged',
      finish: (state, p: { gapMinutes: number }) => finishSessions(state, p),
      supports: (p: { gapMinutes: number }) => p.gapMinutes === DEFAULT_GAP_MINUTES,
    },
    // channels: the entry names its sessions' channels with their most recent titles.
    reads: ['selection', 'channels'],
  }),
];
