/**
 * The time-zone-independent columnar table of one viewer's events. Rows are the dated WATCHED
 * events (ads included, flagged), sorted by (watchedAt, id); every column is indexed by row.
 * `LiveTable` grows in place as commits arrive (rows are never removed); `EventTable` is a
 * read-only view of it that kernels see.
 */

import type { ChangeLogEntry } from '../../domain/changes.js';
import { PRODUCTS, TOPICS, type WatchEvent } from '../../domain/events.js';
import type { DataQuality } from './results/quality.js';
import { signalMask } from './signals.js';
import { insertSorted, insertSortedArray, withCapacity, withSlack } from './state/arrays.js';
import { finishStored, StoredCounter } from './stored.js';

/** `channel[row]` of an event without a channel key. */
export const NO_CHANNEL = 0xffff_ffff;

/** The session gap of `estimatedWatchSeconds`, and its cap (AGGREGATIONS.md "Events"). */
export const SESSION_GAP_MS = 30 * 60_000;
/** Milliseconds credited to an event with no next event within the gap (300 s). */
export const LONE_EVENT_MS = 300_000;
/** Seconds credited to an event with no next event within the gap. */
export const LONE_EVENT_SECONDS = LONE_EVENT_MS / 1000;

const TOPIC_MASK = (1 << TOPICS.length) - 1;
const CHANNEL_URL_PREFIX = 'https://www.youtube.com/channel/';

/** Dictionary of the channel keys of the table; indices are stable (append-only). */
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
  /**
   * The channels sorted by title then key (code-unit order): `byRank[i]` is the i-th channel,
   * `rank[c]` the position of channel c. Memoised until a channel or a title changes; lets
   * channel order (videos desc, title, key) sort numbers instead of strings.
   */
  titleOrder(): { readonly rank: Int32Array; readonly byRank: Int32Array };
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
   * Estimated time watched in whole milliseconds (never affected by a filter). Non-ads: on the
   * timeline of non-ad rows, next − this when the next follows within 30 minutes (inclusive),
   * else 300 000. Ads (visible with includeAds only) get the same rule against the next non-ad
   * row after them, so an ad never shortens a real video. Sums of it are exact integers.
   */
  readonly watchMs: Uint32Array;
  /** watchMs / 1000, derived on first read (for tools; kernels sum watchMs, then divide once). */
  readonly watchSeconds: Float64Array;
  /** Signal-phrase mask of the row's title + channel title (bit i = SIGNALS[i] of signals.ts). */
  readonly signals: Uint8Array;
  readonly channels: ChannelDictionary;
  /** Counts over every stored event (any kind, dated or not) and the change log: dataQuality's answer. */
  readonly stored: DataQuality;
  // The events themselves are not kept (a million objects would stay alive for the engine's
  // lifetime): a kernel needing per-event text adds a derived column here, e.g. a
  // signal-phrase bitmask for topicSignals, computed once per row on insert.
}

/** Timeline order: watchedAt, then event id (code-unit order). */
export const byTimeThenId = (a: WatchEvent, b: WatchEvent): number =>
  (a.watchedAt as number) - (b.watchedAt as number) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A dated WATCHED event: a row of the table. */
export const isRow = (e: WatchEvent): boolean => e.kind === 'WATCHED' && e.watchedAt !== null && Number.isFinite(e.watchedAt);

/**
 * Builds the table from every stored event of a viewer (and its change log, for `stored`);
 * O(n) when the events are already in (watchedAt, id) order, else one sort.
 */
export function buildTable(input: readonly WatchEvent[], changeLog: readonly ChangeLogEntry[] = []): EventTable {
  return LiveTable.fromEvents(input, changeLog).snapshot();
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
  return (await LiveTable.fromPages(pages, changeLog)).snapshot();
}

/** What one LiveTable.insert changed. */
export interface TableChange {
  /** Final row numbers of the new rows, ascending. */
  readonly inserted: Uint32Array;
  /**
   * Null when every new row went after every old row (old rows keep their numbers); else new
   * row j went before old row positions[j], so old row r is now r + #{j : positions[j] ≤ r}.
   */
  readonly positions: Uint32Array | null;
  /** Old rows (final numbers, ascending) whose watchMs changed, with their previous values. */
  readonly rewatched: Uint32Array;
  readonly previousWatchMs: Uint32Array;
  /** Channels that did not exist before. */
  readonly channelsAdded: number;
  /** Old channels whose title changed. */
  readonly retitled: readonly number[];
  /** Rows read to re-estimate watch time. */
  readonly scanned: number;
}

