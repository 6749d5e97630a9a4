/** Envelope encodings: built from an engine thread's JSON, decoded lazily, re-stamped without re-serialising the data. */
import { describe, expect, it, vi } from 'vitest';
import { decodeEnvelope, encodeEnvelope, envelopeFromJson, restampEnvelope, sameData } from '../../cache/codec.js';

const meta = {
  computedAt: 1,
  expiresAt: 2,
  dataVersion: 3,
  definitionVersion: 1,
  computeMillis: 0.5,
  filterKey: 'c=a"b,"data":',
};
const data = { cells: [1, 2, 3], text: ',"data":{' };

describe('envelope codec', () => {
  it('round-trips an envelope built from JSON, with its exact encoded size', () => {
    const e = envelopeFromJson(meta, JSON.stringify(data));
    const bytes = encodeEnvelope(e);
    expect(e.bytes).toBe(bytes.length);
    const back = decodeEnvelope(bytes);
    expect(back).toEqual({ ...meta, bytes: bytes.length, data });
    expect(encodeEnvelope(back)).toBe(bytes); // the read copy writes the same bytes, unserialised
  });

  it('parses only the metadata when decoding; the data on first access', () => {
    const bytes = encodeEnvelope(envelopeFromJson(meta, JSON.stringify(data)));
    const parse = vi.spyOn(JSON, 'parse');
    const e = decodeEnvelope(bytes);
    expect(e.dataVersion).toBe(3);
    expect(parse).toHaveBeenCalledTimes(1); // the metadata
    expect(e.data).toEqual(data);
    expect(parse).toHaveBeenCalledTimes(2);
    parse.mockRestore();
  });

  it('re-stamps (carries to a new version) keeping the data and a correct size', () => {
    const e = decodeEnvelope(encodeEnvelope(envelopeFromJson(meta, JSON.stringify(data))));
    const r = restampEnvelope(e, { dataVersion: 10 });
    expect(r).toMatchObject({ dataVersion: 10, computedAt: 1, data });
    expect(r.bytes).toBe(encodeEnvelope(r).length);
  });

  it('re-stamps byte for byte: the data is never parsed, and a re-stamp of a re-stamp (non-ASCII data) still decodes', () => {
    const wide = { ...data, title: 'café 日本 😀', n: 12345678901 };
    const e = envelopeFromJson({ ...meta, filterKey: 'tz=Europe/Zürich' }, JSON.stringify(wide));
    const parse = vi.spyOn(JSON, 'parse');
    const twice = restampEnvelope(restampEnvelope(e, { dataVersion: 10 }), { dataVersion: 1234567, computeMillis: 9.25 });
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
    const bytes = encodeEnvelope(twice);
    expect(twice.bytes).toBe(bytes.length);
    expect(decodeEnvelope(bytes)).toEqual({
      ...meta,
      filterKey: 'tz=Europe/Zürich',
      dataVersion: 1234567,
      computeMillis: 9.25,
      bytes: bytes.length,
      data: wide,
    });
  });

  it('tells whether an envelope holds exactly some JSON data, from its bytes', () => {
    const json = JSON.stringify(data);
    const e = decodeEnvelope(encodeEnvelope(envelopeFromJson(meta, json)));
    expect(sameData(e, json)).toBe(true);
    expect(sameData(restampEnvelope(e, { dataVersion: 4 }), json)).toBe(true);
    expect(sameData(e, JSON.stringify({ ...data, cells: [1, 2, 4] }))).toBe(false);
    expect(sameData(e, `${json} `)).toBe(false);
    expect(sameData({ ...meta, bytes: 0, data }, json)).toBe(true); // no encoding: compared as JSON
  });

  it('decodes an envelope in any other layout by parsing it whole', () => {
    const plain = { data, ...meta, bytes: 0 };
    expect(decodeEnvelope(new TextEncoder().encode(JSON.stringify(plain)))).toEqual(plain);
  });
});
