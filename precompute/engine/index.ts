/** Public API of the aggregation engine (no GraphQL). */
export type { KernelContext } from './context.js';
export { Engine } from './engine.js';
export { channelEvolution } from './kernels/channelEvolution.js';
export { dataQuality } from './kernels/dataQuality.js';
export { heatmap } from './kernels/heatmap.js';
export { kpis } from './kernels/kpis.js';
export { monthlyTrend } from './kernels/monthlyTrend.js';
export { timeSeries } from './kernels/timeSeries.js';
export { topChannels } from './kernels/topChannels.js';
export { topicDiversity } from './kernels/topicDiversity.js';
export { topicEvolution } from './kernels/topicEvolution.js';
export { topicSignals } from './kernels/topicSignals.js';
export { topics } from './kernels/topics.js';
export { viewingPatterns } from './kernels/viewingPatterns.js';
