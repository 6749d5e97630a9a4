/** Channels: the most watched, per-channel metrics, and channels watched together (catalogue #3, 13, 14). */
import { channelCursor } from '../precompute/aggregations/channels.js';
import type {
  ChannelIdentity,
  ChannelMetric,
  ChannelMetricsResult,
  ChannelRelationship,
  TopChannel,
} from '../precompute/engine/results/channels.js';
import { loadAggregation } from '../resolvers/analytics.js';
import { builder } from './builder.js';
import { AnalyticsRef, listResultOf, resultOf, TopicEnum } from './filters.js';
import { PageInfoRef } from './sessions.js';

const KEY = 'The channel id from its URL, else `title:<normalised title>`. Use it in `WatchFilter.channels`.';
const TITLE = 'The most recent title seen for the channel.';
const URL = 'https://www.youtube.com/channel/<id>; null for channels known only by title.';

const TopChannelRef = builder.objectRef<TopChannel>('TopChannel').implement({
  description: 'A channel with its share of the filtered videos.',
  fields: (t) => ({
    channelKey: t.exposeString('channelKey', { description: KEY }),
    channelTitle: t.exposeString('channelTitle', { description: TITLE }),
    channelUrl: t.exposeString('channelUrl', { nullable: true, description: URL }),
    videos: t.exposeInt('videos', { description: 'Filtered videos of the channel.' }),
    share: t.exposeFloat('share', { description: 'videos / filtered videos, 0..1.' }),
    estimatedWatchSeconds: t.exposeFloat('estimatedWatchSeconds', { description: 'Seconds (estimated, see Kpis).' }),
  }),
});

const TopChannelsResultRef = listResultOf('TopChannelsResult', 'By videos desc, then title asc.', TopChannelRef);

builder.objectField(AnalyticsRef, 'topChannels', (t) =>
  t.field({
    type: TopChannelsResultRef,
    nullable: true,
    description: 'The channels with most filtered videos.',
    args: { limit: t.arg.int({ defaultValue: 10, description: 'How many channels, 1..100.' }) },
    resolve: (a, args, ctx) => loadAggregation<TopChannel[]>(ctx, a, 'topChannels', args),
  }),
);

// ---------------------------------------------------------------------------------------
// channelMetrics

const ChannelOrderEnum = builder.enumType('ChannelOrder', {
  description: 'Order of channelMetrics. Ties in every order: videos desc, then title asc, then channel key asc.',
  values: {
    VIDEOS: { description: 'Most filtered videos first.' },
    LOYALTY: { description: 'Highest loyaltyScore first.' },
    RECENT: { description: 'Most recently watched (lastWatchedAt) first.' },
  } as const,
});

const ChannelMetricRef = builder.objectRef<ChannelMetric>('ChannelMetric').implement({
  description: 'One channel of the filtered videos. Local times and dates are in the filter’s time zone.',
  fields: (t) => ({
    channelKey: t.exposeString('channelKey', { description: KEY }),
    channelTitle: t.exposeString('channelTitle', { description: TITLE }),
    channelUrl: t.exposeString('channelUrl', { nullable: true, description: URL }),
    videos: t.exposeInt('videos', { description: 'Filtered videos of the channel.' }),
    share: t.exposeFloat('share', { description: 'videos / all filtered videos, 0..1.' }),
    firstWatchedAt: t.field({ type: 'DateTime', description: 'Its first filtered video.', resolve: (c) => c.firstWatchedAt }),
    lastWatchedAt: t.field({ type: 'DateTime', description: 'Its last filtered video.', resolve: (c) => c.lastWatchedAt }),
    activeMonths: t.exposeInt('activeMonths', { description: 'Local months with at least one of its filtered videos.' }),
    videosPerActiveMonth: t.exposeFloat('videosPerActiveMonth', { description: 'videos / activeMonths.' }),
    peakHour: t.exposeInt('peakHour', { description: 'Local hour (0..23) with most of its videos; smallest on ties.' }),
    peakWeekday: t.exposeInt('peakWeekday', {
      description: 'Local weekday with most of its videos, 0 = Sunday … 6 = Saturday; smallest on ties.',
    }),
    topics: t.field({
      type: [TopicEnum],
      description: 'Topics of its filtered videos, by videos desc then taxonomy order.',
      resolve: (c) => c.topics,
    }),
    isNew: t.exposeBoolean('isNew', {
      description:
        'Its first video ever (under the non-time filters, whatever the timeframe) is within the last 30 local days, today included.',
    }),
    sessionShare: t.exposeFloat('sessionShare', {
      description: 'Share of the filtered sessions (default 30-minute gap) containing at least one of its videos, 0..1.',
    }),
    loyaltyScore: t.exposeInt('loyaltyScore', {
      description:
        '0..100, round(mean of three parts), with months = local months from its first filtered video to today, inclusive: consistency = 100 × activeMonths / months; frequency = min(100, 10 × videos / months); recency by days since its last video: ≤ 7 → 100, ≤ 30 → 80, ≤ 90 → 60, ≤ 180 → 40, ≤ 365 → 20, else 10.',
    }),
  }),
});

