/**
 * The embedded default store: one SQLite file through better-sqlite3 (synchronous; the async
 * interface keeps the Convex adapter interchangeable). Imports are staged and become visible
 * in one transaction at commit, so a failed import changes nothing.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { EventKind, Product, WatchEvent } from '../domain/events.js';
import { migrate } from './migrations.js';
import type { ChangeLogEntry, CommitResult, ImportSession, ImportStats, Store, StoredEntry, UsageRow, Viewer } from './types.js';

export interface SqliteStoreOptions {
  /** File path, or `:memory:`. Parent folders are created. */
  path: string;
  /** Staged rows of imports older than this are removed at open (crashed imports). Default 24 h. */
  staleImportMs?: number;
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

/**
 * One keyset page of dated events after the cursor (watched_at, id). The row value makes the
 * whole cursor the lower bound of the index range (events_by_time holds (viewer_id,
 * watched_at) plus the primary key's id), so every page costs the same; the equivalent
 * `watched_at > ? OR (watched_at = ? AND id > ?)` bounds the scan by nothing and page n
 * walks n pages of the index.
 */
export const DATED_PAGE_SQL = `SELECT ${EVENT_COLUMNS} FROM events WHERE viewer_id = ? AND watched_at IS NOT NULL
  AND (watched_at, id) > (?, ?) ORDER BY watched_at, id LIMIT ?`;
/** Staging columns, typed like `events` so values are stored (and compared) the same way. */
const STAGE_COLUMNS_DDL =
  'id TEXT NOT NULL, watched_at INTEGER, video_id TEXT, video_title TEXT NOT NULL, channel_key TEXT, channel_title TEXT, product TEXT NOT NULL, kind TEXT NOT NULL, is_ad INTEGER NOT NULL, topics INTEGER NOT NULL';

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

