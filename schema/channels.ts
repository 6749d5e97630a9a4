/**
 * Channels: the identity every result names a channel with (`ChannelRef`), the most watched,
 * per-channel metrics, and channels watched together (catalogue #3, 13, 14).
 */
import { channelCursor } from '../precompute/aggregations/channels.js';
import type {
  ChannelIdentity,
  ChannelMetric,
  ChannelMetricsResult,
  ChannelOrder,
  ChannelRelationship,
  TopChannel,
} from '../precompute/engine/results/channels.js';
import { loadAggregation } from '../resolvers/analytics.js';
import { channelId, channelMetricId } from '../resolvers/ids.js';
import { builder } from './builder.js';
import { AnalyticsRef, EMBEDDED, listResultOf, PageInfoRef, resultOf, TopicEnum } from './filters.js';
import { ESTIMATE } from './kpis.js';

/** A channel as every result names it: one normalised-cache entity per channel of the viewer. */
export const ChannelRefType = builder.objectRef<ChannelIdentity>('ChannelRef').implement({
  description:
    'A channel of the viewer’s history. Every result names its channels with this type (`channel`, `channels`, `a`/`b`), so one fragment renders a channel link everywhere.',
  fields: (t) => ({
    id: t.id({
      description: 'Stable id: the viewer and the channel key, whatever the filter (title and URL do not depend on one).',
      resolve: (c, _args, ctx) => channelId(ctx.viewer.id, c.channelKey),
    }),
    channelKey: t.exposeString('channelKey', {
      description:
        'The channel id from its URL, else `title:<normalised title>`. Use it in `WatchFilter.channels` and `channelEvolution`.',
    }),
    channelTitle: t.exposeString('channelTitle', { description: 'The most recent title seen for the channel.' }),
    channelUrl: t.exposeString('channelUrl', {
      nullable: true,
      description: '`https://www.youtube.com/channel/<id>`; null for channels known only by title.',
    }),
  }),
});

const TopChannelRef = builder.objectRef<TopChannel>('TopChannel').implement({
  description: `A channel with its part of the filtered videos. ${EMBEDDED}`,
  fields: (t) => ({
    channel: t.field({ type: ChannelRefType, description: 'The channel.', resolve: (c) => c }),
    videos: t.exposeInt('videos', { description: 'Filtered videos of the channel.' }),
    shareOfVideos: t.float({ description: 'videos / all filtered videos, 0..1.', resolve: (c) => c.share }),
    estimatedWatchSeconds: t.exposeFloat('estimatedWatchSeconds', { description: `Seconds. ${ESTIMATE}` }),
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
  } satisfies Record<ChannelOrder, { description: string }>,
});

/** A channel's metrics with its filter-scoped id. */
type ChannelMetricNode = ChannelMetric & { id: string };

const ChannelMetricRef = builder.objectRef<ChannelMetricNode>('ChannelMetric').implement({
  description: 'One channel of the filtered videos. Local times and dates are in the filter’s time zone.',
  fields: (t) => ({
    id: t.exposeID('id', {
      description:
        'Stable id: the viewer, the canonical filter and the channel. Every page and order of one filter shares it; another filter (other numbers) has another.',
    }),
    channel: t.field({ type: ChannelRefType, description: 'The channel.', resolve: (c) => c }),
    videos: t.exposeInt('videos', { description: 'Filtered videos of the channel.' }),
    shareOfVideos: t.float({ description: 'videos / all filtered videos, 0..1.', resolve: (c) => c.share }),
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
    shareOfSessions: t.float({
      description: 'Filtered sessions (30-minute gap) containing at least one of its videos / all filtered sessions, 0..1.',
      resolve: (c) => c.sessionShare,
    }),
    loyaltyScore: t.exposeInt('loyaltyScore', {
      description:
        '0..100, round(mean of three parts), with months = local months from its first filtered video to today, inclusive: consistency = 100 × activeMonths / months; frequency = min(100, 10 × videos / months); recency by days since its last video: ≤ 7 → 100, ≤ 30 → 80, ≤ 90 → 60, ≤ 180 → 40, ≤ 365 → 20, else 10.',
    }),
  }),
});

/** A page of channel metrics with the filter key its node ids are scoped to. */
type ChannelPageModel = ChannelMetricsResult & { filterKey: string };

interface ChannelEdgeModel {
  node: ChannelMetricNode;
  cursor: string;
}

const ChannelMetricEdgeRef = builder.objectRef<ChannelEdgeModel>('ChannelMetricEdge').implement({
  description: `One channel of a page, with its cursor. ${EMBEDDED}`,
  fields: (t) => ({
    cursor: t.exposeString('cursor', {
      description: 'Opaque cursor of this position in this order; pass it as `after` with the same orderBy.',
    }),
    node: t.field({ type: ChannelMetricRef, description: 'The channel’s metrics.', resolve: (e) => e.node }),
  }),
});

const ChannelMetricConnectionRef = builder.objectRef<ChannelPageModel>('ChannelMetricConnection').implement({
  description: `A page of channels in the requested order. ${EMBEDDED}`,
  fields: (t) => ({
    edges: t.field({
      type: [ChannelMetricEdgeRef],
      description: 'The channels of this page.',
      resolve: (p, _args, ctx) =>
        p.items.map((node, i) => ({
          node: { ...node, id: channelMetricId(ctx.viewer.id, p.filterKey, node.channelKey) },
          cursor: channelCursor(p.orderBy, p.offset + i),
        })),
    }),
    pageInfo: t.field({
      type: PageInfoRef,
      description: 'Whether more channels follow, and the cursor to ask for them.',
      resolve: (p) => ({
        hasNextPage: p.hasNextPage,
        endCursor: p.items.length === 0 ? null : channelCursor(p.orderBy, p.offset + p.items.length - 1),
      }),
    }),
    totalCount: t.exposeInt('totalCount', { description: 'Channels in the filtered set, all pages together.' }),
  }),
});

const ChannelMetricsResultRef = resultOf<ChannelMetricsResult, ChannelPageModel>(
  'ChannelMetricsResult',
  'A page of per-channel metrics with its cache metadata.',
  ChannelMetricConnectionRef,
  (r) => ({ ...r.data, filterKey: r.meta.filterKey }),
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

const ChannelRelationshipRef = builder.objectRef<ChannelRelationship>('ChannelRelationship').implement({
  description: `Two channels watched in the same sessions (filtered sessions, default 30-minute gap). ${EMBEDDED}`,
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
