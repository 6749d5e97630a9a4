/** What a commit records about itself: the importer's counters and the change-log entry (store and engine share these). */

/** Counters an importer attaches to a commit; summed over the log by `dataQuality`. */
export interface ImportStats {
  /** Where the events came from: `graphql`, `takeout-json`, `takeout-html`, `demo`, … */
  source: string;
  recordsRead: number;
  /**
   * Duplicates the importer dropped before staging (usually 0). The store adds the
   * duplicates it finds at commit before appending the stats to the change log.
   */
  duplicatesSkipped: number;
  timestampFormats: Record<string, number>;
  /** abbreviation → { count, assumedOffsetMinutes (null when resolved with the viewer's zone) } */
  timeZoneAbbreviations: Record<string, { count: number; assumedOffsetMinutes: number | null }>;
  ambiguousTimeZones: number;
}

/** One entry of the per-viewer change log, appended by every commit that staged events (new or duplicate). */
export interface ChangeLogEntry {
  viewerId: string;
  dataVersion: number;
  committedAt: number;
  added: number;
  stats: ImportStats;
  /**
   * Of `added`, the events aggregations can see (dated and WATCHED), and of those the non-ads.
   * A commit with none changes no result but dataQuality. Absent in entries logged before
   * stores recorded it: treat as all visible.
   */
  visibleAdded?: number;
  visibleNonAdAdded?: number;
}
