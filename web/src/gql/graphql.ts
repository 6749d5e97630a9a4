/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Where a result came from: a cache tier, or computed for this request. */
export type CacheSource =
  /** Computed by the engine for this request: no tier had it. */
  | 'COMPUTED'
  /** This gateway process’s in-memory tier. */
  | 'MEMORY'
  /** The Redis tier shared by every gateway. */
  | 'REDIS'
  /** The durable tier in the system of record (SQLite or Convex). */
  | 'STORE';

/** Order of channelMetrics. Ties in every order: videos desc, then title asc, then channel key asc. */
export type ChannelOrder =
  /** Highest loyaltyScore first. */
  | 'LOYALTY'
  /** Most recently watched (lastWatchedAt) first. */
  | 'RECENT'
  /** Most filtered videos first. */
  | 'VIDEOS';

/** Local dates, both inclusive, read in the filter’s time zone. Replaces `timeframe`. */
export type DateRange = {
  /** First local date, inclusive; not after `to`. */
  from: string;
  /** Last local date, inclusive. */
  to: string;
};

/** Why an expected failure happened: one enum for every typed failure, so a client maps codes to messages in one place. Each value names the field that returns it. */
export type FailureCode =
  /** importTakeout: the file is empty or only white space. */
  | 'EMPTY'
  /** importTakeout: not a Takeout activity history (malformed JSON, a JSON object, an unrelated page). */
  | 'NOT_TAKEOUT'
  /** importTakeout: the text is not UTF-8 (UTF-16, binary); convert it or export it again. */
  | 'NOT_UTF8'
  /** importTakeout: a Takeout history without any activity in it. */
  | 'NO_ACTIVITY'
  /** importTakeout: larger than the upload limit (MAX_UPLOAD_MB); nothing was read. */
  | 'TOO_LARGE'
  /** importTakeout: the file ends early (a JSON array not closed, an incomplete zip); export it again. */
  | 'TRUNCATED'
  /** channelEvolution: the channel key matches no watched video of the viewer (UnknownChannel). */
  | 'UNKNOWN_CHANNEL'
  /** importTakeout: neither JSON, HTML nor a readable zip. */
  | 'UNSUPPORTED_FORMAT'
  /** importTakeout: the zip has too many entries, or members larger than declared or allowed. */
  | 'ZIP_BOMB'
  /** importTakeout: the zip holds no watch-history.json or watch-history.html. */
  | 'ZIP_NO_HISTORY';

/** A viewing habit and the rule that detects it (local times in the filter’s zone). */
export type Habit =
  /** More than 30% of sessions (30-minute gap) have 5 or more videos. */
  | 'BINGE_WATCHER'
  /** consistencyScore ≥ 60 and videos on at least 60% of the span’s days. */
  | 'CREATURE_OF_HABIT'
  /** More than 25% of videos between 05:00 and 08:59. */
  | 'EARLY_BIRD'
  /** More than 35% of videos between 22:00 and 03:59. */
  | 'NIGHT_OWL'
  /** Videos on fewer than 20% of the span’s days. */
  | 'SPORADIC'
  /** weekendIntensity above 1.5. */
  | 'WEEKENDER';

/** Which products a filter keeps: both, or one. */
export type ProductFilter =
  /** Both products (the default). */
  | 'ALL'
  /** YouTube (youtube.com and the YouTube apps). */
  | 'YOUTUBE'
  /** YouTube Music; its videos always have the MUSIC topic. */
  | 'YOUTUBE_MUSIC';

/** Why a record of the file became no event. */
export type SkipReason =
  /** Dated before 2005-04-23, YouTube’s first upload. */
  | 'DATE_BEFORE_YOUTUBE'
  /** Dated later than now + MAX_CLOCK_SKEW_HOURS (default 24 h). */
  | 'DATE_IN_FUTURE'
  /** A title that is empty once invisible characters and white space are removed. */
  | 'EMPTY_TITLE'
  /** A channel link to a host other than youtube.com (www., m., music.). */
  | 'FOREIGN_CHANNEL_URL'
  /** A video link to a host other than youtube.com (www., m., music.) or youtu.be. */
  | 'FOREIGN_VIDEO_URL'
  /** A watch whose fields are unusable (the sample says which). */
  | 'INVALID'
  /** A JSON array element that is not an activity object (no `title`). */
  | 'NOT_AN_ACTIVITY'
  /** An activity without a title. */
  | 'NO_TITLE'
  /** Another kind of activity (a search, a survey answer…), not a watch. */
  | 'OTHER_ACTIVITY'
  /** A title in no known export language’s watched/viewed/visited form. */
  | 'UNRECOGNISED_ACTIVITY';

/** A rendering of the Takeout watch history. */
export type TakeoutFormat =
  /** `watch-history.html`. */
  | 'HTML'
  /** `watch-history.json`. */
  | 'JSON';

/** Bucket size of a time series, in the filter’s time zone. */
export type TimeSeriesInterval =
  /** Local calendar days. */
  | 'DAY'
  /** Local calendar months. */
  | 'MONTH'
  /** Local weeks, Monday to Sunday. */
  | 'WEEK';

/** What a time series counts per bucket. */
export type TimeSeriesMetric =
  /** Distinct channels (videos without a channel add none). */
  | 'CHANNELS'
  /** Distinct topics, 0..13. */
  | 'TOPICS'
  /** Filtered videos. */
  | 'VIDEOS';

/** A window relative to today’s local date in the filter’s time zone, each from local 00:00 and open-ended (today included). */
export type Timeframe =
  /** No time bound (the default). */
  | 'ALL'
  /** From the same day of the month 6 months ago (clamped to that month’s length). */
  | 'LAST_6_MONTHS'
  /** From the same day of the month 12 months ago (clamped to that month’s length). */
  | 'LAST_12_MONTHS'
  /** Month to date: from the 1st of this month. */
  | 'MTD'
  /** Quarter to date: from the 1st of January, April, July or October. */
  | 'QTD'
  /** Year to date: from 1 January. */
  | 'YTD';

