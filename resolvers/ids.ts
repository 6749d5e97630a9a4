/**
 * Stable ids for a normalised client cache (urql Graphcache, Apollo): a hash of what identifies
 * an object — never of what it contains — so the same thing has one id in every request and
 * process, and two different things never share one. The data version is not part of any id:
 * after an ingest a refetch updates the same object in place. Opaque to clients.
 */
import { createHash } from 'node:crypto';

const digest = (parts: readonly (string | number)[]): string =>
  createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);

/** `Analytics` of one viewer under one canonical filter. */
export const analyticsId = (viewerId: string, filterKey: string): string =>
  `Analytics:${digest(['analytics', viewerId, filterKey])}`;

/** One aggregation result: viewer, aggregation, canonical filter and canonical arguments. */
export const resultId = (viewerId: string, aggregation: string, filterKey: string, paramsKey: string): string =>
  `${aggregation}:${digest(['result', viewerId, aggregation, filterKey, paramsKey])}`;

/** A channel of one viewer, whatever the filter (its title and URL do not depend on one). */
export const channelId = (viewerId: string, channelKey: string): string => `Channel:${digest(['channel', viewerId, channelKey])}`;

/** A channel's metrics under one filter: the numbers differ per filter, not per page or order. */
export const channelMetricId = (viewerId: string, filterKey: string, channelKey: string): string =>
  `ChannelMetric:${digest(['channelMetric', viewerId, filterKey, channelKey])}`;

/** A session under one filter and gap: the same start under another filter or gap is another session. */
export const sessionId = (viewerId: string, filterKey: string, gapMinutes: number, start: number): string =>
  `Session:${digest(['session', viewerId, filterKey, gapMinutes, start])}`;
