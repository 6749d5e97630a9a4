/** When the viewer watches: the weekday × hour heatmap, the four distributions and the time series. */

import type {
  DistributionBucket,
  HeatmapCell,
  TimeSeriesInterval,
  TimeSeriesMetric,
  TimeSeriesPoint,
  ViewingPatterns,
} from '../precompute/engine/results/patterns.js';
import { loadAggregation } from '../resolvers/analytics.js';
import { builder } from './builder.js';
import { AnalyticsRef, EMBEDDED, listResultOf, resultOf } from './filters.js';

const HeatmapCellRef = builder.objectRef<HeatmapCell>('HeatmapCell').implement({
  description: `Filtered videos started in one local (weekday, hour) cell. ${EMBEDDED}`,
  fields: (t) => ({
    weekday: t.exposeInt('weekday', { description: 'Local weekday, 0 = Sunday … 6 = Saturday.' }),
    hour: t.exposeInt('hour', { description: 'Local hour, 0..23.' }),
    videos: t.exposeInt('videos', { description: 'Filtered videos in the cell.' }),
  }),
});

const HeatmapResultRef = listResultOf(
  'HeatmapResult',
  'Exactly 168 cells, weekday-major (Sunday 0h, Sunday 1h, …, Saturday 23h), in the filter’s time zone.',
  HeatmapCellRef,
);

builder.objectField(AnalyticsRef, 'heatmap', (t) =>
  t.field({
    type: HeatmapResultRef,
    nullable: true,
    description: 'Filtered videos per local weekday × hour.',
    resolve: (a, _args, ctx) => loadAggregation<HeatmapCell[]>(ctx, a, 'heatmap'),
  }),
);

const DistributionBucketRef = builder.objectRef<DistributionBucket>('DistributionBucket').implement({
  description: `Filtered videos in one bucket of a fixed local-time distribution. ${EMBEDDED}`,
  fields: (t) => ({
    key: t.exposeInt('key', {
      description: 'The bucket: hour 0..23, weekday 0..6 (0 = Sunday), week of month 1..5 or month 1..12, in local time.',
    }),
    videos: t.exposeInt('videos', { description: 'Filtered videos in the bucket.' }),
    shareOfVideos: t.float({
      nullable: true,
      description: 'videos / all filtered videos, 0..1 (the buckets of one distribution sum to 1); null when there is no video.',
      resolve: (b) => b.share,
    }),
  }),
});

const ViewingPatternsRef = builder.objectRef<ViewingPatterns>('ViewingPatterns').implement({
  description: `Four distributions of the filtered videos over local time, every bucket present (zero ones included), by key. ${EMBEDDED}`,
  fields: (t) => ({
    byHour: t.field({
      type: [DistributionBucketRef],
      description: '24 buckets, keys 0..23: the local hour a video started.',
      resolve: (p) => p.byHour,
    }),
    byWeekday: t.field({
      type: [DistributionBucketRef],
      description: '7 buckets, keys 0 = Sunday … 6 = Saturday.',
      resolve: (p) => p.byWeekday,
    }),
    byWeekOfMonth: t.field({
      type: [DistributionBucketRef],
      description: '5 buckets, keys 1..5: days 1–7 are week 1, 8–14 week 2, 15–21 week 3, 22–28 week 4, 29–31 week 5.',
      resolve: (p) => p.byWeekOfMonth,
    }),
    byMonth: t.field({
      type: [DistributionBucketRef],
      description: '12 buckets, keys 1 = January … 12 = December (all years together).',
      resolve: (p) => p.byMonth,
    }),
  }),
});

const ViewingPatternsResultRef = resultOf(
  'ViewingPatternsResult',
  'Hour, weekday, week-of-month and month distributions with their cache metadata.',
  ViewingPatternsRef,
);

export const TimeSeriesIntervalEnum = builder.enumType('TimeSeriesInterval', {
  description: 'Bucket size of a time series, in the filter’s time zone.',
  values: {
    DAY: { description: 'Local calendar days.' },
    WEEK: { description: 'Local weeks, Monday to Sunday.' },
    MONTH: { description: 'Local calendar months.' },
  } satisfies Record<TimeSeriesInterval, { description: string }>,
});

export const TimeSeriesMetricEnum = builder.enumType('TimeSeriesMetric', {
  description: 'What a time series counts per bucket.',
  values: {
    VIDEOS: { description: 'Filtered videos.' },
    CHANNELS: { description: 'Distinct channels (videos without a channel add none).' },
    TOPICS: { description: 'Distinct topics, 0..13.' },
  } satisfies Record<TimeSeriesMetric, { description: string }>,
});

const TimeSeriesPointRef = builder.objectRef<TimeSeriesPoint>('TimeSeriesPoint').implement({
  description: `One bucket of a time series. ${EMBEDDED}`,
  fields: (t) => ({
    start: t.field({
      type: 'LocalDate',
      description: 'First local date of the bucket: the day, the Monday of the week, or the 1st of the month.',
      resolve: (p) => p.start,
    }),
    value: t.exposeInt('value', {
      description: 'Videos, distinct channels or distinct topics (0..13) in the bucket, per the requested metric.',
    }),
  }),
});

const TimeSeriesResultRef = listResultOf(
  'TimeSeriesResult',
  'Every bucket from the first to the last one with a filtered video, empty ones as 0, ascending.',
  TimeSeriesPointRef,
);

builder.objectFields(AnalyticsRef, (t) => ({
  viewingPatterns: t.field({
    type: ViewingPatternsResultRef,
    nullable: true,
    description: 'How the filtered videos spread over hours, weekdays, weeks of the month and months.',
    resolve: (a, _args, ctx) => loadAggregation<ViewingPatterns>(ctx, a, 'viewingPatterns'),
  }),
  timeSeries: t.field({
    type: TimeSeriesResultRef,
    nullable: true,
    description: 'A count per local day, week or month over the filtered span.',
    args: {
      interval: t.arg({ type: TimeSeriesIntervalEnum, defaultValue: 'DAY', description: 'Bucket size; default DAY.' }),
      metric: t.arg({ type: TimeSeriesMetricEnum, defaultValue: 'VIDEOS', description: 'What to count; default VIDEOS.' }),
    },
    resolve: (a, args, ctx) => loadAggregation<TimeSeriesPoint[]>(ctx, a, 'timeSeries', args),
  }),
}));
