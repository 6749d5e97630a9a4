/** What was stored and how it was read: dataQuality (catalogue 19). */
import { define, noParams } from '../aggregation.js';
import { dataQuality, finishDataQuality } from '../engine/index.js';

export const QUALITY_AGGREGATIONS = [
  define({
    id: 'dataQuality',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    // The filter is ignored, yet the cache key always holds it: one (cheap, identical) entry
    // per filter, all invalidated together by the data version.
    dependsOnToday: false,
    kernel: (ctx) => dataQuality(ctx),
    maintenance: { kind: 'merged', finish: (state) => finishDataQuality(state) },
    reads: ['stored'],
  }),
];
