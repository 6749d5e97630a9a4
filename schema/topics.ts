/** Topics: shares and their recent trend, evolution by month, diversity and signals. */

import type {
  CoTopic,
  TopicDiversity,
  TopicEvolution,
  TopicEvolutionPoint,
  TopicShare,
  TopicSignals,
  TopicSpread,
  Trend,
} from '../precompute/engine/results/topics.js';
import { loadAggregation } from '../resolvers/analytics.js';
import { builder } from './builder.js';
import { AnalyticsRef, EMBEDDED, listResultOf, resultOf, TopicEnum } from './filters.js';

export const TrendEnum = builder.enumType('Trend', {
  description: 'Direction of a count against the period before; each field states its thresholds.',
  values: {
    UP: { description: 'Above the upper threshold of the previous period’s count.' },
    DOWN: { description: 'Below the lower threshold of the previous period’s count.' },
    STABLE: { description: 'Within the thresholds (or no previous period).' },
  } satisfies Record<Trend, { description: string }>,
});

const TopicShareRef = builder.objectRef<TopicShare>('TopicShare').implement({
  description: `One topic’s part of the filtered videos and its 30-day trend. ${EMBEDDED}`,
  fields: (t) => ({
    topic: t.field({ type: TopicEnum, description: 'The topic.', resolve: (s) => s.topic }),
    videos: t.exposeInt('videos', { description: 'Videos with this topic (a video with two topics counts for both).' }),
    shareOfTopicAssignments: t.float({
      description:
        'videos / topic assignments of all topics (a video with two topics is two assignments), 0..1; the topics sum to 1.',
      resolve: (s) => s.share,
    }),
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

const MONTH_TREND =
  'Videos against the previous month: UP if > 1.2 ×, DOWN if < 0.8 × (exactly 1.2 × or 0.8 × is STABLE), else STABLE; the first month is STABLE.';

const TopicEvolutionPointRef = builder.objectRef<TopicEvolutionPoint>('TopicEvolutionPoint').implement({
  description: `One local month of one topic. ${EMBEDDED}`,
  fields: (t) => ({
    month: t.field({ type: 'YearMonth', description: 'The local month.', resolve: (p) => p.month }),
    videos: t.exposeInt('videos', { description: 'Filtered videos with the topic that month.' }),
    shareOfTopicAssignments: t.float({
      nullable: true,
      description:
        'videos / topic assignments of all topics that month (a video with two topics is two assignments), 0..1; null for a month without videos.',
      resolve: (p) => p.share,
    }),
    trend: t.field({ type: TrendEnum, description: MONTH_TREND, resolve: (p) => p.trend }),
  }),
});

const TopicEvolutionRef = builder.objectRef<TopicEvolution>('TopicEvolution').implement({
  description: `One topic over every local month of the filtered span. ${EMBEDDED}`,
  fields: (t) => ({
    topic: t.field({ type: TopicEnum, description: 'The topic.', resolve: (e) => e.topic }),
    videos: t.exposeInt('videos', { description: 'Filtered videos with the topic.' }),
    growthPercent: t.exposeFloat('growthPercent', {
      nullable: true,
      description:
        'Percent change of the span’s last 3 months against the 3 months before them, (recent − previous) / previous × 100; null when those 3 months had no video of the topic.',
    }),
    peakMonthOfYear: t.exposeInt('peakMonthOfYear', {
      description: 'Month of the year (1..12) with most videos of the topic, all years summed; the smallest month on ties.',
    }),
    lowMonthOfYear: t.exposeInt('lowMonthOfYear', {
      description:
        'Month of the year (1..12) with fewest videos of the topic, all years summed, months without any included; the smallest month on ties.',
    }),
    timeline: t.field({
      type: [TopicEvolutionPointRef],
      description:
        'Every local month from the first to the last month with a filtered video (the same months for every topic), ascending.',
      resolve: (e) => e.timeline,
    }),
  }),
});

const TopicEvolutionResultRef = listResultOf(
  'TopicEvolutionResult',
  'Topics present in the filtered set, by videos desc, then topic.',
  TopicEvolutionRef,
);

const TopicSpreadRef = builder.objectRef<TopicSpread>('TopicSpread').implement({
  description: `Topic assignments split into three families, each a share of all topic assignments, 0..1 (they sum to 1). ${EMBEDDED}`,
  fields: (t) => ({
    learning: t.exposeFloat('learning', {
      nullable: true,
      description: 'EDUCATION, SCIENCE, TECHNOLOGY and FINANCE, 0..1; null without videos.',
    }),
    leisure: t.exposeFloat('leisure', {
      nullable: true,
      description: 'ENTERTAINMENT, GAMING, MUSIC and SPORTS, 0..1; null without videos.',
    }),
    other: t.exposeFloat('other', {
      nullable: true,
      description: 'POLITICS, NEWS, COOKING, TRAVEL and OTHER, 0..1; null without videos.',
    }),
  }),
});

const TopicDiversityRef = builder.objectRef<TopicDiversity>('TopicDiversity').implement({
  description: `How varied the filtered videos’ topics are, over topic assignments (a video with two topics is two). ${EMBEDDED}`,
  fields: (t) => ({
    distinctTopics: t.exposeInt('distinctTopics', { description: 'Topics with at least one filtered video, 0..13.' }),
    shannonBits: t.exposeFloat('shannonBits', {
      nullable: true,
      description:
        'Shannon entropy −Σ p log2 p of the topic shares, in bits (0 for one topic, at most log2 13 ≈ 3.70); null without videos.',
    }),
    evenness: t.exposeFloat('evenness', {
      nullable: true,
      description: 'shannonBits / log2(distinctTopics), 0..1 (1 = all topics equally present); null with fewer than 2 topics.',
    }),
    top3TopicShareOfAssignments: t.float({
      nullable: true,
      description: 'Assignments of the 3 largest topics / all topic assignments, 0..1; null without videos.',
      resolve: (d) => d.top3Share,
    }),
    spread: t.field({ type: TopicSpreadRef, description: 'Learning / leisure / other split.', resolve: (d) => d.spread }),
  }),
});

const TopicDiversityResultRef = resultOf('TopicDiversityResult', 'Topic diversity with its cache metadata.', TopicDiversityRef);

const CoTopicRef = builder.objectRef<CoTopic>('CoTopic').implement({
  description: `Another topic assigned to some of a topic’s videos. ${EMBEDDED}`,
  fields: (t) => ({
    topic: t.field({ type: TopicEnum, description: 'The co-assigned topic.', resolve: (c) => c.topic }),
    videos: t.exposeInt('videos', { description: 'Filtered videos having both topics.' }),
    shareOfTopicVideos: t.float({ description: 'videos / videos of the owning topic, 0..1.', resolve: (c) => c.share }),
  }),
});

const SIGNAL = (family: string, phrases: string): string =>
  `Share (0..1) of the topic’s videos whose title + " " + channel title contains a ${family} phrase: ${phrases} (substring, ASCII letters case-insensitive).`;

const TopicSignalsRef = builder.objectRef<TopicSignals>('TopicSignals').implement({
  description: `What kind of videos one topic’s are, from phrases in their titles and channel titles. ${EMBEDDED}`,
  fields: (t) => ({
    topic: t.field({ type: TopicEnum, description: 'The topic.', resolve: (s) => s.topic }),
    videos: t.exposeInt('videos', { description: 'Filtered videos with the topic.' }),
    learning: t.exposeFloat('learning', {
      description: SIGNAL('learning', 'tutorial, learn, course, explained, how to, guide, lesson, lecture, analysis, review'),
    }),
    longForm: t.exposeFloat('longForm', {
      description: SIGNAL(
        'long-form',
        'full, complete, documentary, deep dive, in-depth, extended, lecture, masterclass, podcast',
      ),
    }),
    intentional: t.exposeFloat('intentional', {
      description: SIGNAL('intentional', 'tutorial, how to, guide, review, comparison, vs, explained, analysis'),
    }),
    algorithmic: t.exposeFloat('algorithmic', {
      description: SIGNAL('algorithmic', 'trending, viral, #shorts, shorts, reaction, compilation, tiktok, meme'),
    }),
    coTopics: t.field({
      type: [CoTopicRef],
      description: 'Other topics assigned to its videos, by videos desc, then topic.',
      resolve: (s) => s.coTopics,
    }),
  }),
});

const TopicSignalsResultRef = listResultOf(
  'TopicSignalsResult',
  'Topics present in the filtered set, by videos desc, then topic.',
  TopicSignalsRef,
);

builder.objectFields(AnalyticsRef, (t) => ({
  topics: t.field({
    type: TopicsResultRef,
    nullable: true,
    description: 'Topic shares of the filtered videos and their 30-day trends.',
    resolve: (a, _args, ctx) => loadAggregation<TopicShare[]>(ctx, a, 'topics'),
  }),
  topicEvolution: t.field({
    type: TopicEvolutionResultRef,
    nullable: true,
    description: 'Each topic month by month over the filtered span, with growth and seasonal peak and low.',
    resolve: (a, _args, ctx) => loadAggregation<TopicEvolution[]>(ctx, a, 'topicEvolution'),
  }),
  topicDiversity: t.field({
    type: TopicDiversityResultRef,
    nullable: true,
    description: 'Entropy, evenness and family split of the filtered videos’ topics.',
    resolve: (a, _args, ctx) => loadAggregation<TopicDiversity>(ctx, a, 'topicDiversity'),
  }),
  topicSignals: t.field({
    type: TopicSignalsResultRef,
    nullable: true,
    description: 'Per topic: learning, long-form, intentional and algorithmic signals in titles, and co-assigned topics.',
    resolve: (a, _args, ctx) => loadAggregation<TopicSignals[]>(ctx, a, 'topicSignals'),
  }),
}));
