/**
 * SessionStats: the sessions of one selection for one gap, kept as per-session arrays in time
 * order (start, end, videos, local hour of the start, top-3 channels) plus what the aggregations
 * read from them: count-of-counts of sizes (median, max), binge and short counts, total
 * duration, starts by hour, and per channel the sessions containing it.
 *
 * Rows are only added, so a session never splits: a new row extends a session, merges the two
 * around it, or starts one. Maintenance re-forms only the sessions within one gap of the new
 * instants (rows of the selection in that time range are rescanned); an in-order row joining
 * the last session costs O(1) through the channel counts of that open session.
 */
import type { Sessions } from '../sessions.js';
import { type ChannelDictionary, type EventTable, NO_CHANNEL } from '../table.js';
import { withCapacity } from './arrays.js';
import type { RelationCounts } from './relations.js';

/** Sessions with at least this many videos are binges. */
export const BINGE_VIDEOS = 5;
/** Sessions with at most this many videos are short. */
export const SHORT_VIDEOS = 2;
/** Channels listed per session. */
export const SESSION_TOP_CHANNELS = 3;

const TOP = SESSION_TOP_CHANNELS;

/** Scratch per-channel counters shared by every scan (the engine is single-threaded, scans never nest). */
let scratch = new Int32Array(0);
function counters(size: number): Int32Array {
  if (scratch.length < size) scratch = new Int32Array(Math.max(size, scratch.length * 2));
  return scratch;
}

/** A re-formed stretch of the timeline: sessions [a, b) (old numbering) and the new rows between lo and hi. */
interface Range {
  lo: number;
  hi: number;
  a: number;
  b: number;
}

/** What `prepare` decided, for `apply` once the selection holds the new rows. */
export interface SessionPlan {
  readonly fast: boolean;
  readonly ranges: readonly Range[];
  /** Local hour by instant, for session starts: the removed sessions' starts and the new rows. */
  readonly hours: Map<number, number>;
  /** Rows rescanned so far. */
  scanned: number;
}

export class SessionStats {
  readonly gapMs: number;
  count = 0;
  start = new Float64Array(16);
  end = new Float64Array(16);
  videos = new Int32Array(16);
  hour = new Uint8Array(16);
  /** Top channels of session s at s × 3 … s × 3 + 2 (dictionary indices, −1 when fewer). */
  top = new Int32Array(16 * TOP);
  /** Sessions per size (count-of-counts). */
  sizes = new Int32Array(8);
  binge = 0;
  short = 0;
  /** Σ (end − start) in ms, an exact integer. */
  totalMs = 0;
  readonly startsByHour = new Int32Array(24);
  /** Per dictionary index: sessions containing a video of the channel. */
  perChannel = new Int32Array(0);
  /** Per-channel video counts of the last session, while only in-order rows have joined it. */
  private open: Map<number, number> | null = null;
  /**
   * Shared sessions per pair of the channelRelationships pool, once a finisher counted them:
   * every change of a session's channels below is applied to them.
   */
  relations: RelationCounts | null = null;

  constructor(readonly gapMinutes: number) {
    this.gapMs = gapMinutes * 60_000;
  }

  /** From the sessions of a selection (offsets into its rows) and the local hour column. */
  static fromSessions(sessions: Sessions, table: EventTable, hourOfRow: Uint8Array): SessionStats {
    const s = new SessionStats(sessions.gapMinutes);
    const { rows, count, offsets } = sessions;
    s.reserve(count);
    for (let i = 0; i < count; i++) {
      const from = offsets[i] as number;
      const to = offsets[i + 1] as number;
      s.place(i, table, rows, from, to, hourOfRow[rows[from] as number] as number);
    }
    s.count = count;
    return s;
  }

  /** Sessions as offsets into `rows` (the selection they were built from), for kernels reading `Sessions`. */
  toSessions(rows: Uint32Array): Sessions {
    const offsets = new Uint32Array(this.count + 1);
    for (let i = 0; i < this.count; i++) offsets[i + 1] = (offsets[i] as number) + (this.videos[i] as number);
    return { gapMinutes: this.gapMinutes, rows, count: this.count, offsets };
  }

