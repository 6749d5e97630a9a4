/**
 * The SQLite store's operations as synchronous calls on one better-sqlite3 connection. The
 * async Store of sqlite.ts runs them in this thread (`:memory:` databases) or sends the
 * writes to a writer thread (files), so a long commit never runs on a serving event loop.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database, { type Transaction } from 'better-sqlite3';
import type { EventKind, Product, WatchEvent } from '../domain/events.js';
import { migrate } from './migrations.js';
import type {
  ChangeLogEntry,
  CommitResult,
  ImportStats,
  StoredEntry,
  SweepOptions,
  SweepReport,
  UsageRow,
  Viewer,
} from './types.js';

/** The aggregation and `filterKey#params` of an entry key `wg:{viewer}:<aggregation>:<definitionVersion>:<filterKey>[#params]`. */
export function parseEntryKey(key: string): { aggregation: string; filterKey: string } {
  const m = /^wg:\{[^}]*\}:([^:]+):\d+:(.*)$/.exec(key);
  return m ? { aggregation: m[1] as string, filterKey: m[2] as string } : { aggregation: '', filterKey: '' };
}

interface EventRow {
  id: string;
  watched_at: number | null;
  video_id: string | null;
  video_title: string;
  channel_key: string | null;
  channel_title: string | null;
  product: Product;
  kind: EventKind;
  is_ad: number;
  topics: number;
}

const EVENT_COLUMNS = 'id, watched_at, video_id, video_title, channel_key, channel_title, product, kind, is_ad, topics';
/** Staging columns, typed like `events` so values are stored (and compared) the same way. */
const STAGE_COLUMNS_DDL =
  'id TEXT NOT NULL, watched_at INTEGER, video_id TEXT, video_title TEXT NOT NULL, channel_key TEXT, channel_title TEXT, product TEXT NOT NULL, kind TEXT NOT NULL, is_ad INTEGER NOT NULL, topics INTEGER NOT NULL';

/**
 * One keyset page of dated events after the cursor (watched_at, id), as of a data version.
 * The row value makes the whole cursor the lower bound of the index range (events_by_time
 * holds (viewer_id, watched_at) plus the primary key's id), so every page costs the same; the
 * equivalent `watched_at > ? OR (watched_at = ? AND id > ?)` bounds the scan by nothing and
 * page n walks n pages of the index.
 */
export const DATED_PAGE_SQL = `SELECT ${EVENT_COLUMNS} FROM events WHERE viewer_id = ? AND watched_at IS NOT NULL
  AND (watched_at, id) > (?, ?) AND added_version <= ? ORDER BY watched_at, id LIMIT ?`;

/** The events a range of commits added: one range of the (viewer_id, added_version) index. */
/**
 * Dated WATCHED events (and how many are not ads) a commit added: one range of the version index.
 * Without INDEXED BY the planner took the primary key (viewer_id) and counted the viewer's whole
 * history in every commit (264 ms at 1 M events).
 */
export const VISIBLE_ADDED_SQL = `SELECT COUNT(*) AS visible, COALESCE(SUM(is_ad = 0), 0) AS nonAd FROM events INDEXED BY events_by_version
  WHERE viewer_id = ? AND added_version = ? AND kind = 'WATCHED' AND watched_at IS NOT NULL`;

/** Stored events of a viewer: kept by every commit (migration 4), so no scan of the history. */
export const COUNT_EVENTS_SQL = 'SELECT event_count AS n FROM viewers WHERE id = ?';
export const ADDED_SQL = `SELECT ${EVENT_COLUMNS} FROM events WHERE viewer_id = ? AND added_version > ? AND added_version <= ?
  ORDER BY added_version, id LIMIT ?`;

const rowToEvent = (r: EventRow): WatchEvent => ({
  id: r.id,
  watchedAt: r.watched_at,
  videoId: r.video_id,
  videoTitle: r.video_title,
  channelKey: r.channel_key,
  channelTitle: r.channel_title,
  product: r.product,
  kind: r.kind,
  isAd: r.is_ad === 1,
  topics: r.topics,
});

