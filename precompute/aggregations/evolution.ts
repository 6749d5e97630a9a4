/** One channel over time: channelEvolution (catalogue 15). */
import { channelArg, define } from '../aggregation.js';
import { channelEvolution } from '../engine/index.js';

export const EVOLUTION_AGGREGATIONS = [
  define({
    id: 'channelEvolution',
    version: 1,
    parseParams: (raw) => ({ channel: channelArg(raw) }),
    // No channel is a sensible default: the base set skips it; real keys are computed on
    // demand and then warmed by usage.
    baseParams: { channel: '' },
    inBaseSet: false,
    dependsOnToday: false,
    kernel: (ctx, p: { channel: string }) => channelEvolution(ctx, p),
    maintenance: {
      kind: 'recomputed',
      why: 'one channel, not in the base set: a pass over the selection costs less than keeping per-channel monthly statistics for every key asked for',
    },
    // channels: a key unknown before may now exist, and the title shown may change.
    reads: ['selection', 'channels'],
  }),
];