/** The fixed topic taxonomy. A video has every topic one of whose keywords occurs as a whole word (case-insensitive) in its title or channel title; YouTube Music videos always have MUSIC; a video with none has OTHER. */
export type Topic =
  /** Keywords (whole words, `*` a prefix): cook*, recipe*, food, meal, kitchen, chef, bak*, cuisine, restaurant, dish, ingredient*. */
  | 'COOKING'
  /** Keywords (whole words, `*` a prefix): learn*, education, tutorial, course, lesson, teach*, study, university, college, school, academic, lecture, explained. */
  | 'EDUCATION'
  /** Keywords (whole words, `*` a prefix): movie*, film*, tv, show, series, netflix, disney, marvel, actor, actress, celebrity, drama, comedy, entertainment, trailer. */
  | 'ENTERTAINMENT'
  /** Keywords (whole words, `*` a prefix): finance, money, invest*, stock*, crypto, bitcoin, ethereum, trading, market*, economy, business, startup, entrepreneur, wealth, financial, bank*. */
  | 'FINANCE'
  /** Keywords (whole words, `*` a prefix): game*, gaming, gamer, playstation, xbox, nintendo, steam, esports, minecraft, fortnite, valorant, overwatch, rpg, fps, speedrun. */
  | 'GAMING'
  /** Keywords (whole words, `*` a prefix): music, song*, album, artist, band, concert, spotify, hip hop, rap, rock, pop, jazz, classical, dj, remix, lyrics, official audio. */
  | 'MUSIC'
  /** Keywords (whole words, `*` a prefix): news, breaking, report, journalist, headline*, press, live coverage, current events. */
  | 'NEWS'
  /** No keyword of another topic matched. */
  | 'OTHER'
  /** Keywords (whole words, `*` a prefix): politic*, election*, government, president, congress, senate, democrat*, republican*, policy, vote, campaign, liberal, conservative. */
  | 'POLITICS'
  /** Keywords (whole words, `*` a prefix): science, physics, chemistry, biology, research, experiment, discovery, space, nasa, quantum, evolution, climate. */
  | 'SCIENCE'
  /** Keywords (whole words, `*` a prefix): sport*, football, basketball, baseball, soccer, tennis, golf, nfl, nba, mlb, fifa, olympic*, athlete, championship, highlights. */
  | 'SPORTS'
  /** Keywords (whole words, `*` a prefix): tech, software, hardware, coding, programming, developer, javascript, typescript, python, react, node, api, app, mobile, web, ai, machine learning, ml, data, database, cloud, aws, azure, devops, kubernetes, docker, linux. */
  | 'TECHNOLOGY'
  /** Keywords (whole words, `*` a prefix): travel*, trip, vacation, tourist, destination, hotel, flight, adventure, explore, beach, mountain*. */
  | 'TRAVEL';

/** Direction of a count against the period before; each field states its thresholds. */
export type Trend =
  /** Below the lower threshold of the previous period’s count. */
  | 'DOWN'
  /** Within the thresholds (or no previous period). */
  | 'STABLE'
  /** Above the upper threshold of the previous period’s count. */
  | 'UP';

/** Which events an aggregation sees. Omitted fields take their defaults. */
export type WatchFilter = {
  /** Any-of channel keys (`ChannelRef.channelKey`), at most 100; empty or omitted means every channel. */
  channels?: Array<string> | null | undefined;
  /** Count videos from Google Ads; default false. */
  includeAds?: boolean | null | undefined;
  /** Default ALL. */
  product?: ProductFilter | null | undefined;
  /** Explicit local dates; replaces `timeframe`. */
  range?: DateRange | null | undefined;
  /** Zone of every calendar field; default the viewer’s zone. */
  timeZone?: string | null | undefined;
  /** Default ALL. Ignored when `range` is set. */
  timeframe?: Timeframe | null | undefined;
  /** Any-of; empty or omitted means every topic. */
  topics?: Array<Topic> | null | undefined;
};

export type DashboardQueryVariables = Exact<{
  filter?: WatchFilter | null | undefined;
  interval?: TimeSeriesInterval | null | undefined;
  metric?: TimeSeriesMetric | null | undefined;
  channelOrder?: ChannelOrder | null | undefined;
  channelsAfter?: string | null | undefined;
  sessionsAfter?: string | null | undefined;
}>;


export type DashboardQuery = { viewer: { id: string, timeZone: string, dataVersion: number }, analytics: (
    { id: string, filter: { timeZone: string }, topChannels: { id: string, data: Array<{ channel: { id: string, channelKey: string, channelTitle: string } }> } | null }
    & { ' $fragmentRefs'?: { 'KpisPanelFragment': KpisPanelFragment;'MonthlyTrendPanelFragment': MonthlyTrendPanelFragment;'TopChannelsPanelFragment': TopChannelsPanelFragment;'HeatmapPanelFragment': HeatmapPanelFragment;'TopicsPanelFragment': TopicsPanelFragment;'OverviewPanelFragment': OverviewPanelFragment;'SessionsPanelFragment': SessionsPanelFragment;'ViewingPatternsPanelFragment': ViewingPatternsPanelFragment;'AdvancedKpisPanelFragment': AdvancedKpisPanelFragment;'HabitsPanelFragment': HabitsPanelFragment;'DailyStatsPanelFragment': DailyStatsPanelFragment;'TimeSeriesPanelFragment': TimeSeriesPanelFragment;'ChannelMetricsPanelFragment': ChannelMetricsPanelFragment;'ChannelRelationshipsPanelFragment': ChannelRelationshipsPanelFragment;'TopicEvolutionPanelFragment': TopicEvolutionPanelFragment;'TopicDiversityPanelFragment': TopicDiversityPanelFragment;'TopicSignalsPanelFragment': TopicSignalsPanelFragment;'DataQualityPanelFragment': DataQualityPanelFragment } }
  ) | null };

