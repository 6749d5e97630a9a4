/**
 * The filter every aggregation takes, the result metadata, and `Query.analytics`.
 * Aggregation fields are added to `Analytics` by their domain files.
 */
import type { ObjectRef, SchemaTypes } from '@pothos/core';
import { PRODUCTS, TOPICS } from '../domain/events.js';
import { TIMEFRAMES } from '../domain/filter.js';
import type { Resolved, ResultMeta } from '../precompute/service.js';
import { resolveAnalytics } from '../resolvers/analytics.js';
import type { AnalyticsModel } from '../resolvers/models.js';
import { builder } from './builder.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : SchemaTypes;

export const TimeframeEnum = builder.enumType('Timeframe', {
  description:
    'A window relative to today’s local date. MTD/QTD/YTD start on the 1st of the month/quarter/year; LAST_6_MONTHS/LAST_12_MONTHS on the same day-of-month 6/12 months ago (clamped); each at local 00:00, open-ended. ALL has no bound.',
  values: TIMEFRAMES,
});

export const ProductEnum = builder.enumType('Product', { description: 'Where a video was watched.', values: PRODUCTS });

export const ProductFilterEnum = builder.enumType('ProductFilter', {
  description: 'ALL, or one product.',
  values: ['ALL', ...PRODUCTS] as const,
});

export const TopicEnum = builder.enumType('Topic', {
  description: 'The fixed topic taxonomy; a video gets every topic whose keywords occur in its title or channel, else OTHER.',
  values: TOPICS,
});

export const CacheSourceEnum = builder.enumType('CacheSource', {
  description: 'Where a result came from: a cache tier, or computed for this request.',
  values: ['MEMORY', 'REDIS', 'STORE', 'COMPUTED'] as const,
});

const DateRangeInput = builder.inputType('DateRange', {
  description: 'Local dates, both inclusive, read in the filter’s time zone. Replaces `timeframe`.',
  fields: (t) => ({
    from: t.field({ type: 'LocalDate', required: true }),
    to: t.field({ type: 'LocalDate', required: true }),
  }),
});

export const WatchFilterInput = builder.inputType('WatchFilter', {
  description: 'Which events an aggregation sees. Omitted fields take their defaults.',
  fields: (t) => ({
    timeframe: t.field({ type: TimeframeEnum, description: 'Default ALL. Ignored when `range` is set.' }),
    range: t.field({ type: DateRangeInput, description: 'Explicit local dates; replaces `timeframe`.' }),
    product: t.field({ type: ProductFilterEnum, description: 'Default ALL.' }),
    topics: t.field({ type: [TopicEnum], description: 'Any-of; empty or omitted means every topic.' }),
    channels: t.stringList({ description: 'Any-of channel keys (see `channelKey`); empty or omitted means every channel.' }),
    timeZone: t.field({ type: 'TimeZone', description: 'Zone of every calendar field; default the viewer’s zone.' }),
    includeAds: t.boolean({ description: 'Count videos from Google Ads; default false.' }),
  }),
});

const DateRangeRef = builder.objectRef<{ from: string; to: string }>('ResolvedDateRange').implement({
  fields: (t) => ({
    from: t.field({ type: 'LocalDate', resolve: (r) => r.from }),
    to: t.field({ type: 'LocalDate', resolve: (r) => r.to }),
  }),
});

const ResolvedFilterRef = builder.objectRef<AnalyticsModel['filter']>('ResolvedFilter').implement({
  description: 'The filter as applied: defaults filled, lists sorted and de-duplicated, the time zone resolved.',
  fields: (t) => ({
    timeframe: t.field({ type: TimeframeEnum, resolve: (f) => f.timeframe }),
    range: t.field({ type: DateRangeRef, nullable: true, resolve: (f) => f.range }),
    product: t.field({ type: ProductFilterEnum, resolve: (f) => f.product }),
    topics: t.field({ type: [TopicEnum], resolve: (f) => f.topics }),
    channels: t.exposeStringList('channels'),
    timeZone: t.field({ type: 'TimeZone', resolve: (f) => f.timeZone }),
    includeAds: t.exposeBoolean('includeAds'),
  }),
});

export const ResultMetaRef = builder.objectRef<ResultMeta>('ResultMeta').implement({
  description: 'How fresh a result is and where it came from.',
  fields: (t) => ({
    computedAt: t.field({ type: 'DateTime', resolve: (m) => m.computedAt }),
    expiresAt: t.field({
      type: 'DateTime',
      description:
        'After this instant the result is stale and refreshed on the next request (local midnight for results that depend on today).',
      resolve: (m) => m.expiresAt,
    }),
    source: t.field({ type: CacheSourceEnum, resolve: (m) => m.source }),
    stale: t.exposeBoolean('stale', { description: 'True when served past `expiresAt` while a refresh runs in the background.' }),
    dataVersion: t.exposeInt('dataVersion', { description: 'The viewer’s data version the result was computed from.' }),
    computeMillis: t.exposeFloat('computeMillis', { description: 'Engine time to compute the result, milliseconds.' }),
    filterKey: t.exposeString('filterKey', { description: 'Canonical key of the filter (equal filters share one key).' }),
  }),
});

/** `{ data, meta }` wrapper of one aggregation whose data is an object. */
export function resultOf<T>(name: string, description: string, data: ObjectRef<Types, T>) {
  return builder.objectRef<Resolved<T>>(name).implement({
    description,
    fields: (t) => ({
      // Pothos cannot narrow a generic T to its resolver-result type; `data` is exactly T here.
      data: t.field({ type: data, resolve: (r) => r.data as never }),
      meta: t.field({ type: ResultMetaRef, resolve: (r) => r.meta }),
    }),
  });
}

/** `{ data, meta }` wrapper of one aggregation whose data is a list. */
export function listResultOf<T>(name: string, description: string, item: ObjectRef<Types, T>) {
  return builder.objectRef<Resolved<T[]>>(name).implement({
    description,
    fields: (t) => ({
      data: t.field({ type: [item], resolve: (r) => r.data }),
      meta: t.field({ type: ResultMetaRef, resolve: (r) => r.meta }),
    }),
  });
}

export const AnalyticsRef = builder.objectRef<AnalyticsModel>('Analytics').implement({
  description:
    'Aggregations of the viewer’s history under one filter. Each field is served from precomputed entries when it can. Every aggregation field is nullable: one whose argument is rejected (BAD_USER_INPUT) or whose computation fails (AGGREGATION_FAILED) is null with its error on its path, and the other fields still answer.',
  fields: (t) => ({
    filter: t.field({ type: ResolvedFilterRef, resolve: (a) => a.filter }),
  }),
});

builder.queryField('analytics', (t) =>
  t.field({
    type: AnalyticsRef,
    nullable: true,
    description:
      'Aggregations under a filter. Null when the filter is rejected (BAD_USER_INPUT, `extensions.field` naming the offending input field such as `filter.range.from`); sibling root fields still answer.',
    args: { filter: t.arg({ type: WatchFilterInput }) },
    resolve: (_root, { filter }, ctx) => resolveAnalytics(ctx, filter),
  }),
);
