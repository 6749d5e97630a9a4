/**
 * Result models of dataQuality. Plain, JSON-safe data (cached entries are JSON): instants are epoch ms UTC,
 * numbers unrounded, an undefined ratio or statistic is null. The schema exposes them with objectRefs.
 */
export interface TimestampFormatCount {
  format: string;
  count: number;
}

export interface TimeZoneAbbreviationCount {
  abbreviation: string;
  count: number;
  /** Fixed offset applied (minutes east of UTC); null when resolved with the viewer's zone. */
  assumedOffsetMinutes: number | null;
}

/** Catalogue #19: everything stored for the viewer, filters ignored. */
export interface DataQuality {
  /** Every stored event, any kind, dated or not. */
  records: number;
  /** Events of kind WATCHED (ads and undated ones included); watched + viewedPosts + visitedAds = records. */
  watched: number;
  /** Kind VIEWED: community posts and stories. */
  viewedPosts: number;
  /** Kind VISITED: ad links. */
  visitedAds: number;
  /** 'From Google Ads' events, any kind. */
  ads: number;
  /** Events without a usable date, any kind. */
  undated: number;
  /** Events with a channel key, any kind. */
  withChannel: number;
  /** Summed over the change log: dropped by importers plus already stored at commit. */
  duplicatesSkipped: number;
  /** By count desc, then format. */
  timestampFormats: TimestampFormatCount[];
  /** By count desc, then abbreviation. */
  timeZoneAbbreviations: TimeZoneAbbreviationCount[];
  ambiguousTimeZones: number;
  /** Earliest and latest `watchedAt` of any dated event (epoch ms), null when none is dated. */
  firstWatchedAt: number | null;
  lastWatchedAt: number | null;
}
