/**
 * The time-zone-independent columnar table of one viewer's events, built once per
 * (viewer, dataVersion). Rows are the dated WATCHED events (ads included, flagged), sorted
 * by (watchedAt, id); every column is indexed by row.
 */

import type { ChangeLogEntry } from '../../domain/changes.js';
import { PRODUCTS, TOPICS, type WatchEvent } from '../../domain/events.js';
import type { DataQuality } from './results/quality.js';
import { signalMask } from './signals.js';
import { finishStored, StoredCounter } from './stored.js';

/** `channel[row]` of an event without a channel key. */
export const NO_CHANNEL = 0xffff_ffff;

/** The session gap of `estimatedWatchSeconds`, and its cap (AGGREGATIONS.md "Events"). */
export const SESSION_GAP_MS = 30 * 60_000;
/** Seconds credited to an event with no next event within the gap. */
export const LONE_EVENT_SECONDS = 300;

const TOPIC_MASK = (1 << TOPICS.length) - 1;
const CHANNEL_URL_PREFIX = 'https://www.youtube.com/channel/';

/** Dictionary of the channel keys of the table; index = order of first appearance in time. */
export interface ChannelDictionary {
  readonly size: number;
  readonly keys: readonly string[];
  /**
   * Most recent non-empty `channelTitle` over the table's rows (ads included, latest by
   * (watchedAt, id)), independent of any filter so a channel keeps one name everywhere.
   * Without any title: the key minus `title:`, or the id itself.
   */
  readonly titles: readonly string[];
  /** `https://www.youtube.com/channel/<id>` for id keys, null for `title:` keys. */
  readonly urls: readonly (string | null)[];
  /** Index of a key, or undefined when no row has it. */
  indexOf(key: string): number | undefined;
}

export interface EventTable {
  /** Number of rows. */
  readonly length: number;
  /** Epoch ms UTC, ascending (ties by event id, code-unit order). */
  readonly time: Float64Array;
  /** Dictionary index of the channel key, or NO_CHANNEL. */
  readonly channel: Uint32Array;
  /** Topic bitmask (bit i = TOPICS[i]). */
  readonly topics: Uint16Array;
  /** Index into PRODUCTS. */
  readonly product: Uint8Array;
  /** 1 for 'From Google Ads' events. */
  readonly isAd: Uint8Array;
  /**
   * Estimated seconds watched (never affected by a filter). Non-ads: on the timeline of
   * non-ad rows, min(next − this, 1800 s) when the next follows within 30 minutes
   * (inclusive), else 300 s. Ads (visible with includeAds only) get the same rule
   * against the next non-ad row after them, so an ad never shortens a real video.
   */
  readonly watchSeconds: Float64Array;
  /** Signal-phrase mask of the row's title + channel title (bit i = SIGNALS[i] of signals.ts). */
  readonly signals: Uint8Array;
  readonly channels: ChannelDictionary;
  /** Counts over every stored event (any kind, dated or not) and the change log: dataQuality's answer. */
  readonly stored: DataQuality;
  // The events themselves are not kept (a million objects would stay alive for the engine's
  // lifetime): a kernel needing per-event text adds a derived column here, e.g. a
  // signal-phrase bitmask for topicSignals, computed once in buildTable.
}

const byTimeThenId = (a: WatchEvent, b: WatchEvent): number =>
  (a.watchedAt as number) - (b.watchedAt as number) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Builds the table from every stored event of a viewer (and its change log, for `stored`);
 * O(n) when the events are already in (watchedAt, id) order, else one sort.
 */
export function buildTable(input: readonly WatchEvent[], changeLog: readonly ChangeLogEntry[] = []): EventTable {
  const events = input.filter(isRow);
  let sorted = true;
  for (let i = 1; i < events.length && sorted; i++)
    sorted = byTimeThenId(events[i - 1] as WatchEvent, events[i] as WatchEvent) <= 0;
  if (!sorted) events.sort(byTimeThenId);
  const builder = new TableBuilder(events.length);
  builder.addRows(events);
  builder.stored.add(input);
  return builder.finish(changeLog);
}

/**
 * Builds the table from pages of events (a store reading page by page), holding one page at a
 * time plus the growing columns. Pages must arrive in (watchedAt, id) order — undated events
 * may be anywhere — as both stores deliver them; a row out of order throws RangeError.
 */
