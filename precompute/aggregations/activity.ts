/** Activity at a glance: overview, advancedKpis and dailyStats (catalogue 6, 9, 11). */
import { define, noParams } from '../aggregation.js';
import { advancedKpis, dailyStats, finishAdvancedKpis, finishDailyStats, finishOverview, overview } from '../engine/index.js';

export const ACTIVITY_AGGREGATIONS = [
  define({
    id: 'overview',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => overview(ctx),
    maintenance: { kind: 'merged', finish: (state) => finishOverview(state) },
    reads: ['selection'],
  }),
  // growth30d/90d count back from today.
  define({
    id: 'advancedKpis',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: true,
    kernel: (ctx) => advancedKpis(ctx),
    maintenance: { kind: 'merged', finish: (state) => finishAdvancedKpis(state) },
    // base: growth windows and each channel's first video ever.
    reads: ['selection', 'base'],
  }),
  define({
    id: 'dailyStats',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => dailyStats(ctx),
    maintenance: { kind: 'merged', finish: (state) => finishDailyStats(state) },
    reads: ['selection'],
  }),
];
