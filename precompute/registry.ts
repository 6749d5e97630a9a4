/**
 * The aggregation registry: the one list every other part enumerates — cache keys
 * (id + definition version), the precompute planner (base params), the schema (argument
 * parsing) and the benchmarks. Bumping a definition's `version` makes old entries unreachable.
 * Definitions live in `aggregations/`, one file per domain of `schema/`; the registry lists
 * them in catalogue order (../shared/AGGREGATIONS.md 1–19), which is also the base set's order.
 */
import type { AggregationDef } from './aggregation.js';
import { ACTIVITY_AGGREGATIONS } from './aggregations/activity.js';
import { CHANNEL_AGGREGATIONS } from './aggregations/channels.js';
import { EVOLUTION_AGGREGATIONS } from './aggregations/evolution.js';
import { HABIT_AGGREGATIONS } from './aggregations/habits.js';
import { KPIS_AGGREGATIONS } from './aggregations/kpis.js';
import { PATTERN_AGGREGATIONS } from './aggregations/patterns.js';
import { QUALITY_AGGREGATIONS } from './aggregations/quality.js';
import { SESSION_AGGREGATIONS } from './aggregations/sessions.js';
import { TOPIC_AGGREGATIONS } from './aggregations/topics.js';

export type { AggregationDef } from './aggregation.js';
export { paramsKey } from './aggregation.js';

/** Catalogue order. */
const CATALOGUE = [
  'kpis',
  'monthlyTrend',
  'topChannels',
  'heatmap',
  'topics',
  'overview',
  'sessions',
  'viewingPatterns',
  'advancedKpis',
  'habits',
  'dailyStats',
  'timeSeries',
  'channelMetrics',
  'channelRelationships',
  'channelEvolution',
  'topicEvolution',
  'topicDiversity',
  'topicSignals',
  'dataQuality',
];

const DEFINED: readonly AggregationDef[] = [
  ...KPIS_AGGREGATIONS,
  ...CHANNEL_AGGREGATIONS,
  ...PATTERN_AGGREGATIONS,
  ...SESSION_AGGREGATIONS,
  ...ACTIVITY_AGGREGATIONS,
  ...HABIT_AGGREGATIONS,
  ...TOPIC_AGGREGATIONS,
  ...EVOLUTION_AGGREGATIONS,
  ...QUALITY_AGGREGATIONS,
];

export const REGISTRY: readonly AggregationDef[] = CATALOGUE.map((id) => {
  const def = DEFINED.find((d) => d.id === id);
  if (!def) throw new Error(`[precompute/registry] no definition for ${id}`);
  return def;
});
if (DEFINED.length !== CATALOGUE.length) throw new Error('[precompute/registry] a definition is missing from CATALOGUE');

const BY_ID = new Map<string, AggregationDef>(REGISTRY.map((d) => [d.id, d]));
if (BY_ID.size !== REGISTRY.length) throw new Error('[precompute/registry] duplicate aggregation id');

/** The definition of `id`; throws on an unknown id (a programming error, not user input). */
export function aggregationDef(id: string): AggregationDef {
  const def = BY_ID.get(id);
  if (!def) throw new Error(`[precompute/registry] unknown aggregation ${id}; known: ${[...BY_ID.keys()].join(', ')}`);
  return def;
}
