/** Viewing sessions (catalogue #7). */

import { FilterValidationError } from '../domain/filter.js';
import { type SessionPage, sessionCursor, sessionsEntryPage } from '../precompute/aggregations/sessions.js';
import type { ChannelIdentity } from '../precompute/engine/results/channels.js';
import type { SessionsResult } from '../precompute/engine/results/sessions.js';
import { loadAggregation } from '../resolvers/analytics.js';
import { BadUserInputError } from '../resolvers/errors.js';
import { sessionId } from '../resolvers/ids.js';
import type { AggregationResult, AnalyticsModel } from '../resolvers/models.js';
import { builder } from './builder.js';
import { ChannelRefType } from './channels.js';
import { AnalyticsRef, EMBEDDED, PageInfoRef, resultOf } from './filters.js';

/** A session with its channels' identities and its filter- and gap-scoped id. */
interface SessionNode {
  id: string;
  start: number;
  end: number;
  videos: number;
  channels: ChannelIdentity[];
}

const SessionRef = builder.objectRef<SessionNode>('Session').implement({
  description: 'A maximal run of filtered videos, in time order, each within the gap of the previous one.',
  fields: (t) => ({
    id: t.exposeID('id', {
      description:
        'Stable id: the viewer, the canonical filter, the gap and the start instant. The same start under another filter or gap is another session (other videos), so another id.',
    }),
    start: t.field({ type: 'DateTime', description: 'When its first video was watched.', resolve: (s) => s.start }),
    end: t.field({
      type: 'DateTime',
      description: 'When its last video was watched (equal to `start` for one video); watching time after it is unknown.',
      resolve: (s) => s.end,
    }),
    videos: t.exposeInt('videos', { description: 'Videos in the session, ≥ 1.' }),
    channels: t.field({
      type: [ChannelRefType],
      description: 'Up to 3 channels with most videos in the session, by count desc then key asc.',
      resolve: (s) => s.channels,
    }),
  }),
});

const SessionEdgeRef = builder.objectRef<SessionNode>('SessionEdge').implement({
  description: `One session of a page, with its cursor. ${EMBEDDED}`,
  fields: (t) => ({
    cursor: t.string({
      description: 'Opaque cursor of this session; pass it as `after`.',
      resolve: (s) => sessionCursor(s.start),
    }),
    node: t.field({ type: SessionRef, description: 'The session.', resolve: (s) => s }),
  }),
});

type SessionPageModel = SessionPage & { nodes: SessionNode[] };

const SessionConnectionRef = builder.objectRef<SessionPageModel>('SessionConnection').implement({
  description: `A page of sessions, newest first. ${EMBEDDED}`,
  fields: (t) => ({
    edges: t.field({ type: [SessionEdgeRef], description: 'The sessions of this page, newest first.', resolve: (p) => p.nodes }),
    pageInfo: t.field({
      type: PageInfoRef,
      description: 'Whether more sessions follow, and the cursor to ask for them.',
      resolve: (p) => {
        const last = p.items[p.items.length - 1];
        return { hasNextPage: p.hasNextPage, endCursor: last ? sessionCursor(last.start) : null };
      },
    }),
    totalCount: t.exposeInt('totalCount', { description: 'Sessions in the filtered set, all pages together.' }),
  }),
});

/** The sessions entry with the filter key its session ids are scoped to, and the analytics it came from (older windows of the list). */
type SessionsModel = SessionsResult & { filterKey: string; analytics: AnalyticsModel };

/** A sessions result with the analytics it was loaded under. */
type SessionsLoaded = AggregationResult<SessionsResult> & { analytics: AnalyticsModel };

