/**
 * Reference implementations of catalogue #6, 7, 9, 10, 11, 13, 14, written from
 * AGGREGATIONS.md (and the choices documented on the kernels) with plain loops over RefInput
 * (./common.ts): local dates as strings, sessions as arrays of events, maps keyed by channel
 * key. Slow on purpose.
 */
import { TOPICS, type Topic } from '../../domain/events.js';
import type { AdvancedKpisResult, DailyStatsResult, OverviewResult } from '../../precompute/engine/results/activity.js';
import type { ChannelMetric, ChannelOrder, ChannelRelationship } from '../../precompute/engine/results/channels.js';
import type { HabitSignal } from '../../precompute/engine/results/habits.js';
import type { SessionItem, SessionsResult } from '../../precompute/engine/results/sessions.js';
import { addDays, parseDate, type RefEvent, type RefInput } from './common.js';

const DEFAULT_GAP = 30;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (for differences only). */
const dayIndex = (date: string): number => {
  const { year, month, day } = parseDate(date);
  return Date.UTC(year, month - 1, day) / 86_400_000;
};
const weekdayOf = (date: string): number => new Date(dayIndex(date) * 86_400_000).getUTCDay();
const monthIndex = (date: string): number => {
  const { year, month } = parseDate(date);
  return year * 12 + month - 1;
};

/** Every date from the smallest to the largest local date of `events`, with its video count. */
function spanDays(events: readonly RefEvent[]): { date: string; videos: number }[] {
  if (events.length === 0) return [];
  const dates = events.map((e) => e.local.date).sort();
  const counts = new Map<string, number>();
  for (const d of dates) counts.set(d, (counts.get(d) ?? 0) + 1);
  const out: { date: string; videos: number }[] = [];
  for (let d = dates[0] as string; d <= (dates[dates.length - 1] as string); d = addDays(d, 1)) {
    out.push({ date: d, videos: counts.get(d) ?? 0 });
  }
  return out;
}

const activeDayCount = (events: readonly RefEvent[]): number => new Set(events.map((e) => e.local.date)).size;

