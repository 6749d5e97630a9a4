/**
 * LiveEngine: one viewer's engine that grows with every commit instead of being rebuilt. The
 * table takes the delta in place (columns and dictionary grow, backfills are inserted), cached
 * zone columns get the new rows' fields only, and every maintained statistics object is
 * updated from the delta — so an append costs about the delta, not the history. See README.md
 * ("Live engine") for the contract, the bounds and the design decisions.
 */
import type { ChangeLogEntry } from '../../domain/changes.js';
import type { WatchEvent } from '../../domain/events.js';
import {
  type CanonicalFilter,
  type DayBounds,
  filterKey,
  isRelativeTimeframe,
  timeWindow,
  todayOf,
} from '../../domain/filter.js';
import { KernelContext } from './context.js';
import { RowMatcher, selectNonTime, topicRows, withinDays } from './selection.js';
import { DEFAULT_GAP_MINUTES } from './sessions.js';
import { withSlack } from './state/arrays.js';
import { BaseStats } from './state/base.js';
import type { ComboState } from './state/combo.js';
import type { CoreStats } from './state/core.js';
import { maintainBase, SelectionStats, type ZoneDelta } from './state/maintained.js';
import type { SessionStats } from './state/sessions.js';
import { byTimeThenId, type EventTable, isRow, LiveTable } from './table.js';
import { localHourOf, ZoneColumns, type ZoneFields, zoneFieldsOfRows, zoneFieldsOfTimes } from './zone.js';

/**
 * What one commit (or several consecutive ones) added: events of any kind, dated or not, in
 * any time order (backfills are normal); ids never seen by this engine. `changeLog`: the
 * commits' change-log entries, in log order.
 */
export interface EngineDelta {
  readonly events: readonly WatchEvent[];
  readonly changeLog: readonly ChangeLogEntry[];
}

/** Attributes of some rows (not row numbers, which later appends may shift). */
export interface RowFacts {
  readonly time: Float64Array;
  readonly product: Uint8Array;
  readonly topics: Uint16Array;
  /** Dictionary index (stable) or NO_CHANNEL. */
  readonly channel: Uint32Array;
  readonly isAd: Uint8Array;
}

export interface AppendReport {
  /** Events of the delta, any kind. */
  readonly eventsAdded: number;
  /** Change-log entries of the delta. */
  readonly changeLogAdded: number;
  /** New table rows: dated WATCHED events (ads included, visible with includeAds). */
  readonly rowsAdded: number;
  /** True when some new row sorts before an old one (the rows were inserted, not appended). */
  readonly backfill: boolean;
  /** Old rows whose estimated watch time changed (the non-ad row before a new one, and ads in between). */
  readonly rowsRewatched: number;
  /** New channel keys; old channels whose most recent title changed. */
  readonly channelsAdded: number;
  readonly channelsRetitled: number;
  /** Rows read by maintenance: re-estimates, plus each statistics object's look at every new or re-estimated row and its session rescans. */
  readonly rowsScanned: number;
  /** Statistics objects (selections and base) that exist / whose counters changed. */
  readonly statesVisited: number;
  readonly statesUpdated: number;
  /** Statistics dropped and rebuilt on next use because they could not be maintained: none by design (kept for the contract). */
  readonly statesRebuilt: number;
  /** Wall time of the append (diagnostics only). */
  readonly millis: number;
  /** The new rows and the re-estimated ones, for `affected`. */
  readonly added: RowFacts;
  readonly rewatched: RowFacts;
}

/** Which inputs of a filter's results an append changed. */
export interface Touch {
  /** A new row passes the whole filter (window on the given day included). */
  selection: boolean;
  /** A new row passes the non-time filters (periods, 30-day windows, growth, first videos). */
  base: boolean;
  /** An old row that passes the whole filter had its watch-time estimate changed. */
  watchSeconds: boolean;
  /** Anything was stored or logged (dataQuality). */
  stored: boolean;
  /** The channel dictionary changed: a new key, or a new most-recent title (names and title ties). */
  channels: boolean;
}

