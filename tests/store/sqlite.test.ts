import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../store/sqlite.js';
import { describeStore, emptyStats, makeEvent } from './contract.js';

describeStore('sqlite (:memory:)', async () => createSqliteStore({ path: ':memory:' }));

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
    const b = createSqliteStore({ path, staleImportMs: 0 });
    expect((await b.loadEvents('v')).map((e) => e.id)).toEqual(['e000001']);
    expect((await b.getViewer('v'))?.dataVersion).toBe(1);
    // The interrupted import's event can be imported afresh: it was never stored, not even as a duplicate.
    const retry = await b.beginImport('v');
    await retry.addBatch([makeEvent(2)]);
    expect(await retry.commit(emptyStats())).toEqual({ added: 1, duplicates: 0, dataVersion: 2 });
    await b.close();
  });
});