interface ChannelEdgeModel {
  node: ChannelMetric;
  cursor: string;
}

const ChannelMetricEdgeRef = builder.objectRef<ChannelEdgeModel>('ChannelMetricEdge').implement({
  description: 'One channel of a page, with its cursor.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', {
      description: 'Opaque cursor of this position in this order; pass it as `after` with the same orderBy.',
    }),
    node: t.field({ type: ChannelMetricRef, description: 'The channel.', resolve: (e) => e.node }),
  }),
});

const edgesOf = (page: ChannelMetricsResult): ChannelEdgeModel[] =>
  page.items.map((node, i) => ({ node, cursor: channelCursor(page.orderBy, page.offset + i) }));

const ChannelMetricConnectionRef = builder.objectRef<ChannelMetricsResult>('ChannelMetricConnection').implement({
  description: 'A page of channels in the requested order.',
  fields: (t) => ({
    edges: t.field({ type: [ChannelMetricEdgeRef], description: 'The channels of this page.', resolve: edgesOf }),
    pageInfo: t.field({
      type: PageInfoRef,
      description: 'Whether more channels follow, and the cursor to ask for them.',
      resolve: (p) => ({ hasNextPage: p.hasNextPage, endCursor: edgesOf(p).at(-1)?.cursor ?? null }),
    }),
    totalCount: t.exposeInt('totalCount', { description: 'Channels in the filtered set, all pages together.' }),
  }),
});

const ChannelMetricsResultRef = resultOf(
  'ChannelMetricsResult',
  'A page of per-channel metrics with its cache metadata.',
  ChannelMetricConnectionRef,
);

builder.objectField(AnalyticsRef, 'channelMetrics', (t) =>
  t.field({
    type: ChannelMetricsResultRef,
    nullable: true,
    description: 'Per-channel metrics of the filtered videos, as a cursor connection.',
    args: {
      first: t.arg.int({ defaultValue: 20, description: 'Page size, 0..100.' }),
      after: t.arg.string({ description: 'Cursor of the last channel of the previous page (`endCursor`), same orderBy.' }),
      orderBy: t.arg({ type: ChannelOrderEnum, defaultValue: 'VIDEOS', description: 'Order of the channels.' }),
    },
    resolve: (a, args, ctx) => loadAggregation<ChannelMetricsResult>(ctx, a, 'channelMetrics', args),
  }),
);

// ---------------------------------------------------------------------------------------
// channelRelationships

const ChannelRefType = builder.objectRef<ChannelIdentity>('ChannelRef').implement({
  description: 'A channel named in a result.',
  fields: (t) => ({
    channelKey: t.exposeString('channelKey', { description: KEY }),
    channelTitle: t.exposeString('channelTitle', { description: TITLE }),
    channelUrl: t.exposeString('channelUrl', { nullable: true, description: URL }),
  }),
});

const ChannelRelationshipRef = builder.objectRef<ChannelRelationship>('ChannelRelationship').implement({
  description: 'Two channels watched in the same sessions (filtered sessions, default 30-minute gap).',
  fields: (t) => ({
    a: t.field({ type: ChannelRefType, description: 'The channel with the smaller key.', resolve: (r) => r.a }),
    b: t.field({ type: ChannelRefType, description: 'The channel with the larger key.', resolve: (r) => r.b }),
    sharedSessions: t.exposeInt('sharedSessions', { description: 'Sessions containing videos of both, ≥ 1.' }),
    score: t.exposeInt('score', {
      description: '0..100: round(100 × sharedSessions / min(sessions with a, sessions with b)).',
    }),
    sharedTopics: t.field({
      type: [TopicEnum],
      description: 'Topics both channels have among their filtered videos, taxonomy order.',
      resolve: (r) => r.sharedTopics,
    }),
  }),
});

const ChannelRelationshipsResultRef = listResultOf(
  'ChannelRelationshipsResult',
  'Pairs among the 200 channels with most videos, by score desc, then sharedSessions desc, then the keys of a and b.',
  ChannelRelationshipRef,
);

builder.objectField(AnalyticsRef, 'channelRelationships', (t) =>
  t.field({
    type: ChannelRelationshipsResultRef,
    nullable: true,
    description: 'Channels watched together in the same sessions.',
    args: {
      limit: t.arg.int({ defaultValue: 20, description: 'How many pairs, 1..100.' }),
      minScore: t.arg.int({ defaultValue: 10, description: 'Smallest score listed, 0..100.' }),
    },
    resolve: (a, args, ctx) => loadAggregation<ChannelRelationship[]>(ctx, a, 'channelRelationships', args),
  }),
);