/** The dictionary of a LiveTable: keys and URLs append-only, titles updated to the most recent. */
export class LiveDictionary implements ChannelDictionary {
  readonly keys: string[] = [];
  readonly titles: string[] = [];
  readonly urls: (string | null)[] = [];
  private readonly index = new Map<string, number>();
  /** (time, id) of the row that gave titles[c]; −∞ when none had a title. */
  private titleTime = new Float64Array(16);
  private readonly titleId: string[] = [];
  private order: { rank: Int32Array; byRank: Int32Array } | null = null;

  get size(): number {
    return this.keys.length;
  }

  indexOf(key: string): number | undefined {
    return this.index.get(key);
  }

  /** Index of `key`, created (fallback title) when new. */
  intern(key: string): number {
    let c = this.index.get(key);
    if (c === undefined) {
      c = this.keys.length;
      this.index.set(key, c);
      this.keys.push(key);
      this.titles.push(key.startsWith('title:') ? key.slice(6) : key);
      this.urls.push(key.startsWith('title:') ? null : CHANNEL_URL_PREFIX + key);
      this.titleTime = withCapacity(this.titleTime, c, c + 1);
      this.titleTime[c] = Number.NEGATIVE_INFINITY;
      this.titleId.push('');
      this.order = null;
    }
    return c;
  }

  titleOrder(): { readonly rank: Int32Array; readonly byRank: Int32Array } {
    if (this.order) return this.order;
    const { titles, keys } = this;
    const byRank = Int32Array.from({ length: keys.length }, (_, c) => c).sort((a, b) => {
      const ta = titles[a] as string;
      const tb = titles[b] as string;
      if (ta !== tb) return ta < tb ? -1 : 1;
      return (keys[a] as string) < (keys[b] as string) ? -1 : 1;
    });
    const rank = new Int32Array(keys.length);
    for (let i = 0; i < byRank.length; i++) rank[byRank[i] as number] = i;
    this.order = { rank, byRank };
    return this.order;
  }

  /** Takes `title` for channel c when (time, id) is later than the row that gave the current one; true when the title text changed. */
  observe(c: number, title: string, time: number, id: string): boolean {
    const t = this.titleTime[c] as number;
    if (time < t || (time === t && id < (this.titleId[c] as string))) return false;
    this.titleTime[c] = time;
    this.titleId[c] = id;
    if (this.titles[c] === title) return false;
    this.titles[c] = title;
    this.order = null;
    return true;
  }

  /** Estimate: key, title and URL strings, the map entry and the title's row (per channel). */
  get bytes(): number {
    let chars = 0;
    for (let c = 0; c < this.keys.length; c++) chars += (this.keys[c] as string).length * 2 + (this.titles[c] as string).length;
    return chars + this.keys.length * 160 + this.titleTime.byteLength;
  }
}

/**
 * Event ids of the rows, for ordering ties in time. Stored ids are 32 lowercase hex digits
 * (128 bits): packed as four 32-bit words (16 bytes a row), whose order is the strings' order.
 * Any other id switches the column to plain strings.
 */
class IdColumn {
  private words: Uint32Array | null = new Uint32Array(0);
  private strings: string[] | null = null;

  at(r: number): string {
    if (this.strings) return this.strings[r] as string;
    const w = this.words as Uint32Array;
    let s = '';
    for (let i = 0; i < 4; i++) s += (w[4 * r + i] as number).toString(16).padStart(8, '0');
    return s;
  }

  /**
   * Writes ids of k rows: after row n − 1 when positions is null, else inserted (see
   * insertSorted). `capacity`: rows to make room for.
   */
  write(n: number, ids: readonly string[], positions: Uint32Array | null, capacity: number): void {
    const k = ids.length;
    if (this.words) {
      // Pack straight into the column after row n − 1 (the insert below moves them into place).
      const words = withCapacity(this.words, 4 * n, 4 * capacity);
      this.words = words;
      let j = 0;
      while (j < k && packHex(ids[j] as string, words, 4 * (n + j))) j++;
      if (j < k) {
        const strings: string[] = [];
        for (let r = 0; r < n; r++) strings.push(this.at(r));
        this.strings = strings;
        this.words = null;
      } else if (positions !== null) {
        const packed = words.slice(4 * n, 4 * (n + k));
        // Four words per row: insert with positions scaled (each row's words stay adjacent).
        let end = n;
        for (let i = k - 1; i >= 0; i--) {
          const at = positions[i] as number;
          if (end > at) words.copyWithin(4 * (at + i + 1), 4 * at, 4 * end);
          words.set(packed.subarray(4 * i, 4 * i + 4), 4 * (at + i));
          end = at;
        }
        return;
      } else {
        return;
      }
    }
    const strings = this.strings as string[];
    if (positions === null) for (const id of ids) strings.push(id);
    else insertSortedArray(strings, n, positions, ids);
  }