/** Sessions of the filtered events (timeline order) for a gap in minutes. */
export function referenceSessionGroups(input: RefInput, gapMinutes: number): RefEvent[][] {
  const groups: RefEvent[][] = [];
  let current: RefEvent[] = [];
  for (const e of input.filtered) {
    const previous = current[current.length - 1];
    if (previous && e.watchedAt - previous.watchedAt > gapMinutes * 60_000) {
      groups.push(current);
      current = [];
    }
    current.push(e);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

function videosByChannel(events: readonly RefEvent[]): Map<string, RefEvent[]> {
  const out = new Map<string, RefEvent[]>();
  for (const e of events) {
    if (e.channelKey === null) continue;
    const list = out.get(e.channelKey) ?? [];
    list.push(e);
    out.set(e.channelKey, list);
  }
  return out;
}

export function referenceOverview(input: RefInput): OverviewResult {
  const f = input.filtered;
  const span = spanDays(f).length;
  const active = activeDayCount(f);
  return {
    videos: f.length,
    uniqueChannels: videosByChannel(f).size,
    firstWatchedAt: f.length === 0 ? null : (f[0] as RefEvent).watchedAt,
    lastWatchedAt: f.length === 0 ? null : (f[f.length - 1] as RefEvent).watchedAt,
    activeDays: active,
    spanDays: span,
    videosPerDay: f.length === 0 ? null : f.length / span,
    videosPerActiveDay: f.length === 0 ? null : f.length / active,
  };
}

function medianOf(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 === 1 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
}

export function referenceSessions(input: RefInput, gapMinutes: number): SessionsResult {
  const groups = referenceSessionGroups(input, gapMinutes);
  const n = groups.length;
  const sizes = groups.map((g) => g.length);
  let totalMs = 0;
  for (const g of groups) totalMs += (g[g.length - 1] as RefEvent).watchedAt - (g[0] as RefEvent).watchedAt;
  const startsByHour = Array.from({ length: 24 }, (_, h) => groups.filter((g) => (g[0] as RefEvent).local.hour === h).length);
  const list: SessionItem[] = groups
    .map((g) => {
      const counts = [...videosByChannel(g)].map(([key, es]) => ({ key, n: es.length }));
      counts.sort((a, b) => b.n - a.n || cmp(a.key, b.key));
      return {
        start: (g[0] as RefEvent).watchedAt,
        end: (g[g.length - 1] as RefEvent).watchedAt,
        videos: g.length,
        channels: counts.slice(0, 3).map((c) => c.key),
      };
    })
    .reverse();
  const active = activeDayCount(input.filtered);
  const named = [...new Set(list.flatMap((s) => s.channels))].sort(cmp);
  return {
    gapMinutes,
    count: n,
    videosPerSession: n === 0 ? null : input.filtered.length / n,
    medianVideosPerSession: n === 0 ? null : medianOf(sizes),
    maxVideos: n === 0 ? null : Math.max(...sizes),
    meanDurationMinutes: n === 0 ? null : totalMs / n / 60_000,
    binge: sizes.filter((s) => s >= 5).length,
    short: sizes.filter((s) => s <= 2).length,
    perActiveDay: active === 0 ? null : n / active,
    startsByHour,
    list,
    listTruncated: false,
    channels: named.map((key) => ({
      channelKey: key,
      channelTitle: input.channelTitle(key),
      channelUrl: key.startsWith('title:') ? null : `https://www.youtube.com/channel/${key}`,
    })),
  };
}

/** Weekend/weekday videos and days over the span's calendar days. */
function weekSplit(input: RefInput) {
  const days = spanDays(input.filtered);
  const weekend = days.filter((d) => weekdayOf(d.date) === 0 || weekdayOf(d.date) === 6);
  const weekday = days.filter((d) => !weekend.includes(d));
  const sum = (list: typeof days) => list.reduce((s, d) => s + d.videos, 0);
  return { weekendVideos: sum(weekend), weekendDays: weekend.length, weekdayVideos: sum(weekday), weekdayDays: weekday.length };
}

function weekendIntensity(input: RefInput): number | null {
  const s = weekSplit(input);
  if (s.weekendDays === 0 || s.weekdayDays === 0 || s.weekdayVideos === 0) return null;
  return s.weekendVideos / s.weekendDays / (s.weekdayVideos / s.weekdayDays);
}

function consistencyScore(input: RefInput): number | null {
  const counts = spanDays(input.filtered).map((d) => d.videos);
  if (input.filtered.length === 0) return null;
  const mean = input.filtered.length / counts.length;
  let squares = 0;
  for (const c of counts) squares += (c - mean) * (c - mean);
  const cv = Math.sqrt(squares / counts.length) / mean;
  return Math.min(100, Math.max(0, 100 - 50 * cv));
}

const hourCounts = (events: readonly RefEvent[]): number[] =>
  Array.from({ length: 24 }, (_, h) => events.filter((e) => e.local.hour === h).length);

/** Index of the largest value, smallest index on ties. */
const argmax = (values: readonly number[]): number => values.indexOf(Math.max(...values));

/** Local date of the channel's first video under the non-time filters. */
function firstEverDate(input: RefInput, key: string): string {
  return (input.nonTime.find((e) => e.channelKey === key) as RefEvent).local.date;
}

export function referenceAdvancedKpis(input: RefInput): AdvancedKpisResult {
  const f = input.filtered;
  const byChannel = [...videosByChannel(f).values()].map((es) => es.length);
  const days = spanDays(f);
  const hours = hourCounts(f);
  const windows = hours.map((_, s) => (hours[s] as number) + (hours[(s + 1) % 24] as number) + (hours[(s + 2) % 24] as number));
  const top10 = [...byChannel].sort((a, b) => b - a).slice(0, 10);
  const newChannels =
    days.length === 0
      ? 0
      : [...videosByChannel(f).keys()].filter((key) => {
          const d = firstEverDate(input, key);
          return d >= (days[0] as { date: string }).date && d <= (days[days.length - 1] as { date: string }).date;
        }).length;
  const growth = (n: number): number | null => {
    const count = (from: string, to: string) => input.nonTime.filter((e) => e.local.date >= from && e.local.date <= to).length;
    const recent = count(addDays(input.today, -n + 1), input.today);
    const previous = count(addDays(input.today, -2 * n + 1), addDays(input.today, -n));
    return previous === 0 ? null : ((recent - previous) / previous) * 100;
  };
  const peak = argmax(windows);
  return {
    repeatChannelShare: byChannel.length === 0 ? null : byChannel.filter((n) => n >= 2).length / byChannel.length,
    newChannelsPerMonth: f.length === 0 ? null : newChannels / (days.length / 30),
    top10ChannelShare: f.length === 0 ? null : top10.reduce((s, n) => s + n, 0) / f.length,
    weekendShare: f.length === 0 ? null : f.filter((e) => e.local.weekday === 0 || e.local.weekday === 6).length / f.length,
    weekendIntensity: weekendIntensity(input),
    consistencyScore: consistencyScore(input),
    peakHour: f.length === 0 ? null : argmax(hours),
    peakWindow: f.length === 0 ? null : { startHour: peak, endHour: (peak + 3) % 24 },
    growth30d: growth(30),
    growth90d: growth(90),
  };
}

const pct = (ratio: number): string => `${(ratio * 100).toFixed(1)}%`;

export function referenceHabits(input: RefInput): HabitSignal[] {
  const f = input.filtered;
  if (f.length === 0) return [];
  const out: HabitSignal[] = [];
  const groups = referenceSessionGroups(input, DEFAULT_GAP);
  const binge = groups.filter((g) => g.length >= 5).length;
  const bingeRatio = binge / groups.length;
  if (bingeRatio > 0.3) {
    out.push({
      habit: 'BINGE_WATCHER',
      confidence: Math.min(1, 2 * bingeRatio),
      evidence: `${binge} of ${groups.length} sessions (${pct(bingeRatio)}) had 5 or more videos.`,
    });
  }
  const night = f.filter((e) => e.local.hour >= 22 || e.local.hour <= 3).length;
  if (night / f.length > 0.35) {
    out.push({
      habit: 'NIGHT_OWL',
      confidence: Math.min(1, night / f.length / (2 * 0.35)),
      evidence: `${night} of ${f.length} videos (${pct(night / f.length)}) were watched between 22:00 and 03:59.`,
    });
  }
  const early = f.filter((e) => e.local.hour >= 5 && e.local.hour <= 8).length;
  if (early / f.length > 0.25) {
    out.push({
      habit: 'EARLY_BIRD',
      confidence: Math.min(1, early / f.length / (2 * 0.25)),
      evidence: `${early} of ${f.length} videos (${pct(early / f.length)}) were watched between 05:00 and 08:59.`,
    });
  }
  const s = weekSplit(input);
  const intensity = weekendIntensity(input);
  // "> 1.5" decided on the exact rational (we / weDays) / (wd / wdDays), not on its rounded quotient.
  if (intensity !== null && s.weekendVideos * s.weekdayDays * 2 > s.weekdayVideos * s.weekendDays * 3) {
    const weekendRate = (s.weekendVideos / s.weekendDays).toFixed(2);
    const weekdayRate = (s.weekdayVideos / s.weekdayDays).toFixed(2);
    out.push({
      habit: 'WEEKENDER',
      confidence: Math.min(1, (intensity - 1) / 2),
      evidence: `Weekend days averaged ${weekendRate} videos against ${weekdayRate} on weekdays (${intensity.toFixed(2)}×).`,
    });
  }
  const span = spanDays(f).length;
  const active = activeDayCount(f);
  const consistency = consistencyScore(input) as number;
  if (consistency >= 60 && active / span >= 0.6) {
    out.push({
      habit: 'CREATURE_OF_HABIT',
      confidence: consistency / 100,
      evidence: `Consistency score ${consistency.toFixed(1)} of 100, with videos on ${active} of ${span} days (${pct(active / span)}).`,
    });
  }
  if (active / span < 0.2) {
    out.push({
      habit: 'SPORADIC',
      confidence: 1 - active / span,
      evidence: `Videos on only ${active} of ${span} days (${pct(active / span)}).`,
    });
  }
  return out;
}

export function referenceDailyStats(input: RefInput): DailyStatsResult {
  const counts = spanDays(input.filtered).map((d) => d.videos);
  const n = counts.length;
  if (n === 0) {
    return {
      days: 0,
      mean: null,
      median: null,
      mode: null,
      standardDeviation: null,
      p10: null,
      p25: null,
      p50: null,
      p75: null,
      p90: null,
      p95: null,
      p99: null,
    };
  }
  const sorted = [...counts].sort((a, b) => a - b);
  const mean = input.filtered.length / n;
  let squares = 0;
  for (const c of counts) squares += (c - mean) * (c - mean);
  const frequency = new Map<number, number>();
  for (const c of counts) frequency.set(c, (frequency.get(c) ?? 0) + 1);
  const mode = [...frequency].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] as number;
  // ⌈p/100 × N⌉ with the one rounding step last (p × N is an exact integer).
  const nearestRank = (p: number): number => sorted[Math.ceil((p * n) / 100) - 1] as number;
  return {
    days: n,
    mean,
    median: medianOf(counts),
    mode,
    standardDeviation: Math.sqrt(squares / n),
    p10: nearestRank(10),
    p25: nearestRank(25),
    p50: nearestRank(50),
    p75: nearestRank(75),
    p90: nearestRank(90),
    p95: nearestRank(95),
    p99: nearestRank(99),
  };
}

const recency = (days: number): number =>
  days <= 7 ? 100 : days <= 30 ? 80 : days <= 90 ? 60 : days <= 180 ? 40 : days <= 365 ? 20 : 10;

/** Every channel of the filtered set, in the order `orderBy` (ties: videos desc, title, key). */
export function referenceChannelMetrics(input: RefInput, orderBy: ChannelOrder): ChannelMetric[] {
  const f = input.filtered;
  const groups = referenceSessionGroups(input, DEFAULT_GAP);
  const rows = [...videosByChannel(f)].map(([key, es]): ChannelMetric => {
    const first = es[0] as RefEvent;
    const last = es[es.length - 1] as RefEvent;
    const activeMonths = new Set(es.map((e) => e.local.month)).size;
    const months = Math.max(1, monthIndex(input.today) - monthIndex(first.local.date) + 1);
    const consistency = Math.min(100, (100 * activeMonths) / months);
    const frequency = Math.min(100, (10 * es.length) / months);
    const topicCounts = TOPICS.map((topic) => ({ topic, n: es.filter((e) => e.topicList.includes(topic)).length }));
    return {
      channelKey: key,
      channelTitle: input.channelTitle(key),
      channelUrl: key.startsWith('title:') ? null : `https://www.youtube.com/channel/${key}`,
      videos: es.length,
      share: es.length / f.length,
      firstWatchedAt: first.watchedAt,
      lastWatchedAt: last.watchedAt,
      activeMonths,
      videosPerActiveMonth: es.length / activeMonths,
      peakHour: argmax(hourCounts(es)),
      peakWeekday: argmax(Array.from({ length: 7 }, (_, w) => es.filter((e) => e.local.weekday === w).length)),
      topics: topicCounts
        .filter((t) => t.n > 0)
        .sort((a, b) => b.n - a.n || TOPICS.indexOf(a.topic) - TOPICS.indexOf(b.topic))
        .map((t) => t.topic),
      isNew: firstEverDate(input, key) >= addDays(input.today, -29),
      sessionShare: groups.filter((g) => g.some((e) => e.channelKey === key)).length / groups.length,
      loyaltyScore: Math.round((consistency + frequency + recency(dayIndex(input.today) - dayIndex(last.local.date))) / 3),
    };
  });
  const tie = (a: ChannelMetric, b: ChannelMetric) =>
    b.videos - a.videos || cmp(a.channelTitle, b.channelTitle) || cmp(a.channelKey, b.channelKey);
  const primary: Record<ChannelOrder, (a: ChannelMetric, b: ChannelMetric) => number> = {
    VIDEOS: () => 0,
    LOYALTY: (a, b) => b.loyaltyScore - a.loyaltyScore,
    RECENT: (a, b) => b.lastWatchedAt - a.lastWatchedAt,
  };
  return rows.sort((a, b) => primary[orderBy](a, b) || tie(a, b));
}

export function referenceChannelRelationships(
  input: RefInput,
  limit: number,
  minScore: number,
  poolSize = 200,
): ChannelRelationship[] {
  const pool = referenceChannelMetrics(input, 'VIDEOS').slice(0, poolSize);
  const sessionKeys = referenceSessionGroups(input, DEFAULT_GAP).map((g) => new Set(g.map((e) => e.channelKey)));
  const topicsOf = (key: string): Set<Topic> =>
    new Set(input.filtered.filter((e) => e.channelKey === key).flatMap((e) => e.topicList));
  const out: ChannelRelationship[] = [];
  for (const x of pool) {
    for (const y of pool) {
      if (!(x.channelKey < y.channelKey)) continue;
      const withA = sessionKeys.filter((s) => s.has(x.channelKey)).length;
      const withB = sessionKeys.filter((s) => s.has(y.channelKey)).length;
      const shared = sessionKeys.filter((s) => s.has(x.channelKey) && s.has(y.channelKey)).length;
      if (shared === 0) continue;
      const score = Math.round((100 * shared) / Math.min(withA, withB));
      if (score < minScore) continue;
      const tx = topicsOf(x.channelKey);
      const ty = topicsOf(y.channelKey);
      out.push({
        a: { channelKey: x.channelKey, channelTitle: x.channelTitle, channelUrl: x.channelUrl },
        b: { channelKey: y.channelKey, channelTitle: y.channelTitle, channelUrl: y.channelUrl },
        sharedSessions: shared,
        score,
        sharedTopics: TOPICS.filter((t) => tx.has(t) && ty.has(t)),
      });
    }
  }
  out.sort(
    (p, q) =>
      q.score - p.score ||
      q.sharedSessions - p.sharedSessions ||
      cmp(p.a.channelKey, q.a.channelKey) ||
      cmp(p.b.channelKey, q.b.channelKey),
  );
  return out.slice(0, limit);
}