type LogRow = {
  viewer_id: string;
  data_version: number;
  committed_at: number;
  added: number;
  stats: string;
  visible_added: number | null;
  visible_non_ad_added: number | null;
};

const logEntry = (r: LogRow): ChangeLogEntry => ({
  viewerId: r.viewer_id,
  dataVersion: r.data_version,
  committedAt: r.committed_at,
  added: r.added,
  stats: JSON.parse(r.stats) as ImportStats,
  ...(r.visible_added === null ? {} : { visibleAdded: r.visible_added }),
  ...(r.visible_non_ad_added === null ? {} : { visibleNonAdAdded: r.visible_non_ad_added }),
});

export type UsageInput = Omit<UsageRow, 'score' | 'updatedAt'>;

/** Opens (creating its folder) and, unless read-only, migrates a database. */
export function openDatabase(path: string, options: { readonly?: boolean } = {}): Database.Database {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (!options.readonly) {
    // Before the first table: freed pages can be given back to the file system (sweeps).
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Writers wait for each other (several gateways or threads on one file) off the serving thread.
    db.pragma('busy_timeout = 10000');
    migrate(db);
  }
  return db;
}

/** Read operations (any connection, including a read-only one). */
export class SqliteReader {
  private readonly q;

  constructor(readonly db: Database.Database) {
    this.q = {
      viewer: db.prepare<[string], { id: string; time_zone: string; data_version: number }>(
        'SELECT id, time_zone, data_version FROM viewers WHERE id = ?',
      ),
      log: db.prepare<[string, number], LogRow>(
        `SELECT viewer_id, data_version, committed_at, added, stats, visible_added, visible_non_ad_added
         FROM change_log WHERE viewer_id = ? AND data_version > ? ORDER BY seq`,
      ),
      events: db.prepare<[string], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE viewer_id = ? ORDER BY watched_at IS NOT NULL, watched_at, id`,
      ),
      undatedPage: db.prepare<[string, string, number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE viewer_id = ? AND watched_at IS NULL AND id > ? AND added_version <= ?
         ORDER BY id LIMIT ?`,
      ),
      datedPage: db.prepare<[string, number, string, number, number], EventRow>(DATED_PAGE_SQL),
      added: db.prepare<[string, number, number, number], EventRow>(ADDED_SQL),
      countEvents: db.prepare<[string], { n: number }>(COUNT_EVENTS_SQL),
      entry: db.prepare<[string], { key: string; value: Buffer; expires_at: number }>(
        'SELECT key, value, expires_at FROM entries WHERE key = ?',
      ),
      usage: db.prepare<
        [string],
        {
          viewer_id: string;
          aggregation: string;
          filter_key: string;
          params: string;
          score: number;
          updated_at: number;
          compute_millis: number;
          bytes: number;
        }
      >('SELECT * FROM usage WHERE viewer_id = ?'),
    };
  }

  getViewer(id: string): Viewer | null {
    const r = this.q.viewer.get(id);
    return r ? { id: r.id, timeZone: r.time_zone, dataVersion: r.data_version } : null;
  }

  loadEvents(viewerId: string): WatchEvent[] {
    return this.q.events.all(viewerId).map(rowToEvent);
  }

  /** One page of `eventPages`: undated events by id, then dated ones by (watched_at, id), up to `upToVersion`. */
  page(
    viewerId: string,
    cursor: PageCursor,
    upToVersion: number,
    pageSize: number,
  ): { events: WatchEvent[]; next: PageCursor | null } {
    if (cursor.phase === 'undated') {
      const rows = this.q.undatedPage.all(viewerId, cursor.lastId, upToVersion, pageSize);
      if (rows.length === 0)
        return this.page(viewerId, { phase: 'dated', lastAt: Number.NEGATIVE_INFINITY, lastId: '' }, upToVersion, pageSize);
      return { events: rows.map(rowToEvent), next: { phase: 'undated', lastId: (rows[rows.length - 1] as EventRow).id } };
    }
    const rows = this.q.datedPage.all(viewerId, cursor.lastAt, cursor.lastId, upToVersion, pageSize);
    if (rows.length === 0) return { events: [], next: null };
    const last = rows[rows.length - 1] as EventRow;
    return { events: rows.map(rowToEvent), next: { phase: 'dated', lastAt: last.watched_at as number, lastId: last.id } };
  }

  /** Events added by the commits (afterVersion, upToVersion]; `truncated` when there are more than `limit`. */
  eventsAdded(
    viewerId: string,
    afterVersion: number,
    upToVersion: number,
    limit: number,
  ): { events: WatchEvent[]; truncated: boolean } {
    const rows = this.q.added.all(viewerId, afterVersion, upToVersion, limit + 1);
    const truncated = rows.length > limit;
    return { events: (truncated ? rows.slice(0, limit) : rows).map(rowToEvent), truncated };
  }

  countEvents(viewerId: string): number {
    return this.q.countEvents.get(viewerId)?.n ?? 0;
  }

  changeLog(viewerId: string, sinceVersion = -1): ChangeLogEntry[] {
    return this.q.log.all(viewerId, sinceVersion).map(logEntry);
  }

  getEntries(keys: readonly string[]): (StoredEntry | null)[] {
    return keys.map((key) => {
      const r = this.q.entry.get(key);
      return r
        ? { key: r.key, value: new Uint8Array(r.value.buffer, r.value.byteOffset, r.value.byteLength), expiresAt: r.expires_at }
        : null;
    });
  }

  usage(viewerId: string): UsageRow[] {
    return this.q.usage.all(viewerId).map((r) => ({
      viewerId: r.viewer_id,
      aggregation: r.aggregation,
      filterKey: r.filter_key,
      params: r.params,
      score: r.score,
      updatedAt: r.updated_at,
      computeMillis: r.compute_millis,
      bytes: r.bytes,
    }));
  }
}