export interface LiveEngineOptions {
  /** Selection statistics kept (least recently used dropped first); default 64. */
  maxStates?: number;
  /** Bytes of statistics kept (selections + base, estimated as in `bytes`); default 256 MiB. */
  maxStateBytes?: number;
  /** Zones whose whole-table columns are kept; default 4. */
  maxZones?: number;
  /** Contexts kept for one data generation (dropped by every append); default 16. */
  maxContexts?: number;
}

const DEFAULTS: Required<LiveEngineOptions> = {
  maxStates: 64,
  maxStateBytes: 256 * 1024 * 1024,
  maxZones: 4,
  maxContexts: 16,
};

/** The part of a filter that decides its rows apart from the window: product, topics, channels, ads, zone. */
const nonTimeKey = (f: CanonicalFilter): string =>
  `p=${f.product}|t=${f.topics.join(',')}|c=${f.channels.map(encodeURIComponent).join(',')}|tz=${f.timeZone}|ads=${f.includeAds ? 1 : 0}`;
/** Filters selecting fewer than 1/PARTIAL_ZONE_SHARE of the rows get zone columns of their rows only (see zoneFor). */
const PARTIAL_ZONE_SHARE = 4;
const windowKey = (w: DayBounds): string => `${w.fromDay ?? ''}..${w.toDay ?? ''}`;

export class LiveEngine {
  private readonly table: LiveTable;
  private readonly options: Required<LiveEngineOptions>;
  /** Whole-table zone columns, least recently used first. */
  private readonly zones = new Map<string, ZoneColumns>();
  /**
   * Zone columns filled for one non-time filter's rows only (`${nonTimeKey}`, which names the
   * zone), for selective filters in a zone without whole-table columns; least recently used
   * first, at most `maxZones`, dropped by every append (rebuilt on use, at the rows' cost).
   */
  private readonly partialZones = new Map<string, ZoneFields>();
  /** Selection statistics by `${nonTimeKey}|${window}`, least recently used first. */
  private readonly selections = new Map<string, SelectionStats>();
  /** Base statistics by nonTimeKey, with the matcher that maintains them; dropped with their last selection. */
  private readonly bases = new Map<string, { stats: BaseStats; matcher: RowMatcher; timeZone: string }>();
  /** The non-time rows of the selection built last, until its base statistics take them (one array at most). */
  private lastBaseRows: { table: EventTable; key: string; rows: Uint32Array } | null = null;
  /** Rows per topic of the table version they were made from (topicRows): built by the first topic filter after a change. */
  private topicIndex: { table: EventTable; rows: Uint32Array[] } | null = null;
  /** Relative filters' current selection key: the previous window is dropped when "today" moves it. */
  private readonly relative = new Map<string, string>();
  private readonly contexts = new Map<string, KernelContext>();

  private constructor(table: LiveTable, options: LiveEngineOptions = {}) {
    this.table = table;
    this.options = { ...DEFAULTS, ...options };
  }

  /** Builds from every stored event of the viewer (any order, any kind) and its change log. */
  static fromEvents(
    events: readonly WatchEvent[],
    changeLog: readonly ChangeLogEntry[] = [],
    options?: LiveEngineOptions,
  ): LiveEngine {
    return new LiveEngine(LiveTable.fromEvents(events, changeLog), options);
  }

  /** Builds from pages in (watchedAt, id) order (Store.eventPages), one page of objects at a time; RangeError on a row out of order. */
  static async fromPages(
    pages: AsyncIterable<readonly WatchEvent[]>,
    changeLog: readonly ChangeLogEntry[] = [],
    options?: LiveEngineOptions,
  ): Promise<LiveEngine> {
    return new LiveEngine(await LiveTable.fromPages(pages, changeLog), options);
  }

  /** Rows the aggregations can see at all (dated WATCHED; ads included for includeAds). */
  get eventCount(): number {
    return this.table.length;
  }