  /** Typed words' byteLength; strings estimated at 24 + 2 × length bytes each. */
  get bytes(): number {
    if (this.words) return this.words.byteLength;
    let b = 0;
    for (const s of this.strings as string[]) b += 24 + 2 * s.length;
    return b;
  }
}

/** Packs a 32-digit lowercase hex id into out[at … at + 3]; false for any other string. */
function packHex(id: string, out: Uint32Array, at: number): boolean {
  if (id.length !== 32) return false;
  for (let i = 0; i < 4; i++) {
    let word = 0;
    for (let j = 8 * i; j < 8 * i + 8; j++) {
      const c = id.charCodeAt(j);
      const v = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
      if (v < 0) return false;
      word = word * 16 + v;
    }
    out[at + i] = word;
  }
  return true;
}

/**
 * The table of one viewer, growing in place: in-order rows are appended (amortised doubling),
 * earlier ones (backfills) are inserted with one O(n) block move per column. Estimated watch
 * time is maintained locally: a new non-ad row changes the estimate of the non-ad row before it
 * and of the ads in between, and those changes are reported so sums can be corrected.
 */
export class LiveTable {
  private n = 0;
  private time = new Float64Array(0);
  private channel = new Uint32Array(0);
  private topics = new Uint16Array(0);
  private product = new Uint8Array(0);
  private isAd = new Uint8Array(0);
  private watchMs = new Uint32Array(0);
  private signals = new Uint8Array(0);
  private readonly ids = new IdColumn();
  readonly dictionary = new LiveDictionary();
  private readonly counter = new StoredCounter();
  private readonly changeLog: ChangeLogEntry[] = [];
  private view: EventTable | null = null;
  private storedView: DataQuality | null = null;

  /** Builds from every stored event (any order, any kind) and the change log. */
  static fromEvents(input: readonly WatchEvent[], changeLog: readonly ChangeLogEntry[] = []): LiveTable {
    const t = new LiveTable();
    t.addStored(input, changeLog);
    const rows = input.filter(isRow);
    let sorted = true;
    for (let i = 1; i < rows.length && sorted; i++) sorted = byTimeThenId(rows[i - 1] as WatchEvent, rows[i] as WatchEvent) <= 0;
    if (!sorted) rows.sort(byTimeThenId);
    t.insert(rows);
    return t;
  }

  /** Builds from pages in (watchedAt, id) order (see buildTableFromPages); RangeError on a row out of order. */
  static async fromPages(
    pages: AsyncIterable<readonly WatchEvent[]>,
    changeLog: readonly ChangeLogEntry[] = [],
  ): Promise<LiveTable> {
    const t = new LiveTable();
    let previous: WatchEvent | null = null;
    for await (const page of pages) {
      t.addStored(page, []);
      const rows = page.filter(isRow);
      for (const e of rows) {
        if (previous && byTimeThenId(previous, e) > 0) {
          throw new RangeError(`[precompute/engine] pages must be in (watchedAt, id) order; ${e.id} came after ${previous.id}`);
        }
        previous = e;
      }
      t.insert(rows);
    }
    t.addStored([], changeLog);
    return t;
  }

  get length(): number {
    return this.n;
  }

  /** Counts events of any kind (dated or not) and change-log entries for dataQuality. */
  addStored(events: readonly WatchEvent[], changeLog: readonly ChangeLogEntry[]): void {
    if (events.length === 0 && changeLog.length === 0) return;
    this.counter.add(events);
    for (const entry of changeLog) this.changeLog.push(entry);
    this.storedView = null;
    this.view = null;
  }

  /** Row r's (time, id) against event e's: negative when the row sorts first. */
  private compare(r: number, e: WatchEvent): number {
    const d = (this.time[r] as number) - (e.watchedAt as number);
    if (d !== 0) return d;
    const id = this.ids.at(r);
    return id < e.id ? -1 : id > e.id ? 1 : 0;
  }