export type ChannelSearchQueryVariables = Exact<{
  filter?: WatchFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type ChannelSearchQuery = { analytics: { id: string, channelMetrics: { id: string, data: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, videos: number, channel: { id: string, channelKey: string, channelTitle: string } } }> } } | null } | null };

export type FreshnessFragment = { source: CacheSource, stale: boolean, computedAt: string, dataVersion: number } & { ' $fragmentName'?: 'FreshnessFragment' };

export type ImportTakeoutMutationVariables = Exact<{
  file: File;
}>;


export type ImportTakeoutMutation = { importTakeout:
    | { __typename: 'ImportRejected', code: FailureCode, message: string }
    | { __typename: 'ImportTakeoutSuccess', data: { eventsAdded: number, duplicates: number, skipped: number, eventsParsed: number, dataVersion: number, formats: Array<TakeoutFormat>, files: Array<string>, skippedReasons: Array<{ reason: SkipReason, count: number, samples: Array<{ position: string, detail: string }> }> } }
   | null };

export type ViewerChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ViewerChangedSubscription = { viewerChanged: { dataVersion: number, precomputed: boolean } };

export type DataVersionQueryVariables = Exact<{ [key: string]: never; }>;


export type DataVersionQuery = { viewer: { id: string, dataVersion: number } };

export type HeatmapPanelFragment = { heatmap: { id: string, data: Array<{ weekday: number, hour: number, videos: number }>, meta: { ' $fragmentRefs'?: { 'FreshnessFragment': FreshnessFragment } } } | null } & { ' $fragmentName'?: 'HeatmapPanelFragment' };

export type ViewingPatternsPanelFragment = { viewingPatterns: { id: string, data: { byHour: Array<{ key: number, videos: number, shareOfVideos: number | null }>, byWeekday: Array<{ key: number, videos: number, shareOfVideos: number | null }>, byWeekOfMonth: Array<{ key: number, videos: number, shareOfVideos: number | null }>, byMonth: Array<{ key: number, videos: number, shareOfVideos: number | null }> }, meta: { ' $fragmentRefs'?: { 'FreshnessFragment': FreshnessFragment } } } | null } & { ' $fragmentName'?: 'ViewingPatternsPanelFragment' };

export type SessionsPanelFragment = { sessions: { id: string, data: { count: number, binge: number, short: number, videosPerSession: number | null, medianVideosPerSession: number | null, meanDurationMinutes: number | null, maxVideos: number | null, perActiveDay: number | null, startsByHour: Array<number>, list: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, start: string, end: string, videos: number, channels: Array<{ id: string, channelTitle: string }> } }> } | null }, meta: { ' $fragmentRefs'?: { 'FreshnessFragment': FreshnessFragment } } } | null } & { ' $fragmentName'?: 'SessionsPanelFragment' };

export type OverviewPanelFragment = { overview: { id: string, data: { videos: number, uniqueChannels: number, activeDays: number, spanDays: number, videosPerDay: number | null, videosPerActiveDay: number | null, firstWatchedAt: string | null, lastWatchedAt: string | null }, meta: { ' $fragmentRefs'?: { 'FreshnessFragment': FreshnessFragment } } } | null } & { ' $fragmentName'?: 'OverviewPanelFragment' };

export type DailyStatsPanelFragment = { dailyStats: { id: string, data: { days: number, mean: number | null, median: number | null, mode: number | null, standardDeviation: number | null, p10: number | null, p25: number | null, p50: number | null, p75: number | null, p90: number | null, p95: number | null, p99: number | null }, meta: { ' $fragmentRefs'?: { 'FreshnessFragment': FreshnessFragment } } } | null } & { ' $fragmentName'?: 'DailyStatsPanelFragment' };

export type SessionsPanelQueryQueryVariables = Exact<{
  filter?: WatchFilter | null | undefined;
  sessionsAfter?: string | null | undefined;
}>;


export type SessionsPanelQueryQuery = { analytics: (
    { id: string }
    & { ' $fragmentRefs'?: { 'SessionsPanelFragment': SessionsPanelFragment } }
  ) | null };

export type TopChannelsPanelFragment = { topChannels: { id: string, data: Array<{ videos: number, shareOfVideos: number, estimatedWatchSeconds: number, channel: { id: string, channelKey: string, channelTitle: string, channelUrl: string | null } }>, meta: { ' $fragmentRefs'?: { 'FreshnessFragment': FreshnessFragment } } } | null } & { ' $fragmentName'?: 'TopChannelsPanelFragment' };

export type ChannelMetricsPanelFragment = { channelMetrics: { id: string, data: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, videos: number, shareOfVideos: number, shareOfSessions: number, activeMonths: number, videosPerActiveMonth: number, loyaltyScore: number, peakHour: number, peakWeekday: number, isNew: boolean, lastWatchedAt: string, channel: { id: string, channelTitle: string } } }> }, meta: { ' $fragmentRefs'?: { 'FreshnessFragment': FreshnessFragment } } } | null } & { ' $fragmentName'?: 'ChannelMetricsPanelFragment' };

export type ChannelRelationshipsPanelFragment = { channelRelationships: { id: string, data: Array<{ score: number, sharedSessions: number, sharedTopics: Array<Topic>, a: { id: string, channelTitle: string }, b: { id: string, channelTitle: string } }>, meta: { ' $fragmentRefs'?: { 'FreshnessFragment': FreshnessFragment } } } | null } & { ' $fragmentName'?: 'ChannelRelationshipsPanelFragment' };

export type ChannelEvolutionPanelFragment = { channelEvolution:
    | { __typename: 'ChannelEvolutionSuccess', id: string, data: { channel: { id: string, channelKey: string, channelTitle: string }, points: Array<{ month: string, videos: number, distinctTopics: number, trend: Trend }> }, meta: { ' $fragmentRefs'?: { 'FreshnessFragment': FreshnessFragment } } }
    | { __typename: 'UnknownChannel', code: FailureCode, message: string }
   | null } & { ' $fragmentName'?: 'ChannelEvolutionPanelFragment' };

