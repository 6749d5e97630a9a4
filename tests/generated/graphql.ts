/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
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

/** Local dates, both inclusive, read in the filter’s time zone. Replaces `timeframe`. */
export type DateRange = {
  /** First local date, inclusive; not after `to`. */
  from: string;
  /** Last local date, inclusive. */
  to: string;
};

/** What an activity record is. Aggregations see WATCHED only; dataQuality counts every kind. */
export type EventKind =
  /** A community post or story was viewed. */
  | 'VIEWED'
  /** An ad link was visited. */
  | 'VISITED'
  /** A video was watched. */
  | 'WATCHED';

/** Where a video was watched. */
export type Product =
  /** YouTube (youtube.com and the YouTube apps). */
  | 'YOUTUBE'
  /** YouTube Music; its videos always have the MUSIC topic. */
  | 'YOUTUBE_MUSIC';

/** Which products a filter keeps: both, or one. */
export type ProductFilter =
  /** Both products (the default). */
  | 'ALL'
  /** YouTube (youtube.com and the YouTube apps). */
  | 'YOUTUBE'
  /** YouTube Music; its videos always have the MUSIC topic. */
  | 'YOUTUBE_MUSIC';

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

/** One activity, as in a Takeout export. */
export type WatchEventInput = {
  /** The channel’s name; gives the channel key `title:<normalised>` without a URL. */
  channelTitle?: string | null | undefined;
  /** `https://www.youtube.com/channel/<id>` gives the channel key `<id>`. */
  channelUrl?: string | null | undefined;
  /** From Google Ads; default false. */
  isAd?: boolean | null | undefined;
  /** What it is; default WATCHED. */
  kind?: EventKind | null | undefined;
  /** Where it was watched; default YOUTUBE. */
  product?: Product | null | undefined;
  /** The YouTube video id; derived from `videoUrl` when omitted. */
  videoId?: string | null | undefined;
  /** The title as shown in the history (non-empty). */
  videoTitle: string;
  /** The video’s `https://www.youtube.com/watch?v=…` URL. */
  videoUrl?: string | null | undefined;
  /** When; null or omitted when unknown (counted, not aggregated). */
  watchedAt?: string | null | undefined;
};

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
}>;


export type DashboardQuery = { viewer: { id: string, timeZone: string, dataVersion: number }, analytics: { id: string, filter: { timeframe: Timeframe, product: ProductFilter, timeZone: string }, kpis: { id: string, data: { videos: number, uniqueChannels: number, estimatedWatchSeconds: number, periods: { mtd: { videos: number, previousYearVideos: number, deltaPercent: number | null }, ytd: { videos: number, previousYearVideos: number, deltaPercent: number | null } } }, meta: { source: CacheSource, stale: boolean, computedAt: string, expiresAt: string, dataVersion: number, computeMillis: number } } | null, monthlyTrend: { id: string, data: Array<{ month: string, videos: number, uniqueChannels: number, estimatedWatchSeconds: number }>, meta: { source: CacheSource } } | null, topChannels: { id: string, data: Array<{ videos: number, shareOfVideos: number, estimatedWatchSeconds: number, channel: { id: string, channelKey: string, channelTitle: string, channelUrl: string | null } }>, meta: { source: CacheSource } } | null, heatmap: { id: string, data: Array<{ weekday: number, hour: number, videos: number }>, meta: { source: CacheSource } } | null, topics: { id: string, data: Array<{ topic: Topic, videos: number, shareOfTopicAssignments: number, recentVideos: number, previousVideos: number, trend: Trend }>, meta: { source: CacheSource } } | null } | null };

export type IngestMutationVariables = Exact<{
  events: Array<WatchEventInput> | WatchEventInput;
}>;


export type IngestMutation = { ingestWatchEvents: { received: number, added: number, duplicates: number, dataVersion: number, precomputeScheduled: boolean } | null };

export type KpisQueryVariables = Exact<{
  filter?: WatchFilter | null | undefined;
}>;


export type KpisQuery = { analytics: { id: string, filter: { timeframe: Timeframe, product: ProductFilter, topics: Array<Topic>, channels: Array<string>, timeZone: string, includeAds: boolean, range: { from: string, to: string } | null }, kpis: { id: string, data: { videos: number, uniqueChannels: number, estimatedWatchSeconds: number }, meta: { source: CacheSource, stale: boolean, dataVersion: number, filterKey: string, computedAt: string, expiresAt: string, computeMillis: number } } | null } | null };

