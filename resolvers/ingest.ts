/** Resolvers of the ingest mutations. */

import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { WatchEvent } from '../domain/events.js';
import { InvalidActivityError, normalizeActivity } from '../ingest/normalize.js';
import { ImportRejectedError, type ImportReport } from '../ingest/takeout.js';
import type { RawActivity } from '../ingest/types.js';
import { timeSlice } from '../runtime/slice.js';
import { spooledPathOf } from '../runtime/spooled.js';
import { commitEvents, plainStats } from '../store/commit.js';
import type { GatewayContext } from './context.js';
import { BadUserInputError, ImportRejected, QuotaExceededError } from './errors.js';

/** The topic keyword tables, for the schema's Topic descriptions (they are the definition). */
export { TOPIC_KEYWORDS } from '../ingest/topics.js';

export interface IngestResult {
  received: number;
  added: number;
  duplicates: number;
  dataVersion: number;
  precomputeScheduled: boolean;
}

/**
 * MAX_EVENTS_PER_VIEWER, checked before a commit with the incoming events counted as new
 * (duplicates among them could have fit). The stored count comes from ViewerQuotas (counted
 * once, then kept by this process's commits), not a COUNT over the history per ingest.
 */
async function checkEventQuota(ctx: GatewayContext, incoming: number): Promise<void> {
  const { limits, quotas, store } = ctx.services;
  const max = limits.maxEventsPerViewer;
  const stored = await quotas.storedEvents(ctx.viewer.id, incoming, max, () => store.countEvents(ctx.viewer.id));
  if (stored + incoming > max) {
    throw new QuotaExceededError(
      'eventsStored',
      `${stored} events are stored and ${incoming} more would pass the limit of ${max} per viewer (MAX_EVENTS_PER_VIEWER)`,
    );
  }
}

/**
 * Normalises and commits a JSON batch atomically: one invalid event — a wrong type or a broken
 * event rule (ingest/validate.ts: instant, title, URL hosts) — rejects the whole batch, naming
 * `events[i].field`, and nothing is stored. Schedules precompute when events were added.
 */
export async function ingestWatchEvents(ctx: GatewayContext, inputs: readonly RawActivity[]): Promise<IngestResult> {
  const { store, precomputer, limits } = ctx.services;
  if (inputs.length > limits.maxIngestBatch) {
    throw new BadUserInputError('events', `at most ${limits.maxIngestBatch} events per call, got ${inputs.length}`);
  }
  const rules = { nowMs: ctx.services.now(), maxClockSkewMs: limits.maxClockSkewMs };
  const events: WatchEvent[] = [];
  // In time slices: 10 000 events normalise in ~70 ms, which would hold the serving thread.
  const slice = timeSlice();
  for (const [i, raw] of inputs.entries()) {
    const turn = slice();
    if (turn) await turn;
    try {
      events.push(normalizeActivity(ctx.viewer.id, raw, rules));
    } catch (err) {
      if (err instanceof InvalidActivityError) throw new BadUserInputError(`events[${i}].${err.field}`, err.reason);
      throw err;
    }
  }
  await checkEventQuota(ctx, events.length);
  const before = ctx.viewer.dataVersion;
  const result = await commitEvents(store, ctx.viewer.id, events, plainStats('graphql', inputs.length));
  ctx.services.quotas.addStored(ctx.viewer.id, result.added);
  // A new version (new events, or only duplicates that dataQuality counts) is precomputed.
  const precomputeScheduled = result.dataVersion !== before ? await precomputer.schedule(ctx.viewer.id) : false;
  return { received: inputs.length, ...result, precomputeScheduled };
}

/**
 * Imports an uploaded Takeout export (JSON, HTML or zip). Bad input is a typed
 * `ImportRejected` result and changes nothing; after a commit that made a new data version,
 * precompute is scheduled.
 */
export async function importTakeoutFile(ctx: GatewayContext, file: File): Promise<ImportReport> {
  const { precomputer, limits } = ctx.services;
  if (file.size > limits.maxUploadBytes) {
    throw new ImportRejected(
      'TOO_LARGE',
      `the file has ${file.size} bytes; the limit is ${limits.maxUploadBytes} (MAX_UPLOAD_MB)`,
    );
  }
  await checkEventQuota(ctx, 0);
  if (!(await ctx.services.quotas.takeImport(ctx.viewer.id))) {
    throw new QuotaExceededError(
      'importsPerHour',
      `at most ${limits.importsPerHour} imports per hour (IMPORTS_PER_HOUR); try again later`,
    );
  }
  let report: ImportReport;
  // The upload parser (server/uploads.ts) already streamed the file to disk; a File from
  // elsewhere (tests, other transports) is spooled here. Then parsed and committed by the
  // import runner — an import thread when the store allows it.
  const spooled = spooledPathOf(file);
  const path = spooled ?? join(tmpdir(), `watchgraph-upload-${randomUUID()}`);
  try {
    if (!spooled) {
      await pipeline(
        Readable.from(file.stream() as unknown as AsyncIterable<Uint8Array>),
        createWriteStream(path, { flags: 'wx', mode: 0o600 }),
      );
    }
    report = await ctx.services.imports.importFile({
      viewerId: ctx.viewer.id,
      path,
      filename: file.name,
      size: file.size,
      viewerTimeZone: ctx.viewer.timeZone,
      maxBytes: limits.maxUploadBytes,
      nowMs: ctx.services.now(),
      maxClockSkewMs: limits.maxClockSkewMs,
    });
  } catch (err) {
    if (err instanceof ImportRejectedError) throw new ImportRejected(err.code, err.detail);
    throw err;
  } finally {
    if (!spooled) await rm(path, { force: true }); // the parser removes its own with the response
  }
  ctx.services.quotas.addStored(ctx.viewer.id, report.eventsAdded);
  if (report.eventsAdded + report.duplicates > 0) await precomputer.schedule(ctx.viewer.id);
  return report;
}
