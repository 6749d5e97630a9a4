/**
 * The system of record behind one interface: SQLite (embedded default) and Convex adapters.
 * Nothing here knows about GraphQL, caching policy or aggregation logic.
 */
import type { ChangeLogEntry, ImportStats } from '../domain/changes.js';
import type { WatchEvent } from '../domain/events.js';
import type { StoreSpec } from './spec.js';

export type { ChangeLogEntry, ImportStats } from '../domain/changes.js';

export interface Viewer {
  id: string;
  /** IANA zone used when a filter names none. */
  timeZone: string;
  /** Bumped by every commit that staged events (added or duplicate): the version of what is stored. */
  dataVersion: number;
}

export interface CommitResult {
  added: number;
  /** Events whose id was already stored (or repeated within this import). */
  duplicates: number;
  /** The viewer's data version after the commit (unchanged when nothing was staged). */
  dataVersion: number;
}

/**
 * A staged import: batches are written as they are parsed (memory bounded by a batch) and
 * become visible only at `commit`, atomically. `abort` (or never committing) leaves the
 * store exactly as before.
 */
export interface ImportSession {
  addBatch(events: readonly WatchEvent[]): Promise<void>;
  commit(stats: ImportStats): Promise<CommitResult>;
  abort(): Promise<void>;
}

/** A durable precomputed entry (the store cache tier). `value` is an encoded envelope. */
export interface StoredEntry {
  key: string;
  value: Uint8Array;
  expiresAt: number;
  /** The data version it was computed from (retention: superseded entries go first). */
  dataVersion?: number;
  /** In the viewer's base set: a byte budget never evicts it. */
  base?: boolean;
}

/** What `Store.sweepEntries` does to the store tier. */
export interface SweepOptions {
  /** The sweep's clock, epoch ms. */
  now: number;
  /** Entries are kept this long past `expiresAt` (stale answers), then deleted. */
  retainStaleMs: number;
  /** Per viewer, the most bytes of entries kept; beyond it the least valuable non-base entries go. */
  perViewerBytes: number;
}

export interface SweepReport {
  expired: number;
  evicted: number;
  /** Bytes of entries after the sweep, all viewers. */
  bytes: number;
  entries: number;
  /** Size of the database file after the sweep (SQLite: pages × page size), when known. */
  fileBytes?: number;
}

export interface UsageRow {
  viewerId: string;
  aggregation: string;
  filterKey: string;
  /** JSON of the request's parameters (canonical), so the planner can recompute it. */
  params: string;
  /** Decayed count at `updatedAt`. */
  score: number;
  updatedAt: number;
  /** Last measured compute cost and size, for benefit ranking. */
  computeMillis: number;
  bytes: number;
}

export interface EventPageOptions {
  /** Only events added up to this data version; default all. */
  upToVersion?: number;
  /** Events per page; default the store's. */
  pageSize?: number;
}

export interface EventDelta {
  events: WatchEvent[];
  truncated: boolean;
}

/** Default `limit` of `Store.eventsAdded`. */
export const MAX_DELTA_EVENTS = 100_000;

export interface Store {
  readonly kind: 'sqlite' | 'convex';
  /** How another thread opens its own connection to this store; absent when it cannot (`:memory:`, test backends). */
  readonly spec?: StoreSpec;
  getViewer(viewerId: string): Promise<Viewer | null>;
  /** Returns the viewer, creating it with `timeZone` (default UTC) when absent. */
  ensureViewer(viewerId: string, timeZone?: string): Promise<Viewer>;
  setViewerTimeZone(viewerId: string, timeZone: string): Promise<Viewer>;

  beginImport(viewerId: string): Promise<ImportSession>;
  /** Every stored event of the viewer, in (watchedAt nulls first, id) order. */
  loadEvents(viewerId: string): Promise<WatchEvent[]>;
  /**
   * The same events in the same order, page by page, so a reader holds one page at a time.
   * With `upToVersion`, only the events added by commits up to that data version: the history
   * exactly as it was at that version, whatever commits land during the read.
   */
  eventPages(viewerId: string, options?: EventPageOptions): AsyncIterable<WatchEvent[]>;
  /**
   * The events added by the commits (afterVersion, upToVersion], in (version, id) order: the
   * delta between two data versions, in one bounded query. `truncated` when there are more
   * than `limit` (default 100 000): read the history instead.
   */
  eventsAdded(viewerId: string, afterVersion: number, upToVersion: number, limit?: number): Promise<EventDelta>;
  countEvents(viewerId: string): Promise<number>;
  changeLog(viewerId: string, sinceVersion?: number): Promise<ChangeLogEntry[]>;

  getEntries(keys: readonly string[]): Promise<(StoredEntry | null)[]>;
  /**
   * Deletes expired entries (past `expiresAt + retainStaleMs`) and, per viewer over
   * `perViewerBytes`, the least valuable entries outside the base set (lowest usage benefit,
   * then oldest), and gives the space back to the file system where the store can.
   */
  sweepEntries(options: SweepOptions): Promise<SweepReport>;
  putEntry(viewerId: string, entry: StoredEntry): Promise<void>;
  deleteEntries(keys: readonly string[]): Promise<void>;

  /** Adds `increment` to a decayed counter (half-life `halfLifeMs`) at time `now`. */
  recordUsage(row: Omit<UsageRow, 'score' | 'updatedAt'>, now: number, halfLifeMs: number, increment?: number): Promise<void>;
  usage(viewerId: string): Promise<UsageRow[]>;

  close(): Promise<void>;
}
