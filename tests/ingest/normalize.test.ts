import { describe, expect, it } from 'vitest';
import { topicBit } from '../../domain/events.js';
import { cleanText, eventIdOf, InvalidActivityError, normalizeActivity, videoIdFromUrl } from '../../ingest/normalize.js';
import type { RawActivity } from '../../ingest/types.js';

const base: RawActivity = {
  watchedAt: 1_700_000_000_000,
  videoTitle: 'A title',
  videoUrl: 'https://www.youtube.com/watch?v=abcDEF_-123',
  channelTitle: 'Some Channel',
  channelUrl: 'https://www.youtube.com/channel/UC_chan-1',
  product: 'YOUTUBE',
  kind: 'WATCHED',
  isAd: false,
};

describe('cleanText', () => {
  it.each([
    ['  a \r\n b\t', 'a b'],
    ['zero\u200bwidth', 'zerowidth'],
    ['bidi\u202emark\u202c', 'bidimark'],
    ['nbsp\u00a0and\u202fnarrow', 'nbsp and narrow'],
    ['ctrl\u0007char\u0000', 'ctrlchar'],
    ['\ufeffbom', 'bom'],
    ['family 👨\u200d👩\u200d👧', 'family 👨\u200d👩\u200d👧'], // ZWJ kept
    ['e\u0301', '\u00e9'], // NFC
    ['<script>alert(1)</script>', '<script>alert(1)</script>'], // markup stays text
  ])('%j → %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});

describe('videoIdFromUrl', () => {
  it.each([
    ['https://www.youtube.com/watch?v=abc123', 'abc123'],
    ['https://music.youtube.com/watch?v=M_u-sic1&list=RD', 'M_u-sic1'],
    ['https://m.youtube.com/watch?feature=share&v=mob1', 'mob1'],
    ['https://youtu.be/short1?t=3', 'short1'],
    ['http://youtube.com/watch?v=plain', 'plain'],
    ['https://www.youtube.com/shorts/sh0rt', 'sh0rt'],
    ['https://www.youtube.com/post/Ugkx', null],
    ['https://www.google.com/url?q=https://www.youtube.com/watch?v=x', null],
    ['https://evil.example/watch?v=abc', null],
  ])('%s → %s', (url, expected) => {
    expect(videoIdFromUrl(url)).toBe(expected);
  });
});

describe('normalizeActivity', () => {
  it('derives video id, channel key and topics', () => {
    const e = normalizeActivity('v1', { ...base, videoTitle: '  Python\u200b tutorial\n' });
    expect(e.videoId).toBe('abcDEF_-123');
    expect(e.videoTitle).toBe('Python tutorial');
    expect(e.channelKey).toBe('UC_chan-1');
    expect(e.channelTitle).toBe('Some Channel');
    expect(e.topics).toBe(topicBit('TECHNOLOGY') | topicBit('EDUCATION'));
    expect(e.id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('prefers an explicit video id', () => {
    expect(normalizeActivity('v1', { ...base, videoId: 'given' }).videoId).toBe('given');
  });

  it('keys a channel without URL by its normalised title, and none without either', () => {
    expect(normalizeActivity('v1', { ...base, channelUrl: null, channelTitle: '  Chef\u00a0  JOHN ' }).channelKey).toBe(
      'title:chef john',
    );
    const none = normalizeActivity('v1', { ...base, channelUrl: undefined, channelTitle: '  ' });
    expect(none.channelKey).toBeNull();
    expect(none.channelTitle).toBeNull();
  });

  it('gives the same id for the same entry and different ids when viewer, instant, kind or video differ', () => {
    const id = normalizeActivity('v1', base).id;
    expect(normalizeActivity('v1', { ...base, videoTitle: 'renamed', channelTitle: null }).id).toBe(id);
    expect(normalizeActivity('v2', base).id).not.toBe(id);
    expect(normalizeActivity('v1', { ...base, watchedAt: base.watchedAt! + 1 }).id).not.toBe(id);
    expect(normalizeActivity('v1', { ...base, kind: 'VIEWED' }).id).not.toBe(id);
    expect(normalizeActivity('v1', { ...base, videoUrl: 'https://youtu.be/other' }).id).not.toBe(id);
    expect(normalizeActivity('v1', { ...base, watchedAt: null }).id).toBe(eventIdOf('v1', null, 'WATCHED', 'abcDEF_-123'));
  });

  it('falls back to the URL, then the title, for the id of entries without video id', () => {
    const noVideo = { ...base, videoUrl: 'https://www.youtube.com/post/Ugkx1', kind: 'VIEWED' as const };
    expect(normalizeActivity('v1', noVideo).id).toBe(
      eventIdOf('v1', base.watchedAt, 'VIEWED', 'https://www.youtube.com/post/Ugkx1'),
    );
    const removed = { ...base, videoUrl: null, videoTitle: ' a video that has been removed ' };
    expect(normalizeActivity('v1', removed).id).toBe(eventIdOf('v1', base.watchedAt, 'WATCHED', 'a video that has been removed'));
  });

  it.each([
    ['videoTitle', { videoTitle: 42 }],
    ['watchedAt', { watchedAt: Number.NaN }],
    ['watchedAt', { watchedAt: '2020-01-01' }],
    ['product', { product: 'VIMEO' }],
    ['kind', { kind: 'LIKED' }],
    ['isAd', { isAd: 'no' }],
    ['channelUrl', { channelUrl: 7 }],
  ])('throws InvalidActivityError on a bad %s', (field, patch) => {
    const bad = { ...base, ...patch } as unknown as RawActivity;
    expect(() => normalizeActivity('v1', bad)).toThrow(InvalidActivityError);
    expect(() => normalizeActivity('v1', bad)).toThrow(`[ingest/normalize] ${field}`);
  });

  it('throws on an empty viewer id', () => {
    expect(() => normalizeActivity('', base)).toThrow(InvalidActivityError);
  });
});