  /** Old rows before e: first row with a larger time, then back over equal times with larger ids. */
  private insertionPoint(e: WatchEvent, from: number): number {
    const t = e.watchedAt as number;
    let lo = from;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.time[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    while (lo > from && this.time[lo - 1] === t && this.compare(lo - 1, e) > 0) lo--;
    return lo;
  }

  /**
   * Adds rows (dated WATCHED events never seen, sorted by (watchedAt, id)) in place. Row
   * numbers of old rows shift when some new row sorts before them (see TableChange.positions).
   */
  insert(rows: readonly WatchEvent[]): TableChange {
    const k = rows.length;
    const n = this.n;
    if (k === 0) return { ...NO_CHANGE, inserted: new Uint32Array(0) };
    const dict = this.dictionary;
    const channelsBefore = dict.size;
    const retitled = new Set<number>();
    const backfill = n > 0 && this.compare(n - 1, rows[0] as WatchEvent) > 0;
    let positions: Uint32Array | null = null;
    if (backfill) {
      positions = new Uint32Array(k);
      let from = 0;
      for (let j = 0; j < k; j++) {
        from = this.insertionPoint(rows[j] as WatchEvent, from);
        positions[j] = from;
      }
    }
    // A first build keeps a little room, so the first appends after it do not copy the columns.
    const capacity = n === 0 ? withSlack(k) : n + k;
    this.time = withCapacity(this.time, n, capacity);
    this.channel = withCapacity(this.channel, n, capacity);
    this.topics = withCapacity(this.topics, n, capacity);
    this.product = withCapacity(this.product, n, capacity);
    this.isAd = withCapacity(this.isAd, n, capacity);
    this.watchMs = withCapacity(this.watchMs, n, capacity);
    this.signals = withCapacity(this.signals, n, capacity);
    // Appends write straight into the columns (from row n); inserts go through small arrays.
    const into = positions === null;
    const time = into ? this.time : new Float64Array(k);
    const channel = into ? this.channel : new Uint32Array(k);
    const topics = into ? this.topics : new Uint16Array(k);
    const product = into ? this.product : new Uint8Array(k);
    const isAd = into ? this.isAd : new Uint8Array(k);
    const signals = into ? this.signals : new Uint8Array(k);
    const at = into ? n : 0;
    const ids = new Array<string>(k);
    for (let j = 0; j < k; j++) {
      const e = rows[j] as WatchEvent;
      const i = at + j;
      time[i] = e.watchedAt as number;
      topics[i] = e.topics & TOPIC_MASK;
      product[i] = e.product === 'YOUTUBE' ? 0 : PRODUCTS.indexOf(e.product);
      isAd[i] = e.isAd ? 1 : 0;
      signals[i] = signalMask(e.videoTitle, e.channelTitle);
      ids[j] = e.id;
      if (e.channelKey === null) {
        channel[i] = NO_CHANNEL;
        continue;
      }
      const c = dict.intern(e.channelKey);
      channel[i] = c;
      if (e.channelTitle && dict.observe(c, e.channelTitle, e.watchedAt as number, e.id) && c < channelsBefore) retitled.add(c);
    }
    const inserted = new Uint32Array(k);
    if (positions === null) {
      this.watchMs.fill(0, n, n + k);
      for (let j = 0; j < k; j++) inserted[j] = n + j;
    } else {
      insertSorted(this.time, n, positions, time);
      insertSorted(this.channel, n, positions, channel);
      insertSorted(this.topics, n, positions, topics);
      insertSorted(this.product, n, positions, product);
      insertSorted(this.isAd, n, positions, isAd);
      insertSorted(this.watchMs, n, positions, new Uint32Array(k));
      insertSorted(this.signals, n, positions, signals);
      for (let j = 0; j < k; j++) inserted[j] = (positions[j] as number) + j;
    }
    this.ids.write(n, ids, positions, capacity);
    this.n = n + k;
    this.view = null;
    const { rewatched, previous, scanned } = this.reestimate(inserted, positions === null);
    return {
      inserted,
      positions,
      rewatched,
      previousWatchMs: previous,
      channelsAdded: dict.size - channelsBefore,
      retitled: [...retitled].sort((a, b) => a - b),
      scanned,
    };
  }

  /**
   * Estimates the new rows, and re-estimates the old rows whose next non-ad row is now a new
   * one: for each new non-ad row, the non-ad row before it and the ads in between.
   */
  private reestimate(
    inserted: Uint32Array,
    appended: boolean,
  ): { rewatched: Uint32Array; previous: Uint32Array; scanned: number } {
    const { time, isAd, watchMs } = this;
    const n = this.n;
    const k = inserted.length;
    const firstNew = inserted[0] as number;
    let scanned = 0;
    const isNew = (r: number): boolean => {
      if (appended) return r >= firstNew;
      let lo = 0;
      let hi = k;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((inserted[mid] as number) < r) lo = mid + 1;
        else hi = mid;
      }
      return inserted[lo] === r;
    };
    // Whole milliseconds: watchedAt is an integer (ingest checks it), so sums stay exact.
    const estimate = (r: number, next: number): number => {
      const gap = next < n ? (time[next] as number) - (time[r] as number) : Number.POSITIVE_INFINITY;
      return gap <= SESSION_GAP_MS ? gap : LONE_EVENT_MS;
    };
    // New rows, last first: the next non-ad row after each, jumping over a later new ad's known answer.
    const nextOf = new Int32Array(k);
    for (let j = k - 1; j >= 0; j--) {
      const r = inserted[j] as number;
      let next = r + 1;
      while (next < n && isAd[next]) {
        if (j + 1 < k && next === inserted[j + 1]) {
          next = nextOf[j + 1] as number;
          break;
        }
        next++;
        scanned++;
      }
      nextOf[j] = next;
      watchMs[r] = estimate(r, next);
      scanned++;
    }
    const changedRows: number[] = [];
    const changedFrom: number[] = [];
    for (let j = 0; j < k; j++) {
      const r = inserted[j] as number;
      if (isAd[r]) continue;
      // Old rows whose next non-ad row is now r: back to the first non-ad row.
      for (let p = r - 1; p >= 0; p--) {
        scanned++;
        if (isNew(p)) {
          // A new non-ad row re-estimates its own predecessors; a new ad has its own estimate.
          if (!isAd[p]) break;
          continue;
        }
        const value = estimate(p, r);
        if (value !== watchMs[p]) {
          changedRows.push(p);
          changedFrom.push(watchMs[p] as number);
          watchMs[p] = value;
        }
        if (!isAd[p]) break;
      }
    }
    // Walking back from ascending new rows finds old rows in descending runs: sort them.
    const order = changedRows.map((_, i) => i).sort((a, b) => (changedRows[a] as number) - (changedRows[b] as number));
    return {
      rewatched: Uint32Array.from(order, (i) => changedRows[i] as number),
      previous: Uint32Array.from(order, (i) => changedFrom[i] as number),
      scanned,
    };
  }

