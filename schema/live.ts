/** Live updates: a stream of the viewer's data-version changes (GraphQL over SSE). */
import { LiveStoppedError } from '../resolvers/errors.js';
import type { LiveEvent } from '../resolvers/live.js';
import { builder } from './builder.js';
import { EMBEDDED } from './filters.js';

type Change = Extract<LiveEvent, { kind: 'change' }>;

const ViewerChangeRef = builder.objectRef<Change>('ViewerChange').implement({
  description: `The viewer’s data changed, or its precompute finished. ${EMBEDDED}`,
  fields: (t) => ({
    dataVersion: t.exposeInt('dataVersion', { description: 'The viewer’s data version now.' }),
    precomputed: t.exposeBoolean('precomputed', {
      description:
        'False when a commit (or a time-zone change) has just landed; true once the precompute job of this data version finished, so a refetch is served warm.',
    }),
  }),
});

builder.subscriptionField('viewerChanged', (t) =>
  t.field({
    type: ViewerChangeRef,
    description:
      'The current viewer’s changes, over SSE: first the current state, then one event per commit (`precomputed: false`) and one when its precompute is done (`precomputed: true`), from any gateway. Only the viewer’s own changes. Refused with TOO_MANY_STREAMS past the per-viewer cap; ended with UNAUTHENTICATED when the token expires and with LIVE_UNAVAILABLE while the shared pub/sub is down (poll `viewer.dataVersion` then).',
    subscribe: (_root, _args, ctx) => ctx.services.live.subscribe(ctx.viewer.id, { tokenExpiresAt: ctx.tokenExpiresAt }),
    resolve: (event: LiveEvent) => {
      if (event.kind === 'stop') throw new LiveStoppedError(event.code);
      return event;
    },
  }),
);
