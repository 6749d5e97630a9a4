/** The aggregation engine: one columnar table per (viewer, dataVersion), contexts per filter. */

import type { ChangeLogEntry } from '../../domain/changes.js';
import type { WatchEvent } from '../../domain/events.js';
import { type CanonicalFilter, todayOf } from '../../domain/filter.js';
import { KernelContext } from './context.js';
import { buildTable, buildTableFromPages, type EventTable } from './table.js';
import { computeZoneFields, type ZoneFields } from './zone.js';

/** Time zones whose local columns an engine keeps (least recently used evicted). */
export const ZONE_CACHE_SIZE = 4;

export class Engine {
  /** Events the aggregations can see at all (dated, WATCHED; ads included for includeAds). */
  readonly eventCount: number;
  readonly table: EventTable;
  private readonly zones = new Map<string, ZoneFields>();

  /**
   * Builds the time-zone-independent columnar table once per (viewer, dataVersion) from every
   * stored event of the viewer; `changeLog` (the viewer's, in log order) feeds dataQuality.
   */
  constructor(events: readonly WatchEvent[] | EventTable, options: { changeLog?: readonly ChangeLogEntry[] } = {}) {
    this.table = Array.isArray(events) ? buildTable(events as readonly WatchEvent[], options.changeLog) : (events as EventTable);
    this.eventCount = this.table.length;
  }

  /**
   * Builds the engine from pages of events in (watchedAt, id) order, holding one page plus
   * the columns at a time (Store.eventPages).
   */
  static async fromPages(
    pages: AsyncIterable<readonly WatchEvent[]>,
    options: { changeLog?: readonly ChangeLogEntry[] } = {},
  ): Promise<Engine> {
    return new Engine(await buildTableFromPages(pages, options.changeLog));
  }

  /**
   * A memoising view of the table under one canonical filter at instant `nowMs` (epoch ms;
   * "today" = its local date in filter.timeZone). Throws RangeError on a non-finite nowMs.
   */
  context(filter: CanonicalFilter, nowMs: number): KernelContext {
    if (!Number.isFinite(nowMs)) throw new RangeError(`[precompute/engine] expected a finite nowMs (epoch ms), got ${nowMs}`);
    return new KernelContext(this.table, filter, todayOf(filter, nowMs), (tz) => this.zoneFields(tz));
  }

  private zoneFields(timeZone: string): ZoneFields {
    let z = this.zones.get(timeZone);
    if (z) {
      this.zones.delete(timeZone); // re-insert: Map order is the recency order
    } else {
      z = computeZoneFields(this.table, timeZone);
      if (this.zones.size >= ZONE_CACHE_SIZE) this.zones.delete(this.zones.keys().next().value as string);
    }
    this.zones.set(timeZone, z);
    return z;
  }
}
