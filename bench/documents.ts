/**
 * Bounded memory for documents (issue: "5 000 distinct valid documents leave RSS under 1 GiB"):
 * the HTTP server of bench/http.ts (in-memory SQLite, 50 000-event demo, base set warm) gets
 * BENCH_DOCUMENTS (default 5 000) distinct documents, each within the document limits and each
 * valid — a 2.6 KB dashboard-like selection whose aliases differ — and the server's RSS is
 * sampled as they go. Also sent: the same work as one document with variables, as the baseline.
 */
import { startServer } from './http.js';
import { load } from './support/load.js';

const COUNT = Number(process.env.BENCH_DOCUMENTS ?? 5000);

/** A distinct, valid document of ~2.6 KB: warm aggregations under aliases that vary with `i`. */
function documentOf(i: number): string {
  const fields = [
    'kpis { data { videos uniqueChannels estimatedWatchSeconds } meta { source stale computedAt } }',
    'monthlyTrend { data { month videos uniqueChannels estimatedWatchSeconds } meta { source } }',
    'topChannels(limit: 10) { data { channel { id channelKey channelTitle channelUrl } videos shareOfVideos } meta { source } }',
    'heatmap { data { weekday hour videos } meta { source } }',
    'topics { data { topic videos } meta { source } }',
  ];
  const body = fields.map((f, k) => `d${i}_${k}: ${f}`).join('\n    ');
  return `query Distinct${i} {\n  viewer { id timeZone dataVersion }\n  analytics {\n    ${body}\n  }\n}\n# ${'padding '.repeat(180)}`;
}

export async function run(): Promise<void> {
  const server = await startServer();
  const rss = server.rss;
  try {
    const before = await rss();
    let maxRss = before;
    let errors = 0;
    let i = 0;
    const sampleEvery = Math.max(1, Math.floor(COUNT / 20));
    const samples: [number, number, number][] = [];
    while (i < COUNT) {
      const batch = Array.from({ length: Math.min(50, COUNT - i) }, () => JSON.stringify({ query: documentOf(i++) }));
      let k = 0;
      const r = await load(server.port, () => batch[k++ % batch.length] as string, 8, 0, {}, batch.length);
      errors += r.errors;
      if (i % sampleEvery < 50) {
        const now = await rss();
        maxRss = Math.max(maxRss, now);
        samples.push([i, now, await server.heapAfterGc()]);
      }
    }
    const after = await rss();
    const mb = (b: number) => (b / 1024 / 1024).toFixed(0).padStart(7);
    console.log(`${COUNT} distinct valid documents (${documentOf(1).length} bytes each) against one gateway (50 000-event demo)`);
    console.log(`${'documents sent'.padEnd(16)}${'RSS MB'.padStart(8)}${'heap after GC MB'.padStart(18)}`);
    for (const [n, b, h] of samples) console.log(`${String(n).padEnd(16)}${mb(b)}${mb(h).padStart(18)}`);
    console.log(
      `RSS before ${mb(before)} MB, max ${mb(maxRss)} MB, after ${mb(after)} MB; errors ${errors}; target: under 1024 MB, no crash`,
    );
  } finally {
    server.stop();
  }
}
