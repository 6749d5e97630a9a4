/**
 * Live updates per viewer (`Subscription.viewerChanged`): a commit that made a new data version
 * (or a zone change) is announced with `precomputed: false`, and again with `precomputed: true`
 * once a precompute job for that version finished. In one process the gateway calls
 * `committed`/`precomputed`; across processes the commit travels on the viewer directory's
 * channel (`wg:viewers:changed`, the viewer id) and the job on `wg:viewers:precomputed`
 * (`{"viewerId","dataVersion"}`), so a page on gateway B hears an import made on gateway A.
 *
 * A stream only ever carries its own viewer's events. Streams are capped per viewer, end when
 * the viewer's token expires, and are refused or ended with LIVE_UNAVAILABLE while the Redis
 * subscriber is down (events from other processes would be lost): clients poll meanwhile.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { VIEWER_CHANNEL } from '../cache/viewers.js';
import type { Store } from '../store/types.js';
import { type LiveStopCode, LiveStoppedError } from './errors.js';

export const PRECOMPUTED_CHANNEL = 'wg:viewers:precomputed';

/** What a stream yields: a change, or why the gateway ends the stream (its last item). */
export type LiveEvent =
  | { kind: 'change'; dataVersion: number; precomputed: boolean }
  | { kind: 'stop'; code: Exclude<LiveStopCode, 'TOO_MANY_STREAMS'> };

/**
 * Announces a finished precompute job to every gateway's live streams, for processes that run
 * jobs without a gateway (a `worker` with PRECOMPUTE=external): call it from the precomputer's `onJob`.
 */
export function publishPrecomputed(publisher: Redis, viewerId: string, dataVersion: number): Promise<number> {
  return publisher.publish(PRECOMPUTED_CHANNEL, JSON.stringify({ viewerId, dataVersion }));
}

export interface LiveSubscribeOptions {
  /** Epoch ms when the viewer's token expires: the stream ends then with UNAUTHENTICATED. */
  tokenExpiresAt?: number;
}

export interface LiveHub {
  /** This process committed a change for the viewer (new data version, or a zone change). */
  committed(viewerId: string): void;
  /** A precompute job for `dataVersion` of the viewer finished in this process. */
  precomputed(viewerId: string, dataVersion: number): void;
  /**
   * A stream of the viewer's changes, starting with the current state. Throws LiveStoppedError
   * (TOO_MANY_STREAMS past the cap, LIVE_UNAVAILABLE while Redis is down, UNAUTHENTICATED for
   * an expired token). `return()` (the client went away) releases its slot.
   */
  subscribe(viewerId: string, options?: LiveSubscribeOptions): Promise<AsyncIterableIterator<LiveEvent>>;
  /** Open streams of the viewer in this process. */
  streamsOf(viewerId: string): number;
  /** False while the cross-process subscriber is down (always true without Redis). */
  available(): boolean;
  /** Resolves once the Redis subscription to the precomputed channel is active (at once without Redis). */
  subscribed(): Promise<void>;
  /** Ends every stream. */
  close(): Promise<void>;
}

export interface LiveHubOptions {
  store: Store;
  logger: Logger;
  /** Streams one viewer may hold open in this process; default 8. */
  maxStreamsPerViewer?: number;
  /** Publisher and the dedicated subscriber connection the viewer directory uses. */
  pubsub?: { publisher: Redis; subscriber: Redis };
  now?: () => number;
}

interface Stream {
  push(event: LiveEvent): void;
  end(): void;
}

/** Last event announced per viewer in this process: dedupes the echo of our own publishes. */
interface Announced {
  dataVersion: number;
  precomputed: boolean;
}