  /** dataQuality's answer over everything stored so far. */
  stored(): DataQuality {
    this.storedView ??= finishStored(this.counter, this.changeLog);
    return this.storedView;
  }

  /** A read-only view of the current rows (zero-copy), valid until the next insert or addStored. */
  snapshot(): EventTable {
    if (this.view) return this.view;
    const n = this.n;
    const watchMs = this.watchMs.subarray(0, n);
    let seconds: Float64Array | null = null;
    const table = {
      length: n,
      time: this.time.subarray(0, n),
      channel: this.channel.subarray(0, n),
      topics: this.topics.subarray(0, n),
      product: this.product.subarray(0, n),
      isAd: this.isAd.subarray(0, n),
      watchMs,
      signals: this.signals.subarray(0, n),
      channels: this.dictionary as ChannelDictionary,
      stored: this.stored(),
    } as EventTable;
    Object.defineProperty(table, 'watchSeconds', {
      enumerable: false,
      get: () => {
        seconds ??= Float64Array.from(watchMs, (ms) => ms / 1000);
        return seconds;
      },
    });
    this.view = table;
    return table;
  }

  /** Bytes held: the columns (with their spare capacity), the ids, the dictionary and the change log (≈ 1 KB an entry). */
  get bytes(): number {
    return (
      this.time.byteLength +
      this.channel.byteLength +
      this.topics.byteLength +
      this.product.byteLength +
      this.isAd.byteLength +
      this.watchMs.byteLength +
      this.signals.byteLength +
      this.ids.bytes +
      this.dictionary.bytes +
      this.changeLog.length * 1024
    );
  }
}

const NO_CHANGE: Omit<TableChange, 'inserted'> = {
  positions: null,
  rewatched: new Uint32Array(0),
  previousWatchMs: new Uint32Array(0),
  channelsAdded: 0,
  retitled: [],
  scanned: 0,
};
