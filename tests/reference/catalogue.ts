/**
 * Reference implementations of catalogue #8, #12, #15–#19, written from AGGREGATIONS.md with
 * plain loops over RefInput (see ./common.ts): strings for dates and months, Intl for local
 * fields, `includes` for phrases. Slow on purpose and independent of the engine's helpers.
 */
import { TOPICS, type Topic, type WatchEvent } from '../../domain/events.js';
import type { ChannelEvolution } from '../../precompute/engine/results/evolution.js';
import type {
  DistributionBucket,
  TimeSeriesInterval,
  TimeSeriesMetric,
  TimeSeriesPoint,
  ViewingPatterns,
} from '../../precompute/engine/results/patterns.js';
import type { DataQuality } from '../../precompute/engine/results/quality.js';
import type { TopicDiversity, TopicEvolution, TopicSignals, Trend } from '../../precompute/engine/results/topics.js';
import type { ChangeLogEntry } from '../../store/types.js';
import { addDays, nextMonth, parseDate, type RefEvent, type RefInput } from './common.js';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function distribution(events: readonly RefEvent[], keys: number[], keyOf: (e: RefEvent) => number): DistributionBucket[] {
  return keys.map((key) => {
    const videos = events.filter((e) => keyOf(e) === key).length;
    return { key, videos, share: events.length === 0 ? null : videos / events.length };
  });
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export function referenceViewingPatterns(input: RefInput): ViewingPatterns {
  const f = input.filtered;
  return {
    byHour: distribution(f, range(0, 23), (e) => e.local.hour),
    byWeekday: distribution(f, range(0, 6), (e) => e.local.weekday),
    // Days 1–7 → 1, 8–14 → 2, 15–21 → 3, 22–28 → 4, 29–31 → 5.
    byWeekOfMonth: distribution(f, range(1, 5), (e) => (e.local.day <= 28 ? Math.ceil(e.local.day / 7) : 5)),
    byMonth: distribution(f, range(1, 12), (e) => e.local.monthNumber),
  };
}

/** The Monday on or before a local date. */
function mondayOf(date: string): string {
  const { year, month, day } = parseDate(date);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

export function referenceTimeSeries(input: RefInput, interval: TimeSeriesInterval, metric: TimeSeriesMetric): TimeSeriesPoint[] {
  const startOf = (e: RefEvent): string =>
    interval === 'DAY' ? e.local.date : interval === 'WEEK' ? mondayOf(e.local.date) : `${e.local.month}-01`;
  const following = (start: string): string =>
    interval === 'DAY' ? addDays(start, 1) : interval === 'WEEK' ? addDays(start, 7) : `${nextMonth(start.slice(0, 7))}-01`;
  if (input.filtered.length === 0) return [];
  const starts = input.filtered.map(startOf).sort();
  const out: TimeSeriesPoint[] = [];
  for (let s = starts[0] as string; s <= (starts[starts.length - 1] as string); s = following(s)) {
    const inBucket = input.filtered.filter((e) => startOf(e) === s);
    let value: number;
    if (metric === 'VIDEOS') value = inBucket.length;
    else if (metric === 'CHANNELS') value = new Set(inBucket.flatMap((e) => (e.channelKey === null ? [] : [e.channelKey]))).size;
    else value = new Set(inBucket.flatMap((e) => e.topicList)).size;
    out.push({ start: s, value });
  }
  return out;
}

/** "UP if > up ×, DOWN if < down ×" with the ratios in tenths, so the comparison is exact. */
const trend = (current: number, previous: number, upTenths: number, downTenths: number): Trend =>
  10 * current > upTenths * previous ? 'UP' : 10 * current < downTenths * previous ? 'DOWN' : 'STABLE';

/** The months from `first` to `last` inclusive (`YYYY-MM`). */
function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) out.push(m);
  return out;
}

/**
 * Null when no dated WATCHED event (ads included) of the whole history has the key; else the
 * filtered events of that channel per month, gap-filled between its first and last month.
 */
