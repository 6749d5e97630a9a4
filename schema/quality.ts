/**
 * What was stored and how it was read (catalogue #19); the filter does not apply. The keyed
 * counts of the importers' counters are shared with the import report (ingest.ts).
 */
import type { DataQuality, TimestampFormatCount, TimeZoneAbbreviationCount } from '../precompute/engine/results/quality.js';
import { loadAggregation } from '../resolvers/analytics.js';
import { builder } from './builder.js';
import { AnalyticsRef, EMBEDDED, resultOf } from './filters.js';

export const TimestampFormatCountRef = builder.objectRef<TimestampFormatCount>('TimestampFormatCount').implement({
  description: `How many imported entries had their date written in one format (over every import in dataQuality, over one file in an import report). ${EMBEDDED}`,
  fields: (t) => ({
    format: t.exposeString('format', {
      description:
        'The format as the importer names it: `ISO 8601`, or an HTML date line’s shape (`MMM d, yyyy, h:mm:ss a z`, per export language). Open-ended: new export languages add formats.',
    }),
    count: t.exposeInt('count', { description: 'Entries read in this format.' }),
  }),
});

export const TimeZoneAbbreviationCountRef = builder.objectRef<TimeZoneAbbreviationCount>('TimeZoneAbbreviationCount').implement({
  description: `A time zone abbreviation found in HTML date lines, how often, and the offset applied to it (over every import in dataQuality, over one file in an import report). ${EMBEDDED}`,
  fields: (t) => ({
    abbreviation: t.exposeString('abbreviation', { description: 'As written in the export, e.g. `CET`.' }),
    count: t.exposeInt('count', { description: 'Entries carrying it.' }),
    assumedOffsetMinutes: t.exposeInt('assumedOffsetMinutes', {
      nullable: true,
      description:
        'The fixed offset applied, minutes east of UTC (CET = 60); null when ambiguous or unknown and resolved with the viewer’s time zone per instant instead. In dataQuality, from the latest import naming it.',
    }),
  }),
});

const DataQualityRef = builder.objectRef<DataQuality>('DataQuality').implement({
  description: `Everything stored for the viewer, whatever the filter: event counts by kind, what aggregations cannot see, and the importers’ counters summed over every import. ${EMBEDDED}`,
  fields: (t) => ({
    records: t.exposeInt('records', { description: 'Stored events of every kind, dated or not.' }),
    watched: t.exposeInt('watched', {
      description: 'Watched videos, ads and undated ones included (watched + viewedPosts + visitedAds = records).',
    }),
    viewedPosts: t.exposeInt('viewedPosts', { description: 'Community posts and stories viewed.' }),
    visitedAds: t.exposeInt('visitedAds', { description: 'Ad links visited.' }),
    ads: t.exposeInt('ads', {
      description: 'Events marked ‘From Google Ads’, any kind; hidden from aggregations unless includeAds.',
    }),
    undated: t.exposeInt('undated', { description: 'Events without a usable date, any kind; no aggregation sees them.' }),
    withChannel: t.exposeInt('withChannel', { description: 'Events with a channel key, any kind.' }),
    duplicatesSkipped: t.exposeInt('duplicatesSkipped', {
      description:
        'Entries not stored because an identical one was already stored or repeated in the same import, over all imports.',
    }),
    timestampFormats: t.field({
      type: [TimestampFormatCountRef],
      description: 'Date formats met by the importers, by count desc, then format.',
      resolve: (q) => q.timestampFormats,
    }),
    timeZoneAbbreviations: t.field({
      type: [TimeZoneAbbreviationCountRef],
      description: 'Zone abbreviations met in HTML exports, by count desc, then abbreviation.',
      resolve: (q) => q.timeZoneAbbreviations,
    }),
    ambiguousTimeZones: t.exposeInt('ambiguousTimeZones', {
      description: 'Entries whose zone abbreviation was ambiguous or unknown and was read in the viewer’s time zone.',
    }),
    firstWatchedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Earliest date of any stored event (any kind); null when none is dated.',
      resolve: (q) => q.firstWatchedAt,
    }),
    lastWatchedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Latest date of any stored event (any kind); null when none is dated.',
      resolve: (q) => q.lastWatchedAt,
    }),
  }),
});

const DataQualityResultRef = resultOf('DataQualityResult', 'Stored-data counts with their cache metadata.', DataQualityRef);

builder.objectField(AnalyticsRef, 'dataQuality', (t) =>
  t.field({
    type: DataQualityResultRef,
    nullable: true,
    description:
      'What is stored and how it was imported. Ignores the filter (every filter gives the same data; `meta.filterKey` still names the one sent).',
    resolve: (a, _args, ctx) => loadAggregation<DataQuality>(ctx, a, 'dataQuality'),
  }),
);
