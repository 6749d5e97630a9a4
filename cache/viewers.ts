/**
 * Viewers (time zone, data version) as the request path sees them: cached in the process for
 * at most `maxAgeMs`, dropped at once when this process commits a change, and — with Redis —
 * when any other process does (pub/sub). A missed message (Redis away) costs at most
 * `maxAgeMs` of staleness; an entry of an older data version is never served as fresh either
 * way, because envelopes record their version.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Store, Viewer } from '../store/types.js';

export const VIEWER_CHANNEL = 'wg:viewers:changed';

export interface ViewerDirectory {
  /**
   * The viewer, created with the default zone on first sight. With `minVersion`, a cached copy
   * older than that version is re-read from the store (read your writes across processes).
   */
  get(viewerId: string, options?: { minVersion?: number }): Promise<Viewer>;
  /** Call after this process changed the viewer: drops the cached copy and tells the other processes. */
  changed(viewerId: string): void;
  close(): Promise<void>;
  /** Resolves once the cross-process subscription is active (immediately without Redis). */
  subscribed(): Promise<void>;
  readonly stats: { hits: number; loads: number; invalidations: number };
}

export interface ViewerDirectoryOptions {
  store: Store;
  logger: Logger;
  /** Longest a cached viewer is trusted; default 1000 ms. 0 reads the store every time. */
  maxAgeMs?: number;
  /** Publisher and a dedicated subscriber connection, for invalidation across processes. */
  pubsub?: { publisher: Redis; subscriber: Redis };
  defaultTimeZone?: string;
  now?: () => number;
}

export function createViewerDirectory(options: ViewerDirectoryOptions): ViewerDirectory {
  const { store, logger, pubsub } = options;
  const maxAgeMs = options.maxAgeMs ?? 1000;
  const now = options.now ?? Date.now;
  const cached = new Map<string, { viewer: Viewer; at: number }>();
  const stats = { hits: 0, loads: 0, invalidations: 0 };

  let subscription: Promise<void> = Promise.resolve();
  if (pubsub) {
    // ioredis re-subscribes by itself after a reconnect.
    subscription = pubsub.subscriber.subscribe(VIEWER_CHANNEL).then(
      () => undefined,
      (err: Error) => {
        logger.warn(
          { event: 'viewers.subscribe_failed', err: err.message },
          'cannot subscribe to viewer changes; relying on maxAgeMs',
        );
      },
    );
    pubsub.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== VIEWER_CHANNEL) return;
      stats.invalidations++;
      cached.delete(message);
    });
  }

  return {
    stats,
    subscribed: () => subscription,
    async get(viewerId, opts = {}) {
      const hit = cached.get(viewerId);
      if (hit && now() - hit.at < maxAgeMs && hit.viewer.dataVersion >= (opts.minVersion ?? 0)) {
        stats.hits++;
        return hit.viewer;
      }
      stats.loads++;
      const viewer = (await store.getViewer(viewerId)) ?? (await store.ensureViewer(viewerId, options.defaultTimeZone));
      if (maxAgeMs > 0) cached.set(viewerId, { viewer, at: now() });
      return viewer;
    },
    changed(viewerId) {
      cached.delete(viewerId);
      pubsub?.publisher.publish(VIEWER_CHANNEL, viewerId).catch((err: Error) => {
        logger.warn({ event: 'viewers.publish_failed', err: err.message }, 'other gateways will see the change within maxAgeMs');
      });
    },
    async close() {
      if (pubsub) await pubsub.subscriber.unsubscribe(VIEWER_CHANNEL).catch(() => undefined);
    },
  };
}
