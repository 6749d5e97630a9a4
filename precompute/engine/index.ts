/** Public API of the aggregation engine (no GraphQL). */
export type { KernelContext } from './context.js';
export { Engine } from './engine.js';
export { advancedKpis, finishAdvancedKpis } from './kernels/advancedKpis.js';
export { channelEvolution } from './kernels/channelEvolution.js';
export { channelMetrics, finishChannelMetrics } from './kernels/channelMetrics.js';
export { channelRelationships, finishChannelRelationships } from './kernels/channelRelationships.js';
export { dailyStats, finishDailyStats } from './kernels/dailyStats.js';
export { dataQuality, finishDataQuality } from './kernels/dataQuality.js';
export { finishHabits, habits } from './kernels/habits.js';
export { finishHeatmap, heatmap } from './kernels/heatmap.js';
export { finishKpis, kpis } from './kernels/kpis.js';
export { finishMonthlyTrend, monthlyTrend } from './kernels/monthlyTrend.js';
export { finishOverview, overview } from './kernels/overview.js';
export { finishSessions, type SessionsWindow, sessions } from './kernels/sessions.js';
export { finishTimeSeries, timeSeries, timeSeriesFromState } from './kernels/timeSeries.js';
export { finishTopChannels, topChannels } from './kernels/topChannels.js';
export { finishTopicDiversity, topicDiversity } from './kernels/topicDiversity.js';
export { finishTopicEvolution, topicEvolution } from './kernels/topicEvolution.js';
export { finishTopicSignals, topicSignals } from './kernels/topicSignals.js';
export { finishTopics, topics } from './kernels/topics.js';
export { finishViewingPatterns, viewingPatterns } from './kernels/viewingPatterns.js';
export {
  type AppendReport,
  type EngineDelta,
  LiveEngine,
  type LiveEngineOptions,
  type RowFacts,
  type Touch,
} from './live.js';
export { fromScratch } from './scratch.js';
export { DEFAULT_GAP_MINUTES, MAX_GAP_MINUTES, MIN_GAP_MINUTES, type Sessions, sessionsOf } from './sessions.js';
export type { ComboState } from './state/combo.js';
