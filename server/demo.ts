/** Loads the seeded demo history into an empty store, in batches, as one atomic import. */
import { generateDemoEvents } from '../demo/generate.js';
import { commitEvents, plainStats } from '../store/commit.js';
import type { CommitResult, Store } from '../store/types.js';

export async function loadDemoHistory(
  store: Store,
  viewerId: string,
  count: number,
  endMs: number,
  timeZone: string,
): Promise<CommitResult> {
  const events = generateDemoEvents(viewerId, { seed: 42, count, endMs, timeZone });
  return commitEvents(store, viewerId, events, plainStats('demo', events.length));
}