/** Where `eventPages` continues: undated events by id first, then dated ones by (watched_at, id). */
export type PageCursor = { phase: 'undated'; lastId: string } | { phase: 'dated'; lastAt: number; lastId: string };
export const FIRST_PAGE: PageCursor = { phase: 'undated', lastId: '' };

/** Read and write operations on a read-write connection. */
export class SqliteWriter extends SqliteReader {
  private readonly w;
  private readonly staging = new Map<number, { table: string; staged: number; stage: Database.Statement<unknown[]> }>();
  private stagingSeq = 0;
  // Run with `.immediate`: they read before they write, and a deferred transaction whose snapshot
  // another connection (a second gateway on the file) has moved past fails with SQLITE_BUSY at
  // once, without waiting out busy_timeout. IMMEDIATE takes the write lock first, so it waits.
  private readonly commitTx: Transaction<(importId: number, viewerId: string, stats: ImportStats) => CommitResult>;
  private readonly stageTx: Transaction<(importId: number, events: readonly WatchEvent[]) => void>;
  private readonly usageTx: Transaction<(row: UsageInput, now: number, halfLifeMs: number, increment: number) => void>;

  constructor(db: Database.Database) {
    super(db);
    this.w = {
      insertViewer: db.prepare('INSERT OR IGNORE INTO viewers (id, time_zone, data_version) VALUES (?, ?, 0)'),
      setZone: db.prepare('UPDATE viewers SET time_zone = ? WHERE id = ?'),
      bumpVersion: db.prepare('UPDATE viewers SET data_version = data_version + 1, event_count = event_count + ? WHERE id = ?'),
      appendLog: db.prepare(
        `INSERT INTO change_log (viewer_id, data_version, committed_at, added, stats, visible_added, visible_non_ad_added)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      visible: db.prepare<[string, number], { visible: number; nonAd: number }>(VISIBLE_ADDED_SQL),
      putEntry: db.prepare(
        `INSERT INTO entries (key, viewer_id, value, expires_at, bytes, data_version, base, aggregation, filter_key, written_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, bytes = excluded.bytes,
           data_version = excluded.data_version, base = excluded.base, written_at = excluded.written_at`,
      ),
      deleteExpired: db.prepare<[number], unknown>('DELETE FROM entries WHERE expires_at < ?'),
      viewerBytes: db.prepare<[], { viewer_id: string; bytes: number }>(
        'SELECT viewer_id, SUM(bytes) AS bytes FROM entries GROUP BY viewer_id',
      ),
      // The least valuable first: outside the base set, by the planner's benefit (decayed
      // request count × compute cost ÷ size; never requested = 0), then superseded versions,
      // then the oldest written.
      evictable: db.prepare<[string], { key: string; bytes: number }>(
        `SELECT e.key, e.bytes FROM entries e
         LEFT JOIN usage u ON u.viewer_id = e.viewer_id AND u.aggregation = e.aggregation AND u.filter_key = e.filter_key
         WHERE e.viewer_id = ? AND e.base = 0
         ORDER BY COALESCE(u.score * u.compute_millis / MAX(u.bytes, 64), 0), e.data_version, e.written_at`,
      ),
      totals: db.prepare<[], { entries: number; bytes: number }>(
        'SELECT COUNT(*) AS entries, COALESCE(SUM(bytes), 0) AS bytes FROM entries',
      ),
      deleteEntry: db.prepare('DELETE FROM entries WHERE key = ?'),
      usageRow: db.prepare<[string, string, string], { score: number; updated_at: number }>(
        'SELECT score, updated_at FROM usage WHERE viewer_id = ? AND aggregation = ? AND filter_key = ?',
      ),
      putUsage: db.prepare(
        `INSERT INTO usage (viewer_id, aggregation, filter_key, params, score, updated_at, compute_millis, bytes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (viewer_id, aggregation, filter_key) DO UPDATE SET params = excluded.params, score = excluded.score,
           updated_at = excluded.updated_at, compute_millis = excluded.compute_millis, bytes = excluded.bytes`,
      ),
    };

    this.stageTx = db.transaction((importId: number, events: readonly WatchEvent[]) => {
      const st = this.openStaging(importId);
      for (const e of events) {
        st.stage.run(
          e.id,
          e.watchedAt,
          e.videoId,
          e.videoTitle,
          e.channelKey,
          e.channelTitle,
          e.product,
          e.kind,
          e.isAd ? 1 : 0,
          e.topics,
        );
      }
      st.staged += events.length;
    });

    this.commitTx = db.transaction((importId: number, viewerId: string, stats: ImportStats): CommitResult => {
      const st = this.openStaging(importId);
      const before = this.getViewer(viewerId);
      if (!before) throw new Error(`[store/sqlite] viewer ${viewerId} vanished during commit`);
      const version = before.dataVersion + 1;
      // In primary-key order: the WITHOUT ROWID B-tree then grows by appends instead of random
      // page splits. `rowid` breaks ties so the first staged copy of a duplicate id wins.
      const added = db
        .prepare(
          `INSERT OR IGNORE INTO events (viewer_id, added_version, ${EVENT_COLUMNS})
           SELECT ?, ?, ${EVENT_COLUMNS} FROM ${st.table} ORDER BY id, rowid`,
        )
        .run(viewerId, version).changes;
      const duplicates = st.staged - added;
      const logged: ImportStats = { ...stats, duplicatesSkipped: stats.duplicatesSkipped + duplicates };
      // Every commit that staged anything is a new version: new events, or at least new
      // duplicate counts for dataQuality. An empty commit changes nothing.
      if (st.staged === 0) return { added: 0, duplicates: 0, dataVersion: before.dataVersion };
      this.w.bumpVersion.run(added, viewerId);
      const visible = this.w.visible.get(viewerId, version) ?? { visible: 0, nonAd: 0 };
      this.w.appendLog.run(viewerId, version, Date.now(), added, JSON.stringify(logged), visible.visible, visible.nonAd);
      return { added, duplicates, dataVersion: version };
    });

    this.usageTx = db.transaction((row: UsageInput, now: number, halfLifeMs: number, increment: number) => {
      const prev = this.w.usageRow.get(row.viewerId, row.aggregation, row.filterKey);
      const decayed = prev ? prev.score * 2 ** (-Math.max(0, now - prev.updated_at) / halfLifeMs) : 0;
      this.w.putUsage.run(
        row.viewerId,
        row.aggregation,
        row.filterKey,
        row.params,
        decayed + increment,
        now,
        row.computeMillis,
        row.bytes,
      );
    });
  }

  ensureViewer(id: string, timeZone = 'UTC'): Viewer {
    this.w.insertViewer.run(id, timeZone);
    return this.getViewer(id) as Viewer;
  }

  setViewerTimeZone(id: string, timeZone: string): Viewer {
    this.w.insertViewer.run(id, timeZone);
    this.w.setZone.run(timeZone, id);
    return this.getViewer(id) as Viewer;
  }

  /** Starts a staged import (TEMP table of this connection); returns its id. */
  beginImport(viewerId: string): number {
    this.w.insertViewer.run(viewerId, 'UTC');
    const importId = ++this.stagingSeq;
    const table = `temp.import_stage_${importId}`;
    this.db.exec(`CREATE TABLE ${table} (${STAGE_COLUMNS_DDL})`);
    this.staging.set(importId, {
      table,
      staged: 0,
      stage: this.db.prepare(`INSERT INTO ${table} (${EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    });
    return importId;
  }

  addBatch(importId: number, events: readonly WatchEvent[]): void {
    if (events.length > 0) this.stageTx.immediate(importId, events);
  }

  commit(importId: number, viewerId: string, stats: ImportStats): CommitResult {
    try {
      return this.commitTx.immediate(importId, viewerId, stats);
    } finally {
      this.abort(importId);
    }
  }

  abort(importId: number): void {
    const st = this.staging.get(importId);
    if (!st) return;
    this.staging.delete(importId);
    this.db.exec(`DROP TABLE IF EXISTS ${st.table}`);
  }

  private openStaging(importId: number) {
    const st = this.staging.get(importId);
    if (!st) throw new Error(`[store/sqlite] import ${importId} is not open (already committed or aborted)`);
    return st;
  }

  putEntry(viewerId: string, entry: StoredEntry): void {
    const { aggregation, filterKey } = parseEntryKey(entry.key);
    this.w.putEntry.run(
      entry.key,
      viewerId,
      Buffer.from(entry.value.buffer, entry.value.byteOffset, entry.value.byteLength),
      entry.expiresAt,
      entry.value.byteLength,
      entry.dataVersion ?? 0,
      entry.base ? 1 : 0,
      aggregation,
      filterKey,
      Date.now(),
    );
  }

  /** Store.sweepEntries: expiry, then the per-viewer byte budget, then an incremental vacuum. */
  sweepEntries(options: SweepOptions): SweepReport {
    const expired = this.w.deleteExpired.run(options.now - options.retainStaleMs).changes;
    let evicted = 0;
    for (const { viewer_id, bytes } of this.w.viewerBytes.all()) {
      let over = bytes - options.perViewerBytes;
      if (over <= 0) continue;
      const victims: string[] = [];
      for (const row of this.w.evictable.iterate(viewer_id)) {
        if (over <= 0) break;
        victims.push(row.key);
        over -= row.bytes;
      }
      this.deleteEntries(victims);
      evicted += victims.length;
    }
    // Give freed pages back (auto_vacuum = INCREMENTAL); a database created before it keeps them.
    if (expired + evicted > 0) this.db.pragma('incremental_vacuum');
    const totals = this.w.totals.get() ?? { entries: 0, bytes: 0 };
    const pages = Number(this.db.pragma('page_count', { simple: true }));
    const pageSize = Number(this.db.pragma('page_size', { simple: true }));
    return { expired, evicted, entries: totals.entries, bytes: totals.bytes, fileBytes: pages * pageSize };
  }

  deleteEntries(keys: readonly string[]): void {
    for (const k of keys) this.w.deleteEntry.run(k);
  }

  recordUsage(row: UsageInput, now: number, halfLifeMs: number, increment = 1): void {
    if (!(halfLifeMs > 0)) throw new Error(`[store/sqlite] expected halfLifeMs > 0, got ${halfLifeMs}`);
    this.usageTx.immediate(row, now, halfLifeMs, increment);
  }
}
