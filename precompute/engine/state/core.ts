/**
 * CoreStats: the counters of one selection (a filter in one zone over one fixed day window)
 * from which the merged aggregations are finished. Keyed by stable things only — local day,
 * month, hour, weekday, topic, signal, channel (dictionary index) — never by row number, and
 * made of integers only, so adding rows in any order and in any batches gives the same
 * statistics as one pass over all of them. Rows are only ever added.
 */
import { TOPICS } from '../../../domain/events.js';
import { SIGNALS } from '../signals.js';
import { type EventTable, NO_CHANNEL } from '../table.js';
import type { ZoneFields } from '../zone.js';
import { KeyedArray, PairSet } from './arrays.js';

const T = TOPICS.length;
const S = SIGNALS.length;

export class CoreStats {
  /** Filtered videos. */
  videos = 0;
  /** Sum of their estimated watch time, ms (an exact integer). */
  watchMs = 0;
  minTime = Number.POSITIVE_INFINITY;
  maxTime = Number.NEGATIVE_INFINITY;

  /** Videos per local day; the span is firstDay..lastDay (+∞/−∞ without videos). */
  readonly days = new KeyedArray(1);
  /** OR of the topic masks per local day (distinct topics of a day, week or month). */
  readonly dayTopics = new KeyedArray(1);
  firstDay = Number.POSITIVE_INFINITY;
  lastDay = Number.NEGATIVE_INFINITY;
  activeDays = 0;

  /** Per local month index: videos, watch ms, distinct channels, topic assignments, videos per topic (stride 13). */
  readonly months = new KeyedArray(1);
  readonly monthWatchMs = new KeyedArray(1, true);
  readonly monthChannels = new KeyedArray(1);
  readonly monthAssignments = new KeyedArray(1);
  readonly monthTopics = new KeyedArray(T);
  firstMonth = Number.POSITIVE_INFINITY;
  lastMonth = Number.NEGATIVE_INFINITY;

  /** weekday × 24 + hour. */
  readonly weekHour = new Int32Array(7 * 24);
  /** (month of year − 1) × 32 + day of month. */
  readonly monthDay = new Int32Array(12 * 32);
  /** Videos per topic (assignments). */
  readonly topicVideos = new Int32Array(T);
  /** topic × SIGNALS + signal: videos of the topic whose text has the signal. */
  readonly topicSignals = new Int32Array(T * S);
  /** topic × 13 + other topic: videos with both. */
  readonly coTopics = new Int32Array(T * T);

  // Channels, in slots allocated on first sight (slot order is insertion order; every reader
  // goes through `slotOf`/`channelOf`, never through the slot order itself).
  /** Dictionary index → slot, −1 when the channel has no filtered video. */
  slotOf = new Int32Array(0);
  /** Channels with filtered videos (= slots in use). */
  channelCount = 0;
  /** Channels with ≥ 2 filtered videos. */
  repeatChannels = 0;
  channelOf = new Int32Array(0);
  channelVideos = new Int32Array(0);
  channelWatchMs = new Float64Array(0);
  channelFirstTime = new Float64Array(0);
  channelLastTime = new Float64Array(0);
  /** Local month of the channel's first filtered video, local day of its last. */
  channelFirstMonth = new Int32Array(0);
  channelLastDay = new Int32Array(0);
  channelActiveMonths = new Int32Array(0);
  /** slot × 24 + hour, slot × 7 + weekday, slot × 13 + topic. */
  channelHours = new Int32Array(0);
  channelWeekdays = new Int32Array(0);
  channelTopics = new Int32Array(0);
  /** Month of the slot's last (channel, month) pair added: skips the set for runs in one month. */
  private lastPairMonth = new Int32Array(0);
  /** (channel, month) pairs seen: distinct channels per month and active months per channel. */
  private readonly pairs = new PairSet();

  /** One pass over `rows` (ascending) of `table`, with the local fields of the zone. */
  static build(table: EventTable, zone: ZoneFields, rows: ArrayLike<number>, m = rows.length): CoreStats {
    const steps = CoreStats.building(table, zone, rows, Number.POSITIVE_INFINITY, m);
    for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
  }

  /**
   * `build` in slices of `chunk` rows, pausing (yield) between them, so a caller doing it in
   * the background can let other work run; returns the same statistics.
   */
  static *building(
    table: EventTable,
    zone: ZoneFields,
    rows: ArrayLike<number>,
    chunk = 65_536,
    m = rows.length,
  ): Generator<void, CoreStats> {
    const s = new CoreStats();
    const { day, month, dayOfMonth, hour, weekday } = zone;
    for (let from = 0; from < m; from += chunk) {
      if (from > 0) yield;
      const to = Math.min(m, from + chunk);
      for (let k = from; k < to; k++) {
        const r = rows[k] as number;
        s.add(table, r, day[r] as number, month[r] as number, dayOfMonth[r] as number, hour[r] as number, weekday[r] as number);
      }
    }
    return s;
  }