export function createLiveHub(options: LiveHubOptions): LiveHub {
  const { store, logger, pubsub } = options;
  const maxStreams = options.maxStreamsPerViewer ?? 8;
  if (!(Number.isInteger(maxStreams) && maxStreams >= 1)) {
    throw new RangeError(`[resolvers/live] expected maxStreamsPerViewer ≥ 1, got ${maxStreams}`);
  }
  const now = options.now ?? Date.now;
  const streams = new Map<string, Set<Stream>>();
  const announced = new Map<string, Announced>();
  let up = pubsub ? pubsub.subscriber.status === 'ready' : true;

  const emit = (viewerId: string, event: LiveEvent) => {
    for (const s of streams.get(viewerId) ?? []) s.push(event);
  };
  const announce = (viewerId: string, dataVersion: number, precomputed: boolean, force: boolean) => {
    const last = announced.get(viewerId);
    if (last && !force) {
      // Older news (a job of a version already superseded), or the echo of what we announced.
      if (dataVersion < last.dataVersion) return;
      if (dataVersion === last.dataVersion && (last.precomputed || !precomputed)) return;
    }
    announced.set(viewerId, { dataVersion, precomputed });
    emit(viewerId, { kind: 'change', dataVersion, precomputed });
  };
  // Reads the version from the store, not the directory: the directory may still hold the old one.
  const announceCommit = (viewerId: string, force: boolean) => {
    if (!streams.has(viewerId)) return;
    store.getViewer(viewerId).then(
      (viewer) => {
        if (viewer) announce(viewerId, viewer.dataVersion, false, force);
      },
      (err: Error) => logger.warn({ event: 'live.read_failed', viewerId, err: err.message }, 'cannot read the data version'),
    );
  };
  const stopAll = (code: 'LIVE_UNAVAILABLE') => {
    for (const set of streams.values()) for (const s of set) s.push({ kind: 'stop', code });
  };

  let subscription: Promise<void> = Promise.resolve();
  if (pubsub) {
    const { subscriber } = pubsub;
    subscription = subscriber.subscribe(PRECOMPUTED_CHANNEL).then(
      () => undefined,
      (err: Error) => logger.warn({ event: 'live.subscribe_failed', err: err.message }, 'live updates stay in this process'),
    );
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === VIEWER_CHANNEL) announceCommit(message, false);
      else if (channel === PRECOMPUTED_CHANNEL) {
        try {
          const { viewerId, dataVersion } = JSON.parse(message) as { viewerId: unknown; dataVersion: unknown };
          if (typeof viewerId === 'string' && typeof dataVersion === 'number' && streams.has(viewerId)) {
            announce(viewerId, dataVersion, true, false);
          }
        } catch {
          logger.warn({ event: 'live.bad_message', channel }, 'ignored a malformed precomputed message');
        }
      }
    });
    subscriber.on('ready', () => {
      up = true;
    });
    subscriber.on('close', () => {
      if (!up) return;
      up = false;
      logger.warn({ event: 'live.unavailable' }, 'redis subscriber down: live streams end, clients poll');
      stopAll('LIVE_UNAVAILABLE');
    });
  }

  const open = (viewerId: string, first: LiveEvent, tokenExpiresAt: number | undefined): AsyncIterableIterator<LiveEvent> => {
    const queue: LiveEvent[] = [first];
    let waiting: ((r: IteratorResult<LiveEvent>) => void) | null = null;
    // `stopped`: a stop is queued (the stream's last item); `finished`: nothing more at all.
    let stopped = false;
    let finished = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const set = streams.get(viewerId) ?? new Set<Stream>();
    streams.set(viewerId, set);
    const detach = () => {
      clearTimeout(timer);
      set.delete(stream);
      if (set.size === 0 && streams.get(viewerId) === set) streams.delete(viewerId);
    };
    const stream: Stream = {
      push(event) {
        if (finished || stopped) return;
        if (event.kind === 'stop') {
          stopped = true;
          detach();
        }
        const w = waiting;
        waiting = null;
        if (w) w({ done: false, value: event });
        else queue.push(event);
      },
      end() {
        finished = true;
        detach();
        const w = waiting;
        waiting = null;
        w?.({ done: true, value: undefined });
      },
    };
    set.add(stream);
    if (tokenExpiresAt !== undefined) {
      // setTimeout holds at most 2^31−1 ms (~24.8 days; past it, it fires at once): re-arm until expiry.
      const arm = () => {
        const left = tokenExpiresAt - now();
        if (left <= 0) stream.push({ kind: 'stop', code: 'UNAUTHENTICATED' });
        else {
          timer = setTimeout(arm, Math.min(left, 2 ** 31 - 1));
          timer.unref?.();
        }
      };
      arm();
    }
    const iterator: AsyncIterableIterator<LiveEvent> = {
      [Symbol.asyncIterator]: () => iterator,
      next() {
        const event = queue.shift();
        if (event) return Promise.resolve({ done: false, value: event });
        if (finished || stopped) return Promise.resolve({ done: true, value: undefined });
        return new Promise((resolve) => {
          waiting = resolve;
        });
      },
      return() {
        stream.end();
        return Promise.resolve({ done: true, value: undefined });
      },
    };
    return iterator;
  };

  return {
    committed(viewerId) {
      announceCommit(viewerId, true);
    },
    precomputed(viewerId, dataVersion) {
      announce(viewerId, dataVersion, true, false);
      if (pubsub)
        publishPrecomputed(pubsub.publisher, viewerId, dataVersion).catch((err: Error) => {
          logger.warn({ event: 'live.publish_failed', err: err.message }, 'other gateways miss this precompute event');
        });
    },
    async subscribe(viewerId, subscribeOptions = {}) {
      const { tokenExpiresAt } = subscribeOptions;
      if (tokenExpiresAt !== undefined && tokenExpiresAt <= now()) throw new LiveStoppedError('UNAUTHENTICATED');
      if (!up) throw new LiveStoppedError('LIVE_UNAVAILABLE');
      if ((streams.get(viewerId)?.size ?? 0) >= maxStreams) throw new LiveStoppedError('TOO_MANY_STREAMS');
      const viewer = (await store.getViewer(viewerId)) ?? (await store.ensureViewer(viewerId));
      const last = announced.get(viewerId);
      // Precomputed unless this process saw the commit of this version and not yet its job.
      const precomputed = !(last && last.dataVersion === viewer.dataVersion && !last.precomputed);
      if ((streams.get(viewerId)?.size ?? 0) >= maxStreams) throw new LiveStoppedError('TOO_MANY_STREAMS');
      return open(viewerId, { kind: 'change', dataVersion: viewer.dataVersion, precomputed }, tokenExpiresAt);
    },
    streamsOf: (viewerId) => streams.get(viewerId)?.size ?? 0,
    available: () => up,
    subscribed: () => subscription,
    async close() {
      for (const set of [...streams.values()]) for (const s of [...set]) s.end();
      streams.clear();
      if (pubsub) await pubsub.subscriber.unsubscribe(PRECOMPUTED_CHANNEL).catch(() => undefined);
    },
  };
}
