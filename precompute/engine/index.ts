/** Public API of the aggregation engine (no GraphQL). */
export type { KernelContext } from './context.js';
export { Engine } from './engine.js';
export { heatmap } from './kernels/heatmap.js';
export { kpis } from './kernels/kpis.js';
export { monthlyTrend } from './kernels/monthlyTrend.js';
export { topChannels } from './kernels/topChannels.js';
export { topics } from './kernels/topics.js';
