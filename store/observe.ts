/** A Store decorator that reports every change to a viewer (commits that added events, zone changes). */
import type { Store } from './types.js';

/** `listener(viewerId)` runs after a commit that made a new data version, or a time-zone change. */
export function observeViewerChanges(store: Store, listener: (viewerId: string) => void): Store {
  // Explicit delegation (not a spread): adapters may keep their methods on a prototype.
  return {
    kind: store.kind,
    spec: store.spec,
    getViewer: (id) => store.getViewer(id),
    ensureViewer: (id, tz) => store.ensureViewer(id, tz),
    loadEvents: (id) => store.loadEvents(id),
    eventPages: (id, opts) => store.eventPages(id, opts),
    eventsAdded: (id, after, upTo, limit) => store.eventsAdded(id, after, upTo, limit),
    countEvents: (id) => store.countEvents(id),
    changeLog: (id, since) => store.changeLog(id, since),
    getEntries: (keys) => store.getEntries(keys),
    putEntry: (id, entry) => store.putEntry(id, entry),
    deleteEntries: (keys) => store.deleteEntries(keys),
    sweepEntries: (options) => store.sweepEntries(options),
    recordUsage: (row, now, halfLife, inc) => store.recordUsage(row, now, halfLife, inc),
    usage: (id) => store.usage(id),
    close: () => store.close(),
    async beginImport(viewerId) {
      const session = await store.beginImport(viewerId);
      return {
        addBatch: (events) => session.addBatch(events),
        abort: () => session.abort(),
        async commit(stats) {
          const result = await session.commit(stats);
          // Any staged event (new or duplicate) makes a new data version.
          if (result.added + result.duplicates > 0) listener(viewerId);
          return result;
        },
      };
    },
    async setViewerTimeZone(viewerId, timeZone) {
      const viewer = await store.setViewerTimeZone(viewerId, timeZone);
      listener(viewerId);
      return viewer;
    },
  };
}
