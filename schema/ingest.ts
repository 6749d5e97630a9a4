/** Bringing history in: JSON batches (programmatic path). */
import { EVENT_KINDS } from '../domain/events.js';
import type { ImportReport, RecordSample } from '../ingest/takeout.js';
import { ImportRejected } from '../resolvers/errors.js';
import { type IngestResult, importTakeoutFile, ingestWatchEvents } from '../resolvers/ingest.js';
import { builder } from './builder.js';
import { ProductEnum } from './filters.js';

const EventKindEnum = builder.enumType('EventKind', {
  description: 'WATCHED a video, VIEWED a post or story, VISITED an ad link.',
  values: EVENT_KINDS,
});

const WatchEventInput = builder.inputType('WatchEventInput', {
  description: 'One activity, as in a Takeout export.',
  fields: (t) => ({
    watchedAt: t.field({ type: 'DateTime', description: 'When; null or omitted when unknown (counted, not aggregated).' }),
    videoId: t.string({ description: 'Derived from `videoUrl` when omitted.' }),
    videoTitle: t.string({ required: true }),
    videoUrl: t.string(),
    channelTitle: t.string(),
    channelUrl: t.string({ description: '`https://www.youtube.com/channel/<id>` gives the channel key.' }),
    product: t.field({ type: ProductEnum, defaultValue: 'YOUTUBE' }),
    kind: t.field({ type: EventKindEnum, defaultValue: 'WATCHED' }),
    isAd: t.boolean({ defaultValue: false, description: 'From Google Ads.' }),
  }),
});

const IngestResultRef = builder.objectRef<IngestResult>('IngestResult').implement({
  fields: (t) => ({
    received: t.exposeInt('received'),
    added: t.exposeInt('added', { description: 'New events stored.' }),
    duplicates: t.exposeInt('duplicates', { description: 'Events already stored (same viewer, instant, kind and video).' }),
    dataVersion: t.exposeInt('dataVersion', { description: 'The viewer’s data version after this call.' }),
    precomputeScheduled: t.exposeBoolean('precomputeScheduled'),
  }),
});

builder.mutationField('ingestWatchEvents', (t) =>
  t.field({
    type: IngestResultRef,
    nullable: true,
    description: 'Adds a batch of events atomically: one invalid event rejects the batch, naming `events[i].field`.',
    args: { events: t.arg({ type: [WatchEventInput], required: true }) },
    resolve: (_root, { events }, ctx) =>
      ingestWatchEvents(
        ctx,
        events.map((e) => ({
          watchedAt: e.watchedAt ?? null,
          videoId: e.videoId,
          videoTitle: e.videoTitle,
          videoUrl: e.videoUrl,
          channelTitle: e.channelTitle,
          channelUrl: e.channelUrl,
          product: e.product ?? 'YOUTUBE',
          kind: e.kind ?? 'WATCHED',
          isAd: e.isAd ?? false,
        })),
      ),
  }),
);

// ---------------------------------------------------------------------------------------
// Takeout files

builder.objectType(ImportRejected, {
  name: 'ImportRejected',
  description: 'The file was not imported; nothing was stored.',
  fields: (t) => ({
    code: t.exposeString('code', {
      description:
        'EMPTY, TRUNCATED, NOT_TAKEOUT, NO_ACTIVITY, TOO_LARGE, ZIP_NO_HISTORY, ZIP_BOMB, NOT_UTF8 or UNSUPPORTED_FORMAT.',
    }),
    message: t.exposeString('detail', { description: 'What was wrong, for people.' }),
  }),
});

const SampleRef = builder.objectRef<RecordSample>('RecordSample').implement({
  description: 'Where in the file a record was, and what was wrong or noteworthy.',
  fields: (t) => ({ position: t.exposeString('position'), detail: t.exposeString('detail') }),
});

const SkipReasonRef = builder.objectRef<{ reason: string; count: number; samples: RecordSample[] }>('SkipReason').implement({
  fields: (t) => ({
    reason: t.exposeString('reason'),
    count: t.exposeInt('count'),
    samples: t.field({ type: [SampleRef], resolve: (r) => r.samples }),
  }),
});

