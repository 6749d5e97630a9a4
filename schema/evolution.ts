/** One channel month by month (catalogue #15), with a typed result for an unknown channel key. */
import type { ChannelEvolution, ChannelEvolutionPoint } from '../precompute/engine/results/evolution.js';
import type { Resolved } from '../precompute/service.js';
import { loadAggregation } from '../resolvers/analytics.js';
import { builder } from './builder.js';
import { AnalyticsRef, resultOf } from './filters.js';
import { TrendEnum } from './topics.js';

/** The requested channel key belongs to no watched video of the viewer: an expected, typed outcome. */
class UnknownChannel extends Error {
  constructor(readonly channel: string) {
    super(`No watched video of the viewer has channel key "${channel}"; use a channelKey from topChannels or channelMetrics.`);
    this.name = 'UnknownChannel';
  }
}

builder.objectType(UnknownChannel, {
  name: 'UnknownChannel',
  description: 'The channel key matches no watched video of the viewer (under any filter). Nothing was computed.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What went wrong, for people.' }),
    channel: t.exposeString('channel', { description: 'The channel key as it was sent.' }),
  }),
});

const ChannelEvolutionPointRef = builder.objectRef<ChannelEvolutionPoint>('ChannelEvolutionPoint').implement({
  description: 'One local month of one channel under the filter.',
  fields: (t) => ({
    month: t.exposeString('month', { description: 'Local month, `YYYY-MM`.' }),
    videos: t.exposeInt('videos', { description: 'Filtered videos of the channel that month.' }),
    distinctTopics: t.exposeInt('distinctTopics', { description: 'Distinct topics among those videos, 0..13.' }),
    trend: t.field({
      type: TrendEnum,
      description:
        'Videos against the previous month: UP if > 1.2 ×, DOWN if < 0.8 × (exactly 1.2 × or 0.8 × is STABLE), else STABLE; the first month is STABLE.',
      resolve: (p) => p.trend,
    }),
  }),
});

const ChannelEvolutionRef = builder.objectRef<ChannelEvolution>('ChannelEvolution').implement({
  description: 'A channel’s filtered videos month by month.',
  fields: (t) => ({
    channelKey: t.exposeString('channelKey', { description: 'The channel id from its URL, else `title:<normalised title>`.' }),
    channelTitle: t.exposeString('channelTitle', { description: 'The most recent title seen for the channel.' }),
    channelUrl: t.exposeString('channelUrl', { nullable: true, description: 'Null for channels known only by title.' }),
    points: t.field({
      type: [ChannelEvolutionPointRef],
      description:
        'Every local month from the channel’s first to its last month with a filtered video, empty months as 0, ascending; empty when the filter leaves none of its videos.',
      resolve: (e) => e.points,
    }),
  }),
});

const ChannelEvolutionResultRef = resultOf(
  'ChannelEvolutionResult',
  'A channel’s monthly evolution with its cache metadata.',
  ChannelEvolutionRef,
);

builder.objectField(AnalyticsRef, 'channelEvolution', (t) =>
  t.field({
    type: ChannelEvolutionResultRef,
    nullable: true,
    description:
      'The filter restricted to one channel, month by month (a filter naming other channels leaves no points). An unknown key gives `UnknownChannel`.',
    args: {
      channel: t.arg.string({ required: true, description: 'A channel key (`channelKey` of topChannels), 1..200 characters.' }),
    },
    errors: {
      types: [UnknownChannel],
      directResult: true,
      union: { name: 'ChannelEvolutionOutcome', description: 'The evolution of a known channel, or UnknownChannel.' },
    },
    resolve: async (a, args, ctx) => {
      const r = await loadAggregation<ChannelEvolution | null>(ctx, a, 'channelEvolution', args);
      if (r.data === null) throw new UnknownChannel(args.channel);
      return r as Resolved<ChannelEvolution>;
    },
  }),
);