export async function buildTableFromPages(
  pages: AsyncIterable<readonly WatchEvent[]>,
  changeLog: readonly ChangeLogEntry[] = [],
): Promise<EventTable> {
  const builder = new TableBuilder(1024);
  let previous: WatchEvent | null = null;
  for await (const page of pages) {
    builder.stored.add(page);
    const rows = page.filter(isRow);
    for (const e of rows) {
      if (previous && byTimeThenId(previous, e) > 0) {
        throw new RangeError(`[precompute/engine] pages must be in (watchedAt, id) order; ${e.id} came after ${previous.id}`);
      }
      previous = e;
    }
    builder.addRows(rows);
  }
  return builder.finish(changeLog);
}

const isRow = (e: WatchEvent): boolean => e.kind === 'WATCHED' && e.watchedAt !== null && Number.isFinite(e.watchedAt);

/** Columns that grow by doubling while rows are appended in order. */
class TableBuilder {
  private n = 0;
  private time: Float64Array;
  private channel: Uint32Array;
  private topics: Uint16Array;
  private product: Uint8Array;
  private isAd: Uint8Array;
  private signals: Uint8Array;
  private readonly index = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly titles: (string | null)[] = [];
  readonly stored = new StoredCounter();

  constructor(capacity: number) {
    const c = Math.max(1, capacity);
    this.time = new Float64Array(c);
    this.channel = new Uint32Array(c);
    this.topics = new Uint16Array(c);
    this.product = new Uint8Array(c);
    this.isAd = new Uint8Array(c);
    this.signals = new Uint8Array(c);
  }

  private grow(needed: number): void {
    if (needed <= this.time.length) return;
    const c = Math.max(needed, this.time.length * 2);
    const grown = <T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(c);
      b.set(a.subarray(0, this.n) as never);
      return b;
    };
    this.time = grown(this.time, (k) => new Float64Array(k));
    this.channel = grown(this.channel, (k) => new Uint32Array(k));
    this.topics = grown(this.topics, (k) => new Uint16Array(k));
    this.product = grown(this.product, (k) => new Uint8Array(k));
    this.isAd = grown(this.isAd, (k) => new Uint8Array(k));
    this.signals = grown(this.signals, (k) => new Uint8Array(k));
  }

  /** Appends dated WATCHED events already in (watchedAt, id) order. */
  addRows(rows: readonly WatchEvent[]): void {
    this.grow(this.n + rows.length);
    const { index, keys, titles } = this;
    for (let j = 0; j < rows.length; j++) {
      const e = rows[j] as WatchEvent;
      const i = this.n++;
      this.time[i] = e.watchedAt as number;
      this.topics[i] = e.topics & TOPIC_MASK;
      this.product[i] = PRODUCTS.indexOf(e.product);
      this.isAd[i] = e.isAd ? 1 : 0;
      this.signals[i] = signalMask(e.videoTitle, e.channelTitle);
      if (e.channelKey === null) {
        this.channel[i] = NO_CHANNEL;
        continue;
      }
      let c = index.get(e.channelKey);
      if (c === undefined) {
        c = keys.length;
        index.set(e.channelKey, c);
        keys.push(e.channelKey);
        titles.push(null);
      }
      this.channel[i] = c;
      // Rows ascend in time, so the last title written is the most recent one.
      if (e.channelTitle) titles[c] = e.channelTitle;
    }
  }

  finish(changeLog: readonly ChangeLogEntry[]): EventTable {
    const n = this.n;
    // Trim to the row count (a copy only when there is spare capacity to release).
    const trim = <T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(a: T): T =>
      a.length === n ? a : (a.slice(0, n) as T);
    const time = trim(this.time);
    const isAd = trim(this.isAd);
    const { index, keys, titles } = this;
    return {
      length: n,
      time,
      channel: trim(this.channel),
      topics: trim(this.topics),
      product: trim(this.product),
      isAd,
      watchSeconds: estimateWatchSeconds(time, isAd),
      signals: trim(this.signals),
      stored: finishStored(this.stored, changeLog),
      channels: {
        size: keys.length,
        keys,
        titles: keys.map((k, c) => titles[c] ?? (k.startsWith('title:') ? k.slice(6) : k)),
        urls: keys.map((k) => (k.startsWith('title:') ? null : CHANNEL_URL_PREFIX + k)),
        indexOf: (key) => index.get(key),
      },
    };
  }
}

function estimateWatchSeconds(time: Float64Array, isAd: Uint8Array): Float64Array {
  const out = new Float64Array(time.length);
  let next = Number.NaN; // time of the next non-ad row; NaN = none
  for (let i = time.length - 1; i >= 0; i--) {
    const t = time[i] as number;
    const gap = next - t;
    out[i] = gap <= SESSION_GAP_MS ? gap / 1000 : LONE_EVENT_SECONDS;
    if (!isAd[i]) next = t;
  }
  return out;
}