const CountRef = builder.objectRef<{ key: string; count: number }>('KeyCount').implement({
  fields: (t) => ({ key: t.exposeString('key'), count: t.exposeInt('count') }),
});

const ZoneLabelRef = builder
  .objectRef<{ abbreviation: string; count: number; assumedOffsetMinutes: number | null }>('ZoneLabelCount')
  .implement({
    description: 'A time-zone label of HTML dates and how it was read.',
    fields: (t) => ({
      abbreviation: t.exposeString('abbreviation'),
      count: t.exposeInt('count'),
      assumedOffsetMinutes: t.exposeInt('assumedOffsetMinutes', {
        nullable: true,
        description: 'The fixed offset applied; null when resolved with the viewer’s zone (unknown or ambiguous label).',
      }),
    }),
  });

const counts = (r: Record<string, number>) => Object.entries(r).map(([key, count]) => ({ key, count }));

const ImportReportRef = builder.objectRef<ImportReport>('ImportReport').implement({
  description: 'What an import did. Counts are over the records of the imported file(s).',
  fields: (t) => ({
    source: t.exposeString('source', { description: 'takeout-json, takeout-html, or takeout-zip+… with the formats found.' }),
    files: t.exposeStringList('files', { description: 'Zip members imported; empty for a plain file.' }),
    bytesRead: t.exposeFloat('bytesRead', { description: 'Input bytes read (compressed size for a zip).' }),
    recordsRead: t.exposeInt('recordsRead', { description: 'JSON array elements or HTML activity cells seen.' }),
    eventsParsed: t.exposeInt('eventsParsed', { description: 'Records that became events (added + duplicates).' }),
    eventsAdded: t.exposeInt('eventsAdded'),
    duplicates: t.exposeInt('duplicates', { description: 'Events already stored or repeated in the file.' }),
    skipped: t.int({ description: 'Records that became no event.', resolve: (r) => r.skipped.total }),
    skippedReasons: t.field({
      type: [SkipReasonRef],
      resolve: (r) => Object.entries(r.skipped.byReason).map(([reason, v]) => ({ reason, ...v })),
    }),
    byKind: t.field({ type: [CountRef], description: 'Parsed events per kind.', resolve: (r) => counts(r.byKind) }),
    byProduct: t.field({ type: [CountRef], description: 'Parsed events per product.', resolve: (r) => counts(r.byProduct) }),
    ads: t.exposeInt('ads'),
    undated: t.int({ description: 'Events without a usable date (stored, not aggregated).', resolve: (r) => r.undated.count }),
    undatedSamples: t.field({ type: [SampleRef], resolve: (r) => r.undated.samples }),
    timestampFormats: t.field({ type: [CountRef], resolve: (r) => counts(r.timestampFormats) }),
    timeZoneAbbreviations: t.field({
      type: [ZoneLabelRef],
      resolve: (r) => Object.entries(r.timeZoneAbbreviations).map(([abbreviation, v]) => ({ abbreviation, ...v })),
    }),
    ambiguousTimeZones: t.exposeInt('ambiguousTimeZones', { description: 'Dates whose zone label was unknown or ambiguous.' }),
    firstWatchedAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.firstWatchedAt }),
    lastWatchedAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.lastWatchedAt }),
    dataVersion: t.exposeInt('dataVersion', { description: 'The viewer’s data version after the import.' }),
  }),
});

builder.mutationField('importTakeout', (t) =>
  t.field({
    type: ImportReportRef,
    nullable: true,
    description:
      'Imports a Google Takeout watch history — watch-history.json, watch-history.html or the Takeout .zip — sent as a GraphQL multipart upload. Atomic: a rejected file stores nothing.',
    errors: { types: [ImportRejected], union: { name: 'ImportTakeoutResult' }, result: { name: 'ImportTakeoutSuccess' } },
    args: { file: t.arg({ type: 'File', required: true }) },
    resolve: (_root, { file }, ctx) => importTakeoutFile(ctx, file),
  }),
);
