/**
 * Envelope wire encodings for the Redis tier: JSON vs MessagePack (msgpackr) on real
 * dashboard entries (the base set of a 50 000-event demo history): encode + decode time and
 * size, as ratios to JSON measured in the same run.
 */
import { type Codec, jsonCodec, msgpackCodec } from '../cache/codec.js';
import type { Envelope } from '../cache/tier.js';
import { generateDemoEvents } from '../demo/generate.js';
import { canonicalizeFilter } from '../domain/filter.js';
import { Engine } from '../precompute/engine/index.js';
import { REGISTRY } from '../precompute/registry.js';
import { printTable, time } from './lib.js';

export async function run(): Promise<void> {
  const now = Date.UTC(2026, 10, 1);
  const engine = new Engine(generateDemoEvents('bench', { seed: 7, count: 50_000, endMs: now }));
  const ctx = engine.context(canonicalizeFilter({}), now);
  const envelopes: Envelope[] = REGISTRY.map((def) => ({
    data: def.kernel(ctx, def.baseParams),
    computedAt: now,
    expiresAt: now + 86_400_000,
    dataVersion: 1,
    definitionVersion: def.version,
    computeMillis: 1.5,
    bytes: 0,
    filterKey: 'tf=ALL|p=ALL|t=|c=|tz=UTC|ads=0',
  }));
  const measure = (codec: Codec) => {
    const encoded = envelopes.map((e) => codec.encode(e));
    const size = encoded.reduce((s, b) => s + b.length, 0);
    const enc = time(() => envelopes.map((e) => codec.encode(e)), { warmup: 50, repeat: 300 });
    const dec = time(() => encoded.map((b) => codec.decode(b)), { warmup: 50, repeat: 300 });
    return { size, enc, dec };
  };
  const json = measure(jsonCodec);
  const msgpack = measure(msgpackCodec);
  console.log(`${envelopes.length} envelopes (one per aggregation, default filter), ${json.size} bytes as JSON`);
  printTable('encode (all envelopes)', [
    { name: 'JSON', timing: json.enc, baseline: true, note: `${json.size} B` },
    {
      name: 'MessagePack (msgpackr)',
      timing: msgpack.enc,
      note: `${msgpack.size} B (${(msgpack.size / json.size).toFixed(2)}x)`,
    },
  ]);
  printTable('decode (all envelopes)', [
    { name: 'JSON', timing: json.dec, baseline: true },
    { name: 'MessagePack (msgpackr)', timing: msgpack.dec },
  ]);
}