export type ChannelMetricsPanelQueryQueryVariables = Exact<{
  filter?: WatchFilter | null | undefined;
  channelOrder?: ChannelOrder | null | undefined;
  channelsAfter?: string | null | undefined;
}>;


export type ChannelMetricsPanelQueryQuery = { analytics: (
    { id: string }
    & { ' $fragmentRefs'?: { 'ChannelMetricsPanelFragment': ChannelMetricsPanelFragment } }
  ) | null };

export type ChannelEvolutionPanelQueryQueryVariables = Exact<{
  filter?: WatchFilter | null | undefined;
  channel: string;
}>;


export type ChannelEvolutionPanelQueryQuery = { analytics: (
    { id: string }
    & { ' $fragmentRefs'?: { 'ChannelEvolutionPanelFragment': ChannelEvolutionPanelFragment } }
  ) | null };

export type KpisPanelFragment = { kpis: { id: string, data: { videos: number, uniqueChannels: number, estimatedWatchSeconds: number, periods: { mtd: { videos: number, previousYearVideos: number, deltaPercent: number | null }, qtd: { videos: number, previousYearVideos: number, deltaPercent: number | null }, ytd: { videos: number, previousYearVideos: number, deltaPercent: number | null } } }, meta: { ' $fragmentRefs'?: { 'FreshnessFragment': FreshnessFragment } } } | null } & { ' $fragmentName'?: 'KpisPanelFragment' };

export type AdvancedKpisPanelFragment = { advancedKpis: { id: string, data: { consistencyScore: number | null, growth30d: number | null, growth90d: number | null, newChannelsPerMonth: number | null, peakHour: number | null, repeatChannelShareOfChannels: number | null, top10ChannelShareOfVideos: number | null, weekendIntensity: number | null, weekendShareOfVideos: number | null, peakWindow: { startHour: number, endHour: number } | null }, meta: { ' $fragmentRefs'?: { 'FreshnessFragment': FreshnessFragment } } } | null } & { ' $fragmentName'?: 'AdvancedKpisPanelFragment' };

export type HabitsPanelFragment = { habits: { id: string, data: Array<{ habit: Habit, confidence: number, evidence: string }>, meta: { ' $fragmentRefs'?: { 'FreshnessFragment': FreshnessFragment } } } | null } & { ' $fragmentName'?: 'HabitsPanelFragment' };

export type DataQualityPanelFragment = { dataQuality: { id: string, data: { records: number, watched: number, viewedPosts: number, visitedAds: number, ads: number, undated: number, withChannel: number, duplicatesSkipped: number, ambiguousTimeZones: number, firstWatchedAt: string | null, lastWatchedAt: string | null, timestampFormats: Array<{ format: string, count: number }>, timeZoneAbbreviations: Array<{ abbreviation: string, count: number, assumedOffsetMinutes: number | null }> }, meta: { ' $fragmentRefs'?: { 'FreshnessFragment': FreshnessFragment } } } | null } & { ' $fragmentName'?: 'DataQualityPanelFragment' };

export type TopicsPanelFragment = { topics: { id: string, data: Array<{ topic: Topic, videos: number, shareOfTopicAssignments: number, recentVideos: number, previousVideos: number, trend: Trend }>, meta: { ' $fragmentRefs'?: { 'FreshnessFragment': FreshnessFragment } } } | null } & { ' $fragmentName'?: 'TopicsPanelFragment' };

export type TopicEvolutionPanelFragment = { topicEvolution: { id: string, data: Array<{ topic: Topic, videos: number, growthPercent: number | null, peakMonthOfYear: number, lowMonthOfYear: number, timeline: Array<{ month: string, videos: number }> }>, meta: { ' $fragmentRefs'?: { 'FreshnessFragment': FreshnessFragment } } } | null } & { ' $fragmentName'?: 'TopicEvolutionPanelFragment' };

export type TopicDiversityPanelFragment = { topicDiversity: { id: string, data: { distinctTopics: number, shannonBits: number | null, evenness: number | null, top3TopicShareOfAssignments: number | null, spread: { learning: number | null, leisure: number | null, other: number | null } }, meta: { ' $fragmentRefs'?: { 'FreshnessFragment': FreshnessFragment } } } | null } & { ' $fragmentName'?: 'TopicDiversityPanelFragment' };

export type TopicSignalsPanelFragment = { topicSignals: { id: string, data: Array<{ topic: Topic, videos: number, learning: number, longForm: number, intentional: number, algorithmic: number, coTopics: Array<{ topic: Topic, shareOfTopicVideos: number }> }>, meta: { ' $fragmentRefs'?: { 'FreshnessFragment': FreshnessFragment } } } | null } & { ' $fragmentName'?: 'TopicSignalsPanelFragment' };

export type MonthlyTrendPanelFragment = { monthlyTrend: { id: string, data: Array<{ month: string, videos: number, uniqueChannels: number, estimatedWatchSeconds: number }>, meta: { ' $fragmentRefs'?: { 'FreshnessFragment': FreshnessFragment } } } | null } & { ' $fragmentName'?: 'MonthlyTrendPanelFragment' };

export type TimeSeriesPanelFragment = { timeSeries: { id: string, data: Array<{ start: string, value: number }>, meta: { ' $fragmentRefs'?: { 'FreshnessFragment': FreshnessFragment } } } | null } & { ' $fragmentName'?: 'TimeSeriesPanelFragment' };

export type TimeSeriesPanelQueryQueryVariables = Exact<{
  filter?: WatchFilter | null | undefined;
  interval?: TimeSeriesInterval | null | undefined;
  metric?: TimeSeriesMetric | null | undefined;
}>;


