/** The viewer: who the history belongs to and their settings. */
import type { Viewer } from '../store/types.js';
import { builder } from './builder.js';

const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'The person whose watch history this is.',
  fields: (t) => ({
    id: t.exposeID('id', {
      description: 'The viewer’s id: the `sub` of the verified token, or `local` without authentication. Stable.',
    }),
    timeZone: t.field({ type: 'TimeZone', description: 'Default zone of filters that name none.', resolve: (v) => v.timeZone }),
    dataVersion: t.exposeInt('dataVersion', { description: 'Bumped by every ingest that added events.' }),
    eventCount: t.int({
      nullable: true,
      description: 'Stored activity records of every kind. Null when the store could not be read (the error is on this path).',
      resolve: (v, _args, ctx) => ctx.services.store.countEvents(v.id),
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    description:
      'The current viewer. Never null: the viewer is known before execution starts (a request without one is refused).',
    resolve: (_root, _args, ctx) => ctx.viewer,
  }),
);

builder.mutationField('setTimeZone', (t) =>
  t.field({
    type: ViewerRef,
    nullable: true,
    description: 'Sets the viewer’s default time zone and precomputes the dashboard in it. Null when it failed.',
    args: { timeZone: t.arg({ type: 'TimeZone', required: true, description: 'An IANA zone name, e.g. `Europe/Paris`.' }) },
    resolve: async (_root, { timeZone }, ctx) => {
      const viewer = await ctx.services.store.setViewerTimeZone(ctx.viewer.id, timeZone);
      await ctx.services.precomputer.schedule(viewer.id);
      return viewer;
    },
  }),
);
