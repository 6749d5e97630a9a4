/** Bringing history in: JSON batches (programmatic path). */
import { EVENT_KINDS } from '../domain/events.js';
import { type IngestResult, ingestWatchEvents } from '../resolvers/ingest.js';
import { builder } from './builder.js';
import { ProductEnum } from './filters.js';

const EventKindEnum = builder.enumType('EventKind', {
  description: 'WATCHED a video, VIEWED a post or story, VISITED an ad link.',
  values: EVENT_KINDS,
});

const WatchEventInput = builder.inputType('WatchEventInput', {
  description: 'One activity, as in a Takeout export.',
  fields: (t) => ({
    watchedAt: t.field({ type: 'DateTime', description: 'When; null or omitted when unknown (counted, not aggregated).' }),
    videoId: t.string({ description: 'Derived from `videoUrl` when omitted.' }),
    videoTitle: t.string({ required: true }),
    videoUrl: t.string(),
    channelTitle: t.string(),
    channelUrl: t.string({ description: '`https://www.youtube.com/channel/<id>` gives the channel key.' }),
    product: t.field({ type: ProductEnum, defaultValue: 'YOUTUBE' }),
    kind: t.field({ type: EventKindEnum, defaultValue: 'WATCHED' }),
    isAd: t.boolean({ defaultValue: false, description: 'From Google Ads.' }),
  }),
});

const IngestResultRef = builder.objectRef<IngestResult>('IngestResult').implement({
  fields: (t) => ({
    received: t.exposeInt('received'),
    added: t.exposeInt('added', { description: 'New events stored.' }),
    duplicates: t.exposeInt('duplicates', { description: 'Events already stored (same viewer, instant, kind and video).' }),
    dataVersion: t.exposeInt('dataVersion', { description: 'The viewer’s data version after this call.' }),
    precomputeScheduled: t.exposeBoolean('precomputeScheduled'),
  }),
});

builder.mutationField('ingestWatchEvents', (t) =>
  t.field({
    type: IngestResultRef,
    description: 'Adds a batch of events atomically: one invalid event rejects the batch, naming `events[i].field`.',
    args: { events: t.arg({ type: [WatchEventInput], required: true }) },
    resolve: (_root, { events }, ctx) =>
      ingestWatchEvents(
        ctx,
        events.map((e) => ({
          watchedAt: e.watchedAt ?? null,
          videoId: e.videoId,
          videoTitle: e.videoTitle,
          videoUrl: e.videoUrl,
          channelTitle: e.channelTitle,
          channelUrl: e.channelUrl,
          product: e.product ?? 'YOUTUBE',
          kind: e.kind ?? 'WATCHED',
          isAd: e.isAd ?? false,
        })),
      ),
  }),
);
