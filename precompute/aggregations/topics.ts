/** Topics: topics, topicEvolution, topicDiversity and topicSignals (catalogue 5, 16, 17, 18). */
import { define, noParams } from '../aggregation.js';
import { topicDiversity, topicEvolution, topicSignals, topics } from '../engine/index.js';

export const TOPIC_AGGREGATIONS = [
  define({ id: 'topics', version: 1, parseParams: noParams, baseParams: {}, dependsOnToday: true, kernel: (ctx) => topics(ctx) }),
  define({
    id: 'topicEvolution',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => topicEvolution(ctx),
  }),
  define({
    id: 'topicDiversity',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => topicDiversity(ctx),
  }),
  define({
    id: 'topicSignals',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => topicSignals(ctx),
  }),
];
