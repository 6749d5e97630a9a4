/**
 * Tables of a watchgraph Convex deployment (see README.md "What lives where").
 * Every table is keyed by the viewer id; public functions derive it from the identity.
 */
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
import { eventFields } from './model.js';

export default defineSchema({
  viewers: defineTable({
    viewerId: v.string(),
    timeZone: v.string(),
    /** Bumped by every sealed import that added events; rows with a higher `version` are unpublished. */
    dataVersion: v.number(),
    /** Published events (kept here so counting never scans the events). */
    eventCount: v.number(),
    /** The import currently publishing (one per viewer at a time) and its last heartbeat, epoch ms. */
    publishing: v.union(v.null(), v.object({ importId: v.id('imports'), at: v.number() })),
  }).index('by_viewer', ['viewerId']),

  events: defineTable({
    ...eventFields,
    viewerId: v.string(),
    /** The data version that publishes the row: visible when `version <= viewer.dataVersion`. */
    version: v.number(),
    /** The import that wrote the row, so a failed publish can be discarded. */
    importId: v.id('imports'),
  })
    // (viewer, time) with the event id as tie-breaker: the Store's (watchedAt nulls first, id) order.
    .index('by_viewer_time', ['viewerId', 'watchedAt', 'eventId'])
    // The unique event id per viewer, enforced by the publishing mutation (Convex has no unique indexes).
    .index('by_viewer_event', ['viewerId', 'eventId'])
    // The events one range of commits added (Store.eventsAdded).
    .index('by_viewer_version', ['viewerId', 'version'])
    .index('by_import', ['importId']),

  imports: defineTable({
    viewerId: v.string(),
    createdAt: v.number(),
    state: v.union(v.literal('open'), v.literal('publishing')),
    nextSeq: v.number(),
    added: v.number(),
    duplicates: v.number(),
    /** Of `added`, the dated WATCHED events (what aggregations see), and of those the non-ads. */
    visibleAdded: v.optional(v.number()),
    visibleNonAdAdded: v.optional(v.number()),
  }).index('by_created', ['createdAt']),

  staged: defineTable({
    importId: v.id('imports'),
    seq: v.number(),
    event: v.object(eventFields),
  }).index('by_import_seq', ['importId', 'seq']),

  entries: defineTable({
    key: v.string(),
    viewerId: v.string(),
    /** Parsed from `wg:{viewer}:<aggregation>:<definitionVersion>:<filterKey>`; '' when the key has another shape. */
    aggregation: v.string(),
    filterKey: v.string(),
    value: v.bytes(),
    expiresAt: v.number(),
  })
    .index('by_key', ['key'])
    .index('by_viewer_aggregation_filter', ['viewerId', 'aggregation', 'filterKey'])
    // Sweeps delete the entries past their retention.
    .index('by_expires', ['expiresAt']),

  changeLog: defineTable({
    viewerId: v.string(),
    dataVersion: v.number(),
    committedAt: v.number(),
    added: v.number(),
    /** JSON of the ImportStats (free-form keys such as time-zone abbreviations are not valid Convex field names). */
    stats: v.string(),
    visibleAdded: v.optional(v.number()),
    visibleNonAdAdded: v.optional(v.number()),
  }).index('by_viewer_version', ['viewerId', 'dataVersion']),

  usage: defineTable({
    viewerId: v.string(),
    aggregation: v.string(),
    filterKey: v.string(),
    params: v.string(),
    score: v.number(),
    updatedAt: v.number(),
    computeMillis: v.number(),
    bytes: v.number(),
  }).index('by_viewer_aggregation_filter', ['viewerId', 'aggregation', 'filterKey']),
});
