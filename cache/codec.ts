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

export const jsonCodec: Codec = {
  name: 'json',
  encode: (e) => encoder.encode(JSON.stringify(e)),
  decode: (b) => JSON.parse(decoder.decode(b)) as Envelope,
};

// Plain maps (no record structures shared across processes), so any reader can decode any entry.
const packr = new Packr({ useRecords: false, mapsAsObjects: true });
export const msgpackCodec: Codec = {
  name: 'msgpack',
  encode: (e) => packr.pack(e),
  decode: (b) => packr.unpack(b) as Envelope,
};

/** Encodes an envelope for the store tier (JSON: readable in the database). */
export function encodeEnvelope(envelope: Envelope): Uint8Array {
  return jsonCodec.encode(envelope);
}

export function decodeEnvelope(bytes: Uint8Array): Envelope {
  return jsonCodec.decode(bytes);
}

/** Size in bytes an envelope will have once JSON-encoded (the `bytes` field itself included). */
export function measureEnvelope(envelope: Omit<Envelope, 'bytes'>): number {
  // Encode once with `bytes: 0`, then account for the digits the real size needs.
  const withZero = encoder.encode(JSON.stringify({ ...envelope, bytes: 0 })).length;
  let bytes = withZero;
  while (withZero - 1 + String(bytes).length !== bytes) bytes = withZero - 1 + String(bytes).length;
  return bytes;
}
