/**
 * RawActivity → WatchEvent: display text clean-up, video id and channel key extraction, topics
 * and the deterministic event id (../shared/AGGREGATIONS.md "Events"), and the event rules of
 * validate.ts when given.
 */
import { hash } from 'node:crypto';
import { EVENT_KINDS, type EventKind, PRODUCTS, type WatchEvent } from '../domain/events.js';
import { deriveTopics } from './topics.js';
import type { RawActivity } from './types.js';
import { checkEventRules, type EventRules, type RuleViolation } from './validate.js';

/**
 * A RawActivity (or viewer id) that violates its type or an event rule at runtime; `field`
 * names the culprit, `code` is the rule's (validate.ts) or `invalid` for a type violation.
 */
export class InvalidActivityError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
    /** The skip reason a Takeout import counts it under. */
    readonly code: 'invalid' | RuleViolation['code'] = 'invalid',
  ) {
    super(`[ingest/normalize] ${field}: ${reason}`);
    this.name = 'InvalidActivityError';
  }
}

// Invisible or control characters with no display meaning: C0/C1 controls that are not white
// space, soft hyphen, zero-width space, bidi marks/embeddings/isolates, word joiner, invisible
// operators, BOM, interlinear annotation marks. ZWJ/ZWNJ (U+200C/D) are kept: emoji sequences
// and several scripts need them.
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /[\u0000-\u0008\u000e-\u001b\u007f-\u0084\u0086-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/g;
// `\s` plus NEL and the C0 separators that JS does not count as white space.
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+001C..U+001F separate words
const SPACES = /[\s\u0085\u001c-\u001f]+/g;

const NEEDS_CLEANING = /[^\x21-\x7e ]|^ | $| {2}/;
const NON_ASCII = /\P{ASCII}/u;

/** Display form of a text: invisible/control characters removed, white space collapsed to one space, trimmed, NFC. */
export function cleanText(text: string): string {
  // Most titles are printable ASCII with single inner spaces: nothing to do.
  if (!NEEDS_CLEANING.test(text)) return text;
  const s = text.replace(INVISIBLE, '').replace(SPACES, ' ').trim();
  return NON_ASCII.test(s) ? s.normalize('NFC') : s;
}

const WATCH_URL = /^https?:\/\/(?:(?:www|m|music)\.)?youtube\.com\/(?:watch\?(?:[^#]*?&)?v=|shorts\/)([A-Za-z0-9_-]+)/i;
const SHORT_URL = /^https?:\/\/youtu\.be\/([A-Za-z0-9_-]+)/i;
const CHANNEL_URL = /^https?:\/\/(?:(?:www|m|music)\.)?youtube\.com\/channel\/([A-Za-z0-9_-]+)/i;

/** Video id of a YouTube watch URL (www, m, music, youtu.be, shorts), else null. */
export function videoIdFromUrl(url: string): string | null {
  const m = WATCH_URL.exec(url) ?? SHORT_URL.exec(url);
  return m ? (m[1] as string) : null;
}

/** Channel id of a `/channel/<id>` URL, else null. */
export function channelIdFromUrl(url: string): string | null {
  const m = CHANNEL_URL.exec(url);
  return m ? (m[1] as string) : null;
}

/** Channel key: the `/channel/<id>` id, else `title:<lower-cased cleaned title>`, else null. */
export function channelKeyOf(channelUrl: string | null, channelTitle: string | null): string | null {
  const id = channelUrl ? channelIdFromUrl(channelUrl) : null;
  if (id) return id;
  if (channelTitle) return `title:${channelTitle.toLowerCase()}`;
  return null;
}

/**
 * Deterministic event id: 32 hex chars (128 bits) of SHA-256 over (viewer, instant or
 * `undated`, kind, video id, else URL, else title). Same entry in a JSON and an HTML export →
 * same id, which is what makes re-imports add nothing.
 */
export function eventIdOf(viewerId: string, watchedAt: number | null, kind: EventKind, videoKey: string): string {
  // crypto.hash (one-shot) is 2× faster than createHash for short inputs.
  return hash(
    'sha256',
    `${viewerId}\u0000${watchedAt === null ? 'undated' : String(watchedAt)}\u0000${kind}\u0000${videoKey}`,
    'hex',
  ).slice(0, 32);
}

function optionalString(raw: RawActivity, field: 'videoId' | 'videoUrl' | 'channelTitle' | 'channelUrl'): string | null {
  const v = raw[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new InvalidActivityError(field, `expected a string or null, got ${typeof v}`);
  const s = cleanText(v);
  return s === '' ? null : s;
}

/**
 * Normalises one activity of `viewerId` into a WatchEvent (see module doc). Throws
 * InvalidActivityError when `raw` violates RawActivity at runtime (wrong types, unknown
 * product/kind, non-finite or non-integer `watchedAt`) or, with `rules`, an event rule
 * (validate.ts: instant, title, URL hosts). Both ingest paths pass `rules`; the generated demo does not.
 */
export function normalizeActivity(viewerId: string, raw: RawActivity, rules?: EventRules): WatchEvent {
  if (typeof viewerId !== 'string' || viewerId === '') throw new InvalidActivityError('viewerId', 'expected a non-empty string');
  if (raw === null || typeof raw !== 'object') throw new InvalidActivityError('activity', `expected an object, got ${raw}`);
  const { watchedAt, product, kind, isAd } = raw;
  if (watchedAt !== null && !(typeof watchedAt === 'number' && Number.isSafeInteger(watchedAt))) {
    throw new InvalidActivityError('watchedAt', `expected epoch ms (integer) or null, got ${String(watchedAt)}`);
  }
  if (typeof raw.videoTitle !== 'string') {
    throw new InvalidActivityError('videoTitle', `expected a string, got ${typeof raw.videoTitle}`);
  }
  if (!PRODUCTS.includes(product))
    throw new InvalidActivityError('product', `expected one of ${PRODUCTS.join(', ')}, got ${String(product)}`);
  if (!EVENT_KINDS.includes(kind))
    throw new InvalidActivityError('kind', `expected one of ${EVENT_KINDS.join(', ')}, got ${String(kind)}`);
  if (typeof isAd !== 'boolean') throw new InvalidActivityError('isAd', `expected a boolean, got ${typeof isAd}`);

  const videoTitle = cleanText(raw.videoTitle);
  const videoUrl = optionalString(raw, 'videoUrl');
  const videoId = optionalString(raw, 'videoId') ?? (videoUrl ? videoIdFromUrl(videoUrl) : null);
  const channelTitle = optionalString(raw, 'channelTitle');
  const channelUrl = optionalString(raw, 'channelUrl');
  if (rules) {
    const broken = checkEventRules({ watchedAt, videoTitle, videoUrl, channelUrl, kind }, rules);
    if (broken) throw new InvalidActivityError(broken.field, broken.reason, broken.code);
  }
  return {
    id: eventIdOf(viewerId, watchedAt, kind, videoId ?? videoUrl ?? videoTitle),
    watchedAt,
    videoId,
    videoTitle,
    channelKey: channelKeyOf(channelUrl, channelTitle),
    channelTitle,
    product,
    kind,
    isAd,
    topics: deriveTopics(videoTitle, channelTitle, product),
  };
}
