/** Time patterns: heatmap, viewingPatterns and timeSeries (catalogue 4, 8, 12). */
import { define, enumArg, noParams } from '../aggregation.js';
import {
  finishHeatmap,
  finishTimeSeries,
  finishViewingPatterns,
  heatmap,
  timeSeries,
  timeSeriesFromState,
  viewingPatterns,
} from '../engine/index.js';
import {
  TIME_SERIES_INTERVALS,
  TIME_SERIES_METRICS,
  type TimeSeriesInterval,
  type TimeSeriesMetric,
} from '../engine/results/patterns.js';

type TimeSeriesParams = { interval: TimeSeriesInterval; metric: TimeSeriesMetric };

export const PATTERN_AGGREGATIONS = [
  define({
    id: 'heatmap',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => heatmap(ctx),
    maintenance: { kind: 'merged', finish: (state) => finishHeatmap(state) },
    reads: ['selection'],
  }),
  define({
    id: 'viewingPatterns',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => viewingPatterns(ctx),
    maintenance: { kind: 'merged', finish: (state) => finishViewingPatterns(state) },
    reads: ['selection'],
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
    // Distinct channels per day or week are counted from rows; every other pair is merged.
    maintenance: {
      kind: 'merged',
      finish: (state, p: TimeSeriesParams) => finishTimeSeries(state, p),
      supports: (p: TimeSeriesParams) => timeSeriesFromState(p),
    },
    reads: ['selection'],
  }),
];