export function referenceChannelEvolution(
  events: readonly WatchEvent[],
  input: RefInput,
  channel: string,
): ChannelEvolution | null {
  const known = events.some((e) => e.kind === 'WATCHED' && e.watchedAt !== null && e.channelKey === channel);
  if (!known) return null;
  const mine = input.filtered.filter((e) => e.channelKey === channel);
  const months = mine.map((e) => e.local.month).sort();
  const points =
    mine.length === 0
      ? []
      : monthsBetween(months[0] as string, months[months.length - 1] as string).map((month) => {
          const inMonth = mine.filter((e) => e.local.month === month);
          return { month, videos: inMonth.length, distinctTopics: new Set(inMonth.flatMap((e) => e.topicList)).size };
        });
  return {
    channelKey: channel,
    channelTitle: input.channelTitle(channel),
    channelUrl: channel.startsWith('title:') ? null : `https://www.youtube.com/channel/${channel}`,
    points: points.map((p, i) => ({
      ...p,
      trend: i === 0 ? 'STABLE' : trend(p.videos, (points[i - 1] as typeof p).videos, 12, 8),
    })),
  };
}

export function referenceTopicEvolution(input: RefInput): TopicEvolution[] {
  const f = input.filtered;
  if (f.length === 0) return [];
  const sorted = f.map((e) => e.local.month).sort();
  const months = monthsBetween(sorted[0] as string, sorted[sorted.length - 1] as string);
  const assignmentsIn = (month: string): number =>
    f.filter((e) => e.local.month === month).reduce((n, e) => n + e.topicList.length, 0);
  const out: TopicEvolution[] = [];
  for (const topic of TOPICS) {
    const mine = f.filter((e) => e.topicList.includes(topic));
    if (mine.length === 0) continue;
    const videosIn = (month: string): number => mine.filter((e) => e.local.month === month).length;
    const timeline = months.map((month, i) => {
      const videos = videosIn(month);
      const assignments = assignmentsIn(month);
      return {
        month,
        videos,
        share: assignments === 0 ? null : videos / assignments,
        trend: i === 0 ? ('STABLE' as const) : trend(videos, videosIn(months[i - 1] as string), 12, 8),
      };
    });
    // The span's last 3 months and the 3 before (months before the span simply have no videos).
    const last = months[months.length - 1] as string;
    const monthsBack = (n: number): string => {
      let m = last;
      for (let i = 0; i < n; i++) {
        const y = Number(m.slice(0, 4));
        const mo = Number(m.slice(5));
        m = mo === 1 ? `${String(y - 1).padStart(4, '0')}-12` : `${m.slice(0, 4)}-${String(mo - 1).padStart(2, '0')}`;
      }
      return m;
    };
    const recent = [0, 1, 2].reduce((s, n) => s + videosIn(monthsBack(n)), 0);
    const previous = [3, 4, 5].reduce((s, n) => s + videosIn(monthsBack(n)), 0);
    const byMonthOfYear = range(1, 12).map((m) => mine.filter((e) => e.local.monthNumber === m).length);
    const max = Math.max(...byMonthOfYear);
    const min = Math.min(...byMonthOfYear);
    out.push({
      topic,
      videos: mine.length,
      growthPercent: previous === 0 ? null : ((recent - previous) / previous) * 100,
      peakMonthOfYear: byMonthOfYear.indexOf(max) + 1,
      lowMonthOfYear: byMonthOfYear.indexOf(min) + 1,
      timeline,
    });
  }
  return out.sort((a, b) => b.videos - a.videos || TOPICS.indexOf(a.topic) - TOPICS.indexOf(b.topic));
}

const LEARNING: Topic[] = ['EDUCATION', 'SCIENCE', 'TECHNOLOGY', 'FINANCE'];
const LEISURE: Topic[] = ['ENTERTAINMENT', 'GAMING', 'MUSIC', 'SPORTS'];

export function referenceTopicDiversity(input: RefInput): TopicDiversity {
  const assignments = input.filtered.flatMap((e) => e.topicList);
  const counts = new Map<Topic, number>();
  for (const t of assignments) counts.set(t, (counts.get(t) ?? 0) + 1);
  const total = assignments.length;
  if (total === 0) {
    return {
      distinctTopics: 0,
      shannonBits: null,
      evenness: null,
      top3Share: null,
      spread: { learning: null, leisure: null, other: null },
    };
  }
  const ps = [...counts.values()].map((n) => n / total);
  const shannon = -ps.reduce((s, p) => s + p * Math.log2(p), 0);
  const sortedCounts = [...counts.values()].sort((a, b) => b - a);
  const share = (family: Topic[]): number => assignments.filter((t) => family.includes(t)).length / total;
  return {
    distinctTopics: counts.size,
    shannonBits: shannon,
    evenness: counts.size < 2 ? null : shannon / Math.log2(counts.size),
    top3Share: sortedCounts.slice(0, 3).reduce((s, n) => s + n, 0) / total,
    spread: {
      learning: share(LEARNING),
      leisure: share(LEISURE),
      other: assignments.filter((t) => !LEARNING.includes(t) && !LEISURE.includes(t)).length / total,
    },
  };
}

