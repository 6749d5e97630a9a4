/** Viewing sessions (catalogue #7) and the cursor-connection types shared by this group. */

import { FilterValidationError } from '../domain/filter.js';
import { type SessionPage, sessionCursor, sessionsPage } from '../precompute/aggregations/sessions.js';
import type { SessionItem, SessionsResult } from '../precompute/engine/results/sessions.js';
import { loadAggregation } from '../resolvers/analytics.js';
import { BadUserInputError } from '../resolvers/errors.js';
import { builder } from './builder.js';
import { AnalyticsRef, resultOf } from './filters.js';

/** Backing model of PageInfo. */
export interface PageInfoModel {
  hasNextPage: boolean;
  endCursor: string | null;
}

export const PageInfoRef = builder.objectRef<PageInfoModel>('PageInfo').implement({
  description: 'Where a page of a cursor connection ends (Relay style, forward pagination with `first` / `after`).',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', { description: 'True when more items follow this page.' }),
    endCursor: t.exposeString('endCursor', {
      nullable: true,
      description: 'Cursor of the last edge of this page, to pass as `after` for the next one; null for an empty page.',
    }),
  }),
});

const SessionRef = builder.objectRef<SessionItem>('Session').implement({
  description: 'A maximal run of filtered videos, in time order, each within the gap of the previous one.',
  fields: (t) => ({
    start: t.field({ type: 'DateTime', description: 'When its first video was watched.', resolve: (s) => s.start }),
    end: t.field({
      type: 'DateTime',
      description: 'When its last video was watched (equal to `start` for one video); watching time after it is unknown.',
      resolve: (s) => s.end,
    }),
    videos: t.exposeInt('videos', { description: 'Videos in the session, ≥ 1.' }),
    channels: t.exposeStringList('channels', {
      description: 'Up to 3 channel keys with most videos in the session, by count desc then key asc.',
    }),
  }),
});

const SessionEdgeRef = builder.objectRef<{ node: SessionItem }>('SessionEdge').implement({
  description: 'One session of a page, with its cursor.',
  fields: (t) => ({
    cursor: t.string({
      description: 'Opaque cursor of this session; pass it as `after`.',
      resolve: (e) => sessionCursor(e.node.start),
    }),
    node: t.field({ type: SessionRef, description: 'The session.', resolve: (e) => e.node }),
  }),
});

const SessionConnectionRef = builder.objectRef<SessionPage>('SessionConnection').implement({
  description: 'A page of sessions, newest first.',
  fields: (t) => ({
    edges: t.field({
      type: [SessionEdgeRef],
      description: 'The sessions of this page, newest first.',
      resolve: (p) => p.items.map((node) => ({ node })),
    }),
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

const SessionsRef = builder.objectRef<SessionsResult>('Sessions').implement({
  description:
    'Viewing sessions of the filtered videos: a session is a maximal run, in time order, where each video follows the previous one within `gapMinutes` (inclusive). Statistics over sessions are null when there is none.',
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
      description: 'The sessions, newest first, as a cursor connection.',
      args: {
        first: t.arg.int({ defaultValue: 20, description: 'Page size, 0..100.' }),
        after: t.arg.string({ description: 'Cursor of the last session of the previous page (`endCursor`).' }),
      },
      resolve: (s, args) => {
        try {
          return sessionsPage(s.list, args);
        } catch (err) {
          if (err instanceof FilterValidationError) throw new BadUserInputError(`sessions.list.${err.field}`, err.reason);
          throw err;
        }
      },
    }),
  }),
});

const SessionsResultRef = resultOf('SessionsResult', 'Viewing sessions with their cache metadata.', SessionsRef);

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
    resolve: (a, args, ctx) => loadAggregation<SessionsResult>(ctx, a, 'sessions', args),
  }),
);
