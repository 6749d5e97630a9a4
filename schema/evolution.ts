/** One channel month by month (catalogue #15), with a typed failure for an unknown channel key. */
import type { ChannelEvolution, ChannelEvolutionPoint } from '../precompute/engine/results/evolution.js';
import { loadAggregation } from '../resolvers/analytics.js';
import { UnknownChannel } from '../resolvers/errors.js';
import type { AggregationResult } from '../resolvers/models.js';
import { builder } from './builder.js';
import { ChannelRefType } from './channels.js';
import { FailureRef } from './failures.js';
import { AnalyticsRef, EMBEDDED, resultOf } from './filters.js';
import { TrendEnum } from './topics.js';

builder.objectType(UnknownChannel, {
  name: 'UnknownChannel',
  description: `The channel key matches no watched video of the viewer (under any filter). Nothing was computed. ${EMBEDDED}`,
  interfaces: [FailureRef],
  fields: (t) => ({
    channelKey: t.exposeString('channelKey', { description: 'The channel key as it was sent.' }),
  }),
});

const ChannelEvolutionPointRef = builder.objectRef<ChannelEvolutionPoint>('ChannelEvolutionPoint').implement({
  description: `One local month of one channel under the filter. ${EMBEDDED}`,
  fields: (t) => ({
    month: t.field({ type: 'YearMonth', description: 'The local month.', resolve: (p) => p.month }),
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
  description: `A channel’s filtered videos month by month. ${EMBEDDED}`,
  fields: (t) => ({
    channel: t.field({ type: ChannelRefType, description: 'The channel.', resolve: (e) => e }),
    points: t.field({
      type: [ChannelEvolutionPointRef],
      description:
        'Every local month from the channel’s first to its last month with a filtered video, empty months as 0, ascending; empty when the filter leaves none of its videos.',
      resolve: (e) => e.points,
    }),
  }),
});

const ChannelEvolutionSuccessRef = resultOf(
  'ChannelEvolutionSuccess',
  'A known channel’s monthly evolution with its cache metadata.',
  ChannelEvolutionRef,
);

builder.objectField(AnalyticsRef, 'channelEvolution', (t) =>
  t.field({
    type: ChannelEvolutionSuccessRef,
    nullable: true,
    description:
      'The filter restricted to one channel, month by month (a filter naming other channels leaves no points). An unknown key gives `UnknownChannel`; a malformed one (empty, over 200 characters) is BAD_USER_INPUT.',
    args: {
      channel: t.arg.string({ required: true, description: 'A channel key (`ChannelRef.channelKey`), 1..200 characters.' }),
    },
    errors: {
      types: [UnknownChannel],
      directResult: true,
      union: { name: 'ChannelEvolutionResult', description: 'The evolution of a known channel, or UnknownChannel.' },
    },
    resolve: async (a, args, ctx) => {
      const r = await loadAggregation<ChannelEvolution | null>(ctx, a, 'channelEvolution', args);
      if (r.data === null) throw new UnknownChannel(args.channel);
      return r as AggregationResult<ChannelEvolution>;
    },
  }),
);