  /** The current rows (zero-copy view, valid until the next append). */
  snapshot(): EventTable {
    return this.table.snapshot();
  }

  /**
   * Appends a delta in place: columns and dictionaries grow; maintained statistics are updated
   * from the delta (cost ~ delta, not history). Contexts and states handed out before are
   * invalid afterwards (ask again). Throws RangeError on an event with a non-finite watchedAt.
   */
  append(delta: EngineDelta): AppendReport {
    const started = performance.now();
    for (const e of delta.events) {
      if (e.watchedAt !== null && !Number.isFinite(e.watchedAt)) {
        throw new RangeError(`[precompute/engine/live] expected watchedAt epoch ms or null, got ${e.watchedAt} (${e.id})`);
      }
    }
    this.table.addStored(delta.events, delta.changeLog);
    const rows = delta.events.filter(isRow).sort(byTimeThenId);
    const change = this.table.insert(rows);
    const table = this.table.snapshot();
    this.contexts.clear();
    this.partialZones.clear(); // their rows moved and new ones are not in them
    this.topicIndex = null;

    let scanned = change.scanned;
    let visited = 0;
    let updated = 0;
    const zoneDeltas = new Map<string, ZoneDelta>();
    const deltaIn = (timeZone: string): ZoneDelta => {
      let z = zoneDeltas.get(timeZone);
      if (!z) {
        z = {
          inserted: fieldsOfRows(table, change.inserted, timeZone),
          rewatched: fieldsOfRows(table, change.rewatched, timeZone),
        };
        zoneDeltas.set(timeZone, z);
      }
      return z;
    };
    if (change.inserted.length > 0) {
      for (const [timeZone, columns] of this.zones) columns.insert(deltaIn(timeZone).inserted, change.positions);
    }
    if (change.inserted.length > 0 || change.rewatched.length > 0) {
      for (const { stats, matcher, timeZone } of this.bases.values()) {
        const m = maintainBase(stats, matcher, table, change, deltaIn(timeZone));
        visited++;
        scanned += m.scanned;
        if (m.changed) updated++;
      }
      for (const s of this.selections.values()) {
        const timeZone = s.filter.timeZone;
        const m = s.maintain(table, change, deltaIn(timeZone), (t) => localHourOf(timeZone, t));
        visited++;
        scanned += m.scanned;
        if (m.changed) updated++;
      }
    } else {
      visited = this.bases.size + this.selections.size;
    }
    return {
      eventsAdded: delta.events.length,
      changeLogAdded: delta.changeLog.length,
      rowsAdded: change.inserted.length,
      backfill: change.positions !== null,
      rowsRewatched: change.rewatched.length,
      channelsAdded: change.channelsAdded,
      channelsRetitled: change.retitled.length,
      rowsScanned: scanned,
      statesVisited: visited,
      statesUpdated: updated,
      statesRebuilt: 0,
      millis: performance.now() - started,
      added: factsOf(table, change.inserted),
      rewatched: factsOf(table, change.rewatched),
    };
  }

  /**
   * What `report`'s append changed for results under `filter` on the local day of `nowMs`.
   * Never wrong in the unsafe direction: a result whose inputs (the definition's `reads`) are
   * all untouched is unchanged by that append.
   */
  affected(report: AppendReport, filter: CanonicalFilter, nowMs: number): Touch {
    const window = timeWindow(filter, this.today(filter, nowMs));
    const matcher = new RowMatcher(filter);
    const keys = this.table.dictionary.keys;
    const look = (rows: RowFacts, needWindow: boolean): boolean => {
      const n = rows.time.length;
      const days = needWindow && n > 0 ? zoneFieldsOfTimes(rows.time, n, filter.timeZone).day : null;
      for (let i = 0; i < n; i++) {
        if (
          !matcher.matches(
            rows.product[i] as number,
            rows.topics[i] as number,
            rows.channel[i] as number,
            rows.isAd[i] as number,
            keys,
          )
        )
          continue;
        if (days === null) return true;
        const d = days[i] as number;
        if ((window.fromDay === null || d >= window.fromDay) && (window.toDay === null || d <= window.toDay)) return true;
      }
      return false;
    };
    return {
      selection: look(report.added, true),
      base: look(report.added, false),
      watchSeconds: look(report.rewatched, true),
      stored: report.eventsAdded > 0 || report.changeLogAdded > 0,
      channels: report.channelsAdded > 0 || report.channelsRetitled > 0,
    };
  }