  /**
   * First step of adding the selected rows `add` (ascending final row numbers, `addHour` their
   * local hours) to a selection whose old rows are `rows[0 … m)` (already renumbered): removes
   * the contributions of the sessions that will be re-formed.
   */
  prepare(table: EventTable, rows: Uint32Array, m: number, add: Uint32Array, addHour: ArrayLike<number>): SessionPlan {
    const time = table.time;
    const hours = new Map<number, number>();
    for (let j = 0; j < add.length; j++) hours.set(time[add[j] as number] as number, addHour[j] as number);
    if (this.relations) {
      for (let j = 0; j < add.length; j++) {
        const r = add[j] as number;
        if (table.channel[r] !== NO_CHANNEL) this.relations.row(table.channel[r] as number, table.topics[r] as number);
      }
    }
    if (m === 0 || (add[0] as number) > (rows[m - 1] as number)) return { fast: true, ranges: [], hours, scanned: 0 };
    const gap = this.gapMs;
    const ranges: Range[] = [];
    for (let j = 0; j < add.length; j++) {
      const t = time[add[j] as number] as number;
      // Sessions within one gap of t: from the first ending at or after t − gap.
      let a = 0;
      let hi = this.count;
      while (a < hi) {
        const mid = (a + hi) >>> 1;
        if ((this.end[mid] as number) < t - gap) a = mid + 1;
        else hi = mid;
      }
      let b = a;
      while (b < this.count && (this.start[b] as number) <= t + gap) b++;
      const range: Range = { lo: t, hi: t, a, b };
      if (b > a) {
        range.lo = Math.min(t, this.start[a] as number);
        range.hi = Math.max(t, this.end[b - 1] as number);
      }
      const last = ranges[ranges.length - 1];
      if (last && (range.a < last.b || range.lo - last.hi <= gap)) {
        last.hi = Math.max(last.hi, range.hi);
        last.b = Math.max(last.b, range.b);
      } else {
        ranges.push(range);
      }
    }
    const plan: SessionPlan = { fast: false, ranges, hours, scanned: 0 };
    for (const range of ranges) {
      for (let s = range.a; s < range.b; s++) {
        hours.set(this.start[s] as number, this.hour[s] as number);
        const from = lowerBound(time, rows, m, this.start[s] as number);
        plan.scanned += this.countChannels(table, rows, from, from + (this.videos[s] as number), -1, -1);
        this.contribute(s, -1);
      }
    }
    return plan;
  }

  /**
   * Second step, once the selection `rows[0 … m)` holds the new rows: re-forms the planned
   * ranges (or extends / appends sessions on the fast path). Returns rows rescanned.
   */
  apply(
    plan: SessionPlan,
    table: EventTable,
    rows: Uint32Array,
    m: number,
    add: Uint32Array,
    hourOf: (t: number) => number,
  ): number {
    const time = table.time;
    if (plan.fast) return plan.scanned + this.appendInOrder(table, rows, m, add, plan.hours);
    this.open = null;
    let scanned = plan.scanned;
    const gap = this.gapMs;
    // Each range's rows split into sessions (offsets into rows), then old and new sessions are
    // laid out in one pass: O(sessions) block copies however many ranges there are.
    const splits: number[][] = [];
    let total = this.count;
    for (const { lo, hi, a, b } of plan.ranges) {
      const from = lowerBound(time, rows, m, lo);
      const to = upperBound(time, rows, m, hi, from);
      const starts: number[] = [];
      for (let k = from; k < to; k++) {
        if (k === from || (time[rows[k] as number] as number) - (time[rows[k - 1] as number] as number) > gap) starts.push(k);
      }
      starts.push(to);
      splits.push(starts);
      total += starts.length - 1 - (b - a);
    }
    const { start, end, videos, hour, top } = this;
    const cap = Math.max(16, total + (total >>> 4));
    this.start = new Float64Array(cap);
    this.end = new Float64Array(cap);
    this.videos = new Int32Array(cap);
    this.hour = new Uint8Array(cap);
    this.top = new Int32Array(cap * TOP);
    const copy = (from: number, to: number, at: number): void => {
      this.start.set(start.subarray(from, to), at);
      this.end.set(end.subarray(from, to), at);
      this.videos.set(videos.subarray(from, to), at);
      this.hour.set(hour.subarray(from, to), at);
      this.top.set(top.subarray(from * TOP, to * TOP), at * TOP);
    };
    const targets: number[] = [];
    let w = 0;
    let previous = 0;
    plan.ranges.forEach(({ a, b }, i) => {
      copy(previous, a, w);
      w += a - previous;
      targets.push(w);
      w += (splits[i] as number[]).length - 1;
      previous = b;
    });
    copy(previous, this.count, w);
    this.count = total;
    splits.forEach((starts, i) => {
      for (let x = 0; x + 1 < starts.length; x++) {
        const f = starts[x] as number;
        const t0 = time[rows[f] as number] as number;
        scanned += this.place(
          (targets[i] as number) + x,
          table,
          rows,
          f,
          starts[x + 1] as number,
          plan.hours.get(t0) ?? hourOf(t0),
        );
      }
    });
    return scanned;
  }