/** Opens (and migrates) a SQLite store. */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Imports stage in TEMP tables (see openStaging). temp_store stays at its default (a temp
  // file, unlinked at open): MEMORY or a larger page cache measured no faster and held the
  // whole staged import in RAM (10⁶ JSON entries: peak RSS 562 MiB).
  migrate(db);
  db.prepare('DELETE FROM import_staging WHERE created_at < ?').run(Date.now() - (options.staleImportMs ?? 86_400_000));

  const q = {
    viewer: db.prepare<[string], { id: string; time_zone: string; data_version: number }>(
      'SELECT id, time_zone, data_version FROM viewers WHERE id = ?',
    ),
    insertViewer: db.prepare('INSERT OR IGNORE INTO viewers (id, time_zone, data_version) VALUES (?, ?, 0)'),
    setZone: db.prepare('UPDATE viewers SET time_zone = ? WHERE id = ?'),
    bumpVersion: db.prepare('UPDATE viewers SET data_version = data_version + 1 WHERE id = ?'),
    appendLog: db.prepare('INSERT INTO change_log (viewer_id, data_version, committed_at, added, stats) VALUES (?, ?, ?, ?, ?)'),
    log: db.prepare<
      [string, number],
      { viewer_id: string; data_version: number; committed_at: number; added: number; stats: string }
    >(
      'SELECT viewer_id, data_version, committed_at, added, stats FROM change_log WHERE viewer_id = ? AND data_version > ? ORDER BY seq',
    ),
    events: db.prepare<[string], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE viewer_id = ? ORDER BY watched_at IS NOT NULL, watched_at, id`,
    ),
    undatedPage: db.prepare<[string, string, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE viewer_id = ? AND watched_at IS NULL AND id > ? ORDER BY id LIMIT ?`,
    ),
    datedPage: db.prepare<[string, number, string, number], EventRow>(DATED_PAGE_SQL),
    countEvents: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM events WHERE viewer_id = ?'),
    entry: db.prepare<[string], { key: string; value: Buffer; expires_at: number }>(
      'SELECT key, value, expires_at FROM entries WHERE key = ?',
    ),
    putEntry: db.prepare(
      `INSERT INTO entries (key, viewer_id, value, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
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

  const getViewerSync = (id: string): Viewer | null => {
    const r = q.viewer.get(id);
    return r ? { id: r.id, timeZone: r.time_zone, dataVersion: r.data_version } : null;
  };

  /** Statements of one import's TEMP staging table (rowid = arrival order). */
  interface Staging {
    table: string;
    stageRow: Database.Statement<unknown[]>;
    publish: Database.Statement<[string]>;
  }
  let stagingSeq = 0;
  const openStaging = (): Staging => {
    const table = `temp.import_stage_${++stagingSeq}`;
    db.exec(`CREATE TABLE ${table} (${STAGE_COLUMNS_DDL})`);
    return {
      table,
      stageRow: db.prepare(`INSERT INTO ${table} (${EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      // In primary-key order: the WITHOUT ROWID B-tree then grows by appends instead of random
      // page splits. `rowid` breaks ties so the first staged copy of a duplicate id wins.
      publish: db.prepare(
        `INSERT OR IGNORE INTO events (viewer_id, ${EVENT_COLUMNS})
         SELECT ?, ${EVENT_COLUMNS} FROM ${table} ORDER BY id, rowid`,
      ),
    };
  };
  const dropStaging = (st: Staging): void => {
    db.exec(`DROP TABLE IF EXISTS ${st.table}`);
  };

  const commitTx = db.transaction((st: Staging, staged: number, viewerId: string, stats: ImportStats): CommitResult => {
    const added = st.publish.run(viewerId).changes;
    if (added > 0) q.bumpVersion.run(viewerId);
    const viewer = getViewerSync(viewerId);
    if (!viewer) throw new Error(`[store/sqlite] viewer ${viewerId} vanished during commit`);
    const duplicates = staged - added;
    const logged: ImportStats = { ...stats, duplicatesSkipped: stats.duplicatesSkipped + duplicates };
    q.appendLog.run(viewerId, viewer.dataVersion, Date.now(), added, JSON.stringify(logged));
    return { added, duplicates, dataVersion: viewer.dataVersion };
  });

  const stageTx = db.transaction((st: Staging, events: readonly WatchEvent[]) => {
    for (const e of events) {
      st.stageRow.run(
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
  });

  const usageTx = db.transaction(
    (row: Omit<UsageRow, 'score' | 'updatedAt'>, now: number, halfLifeMs: number, increment: number) => {
      const prev = q.usageRow.get(row.viewerId, row.aggregation, row.filterKey);
      const decayed = prev ? prev.score * 2 ** (-Math.max(0, now - prev.updated_at) / halfLifeMs) : 0;
      q.putUsage.run(
        row.viewerId,
        row.aggregation,
        row.filterKey,
        row.params,
        decayed + increment,
        now,
        row.computeMillis,
        row.bytes,
      );
    },
  );

  const store: Store = {
    kind: 'sqlite',
    async getViewer(id) {
      return getViewerSync(id);
    },
    async ensureViewer(id, timeZone = 'UTC') {
      q.insertViewer.run(id, timeZone);
      return getViewerSync(id) as Viewer;
    },
    async setViewerTimeZone(id, timeZone) {
      q.insertViewer.run(id, timeZone);
      q.setZone.run(timeZone, id);
      return getViewerSync(id) as Viewer;
    },
    async beginImport(viewerId): Promise<ImportSession> {
      q.insertViewer.run(viewerId, 'UTC');
      const st = openStaging();
      let staged = 0;
      let state: 'open' | 'done' = 'open';
      const ensureOpen = (op: string) => {
        if (state !== 'open') throw new Error(`[store/sqlite] ${op} on an import that is already committed or aborted`);
      };
      return {
        async addBatch(events) {
          ensureOpen('addBatch');
          if (events.length === 0) return;
          stageTx(st, events);
          staged += events.length;
        },
        async commit(stats) {
          ensureOpen('commit');
          state = 'done';
          try {
            return commitTx(st, staged, viewerId, stats);
          } finally {
            dropStaging(st);
          }
        },
        async abort() {
          if (state === 'done') return;
          state = 'done';
          dropStaging(st);
        },
      };
    },
    async loadEvents(viewerId) {
      return q.events.all(viewerId).map(rowToEvent);
    },
    async *eventPages(viewerId, pageSize = 5000) {
      // Keyset pages, one statement each (a cursor held across awaits would keep the single
      // connection busy for every other request). Undated first, then by (watched_at, id).
      let lastId = '';
      for (;;) {
        const rows = q.undatedPage.all(viewerId, lastId, pageSize);
        if (rows.length === 0) break;
        yield rows.map(rowToEvent);
        lastId = (rows[rows.length - 1] as EventRow).id;
      }
      let lastAt = Number.NEGATIVE_INFINITY;
      lastId = '';
      for (;;) {
        const rows = q.datedPage.all(viewerId, lastAt, lastId, pageSize);
        if (rows.length === 0) break;
        yield rows.map(rowToEvent);
        const last = rows[rows.length - 1] as EventRow;
        lastAt = last.watched_at as number;
        lastId = last.id;
      }
    },
    async countEvents(viewerId) {
      return q.countEvents.get(viewerId)?.n ?? 0;
    },
    async changeLog(viewerId, sinceVersion = -1): Promise<ChangeLogEntry[]> {
      return q.log.all(viewerId, sinceVersion).map((r) => ({
        viewerId: r.viewer_id,
        dataVersion: r.data_version,
        committedAt: r.committed_at,
        added: r.added,
        stats: JSON.parse(r.stats) as ImportStats,
      }));
    },
    async getEntries(keys): Promise<(StoredEntry | null)[]> {
      return keys.map((key) => {
        const r = q.entry.get(key);
        return r
          ? { key: r.key, value: new Uint8Array(r.value.buffer, r.value.byteOffset, r.value.byteLength), expiresAt: r.expires_at }
          : null;
      });
    },
    async putEntry(viewerId, entry) {
      q.putEntry.run(
        entry.key,
        viewerId,
        Buffer.from(entry.value.buffer, entry.value.byteOffset, entry.value.byteLength),
        entry.expiresAt,
      );
    },
    async deleteEntries(keys) {
      for (const k of keys) q.deleteEntry.run(k);
    },
    async recordUsage(row, now, halfLifeMs, increment = 1) {
      if (!(halfLifeMs > 0)) throw new Error(`[store/sqlite] expected halfLifeMs > 0, got ${halfLifeMs}`);
      usageTx(row, now, halfLifeMs, increment);
    },
    async usage(viewerId) {
      return q.usage.all(viewerId).map((r) => ({
        viewerId: r.viewer_id,
        aggregation: r.aggregation,
        filterKey: r.filter_key,
        params: r.params,
        score: r.score,
        updatedAt: r.updated_at,
        computeMillis: r.compute_millis,
        bytes: r.bytes,
      }));
    },
    async close() {
      db.close();
    },
  };
  return store;
}
