/** Wire encoding of envelopes for the Redis and store tiers. */
import type { Envelope } from './tier.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Encodes an envelope; `bytes` in the result is the encoded size. */
export function encodeEnvelope(envelope: Envelope): Uint8Array {
  return encoder.encode(JSON.stringify(envelope));
}

export function decodeEnvelope(bytes: Uint8Array): Envelope {
  return JSON.parse(decoder.decode(bytes)) as Envelope;
}

/** Size in bytes an envelope will have once encoded (the `bytes` field itself included). */
export function measureEnvelope(envelope: Omit<Envelope, 'bytes'>): number {
  // The size field changes the size; two passes settle it (digits grow at most once).
  let bytes = encoder.encode(JSON.stringify({ ...envelope, bytes: 0 })).length;
  bytes = encoder.encode(JSON.stringify({ ...envelope, bytes })).length;
  return bytes;
}
