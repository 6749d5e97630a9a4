/**
 * Result models of the headline numbers: kpis and monthlyTrend. Plain, JSON-safe data (cached entries are JSON): instants are epoch ms UTC,
 * numbers unrounded, an undefined ratio or statistic is null. The schema exposes them with objectRefs.
 */
export interface PeriodComparison {
  videos: number;
  previousYearVideos: number;
  /** (videos − previous) / previous × 100; null when previous is 0. */
  deltaPercent: number | null;
}

export interface KpisResult {
  videos: number;
  uniqueChannels: number;
  estimatedWatchSeconds: number;
  periods: { mtd: PeriodComparison; qtd: PeriodComparison; ytd: PeriodComparison };
}

export interface MonthlyTrendPoint {
  /** YYYY-MM (local). */
  month: string;
  videos: number;
  uniqueChannels: number;
  estimatedWatchSeconds: number;
}