const SessionsRef = builder.objectRef<SessionsModel>('Sessions').implement({
  description: `Viewing sessions of the filtered videos: a session is a maximal run, in time order, where each video follows the previous one within \`gapMinutes\` (inclusive). Statistics over sessions are null when there is none. ${EMBEDDED}`,
  fields: (t) => ({
    gapMinutes: t.exposeInt('gapMinutes', { description: 'The gap used, minutes (5..240).' }),
    count: t.exposeInt('count', { description: 'Number of sessions.' }),
    videosPerSession: t.exposeFloat('videosPerSession', { nullable: true, description: 'Mean videos per session.' }),
    medianVideosPerSession: t.exposeFloat('medianVideosPerSession', {
      nullable: true,
      description: 'Median videos per session (the mean of the two middle sessions for an even count).',
    }),
    maxVideos: t.exposeInt('maxVideos', { nullable: true, description: 'Videos in the longest session.' }),
    meanDurationMinutes: t.exposeFloat('meanDurationMinutes', {
      nullable: true,
      description:
        'Mean time from the first to the last video of a session, minutes (a one-video session lasts 0: Takeout has no durations).',
    }),
    binge: t.exposeInt('binge', { description: 'Sessions with 5 or more videos.' }),
    short: t.exposeInt('short', { description: 'Sessions with at most 2 videos.' }),
    perActiveDay: t.exposeFloat('perActiveDay', {
      nullable: true,
      description: 'Sessions per local date with at least one video.',
    }),
    startsByHour: t.exposeIntList('startsByHour', {
      description: '24 counts: sessions by the local hour (0..23) of their first video.',
    }),
    list: t.field({
      type: SessionConnectionRef,
      nullable: true,
      description:
        'The sessions, newest first, as a cursor connection. Null when `first` or `after` is rejected (BAD_USER_INPUT naming `sessions.list.<argument>`); the statistics still answer.',
      args: {
        first: t.arg.int({ defaultValue: 20, description: 'Page size, 0..100.' }),
        after: t.arg.string({ description: 'Cursor of the last session of the previous page (`endCursor`).' }),
      },
      resolve: async (s, args, ctx) => {
        let page: SessionPage;
        let named = s.channels;
        try {
          const from = sessionsEntryPage(s, args);
          if ('page' in from) page = from.page;
          else {
            // Past the entry's window: the entry of the window that starts at the cursor.
            const older = await loadAggregation<SessionsResult>(ctx, s.analytics, 'sessions', {
              gapMinutes: s.gapMinutes,
              listBefore: from.listBefore,
            });
            const rest = sessionsEntryPage(older.data, { first: from.first });
            if (!('page' in rest)) throw new Error('[schema/sessions] a window entry did not hold its first page');
            page = { ...rest.page, totalCount: s.count };
            named = older.data.channels;
          }
        } catch (err) {
          if (err instanceof FilterValidationError) throw new BadUserInputError(`sessions.list.${err.field}`, err.reason);
          throw err;
        }
        const identities = new Map(named.map((c) => [c.channelKey, c]));
        const nodes = page.items.map((item) => ({
          ...item,
          id: sessionId(ctx.viewer.id, s.filterKey, s.gapMinutes, item.start),
          // The engine names each listed channel in `channels` (a missing one would be a field error).
          channels: item.channels.map((key) => identities.get(key) as ChannelIdentity),
        }));
        return { ...page, nodes };
      },
    }),
  }),
});

const SessionsResultRef = resultOf<SessionsResult, SessionsModel>(
  'SessionsResult',
  'Viewing sessions with their cache metadata.',
  SessionsRef,
  (r) => ({ ...r.data, filterKey: r.meta.filterKey, analytics: (r as SessionsLoaded).analytics }),
);

builder.objectField(AnalyticsRef, 'sessions', (t) =>
  t.field({
    type: SessionsResultRef,
    nullable: true,
    description: 'Viewing sessions of the filtered videos for a gap.',
    args: {
      gapMinutes: t.arg.int({
        defaultValue: 30,
        description: 'Longest pause inside a session, whole minutes, 5..240.',
      }),
    },
    resolve: async (a, args, ctx): Promise<SessionsLoaded> =>
      // Assigned, not spread: the result's `data` is a lazy getter.
      Object.assign(await loadAggregation<SessionsResult>(ctx, a, 'sessions', { gapMinutes: args.gapMinutes }), {
        analytics: a,
      }),
  }),
);