  /** New rows all after the old selection: each joins the last session or starts one. */
  private appendInOrder(table: EventTable, rows: Uint32Array, m: number, add: Uint32Array, hours: Map<number, number>): number {
    const { time, channel } = table;
    let scanned = 0;
    const old = m - add.length;
    if (this.open === null && this.count > 0) {
      // Counts of the last session from its rows (the old ones, before `add`).
      const last = this.count - 1;
      const open = new Map<number, number>();
      for (let k = old - (this.videos[last] as number); k < old; k++) {
        const c = channel[rows[k] as number] as number;
        if (c !== NO_CHANNEL) open.set(c, (open.get(c) ?? 0) + 1);
        scanned++;
      }
      this.open = open;
    }
    this.reservePerChannel(table.channels.size);
    for (let j = 0; j < add.length; j++) {
      const r = add[j] as number;
      const t = time[r] as number;
      const c = channel[r] as number;
      scanned++;
      const last = this.count - 1;
      if (last >= 0 && t - (this.end[last] as number) <= this.gapMs) {
        this.contribute(last, -1);
        this.videos[last] = (this.videos[last] as number) + 1;
        this.end[last] = t;
        this.contribute(last, 1);
        if (c === NO_CHANNEL) continue;
        const open = this.open as Map<number, number>;
        const n = (open.get(c) ?? 0) + 1;
        open.set(c, n);
        if (n === 1) {
          this.perChannel[c] = (this.perChannel[c] as number) + 1;
          this.relations?.joined(c, open.keys());
        }
        this.promote(last, c, open, table.channels);
      } else {
        const s = this.count;
        this.reserve(s + 1);
        this.count = s + 1;
        this.start[s] = t;
        this.end[s] = t;
        this.videos[s] = 1;
        this.hour[s] = hours.get(t) as number;
        this.top.fill(-1, s * TOP, s * TOP + TOP);
        this.contribute(s, 1);
        this.open = new Map();
        if (c === NO_CHANNEL) continue;
        this.open.set(c, 1);
        this.perChannel[c] = (this.perChannel[c] as number) + 1;
        this.top[s * TOP] = c;
      }
    }
    return scanned;
  }

  /** Puts channel c (whose count in session s just grew) into s's top list where it belongs. */
  private promote(s: number, c: number, counts: Map<number, number>, dict: ChannelDictionary): void {
    const list: number[] = [];
    for (let i = 0; i < TOP; i++) {
      const x = this.top[s * TOP + i] as number;
      if (x >= 0 && x !== c) list.push(x);
    }
    list.push(c);
    list.sort((x, y) => (counts.get(y) as number) - (counts.get(x) as number) || compareKeys(dict, x, y));
    for (let i = 0; i < TOP; i++) this.top[s * TOP + i] = list[i] ?? -1;
  }

  /** Writes session s from rows[from … to) (its hour given) and adds its contributions; returns rows scanned. */
  private place(s: number, table: EventTable, rows: Uint32Array, from: number, to: number, hour: number): number {
    const time = table.time;
    this.start[s] = time[rows[from] as number] as number;
    this.end[s] = time[rows[to - 1] as number] as number;
    this.videos[s] = to - from;
    this.hour[s] = hour;
    this.contribute(s, 1);
    return this.countChannels(table, rows, from, to, 1, s);
  }

  /**
   * Adds `sign` to the session count of every channel of rows[from … to); with s ≥ 0 also
   * writes s's top channels (count desc, then key asc). Returns rows scanned.
   */
  private countChannels(table: EventTable, rows: Uint32Array, from: number, to: number, sign: number, s: number): number {
    const { channel, channels } = table;
    this.reservePerChannel(channels.size);
    const counts = counters(channels.size);
    const touched: number[] = [];
    for (let k = from; k < to; k++) {
      const c = channel[rows[k] as number] as number;
      if (c === NO_CHANNEL) continue;
      if (counts[c] === 0) touched.push(c);
      counts[c] = (counts[c] as number) + 1;
    }
    for (const c of touched) this.perChannel[c] = (this.perChannel[c] as number) + sign;
    this.relations?.session(touched, sign);
    if (s >= 0) {
      const best: number[] = [];
      const before = (a: number, b: number): boolean => {
        const d = (counts[a] as number) - (counts[b] as number);
        return d !== 0 ? d > 0 : compareKeys(channels, a, b) < 0;
      };
      for (const c of touched) {
        if (best.length === TOP && !before(c, best[TOP - 1] as number)) continue;
        let i = Math.min(best.length, TOP - 1);
        best[i] = c;
        while (i > 0 && before(c, best[i - 1] as number)) {
          best[i] = best[i - 1] as number;
          best[i - 1] = c;
          i--;
        }
      }
      for (let i = 0; i < TOP; i++) this.top[s * TOP + i] = best[i] ?? -1;
    }
    for (const c of touched) counts[c] = 0;
    return to - from;
  }

