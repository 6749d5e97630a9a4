/**
 * Reference implementations of catalogue #1–#5, written from AGGREGATIONS.md with plain
 * loops over RefInput (see ./common.ts). Watch time is summed in whole milliseconds (exact
 * integers) and divided by 1000 once, the exact value of the catalogue's sum, so results
 * compare with exact equality whatever order either side adds in.
 */
import { TOPICS } from '../../domain/events.js';
import type { TopChannel } from '../../precompute/engine/results/channels.js';
import type { KpisResult, MonthlyTrendPoint, PeriodComparison } from '../../precompute/engine/results/kpis.js';
import type { HeatmapCell } from '../../precompute/engine/results/patterns.js';
import type { TopicShare, Trend } from '../../precompute/engine/results/topics.js';
import { addDays, inWindow, makeDate, nextMonth, parseDate, previousYear, type RefEvent, type RefInput } from './common.js';

const distinctChannelCount = (events: readonly RefEvent[]): number =>
  new Set(events.flatMap((e) => (e.channelKey === null ? [] : [e.channelKey]))).size;

const sumSeconds = (events: readonly RefEvent[]): number => {
  let ms = 0;
  for (const e of events) ms += e.watchMs;
  return ms / 1000;
};

function period(input: RefInput, firstDay: string): PeriodComparison {
  const current = input.nonTime.filter((e) => inWindow(e.local.date, { from: firstDay, to: input.today })).length;
  const previous = input.nonTime.filter((e) =>
    inWindow(e.local.date, { from: previousYear(firstDay), to: previousYear(input.today) }),
  ).length;
  return {
    videos: current,
    previousYearVideos: previous,
    deltaPercent: previous === 0 ? null : ((current - previous) / previous) * 100,
  };
}

export function referenceKpis(input: RefInput): KpisResult {
  const { year, month } = parseDate(input.today);
  return {
    videos: input.filtered.length,
    uniqueChannels: distinctChannelCount(input.filtered),
    estimatedWatchSeconds: sumSeconds(input.filtered),
    periods: {
      mtd: period(input, makeDate(year, month, 1)),
      qtd: period(input, makeDate(year, month - ((month - 1) % 3), 1)),
      ytd: period(input, makeDate(year, 1, 1)),
    },
  };
}

export function referenceMonthlyTrend(input: RefInput): MonthlyTrendPoint[] {
  if (input.filtered.length === 0) return [];
  const months = input.filtered.map((e) => e.local.month).sort();
  const out: MonthlyTrendPoint[] = [];
  for (let m = months[0] as string; m <= (months[months.length - 1] as string); m = nextMonth(m)) {
    const inMonth = input.filtered.filter((e) => e.local.month === m);
    out.push({
      month: m,
      videos: inMonth.length,
      uniqueChannels: distinctChannelCount(inMonth),
      estimatedWatchSeconds: sumSeconds(inMonth),
    });
  }
  return out;
}

export function referenceTopChannels(input: RefInput, limit: number): TopChannel[] {
  const keys = [...new Set(input.filtered.flatMap((e) => (e.channelKey === null ? [] : [e.channelKey])))];
  const rows = keys.map((key) => {
    const mine = input.filtered.filter((e) => e.channelKey === key);
    return {
      channelKey: key,
      channelTitle: input.channelTitle(key),
      channelUrl: key.startsWith('title:') ? null : `https://www.youtube.com/channel/${key}`,
      videos: mine.length,
      share: mine.length / input.filtered.length,
      estimatedWatchSeconds: sumSeconds(mine),
    };
  });
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => b.videos - a.videos || cmp(a.channelTitle, b.channelTitle) || cmp(a.channelKey, b.channelKey));
  return rows.slice(0, limit);
}

export function referenceHeatmap(input: RefInput): HeatmapCell[] {
  const out: HeatmapCell[] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      out.push({
        weekday,
        hour,
        videos: input.filtered.filter((e) => e.local.weekday === weekday && e.local.hour === hour).length,
      });
    }
  }
  return out;
}

export function referenceTopics(input: RefInput): TopicShare[] {
  const recentWindow = { from: addDays(input.today, -29), to: input.today };
  const previousWindow = { from: addDays(input.today, -59), to: addDays(input.today, -30) };
  const assignments = input.filtered.reduce((n, e) => n + e.topicList.length, 0);
  const out: TopicShare[] = [];
  for (const topic of TOPICS) {
    const videos = input.filtered.filter((e) => e.topicList.includes(topic)).length;
    if (videos === 0) continue;
    const recent = input.nonTime.filter((e) => e.topicList.includes(topic) && inWindow(e.local.date, recentWindow)).length;
    const previous = input.nonTime.filter((e) => e.topicList.includes(topic) && inWindow(e.local.date, previousWindow)).length;
    // "more than 1.1 ×" compared in integers (10 × recent vs 11 × previous) so 1.1 × 10 is exactly 11.
    const trend: Trend = 10 * recent > 11 * previous ? 'UP' : 10 * recent < 9 * previous ? 'DOWN' : 'STABLE';
    out.push({ topic, videos, share: videos / assignments, recentVideos: recent, previousVideos: previous, trend });
  }
  return out.sort((a, b) => b.videos - a.videos || TOPICS.indexOf(a.topic) - TOPICS.indexOf(b.topic));
}
