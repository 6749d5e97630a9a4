/**
 * One Takeout entry (from either format) → RawActivity or a skip reason: kind, ad flag,
 * product, title without its verb, channel (../shared/TAKEOUT.md "Entry kinds").
 */
import type { EventKind } from '../domain/events.js';
import { TAKEOUT_LOCALES } from './locales.js';
import { cleanText } from './normalize.js';
import type { SkipReason } from './sink.js';
import type { RawActivity } from './types.js';
import { isAdRedirectUrl, isYoutubeUrl } from './validate.js';

/** What both parsers extract from an entry; text fields are raw (not yet cleaned). */
export interface TakeoutEntry {
  header: string | null;
  /** The whole title line, verb included (`Watched <title>`). */
  title: string | null;
  titleUrl: string | null;
  /** Subtitle lines: the channel has a URL; context labels (`Temperature: Warm`) have none. */
  subtitles: { name: string; url: string | null }[];
  /** Detail values (`From Google Ads`). */
  details: string[];
}

export type Classified = { ok: true; raw: RawActivity } | { ok: false; reason: SkipReason; detail: string };

type VerbKind = EventKind | 'OTHER';

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
// `\s` is exactly the set trim() removes, so "normalises to empty" is "has no non-space".
const HAS_TEXT = /\S/;
const SPACE_RUN_OR_EDGE = /^\s|\s\s|\s$/;
/** `norm(header).toLowerCase() === 'youtube music'`, without the allocations for the usual exact headers. */
const isMusicHeader = (h: string): boolean =>
  h === 'YouTube Music' || (h !== 'YouTube' && norm(h).toLowerCase() === 'youtube music');

// Longest verbs first so `Searched for` wins over a shorter verb sharing its start.
const VERBS: readonly { verb: string; kind: VerbKind; story: string | null }[] = TAKEOUT_LOCALES.flatMap((l) => [
  ...l.watched.map((verb) => ({ verb, kind: 'WATCHED' as const, story: l.storyPrefix })),
  ...l.viewed.map((verb) => ({ verb, kind: 'VIEWED' as const, story: null })),
  ...l.visited.map((verb) => ({ verb, kind: 'VISITED' as const, story: null })),
  ...l.other.map((verb) => ({ verb, kind: 'OTHER' as const, story: null })),
]).sort((a, b) => b.verb.length - a.verb.length);

const AD_DETAILS = new Set(TAKEOUT_LOCALES.map((l) => norm(l.adsDetail).toLowerCase()));
const WATCH_LINK = /^https?:\/\/(?:(?:www|m|music)\.youtube\.com\/(?:watch\?|shorts\/)|youtu\.be\/)/i;
const POST_LINK = /^https?:\/\/(?:www\.|m\.)?youtube\.com\/post\//i;

const EN_WATCHED = VERBS.find((v) => v.verb === 'Watched') as (typeof VERBS)[number];

function splitVerb(title: string): { kind: VerbKind | null; rest: string; story: string | null } {
  // Fast path for the overwhelmingly common `Watched <title>` with one plain space.
  if (title.startsWith('Watched ') && !SPACE_RUN_OR_EDGE.test(title)) {
    return { kind: 'WATCHED', rest: title.slice(8), story: EN_WATCHED.story };
  }
  const t = norm(title);
  const lower = t.toLowerCase();
  for (const v of VERBS) {
    const verb = v.verb.toLowerCase();
    if (lower.startsWith(verb) && (t.length === verb.length || t[verb.length] === ' ')) {
      return { kind: v.kind, rest: t.slice(verb.length).trim(), story: v.story };
    }
  }
  return { kind: null, rest: t, story: null };
}

/** The kind a link implies when the verb does not say (an unsupported language, or an ad). */
function kindOfLink(url: string | null): EventKind | null {
  if (url === null) return null;
  if (WATCH_LINK.test(url)) return 'WATCHED';
  if (POST_LINK.test(url)) return 'VIEWED';
  if (isAdRedirectUrl(url)) return 'VISITED';
  return null;
}

/**
 * Classifies an entry. Unknown verbs (an unsupported language) fall back to the link: a watch
 * URL is WATCHED, a post URL VIEWED, a Google ad redirect VISITED; anything else is skipped.
 * `Visited` is kept only for ad redirects (`Visited YouTube Music` is other activity).
 * An entry whose details carry the ads marker is an ad whatever its title: when neither verb
 * nor link says more (the French homepage ads, no link) it is WATCHED with no video — like a
 * removed video, it counts in totals, not per video — and a link that is neither YouTube's
 * nor an ad redirect is dropped so the ad is kept (validate.ts would refuse the link).
 */
export function classifyEntry(entry: TakeoutEntry): Classified {
  if (entry.title === null || !HAS_TEXT.test(entry.title)) return { ok: false, reason: 'no-title', detail: 'entry has no title' };
  let url = entry.titleUrl ? entry.titleUrl.trim() : null;
  const ad = entry.details.length > 0 && entry.details.some((d) => AD_DETAILS.has(norm(d).toLowerCase()));
  const split = splitVerb(entry.title);
  let kind: VerbKind | null = split.kind;
  let videoTitle = split.rest;
  let storyChannel: string | null = null;
  if (kind === null || (kind === 'OTHER' && ad)) {
    kind = kindOfLink(url) ?? (ad ? 'WATCHED' : null);
    if (kind === null) return { ok: false, reason: 'unrecognised-activity', detail: norm(entry.title).slice(0, 120) };
  }
  if (kind === 'OTHER') return { ok: false, reason: 'other-activity', detail: norm(entry.title).slice(0, 120) };
  if (kind === 'VISITED' && !ad && !(url && isAdRedirectUrl(url))) {
    return { ok: false, reason: 'other-activity', detail: norm(entry.title).slice(0, 120) };
  }
  if (ad && url !== null && !isYoutubeUrl(url) && !isAdRedirectUrl(url)) url = null;
  if (kind === 'WATCHED' && url && POST_LINK.test(url)) kind = 'VIEWED';
  if (kind === 'WATCHED' && split.story && !(url && WATCH_LINK.test(url))) {
    const prefix = split.story.toLowerCase();
    const rest = norm(videoTitle);
    if (rest.toLowerCase().startsWith(`${prefix} `)) {
      kind = 'VIEWED';
      storyChannel = rest.slice(prefix.length).trim() || null;
    }
  }
  // A title with nothing visible (`Watched\u00a0<a>\u200b</a>`) is shown as its link, as an empty one is.
  if (videoTitle === '' || cleanText(videoTitle) === '') videoTitle = url ?? '';

  const channel = entry.subtitles.find((s) => s.url !== null && HAS_TEXT.test(s.url) && HAS_TEXT.test(s.name));
  const isAd = ad || kind === 'VISITED';
  const product = entry.header !== null && isMusicHeader(entry.header) ? 'YOUTUBE_MUSIC' : 'YOUTUBE';
  return {
    ok: true,
    raw: {
      watchedAt: null,
      videoTitle,
      videoUrl: url,
      channelTitle: channel ? channel.name : storyChannel,
      channelUrl: channel ? channel.url : null,
      product,
      kind,
      isAd,
    },
  };
}
