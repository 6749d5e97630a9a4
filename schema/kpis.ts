/** Headline numbers and the monthly trend (catalogue #1, #2). */
import type { KpisResult, MonthlyTrendPoint, PeriodComparison } from '../precompute/engine/results/kpis.js';
import { loadAggregation } from '../resolvers/analytics.js';
import { builder } from './builder.js';
import { AnalyticsRef, EMBEDDED, listResultOf, resultOf } from './filters.js';

export const ESTIMATE =
  'Estimated: Takeout has no durations. Each video counts the time to the next video on the full timeline when it follows within 30 minutes (at most 30 minutes), else 5 minutes.';

const PeriodRef = builder.objectRef<PeriodComparison>('PeriodComparison').implement({
  description: `Videos in a period to date against the same local dates one year earlier (29 February → 28 February). ${EMBEDDED}`,
  fields: (t) => ({
    videos: t.exposeInt('videos', { description: 'From the period’s first local day through the end of today.' }),
    previousYearVideos: t.exposeInt('previousYearVideos', { description: 'The same local dates one year earlier.' }),
    deltaPercent: t.exposeFloat('deltaPercent', {
      nullable: true,
      description: 'Change in percent, (videos − previous) / previous × 100; null when the previous year had none.',
    }),
  }),
});

const PeriodsRef = builder.objectRef<KpisResult['periods']>('KpiPeriods').implement({
  description: `Month, quarter and year to date. Non-time filters apply; the filter’s timeframe/range does not. ${EMBEDDED}`,
  fields: (t) => ({
    mtd: t.field({ type: PeriodRef, description: 'Month to date.', resolve: (p) => p.mtd }),
    qtd: t.field({ type: PeriodRef, description: 'Quarter to date.', resolve: (p) => p.qtd }),
    ytd: t.field({ type: PeriodRef, description: 'Year to date.', resolve: (p) => p.ytd }),
  }),
});

const KpisRef = builder.objectRef<KpisResult>('Kpis').implement({
  description: `Headline numbers of the filtered videos. ${EMBEDDED}`,
  fields: (t) => ({
    videos: t.exposeInt('videos', { description: 'Watched videos (ads only with includeAds).' }),
    uniqueChannels: t.exposeInt('uniqueChannels', {
      description: 'Distinct channels; videos without a channel are not counted here.',
    }),
    estimatedWatchSeconds: t.exposeFloat('estimatedWatchSeconds', { description: `Seconds. ${ESTIMATE}` }),
    periods: t.field({ type: PeriodsRef, description: 'To-date comparisons with last year.', resolve: (k) => k.periods }),
  }),
});

const MonthlyPointRef = builder.objectRef<MonthlyTrendPoint>('MonthlyTrendPoint').implement({
  description: `One local month of the filtered videos. ${EMBEDDED}`,
  fields: (t) => ({
    month: t.field({ type: 'YearMonth', description: 'The local month.', resolve: (p) => p.month }),
    videos: t.exposeInt('videos', { description: 'Filtered videos that month (0 for a month without).' }),
    uniqueChannels: t.exposeInt('uniqueChannels', { description: 'Distinct channels among them.' }),
    estimatedWatchSeconds: t.exposeFloat('estimatedWatchSeconds', { description: `Seconds. ${ESTIMATE}` }),
  }),
});

const KpisResultRef = resultOf('KpisResult', 'Headline numbers with their cache metadata.', KpisRef);
const MonthlyTrendResultRef = listResultOf(
  'MonthlyTrendResult',
  'One point per local month from the first to the last month with data, empty months included, ascending.',
  MonthlyPointRef,
);

builder.objectFields(AnalyticsRef, (t) => ({
  kpis: t.field({
    type: KpisResultRef,
    nullable: true,
    description: 'Videos, channels, estimated watch time, and month/quarter/year to date against last year.',
    resolve: (a, _args, ctx) => loadAggregation<KpisResult>(ctx, a, 'kpis'),
  }),
  monthlyTrend: t.field({
    type: MonthlyTrendResultRef,
    nullable: true,
    description: 'Videos, channels and estimated watch time per local month.',
    resolve: (a, _args, ctx) => loadAggregation<MonthlyTrendPoint[]>(ctx, a, 'monthlyTrend'),
  }),
}));
