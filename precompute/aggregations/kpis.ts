/** Headline numbers: kpis and monthlyTrend (catalogue 1, 2). */
import { define, noParams } from '../aggregation.js';
import { kpis, monthlyTrend } from '../engine/index.js';

export const KPIS_AGGREGATIONS = [
  define({ id: 'kpis', version: 1, parseParams: noParams, baseParams: {}, dependsOnToday: true, kernel: (ctx) => kpis(ctx) }),
  define({
    id: 'monthlyTrend',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => monthlyTrend(ctx),
  }),
];
