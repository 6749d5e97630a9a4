/**
 * The import report (returned to the caller, plain JSON) and the counters that build it; the
 * same numbers become the store's ImportStats (summed by `dataQuality`).
 */
import type { EventKind, Product, WatchEvent } from '../domain/events.js';
import type { ImportStats } from '../store/types.js';
import type { ZoneResolution } from './dates.js';
import type { SkipReason } from './sink.js';

/** Samples kept per skip reason. */
export const SAMPLES_PER_REASON = 5;

/** One skipped (or undated) record: where it was and why. */
export interface RecordSample {
  /** `record 12 (byte 3456)` for JSON, `entry 12 (char 3456)` for HTML, prefixed by the zip member when zipped. */
  position: string;
  detail: string;
}

/** What one import did. Every count is over records of the imported file(s). */
export interface ImportReport {
  viewerId: string;
  /** `takeout-json`, `takeout-html`, `takeout-zip+json`, `takeout-zip+html` or `takeout-zip+json+html`. */
  source: string;
  /** The zip members imported (empty for a plain file). */
  files: string[];
  /** Input bytes read (compressed size for a zip). */
  bytesRead: number;
  /** Array elements (JSON) or activity cells (HTML) seen, skipped ones included. */
  recordsRead: number;
  /** Records that became events (added + duplicates). */
  eventsParsed: number;
  /** Events new to the store. */
  eventsAdded: number;
  /** Events already stored, or repeated within this import (same deterministic id). */
  duplicates: number;
  /** Records that became no event: total and, per reason, a count and a few samples. */
  skipped: { total: number; byReason: Partial<Record<SkipReason, { count: number; samples: RecordSample[] }>> };
  /** Parsed events per kind and per product (before de-duplication). */
  byKind: Record<EventKind, number>;
  byProduct: Record<Product, number>;
  /** Parsed events flagged as ads. */
  ads: number;
  /** Parsed events without a usable date (kept, with `watchedAt` null), with samples. */
  undated: { count: number; samples: RecordSample[] };
  /** Timestamp shape → count (`ISO 8601`, `MMM d, yyyy, h:mm:ss a z`, …). */
  timestampFormats: Record<string, number>;
  /** Zone label → count and the fixed offset assumed (null when resolved per instant with the viewer's zone). */
  timeZoneAbbreviations: Record<string, { count: number; assumedOffsetMinutes: number | null }>;
  /** Timestamps whose zone was ambiguous, unknown or missing (resolved with `viewerTimeZone`). */
  ambiguousTimeZones: number;
  viewerTimeZone: string;
  /** Earliest and latest `watchedAt` parsed (epoch ms UTC), null when no dated event. */
  firstWatchedAt: number | null;
  lastWatchedAt: number | null;
  /** The viewer's data version after the commit (unchanged when nothing was added). */
  dataVersion: number;
}

const emptyKinds = (): Record<EventKind, number> => ({ WATCHED: 0, VIEWED: 0, VISITED: 0 });

/** Mutable counters of one import run. */
export class ReportBuilder {
  recordsRead = 0;
  eventsParsed = 0;
  bytesRead = 0;
  readonly files: string[] = [];
  readonly formats = new Set<'json' | 'html'>();
  private zipped = false;
  private readonly skipped = new Map<SkipReason, { count: number; samples: RecordSample[] }>();
  private skippedTotal = 0;
  private readonly byKind = emptyKinds();
  private readonly byProduct: Record<Product, number> = { YOUTUBE: 0, YOUTUBE_MUSIC: 0 };
  private ads = 0;
  private readonly undated = { count: 0, samples: [] as RecordSample[] };
  private readonly timestampFormats: Record<string, number> = {};
  private readonly zones: Record<string, { count: number; assumedOffsetMinutes: number | null }> = {};
  private ambiguous = 0;
  private first: number | null = null;
  private last: number | null = null;

  constructor(
    readonly viewerId: string,
    readonly viewerTimeZone: string,
  ) {}

  markZip(): void {
    this.zipped = true;
  }

  skip(reason: SkipReason, position: string, detail: string): void {
    this.skippedTotal++;
    let r = this.skipped.get(reason);
    if (!r) {
      r = { count: 0, samples: [] };
      this.skipped.set(reason, r);
    }
    r.count++;
    if (r.samples.length < SAMPLES_PER_REASON) r.samples.push({ position, detail: detail.slice(0, 200) });
  }

  timestamp(format: string, zone: ZoneResolution | null): void {
    this.timestampFormats[format] = (this.timestampFormats[format] ?? 0) + 1;
    if (!zone) return;
    const z = this.zones[zone.label];
    if (!z) this.zones[zone.label] = { count: 1, assumedOffsetMinutes: zone.assumedOffsetMinutes };
    else {
      z.count++;
      // One label resolved to different offsets (viewer zone per instant) has no single assumption.
      if (z.assumedOffsetMinutes !== zone.assumedOffsetMinutes) z.assumedOffsetMinutes = null;
    }
    if (zone.ambiguous) this.ambiguous++;
  }

  undatedRecord(position: string, detail: string): void {
    this.undated.count++;
    if (this.undated.samples.length < SAMPLES_PER_REASON) this.undated.samples.push({ position, detail: detail.slice(0, 200) });
  }

  event(e: WatchEvent): void {
    this.eventsParsed++;
    this.byKind[e.kind]++;
    this.byProduct[e.product]++;
    if (e.isAd) this.ads++;
    if (e.watchedAt !== null) {
      if (this.first === null || e.watchedAt < this.first) this.first = e.watchedAt;
      if (this.last === null || e.watchedAt > this.last) this.last = e.watchedAt;
    }
  }

  source(): string {
    const formats = [...this.formats].sort();
    if (this.zipped) return `takeout-zip${formats.map((f) => `+${f}`).join('')}`;
    return `takeout-${formats[0] ?? 'unknown'}`;
  }

  stats(): ImportStats {
    return {
      source: this.source(),
      recordsRead: this.recordsRead,
      duplicatesSkipped: 0,
      timestampFormats: { ...this.timestampFormats },
      timeZoneAbbreviations: structuredClone(this.zones),
      ambiguousTimeZones: this.ambiguous,
    };
  }

  build(commit: { added: number; duplicates: number; dataVersion: number }): ImportReport {
    return {
      viewerId: this.viewerId,
      source: this.source(),
      files: [...this.files],
      bytesRead: this.bytesRead,
      recordsRead: this.recordsRead,
      eventsParsed: this.eventsParsed,
      eventsAdded: commit.added,
      duplicates: commit.duplicates,
      skipped: { total: this.skippedTotal, byReason: Object.fromEntries(this.skipped) },
      byKind: { ...this.byKind },
      byProduct: { ...this.byProduct },
      ads: this.ads,
      undated: structuredClone(this.undated),
      timestampFormats: { ...this.timestampFormats },
      timeZoneAbbreviations: structuredClone(this.zones),
      ambiguousTimeZones: this.ambiguous,
      viewerTimeZone: this.viewerTimeZone,
      firstWatchedAt: this.first,
      lastWatchedAt: this.last,
      dataVersion: commit.dataVersion,
    };
  }
}
