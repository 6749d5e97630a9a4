/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Where a result came from: a cache tier, or computed for this request. */
export type CacheSource =
  | 'COMPUTED'
  | 'MEMORY'
  | 'REDIS'
  | 'STORE';

/** Local dates, both inclusive, read in the filter’s time zone. Replaces `timeframe`. */
export type DateRange = {
  from: string;
  to: string;
};

/** WATCHED a video, VIEWED a post or story, VISITED an ad link. */
export type EventKind =
  | 'VIEWED'
  | 'VISITED'
  | 'WATCHED';

/** Where a video was watched. */
export type Product =
  | 'YOUTUBE'
  | 'YOUTUBE_MUSIC';

/** ALL, or one product. */
export type ProductFilter =
  | 'ALL'
  | 'YOUTUBE'
  | 'YOUTUBE_MUSIC';

/** A window relative to today’s local date. MTD/QTD/YTD start on the 1st of the month/quarter/year; LAST_6_MONTHS/LAST_12_MONTHS on the same day-of-month 6/12 months ago (clamped); each at local 00:00, open-ended. ALL has no bound. */
export type Timeframe =
  | 'ALL'
  | 'LAST_6_MONTHS'
  | 'LAST_12_MONTHS'
  | 'MTD'
  | 'QTD'
  | 'YTD';

/** The fixed topic taxonomy; a video gets every topic whose keywords occur in its title or channel, else OTHER. */
export type Topic =
  | 'COOKING'
  | 'EDUCATION'
  | 'ENTERTAINMENT'
  | 'FINANCE'
  | 'GAMING'
  | 'MUSIC'
  | 'NEWS'
  | 'OTHER'
  | 'POLITICS'
  | 'SCIENCE'
  | 'SPORTS'
  | 'TECHNOLOGY'
  | 'TRAVEL';

/** Direction of a count against the period before. */
export type Trend =
  | 'DOWN'
  | 'STABLE'
  | 'UP';

/** One activity, as in a Takeout export. */
export type WatchEventInput = {
  channelTitle?: string | null | undefined;
  /** `https://www.youtube.com/channel/<id>` gives the channel key. */
  channelUrl?: string | null | undefined;
  /** From Google Ads. */
  isAd?: boolean | null | undefined;
  kind?: EventKind | null | undefined;
  product?: Product | null | undefined;
  /** Derived from `videoUrl` when omitted. */
  videoId?: string | null | undefined;
  videoTitle: string;
  videoUrl?: string | null | undefined;
  /** When; null or omitted when unknown (counted, not aggregated). */
  watchedAt?: string | null | undefined;
};

