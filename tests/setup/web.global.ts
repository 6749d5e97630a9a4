/** Vitest global setup: the browser tests need the dashboard page built from the current sources (dist/web/). */
// @ts-expect-error: a plain ESM script without types
import { buildWeb, isWebStale } from '../../scripts/build.mjs';

export default async function setup(): Promise<void> {
  if (isWebStale()) await buildWeb({ quiet: true });
}
