/** How much and how regularly the viewer watches: overview, advancedKpis, dailyStats (catalogue #6, 9, 11). */
import type { AdvancedKpisResult, DailyStatsResult, HourWindow, OverviewResult } from '../precompute/engine/results/activity.js';
import { loadAggregation } from '../resolvers/analytics.js';
import { builder } from './builder.js';
import { AnalyticsRef, EMBEDDED, resultOf } from './filters.js';

const SPAN = 'the span (every local date from the first to the last date with a filtered video, empty days included)';

const OverviewRef = builder.objectRef<OverviewResult>('Overview').implement({
  description: `The filtered videos at a glance. Dates are local dates in the filter’s time zone. ${EMBEDDED}`,
  fields: (t) => ({
    videos: t.exposeInt('videos', { description: 'Filtered videos.' }),
    uniqueChannels: t.exposeInt('uniqueChannels', {
      description: 'Distinct channels; videos without a channel are not counted here.',
    }),
    firstWatchedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Earliest filtered video; null without videos.',
      resolve: (o) => o.firstWatchedAt,
    }),
    lastWatchedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Latest filtered video; null without videos.',
      resolve: (o) => o.lastWatchedAt,
    }),
    activeDays: t.exposeInt('activeDays', { description: 'Local dates with at least one video.' }),
    spanDays: t.exposeInt('spanDays', {
      description: 'Local dates from the first to the last date with a video, both included; 0 without videos.',
    }),
    videosPerDay: t.exposeFloat('videosPerDay', { nullable: true, description: 'videos / spanDays; null without videos.' }),
    videosPerActiveDay: t.exposeFloat('videosPerActiveDay', {
      nullable: true,
      description: 'videos / activeDays; null without videos.',
    }),
  }),
});

const HourWindowRef = builder.objectRef<HourWindow>('HourWindow').implement({
  description: `Three consecutive local hours, possibly across midnight: from startHour:00 to endHour:00. ${EMBEDDED}`,
  fields: (t) => ({
    startHour: t.exposeInt('startHour', { description: 'First hour of the window, 0..23.' }),
    endHour: t.exposeInt('endHour', { description: '(startHour + 3) mod 24: the window ends at this hour, exclusive.' }),
  }),
});

const AdvancedKpisRef = builder.objectRef<AdvancedKpisResult>('AdvancedKpis').implement({
  description: `Ratios and scores of the filtered videos over ${SPAN}. Shares are 0..1, named for what they divide by; null when undefined (no videos, division by zero). ${EMBEDDED}`,
  fields: (t) => ({
    repeatChannelShareOfChannels: t.float({
      nullable: true,
      description: 'Channels with at least 2 filtered videos / channels, 0..1.',
      resolve: (k) => k.repeatChannelShare,
    }),
    newChannelsPerMonth: t.exposeFloat('newChannelsPerMonth', {
      nullable: true,
      description:
        'Channels first watched (ever, under the non-time filters) within the span, per 30-day month of the span: new channels / (spanDays / 30).',
    }),
    top10ChannelShareOfVideos: t.float({
      nullable: true,
      description: 'Videos of the 10 channels with most videos / all filtered videos, 0..1.',
      resolve: (k) => k.top10ChannelShare,
    }),
    weekendShareOfVideos: t.float({
      nullable: true,
      description: 'Videos on local Saturdays and Sundays / all filtered videos, 0..1.',
      resolve: (k) => k.weekendShare,
    }),
    weekendIntensity: t.exposeFloat('weekendIntensity', {
      nullable: true,
      description:
        'Videos per weekend day / videos per weekday, over the calendar days of the span; null when the span lacks weekend days or weekdays, or no weekday has a video.',
    }),
    consistencyScore: t.exposeFloat('consistencyScore', {
      nullable: true,
      description:
        'clamp(100 − 50 × CV, 0, 100), CV = standard deviation / mean of videos per calendar day of the span (empty days included); 100 = the same every day.',
    }),
    peakHour: t.exposeInt('peakHour', { nullable: true, description: 'Local hour (0..23) with most videos; smallest on ties.' }),
    peakWindow: t.field({
      type: HourWindowRef,
      nullable: true,
      description: 'The 3-hour window with most videos, wrapping midnight; earliest start on ties.',
      resolve: (k) => k.peakWindow,
    }),
    growth30d: t.exposeFloat('growth30d', {
      nullable: true,
      description:
        'Videos of the last 30 local days (today included) against the 30 before, in percent; non-time filters only; null when the earlier window had none.',
    }),
    growth90d: t.exposeFloat('growth90d', {
      nullable: true,
      description: 'As growth30d over 90 days, in percent.',
    }),
  }),
});

const DailyStatsRef = builder.objectRef<DailyStatsResult>('DailyStats').implement({
  description: `Statistics of videos per calendar day over ${SPAN}. All null without videos. ${EMBEDDED}`,
  fields: (t) => ({
    days: t.exposeInt('days', { description: 'N, the calendar days of the span; 0 without videos.' }),
    mean: t.exposeFloat('mean', { nullable: true, description: 'Mean videos per day.' }),
    median: t.exposeFloat('median', {
      nullable: true,
      description: 'Median videos per day (the mean of the two middle values when N is even).',
    }),
    mode: t.exposeInt('mode', { nullable: true, description: 'Most frequent videos-per-day value; the smallest on ties.' }),
    standardDeviation: t.exposeFloat('standardDeviation', {
      nullable: true,
      description: 'Population standard deviation of videos per day (divided by N).',
    }),
    p10: t.exposeInt('p10', {
      nullable: true,
      description: '10th percentile by nearest rank: the value at 1-based position ⌈p/100 × N⌉ of the ascending list.',
    }),
    p25: t.exposeInt('p25', { nullable: true, description: '25th percentile by nearest rank (see p10).' }),
    p50: t.exposeInt('p50', { nullable: true, description: '50th percentile by nearest rank (see p10).' }),
    p75: t.exposeInt('p75', { nullable: true, description: '75th percentile by nearest rank (see p10).' }),
    p90: t.exposeInt('p90', { nullable: true, description: '90th percentile by nearest rank (see p10).' }),
    p95: t.exposeInt('p95', { nullable: true, description: '95th percentile by nearest rank (see p10).' }),
    p99: t.exposeInt('p99', { nullable: true, description: '99th percentile by nearest rank (see p10).' }),
  }),
});

const OverviewResultRef = resultOf('OverviewResult', 'The overview with its cache metadata.', OverviewRef);
const AdvancedKpisResultRef = resultOf('AdvancedKpisResult', 'Advanced KPIs with their cache metadata.', AdvancedKpisRef);
const DailyStatsResultRef = resultOf('DailyStatsResult', 'Daily statistics with their cache metadata.', DailyStatsRef);

builder.objectFields(AnalyticsRef, (t) => ({
  overview: t.field({
    type: OverviewResultRef,
    nullable: true,
    description: 'Counts, first and last video, active days and the span.',
    resolve: (a, _args, ctx) => loadAggregation<OverviewResult>(ctx, a, 'overview'),
  }),
  advancedKpis: t.field({
    type: AdvancedKpisResultRef,
    nullable: true,
    description: 'Loyalty, weekend, regularity, peak-time and growth figures.',
    resolve: (a, _args, ctx) => loadAggregation<AdvancedKpisResult>(ctx, a, 'advancedKpis'),
  }),
  dailyStats: t.field({
    type: DailyStatsResultRef,
    nullable: true,
    description: 'Distribution of videos per calendar day.',
    resolve: (a, _args, ctx) => loadAggregation<DailyStatsResult>(ctx, a, 'dailyStats'),
  }),
}));