  /** Adds row r of `table` with its local day, month index, day of month, hour and weekday. */
  add(table: EventTable, r: number, d: number, mo: number, dom: number, h: number, wd: number): void {
    const ms = table.watchMs[r] as number;
    const time = table.time[r] as number;
    const mask = table.topics[r] as number;
    const sig = table.signals[r] as number;
    this.videos++;
    this.watchMs += ms;
    if (time < this.minTime) this.minTime = time;
    if (time > this.maxTime) this.maxTime = time;
    if (this.days.add(d, 0, 1) === 1) this.activeDays++;
    this.dayTopics.or(d, mask);
    if (d < this.firstDay) this.firstDay = d;
    if (d > this.lastDay) this.lastDay = d;
    this.months.add(mo, 0, 1);
    this.monthWatchMs.add(mo, 0, ms);
    if (mo < this.firstMonth) this.firstMonth = mo;
    if (mo > this.lastMonth) this.lastMonth = mo;
    this.weekHour[wd * 24 + h] = (this.weekHour[wd * 24 + h] as number) + 1;
    const md = (mo % 12) * 32 + dom;
    this.monthDay[md] = (this.monthDay[md] as number) + 1;
    let assignments = 0;
    for (let m = mask; m !== 0; m &= m - 1) {
      const t = 31 - Math.clz32(m & -m);
      assignments++;
      this.topicVideos[t] = (this.topicVideos[t] as number) + 1;
      this.monthTopics.add(mo, t, 1);
      for (let g = sig; g !== 0; g &= g - 1) {
        const i = t * S + (31 - Math.clz32(g & -g));
        this.topicSignals[i] = (this.topicSignals[i] as number) + 1;
      }
      for (let o = mask & ~(1 << t); o !== 0; o &= o - 1) {
        const i = t * T + (31 - Math.clz32(o & -o));
        this.coTopics[i] = (this.coTopics[i] as number) + 1;
      }
    }
    this.monthAssignments.add(mo, 0, assignments);

    const c = table.channel[r] as number;
    if (c === NO_CHANNEL) return;
    const s = this.slot(c);
    const v = (this.channelVideos[s] as number) + 1;
    this.channelVideos[s] = v;
    if (v === 2) this.repeatChannels++;
    this.channelWatchMs[s] = (this.channelWatchMs[s] as number) + ms;
    if (time < (this.channelFirstTime[s] as number)) {
      this.channelFirstTime[s] = time;
      this.channelFirstMonth[s] = mo;
    }
    if (time > (this.channelLastTime[s] as number)) {
      this.channelLastTime[s] = time;
      this.channelLastDay[s] = d;
    }
    this.channelHours[s * 24 + h] = (this.channelHours[s * 24 + h] as number) + 1;
    this.channelWeekdays[s * 7 + wd] = (this.channelWeekdays[s * 7 + wd] as number) + 1;
    for (let m = mask; m !== 0; m &= m - 1) {
      const i = s * T + (31 - Math.clz32(m & -m));
      this.channelTopics[i] = (this.channelTopics[i] as number) + 1;
    }
    if (this.lastPairMonth[s] !== mo) {
      this.lastPairMonth[s] = mo;
      if (this.pairs.add(c, mo)) {
        this.monthChannels.add(mo, 0, 1);
        this.channelActiveMonths[s] = (this.channelActiveMonths[s] as number) + 1;
      }
    }
  }

  /** A filtered row's estimate changed by `delta` ms (its month and channel as when added). */
  adjustWatch(mo: number, c: number, delta: number): void {
    this.watchMs += delta;
    this.monthWatchMs.add(mo, 0, delta);
    if (c !== NO_CHANNEL) {
      const s = this.slotOf[c] as number;
      this.channelWatchMs[s] = (this.channelWatchMs[s] as number) + delta;
    }
  }

  /** Videos per calendar day of the span (zero days included), zero-copy; empty without videos. */
  spanCounts(): Int32Array {
    if (this.videos === 0) return new Int32Array(0);
    return this.days.span(this.firstDay, this.lastDay) as Int32Array;
  }

  /** Filtered videos per local hour (the weekday × hour margins). */
  hours(): Int32Array {
    const hours = new Int32Array(24);
    for (let i = 0; i < 168; i++) hours[i % 24] = (hours[i % 24] as number) + (this.weekHour[i] as number);
    return hours;
  }

  /** Filtered videos per channel, indexed by dictionary index (`size` entries). */
  videosByChannel(size: number): Int32Array {
    const out = new Int32Array(size);
    for (let s = 0; s < this.channelCount; s++) out[this.channelOf[s] as number] = this.channelVideos[s] as number;
    return out;
  }