export type TimeSeriesPanelQueryQuery = { analytics: (
    { id: string }
    & { ' $fragmentRefs'?: { 'TimeSeriesPanelFragment': TimeSeriesPanelFragment } }
  ) | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const FreshnessFragmentDoc = new TypedDocumentString(`
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}
    `, {"fragmentName":"Freshness"}) as unknown as TypedDocumentString<FreshnessFragment, unknown>;
export const HeatmapPanelFragmentDoc = new TypedDocumentString(`
    fragment HeatmapPanel on Analytics {
  heatmap {
    id
    data {
      weekday
      hour
      videos
    }
    meta {
      ...Freshness
    }
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}`, {"fragmentName":"HeatmapPanel"}) as unknown as TypedDocumentString<HeatmapPanelFragment, unknown>;
export const ViewingPatternsPanelFragmentDoc = new TypedDocumentString(`
    fragment ViewingPatternsPanel on Analytics {
  viewingPatterns {
    id
    data {
      byHour {
        key
        videos
        shareOfVideos
      }
      byWeekday {
        key
        videos
        shareOfVideos
      }
      byWeekOfMonth {
        key
        videos
        shareOfVideos
      }
      byMonth {
        key
        videos
        shareOfVideos
      }
    }
    meta {
      ...Freshness
    }
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}`, {"fragmentName":"ViewingPatternsPanel"}) as unknown as TypedDocumentString<ViewingPatternsPanelFragment, unknown>;
export const SessionsPanelFragmentDoc = new TypedDocumentString(`
    fragment SessionsPanel on Analytics {
  sessions {
    id
    data {
      count
      binge
      short
      videosPerSession
      medianVideosPerSession
      meanDurationMinutes
      maxVideos
      perActiveDay
      startsByHour
      list(first: 10, after: $sessionsAfter) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            start
            end
            videos
            channels {
              id
              channelTitle
            }
          }
        }
      }
    }
    meta {
      ...Freshness
    }
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}`, {"fragmentName":"SessionsPanel"}) as unknown as TypedDocumentString<SessionsPanelFragment, unknown>;
export const OverviewPanelFragmentDoc = new TypedDocumentString(`
    fragment OverviewPanel on Analytics {
  overview {
    id
    data {
      videos
      uniqueChannels
      activeDays
      spanDays
      videosPerDay
      videosPerActiveDay
      firstWatchedAt
      lastWatchedAt
    }
    meta {
      ...Freshness
    }
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}`, {"fragmentName":"OverviewPanel"}) as unknown as TypedDocumentString<OverviewPanelFragment, unknown>;
export const DailyStatsPanelFragmentDoc = new TypedDocumentString(`
    fragment DailyStatsPanel on Analytics {
  dailyStats {
    id
    data {
      days
      mean
      median
      mode
      standardDeviation
      p10
      p25
      p50
      p75
      p90
      p95
      p99
    }
    meta {
      ...Freshness
    }
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}`, {"fragmentName":"DailyStatsPanel"}) as unknown as TypedDocumentString<DailyStatsPanelFragment, unknown>;
export const TopChannelsPanelFragmentDoc = new TypedDocumentString(`
    fragment TopChannelsPanel on Analytics {
  topChannels(limit: 10) {
    id
    data {
      channel {
        id
        channelKey
        channelTitle
        channelUrl
      }
      videos
      shareOfVideos
      estimatedWatchSeconds
    }
    meta {
      ...Freshness
    }
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}`, {"fragmentName":"TopChannelsPanel"}) as unknown as TypedDocumentString<TopChannelsPanelFragment, unknown>;
export const ChannelMetricsPanelFragmentDoc = new TypedDocumentString(`
    fragment ChannelMetricsPanel on Analytics {
  channelMetrics(first: 10, after: $channelsAfter, orderBy: $channelOrder) {
    id
    data {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          channel {
            id
            channelTitle
          }
          videos
          shareOfVideos
          shareOfSessions
          activeMonths
          videosPerActiveMonth
          loyaltyScore
          peakHour
          peakWeekday
          isNew
          lastWatchedAt
        }
      }
    }
    meta {
      ...Freshness
    }
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}`, {"fragmentName":"ChannelMetricsPanel"}) as unknown as TypedDocumentString<ChannelMetricsPanelFragment, unknown>;
export const ChannelRelationshipsPanelFragmentDoc = new TypedDocumentString(`
    fragment ChannelRelationshipsPanel on Analytics {
  channelRelationships(limit: 10) {
    id
    data {
      a {
        id
        channelTitle
      }
      b {
        id
        channelTitle
      }
      score
      sharedSessions
      sharedTopics
    }
    meta {
      ...Freshness
    }
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}`, {"fragmentName":"ChannelRelationshipsPanel"}) as unknown as TypedDocumentString<ChannelRelationshipsPanelFragment, unknown>;
export const ChannelEvolutionPanelFragmentDoc = new TypedDocumentString(`
    fragment ChannelEvolutionPanel on Analytics {
  channelEvolution(channel: $channel) {
    __typename
    ... on ChannelEvolutionSuccess {
      id
      data {
        channel {
          id
          channelKey
          channelTitle
        }
        points {
          month
          videos
          distinctTopics
          trend
        }
      }
      meta {
        ...Freshness
      }
    }
    ... on Failure {
      code
      message
    }
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}`, {"fragmentName":"ChannelEvolutionPanel"}) as unknown as TypedDocumentString<ChannelEvolutionPanelFragment, unknown>;
export const KpisPanelFragmentDoc = new TypedDocumentString(`
    fragment KpisPanel on Analytics {
  kpis {
    id
    data {
      videos
      uniqueChannels
      estimatedWatchSeconds
      periods {
        mtd {
          videos
          previousYearVideos
          deltaPercent
        }
        qtd {
          videos
          previousYearVideos
          deltaPercent
        }
        ytd {
          videos
          previousYearVideos
          deltaPercent
        }
      }
    }
    meta {
      ...Freshness
    }
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}`, {"fragmentName":"KpisPanel"}) as unknown as TypedDocumentString<KpisPanelFragment, unknown>;
export const AdvancedKpisPanelFragmentDoc = new TypedDocumentString(`
    fragment AdvancedKpisPanel on Analytics {
  advancedKpis {
    id
    data {
      consistencyScore
      growth30d
      growth90d
      newChannelsPerMonth
      peakHour
      peakWindow {
        startHour
        endHour
      }
      repeatChannelShareOfChannels
      top10ChannelShareOfVideos
      weekendIntensity
      weekendShareOfVideos
    }
    meta {
      ...Freshness
    }
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}`, {"fragmentName":"AdvancedKpisPanel"}) as unknown as TypedDocumentString<AdvancedKpisPanelFragment, unknown>;
export const HabitsPanelFragmentDoc = new TypedDocumentString(`
    fragment HabitsPanel on Analytics {
  habits {
    id
    data {
      habit
      confidence
      evidence
    }
    meta {
      ...Freshness
    }
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}`, {"fragmentName":"HabitsPanel"}) as unknown as TypedDocumentString<HabitsPanelFragment, unknown>;
export const DataQualityPanelFragmentDoc = new TypedDocumentString(`
    fragment DataQualityPanel on Analytics {
  dataQuality {
    id
    data {
      records
      watched
      viewedPosts
      visitedAds
      ads
      undated
      withChannel
      duplicatesSkipped
      ambiguousTimeZones
      firstWatchedAt
      lastWatchedAt
      timestampFormats {
        format
        count
      }
      timeZoneAbbreviations {
        abbreviation
        count
        assumedOffsetMinutes
      }
    }
    meta {
      ...Freshness
    }
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}`, {"fragmentName":"DataQualityPanel"}) as unknown as TypedDocumentString<DataQualityPanelFragment, unknown>;
export const TopicsPanelFragmentDoc = new TypedDocumentString(`
    fragment TopicsPanel on Analytics {
  topics {
    id
    data {
      topic
      videos
      shareOfTopicAssignments
      recentVideos
      previousVideos
      trend
    }
    meta {
      ...Freshness
    }
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}`, {"fragmentName":"TopicsPanel"}) as unknown as TypedDocumentString<TopicsPanelFragment, unknown>;
export const TopicEvolutionPanelFragmentDoc = new TypedDocumentString(`
    fragment TopicEvolutionPanel on Analytics {
  topicEvolution {
    id
    data {
      topic
      videos
      growthPercent
      peakMonthOfYear
      lowMonthOfYear
      timeline {
        month
        videos
      }
    }
    meta {
      ...Freshness
    }
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}`, {"fragmentName":"TopicEvolutionPanel"}) as unknown as TypedDocumentString<TopicEvolutionPanelFragment, unknown>;
export const TopicDiversityPanelFragmentDoc = new TypedDocumentString(`
    fragment TopicDiversityPanel on Analytics {
  topicDiversity {
    id
    data {
      distinctTopics
      shannonBits
      evenness
      top3TopicShareOfAssignments
      spread {
        learning
        leisure
        other
      }
    }
    meta {
      ...Freshness
    }
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}`, {"fragmentName":"TopicDiversityPanel"}) as unknown as TypedDocumentString<TopicDiversityPanelFragment, unknown>;
export const TopicSignalsPanelFragmentDoc = new TypedDocumentString(`
    fragment TopicSignalsPanel on Analytics {
  topicSignals {
    id
    data {
      topic
      videos
      learning
      longForm
      intentional
      algorithmic
      coTopics {
        topic
        shareOfTopicVideos
      }
    }
    meta {
      ...Freshness
    }
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}`, {"fragmentName":"TopicSignalsPanel"}) as unknown as TypedDocumentString<TopicSignalsPanelFragment, unknown>;
export const MonthlyTrendPanelFragmentDoc = new TypedDocumentString(`
    fragment MonthlyTrendPanel on Analytics {
  monthlyTrend {
    id
    data {
      month
      videos
      uniqueChannels
      estimatedWatchSeconds
    }
    meta {
      ...Freshness
    }
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}`, {"fragmentName":"MonthlyTrendPanel"}) as unknown as TypedDocumentString<MonthlyTrendPanelFragment, unknown>;
export const TimeSeriesPanelFragmentDoc = new TypedDocumentString(`
    fragment TimeSeriesPanel on Analytics {
  timeSeries(interval: $interval, metric: $metric) {
    id
    data {
      start
      value
    }
    meta {
      ...Freshness
    }
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}`, {"fragmentName":"TimeSeriesPanel"}) as unknown as TypedDocumentString<TimeSeriesPanelFragment, unknown>;
export const DashboardDocument = new TypedDocumentString(`
    query Dashboard($filter: WatchFilter, $interval: TimeSeriesInterval = DAY, $metric: TimeSeriesMetric = VIDEOS, $channelOrder: ChannelOrder = VIDEOS, $channelsAfter: String, $sessionsAfter: String) {
  viewer {
    id
    timeZone
    dataVersion
  }
  analytics(filter: $filter) {
    id
    filter {
      timeZone
    }
    topChannels(limit: 10) {
      id
      data {
        channel {
          id
          channelKey
          channelTitle
        }
      }
    }
    ...KpisPanel
    ...MonthlyTrendPanel
    ...TopChannelsPanel
    ...HeatmapPanel
    ...TopicsPanel
    ...OverviewPanel
    ...SessionsPanel
    ...ViewingPatternsPanel
    ...AdvancedKpisPanel
    ...HabitsPanel
    ...DailyStatsPanel
    ...TimeSeriesPanel
    ...ChannelMetricsPanel
    ...ChannelRelationshipsPanel
    ...TopicEvolutionPanel
    ...TopicDiversityPanel
    ...TopicSignalsPanel
    ...DataQualityPanel
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}
fragment HeatmapPanel on Analytics {
  heatmap {
    id
    data {
      weekday
      hour
      videos
    }
    meta {
      ...Freshness
    }
  }
}
fragment ViewingPatternsPanel on Analytics {
  viewingPatterns {
    id
    data {
      byHour {
        key
        videos
        shareOfVideos
      }
      byWeekday {
        key
        videos
        shareOfVideos
      }
      byWeekOfMonth {
        key
        videos
        shareOfVideos
      }
      byMonth {
        key
        videos
        shareOfVideos
      }
    }
    meta {
      ...Freshness
    }
  }
}
fragment SessionsPanel on Analytics {
  sessions {
    id
    data {
      count
      binge
      short
      videosPerSession
      medianVideosPerSession
      meanDurationMinutes
      maxVideos
      perActiveDay
      startsByHour
      list(first: 10, after: $sessionsAfter) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            start
            end
            videos
            channels {
              id
              channelTitle
            }
          }
        }
      }
    }
    meta {
      ...Freshness
    }
  }
}
fragment OverviewPanel on Analytics {
  overview {
    id
    data {
      videos
      uniqueChannels
      activeDays
      spanDays
      videosPerDay
      videosPerActiveDay
      firstWatchedAt
      lastWatchedAt
    }
    meta {
      ...Freshness
    }
  }
}
fragment DailyStatsPanel on Analytics {
  dailyStats {
    id
    data {
      days
      mean
      median
      mode
      standardDeviation
      p10
      p25
      p50
      p75
      p90
      p95
      p99
    }
    meta {
      ...Freshness
    }
  }
}
fragment TopChannelsPanel on Analytics {
  topChannels(limit: 10) {
    id
    data {
      channel {
        id
        channelKey
        channelTitle
        channelUrl
      }
      videos
      shareOfVideos
      estimatedWatchSeconds
    }
    meta {
      ...Freshness
    }
  }
}
fragment ChannelMetricsPanel on Analytics {
  channelMetrics(first: 10, after: $channelsAfter, orderBy: $channelOrder) {
    id
    data {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          channel {
            id
            channelTitle
          }
          videos
          shareOfVideos
          shareOfSessions
          activeMonths
          videosPerActiveMonth
          loyaltyScore
          peakHour
          peakWeekday
          isNew
          lastWatchedAt
        }
      }
    }
    meta {
      ...Freshness
    }
  }
}
fragment ChannelRelationshipsPanel on Analytics {
  channelRelationships(limit: 10) {
    id
    data {
      a {
        id
        channelTitle
      }
      b {
        id
        channelTitle
      }
      score
      sharedSessions
      sharedTopics
    }
    meta {
      ...Freshness
    }
  }
}
fragment KpisPanel on Analytics {
  kpis {
    id
    data {
      videos
      uniqueChannels
      estimatedWatchSeconds
      periods {
        mtd {
          videos
          previousYearVideos
          deltaPercent
        }
        qtd {
          videos
          previousYearVideos
          deltaPercent
        }
        ytd {
          videos
          previousYearVideos
          deltaPercent
        }
      }
    }
    meta {
      ...Freshness
    }
  }
}
fragment AdvancedKpisPanel on Analytics {
  advancedKpis {
    id
    data {
      consistencyScore
      growth30d
      growth90d
      newChannelsPerMonth
      peakHour
      peakWindow {
        startHour
        endHour
      }
      repeatChannelShareOfChannels
      top10ChannelShareOfVideos
      weekendIntensity
      weekendShareOfVideos
    }
    meta {
      ...Freshness
    }
  }
}
fragment HabitsPanel on Analytics {
  habits {
    id
    data {
      habit
      confidence
      evidence
    }
    meta {
      ...Freshness
    }
  }
}
fragment DataQualityPanel on Analytics {
  dataQuality {
    id
    data {
      records
      watched
      viewedPosts
      visitedAds
      ads
      undated
      withChannel
      duplicatesSkipped
      ambiguousTimeZones
      firstWatchedAt
      lastWatchedAt
      timestampFormats {
        format
        count
      }
      timeZoneAbbreviations {
        abbreviation
        count
        assumedOffsetMinutes
      }
    }
    meta {
      ...Freshness
    }
  }
}
fragment TopicsPanel on Analytics {
  topics {
    id
    data {
      topic
      videos
      shareOfTopicAssignments
      recentVideos
      previousVideos
      trend
    }
    meta {
      ...Freshness
    }
  }
}
fragment TopicEvolutionPanel on Analytics {
  topicEvolution {
    id
    data {
      topic
      videos
      growthPercent
      peakMonthOfYear
      lowMonthOfYear
      timeline {
        month
        videos
      }
    }
    meta {
      ...Freshness
    }
  }
}
fragment TopicDiversityPanel on Analytics {
  topicDiversity {
    id
    data {
      distinctTopics
      shannonBits
      evenness
      top3TopicShareOfAssignments
      spread {
        learning
        leisure
        other
      }
    }
    meta {
      ...Freshness
    }
  }
}
fragment TopicSignalsPanel on Analytics {
  topicSignals {
    id
    data {
      topic
      videos
      learning
      longForm
      intentional
      algorithmic
      coTopics {
        topic
        shareOfTopicVideos
      }
    }
    meta {
      ...Freshness
    }
  }
}
fragment MonthlyTrendPanel on Analytics {
  monthlyTrend {
    id
    data {
      month
      videos
      uniqueChannels
      estimatedWatchSeconds
    }
    meta {
      ...Freshness
    }
  }
}
fragment TimeSeriesPanel on Analytics {
  timeSeries(interval: $interval, metric: $metric) {
    id
    data {
      start
      value
    }
    meta {
      ...Freshness
    }
  }
}`, {"hash":"sha256:0466e8d54cc3123998130f85dfe76c8aef1671e50844e507343cac7f1f5c41f2"}) as unknown as TypedDocumentString<DashboardQuery, DashboardQueryVariables>;
export const ChannelSearchDocument = new TypedDocumentString(`
    query ChannelSearch($filter: WatchFilter, $after: String) {
  analytics(filter: $filter) {
    id
    channelMetrics(first: 100, after: $after) {
      id
      data {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            videos
            channel {
              id
              channelKey
              channelTitle
            }
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:4162a9fb7416e5abb1235c8271fe7bf59344909176755b71dae05d3c082ab5a1"}) as unknown as TypedDocumentString<ChannelSearchQuery, ChannelSearchQueryVariables>;
export const ImportTakeoutDocument = new TypedDocumentString(`
    mutation ImportTakeout($file: File!) {
  importTakeout(file: $file) {
    __typename
    ... on ImportTakeoutSuccess {
      data {
        eventsAdded
        duplicates
        skipped
        eventsParsed
        dataVersion
        formats
        files
        skippedReasons {
          reason
          count
          samples {
            position
            detail
          }
        }
      }
    }
    ... on Failure {
      code
      message
    }
  }
}
    `, {"hash":"sha256:9801496fe29bfe8b357d43097c21a88ea9934b1d63f950d029569a70270a6a24"}) as unknown as TypedDocumentString<ImportTakeoutMutation, ImportTakeoutMutationVariables>;
export const ViewerChangedDocument = new TypedDocumentString(`
    subscription ViewerChanged {
  viewerChanged {
    dataVersion
    precomputed
  }
}
    `, {"hash":"sha256:a62a344e7a1be9cfbc094eac92d9c14d482f8353f18a2d2713da3bb16afa91ef"}) as unknown as TypedDocumentString<ViewerChangedSubscription, ViewerChangedSubscriptionVariables>;
export const DataVersionDocument = new TypedDocumentString(`
    query DataVersion {
  viewer {
    id
    dataVersion
  }
}
    `, {"hash":"sha256:fab7b23720de352a87c56cc0ccc685126a6e5680caee65a34621380b6207e529"}) as unknown as TypedDocumentString<DataVersionQuery, DataVersionQueryVariables>;
export const SessionsPanelQueryDocument = new TypedDocumentString(`
    query SessionsPanelQuery($filter: WatchFilter, $sessionsAfter: String) {
  analytics(filter: $filter) {
    id
    ...SessionsPanel
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}
fragment SessionsPanel on Analytics {
  sessions {
    id
    data {
      count
      binge
      short
      videosPerSession
      medianVideosPerSession
      meanDurationMinutes
      maxVideos
      perActiveDay
      startsByHour
      list(first: 10, after: $sessionsAfter) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            start
            end
            videos
            channels {
              id
              channelTitle
            }
          }
        }
      }
    }
    meta {
      ...Freshness
    }
  }
}`, {"hash":"sha256:06d61c0f96dc9fe2803d9b22bcd546e8266327c77d49cd6d49cc8306f9c1c2a2"}) as unknown as TypedDocumentString<SessionsPanelQueryQuery, SessionsPanelQueryQueryVariables>;
export const ChannelMetricsPanelQueryDocument = new TypedDocumentString(`
    query ChannelMetricsPanelQuery($filter: WatchFilter, $channelOrder: ChannelOrder, $channelsAfter: String) {
  analytics(filter: $filter) {
    id
    ...ChannelMetricsPanel
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}
fragment ChannelMetricsPanel on Analytics {
  channelMetrics(first: 10, after: $channelsAfter, orderBy: $channelOrder) {
    id
    data {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          channel {
            id
            channelTitle
          }
          videos
          shareOfVideos
          shareOfSessions
          activeMonths
          videosPerActiveMonth
          loyaltyScore
          peakHour
          peakWeekday
          isNew
          lastWatchedAt
        }
      }
    }
    meta {
      ...Freshness
    }
  }
}`, {"hash":"sha256:3a3f3eaed1a904aeb0089560b1edde06385a4ffe858062cc906d21d0502d2362"}) as unknown as TypedDocumentString<ChannelMetricsPanelQueryQuery, ChannelMetricsPanelQueryQueryVariables>;
export const ChannelEvolutionPanelQueryDocument = new TypedDocumentString(`
    query ChannelEvolutionPanelQuery($filter: WatchFilter, $channel: String!) {
  analytics(filter: $filter) {
    id
    ...ChannelEvolutionPanel
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}
fragment ChannelEvolutionPanel on Analytics {
  channelEvolution(channel: $channel) {
    __typename
    ... on ChannelEvolutionSuccess {
      id
      data {
        channel {
          id
          channelKey
          channelTitle
        }
        points {
          month
          videos
          distinctTopics
          trend
        }
      }
      meta {
        ...Freshness
      }
    }
    ... on Failure {
      code
      message
    }
  }
}`, {"hash":"sha256:472d6668da048d8306cd60238919230742e35a55f06c7ae539469094af945704"}) as unknown as TypedDocumentString<ChannelEvolutionPanelQueryQuery, ChannelEvolutionPanelQueryQueryVariables>;
export const TimeSeriesPanelQueryDocument = new TypedDocumentString(`
    query TimeSeriesPanelQuery($filter: WatchFilter, $interval: TimeSeriesInterval, $metric: TimeSeriesMetric) {
  analytics(filter: $filter) {
    id
    ...TimeSeriesPanel
  }
}
    fragment Freshness on ResultMeta {
  source
  stale
  computedAt
  dataVersion
}
fragment TimeSeriesPanel on Analytics {
  timeSeries(interval: $interval, metric: $metric) {
    id
    data {
      start
      value
    }
    meta {
      ...Freshness
    }
  }
}`, {"hash":"sha256:13980caf42700fac4b3bc0dec37f589db63216b443a7b30af50d2ffcaab4203a"}) as unknown as TypedDocumentString<TimeSeriesPanelQueryQuery, TimeSeriesPanelQueryQueryVariables>;