/** Which events an aggregation sees. Omitted fields take their defaults. */
export type WatchFilter = {
  /** Any-of channel keys (see `channelKey`); empty or omitted means every channel. */
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


export type DashboardQuery = { viewer: { id: string, timeZone: string, dataVersion: number }, analytics: { filter: { timeframe: Timeframe, product: ProductFilter, timeZone: string }, kpis: { data: { videos: number, uniqueChannels: number, estimatedWatchSeconds: number, periods: { mtd: { videos: number, previousYearVideos: number, deltaPercent: number | null }, ytd: { videos: number, previousYearVideos: number, deltaPercent: number | null } } }, meta: { source: CacheSource, stale: boolean, computedAt: string, expiresAt: string, dataVersion: number, computeMillis: number } } | null, monthlyTrend: { data: Array<{ month: string, videos: number, uniqueChannels: number, estimatedWatchSeconds: number }>, meta: { source: CacheSource } } | null, topChannels: { data: Array<{ channelKey: string, channelTitle: string, channelUrl: string | null, videos: number, share: number, estimatedWatchSeconds: number }>, meta: { source: CacheSource } } | null, heatmap: { data: Array<{ weekday: number, hour: number, videos: number }>, meta: { source: CacheSource } } | null, topics: { data: Array<{ topic: Topic, videos: number, share: number, recentVideos: number, previousVideos: number, trend: Trend }>, meta: { source: CacheSource } } | null } | null };

export type IngestMutationVariables = Exact<{
  events: Array<WatchEventInput> | WatchEventInput;
}>;


export type IngestMutation = { ingestWatchEvents: { received: number, added: number, duplicates: number, dataVersion: number, precomputeScheduled: boolean } | null };

export type KpisQueryVariables = Exact<{
  filter?: WatchFilter | null | undefined;
}>;


export type KpisQuery = { analytics: { filter: { timeframe: Timeframe, product: ProductFilter, topics: Array<Topic>, channels: Array<string>, timeZone: string, includeAds: boolean, range: { from: string, to: string } | null }, kpis: { data: { videos: number, uniqueChannels: number, estimatedWatchSeconds: number }, meta: { source: CacheSource, stale: boolean, dataVersion: number, filterKey: string, computedAt: string, expiresAt: string, computeMillis: number } } | null } | null };

export type TopChannelsQueryVariables = Exact<{
  filter?: WatchFilter | null | undefined;
  limit?: number | null | undefined;
}>;


export type TopChannelsQuery = { analytics: { topChannels: { data: Array<{ channelKey: string, channelTitle: string, videos: number, share: number }>, meta: { source: CacheSource, dataVersion: number } } | null } | null };


export const DashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Dashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WatchFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"dataVersion"}}]}},{"kind":"Field","name":{"kind":"Name","value":"analytics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeframe"}},{"kind":"Field","name":{"kind":"Name","value":"product"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"kpis"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"data"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"videos"}},{"kind":"Field","name":{"kind":"Name","value":"uniqueChannels"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWatchSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"periods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mtd"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"videos"}},{"kind":"Field","name":{"kind":"Name","value":"previousYearVideos"}},{"kind":"Field","name":{"kind":"Name","value":"deltaPercent"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ytd"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"videos"}},{"kind":"Field","name":{"kind":"Name","value":"previousYearVideos"}},{"kind":"Field","name":{"kind":"Name","value":"deltaPercent"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"stale"}},{"kind":"Field","name":{"kind":"Name","value":"computedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"dataVersion"}},{"kind":"Field","name":{"kind":"Name","value":"computeMillis"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"monthlyTrend"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"data"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"videos"}},{"kind":"Field","name":{"kind":"Name","value":"uniqueChannels"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWatchSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"topChannels"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"data"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channelKey"}},{"kind":"Field","name":{"kind":"Name","value":"channelTitle"}},{"kind":"Field","name":{"kind":"Name","value":"channelUrl"}},{"kind":"Field","name":{"kind":"Name","value":"videos"}},{"kind":"Field","name":{"kind":"Name","value":"share"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWatchSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"heatmap"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"data"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"weekday"}},{"kind":"Field","name":{"kind":"Name","value":"hour"}},{"kind":"Field","name":{"kind":"Name","value":"videos"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"topics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"data"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"topic"}},{"kind":"Field","name":{"kind":"Name","value":"videos"}},{"kind":"Field","name":{"kind":"Name","value":"share"}},{"kind":"Field","name":{"kind":"Name","value":"recentVideos"}},{"kind":"Field","name":{"kind":"Name","value":"previousVideos"}},{"kind":"Field","name":{"kind":"Name","value":"trend"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}}]}}]}}]} as unknown as DocumentNode<DashboardQuery, DashboardQueryVariables>;
export const IngestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Ingest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"events"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WatchEventInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ingestWatchEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"events"},"value":{"kind":"Variable","name":{"kind":"Name","value":"events"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"received"}},{"kind":"Field","name":{"kind":"Name","value":"added"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"dataVersion"}},{"kind":"Field","name":{"kind":"Name","value":"precomputeScheduled"}}]}}]}}]} as unknown as DocumentNode<IngestMutation, IngestMutationVariables>;
export const KpisDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Kpis"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WatchFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"analytics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeframe"}},{"kind":"Field","name":{"kind":"Name","value":"product"}},{"kind":"Field","name":{"kind":"Name","value":"topics"}},{"kind":"Field","name":{"kind":"Name","value":"channels"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"includeAds"}},{"kind":"Field","name":{"kind":"Name","value":"range"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"kpis"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"data"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"videos"}},{"kind":"Field","name":{"kind":"Name","value":"uniqueChannels"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWatchSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"stale"}},{"kind":"Field","name":{"kind":"Name","value":"dataVersion"}},{"kind":"Field","name":{"kind":"Name","value":"filterKey"}},{"kind":"Field","name":{"kind":"Name","value":"computedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"computeMillis"}}]}}]}}]}}]}}]} as unknown as DocumentNode<KpisQuery, KpisQueryVariables>;
export const TopChannelsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TopChannels"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WatchFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"analytics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"topChannels"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"data"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channelKey"}},{"kind":"Field","name":{"kind":"Name","value":"channelTitle"}},{"kind":"Field","name":{"kind":"Name","value":"videos"}},{"kind":"Field","name":{"kind":"Name","value":"share"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"dataVersion"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TopChannelsQuery, TopChannelsQueryVariables>;