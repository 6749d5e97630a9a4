/** Catalogue 8, 12, 15–19: patterns, time series, evolution, topic depth, data quality (../shared/AGGREGATIONS.md). */
import { define, noParams } from '../aggregation.js';
import {
  channelEvolution,
  dataQuality,
  timeSeries,
  topicDiversity,
  topicEvolution,
  topicSignals,
  viewingPatterns,
} from '../engine/index.js';
import { FilterValidationError, MAX_CHANNEL_KEY_LENGTH } from '../filter.js';
import {
  TIME_SERIES_INTERVALS,
  TIME_SERIES_METRICS,
  type TimeSeriesInterval,
  type TimeSeriesMetric,
} from '../results-catalogue.js';

/** One of `values` (default `fallback` when absent), else FilterValidationError on `field`. */
function enumArg<T extends string>(raw: Readonly<Record<string, unknown>>, field: string, values: readonly T[], fallback: T): T {
  const v = raw[field] ?? fallback;
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
    throw new FilterValidationError(field, `expected one of ${values.join(', ')}, got ${String(v)}`);
  }
  return v as T;
}

/** A channel key as `WatchFilter.channels` accepts it: a string of 1..200 characters. */
function channelArg(raw: Readonly<Record<string, unknown>>): string {
  const v = raw.channel;
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_CHANNEL_KEY_LENGTH) {
    throw new FilterValidationError('channel', `expected a channel key of 1..${MAX_CHANNEL_KEY_LENGTH} characters`);
  }
  return v;
}

type TimeSeriesParams = { interval: TimeSeriesInterval; metric: TimeSeriesMetric };

export const CATALOGUE_AGGREGATIONS = [
  define({
    id: 'viewingPatterns',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => viewingPatterns(ctx),
  }),
  define({
    id: 'timeSeries',
    version: 1,
    // interval and metric change the computation: each pair is its own entry.
    parseParams: (raw): TimeSeriesParams => ({
      interval: enumArg(raw, 'interval', TIME_SERIES_INTERVALS, 'DAY'),
      metric: enumArg(raw, 'metric', TIME_SERIES_METRICS, 'VIDEOS'),
    }),
    baseParams: { interval: 'DAY', metric: 'VIDEOS' } as TimeSeriesParams,
    dependsOnToday: false,
    kernel: (ctx, p: TimeSeriesParams) => timeSeries(ctx, p),
  }),
  define({
    id: 'channelEvolution',
    version: 1,
    parseParams: (raw) => ({ channel: channelArg(raw) }),
    // No channel is a sensible default: the base set skips it; real keys are computed on
    // demand and then warmed by usage.
    baseParams: { channel: '' },
    inBaseSet: false,
    dependsOnToday: false,
    kernel: (ctx, p: { channel: string }) => channelEvolution(ctx, p),
  }),
  define({
    id: 'topicEvolution',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => topicEvolution(ctx),
  }),
  define({
    id: 'topicDiversity',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => topicDiversity(ctx),
  }),
  define({
    id: 'topicSignals',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => topicSignals(ctx),
  }),
  define({
    id: 'dataQuality',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    // The filter is ignored, yet the cache key always holds it: one (cheap, identical) entry
    // per filter, all invalidated together by the data version.
    dependsOnToday: false,
    kernel: (ctx) => dataQuality(ctx),
  }),
];