  /**
   * A KernelContext over the current rows (for recomputed aggregations), memoised per (filter
   * key, local day) until the next append. Its selection, sessions and statistics come from the
   * maintained ones when they exist. Throws RangeError on a non-finite nowMs.
   */
  context(filter: CanonicalFilter, nowMs: number): KernelContext {
    const today = this.today(filter, nowMs);
    const key = `${filterKey(filter)}@${today}`;
    let ctx = this.contexts.get(key);
    if (ctx) {
      this.contexts.delete(key);
      this.contexts.set(key, ctx);
      return ctx;
    }
    const table = this.table.snapshot();
    const selectionKey = `${nonTimeKey(filter)}|${windowKey(timeWindow(filter, today))}`;
    const gap = DEFAULT_GAP_MINUTES;
    const made: KernelContext = new KernelContext(
      table,
      filter,
      today,
      () => this.zoneFor(filter, () => made.baseSelection()),
      (memo) => {
        switch (memo) {
          case 'live:state':
            return this.state(filter, nowMs);
          case 'engine:selection':
            return this.selections.get(selectionKey)?.selection();
          case 'engine:base':
            return this.nonTimeRows(filter);
          case `sessions:${gap}`: {
            const s = this.selections.get(selectionKey);
            return s ? this.sessionsOf(s).toSessions(s.selection()) : undefined;
          }
          case `sessions:${gap}:live`: {
            const s = this.selections.get(selectionKey);
            return s ? this.sessionsOf(s) : undefined;
          }
          default:
            return undefined;
        }
      },
    );
    ctx = made;
    this.contexts.set(key, ctx);
    if (this.contexts.size > this.options.maxContexts) this.contexts.delete(this.contexts.keys().next().value as string);
    return ctx;
  }

  /**
   * The maintained statistics of a filter on the local day of nowMs: built by one scan of the
   * selection on first use (sessions and base parts on their first use), then kept up to date
   * by every append. A relative timeframe's statistics are rebuilt when its window start moves
   * with "today"; a new day needs nothing else (today-dependent parts are finished from
   * day-keyed counters). Throws RangeError on a non-finite nowMs.
   */
  state(filter: CanonicalFilter, nowMs: number): ComboState {
    const today = this.today(filter, nowMs);
    const window = timeWindow(filter, today);
    const stats = this.selectionStats(filter, window);
    return new LiveState(filter, today, window, this.table.snapshot(), stats, this);
  }

  /** Approximate bytes held: columns and ids, dictionary, zone columns, statistics (typed arrays' byteLength, see README). */
  get bytes(): number {
    let b = this.table.bytes;
    for (const z of this.zones.values()) b += z.bytes;
    for (const list of this.topicIndex?.rows ?? []) b += list.byteLength;
    for (const z of this.partialZones.values()) {
      b += z.day.byteLength + z.month.byteLength + z.dayOfMonth.byteLength + z.hour.byteLength + z.weekday.byteLength;
    }
    return b + this.stateBytes();
  }

  /**
   * Every counter of a filter's statistics on the local day of nowMs, in canonical order (tests:
   * maintained equals fresh). `fresh` builds new statistics from the current rows instead.
   */
  stateSummary(filter: CanonicalFilter, nowMs: number, fresh = false): Record<string, unknown> {
    const today = this.today(filter, nowMs);
    const window = timeWindow(filter, today);
    let stats = this.selectionStats(filter, window);
    let base = this.baseOf(stats);
    const table = this.table.snapshot();
    if (fresh) {
      const zone = this.zoneFields(filter.timeZone);
      const baseRows = selectNonTime(table, filter);
      stats = new SelectionStats(
        filter,
        window,
        stats.baseKey,
        table,
        zone,
        withinDays(baseRows, zone.day, window.fromDay, window.toDay),
      );
      base = BaseStats.build(table, zone.day, baseRows);
    }
    return {
      rows: Array.from(stats.selection()),
      core: stats.core.summary(),
      sessions: this.sessionsOf(stats).summary(),
      base: base.summary(),
    };
  }