export type TopChannelsQueryVariables = Exact<{
  filter?: WatchFilter | null | undefined;
  limit?: number | null | undefined;
}>;


export type TopChannelsQuery = { analytics: { topChannels: { id: string, data: Array<{ videos: number, shareOfVideos: number, channel: { id: string, channelKey: string, channelTitle: string } }>, meta: { source: CacheSource, dataVersion: number } } | null } | null };


export const DashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Dashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WatchFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"dataVersion"}}]}},{"kind":"Field","name":{"kind":"Name","value":"analytics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"filter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeframe"}},{"kind":"Field","name":{"kind":"Name","value":"product"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"kpis"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"data"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"videos"}},{"kind":"Field","name":{"kind":"Name","value":"uniqueChannels"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWatchSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"periods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mtd"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"videos"}},{"kind":"Field","name":{"kind":"Name","value":"previousYearVideos"}},{"kind":"Field","name":{"kind":"Name","value":"deltaPercent"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ytd"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"videos"}},{"kind":"Field","name":{"kind":"Name","value":"previousYearVideos"}},{"kind":"Field","name":{"kind":"Name","value":"deltaPercent"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"stale"}},{"kind":"Field","name":{"kind":"Name","value":"computedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"dataVersion"}},{"kind":"Field","name":{"kind":"Name","value":"computeMillis"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"monthlyTrend"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"data"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"videos"}},{"kind":"Field","name":{"kind":"Name","value":"uniqueChannels"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWatchSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"topChannels"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"data"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"channelKey"}},{"kind":"Field","name":{"kind":"Name","value":"channelTitle"}},{"kind":"Field","name":{"kind":"Name","value":"channelUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"videos"}},{"kind":"Field","name":{"kind":"Name","value":"shareOfVideos"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWatchSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"heatmap"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"data"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"weekday"}},{"kind":"Field","name":{"kind":"Name","value":"hour"}},{"kind":"Field","name":{"kind":"Name","value":"videos"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"topics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"data"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"topic"}},{"kind":"Field","name":{"kind":"Name","value":"videos"}},{"kind":"Field","name":{"kind":"Name","value":"shareOfTopicAssignments"}},{"kind":"Field","name":{"kind":"Name","value":"recentVideos"}},{"kind":"Field","name":{"kind":"Name","value":"previousVideos"}},{"kind":"Field","name":{"kind":"Name","value":"trend"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}}]}}]}}]} as unknown as DocumentNode<DashboardQuery, DashboardQueryVariables>;
export const IngestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Ingest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"events"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WatchEventInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ingestWatchEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"events"},"value":{"kind":"Variable","name":{"kind":"Name","value":"events"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"received"}},{"kind":"Field","name":{"kind":"Name","value":"added"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"dataVersion"}},{"kind":"Field","name":{"kind":"Name","value":"precomputeScheduled"}}]}}]}}]} as unknown as DocumentNode<IngestMutation, IngestMutationVariables>;
export const KpisDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Kpis"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WatchFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"analytics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"filter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeframe"}},{"kind":"Field","name":{"kind":"Name","value":"product"}},{"kind":"Field","name":{"kind":"Name","value":"topics"}},{"kind":"Field","name":{"kind":"Name","value":"channels"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"includeAds"}},{"kind":"Field","name":{"kind":"Name","value":"range"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"kpis"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"data"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"videos"}},{"kind":"Field","name":{"kind":"Name","value":"uniqueChannels"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWatchSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"stale"}},{"kind":"Field","name":{"kind":"Name","value":"dataVersion"}},{"kind":"Field","name":{"kind":"Name","value":"filterKey"}},{"kind":"Field","name":{"kind":"Name","value":"computedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"computeMillis"}}]}}]}}]}}]}}]} as unknown as DocumentNode<KpisQuery, KpisQueryVariables>;
export const TopChannelsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TopChannels"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WatchFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"analytics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"topChannels"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"data"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"channelKey"}},{"kind":"Field","name":{"kind":"Name","value":"channelTitle"}}]}},{"kind":"Field","name":{"kind":"Name","value":"videos"}},{"kind":"Field","name":{"kind":"Name","value":"shareOfVideos"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"dataVersion"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TopChannelsQuery, TopChannelsQueryVariables>;