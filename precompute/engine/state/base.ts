/**
 * BaseStats: what the aggregations read from the base selection (the non-time filters only, in
 * one zone) — videos per local day and per (day, topic) for the period comparisons, 30-day
 * topic windows and growth figures, and each channel's first video ever (new channels). Shared
 * by every window of one non-time filter; rows are only ever added.
 */
import { TOPICS } from '../../../domain/events.js';
import { type EventTable, NO_CHANNEL } from '../table.js';
import { KeyedArray } from './arrays.js';

const T = TOPICS.length;

export class BaseStats {
  readonly days = new KeyedArray(1);
  readonly dayTopics = new KeyedArray(T);
  /** Per dictionary index: time of the channel's first base row (+∞ when none) and its local day. */
  firstTime = new Float64Array(0);
  firstDay = new Int32Array(0);
  videos = 0;

  static build(table: EventTable, day: Int32Array, rows: ArrayLike<number>): BaseStats {
    const s = new BaseStats();
    s.reserve(table.channels.size);
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k] as number;
      s.add(table, r, day[r] as number);
    }
    return s;
  }

  add(table: EventTable, r: number, d: number): void {
    this.videos++;
    this.days.add(d, 0, 1);
    for (let m = table.topics[r] as number; m !== 0; m &= m - 1) this.dayTopics.add(d, 31 - Math.clz32(m & -m), 1);
    const c = table.channel[r] as number;
    if (c === NO_CHANNEL) return;
    if (c >= this.firstTime.length) this.reserve(c + 1);
    const t = table.time[r] as number;
    if (t < (this.firstTime[c] as number)) {
      this.firstTime[c] = t;
      this.firstDay[c] = d;
    }
  }

  /** Base videos on local days from..to (inclusive). */
  count(from: number, to: number): number {
    return this.days.sum(from, to);
  }

  /** Base videos per topic on local days from..to (inclusive). */
  topicCounts(from: number, to: number): Int32Array {
    const out = new Int32Array(T);
    for (let t = 0; t < T; t++) out[t] = this.dayTopics.sum(from, to, t);
    return out;
  }

  private reserve(size: number): void {
    const cap = Math.max(size, this.firstTime.length * 2, 16);
    const time = new Float64Array(cap).fill(Number.POSITIVE_INFINITY);
    time.set(this.firstTime);
    const day = new Int32Array(cap);
    day.set(this.firstDay);
    this.firstTime = time;
    this.firstDay = day;
  }

  get bytes(): number {
    return this.days.bytes + this.dayTopics.bytes + this.firstTime.byteLength + this.firstDay.byteLength;
  }

  summary(): Record<string, unknown> {
    const first: [number, number, number][] = [];
    for (let c = 0; c < this.firstTime.length; c++) {
      if (this.firstTime[c] !== Number.POSITIVE_INFINITY)
        first.push([c, this.firstTime[c] as number, this.firstDay[c] as number]);
    }
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let d = this.days.base; d < this.days.base + this.days.data.length; d++) {
      if (this.days.get(d) !== 0) {
        lo = Math.min(lo, d);
        hi = Math.max(hi, d);
      }
    }
    return { videos: this.videos, days: this.days.toArray(lo, hi), dayTopics: this.dayTopics.toArray(lo, hi), first };
  }
}