  private today(filter: CanonicalFilter, nowMs: number): number {
    if (!Number.isFinite(nowMs))
      throw new RangeError(`[precompute/engine/live] expected a finite nowMs (epoch ms), got ${nowMs}`);
    return todayOf(filter, nowMs);
  }

  /** Zones with whole-table columns, and the non-time filters with columns of their rows only (tests, diagnostics). */
  zoneCoverage(): { whole: string[]; partial: string[] } {
    return { whole: [...this.zones.keys()], partial: [...this.partialZones.keys()] };
  }

  /** Whole-table local columns of a zone (kept for the `maxZones` most recently used zones). */
  zoneFields(timeZone: string): ZoneFields {
    let z = this.zones.get(timeZone);
    if (z) {
      this.zones.delete(timeZone);
    } else {
      const table = this.table.snapshot();
      z = new ZoneColumns(timeZone, zoneFieldsOfTimes(table.time, table.length, timeZone, withSlack(table.length)));
      if (this.zones.size >= this.options.maxZones) this.zones.delete(this.zones.keys().next().value as string);
    }
    this.zones.set(timeZone, z);
    return z.fields();
  }

  /**
   * The rows of `filter`'s non-time part (selectNonTime); a topic filter reads the candidates
   * from the rows per topic, made by one pass at the first topic filter after a change.
   */
  private nonTimeRows(filter: CanonicalFilter): Uint32Array {
    const table = this.table.snapshot();
    if (filter.topics.length === 0) return selectNonTime(table, filter);
    if (this.topicIndex?.table !== table) this.topicIndex = { table, rows: topicRows(table) };
    return selectNonTime(table, filter, this.topicIndex.rows);
  }

  /**
   * Local columns good for the rows of `filter`'s non-time part (and any subset of them): the
   * whole-table columns of its zone when kept; else, when those rows are under a
   * 1/PARTIAL_ZONE_SHARE of the table, columns filled for them alone (a never-seen zone under a
   * topic filter costs its rows, not the history); else whole-table columns, made and kept.
   */
  private zoneFor(filter: CanonicalFilter, baseRows: () => Uint32Array): ZoneFields {
    const tz = filter.timeZone;
    if (this.zones.has(tz)) return this.zoneFields(tz);
    const key = nonTimeKey(filter);
    let partial = this.partialZones.get(key);
    if (partial) {
      this.partialZones.delete(key);
    } else {
      const rows = baseRows();
      const table = this.table.snapshot();
      if (rows.length * PARTIAL_ZONE_SHARE > table.length) return this.zoneFields(tz);
      partial = zoneFieldsOfRows(table.time, table.length, rows, tz);
      if (this.partialZones.size >= this.options.maxZones) {
        this.partialZones.delete(this.partialZones.keys().next().value as string);
      }
    }
    this.partialZones.set(key, partial);
    return partial;
  }

  private selectionStats(filter: CanonicalFilter, window: DayBounds): SelectionStats {
    const base = nonTimeKey(filter);
    const key = `${base}|${windowKey(window)}`;
    let stats = this.selections.get(key);
    if (stats) {
      this.selections.delete(key);
      this.selections.set(key, stats);
      return stats;
    }
    const table = this.table.snapshot();
    const baseRows = this.nonTimeRows(filter);
    const zone = this.zoneFor(filter, () => baseRows);
    // The base statistics of a new selection are usually asked for next: keep its base rows for them.
    this.lastBaseRows = { table, key: base, rows: baseRows };
    const rows = withinDays(baseRows, zone.day, window.fromDay, window.toDay);
    stats = new SelectionStats(filter, window, base, table, zone, rows);
    this.selections.set(key, stats);
    if (isRelativeTimeframe(filter)) {
      // "Today" moved the window: the previous one's statistics serve nobody any more.
      const id = filterKey(filter);
      const previous = this.relative.get(id);
      this.relative.set(id, key);
      if (previous !== undefined && previous !== key && ![...this.relative.values()].includes(previous)) this.drop(previous);
    }
    this.evict(key);
    return stats;
  }

