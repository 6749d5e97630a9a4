/**
 * What the dataQuality aggregation reports: counts over every stored event of a viewer (any
 * kind, dated or not) and the importer counters summed over its change log. Built once per
 * (viewer, dataVersion) with the table, since the table keeps only dated WATCHED rows.
 */

import type { ChangeLogEntry } from '../../domain/changes.js';
import type { WatchEvent } from '../../domain/events.js';
import type { DataQuality, TimeZoneAbbreviationCount } from './results/quality.js';

const byCountThenName =
  <T extends { count: number }>(name: (x: T) => string) =>
  (a: T, b: T): number =>
    b.count - a.count || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0);

/** Counts over stored events, fed page by page (any order, any kind). */
export class StoredCounter {
  records = 0;
  watched = 0;
  viewedPosts = 0;
  visitedAds = 0;
  ads = 0;
  undated = 0;
  withChannel = 0;
  first = Number.POSITIVE_INFINITY;
  last = Number.NEGATIVE_INFINITY;

  add(events: readonly WatchEvent[]): void {
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as WatchEvent;
      this.records++;
      if (e.kind === 'WATCHED') this.watched++;
      else if (e.kind === 'VIEWED') this.viewedPosts++;
      else this.visitedAds++;
      if (e.isAd) this.ads++;
      if (e.channelKey !== null) this.withChannel++;
      const t = e.watchedAt;
      if (t === null || !Number.isFinite(t)) {
        this.undated++;
        continue;
      }
      if (t < this.first) this.first = t;
      if (t > this.last) this.last = t;
    }
  }
}

/**
 * Summarises all stored events and the change log. Abbreviation offsets come from the most
 * recent log entry naming the abbreviation (entries in log order).
 */
export function summarizeStored(events: readonly WatchEvent[], changeLog: readonly ChangeLogEntry[]): DataQuality {
  const counter = new StoredCounter();
  counter.add(events);
  return finishStored(counter, changeLog);
}

/** The dataQuality answer from counted events and the change log. */
export function finishStored(counter: StoredCounter, changeLog: readonly ChangeLogEntry[]): DataQuality {
  const { watched, viewedPosts, visitedAds, ads, undated, withChannel, first, last } = counter;
  let duplicatesSkipped = 0;
  let ambiguousTimeZones = 0;
  const formats = new Map<string, number>();
  const abbreviations = new Map<string, TimeZoneAbbreviationCount>();
  for (const { stats } of changeLog) {
    duplicatesSkipped += stats.duplicatesSkipped;
    ambiguousTimeZones += stats.ambiguousTimeZones;
    for (const [format, count] of Object.entries(stats.timestampFormats)) formats.set(format, (formats.get(format) ?? 0) + count);
    for (const [abbreviation, a] of Object.entries(stats.timeZoneAbbreviations)) {
      const prev = abbreviations.get(abbreviation);
      abbreviations.set(abbreviation, {
        abbreviation,
        count: (prev?.count ?? 0) + a.count,
        assumedOffsetMinutes: a.assumedOffsetMinutes,
      });
    }
  }

  return {
    records: counter.records,
    watched,
    viewedPosts,
    visitedAds,
    ads,
    undated,
    withChannel,
    duplicatesSkipped,
    timestampFormats: [...formats].map(([format, count]) => ({ format, count })).sort(byCountThenName((x) => x.format)),
    timeZoneAbbreviations: [...abbreviations.values()].sort(byCountThenName((x) => x.abbreviation)),
    ambiguousTimeZones,
    firstWatchedAt: first === Number.POSITIVE_INFINITY ? null : first,
    lastWatchedAt: last === Number.NEGATIVE_INFINITY ? null : last,
  };
}
