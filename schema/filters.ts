/**
 * The filter every aggregation takes, the result wrappers and their metadata, the page info of
 * cursor connections, and `Query.analytics`. Aggregation fields are added to `Analytics` by
 * their domain files.
 */
import type { ObjectRef, SchemaTypes } from '@pothos/core';
import { type Product, TOPICS, type Topic } from '../domain/events.js';
import type { Timeframe } from '../domain/filter.js';
import type { ResultMeta } from '../precompute/service.js';
import { resolveAnalytics } from '../resolvers/analytics.js';
import { TOPIC_KEYWORDS } from '../resolvers/ingest.js';
import type { AggregationResult, AnalyticsModel } from '../resolvers/models.js';
import { builder } from './builder.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : SchemaTypes;

/** The sentence every object type without an id carries (see docs/schema-changes.md, "Ids"). */
export const EMBEDDED = 'Embedded value, no identity: a normalised cache keeps it inside its parent.';

export const TimeframeEnum = builder.enumType('Timeframe', {
  description:
    'A window relative to today’s local date in the filter’s time zone, each from local 00:00 and open-ended (today included).',
  values: {
    ALL: { description: 'No time bound (the default).' },
    MTD: { description: 'Month to date: from the 1st of this month.' },
    QTD: { description: 'Quarter to date: from the 1st of January, April, July or October.' },
    YTD: { description: 'Year to date: from 1 January.' },
    LAST_6_MONTHS: { description: 'From the same day of the month 6 months ago (clamped to that month’s length).' },
    LAST_12_MONTHS: { description: 'From the same day of the month 12 months ago (clamped to that month’s length).' },
  } satisfies Record<Timeframe, { description: string }>,
});

const PRODUCT_VALUES = {
  YOUTUBE: { description: 'YouTube (youtube.com and the YouTube apps).' },
  YOUTUBE_MUSIC: { description: 'YouTube Music; its videos always have the MUSIC topic.' },
} satisfies Record<Product, { description: string }>;

export const ProductEnum = builder.enumType('Product', { description: 'Where a video was watched.', values: PRODUCT_VALUES });

export const ProductFilterEnum = builder.enumType('ProductFilter', {
  description: 'Which products a filter keeps: both, or one.',
  values: { ALL: { description: 'Both products (the default).' }, ...PRODUCT_VALUES },
});

const keywords = (topic: Topic): string =>
  topic === 'OTHER'
    ? 'No keyword of another topic matched.'
    : `Keywords (whole words, \`*\` a prefix): ${TOPIC_KEYWORDS[topic].join(', ')}.`;

export const TopicEnum = builder.enumType('Topic', {
  description:
    'The fixed topic taxonomy. A video has every topic one of whose keywords occurs as a whole word (case-insensitive) in its title or channel title; YouTube Music videos always have MUSIC; a video with none has OTHER.',
  values: Object.fromEntries(TOPICS.map((topic) => [topic, { description: keywords(topic) }])) as Record<
    Topic,
    { description: string }
  >,
});

export const CacheSourceEnum = builder.enumType('CacheSource', {
  description: 'Where a result came from: a cache tier, or computed for this request.',
  values: {
    MEMORY: { description: 'This gateway process’s in-memory tier.' },
    REDIS: { description: 'The Redis tier shared by every gateway.' },
    STORE: { description: 'The durable tier in the system of record (SQLite or Convex).' },
    COMPUTED: { description: 'Computed by the engine for this request: no tier had it.' },
  } satisfies Record<ResultMeta['source'], { description: string }>,
});

const DateRangeInput = builder.inputType('DateRange', {
  description: 'Local dates, both inclusive, read in the filter’s time zone. Replaces `timeframe`.',
  fields: (t) => ({
    from: t.field({ type: 'LocalDate', required: true, description: 'First local date, inclusive; not after `to`.' }),
    to: t.field({ type: 'LocalDate', required: true, description: 'Last local date, inclusive.' }),
  }),
});

