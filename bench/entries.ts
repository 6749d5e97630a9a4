/**
 * Lifecycle of cached entries: with the 50 000-event demo in a SQLite file, BENCH_COMBOS
 * (default 8 000) distinct filter combos are requested through the gateway (a 30-day range
 * that moves a day at a time, three aggregations each), with the retention sweep running as in
 * production (STORE_ENTRY_BUDGET_MB 64 per viewer, the base set never evicted). Prints the
 * file's size (with its WAL) as it goes; the target is under 200 MB (before retention: 41 MB →
 * 2.84 GB). Baseline in the same run: the same store with the sweep off.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_VIEWER_ID } from '../resolvers/context.js';
import { loadDemoHistory } from '../server/demo.js';
import { makeGateway } from '../server/gateway.js';
import { createSqliteStore } from '../store/sqlite.js';

const COMBOS = Number(process.env.BENCH_COMBOS ?? 8000);
const DAY = 86_400_000;

const sizeOf = (path: string): number => {
  let total = 0;
  for (const p of [path, `${path}-wal`]) {
    try {
      total += statSync(p).size;
    } catch {}
  }
  return total;
};

async function runOnce(sweep: boolean, combos: number): Promise<[number, number][]> {
  const dir = mkdtempSync(join(tmpdir(), 'wg-entries-'));
  const path = join(dir, 'wg.db');
  const store = createSqliteStore({ path });
  const now = Date.now();
  await store.ensureViewer(LOCAL_VIEWER_ID, 'UTC');
  await loadDemoHistory(store, LOCAL_VIEWER_ID, 50_000, now, 'UTC');
  const gw = makeGateway({ store, entries: { sweepMs: 0, perViewerBytes: 64 * 1024 * 1024 }, responseCacheBytes: 0 });
  await gw.services.precomputer.schedule(LOCAL_VIEWER_ID);
  await gw.queue.idle();
  const samples: [number, number][] = [[0, sizeOf(path)]];
  const every = Math.max(1, Math.floor(combos / 10));
  try {
    for (let i = 0; i < combos; i++) {
      const from = new Date(now - (i + 31) * DAY).toISOString().slice(0, 10);
      const to = new Date(now - (i + 1) * DAY).toISOString().slice(0, 10);
      const query = `{ analytics(filter: { range: { from: "${from}", to: "${to}" } }) { kpis { data { videos } } topChannels { data { videos } } heatmap { data { videos } } } }`;
      const res = await gw.yoga.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      await res.text();
      if (sweep && i % 200 === 199) await gw.sweepEntries();
      if ((i + 1) % every === 0) samples.push([i + 1, sizeOf(path)]);
    }
    if (sweep) await gw.sweepEntries();
    samples.push([combos, sizeOf(path)]);
  } finally {
    await gw.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return samples;
}

export async function run(): Promise<void> {
  const baselineCombos = Math.min(COMBOS, Number(process.env.BENCH_BASELINE_COMBOS ?? 2000));
  const off = await runOnce(false, baselineCombos);
  const on = await runOnce(true, COMBOS);
  const mb = (b: number) => (b / 1024 / 1024).toFixed(1).padStart(9);
  console.log(`SQLite file (+WAL) with the 50 000-event demo, distinct filter combos requested (3 aggregations each)`);
  console.log(`${'combos'.padEnd(10)}${'sweep on MB'.padStart(12)}`);
  for (const [n, b] of on) console.log(`${String(n).padEnd(10)}${mb(b)}`);
  const perCombo = ((off.at(-1)?.[1] ?? 0) - (off[0]?.[1] ?? 0)) / baselineCombos;
  console.log(
    `baseline, sweep off: ${mb(off[0]?.[1] ?? 0).trim()} MB → ${mb(off.at(-1)?.[1] ?? 0).trim()} MB after ${baselineCombos} combos (${(perCombo / 1024).toFixed(1)} KB per combo; ${mb(perCombo * COMBOS).trim()} MB extrapolated to ${COMBOS})`,
  );
  console.log(`sweep on: ${mb(on.at(-1)?.[1] ?? 0).trim()} MB after ${COMBOS} combos; target under 200 MB`);
}
