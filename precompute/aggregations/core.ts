/** Catalogue 1–5: the first dashboard (../shared/AGGREGATIONS.md). */
import { define, intArg, noParams } from '../aggregation.js';
import { heatmap, kpis, monthlyTrend, topChannels, topics } from '../engine/index.js';
import type { TopChannel } from '../results.js';

/** Largest `topChannels` limit; the cached entry holds this many and requests slice it. */
export const TOP_CHANNELS_MAX = 100;

export const CORE_AGGREGATIONS = [
  define({ id: 'kpis', version: 1, parseParams: noParams, baseParams: {}, dependsOnToday: true, kernel: (ctx) => kpis(ctx) }),
  define({
    id: 'monthlyTrend',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => monthlyTrend(ctx),
  }),
  define({
    id: 'topChannels',
    version: 1,
    parseParams: (raw) => ({ limit: intArg(raw, 'limit', 10, 1, TOP_CHANNELS_MAX) }),
    baseParams: { limit: TOP_CHANNELS_MAX },
    entryParams: () => ({ limit: TOP_CHANNELS_MAX }),
    project: (data: TopChannel[], p: { limit: number }) => data.slice(0, p.limit),
    dependsOnToday: false,
    kernel: (ctx, p: { limit: number }) => topChannels(ctx, p),
  }),
  define({
    id: 'heatmap',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => heatmap(ctx),
  }),
  define({ id: 'topics', version: 1, parseParams: noParams, baseParams: {}, dependsOnToday: true, kernel: (ctx) => topics(ctx) }),
];
