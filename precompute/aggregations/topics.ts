/** Topics: topics, topicEvolution, topicDiversity and topicSignals (catalogue 5, 16, 17, 18). */
import { define, noParams } from '../aggregation.js';
import {
  finishTopicDiversity,
  finishTopicEvolution,
  finishTopicSignals,
  finishTopics,
  topicDiversity,
  topicEvolution,
  topicSignals,
  topics,
} from '../engine/index.js';

export const TOPIC_AGGREGATIONS = [
  define({
    id: 'topics',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: true,
    kernel: (ctx) => topics(ctx),
    maintenance: { kind: 'merged', finish: (state) => finishTopics(state) },
    // base: the recent and previous 30 days.
    reads: ['selection', 'base'],
  }),
  define({
    id: 'topicEvolution',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => topicEvolution(ctx),
    maintenance: { kind: 'merged', finish: (state) => finishTopicEvolution(state) },
    reads: ['selection'],
  }),
  define({
    id: 'topicDiversity',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => topicDiversity(ctx),
    maintenance: { kind: 'merged', finish: (state) => finishTopicDiversity(state) },
    reads: ['selection'],
  }),
  define({
    id: 'topicSignals',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => topicSignals(ctx),
    maintenance: { kind: 'merged', finish: (state) => finishTopicSignals(state) },
    reads: ['selection'],
  }),
];
