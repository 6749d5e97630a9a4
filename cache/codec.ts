/** Wire encodings of envelopes for the Redis and store tiers. */
import { Packr } from 'msgpackr';
import type { Envelope } from './tier.js';

export interface Codec {
  readonly name: string;
  encode(envelope: Envelope): Uint8Array;
  decode(bytes: Uint8Array): Envelope;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Encodings made when an envelope was built from the JSON of its data (an engine thread's
// answer) or read from a tier: the tiers write these bytes instead of serialising the data again.
const META_FIRST = '{"computedAt":';
const encodings = new WeakMap<Envelope, Uint8Array>();

export const jsonCodec: Codec = {
  name: 'json',
  encode: (e) => encodings.get(e) ?? encoder.encode(JSON.stringify(e)),
  decode: (b) => decodeEnvelope(b),
};

// Plain maps (no record structures shared across processes), so any reader can decode any entry.
const packr = new Packr({ useRecords: false, mapsAsObjects: true });
export const msgpackCodec: Codec = {
  name: 'msgpack',
  encode: (e) => packr.pack(e),
  decode: (b) => packr.unpack(b) as Envelope,
};

/** Encodes an envelope for the Redis and store tiers (JSON: readable in the database). */
export function encodeEnvelope(envelope: Envelope): Uint8Array {
  return jsonCodec.encode(envelope);
}

/**
 * An envelope from its metadata and the JSON of its data, without parsing or serialising the
 * data on this thread: the encoding is spliced from the JSON, `bytes` is its length, and
 * `data` is parsed on first access (a precomputed entry nobody reads here is never parsed).
 */
export function envelopeFromJson(meta: Omit<Envelope, 'data' | 'bytes'>, dataJson: string): Envelope {
  // `{"computedAt":…,"bytes":0` when meta starts with computedAt (as the service builds it): the
  // layout decodeEnvelope parses lazily. Any other order still round-trips, parsed whole.
  const head = JSON.stringify({ ...meta, bytes: 0 }).slice(0, -1);
  const tail = `,"data":${dataJson}}`;
  // The size includes its own digits: grow until stable.
  const base = encoder.encode(head).length - 1 + encoder.encode(tail).length;
  let bytes = base + 1;
  while (base + String(bytes).length !== bytes) bytes = base + String(bytes).length;
  const encoded = encoder.encode(`${head.slice(0, -1)}${bytes}${tail}`);
  return lazyEnvelope({ ...meta, bytes }, dataJson, encoded);
}

/** The same envelope with other metadata (e.g. carried to a newer data version), reusing the data's encoding. */
export function restampEnvelope(envelope: Envelope, meta: Partial<Omit<Envelope, 'data' | 'bytes'>>): Envelope {
  const encoded = encodings.get(envelope);
  if (!encoded) {
    const base = { ...envelope, ...meta };
    return { ...base, bytes: measureEnvelope(base) };
  }
  // envelopeFromJson writes the metadata first; inside JSON strings a quote is escaped, so the
  // first `,"data":` is the data's key.
  const text = decoder.decode(encoded);
  const at = text.indexOf(',"data":');
  if (at < 0) throw new Error('[cache/codec] expected an envelope encoding with a data field');
  const { data: _data, bytes: _bytes, ...old } = envelope;
  return envelopeFromJson({ ...old, ...meta }, text.slice(at + 8, -1));
}

/**
 * Decodes an envelope from the Redis or store tier. Encodings made by envelopeFromJson put the
 * metadata first: only it is parsed here, the data is parsed on first access — a read that
 * only judges freshness (a precompute job's) never parses a 1 MB entry on the serving thread.
 */
export function decodeEnvelope(bytes: Uint8Array): Envelope {
  const text = decoder.decode(bytes);
  const at = text.startsWith(META_FIRST) ? text.indexOf(',"data":') : -1;
  if (at < 0) return JSON.parse(text) as Envelope; // another layout (older entries): parse it all
  const meta = JSON.parse(`${text.slice(0, at)}}`) as Omit<Envelope, 'data'>;
  return lazyEnvelope(meta, text.slice(at + 8, -1), bytes);
}

/** An envelope whose data is parsed from `dataJson` on first access; `encoded` is its encoding. */
function lazyEnvelope(meta: Omit<Envelope, 'data'>, dataJson: string, encoded: Uint8Array): Envelope {
  let data: unknown;
  let parsed = false;
  const envelope = { ...meta } as Envelope;
  Object.defineProperty(envelope, 'data', {
    enumerable: true,
    get() {
      if (!parsed) {
        data = JSON.parse(dataJson);
        parsed = true;
      }
      return data;
    },
  });
  encodings.set(envelope, encoded);
  return envelope;
}

/** Size in bytes an envelope will have once JSON-encoded (the `bytes` field itself included). */
export function measureEnvelope(envelope: Omit<Envelope, 'bytes'>): number {
  // Encode once with `bytes: 0`, then account for the digits the real size needs.
  const withZero = encoder.encode(JSON.stringify({ ...envelope, bytes: 0 })).length;
  let bytes = withZero;
  while (withZero - 1 + String(bytes).length !== bytes) bytes = withZero - 1 + String(bytes).length;
  return bytes;
}
