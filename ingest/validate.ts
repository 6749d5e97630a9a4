/**
 * What an event must be to be stored, whichever way it comes in: `ingestWatchEvents` rejects
 * the batch on a broken rule, the Takeout importer skips the entry with the rule's code. The
 * rules live here only; normalize.ts applies them to the cleaned fields.
 */
import type { EventKind } from '../domain/events.js';

/** YouTube's first upload ("Me at the zoo"), 2005-04-23T00:00:00Z: nothing was watched before it. */
export const EARLIEST_WATCHED_AT_MS = Date.UTC(2005, 3, 23);
/** Default tolerance for events stamped by a clock running ahead of ours: 24 h. */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 24 * 3_600_000;

/** When "now" is and how far ahead of it an event may be. */
export interface EventRules {
  /** The current instant, epoch ms. */
  nowMs: number;
  /** Events later than `nowMs` + this are rejected; ms ≥ 0, default DEFAULT_MAX_CLOCK_SKEW_MS. */
  maxClockSkewMs?: number;
}

/** The fields the rules look at, already cleaned (cleanText; empty → null). */
export interface CheckedFields {
  watchedAt: number | null;
  videoTitle: string;
  videoUrl: string | null;
  channelUrl: string | null;
  kind: EventKind;
}

/** The rules' stable codes (each is also a Takeout report skip reason). */
export const RULE_CODES = [
  'date-in-future',
  'date-before-youtube',
  'empty-title',
  'foreign-video-url',
  'foreign-channel-url',
] as const;

/** A broken rule: the field, a stable code (the Takeout report's skip reason) and what was wrong. */
export interface RuleViolation {
  field: 'watchedAt' | 'videoTitle' | 'videoUrl' | 'channelUrl';
  code: (typeof RULE_CODES)[number];
  reason: string;
}

// The host must end at `/`, `?`, `#` or the end: `youtube.com.evil`, `youtube.com@evil`, ports are foreign.
const YOUTUBE_URL = /^https?:\/\/(?:(?:(?:www|m|music)\.)?youtube\.com|youtu\.be)(?:[/?#]|$)/i;
// google.com, google.fr, google.co.uk, google.com.au — not google.evil.example.
const AD_REDIRECT = /^https?:\/\/(?:www\.)?google\.(?:com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})\/url\?/i;

/** An http(s) URL on youtube.com, www/m/music.youtube.com or youtu.be. */
export const isYoutubeUrl = (url: string): boolean => YOUTUBE_URL.test(url);

/** Google's ad click redirect (`https://www.google.com/url?q=…`): the link of a VISITED ad. */
export const isAdRedirectUrl = (url: string): boolean => AD_REDIRECT.test(url);

const iso = (ms: number): string => (Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms));

/** Checks `rules` once so a bad one fails where it is configured; returns the skew in ms. */
export function clockSkewOf(rules: EventRules): number {
  if (typeof rules.nowMs !== 'number' || !Number.isFinite(rules.nowMs)) {
    throw new TypeError(`[ingest/validate] expected nowMs to be epoch ms, got ${String(rules.nowMs)}`);
  }
  const skew = rules.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS;
  if (typeof skew !== 'number' || !(skew >= 0) || !Number.isFinite(skew)) {
    throw new TypeError(`[ingest/validate] expected maxClockSkewMs >= 0, got ${String(skew)}`);
  }
  return skew;
}

/**
 * The first rule `e` breaks, or null: `watchedAt` (when dated) from 2005-04-23T00:00:00Z to
 * now + skew; a non-empty title; a video URL on a YouTube host (a VISITED event's may be a
 * Google ad redirect); a channel URL on a YouTube host. Throws TypeError on bad `rules`.
 */
export function checkEventRules(e: CheckedFields, rules: EventRules): RuleViolation | null {
  const skew = clockSkewOf(rules);
  if (e.watchedAt !== null) {
    if (e.watchedAt < EARLIEST_WATCHED_AT_MS) {
      return {
        field: 'watchedAt',
        code: 'date-before-youtube',
        reason: `expected an instant from ${iso(EARLIEST_WATCHED_AT_MS)} (YouTube's first upload), got ${iso(e.watchedAt)}`,
      };
    }
    const latest = rules.nowMs + skew;
    if (e.watchedAt > latest) {
      return {
        field: 'watchedAt',
        code: 'date-in-future',
        reason: `expected an instant no later than now + ${skew / 3_600_000} h (${iso(latest)}), got ${iso(e.watchedAt)}`,
      };
    }
  }
  if (e.videoTitle === '') return { field: 'videoTitle', code: 'empty-title', reason: 'expected a non-empty title' };
  if (e.videoUrl !== null && !isYoutubeUrl(e.videoUrl) && !(e.kind === 'VISITED' && isAdRedirectUrl(e.videoUrl))) {
    return {
      field: 'videoUrl',
      code: 'foreign-video-url',
      reason: `expected an http(s) URL on youtube.com, www/m/music.youtube.com or youtu.be${e.kind === 'VISITED' ? ' or a Google ad redirect' : ''}, got ${JSON.stringify(e.videoUrl.slice(0, 200))}`,
    };
  }
  if (e.channelUrl !== null && !isYoutubeUrl(e.channelUrl)) {
    return {
      field: 'channelUrl',
      code: 'foreign-channel-url',
      reason: `expected an http(s) URL on youtube.com, www/m/music.youtube.com or youtu.be, got ${JSON.stringify(e.channelUrl.slice(0, 200))}`,
    };
  }
  return null;
}