  /** Adds (sign 1) or removes (−1) session s from the size, duration and hour statistics. */
  private contribute(s: number, sign: number): void {
    const v = this.videos[s] as number;
    if (v >= this.sizes.length) this.sizes = withCapacity(this.sizes, this.sizes.length, v + 1);
    this.sizes[v] = (this.sizes[v] as number) + sign;
    if (v >= BINGE_VIDEOS) this.binge += sign;
    if (v <= SHORT_VIDEOS) this.short += sign;
    this.totalMs += sign * ((this.end[s] as number) - (this.start[s] as number));
    const h = this.hour[s] as number;
    this.startsByHour[h] = (this.startsByHour[h] as number) + sign;
  }

  private reserve(sessions: number): void {
    const n = this.count;
    this.start = withCapacity(this.start, n, sessions);
    this.end = withCapacity(this.end, n, sessions);
    this.videos = withCapacity(this.videos, n, sessions);
    this.hour = withCapacity(this.hour, n, sessions);
    this.top = withCapacity(this.top, n * TOP, sessions * TOP);
  }

  private reservePerChannel(size: number): void {
    if (this.perChannel.length < size) this.perChannel = withCapacity(this.perChannel, this.perChannel.length, size);
  }

  /** Median of the session sizes (mean of the two middle ones for an even count); null without sessions. */
  medianSize(): number | null {
    const n = this.count;
    if (n === 0) return null;
    const at = (rank: number): number => {
      let seen = 0;
      for (let v = 0; v < this.sizes.length; v++) {
        seen += this.sizes[v] as number;
        if (seen >= rank) return v;
      }
      return 0;
    };
    return n % 2 === 1 ? at((n + 1) / 2) : (at(n / 2) + at(n / 2 + 1)) / 2;
  }

  /** Largest session size; null without sessions. */
  maxSize(): number | null {
    for (let v = this.sizes.length - 1; v > 0; v--) if ((this.sizes[v] as number) > 0) return v;
    return null;
  }

  get bytes(): number {
    return (
      this.start.byteLength +
      this.end.byteLength +
      this.videos.byteLength +
      this.hour.byteLength +
      this.top.byteLength +
      this.sizes.byteLength +
      this.perChannel.byteLength +
      (this.open?.size ?? 0) * 48 +
      (this.relations?.bytes ?? 0)
    );
  }

  summary(): Record<string, unknown> {
    const n = this.count;
    const perChannel: [number, number][] = [];
    this.perChannel.forEach((v, c) => {
      if (v !== 0) perChannel.push([c, v]);
    });
    return {
      count: n,
      start: Array.from(this.start.subarray(0, n)),
      end: Array.from(this.end.subarray(0, n)),
      videos: Array.from(this.videos.subarray(0, n)),
      hour: Array.from(this.hour.subarray(0, n)),
      top: Array.from(this.top.subarray(0, n * TOP)),
      sizes: Array.from(this.sizes).slice(0, (this.maxSize() ?? 0) + 1),
      binge: this.binge,
      short: this.short,
      totalMs: this.totalMs,
      startsByHour: Array.from(this.startsByHour),
      perChannel,
    };
  }
}

/** Code-unit order of two channels' keys. */
function compareKeys(dict: ChannelDictionary, a: number, b: number): number {
  const ka = dict.keys[a] as string;
  const kb = dict.keys[b] as string;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** First k in [from, m) with time[rows[k]] > t. */
function upperBound(time: Float64Array, rows: Uint32Array, m: number, t: number, from = 0): number {
  let lo = from;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((time[rows[mid] as number] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First k in [from, m) with time[rows[k]] ≥ t. */
function lowerBound(time: Float64Array, rows: Uint32Array, m: number, t: number, from = 0): number {
  let lo = from;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((time[rows[mid] as number] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
