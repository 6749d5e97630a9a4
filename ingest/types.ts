/**
 * An activity as it comes out of a parser (Takeout JSON/HTML) or the GraphQL
 * `ingestWatchEvents` mutation, before normalisation into a WatchEvent.
 */
import type { EventKind, Product } from '../domain/events.js';

export interface RawActivity {
  /** Epoch ms UTC, or null when the entry had no usable date. */
  watchedAt: number | null;
  /** Explicit video id; derived from `videoUrl` when absent. */
  videoId?: string | null;
  videoTitle: string;
  videoUrl?: string | null;
  channelTitle?: string | null;
  channelUrl?: string | null;
  product: Product;
  kind: EventKind;
  isAd: boolean;
}
