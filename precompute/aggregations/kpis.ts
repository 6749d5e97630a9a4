/** Headline numbers: kpis and monthlyTrend (catalogue 1, 2). */
import { define, noParams } from '../aggregation.js';
import { finishKpis, finishMonthlyTrend, kpis, monthlyTrend } from '../engine/index.js';

export const KPIS_AGGREGATIONS = [
  // v2: estimatedWatchSeconds is the exact sum (integer milliseconds / 1000), not a float sum in row order.
  define({
    id: 'kpis',
    version: 2,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: true,
    kernel: (ctx) => kpis(ctx),
    maintenance: { kind: 'merged', finish: (state) => finishKpis(state) },
    reads: ['selection', 'base', 'watchSeconds'],
  }),
  define({
    id: 'monthlyTrend',
    version: 2,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => monthlyTrend(ctx),
    maintenance: { kind: 'merged', finish: (state) => finishMonthlyTrend(state) },
    reads: ['selection', 'watchSeconds'],
  }),
];
