import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDemoEvents, generateRawHistory, REMOVED_VIDEO_TITLE } from '../../demo/generate.js';
import { ADJECTIVES, ANIMALS, NEUTRAL_TEMPLATES, ROLES, THINGS, TOPIC_TRIGGERS } from '../../demo/words.js';
import { TOPICS, type Topic, topicBit, type WatchEvent } from '../../domain/events.js';
import { deriveTopics, TOPIC_KEYWORDS } from '../../ingest/topics.js';
import type { RawActivity } from '../../ingest/types.js';

const END = Date.UTC(2024, 5, 15, 18, 30);
const YEAR_MS = 365.2425 * 86_400_000;

// Independent oracle for local calendar fields: Intl per event (slow, obviously right).
const formats = new Map<string, Intl.DateTimeFormat>();
function localFields(timeZone: string, ms: number): { hour: number; weekday: number } {
  let fmt = formats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: 'numeric', weekday: 'short' });
    formats.set(timeZone, fmt);
  }
  const parts = fmt.formatToParts(ms);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value);
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.find((p) => p.type === 'weekday')?.value ?? '');
  return { hour, weekday };
}

const dated = (raw: readonly RawActivity[]): number[] => raw.flatMap((r) => (r.watchedAt === null ? [] : [r.watchedAt]));

