import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../store/migrations.js';
import { createSqliteStore } from '../../store/sqlite.js';
import { ADDED_SQL, COUNT_EVENTS_SQL, DATED_PAGE_SQL, openDatabase, VISIBLE_ADDED_SQL } from '../../store/sqlite-core.js';
import { describeStore, emptyStats, makeEvent } from './contract.js';

describeStore('sqlite (:memory:)', async () => createSqliteStore({ path: ':memory:' }));

const fileDir = mkdtempSync(join(tmpdir(), 'wg-sqlite-contract-'));
let fileSeq = 0;
afterAll(() => rmSync(fileDir, { recursive: true, force: true }));
describeStore('sqlite (file, writer thread)', async () => createSqliteStore({ path: join(fileDir, `c${++fileSeq}.db`) }));

describe('sqlite query plans', () => {
  const plan = (sql: string, params: unknown[]) => {
    const db = openDatabase(':memory:');
    try {
      return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
    } finally {
      db.close();
    }
  };

  it('a page of dated events is one index range bounded by the whole (watched_at, id) cursor', () => {
    // With `watched_at > ? OR (watched_at = ? AND id > ?)` the range was only `watched_at>?` (from
    // IS NOT NULL), so page n walked n pages of the index: a 1M-event load went quadratic.
    expect(plan(DATED_PAGE_SQL, ['v', 0, '', 1, 10])).toEqual([
      expect.stringMatching(/USING INDEX events_by_time \(viewer_id=\? AND \(watched_at,id\)>\(\?,\?\)\)/),
    ]);
  });

  it('the delta between two versions is one range of the version index', () => {
    expect(plan(ADDED_SQL, ['v', 1, 2, 10]).join(' ')).toMatch(
      /USING INDEX events_by_version \(viewer_id=\? AND added_version>\? AND added_version<\?\)/,
    );
  });

  it("migrates a version-1 database: existing events belong to their viewer's current version", () => {
    const path = join(fileDir, 'v1.db');
    const old = new Database(path);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    old.exec((MIGRATIONS[0] as { sql: string }).sql);
    old.prepare('INSERT INTO schema_migrations VALUES (1, 0)').run();
    old.prepare("INSERT INTO viewers (id, time_zone, data_version) VALUES ('v', 'UTC', 4)").run();
    old
      .prepare(
        "INSERT INTO events (viewer_id, id, watched_at, video_title, product, kind, is_ad, topics) VALUES ('v', 'e1', 1, 't', 'YOUTUBE', 'WATCHED', 0, 1)",
      )
      .run();
    old.prepare("INSERT INTO entries (key, viewer_id, value, expires_at) VALUES ('wg:{v}:kpis:1:f', 'v', x'0102', 9)").run();
    old.close();
    const db = openDatabase(path); // runs the later migrations
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: MIGRATIONS.length });
    expect(db.prepare('SELECT added_version FROM events').get()).toEqual({ added_version: 4 });
    expect(db.prepare('SELECT bytes FROM entries').get()).toEqual({ bytes: 2 });
    // The stored-events count starts from the events already there.
    expect(db.prepare('SELECT event_count FROM viewers').get()).toEqual({ event_count: 1 });
    db.close();
  });

  it("a commit counts what it added from one range of the version index, not the viewer's history", () => {
    expect(plan(VISIBLE_ADDED_SQL, ['v', 2]).join(' ')).toMatch(
      /USING INDEX events_by_version \(viewer_id=\? AND added_version=\?\)/,
    );
  });

  it('counts stored events from the viewer row, never by scanning the events', () => {
    const steps = plan(COUNT_EVENTS_SQL, ['v']).join(' ');
    expect(steps).not.toMatch(/events/);
    expect(steps).toMatch(/SEARCH viewers USING (INTEGER PRIMARY KEY|INDEX sqlite_autoindex_viewers|PRIMARY KEY)/);
  });
});

describe('sqlite file store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wg-sqlite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('persists across reopen; an import interrupted by a crash leaves nothing and blocks nothing', async () => {
    const path = join(dir, 'nested', 'wg.db');
    const a = createSqliteStore({ path });
    const s = await a.beginImport('v');
    await s.addBatch([makeEvent(1)]);
    await s.commit(emptyStats());
    const crashed = await a.beginImport('v');
    await crashed.addBatch([makeEvent(2)]);
    await a.close();
    const b = createSqliteStore({ path });
    expect((await b.loadEvents('v')).map((e) => e.id)).toEqual(['e000001']);
    expect((await b.getViewer('v'))?.dataVersion).toBe(1);
    // The interrupted import's event can be imported afresh: it was never stored, not even as a duplicate.
    const retry = await b.beginImport('v');
    await retry.addBatch([makeEvent(2)]);
    expect(await retry.commit(emptyStats())).toEqual({ added: 1, duplicates: 0, dataVersion: 2 });
    await b.close();
  });
});
