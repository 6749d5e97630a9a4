/**
 * Seeded generator of realistic, invented watch histories for tests, benchmarks and the
 * `npm start` demo. Deterministic for (seed, count, endMs, timeZone, years): its own PRNG,
 * no Math.random, no clock.
 */
import { isValidTimeZone } from '../domain/calendar.js';
import type { WatchEvent } from '../domain/events.js';
import { normalizeActivity } from '../ingest/normalize.js';
import type { RawActivity } from '../ingest/types.js';
import { Catalog, channelCountFor } from './catalog.js';
import { Rng, randomId } from './random.js';
import { generateTimeline } from './timeline.js';
import { AD_BRANDS, AD_TEMPLATES, POST_TEMPLATES } from './words.js';

export interface DemoOptions {
  seed: number;
  /** Exact number of entries returned (0..10⁷). */
  count: number;
  /** Epoch ms: no entry is later than this. */
  endMs: number;
  /** zone whose local rhythm the history follows */
  timeZone?: string /* default 'Europe/Paris' */;
  /** Span in years ending at endMs, in (0, 50]; default 3. */
  years?: number;
}

/** Share of entries played on YouTube Music. */
const MUSIC_SHARE = 0.08;
// Per YouTube-stream entry; YouTube is 92% of entries, so ads and posts come out near 1% overall.
const P_AD = 0.011;
const P_POST = 0.011;
const P_AD_LINK = 0.0015;
const P_REMOVED = 0.004;
const P_URL_TITLE = 0.003;
const SESSION_GAP_MS = 30 * 60_000;

/** Title Takeout gives a removed video, without its verb ("Watched …"). */
export const REMOVED_VIDEO_TITLE = 'a video that has been removed';

/** Entries without a usable date: a handful, at the end of the list (after the oldest dated one). */
export const undatedCountFor = (count: number): number =>
  count >= 1000 ? Math.min(8, Math.max(2, Math.round(count / 20_000))) : count >= 100 ? 1 : 0;

/**
 * `count` raw activities, newest first like Takeout, undated ones last. Throws RangeError
 * `[demo/generate] …` on a non-integer or negative count, a non-finite endMs or seed, years
 * outside (0, 50] or an unknown time zone.
 */
