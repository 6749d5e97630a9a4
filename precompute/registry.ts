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

/**
 * Cold cost of one entry, in units of about a tenth of a scan of the viewer's history (ratios
 * measured with each kernel on a fresh context at 200 000 events: the selection scan is ~10,
 * sessions and channel statistics about twice that). The gateway's cold-work budget
 * (COLD_COST_BUDGET) is checked against the sum over the entries a request would compute.
 */
const COLD_COST: Readonly<Record<string, number>> = {
  kpis: 12,
  monthlyTrend: 10,
  topChannels: 10,
  heatmap: 10,
  topics: 12,
  overview: 10,
  sessions: 20,
  viewingPatterns: 10,
  advancedKpis: 13,
  habits: 17,
  dailyStats: 10,
  timeSeries: 10,
  channelMetrics: 19,
  channelRelationships: 26,
  channelEvolution: 2,
  topicEvolution: 10,
  topicDiversity: 10,
  topicSignals: 10,
  dataQuality: 1,
};
for (const d of REGISTRY) if (!(d.id in COLD_COST)) throw new Error(`[precompute/registry] no cold cost for ${d.id}`);

/** The cold-cost estimate of one entry of `id` (see COLD_COST). */
export const coldCostOf = (id: string): number => COLD_COST[aggregationDef(id).id] as number;
