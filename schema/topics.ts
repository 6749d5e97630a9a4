/** Topics: shares and their recent trend. */
import type { TopicShare } from '../precompute/results.js';
import { loadAggregation } from '../resolvers/analytics.js';
import { builder } from './builder.js';
import { AnalyticsRef, listResultOf, TopicEnum } from './filters.js';

export const TrendEnum = builder.enumType('Trend', {
  description: 'Direction of a count against the period before.',
  values: ['UP', 'DOWN', 'STABLE'] as const,
});

const TopicShareRef = builder.objectRef<TopicShare>('TopicShare').implement({
  fields: (t) => ({
    topic: t.field({ type: TopicEnum, resolve: (s) => s.topic }),
    videos: t.exposeInt('videos', { description: 'Videos with this topic (a video with two topics counts for both).' }),
    share: t.exposeFloat('share', { description: 'Topic videos / sum over topics, 0..1.' }),
    recentVideos: t.exposeInt('recentVideos', { description: 'The last 30 local days, today included; non-time filters only.' }),
    previousVideos: t.exposeInt('previousVideos', { description: 'The 30 local days before those.' }),
    trend: t.field({
      type: TrendEnum,
      description: 'UP if recent > 1.1 × previous, DOWN if recent < 0.9 × previous, else STABLE.',
      resolve: (s) => s.trend,
    }),
  }),
});

const TopicsResultRef = listResultOf(
  'TopicsResult',
  'Topics present in the filtered set, by videos desc, then topic.',
  TopicShareRef,
);

builder.objectField(AnalyticsRef, 'topics', (t) =>
  t.field({ type: TopicsResultRef, resolve: (a, _args, ctx) => loadAggregation<TopicShare[]>(ctx, a, 'topics') }),
);
