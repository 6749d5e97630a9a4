/** Activity at a glance: overview, advancedKpis and dailyStats (catalogue 6, 9, 11). */
import { define, noParams } from '../aggregation.js';
import { advancedKpis, dailyStats, overview } from '../engine/index.js';

export const ACTIVITY_AGGREGATIONS = [
  define({
    id: 'overview',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => overview(ctx),
  }),
  // growth30d/90d count back from today.
  define({
    id: 'advancedKpis',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: true,
    kernel: (ctx) => advancedKpis(ctx),
  }),
  define({
    id: 'dailyStats',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => dailyStats(ctx),
  }),
];