  private slot(c: number): number {
    if (c >= this.slotOf.length) {
      const grown = new Int32Array(Math.max(c + 1, this.slotOf.length * 2, 16)).fill(-1);
      grown.set(this.slotOf);
      this.slotOf = grown;
    }
    let s = this.slotOf[c] as number;
    if (s >= 0) return s;
    s = this.channelCount++;
    this.slotOf[c] = s;
    if (s >= this.channelOf.length) this.growSlots(Math.max(16, this.channelOf.length * 2));
    this.channelOf[s] = c;
    this.channelFirstTime[s] = Number.POSITIVE_INFINITY;
    this.channelLastTime[s] = Number.NEGATIVE_INFINITY;
    this.lastPairMonth[s] = -1;
    return s;
  }

  private growSlots(cap: number): void {
    const grow = <A extends Int32Array | Float64Array>(a: A, per: number): A => {
      const b = new (a.constructor as new (n: number) => A)(cap * per);
      b.set(a as never);
      return b;
    };
    this.channelOf = grow(this.channelOf, 1);
    this.channelVideos = grow(this.channelVideos, 1);
    this.channelWatchMs = grow(this.channelWatchMs, 1);
    this.channelFirstTime = grow(this.channelFirstTime, 1);
    this.channelLastTime = grow(this.channelLastTime, 1);
    this.channelFirstMonth = grow(this.channelFirstMonth, 1);
    this.channelLastDay = grow(this.channelLastDay, 1);
    this.channelActiveMonths = grow(this.channelActiveMonths, 1);
    this.channelHours = grow(this.channelHours, 24);
    this.channelWeekdays = grow(this.channelWeekdays, 7);
    this.channelTopics = grow(this.channelTopics, T);
    this.lastPairMonth = grow(this.lastPairMonth, 1);
  }

  /** Bytes held: every typed array's byteLength (keyed arrays and the pair set included). */
  get bytes(): number {
    let b = this.pairs.bytes;
    for (const k of [
      this.days,
      this.dayTopics,
      this.months,
      this.monthWatchMs,
      this.monthChannels,
      this.monthAssignments,
      this.monthTopics,
    ]) {
      b += k.bytes;
    }
    for (const a of [
      this.weekHour,
      this.monthDay,
      this.topicVideos,
      this.topicSignals,
      this.coTopics,
      this.slotOf,
      this.channelOf,
      this.channelVideos,
      this.channelWatchMs,
      this.channelFirstTime,
      this.channelLastTime,
      this.channelFirstMonth,
      this.channelLastDay,
      this.channelActiveMonths,
      this.channelHours,
      this.channelWeekdays,
      this.channelTopics,
      this.lastPairMonth,
    ]) {
      b += a.byteLength;
    }
    return b;
  }

  /** Everything, channels in dictionary order and days/months over their span: maintained and fresh statistics compare equal. */
  summary(): Record<string, unknown> {
    const channels: Record<string, unknown>[] = [];
    const order = Array.from(this.channelOf.subarray(0, this.channelCount)).sort((a, b) => a - b);
    for (const c of order) {
      const s = this.slotOf[c] as number;
      channels.push({
        c,
        videos: this.channelVideos[s],
        watchMs: this.channelWatchMs[s],
        first: [this.channelFirstTime[s], this.channelFirstMonth[s]],
        last: [this.channelLastTime[s], this.channelLastDay[s]],
        activeMonths: this.channelActiveMonths[s],
        hours: Array.from(this.channelHours.subarray(s * 24, s * 24 + 24)),
        weekdays: Array.from(this.channelWeekdays.subarray(s * 7, s * 7 + 7)),
        topics: Array.from(this.channelTopics.subarray(s * T, s * T + T)),
      });
    }
    const { firstDay: d0, lastDay: d1, firstMonth: m0, lastMonth: m1 } = this;
    return {
      videos: this.videos,
      watchMs: this.watchMs,
      time: [this.minTime, this.maxTime],
      days: [d0, d1, this.activeDays, this.days.toArray(d0, d1), this.dayTopics.toArray(d0, d1)],
      months: [
        m0,
        m1,
        this.months.toArray(m0, m1),
        this.monthWatchMs.toArray(m0, m1),
        this.monthChannels.toArray(m0, m1),
        this.monthAssignments.toArray(m0, m1),
        this.monthTopics.toArray(m0, m1),
      ],
      weekHour: Array.from(this.weekHour),
      monthDay: Array.from(this.monthDay),
      topics: [Array.from(this.topicVideos), Array.from(this.topicSignals), Array.from(this.coTopics)],
      channelCount: this.channelCount,
      repeatChannels: this.repeatChannels,
      pairs: this.pairs.size,
      channels,
    };
  }
}
