/** Deterministic generated Takeout exports for benchmarks (JSON and HTML), written as they are generated. */
import { execFile } from 'node:child_process';
import { createWriteStream, existsSync, renameSync } from 'node:fs';
import {
  type HistoryItem,
  type HistoryItemKind,
  HTML_HEAD,
  HTML_TAIL,
  renderHtmlCell,
  renderJsonEntry,
} from '../../tests/ingest/render.js';

const HTML_STYLE = { date: 'en-US', zone: { label: 'EDT', offsetMinutes: -240 } } as const;

const WORDS = [
  'how',
  'to',
  'python',
  'tutorial',
  'best',
  'of',
  '2023',
  'music',
  'live',
  'news',
  'recipe',
  'baking',
  'game',
  'review',
];
const EXTRA = ['café', '日本', '😀', 'R&B', '<3', 'naïve', 'über', 'l\u2019été'];
const KINDS: [HistoryItemKind, number][] = [
  ['watched', 85],
  ['titleIsUrl', 3],
  ['removed', 2],
  ['post', 3],
  ['story', 1],
  ['ad', 4],
  ['adLink', 2],
];

/** `count` deterministic history items, newest first, going back from `start` (default 2024-06-01). */
export function* history(count: number, start = Date.UTC(2024, 5, 1)): Generator<HistoryItem> {
  let seed = 12345;
  const rnd = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  let at = start;
  for (let i = 0; i < count; i++) {
    at -= Math.floor(30_000 + rnd() * 300_000);
    let r = rnd() * 100;
    let kind: HistoryItemKind = 'watched';
    for (const [k, w] of KINDS) {
      if (r < w) {
        kind = k;
        break;
      }
      r -= w;
    }
    const words = Array.from({ length: 3 + Math.floor(rnd() * 6) }, () => (rnd() < 0.08 ? pick(EXTRA) : pick(WORDS)));
    const ch = Math.floor(rnd() * 5000);
    yield {
      kind,
      at: at + Math.floor(rnd() * 1000),
      videoId: `v${i.toString(36).padStart(10, '0')}`,
      title: words.join(' '),
      channel: rnd() < 0.95 ? { name: `Channel ${ch} ${pick(WORDS)}`, id: `UC${ch.toString(36).padStart(22, 'x')}` } : null,
      music: rnd() < 0.1,
    };
  }
}

/** Writes `parts` to `path` (through a temporary file) unless it exists. */
export async function writeFileFrom(path: string, parts: Iterable<string>): Promise<void> {
  if (existsSync(path)) return;
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp);
  let buf: string[] = [];
  let size = 0;
  for (const p of parts) {
    buf.push(p);
    size += p.length;
    if (size > 4 * 1024 * 1024) {
      if (!out.write(buf.join(''))) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = [];
      size = 0;
    }
  }
  out.write(buf.join(''));
  await new Promise<void>((resolve, reject) => out.end(() => resolve()).once('error', reject));
  renameSync(tmp, path);
}

/** A watch-history.json of `count` items. */
export function* jsonParts(count: number, start?: number): Generator<string> {
  yield '[';
  let first = true;
  for (const item of history(count, start)) {
    yield first ? renderJsonEntry(item) : `,${renderJsonEntry(item)}`;
    first = false;
  }
  yield ']';
}

/** A watch-history.html of `count` items. */
export function* htmlParts(count: number): Generator<string> {
  yield HTML_HEAD;
  for (const item of history(count)) yield renderHtmlCell(item, HTML_STYLE);
  yield HTML_TAIL;
}

const UPLOAD_MUTATION =
  'mutation($file: File!) { importTakeout(file: $file) { __typename ... on ImportTakeoutSuccess { data { eventsAdded } } } }';

/**
 * POSTs a Takeout export to `importTakeout` as a GraphQL multipart request (with the CSRF
 * header a browser client sends); resolves with the HTTP status and the response text.
 */
export async function uploadTakeout(
  base: string,
  body: Blob,
  name = 'watch-history.json',
): Promise<{ status: number; text: string }> {
  const form = new FormData();
  form.set(
    'operations',
    JSON.stringify({
      query: UPLOAD_MUTATION,
      variables: { file: null },
    }),
  );
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', body, name);
  const res = await fetch(`${base}/graphql`, { method: 'POST', body: form, headers: { 'x-graphql-yoga-csrf': '1' } });
  return { status: res.status, text: await res.text() };
}

/**
 * `uploadTakeout` of the file at `path`, run in a child process: a benchmark that measures
 * latencies on its own event loop while an upload streams must not stream it on that loop too
 * (reading and sending 20 MB would show up as the gateway's latency).
 */
export function uploadTakeoutFromChild(
  base: string,
  path: string,
  name = 'watch-history.json',
): Promise<{ status: number; text: string }> {
  const script = `
    import { readFileSync } from 'node:fs';
    const [base, path, name] = process.argv.slice(1);
    const form = new FormData();
    form.set('operations', ${JSON.stringify(JSON.stringify({ query: UPLOAD_MUTATION, variables: { file: null } }))});
    form.set('map', JSON.stringify({ 0: ['variables.file'] }));
    form.set('0', new Blob([readFileSync(path)], { type: 'application/json' }), name);
    const res = await fetch(base + '/graphql', { method: 'POST', body: form, headers: { 'x-graphql-yoga-csrf': '1' } });
    process.stdout.write(JSON.stringify({ status: res.status, text: await res.text() }));`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', script, base, path, name], { maxBuffer: 64 << 20 }, (err, stdout) =>
      err ? reject(err) : resolve(JSON.parse(stdout) as { status: number; text: string }),
    );
  });
}
