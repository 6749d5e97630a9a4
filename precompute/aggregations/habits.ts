/** Habits (catalogue 10). */
import { define, noParams } from '../aggregation.js';
import { finishHabits, habits } from '../engine/index.js';

export const HABIT_AGGREGATIONS = [
  define({
    id: 'habits',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => habits(ctx),
    maintenance: { kind: 'merged', finish: (state) => finishHabits(state) },
    reads: ['selection'],
  }),
];
