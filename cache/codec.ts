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
  return lazyEnvelope({ ...meta, bytes }, () => dataJson, encoded);
}

/** The same envelope with other metadata (e.g. carried to a newer data version), reusing the data's encoding. */
export function restampEnvelope(envelope: Envelope, meta: Partial<Omit<Envelope, 'data' | 'bytes'>>): Envelope {
  const encoded = encodings.get(envelope);
  const at = encoded ? dataKeyAt(encoded) : -1;
  if (!encoded || at < 0) {
    const base = { ...envelope, ...meta };
    return { ...base, bytes: measureEnvelope(base) };
  }
  // The data's bytes are copied as they are: never decoded, parsed or serialised again here
  // (nor read: `data` may be a lazy getter).
  const old = metaOf(envelope);
  const head = JSON.stringify({ ...old, ...meta, bytes: 0 }).slice(0, -1); // `…,"bytes":0`
  const headBytes = encoder.encode(head).length - 1; // without the 0
  const tail = encoded.length - at; // `,"data":…}`
  let bytes = headBytes + 1 + tail;
  while (headBytes + String(bytes).length + tail !== bytes) bytes = headBytes + String(bytes).length + tail;
  const out = new Uint8Array(bytes);
  const written = encoder.encodeInto(`${head.slice(0, -1)}${bytes}`, out).written;
  out.set(encoded.subarray(at), written);
  const data = out.subarray(written + DATA_KEY.length, out.length - 1);
  return lazyEnvelope({ ...old, ...meta, bytes }, () => decoder.decode(data), out);
}

/** True when the envelope's data, as JSON, is exactly `json` (its encoded bytes compared when it has them). */
export function sameData(envelope: Envelope, json: string): boolean {
  const encoded = encodings.get(envelope);
  const at = encoded ? dataKeyAt(encoded) : -1;
  if (!encoded || at < 0) return JSON.stringify(envelope.data) === json;
  const want = encoder.encode(json);
  const have = encoded.subarray(at + DATA_KEY.length, encoded.length - 1);
  return Buffer.from(have.buffer, have.byteOffset, have.byteLength).equals(want);
}

const DATA_KEY = ',"data":';

/** An envelope's metadata (every field but `data` and `bytes`), without reading `data`. */
function metaOf(envelope: Envelope): Omit<Envelope, 'data' | 'bytes'> {
  const meta: Record<string, unknown> = {};
  for (const k of Object.keys(envelope)) if (k !== 'data' && k !== 'bytes') meta[k] = envelope[k as keyof Envelope];
  return meta as Omit<Envelope, 'data' | 'bytes'>;
}

/**
 * Where `,"data":` starts in an encoding whose metadata comes first (as envelopeFromJson writes
 * it): inside JSON strings a quote is escaped, so the first occurrence is the data's key. −1 for
 * another layout.
 */
function dataKeyAt(encoded: Uint8Array): number {
  if (encoded[0] !== 0x7b || encoded[1] !== 0x22) return -1; // `{"`
  return Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength).indexOf(DATA_KEY);
}

/**
 * Decodes an envelope from the Redis or store tier. Encodings made by envelopeFromJson put the
 * metadata first: only it is parsed here, the data is parsed on first access — a read that
 * only judges freshness (a precompute job's) never parses a 1 MB entry on the serving thread.
 */
export function decodeEnvelope(bytes: Uint8Array): Envelope {
  const at = dataKeyAt(bytes);
  if (at < 0 || !startsWithMeta(bytes)) return JSON.parse(decoder.decode(bytes)) as Envelope; // another layout (older entries): parse it all
  const meta = JSON.parse(`${decoder.decode(bytes.subarray(0, at))}}`) as Omit<Envelope, 'data'>;
  const data = bytes.subarray(at + DATA_KEY.length, bytes.length - 1);
  return lazyEnvelope(meta, () => decoder.decode(data), bytes);
}

const META_FIRST_BYTES = encoder.encode(META_FIRST);
const startsWithMeta = (bytes: Uint8Array): boolean => META_FIRST_BYTES.every((b, i) => bytes[i] === b);

/** An envelope whose data is parsed from `dataJson()` on first access; `encoded` is its encoding. */
function lazyEnvelope(meta: Omit<Envelope, 'data'>, dataJson: () => string, encoded: Uint8Array): Envelope {
  let data: unknown;
  let parsed = false;
  const envelope = { ...meta } as Envelope;
  Object.defineProperty(envelope, 'data', {
    enumerable: true,
    get() {
      if (!parsed) {
        data = JSON.parse(dataJson());
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