export function generateRawHistory(opts: DemoOptions): RawActivity[] {
  const timeZone = opts.timeZone ?? 'Europe/Paris';
  const years = opts.years ?? 3;
  const { seed, count, endMs } = opts;
  if (!Number.isInteger(count) || count < 0 || count > 10_000_000) {
    throw new RangeError(`[demo/generate] expected count to be an integer in 0..10000000, got ${count}`);
  }
  if (!Number.isFinite(endMs)) throw new RangeError(`[demo/generate] expected a finite endMs, got ${endMs}`);
  if (!(years > 0 && years <= 50)) throw new RangeError(`[demo/generate] expected years in (0, 50], got ${years}`);
  if (!isValidTimeZone(timeZone)) throw new RangeError(`[demo/generate] expected an IANA time zone, got "${timeZone}"`);
  const rng = new Rng(seed);
  if (count === 0) return [];

  const undated = undatedCountFor(count);
  const dated = count - undated;
  const musicCount = Math.round(dated * MUSIC_SHARE);
  const timeline = generateTimeline(rng, { youtubeCount: dated - musicCount, musicCount, endMs, years, timeZone });
  const catalog = new Catalog(rng, channelCountFor(count), timeline.spanStartMs, endMs);
  const ads = adPool(rng);

  const out: RawActivity[] = [];
  const { youtube, music } = timeline;
  let y = 0;
  let m = 0;
  // Per stream: previous instant and channel, so a session sticks to a channel for a while.
  let prevYt = Number.NEGATIVE_INFINITY;
  let prevYtChannel = -1;
  let prevMusic = Number.NEGATIVE_INFINITY;
  let prevArtist = -1;
  while (y < youtube.length || m < music.length) {
    const takeMusic = y >= youtube.length || (m < music.length && (music[m] as number) < (youtube[y] as number));
    if (takeMusic) {
      const t = music[m++] as number;
      const c = t - prevMusic < SESSION_GAP_MS && rng.chance(0.55) ? prevArtist : catalog.pickArtist();
      out.push(watched(catalog, c, t, true));
      prevMusic = t;
      prevArtist = c;
      continue;
    }
    const t = youtube[y++] as number;
    const sameSession = t - prevYt < SESSION_GAP_MS;
    prevYt = t;
    const roll = rng.next();
    if (roll < P_AD) {
      out.push({ ...rng.pick(ads), watchedAt: t });
    } else if (roll < P_AD + P_POST) {
      const c = catalog.pickChannel(t);
      out.push({
        watchedAt: t,
        videoId: null,
        videoTitle: rng.pick(POST_TEMPLATES).replace('$k', catalog.anyTrigger()),
        videoUrl: `https://www.youtube.com/post/Ugkx${randomId(rng, 32)}`,
        channelTitle: catalog.titleAt(c, t),
        channelUrl: catalog.urlOf(c),
        product: 'YOUTUBE',
        kind: 'VIEWED',
        isAd: false,
      });
    } else if (roll < P_AD + P_POST + P_AD_LINK) {
      const brand = rng.pick(AD_BRANDS).toLowerCase();
      const url = `https://www.google.com/url?q=https://www.${brand}.example/offer%3Fref%3D${randomId(rng, 6)}&sa=D`;
      out.push({ watchedAt: t, videoTitle: url, videoUrl: url, product: 'YOUTUBE', kind: 'VISITED', isAd: true });
    } else if (roll < P_AD + P_POST + P_AD_LINK + P_REMOVED) {
      out.push({ watchedAt: t, videoTitle: REMOVED_VIDEO_TITLE, product: 'YOUTUBE', kind: 'WATCHED', isAd: false });
    } else if (roll < P_AD + P_POST + P_AD_LINK + P_REMOVED + P_URL_TITLE) {
      const url = `https://www.youtube.com/watch?v=${randomId(rng, 11)}`;
      out.push({ watchedAt: t, videoTitle: url, videoUrl: url, product: 'YOUTUBE', kind: 'WATCHED', isAd: false });
    } else {
      const c = sameSession && prevYtChannel >= 0 && rng.chance(0.35) ? prevYtChannel : catalog.pickChannel(t);
      prevYtChannel = c;
      out.push(watched(catalog, c, t, false));
    }
  }
  out.reverse();
  for (let u = 0; u < undated; u++) out.push(watched(catalog, catalog.pickChannel(endMs), null, false));
  return out;
}

/** `generateRawHistory(opts)` normalised for `viewerId` (same order: newest first, undated last). */
export function generateDemoEvents(viewerId: string, opts: DemoOptions): WatchEvent[] {
  return generateRawHistory(opts).map((raw) => normalizeActivity(viewerId, raw));
}

function watched(catalog: Catalog, c: number, t: number | null, music: boolean): RawActivity {
  // Undated entries share the instant "undated": a rewatch would collide on the event id.
  const v = catalog.video(c, music, t === null);
  return {
    watchedAt: t,
    videoId: v.id,
    videoTitle: v.title,
    videoUrl: music ? `https://music.youtube.com/watch?v=${v.id}` : `https://www.youtube.com/watch?v=${v.id}`,
    channelTitle: catalog.titleAt(c, t ?? Number.POSITIVE_INFINITY),
    channelUrl: catalog.urlOf(c),
    product: music ? 'YOUTUBE_MUSIC' : 'YOUTUBE',
    kind: 'WATCHED',
    isAd: false,
  };
}

/** A small pool of ad creatives (ads repeat); most have no channel, like Takeout's. */
function adPool(rng: Rng): Omit<RawActivity, 'watchedAt'>[] {
  const pool: Omit<RawActivity, 'watchedAt'>[] = [];
  for (let i = 0; i < 24; i++) {
    const brand = rng.pick(AD_BRANDS);
    const id = randomId(rng, 11);
    const withChannel = rng.chance(0.15);
    pool.push({
      videoId: id,
      videoTitle: rng.pick(AD_TEMPLATES).replace('$b', brand),
      videoUrl: `https://www.youtube.com/watch?v=${id}`,
      channelTitle: withChannel ? brand : null,
      channelUrl: withChannel ? `https://www.youtube.com/channel/UC${randomId(rng, 22)}` : null,
      product: 'YOUTUBE',
      kind: 'WATCHED',
      isAd: true,
    });
  }
  return pool;
}
