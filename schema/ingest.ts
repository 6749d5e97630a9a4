/** Bringing history in: JSON batches (programmatic path) and Takeout files (a typed result). */
import { EVENT_KINDS, type EventKind, PRODUCTS } from '../domain/events.js';
import type { SkipReason } from '../ingest/sink.js';
import type { ImportReport, RecordSample } from '../ingest/takeout.js';
import { ImportRejected } from '../resolvers/errors.js';
import { type IngestResult, importTakeoutFile, ingestWatchEvents } from '../resolvers/ingest.js';
import { builder } from './builder.js';
import { FailureRef } from './failures.js';
import { EMBEDDED, ProductEnum } from './filters.js';
import { TimestampFormatCountRef, TimeZoneAbbreviationCountRef } from './quality.js';

const EventKindEnum = builder.enumType('EventKind', {
  description: 'What an activity record is. Aggregations see WATCHED only; dataQuality counts every kind.',
  values: {
    WATCHED: { description: 'A video was watched.' },
    VIEWED: { description: 'A community post or story was viewed.' },
    VISITED: { description: 'An ad link was visited.' },
  } satisfies Record<EventKind, { description: string }>,
});

const WatchEventInput = builder.inputType('WatchEventInput', {
  description: 'One activity, as in a Takeout export.',
  fields: (t) => ({
    watchedAt: t.field({ type: 'DateTime', description: 'When; null or omitted when unknown (counted, not aggregated).' }),
    videoId: t.string({ description: 'The YouTube video id; derived from `videoUrl` when omitted.' }),
    videoTitle: t.string({ required: true, description: 'The title as shown in the history (non-empty).' }),
    videoUrl: t.string({ description: 'The video’s `https://www.youtube.com/watch?v=…` URL.' }),
    channelTitle: t.string({ description: 'The channel’s name; gives the channel key `title:<normalised>` without a URL.' }),
    channelUrl: t.string({ description: '`https://www.youtube.com/channel/<id>` gives the channel key `<id>`.' }),
    product: t.field({ type: ProductEnum, defaultValue: 'YOUTUBE', description: 'Where it was watched; default YOUTUBE.' }),
    kind: t.field({ type: EventKindEnum, defaultValue: 'WATCHED', description: 'What it is; default WATCHED.' }),
    isAd: t.boolean({ defaultValue: false, description: 'From Google Ads; default false.' }),
  }),
});

const IngestResultRef = builder.objectRef<IngestResult>('IngestResult').implement({
  description: `What an ingestWatchEvents call stored. ${EMBEDDED}`,
  fields: (t) => ({
    received: t.exposeInt('received', { description: 'Events in the call.' }),
    added: t.exposeInt('added', { description: 'New events stored.' }),
    duplicates: t.exposeInt('duplicates', { description: 'Events already stored (same viewer, instant, kind and video).' }),
    dataVersion: t.exposeInt('dataVersion', { description: 'The viewer’s data version after this call.' }),
    precomputeScheduled: t.exposeBoolean('precomputeScheduled', {
      description: 'True when events were added and a precompute job was queued for the new data version.',
    }),
  }),
});

