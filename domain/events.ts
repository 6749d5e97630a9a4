/**
 * Plain domain model shared by every layer (no imports, no GraphQL).
 * See ../shared/AGGREGATIONS.md "Events" and "Topics".
 */

export const PRODUCTS = ['YOUTUBE', 'YOUTUBE_MUSIC'] as const;
export type Product = (typeof PRODUCTS)[number];

export const EVENT_KINDS = ['WATCHED', 'VIEWED', 'VISITED'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** The fixed taxonomy; the index of a topic is its bit in `WatchEvent.topics`. */
export const TOPICS = [
  'TECHNOLOGY',
  'FINANCE',
  'POLITICS',
  'ENTERTAINMENT',
  'EDUCATION',
  'GAMING',
  'MUSIC',
  'SPORTS',
  'NEWS',
  'SCIENCE',
  'COOKING',
  'TRAVEL',
  'OTHER',
] as const;
export type Topic = (typeof TOPICS)[number];

export const topicBit = (topic: Topic): number => 1 << TOPICS.indexOf(topic);

/** Topics of a bitmask, in taxonomy order. */
export function topicsOfMask(mask: number): Topic[] {
  const out: Topic[] = [];
  for (let i = 0; i < TOPICS.length; i++) if (mask & (1 << i)) out.push(TOPICS[i] as Topic);
  return out;
}

/** One Takeout activity entry after ingest. */
export interface WatchEvent {
  /** Deterministic id: hash of (viewer, instant, kind, video id or URL). Unique per viewer. */
  id: string;
  /** Epoch ms, UTC; null when the entry had no usable date. */
  watchedAt: number | null;
  videoId: string | null;
  videoTitle: string;
  /** `/channel/<id>` id, else `title:<normalised title>`, else null. */
  channelKey: string | null;
  channelTitle: string | null;
  product: Product;
  kind: EventKind;
  isAd: boolean;
  /** Non-empty bitmask over TOPICS. */
  topics: number;
}
