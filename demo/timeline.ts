/**
 * When the demo viewer watches: session start instants placed on local days and hours of a
 * time zone (daily and weekly rhythm, growth and seasonality over the span, idle days and
 * holidays), then bursts of videos a few minutes apart. Returns sorted UTC instants.
 */
import { civilFromDays, MS_PER_DAY, MS_PER_MINUTE, weekdayOfDay, ZoneOffsets } from '../domain/calendar.js';
import { type Rng, WeightedIndex } from './random.js';

const MS_PER_HOUR = 60 * MS_PER_MINUTE;

// Relative viewing by local hour: evening peak, almost nothing 3–6 am.
const WEEKDAY_HOURS = [
  0.55, 0.3, 0.14, 0.05, 0.03, 0.04, 0.12, 0.3, 0.4, 0.35, 0.35, 0.4, 0.75, 0.7, 0.45, 0.45, 0.55, 0.8, 1, 1.25, 1.55, 1.7, 1.35,
  0.95,
];
// Weekends: late mornings and afternoons fill up, nights run later.
const WEEKEND_HOURS = WEEKDAY_HOURS.map((w, h) => (h >= 9 && h <= 17 ? w * 1.8 : h <= 1 ? w * 1.4 : w));
// Sunday … Saturday.
const WEEKDAY_FACTOR = [1.45, 0.95, 0.9, 0.95, 1, 1.15, 1.55];

/** Options of `generateTimeline`; counts are exact. */
export interface TimelineOptions {
  youtubeCount: number;
  musicCount: number;
  endMs: number;
  years: number;
  timeZone: string;
}

/** Sorted (ascending) UTC ms instants of the two streams, all within [spanStartMs, endMs]. */
export interface Timeline {
  youtube: Float64Array;
  music: Float64Array;
  spanStartMs: number;
}

/** Draws the instants of both streams; deterministic for the rng state. */
export function generateTimeline(rng: Rng, opts: TimelineOptions): Timeline {
  const spanStartMs = Math.round(opts.endMs - opts.years * 365.2425 * MS_PER_DAY);
  const zone = new ZoneOffsets(opts.timeZone, spanStartMs, opts.endMs);
  const localDay = (ms: number): number => Math.floor((ms + zone.offsetAt(ms) * MS_PER_MINUTE) / MS_PER_DAY);
  const startDay = localDay(spanStartMs);
  const nDays = localDay(opts.endMs) - startDay + 1;

  const days = new WeightedIndex(dayWeights(rng, startDay, nDays));
  const weekdayHours = new WeightedIndex(WEEKDAY_HOURS);
  const weekendHours = new WeightedIndex(WEEKEND_HOURS);
  const toUtc = (local: number): number => {
    const guess = local - zone.offsetAt(local) * MS_PER_MINUTE;
    return local - zone.offsetAt(guess) * MS_PER_MINUTE;
  };

  const fill = (n: number, music: boolean): Float64Array => {
    const out = new Float64Array(n);
    let i = 0;
    while (i < n) {
      const day = startDay + days.sample(rng);
      const wd = weekdayOfDay(day);
      const hour = (wd === 0 || wd === 6 ? weekendHours : weekdayHours).sample(rng);
      let local = day * MS_PER_DAY + hour * MS_PER_HOUR + Math.floor(rng.next() * MS_PER_HOUR);
      // Burst of 1–15: mostly short, a tail of binges; music plays longer.
      const len = Math.min(15, music ? 2 + Math.floor(rng.exp(5)) : 1 + Math.floor(rng.exp(2.6)));
      for (let k = 0; k < len && i < n; k++) {
        const t = toUtc(local);
        if (t < spanStartMs || t > opts.endMs) break;
        out[i++] = t;
        // Songs last ~2.5–5 min; videos a few minutes, never past the 30-minute session gap.
        local += music
          ? 150_000 + Math.floor(rng.next() * 150_000)
          : Math.min(28 * MS_PER_MINUTE, 45_000 + Math.floor(rng.exp(6 * MS_PER_MINUTE)));
      }
    }
    return out.sort();
  };
  return { youtube: fill(opts.youtubeCount, false), music: fill(opts.musicCount, true), spanStartMs };
}

/** Weight of each local day: growth over the span, winter peak, weekend boost, noise, idle days, holidays. */
function dayWeights(rng: Rng, startDay: number, nDays: number): Float64Array {
  const away = new Uint8Array(nDays);
  const holidays = Math.max(1, Math.round((nDays / 365) * 2));
  for (let h = 0; h < holidays; h++) {
    const from = rng.int(0, nDays - 1);
    const len = rng.int(5, 14);
    for (let d = from; d < Math.min(nDays, from + len); d++) away[d] = 1;
  }
  const w = new Float64Array(nDays);
  for (let d = 0; d < nDays; d++) {
    const day = startDay + d;
    const growth = 0.55 + (0.9 * d) / Math.max(1, nDays - 1);
    const season = 1 + 0.18 * Math.cos((2 * Math.PI * (civilFromDays(day).month - 1)) / 12);
    const noise = 0.4 + 1.2 * rng.next();
    const idle = rng.chance(0.07) ? 0 : away[d] ? 0.12 : 1;
    // The epsilon keeps the sampler valid even if every day of a tiny span came out idle.
    w[d] = growth * season * (WEEKDAY_FACTOR[weekdayOfDay(day)] as number) * noise * idle + 1e-6;
  }
  return w;
}
