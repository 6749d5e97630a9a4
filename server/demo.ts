/** Loads the seeded demo history into an empty store, in batches, as one atomic import. */
import { generateDemoEvents } from '../demo/generate.js';
import type { CommitResult, Store } from '../store/types.js';

export async function loadDemoHistory(
  store: Store,
  viewerId: string,
  count: number,
  endMs: number,
  timeZone: string,
): Promise<CommitResult> {
  const events = generateDemoEvents(viewerId, { seed: 42, count, endMs, timeZone });
  const session = await store.beginImport(viewerId);
  try {
    for (let i = 0; i < events.length; i += 5000) await session.addBatch(events.slice(i, i + 5000));
    return await session.commit({
      source: 'demo',
      recordsRead: events.length,
      duplicatesSkipped: 0,
      timestampFormats: {},
      timeZoneAbbreviations: {},
      ambiguousTimeZones: 0,
    });
  } catch (err) {
    await session.abort();
    throw err;
  }
}