describe('generateRawHistory: determinism and shape', () => {
  it('is identical for the same seed and different for another seed', () => {
    const a = generateRawHistory({ seed: 42, count: 3000, endMs: END });
    const b = generateRawHistory({ seed: 42, count: 3000, endMs: END });
    const c = generateRawHistory({ seed: 43, count: 3000, endMs: END });
    expect(b).toEqual(a);
    expect(JSON.stringify(c)).not.toEqual(JSON.stringify(a));
    expect(dated(c)).not.toEqual(dated(a));
  });

  it('honours count, returns newest first with undated entries last, inside [endMs − years, endMs]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2500 }),
        fc.integer(),
        fc.constantFrom('Europe/Paris', 'UTC', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata'),
        fc.constantFrom(0.25, 1, 3, 5),
        (count, seed, timeZone, years) => {
          const raw = generateRawHistory({ seed, count, endMs: END, timeZone, years });
          expect(raw).toHaveLength(count);
          const firstUndated = raw.findIndex((r) => r.watchedAt === null);
          if (firstUndated >= 0) expect(raw.slice(firstUndated).every((r) => r.watchedAt === null)).toBe(true);
          const times = dated(raw);
          for (let i = 1; i < times.length; i++) expect(times[i] as number).toBeLessThanOrEqual(times[i - 1] as number);
          for (const t of times) {
            expect(Number.isInteger(t)).toBe(true);
            expect(t).toBeLessThanOrEqual(END);
            expect(t).toBeGreaterThanOrEqual(END - years * YEAR_MS - 1);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('rejects misuse with a tagged error', () => {
    expect(() => generateRawHistory({ seed: 1, count: -1, endMs: END })).toThrow(/\[demo\/generate\] expected count/);
    expect(() => generateRawHistory({ seed: 1, count: 1.5, endMs: END })).toThrow(/\[demo\/generate\]/);
    expect(() => generateRawHistory({ seed: 1, count: 10, endMs: Number.NaN })).toThrow(/endMs/);
    expect(() => generateRawHistory({ seed: 1, count: 10, endMs: END, years: 0 })).toThrow(/years/);
    expect(() => generateRawHistory({ seed: 1, count: 10, endMs: END, timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
  });
});

describe('generateRawHistory: realism at 20 000 entries', () => {
  const timeZone = 'Europe/Paris';
  const raw = generateRawHistory({ seed: 7, count: 20_000, endMs: END, timeZone });
  const share = (pred: (r: RawActivity) => boolean): number => raw.filter(pred).length / raw.length;

  it('has products, kinds and ads in roughly realistic proportions', () => {
    expect(share((r) => r.product === 'YOUTUBE_MUSIC')).toBeGreaterThan(0.05);
    expect(share((r) => r.product === 'YOUTUBE_MUSIC')).toBeLessThan(0.11);
    const ads = raw.filter((r) => r.isAd && r.kind === 'WATCHED');
    expect(ads.length / raw.length).toBeGreaterThan(0.005);
    expect(ads.length / raw.length).toBeLessThan(0.02);
    // "usually no channel"
    expect(ads.filter((r) => !r.channelTitle).length / ads.length).toBeGreaterThan(0.6);
    expect(share((r) => r.kind === 'VIEWED')).toBeGreaterThan(0.005);
    expect(share((r) => r.kind === 'VIEWED')).toBeLessThan(0.02);
    const visited = raw.filter((r) => r.kind === 'VISITED');
    expect(visited.length).toBeGreaterThan(0);
    expect(visited.length / raw.length).toBeLessThan(0.005);
    expect(visited.every((r) => r.isAd && r.videoUrl?.startsWith('https://www.google.com/url?q='))).toBe(true);
    const removed = raw.filter((r) => r.videoTitle === REMOVED_VIDEO_TITLE);
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.every((r) => !r.videoUrl && !r.videoId && !r.channelTitle && !r.channelUrl && r.kind === 'WATCHED')).toBe(
      true,
    );
    const undated = raw.filter((r) => r.watchedAt === null).length;
    expect(undated).toBeGreaterThan(0);
    expect(undated).toBeLessThanOrEqual(10);
  });

  it('uses /channel/UC… URLs for most channels and a few title-only channels', () => {
    const videos = raw.filter((r) => r.kind === 'WATCHED' && !r.isAd && r.channelTitle);
    const channels = new Set(videos.map((r) => r.channelUrl ?? `title:${r.channelTitle}`));
    const withUrl = new Set(
      videos
        .filter((r) => /^https:\/\/www\.youtube\.com\/channel\/UC[A-Za-z0-9_-]{22}$/.test(r.channelUrl ?? ''))
        .map((r) => r.channelUrl),
    );
    expect(withUrl.size / channels.size).toBeGreaterThan(0.8);
    const titleOnly = new Set(videos.filter((r) => !r.channelUrl).map((r) => r.channelTitle));
    expect(titleOnly.size).toBeGreaterThan(0);
  });

  it('has a heavy tail of channel popularity', () => {
    const perChannel = new Map<string, number>();
    for (const r of raw) {
      if (r.kind !== 'WATCHED' || r.isAd || !r.channelTitle) continue;
      const key = r.channelUrl ?? `title:${r.channelTitle}`;
      perChannel.set(key, (perChannel.get(key) ?? 0) + 1);
    }
    const counts = [...perChannel.values()].sort((a, b) => b - a);
    const total = counts.reduce((s, c) => s + c, 0);
    expect(counts.length).toBeGreaterThan(150);
    expect(counts.length).toBeLessThan(1500);
    expect(counts.slice(0, 10).reduce((s, c) => s + c, 0) / total).toBeGreaterThan(0.3);
    expect(counts.filter((c) => c < 5).length / counts.length).toBeGreaterThan(0.2);
  });

  it('follows the local daily and weekly rhythm of the zone', () => {
    const byHour = new Array<number>(24).fill(0);
    const byWeekday = new Array<number>(7).fill(0);
    for (const t of dated(raw)) {
      const f = localFields(timeZone, t);
      byHour[f.hour] = (byHour[f.hour] as number) + 1;
      byWeekday[f.weekday] = (byWeekday[f.weekday] as number) + 1;
    }
    for (const evening of [19, 20, 21, 22]) expect(byHour[evening] as number).toBeGreaterThan(5 * (byHour[4] as number));
    const weekend = ((byWeekday[0] as number) + (byWeekday[6] as number)) / 2;
    const weekdays = byWeekday.slice(1, 6).reduce((s, c) => s + c, 0) / 5;
    expect(weekend).toBeGreaterThan(1.15 * weekdays);
  });

  it('places the rhythm in the requested zone, not in UTC', () => {
    const tokyo = dated(generateRawHistory({ seed: 7, count: 10_000, endMs: END, timeZone: 'Asia/Tokyo' }));
    const local = new Array<number>(24).fill(0);
    const utc = new Array<number>(24).fill(0);
    for (const t of tokyo) {
      const h = localFields('Asia/Tokyo', t).hour;
      local[h] = (local[h] as number) + 1;
      const u = new Date(t).getUTCHours();
      utc[u] = (utc[u] as number) + 1;
    }
    // 21:00 in Tokyo is 12:00 UTC; 04:00 in Tokyo is 19:00 UTC.
    expect(local[21] as number).toBeGreaterThan(5 * (local[4] as number));
    expect(utc[12] as number).toBeGreaterThan(5 * (utc[19] as number));
  });

  it('comes in sessions: bursts minutes apart, hours between them', () => {
    const asc = dated(raw).reverse();
    let short = 0;
    let long = 0;
    for (let i = 1; i < asc.length; i++) {
      const gap = (asc[i] as number) - (asc[i - 1] as number);
      if (gap < 30 * 60_000) short++;
      if (gap > 3 * 3_600_000) long++;
    }
    expect(short / (asc.length - 1)).toBeGreaterThan(0.5);
    expect(long).toBeGreaterThan(50);
  });

  it('grows over the years and keeps discovering channels', () => {
    const times = dated(raw);
    const lastYear = times.filter((t) => t > END - YEAR_MS).length;
    const firstYear = times.filter((t) => t <= END - 2 * YEAR_MS).length;
    expect(lastYear).toBeGreaterThan(1.2 * firstYear);
    const firstSeen = new Map<string, number>();
    for (const r of [...raw].reverse()) {
      if (r.watchedAt !== null && r.channelUrl && !firstSeen.has(r.channelUrl)) firstSeen.set(r.channelUrl, r.watchedAt);
    }
    expect([...firstSeen.values()].filter((t) => t > END - YEAR_MS).length).toBeGreaterThan(10);
  });
});

describe('word lists against the real topic matcher', () => {
  it('has a trigger for every keyword of the catalogue, and each trigger fires its topic', () => {
    for (const [topic, keywords] of Object.entries(TOPIC_KEYWORDS) as [Exclude<Topic, 'OTHER'>, readonly string[]][]) {
      const triggers = TOPIC_TRIGGERS[topic].map((t) => t.toLowerCase());
      for (const kw of keywords) {
        const covered = kw.endsWith('*') ? triggers.some((t) => t.startsWith(kw.slice(0, -1))) : triggers.includes(kw);
        expect(covered, `${topic} keyword "${kw}"`).toBe(true);
      }
      for (const t of TOPIC_TRIGGERS[topic]) {
        expect(deriveTopics(`Some ${t} today`, null, 'YOUTUBE') & topicBit(topic), `${topic} trigger "${t}"`).not.toBe(0);
      }
    }
  });

  it('keeps neutral titles neutral (→ OTHER)', () => {
    const other = topicBit('OTHER');
    for (const tpl of NEUTRAL_TEMPLATES) {
      for (const filler of [...THINGS, ...ROLES, ...ANIMALS]) {
        const title = tpl.replace(/\$[trx]/g, filler).replace('$n', '7');
        expect(deriveTopics(title, null, 'YOUTUBE'), title).toBe(other);
      }
    }
    for (const adj of ADJECTIVES) expect(deriveTopics(adj, null, 'YOUTUBE'), adj).toBe(other);
  });
});

describe('generateDemoEvents', () => {
  const events: WatchEvent[] = generateDemoEvents('demo-viewer', { seed: 11, count: 10_000, endMs: END });

  it('covers all 13 topics at 10 000 events', () => {
    const present = new Set<Topic>();
    for (const e of events) for (let i = 0; i < TOPICS.length; i++) if (e.topics & (1 << i)) present.add(TOPICS[i] as Topic);
    expect([...present].sort()).toEqual([...TOPICS].sort());
  });

  it('normalises every raw entry in order, with unique ids', () => {
    const raw = generateRawHistory({ seed: 11, count: 10_000, endMs: END });
    expect(events.map((e) => e.watchedAt)).toEqual(raw.map((r) => r.watchedAt));
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const removed = events.filter((e) => e.videoTitle === REMOVED_VIDEO_TITLE);
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.every((e) => e.channelKey === null && e.videoId === null)).toBe(true);
    expect(events.filter((e) => e.channelKey?.startsWith('title:')).length).toBeGreaterThan(0);
  });
});