/** The signal phrases, straight from the catalogue. */
const PHRASES = {
  learning: ['tutorial', 'learn', 'course', 'explained', 'how to', 'guide', 'lesson', 'lecture', 'analysis', 'review'],
  longForm: ['full', 'complete', 'documentary', 'deep dive', 'in-depth', 'extended', 'lecture', 'masterclass', 'podcast'],
  intentional: ['tutorial', 'how to', 'guide', 'review', 'comparison', 'vs', 'explained', 'analysis'],
  algorithmic: ['trending', 'viral', '#shorts', 'shorts', 'reaction', 'compilation', 'tiktok', 'meme'],
};

/** Title + " " + channel title with ASCII letters lower-cased (the phrases are ASCII). */
const signalText = (e: WatchEvent): string =>
  `${e.videoTitle} ${e.channelTitle ?? ''}`.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));

export function referenceTopicSignals(input: RefInput): TopicSignals[] {
  const out: TopicSignals[] = [];
  for (const topic of TOPICS) {
    const mine = input.filtered.filter((e) => e.topicList.includes(topic));
    if (mine.length === 0) continue;
    const shareOf = (phrases: string[]): number =>
      mine.filter((e) => phrases.some((p) => signalText(e).includes(p))).length / mine.length;
    const coTopics = TOPICS.filter((t) => t !== topic)
      .map((t) => {
        const videos = mine.filter((e) => e.topicList.includes(t)).length;
        return { topic: t, videos, share: videos / mine.length };
      })
      .filter((c) => c.videos > 0)
      .sort((a, b) => b.videos - a.videos || TOPICS.indexOf(a.topic) - TOPICS.indexOf(b.topic));
    out.push({
      topic,
      videos: mine.length,
      learning: shareOf(PHRASES.learning),
      longForm: shareOf(PHRASES.longForm),
      intentional: shareOf(PHRASES.intentional),
      algorithmic: shareOf(PHRASES.algorithmic),
      coTopics,
    });
  }
  return out.sort((a, b) => b.videos - a.videos || TOPICS.indexOf(a.topic) - TOPICS.indexOf(b.topic));
}

/** Over every stored event and the whole change log; offsets from the last entry naming an abbreviation. */
export function referenceDataQuality(events: readonly WatchEvent[], changeLog: readonly ChangeLogEntry[]): DataQuality {
  const dated = events.filter((e) => e.watchedAt !== null).map((e) => e.watchedAt as number);
  const formats: Record<string, number> = {};
  const abbreviations: Record<string, { count: number; assumedOffsetMinutes: number | null }> = {};
  for (const entry of changeLog) {
    for (const [f, n] of Object.entries(entry.stats.timestampFormats)) formats[f] = (formats[f] ?? 0) + n;
    for (const [a, v] of Object.entries(entry.stats.timeZoneAbbreviations)) {
      abbreviations[a] = { count: (abbreviations[a]?.count ?? 0) + v.count, assumedOffsetMinutes: v.assumedOffsetMinutes };
    }
  }
  return {
    records: events.length,
    watched: events.filter((e) => e.kind === 'WATCHED').length,
    viewedPosts: events.filter((e) => e.kind === 'VIEWED').length,
    visitedAds: events.filter((e) => e.kind === 'VISITED').length,
    ads: events.filter((e) => e.isAd).length,
    undated: events.length - dated.length,
    withChannel: events.filter((e) => e.channelKey !== null).length,
    duplicatesSkipped: changeLog.reduce((s, e) => s + e.stats.duplicatesSkipped, 0),
    timestampFormats: Object.entries(formats)
      .map(([format, count]) => ({ format, count }))
      .sort((a, b) => b.count - a.count || cmp(a.format, b.format)),
    timeZoneAbbreviations: Object.entries(abbreviations)
      .map(([abbreviation, v]) => ({ abbreviation, ...v }))
      .sort((a, b) => b.count - a.count || cmp(a.abbreviation, b.abbreviation)),
    ambiguousTimeZones: changeLog.reduce((s, e) => s + e.stats.ambiguousTimeZones, 0),
    firstWatchedAt: dated.length === 0 ? null : Math.min(...dated),
    lastWatchedAt: dated.length === 0 ? null : Math.max(...dated),
  };
}
