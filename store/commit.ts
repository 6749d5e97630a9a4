/** One-shot import of events already in memory: staged in batches, committed atomically, aborted on failure. */
import type { WatchEvent } from '../domain/events.js';
import type { CommitResult, ImportStats, Store } from './types.js';

/** Stats of an import that has no file behind it (GraphQL batches, demo data). */
export const plainStats = (source: string, recordsRead: number): ImportStats => ({
  source,
  recordsRead,
  duplicatesSkipped: 0, // the store adds the duplicates it finds at commit
  timestampFormats: {},
  timeZoneAbbreviations: {},
  ambiguousTimeZones: 0,
});

/** Stages `events` in batches of `batchSize` and commits them with `stats`; nothing is stored if anything fails. */
export async function commitEvents(
  store: Store,
  viewerId: string,
  events: readonly WatchEvent[],
  stats: ImportStats,
  batchSize = 5000,
): Promise<CommitResult> {
  const session = await store.beginImport(viewerId);
  try {
    for (let i = 0; i < events.length; i += batchSize) await session.addBatch(events.slice(i, i + batchSize));
    return await session.commit(stats);
  } catch (err) {
    await session.abort();
    throw err;
  }
}
