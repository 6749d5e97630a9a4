/**
 * Versioned SQLite migrations. Append only: a shipped migration is never edited; the
 * `schema_migrations` table records which ran.
 */
import type Database from 'better-sqlite3';

export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE viewers (
        id TEXT PRIMARY KEY,
        time_zone TEXT NOT NULL DEFAULT 'UTC',
        data_version INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE events (
        viewer_id TEXT NOT NULL REFERENCES viewers(id),
        id TEXT NOT NULL,
        watched_at INTEGER,
        video_id TEXT,
        video_title TEXT NOT NULL,
        channel_key TEXT,
        channel_title TEXT,
        product TEXT NOT NULL,
        kind TEXT NOT NULL,
        is_ad INTEGER NOT NULL,
        topics INTEGER NOT NULL,
        PRIMARY KEY (viewer_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX events_by_time ON events (viewer_id, watched_at);
      CREATE TABLE import_staging (
        import_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        viewer_id TEXT NOT NULL,
        id TEXT NOT NULL,
        watched_at INTEGER,
        video_id TEXT,
        video_title TEXT NOT NULL,
        channel_key TEXT,
        channel_title TEXT,
        product TEXT NOT NULL,
        kind TEXT NOT NULL,
        is_ad INTEGER NOT NULL,
        topics INTEGER NOT NULL,
        PRIMARY KEY (import_id, seq)
      );
      CREATE TABLE change_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        viewer_id TEXT NOT NULL,
        data_version INTEGER NOT NULL,
        committed_at INTEGER NOT NULL,
        added INTEGER NOT NULL,
        stats TEXT NOT NULL
      );
      CREATE INDEX change_log_by_viewer ON change_log (viewer_id, data_version);
      CREATE TABLE entries (
        key TEXT PRIMARY KEY,
        viewer_id TEXT NOT NULL,
        value BLOB NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX entries_by_viewer ON entries (viewer_id);
      CREATE TABLE usage (
        viewer_id TEXT NOT NULL,
        aggregation TEXT NOT NULL,
        filter_key TEXT NOT NULL,
        params TEXT NOT NULL,
        score REAL NOT NULL,
        updated_at INTEGER NOT NULL,
        compute_millis REAL NOT NULL,
        bytes INTEGER NOT NULL,
        PRIMARY KEY (viewer_id, aggregation, filter_key)
      );
    `,
  },
  {
    // Which commit added each event, so any process can read exactly the events added since
    // the version it holds (Store.eventsAdded) and read the history as of a version.
    version: 2,
    sql: `
      ALTER TABLE events ADD COLUMN added_version INTEGER NOT NULL DEFAULT 0;
      UPDATE events SET added_version = (SELECT data_version FROM viewers WHERE viewers.id = events.viewer_id);
      CREATE INDEX events_by_version ON events (viewer_id, added_version);
      ALTER TABLE change_log ADD COLUMN visible_added INTEGER;
      ALTER TABLE change_log ADD COLUMN visible_non_ad_added INTEGER;
      DROP TABLE IF EXISTS import_staging;
    `,
  },
  {
    // Retention of cached entries: what a sweep and a per-viewer byte budget need to choose.
    version: 3,
    sql: `
      ALTER TABLE entries ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE entries ADD COLUMN data_version INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE entries ADD COLUMN base INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE entries ADD COLUMN aggregation TEXT NOT NULL DEFAULT '';
      ALTER TABLE entries ADD COLUMN filter_key TEXT NOT NULL DEFAULT '';
      ALTER TABLE entries ADD COLUMN written_at INTEGER NOT NULL DEFAULT 0;
      UPDATE entries SET bytes = length(value);
      CREATE INDEX entries_by_expiry ON entries (expires_at);
    `,
  },
  {
    // The stored-events count, kept by every commit: the event quota read a COUNT over the
    // viewer's whole history (47–85 ms at 1 M events, on a serving thread).
    version: 4,
    sql: `
      ALTER TABLE viewers ADD COLUMN event_count INTEGER NOT NULL DEFAULT 0;
      UPDATE viewers SET event_count = (SELECT COUNT(*) FROM events WHERE events.viewer_id = viewers.id);
    `,
  },
];

/** Runs the migrations not yet applied, each in its own transaction. */
export function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const done = new Set(
    db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
      .all()
      .map((r) => r.version),
  );
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, Date.now());
    })();
  }
}

export const LATEST_MIGRATION = MIGRATIONS.length;