export const WatchFilterInput = builder.inputType('WatchFilter', {
  description: 'Which events an aggregation sees. Omitted fields take their defaults.',
  fields: (t) => ({
    timeframe: t.field({ type: TimeframeEnum, description: 'Default ALL. Ignored when `range` is set.' }),
    range: t.field({ type: DateRangeInput, description: 'Explicit local dates; replaces `timeframe`.' }),
    product: t.field({ type: ProductFilterEnum, description: 'Default ALL.' }),
    topics: t.field({ type: [TopicEnum], description: 'Any-of; empty or omitted means every topic.' }),
    channels: t.stringList({
      description: 'Any-of channel keys (`ChannelRef.channelKey`), at most 100; empty or omitted means every channel.',
    }),
    timeZone: t.field({ type: 'TimeZone', description: 'Zone of every calendar field; default the viewer’s zone.' }),
    includeAds: t.boolean({ description: 'Count videos from Google Ads; default false.' }),
  }),
});

const DateRangeRef = builder.objectRef<{ from: string; to: string }>('ResolvedDateRange').implement({
  description: `The local dates a filter’s range covers, both inclusive. ${EMBEDDED}`,
  fields: (t) => ({
    from: t.field({ type: 'LocalDate', description: 'First local date, inclusive.', resolve: (r) => r.from }),
    to: t.field({ type: 'LocalDate', description: 'Last local date, inclusive.', resolve: (r) => r.to }),
  }),
});

const ResolvedFilterRef = builder.objectRef<AnalyticsModel['filter']>('ResolvedFilter').implement({
  description: `The filter as applied: defaults filled, lists sorted and de-duplicated, the time zone resolved. ${EMBEDDED}`,
  fields: (t) => ({
    timeframe: t.field({ type: TimeframeEnum, description: 'ALL when a range is set.', resolve: (f) => f.timeframe }),
    range: t.field({ type: DateRangeRef, nullable: true, description: 'Null without a range.', resolve: (f) => f.range }),
    product: t.field({ type: ProductFilterEnum, description: 'The products kept.', resolve: (f) => f.product }),
    topics: t.field({ type: [TopicEnum], description: 'Any-of, taxonomy order; empty = every topic.', resolve: (f) => f.topics }),
    channels: t.exposeStringList('channels', {
      description: 'Any-of channel keys as sent (known or not), sorted; empty = every channel.',
    }),
    timeZone: t.field({
      type: 'TimeZone',
      description: 'The zone used, canonical (aliases resolved: `Asia/Kolkata` → `Asia/Calcutta`).',
      resolve: (f) => f.timeZone,
    }),
    includeAds: t.exposeBoolean('includeAds', { description: 'Whether videos from Google Ads count.' }),
  }),
});

export const FreshnessEnum = builder.enumType('Freshness', {
  description:
    'How fresh an answer must be. A result is fresh when it was computed from the viewer’s current data version and has not expired; `meta.stale` says when it is not, and `meta.dataVersion` is then the older version it was computed from.',
  values: {
    FRESH: {
      description:
        'Wait up to FRESH_WAIT_MS (default 1 s) for a fresh result; if it takes longer, answer with the newest cached one, marked stale (it is refreshed in the background). Never computes twice for one key.',
    },
    STALE_OK: {
      description:
        'Answer at once with whatever is cached, fresh or stale (stale ones are refreshed in the background); compute only what is not cached at all.',
    },
    CACHED_ONLY: {
      description:
        'Never compute: a field with nothing cached is null with a NOT_CACHED error on its path; the others answer (stale ones marked stale).',
    },
  } as const,
});

export const ResultMetaRef = builder.objectRef<ResultMeta>('ResultMeta').implement({
  description: `How fresh a result is and where it came from. ${EMBEDDED}`,
  fields: (t) => ({
    computedAt: t.field({ type: 'DateTime', description: 'When the engine computed it.', resolve: (m) => m.computedAt }),
    expiresAt: t.field({
      type: 'DateTime',
      description:
        'After this instant the result is stale and refreshed on the next request (local midnight for results that depend on today).',
      resolve: (m) => m.expiresAt,
    }),
    source: t.field({ type: CacheSourceEnum, description: 'The tier it was read from, or COMPUTED.', resolve: (m) => m.source }),
    stale: t.exposeBoolean('stale', {
      description:
        'True when the result is not fresh: computed from an older data version than the viewer’s current one, or past `expiresAt`. A refresh runs in the background.',
    }),
    dataVersion: t.exposeInt('dataVersion', {
      description:
        'The viewer’s data version the result holds: the current one when fresh (computed from it, or carried to it unchanged because the commits since touched nothing it reads), an older one when stale.',
    }),
    computeMillis: t.exposeFloat('computeMillis', { description: 'Engine time to compute the result, milliseconds.' }),
    filterKey: t.exposeString('filterKey', { description: 'Canonical key of the filter (equal filters share one key).' }),
  }),
});

