import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../store/sqlite.js';
import { KpisDocument } from '../generated/graphql.js';
import { testGateway } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'wg-import-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const runImport = (db: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'import.ts', 'tests/fixtures/takeout/watch-history.json', '--db', db], {
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('npm run import (import.ts)', () => {
  it('imports, precomputes the base set, and a gateway then serves it from the store tier', async () => {
    const db = join(dir, 'wg.db');
    const r = runImport(db);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/events added\s+\d+/);
    expect(r.stderr).toMatch(/precomputed \d+ entries of the base set/);
    const gw = testGateway({ store: createSqliteStore({ path: db }), now: Date.now });
    const k = await gw.run(KpisDocument, {});
    expect(k.data!.analytics!.kpis!.meta).toMatchObject({ source: 'STORE', dataVersion: 1 });
    await gw.close();
    await gw.store.close();
    const again = runImport(db); // idempotent: nothing added
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/events added\s+0/);
    expect(again.stderr).toMatch(/precomputed/); // duplicates are a new version too (dataQuality)
  }, 90_000);
});
