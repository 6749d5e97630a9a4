/** When the viewer watches: the weekday × hour heatmap. */
import type { HeatmapCell } from '../precompute/results.js';
import { loadAggregation } from '../resolvers/analytics.js';
import { builder } from './builder.js';
import { AnalyticsRef, listResultOf } from './filters.js';

const HeatmapCellRef = builder.objectRef<HeatmapCell>('HeatmapCell').implement({
  fields: (t) => ({
    weekday: t.exposeInt('weekday', { description: 'Local weekday, 0 = Sunday … 6 = Saturday.' }),
    hour: t.exposeInt('hour', { description: 'Local hour, 0..23.' }),
    videos: t.exposeInt('videos'),
  }),
});

const HeatmapResultRef = listResultOf(
  'HeatmapResult',
  'Exactly 168 cells, weekday-major (Sunday 0h, Sunday 1h, …, Saturday 23h), in the filter’s time zone.',
  HeatmapCellRef,
);

builder.objectField(AnalyticsRef, 'heatmap', (t) =>
  t.field({ type: HeatmapResultRef, resolve: (a, _args, ctx) => loadAggregation<HeatmapCell[]>(ctx, a, 'heatmap') }),
);