builder.mutationField('ingestWatchEvents', (t) =>
  t.field({
    type: IngestResultRef,
    nullable: true,
    description:
      'Adds a batch of events atomically: one invalid event rejects the batch (BAD_USER_INPUT naming `events[i].<field>`) and nothing is stored. Re-sending the same events adds nothing.',
    args: {
      events: t.arg({
        type: [WatchEventInput],
        required: true,
        description: 'The events, at most 10 000 per call by default.',
      }),
    },
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
  description: `The file was not imported; nothing was stored. \`code\` says why (the import codes of FailureCode). ${EMBEDDED}`,
  interfaces: [FailureRef],
  fields: () => ({}),
});

const TakeoutFormatEnum = builder.enumType('TakeoutFormat', {
  description: 'A rendering of the Takeout watch history.',
  values: {
    JSON: { description: '`watch-history.json`.' },
    HTML: { description: '`watch-history.html`.' },
  } as const,
});

const SkipReasonEnum = builder.enumType('SkipReason', {
  description: 'Why a record of the file became no event.',
  values: {
    NOT_AN_ACTIVITY: { description: 'A JSON array element that is not an activity object (no `title`).' },
    NO_TITLE: { description: 'An activity without a title.' },
    UNRECOGNISED_ACTIVITY: { description: 'A title in no known export language’s watched/viewed/visited form.' },
    OTHER_ACTIVITY: { description: 'Another kind of activity (a search, a survey answer…), not a watch.' },
    INVALID: { description: 'A watch whose fields are unusable (the sample says which).' },
    DATE_IN_FUTURE: { description: 'Dated later than now + MAX_CLOCK_SKEW_HOURS (default 24 h).' },
    DATE_BEFORE_YOUTUBE: { description: 'Dated before 2005-04-23, YouTube’s first upload.' },
    EMPTY_TITLE: { description: 'A title that is empty once invisible characters and white space are removed.' },
    FOREIGN_VIDEO_URL: { description: 'A video link to a host other than youtube.com (www., m., music.) or youtu.be.' },
    FOREIGN_CHANNEL_URL: { description: 'A channel link to a host other than youtube.com (www., m., music.).' },
  } as const,
});

const SKIP_REASON = {
  'not-an-activity': 'NOT_AN_ACTIVITY',
  'no-title': 'NO_TITLE',
  'unrecognised-activity': 'UNRECOGNISED_ACTIVITY',
  'other-activity': 'OTHER_ACTIVITY',
  invalid: 'INVALID',
  'date-in-future': 'DATE_IN_FUTURE',
  'date-before-youtube': 'DATE_BEFORE_YOUTUBE',
  'empty-title': 'EMPTY_TITLE',
  'foreign-video-url': 'FOREIGN_VIDEO_URL',
  'foreign-channel-url': 'FOREIGN_CHANNEL_URL',
} as const satisfies Record<SkipReason, string>;

const SampleRef = builder.objectRef<RecordSample>('RecordSample').implement({
  description: `Where in the file a record was, and what was wrong or noteworthy. ${EMBEDDED}`,
  fields: (t) => ({
    position: t.exposeString('position', {
      description: '`record 12 (byte 3456)` for JSON, `entry 12 (char 3456)` for HTML, prefixed by the zip member when zipped.',
    }),
    detail: t.exposeString('detail', { description: 'What was found, for people (at most 200 characters).' }),
  }),
});

type SkipModel = { reason: SkipReason; count: number; samples: RecordSample[] };

const SkipCountRef = builder.objectRef<SkipModel>('SkipCount').implement({
  description: `Records skipped for one reason, with a few samples. ${EMBEDDED}`,
  fields: (t) => ({
    reason: t.field({ type: SkipReasonEnum, description: 'Why.', resolve: (r) => SKIP_REASON[r.reason] }),
    count: t.exposeInt('count', { description: 'Records skipped for it.' }),
    samples: t.field({ type: [SampleRef], description: 'Up to 5 of them, in file order.', resolve: (r) => r.samples }),
  }),
});

const EventKindCountRef = builder.objectRef<{ kind: EventKind; count: number }>('EventKindCount').implement({
  description: `Parsed events of one kind. ${EMBEDDED}`,
  fields: (t) => ({
    kind: t.field({ type: EventKindEnum, description: 'The kind.', resolve: (c) => c.kind }),
    count: t.exposeInt('count', { description: 'Parsed events of it (before de-duplication).' }),
  }),
});

const ProductCountRef = builder.objectRef<{ product: (typeof PRODUCTS)[number]; count: number }>('ProductCount').implement({
  description: `Parsed events of one product. ${EMBEDDED}`,
  fields: (t) => ({
    product: t.field({ type: ProductEnum, description: 'The product.', resolve: (c) => c.product }),
    count: t.exposeInt('count', { description: 'Parsed events of it (before de-duplication).' }),
  }),
});

/** Keyed counts by count desc, then key, as dataQuality lists them. */
const byCount = <K extends string, V extends { count: number }>(entries: [K, V][]): [K, V][] =>
  entries.sort(([ka, a], [kb, b]) => b.count - a.count || (ka < kb ? -1 : ka > kb ? 1 : 0));

/** `takeout-json`, `takeout-html`, `takeout-zip+json`, … split into the container and the renderings read. */
const sourceParts = (source: string): string[] => source.replace(/^takeout-/, '').split('+');

const ImportReportRef = builder.objectRef<ImportReport>('ImportReport').implement({
  description: `What an import did. Counts are over the records of the imported file(s). ${EMBEDDED}`,
  fields: (t) => ({
    fromZip: t.boolean({
      description: 'True when the upload was a Takeout .zip (see `files` for the members read).',
      resolve: (r) => sourceParts(r.source)[0] === 'zip',
    }),
    formats: t.field({
      type: [TakeoutFormatEnum],
      description: 'The renderings of the history read: JSON, HTML, or both from a zip holding both.',
      resolve: (r) =>
        sourceParts(r.source).flatMap((p) => (p === 'json' ? ['JSON' as const] : p === 'html' ? ['HTML' as const] : [])),
    }),
    files: t.exposeStringList('files', { description: 'Zip members imported; empty for a plain file.' }),
    bytesRead: t.exposeFloat('bytesRead', { description: 'Input bytes read (compressed size for a zip).' }),
    recordsRead: t.exposeInt('recordsRead', { description: 'JSON array elements or HTML activity cells seen.' }),
    eventsParsed: t.exposeInt('eventsParsed', { description: 'Records that became events (added + duplicates).' }),
    eventsAdded: t.exposeInt('eventsAdded', { description: 'Events new to the store.' }),
    duplicates: t.exposeInt('duplicates', { description: 'Events already stored or repeated in the file.' }),
    skipped: t.int({ description: 'Records that became no event.', resolve: (r) => r.skipped.total }),
    skippedReasons: t.field({
      type: [SkipCountRef],
      description: 'The skipped records per reason, by count desc, then reason.',
      resolve: (r) =>
        byCount(Object.entries(r.skipped.byReason) as [SkipReason, { count: number; samples: RecordSample[] }][]).map(
          ([reason, v]) => ({ reason, ...v }),
        ),
    }),
    byKind: t.field({
      type: [EventKindCountRef],
      description: 'Parsed events per kind, every kind listed (zero included), in EventKind order.',
      resolve: (r) => EVENT_KINDS.map((kind) => ({ kind, count: r.byKind[kind] })),
    }),
    byProduct: t.field({
      type: [ProductCountRef],
      description: 'Parsed events per product, every product listed (zero included), in Product order.',
      resolve: (r) => PRODUCTS.map((product) => ({ product, count: r.byProduct[product] })),
    }),
    ads: t.exposeInt('ads', { description: 'Parsed events marked ‘From Google Ads’.' }),
    undated: t.int({ description: 'Events without a usable date (stored, not aggregated).', resolve: (r) => r.undated.count }),
    undatedSamples: t.field({
      type: [SampleRef],
      description: 'Up to 5 of the undated events, in file order.',
      resolve: (r) => r.undated.samples,
    }),
    timestampFormats: t.field({
      type: [TimestampFormatCountRef],
      description: 'Date formats met in the file, by count desc, then format.',
      resolve: (r) =>
        byCount(Object.entries(r.timestampFormats).map(([f, count]) => [f, { count }])).map(([format, v]) => ({ format, ...v })),
    }),
    timeZoneAbbreviations: t.field({
      type: [TimeZoneAbbreviationCountRef],
      description: 'Zone abbreviations met in HTML dates, by count desc, then abbreviation.',
      resolve: (r) => byCount(Object.entries(r.timeZoneAbbreviations)).map(([abbreviation, v]) => ({ abbreviation, ...v })),
    }),
    ambiguousTimeZones: t.exposeInt('ambiguousTimeZones', {
      description: 'Dates whose zone label was unknown or ambiguous (read in the viewer’s time zone).',
    }),
    firstWatchedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Earliest date parsed; null when no event is dated.',
      resolve: (r) => r.firstWatchedAt,
    }),
    lastWatchedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Latest date parsed; null when no event is dated.',
      resolve: (r) => r.lastWatchedAt,
    }),
    dataVersion: t.exposeInt('dataVersion', { description: 'The viewer’s data version after the import.' }),
  }),
});

builder.mutationField('importTakeout', (t) =>
  t.field({
    type: ImportReportRef,
    nullable: true,
    description:
      'Imports a Google Takeout watch history — watch-history.json, watch-history.html or the Takeout .zip — sent as a GraphQL multipart upload. Atomic: a rejected file stores nothing and gives `ImportRejected`.',
    errors: {
      types: [ImportRejected],
      union: { name: 'ImportTakeoutResult', description: 'The report of an import, or ImportRejected.' },
      result: { name: 'ImportTakeoutSuccess', description: `The file was imported. ${EMBEDDED}` },
      dataField: { description: 'What the import did.' },
    },
    args: { file: t.arg({ type: 'File', required: true, description: 'The uploaded export (multipart part).' }) },
    resolve: (_root, { file }, ctx) => importTakeoutFile(ctx, file),
  }),
);
