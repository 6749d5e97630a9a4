/** Channels: the most watched. */
import type { TopChannel } from '../precompute/results.js';
import { loadAggregation } from '../resolvers/analytics.js';
import { builder } from './builder.js';
import { AnalyticsRef, listResultOf } from './filters.js';

const TopChannelRef = builder.objectRef<TopChannel>('TopChannel').implement({
  fields: (t) => ({
    channelKey: t.exposeString('channelKey', {
      description: 'The channel id from its URL, else `title:<normalised title>`. Use it in `WatchFilter.channels`.',
    }),
    channelTitle: t.exposeString('channelTitle', { description: 'The most recent title seen for the channel.' }),
    channelUrl: t.exposeString('channelUrl', { nullable: true, description: 'Null for channels known only by title.' }),
    videos: t.exposeInt('videos'),
    share: t.exposeFloat('share', { description: 'videos / filtered videos, 0..1.' }),
    estimatedWatchSeconds: t.exposeFloat('estimatedWatchSeconds', { description: 'Seconds (estimated, see Kpis).' }),
  }),
});

const TopChannelsResultRef = listResultOf('TopChannelsResult', 'By videos desc, then title asc.', TopChannelRef);

builder.objectField(AnalyticsRef, 'topChannels', (t) =>
  t.field({
    type: TopChannelsResultRef,
    args: { limit: t.arg.int({ defaultValue: 10, description: 'How many channels, 1..100.' }) },
    resolve: (a, args, ctx) => loadAggregation<TopChannel[]>(ctx, a, 'topChannels', args),
  }),
);