  /** Drops least recently used statistics beyond the bounds, never `keep`. */
  private evict(keep: string): void {
    const { maxStates, maxStateBytes } = this.options;
    for (const key of [...this.selections.keys()]) {
      if (this.selections.size <= maxStates && this.stateBytes() <= maxStateBytes) break;
      if (key !== keep) this.drop(key);
    }
  }

  private drop(key: string): void {
    const stats = this.selections.get(key);
    if (!stats) return;
    this.selections.delete(key);
    for (const s of this.selections.values()) if (s.baseKey === stats.baseKey) return;
    this.bases.delete(stats.baseKey);
  }

  private stateBytes(): number {
    let b = 0;
    for (const s of this.selections.values()) b += s.bytes;
    for (const { stats } of this.bases.values()) b += stats.bytes;
    return b;
  }

  /** @internal The base statistics of a selection, built on first use. */
  baseOf(stats: SelectionStats): BaseStats {
    let entry = this.bases.get(stats.baseKey);
    if (!entry) {
      const table = this.table.snapshot();
      const last = this.lastBaseRows;
      const rows = last?.table === table && last.key === stats.baseKey ? last.rows : this.nonTimeRows(stats.filter);
      this.lastBaseRows = null;
      const zone = this.zoneFor(stats.filter, () => rows);
      entry = {
        stats: BaseStats.build(table, zone.day, rows),
        matcher: stats.matcher,
        timeZone: stats.filter.timeZone,
      };
      this.bases.set(stats.baseKey, entry);
    }
    return entry.stats;
  }

  /** @internal The 30-minute sessions of a selection, built on first use. */
  sessionsOf(stats: SelectionStats): SessionStats {
    const table = this.table.snapshot();
    return stats.sessionStats(table, () => this.zoneFor(stats.filter, () => this.nonTimeRows(stats.filter)).hour);
  }
}

/** A LiveEngine's statistics seen on one local day. */
class LiveState implements ComboState {
  constructor(
    readonly filter: CanonicalFilter,
    readonly today: number,
    readonly window: DayBounds,
    readonly table: EventTable,
    private readonly stats: SelectionStats,
    private readonly engine: LiveEngine,
  ) {}

  core(): CoreStats {
    return this.stats.core;
  }

  sessions(): SessionStats {
    return this.engine.sessionsOf(this.stats);
  }

  base(): BaseStats {
    return this.engine.baseOf(this.stats);
  }

  selection(): Uint32Array {
    return this.stats.selection();
  }
}

/** Local fields of rows (ascending) from their instants alone. */
function fieldsOfRows(table: EventTable, rows: Uint32Array, timeZone: string): ZoneFields {
  const times = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) times[i] = table.time[rows[i] as number] as number;
  return zoneFieldsOfTimes(times, times.length, timeZone);
}

function factsOf(table: EventTable, rows: Uint32Array): RowFacts {
  const pick = <A extends Float64Array | Uint8Array | Uint16Array | Uint32Array>(col: A, make: (n: number) => A): A => {
    const out = make(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = col[rows[i] as number] as number;
    return out;
  };
  return {
    time: pick(table.time, (n) => new Float64Array(n)),
    product: pick(table.product, (n) => new Uint8Array(n)),
    topics: pick(table.topics, (n) => new Uint16Array(n)),
    channel: pick(table.channel, (n) => new Uint32Array(n)),
    isAd: pick(table.isAd, (n) => new Uint8Array(n)),
  };
}