/** Backing model of PageInfo. */
export interface PageInfoModel {
  hasNextPage: boolean;
  endCursor: string | null;
}

export const PageInfoRef = builder.objectRef<PageInfoModel>('PageInfo').implement({
  description: `Where a page of a cursor connection ends (Relay style, forward pagination with \`first\` / \`after\`). ${EMBEDDED}`,
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', { description: 'True when more items follow this page.' }),
    endCursor: t.exposeString('endCursor', {
      nullable: true,
      description: 'Cursor of the last edge of this page, to pass as `after` for the next one; null for an empty page.',
    }),
  }),
});

const RESULT_ID =
  'Stable id of this result: the viewer, the aggregation, the canonical filter and the canonical arguments. Not the data version: a refetch after an ingest updates the same object.';

/**
 * `{ id, data, meta }` wrapper of one aggregation. `toData` maps the result to the data's
 * model when its fields need the result's scope (connection nodes with filter-scoped ids).
 */
export function resultOf<T, D = T>(
  name: string,
  description: string,
  data: ObjectRef<Types, D>,
  toData?: (r: AggregationResult<T>) => D,
) {
  return builder.objectRef<AggregationResult<T>>(name).implement({
    description,
    fields: (t) => ({
      id: t.exposeID('id', { description: RESULT_ID }),
      data: t.field({
        type: data,
        description: 'The aggregation’s data.',
        // Pothos cannot narrow a generic D to its resolver-result type; `data` is exactly D here.
        resolve: (r) => (toData ? toData(r) : r.data) as never,
      }),
      meta: t.field({ type: ResultMetaRef, description: 'Freshness and origin of the data.', resolve: (r) => r.meta }),
    }),
  });
}

/** `{ id, data, meta }` wrapper of one aggregation whose data is a list. */
export function listResultOf<T>(name: string, description: string, item: ObjectRef<Types, T>) {
  return builder.objectRef<AggregationResult<T[]>>(name).implement({
    description,
    fields: (t) => ({
      id: t.exposeID('id', { description: RESULT_ID }),
      data: t.field({ type: [item], description: 'The aggregation’s data.', resolve: (r) => r.data }),
      meta: t.field({ type: ResultMetaRef, description: 'Freshness and origin of the data.', resolve: (r) => r.meta }),
    }),
  });
}

export const AnalyticsRef = builder.objectRef<AnalyticsModel>('Analytics').implement({
  description:
    'Aggregations of the viewer’s history under one filter. Each field is served from precomputed entries when it can. Every aggregation field is nullable: one whose argument is rejected (BAD_USER_INPUT, `extensions.field` such as `topChannels.limit`) or whose computation fails (AGGREGATION_FAILED) is null with its error on its path, and the other fields still answer.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id: the viewer and the canonical filter (filters meaning the same share it).' }),
    filter: t.field({ type: ResolvedFilterRef, description: 'The filter every field here uses.', resolve: (a) => a.filter }),
  }),
});

builder.queryField('analytics', (t) =>
  t.field({
    type: AnalyticsRef,
    nullable: true,
    description:
      'Aggregations under a filter. Null when the filter is rejected (BAD_USER_INPUT, `extensions.field` naming the input field such as `filter.range.from`); the other root fields still answer.',
    args: {
      filter: t.arg({ type: WatchFilterInput, description: 'Which events; omitted = every watched video.' }),
      freshness: t.arg({
        type: FreshnessEnum,
        defaultValue: 'FRESH',
        description: 'How fresh every field must be; see the enum. Default FRESH.',
      }),
      atLeastVersion: t.arg.int({
        description:
          'Read your writes across gateways: answer for at least this data version (the `dataVersion` a mutation returned). Default: the version this gateway knows.',
      }),
    },
    resolve: (_root, { filter, freshness, atLeastVersion }, ctx) =>
      resolveAnalytics(ctx, filter, freshness ?? 'FRESH', atLeastVersion),
  }),
);
