/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Dashboard(\n    $filter: WatchFilter\n    $interval: TimeSeriesInterval = DAY\n    $metric: TimeSeriesMetric = VIDEOS\n    $channelOrder: ChannelOrder = VIDEOS\n    $channelsAfter: String\n    $sessionsAfter: String\n  ) {\n    viewer { id timeZone dataVersion }\n    analytics(filter: $filter) {\n      id\n      filter { timeZone }\n      topChannels(limit: 10) { id data { channel { id channelKey channelTitle } } }\n      ...KpisPanel\n      ...MonthlyTrendPanel\n      ...TopChannelsPanel\n      ...HeatmapPanel\n      ...TopicsPanel\n      ...OverviewPanel\n      ...SessionsPanel\n      ...ViewingPatternsPanel\n      ...AdvancedKpisPanel\n      ...HabitsPanel\n      ...DailyStatsPanel\n      ...TimeSeriesPanel\n      ...ChannelMetricsPanel\n      ...ChannelRelationshipsPanel\n      ...TopicEvolutionPanel\n      ...TopicDiversityPanel\n      ...TopicSignalsPanel\n      ...DataQualityPanel\n    }\n  }\n": typeof types.DashboardDocument,
    "\n  query ChannelSearch($filter: WatchFilter, $after: String) {\n    analytics(filter: $filter) {\n      id\n      channelMetrics(first: 100, after: $after) {\n        id\n        data {\n          totalCount\n          pageInfo { hasNextPage endCursor }\n          edges { node { id videos channel { id channelKey channelTitle } } }\n        }\n      }\n    }\n  }\n": typeof types.ChannelSearchDocument,
    "\n  fragment Freshness on ResultMeta {\n    source\n    stale\n    computedAt\n    dataVersion\n  }\n": typeof types.FreshnessFragmentDoc,
    "\n  mutation ImportTakeout($file: File!) {\n    importTakeout(file: $file) {\n      __typename\n      ... on ImportTakeoutSuccess {\n        data {\n          eventsAdded\n          duplicates\n          skipped\n          eventsParsed\n          dataVersion\n          formats\n          files\n          skippedReasons { reason count samples { position detail } }\n        }\n      }\n      ... on Failure { code message }\n    }\n  }\n": typeof types.ImportTakeoutDocument,
    "\n  subscription ViewerChanged {\n    viewerChanged { dataVersion precomputed }\n  }\n": typeof types.ViewerChangedDocument,
    "\n  query DataVersion {\n    viewer { id dataVersion }\n  }\n": typeof types.DataVersionDocument,
    "\n  fragment HeatmapPanel on Analytics {\n    heatmap {\n      id\n      data { weekday hour videos }\n      meta { ...Freshness }\n    }\n  }\n": typeof types.HeatmapPanelFragmentDoc,
    "\n  fragment ViewingPatternsPanel on Analytics {\n    viewingPatterns {\n      id\n      data {\n        byHour { key videos shareOfVideos }\n        byWeekday { key videos shareOfVideos }\n        byWeekOfMonth { key videos shareOfVideos }\n        byMonth { key videos shareOfVideos }\n      }\n      meta { ...Freshness }\n    }\n  }\n": typeof types.ViewingPatternsPanelFragmentDoc,
    "\n  fragment SessionsPanel on Analytics {\n    sessions {\n      id\n      data {\n        count\n        binge\n        short\n        videosPerSession\n        medianVideosPerSession\n        meanDurationMinutes\n        maxVideos\n        perActiveDay\n        startsByHour\n        list(first: 10, after: $sessionsAfter) {\n          totalCount\n          pageInfo { hasNextPage endCursor }\n          edges { node { id start end videos channels { id channelTitle } } }\n        }\n      }\n      meta { ...Freshness }\n    }\n  }\n": typeof types.SessionsPanelFragmentDoc,
    "\n  fragment OverviewPanel on Analytics {\n    overview {\n      id\n      data { videos uniqueChannels activeDays spanDays videosPerDay videosPerActiveDay firstWatchedAt lastWatchedAt }\n      meta { ...Freshness }\n    }\n  }\n": typeof types.OverviewPanelFragmentDoc,
    "\n  fragment DailyStatsPanel on Analytics {\n    dailyStats {\n      id\n      data { days mean median mode standardDeviation p10 p25 p50 p75 p90 p95 p99 }\n      meta { ...Freshness }\n    }\n  }\n": typeof types.DailyStatsPanelFragmentDoc,
    "\n  query SessionsPanelQuery($filter: WatchFilter, $sessionsAfter: String) {\n    analytics(filter: $filter) {\n      id\n      ...SessionsPanel\n    }\n  }\n": typeof types.SessionsPanelQueryDocument,
    "\n  fragment TopChannelsPanel on Analytics {\n    topChannels(limit: 10) {\n      id\n      data {\n        channel { id channelKey channelTitle channelUrl }\n        videos\n        shareOfVideos\n        estimatedWatchSeconds\n      }\n      meta { ...Freshness }\n    }\n  }\n": typeof types.TopChannelsPanelFragmentDoc,
    "\n  fragment ChannelMetricsPanel on Analytics {\n    channelMetrics(first: 10, after: $channelsAfter, orderBy: $channelOrder) {\n      id\n      data {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges {\n          node {\n            id\n            channel { id channelTitle }\n            videos\n            shareOfVideos\n            shareOfSessions\n            activeMonths\n            videosPerActiveMonth\n            loyaltyScore\n            peakHour\n            peakWeekday\n            isNew\n            lastWatchedAt\n          }\n        }\n      }\n      meta { ...Freshness }\n    }\n  }\n": typeof types.ChannelMetricsPanelFragmentDoc,
    "\n  fragment ChannelRelationshipsPanel on Analytics {\n    channelRelationships(limit: 10) {\n      id\n      data {\n        a { id channelTitle }\n        b { id channelTitle }\n        score\n        sharedSessions\n        sharedTopics\n      }\n      meta { ...Freshness }\n    }\n  }\n": typeof types.ChannelRelationshipsPanelFragmentDoc,
    "\n  fragment ChannelEvolutionPanel on Analytics {\n    channelEvolution(channel: $channel) {\n      __typename\n      ... on ChannelEvolutionSuccess {\n        id\n        data {\n          channel { id channelKey channelTitle }\n          points { month videos distinctTopics trend }\n        }\n        meta { ...Freshness }\n      }\n      ... on Failure { code message }\n    }\n  }\n": typeof types.ChannelEvolutionPanelFragmentDoc,
    "\n  query ChannelMetricsPanelQuery($filter: WatchFilter, $channelOrder: ChannelOrder, $channelsAfter: String) {\n    analytics(filter: $filter) {\n      id\n      ...ChannelMetricsPanel\n    }\n  }\n": typeof types.ChannelMetricsPanelQueryDocument,
    "\n  query ChannelEvolutionPanelQuery($filter: WatchFilter, $channel: String!) {\n    analytics(filter: $filter) {\n      id\n      ...ChannelEvolutionPanel\n    }\n  }\n": typeof types.ChannelEvolutionPanelQueryDocument,
    "\n  fragment KpisPanel on Analytics {\n    kpis {\n      id\n      data {\n        videos\n        uniqueChannels\n        estimatedWatchSeconds\n        periods {\n          mtd { videos previousYearVideos deltaPercent }\n          qtd { videos previousYearVideos deltaPercent }\n          ytd { videos previousYearVideos deltaPercent }\n        }\n      }\n      meta { ...Freshness }\n    }\n  }\n": typeof types.KpisPanelFragmentDoc,
    "\n  fragment AdvancedKpisPanel on Analytics {\n    advancedKpis {\n      id\n      data {\n        consistencyScore\n        growth30d\n        growth90d\n        newChannelsPerMonth\n        peakHour\n        peakWindow { startHour endHour }\n        repeatChannelShareOfChannels\n        top10ChannelShareOfVideos\n        weekendIntensity\n        weekendShareOfVideos\n      }\n      meta { ...Freshness }\n    }\n  }\n": typeof types.AdvancedKpisPanelFragmentDoc,
    "\n  fragment HabitsPanel on Analytics {\n    habits {\n      id\n      data { habit confidence evidence }\n      meta { ...Freshness }\n    }\n  }\n": typeof types.HabitsPanelFragmentDoc,
    "\n  fragment DataQualityPanel on Analytics {\n    dataQuality {\n      id\n      data {\n        records\n        watched\n        viewedPosts\n        visitedAds\n        ads\n        undated\n        withChannel\n        duplicatesSkipped\n        ambiguousTimeZones\n        firstWatchedAt\n        lastWatchedAt\n        timestampFormats { format count }\n        timeZoneAbbreviations { abbreviation count assumedOffsetMinutes }\n      }\n      meta { ...Freshness }\n    }\n  }\n": typeof types.DataQualityPanelFragmentDoc,
    "\n  fragment TopicsPanel on Analytics {\n    topics {\n      id\n      data { topic videos shareOfTopicAssignments recentVideos previousVideos trend }\n      meta { ...Freshness }\n    }\n  }\n": typeof types.TopicsPanelFragmentDoc,
    "\n  fragment TopicEvolutionPanel on Analytics {\n    topicEvolution {\n      id\n      data {\n        topic\n        videos\n        growthPercent\n        peakMonthOfYear\n        lowMonthOfYear\n        timeline { month videos }\n      }\n      meta { ...Freshness }\n    }\n  }\n": typeof types.TopicEvolutionPanelFragmentDoc,
    "\n  fragment TopicDiversityPanel on Analytics {\n    topicDiversity {\n      id\n      data {\n        distinctTopics\n        shannonBits\n        evenness\n        top3TopicShareOfAssignments\n        spread { learning leisure other }\n      }\n      meta { ...Freshness }\n    }\n  }\n": typeof types.TopicDiversityPanelFragmentDoc,
    "\n  fragment TopicSignalsPanel on Analytics {\n    topicSignals {\n      id\n      data {\n        topic\n        videos\n        learning\n        longForm\n        intentional\n        algorithmic\n        coTopics { topic shareOfTopicVideos }\n      }\n      meta { ...Freshness }\n    }\n  }\n": typeof types.TopicSignalsPanelFragmentDoc,
    "\n  fragment MonthlyTrendPanel on Analytics {\n    monthlyTrend {\n      id\n      data { month videos uniqueChannels estimatedWatchSeconds }\n      meta { ...Freshness }\n    }\n  }\n": typeof types.MonthlyTrendPanelFragmentDoc,
    "\n  fragment TimeSeriesPanel on Analytics {\n    timeSeries(interval: $interval, metric: $metric) {\n      id\n      data { start value }\n      meta { ...Freshness }\n    }\n  }\n": typeof types.TimeSeriesPanelFragmentDoc,
    "\n  query TimeSeriesPanelQuery($filter: WatchFilter, $interval: TimeSeriesInterval, $metric: TimeSeriesMetric) {\n    analytics(filter: $filter) {\n      id\n      ...TimeSeriesPanel\n    }\n  }\n": typeof types.TimeSeriesPanelQueryDocument,
};
const documents: Documents = {
    "\n  query Dashboard(\n    $filter: WatchFilter\n    $interval: TimeSeriesInterval = DAY\n    $metric: TimeSeriesMetric = VIDEOS\n    $channelOrder: ChannelOrder = VIDEOS\n    $channelsAfter: String\n    $sessionsAfter: String\n  ) {\n    viewer { id timeZone dataVersion }\n    analytics(filter: $filter) {\n      id\n      filter { timeZone }\n      topChannels(limit: 10) { id data { channel { id channelKey channelTitle } } }\n      ...KpisPanel\n      ...MonthlyTrendPanel\n      ...TopChannelsPanel\n      ...HeatmapPanel\n      ...TopicsPanel\n      ...OverviewPanel\n      ...SessionsPanel\n      ...ViewingPatternsPanel\n      ...AdvancedKpisPanel\n      ...HabitsPanel\n      ...DailyStatsPanel\n      ...TimeSeriesPanel\n      ...ChannelMetricsPanel\n      ...ChannelRelationshipsPanel\n      ...TopicEvolutionPanel\n      ...TopicDiversityPanel\n      ...TopicSignalsPanel\n      ...DataQualityPanel\n    }\n  }\n": types.DashboardDocument,
    "\n  query ChannelSearch($filter: WatchFilter, $after: String) {\n    analytics(filter: $filter) {\n      id\n      channelMetrics(first: 100, after: $after) {\n        id\n        data {\n          totalCount\n          pageInfo { hasNextPage endCursor }\n          edges { node { id videos channel { id channelKey channelTitle } } }\n        }\n      }\n    }\n  }\n": types.ChannelSearchDocument,
    "\n  fragment Freshness on ResultMeta {\n    source\n    stale\n    computedAt\n    dataVersion\n  }\n": types.FreshnessFragmentDoc,
    "\n  mutation ImportTakeout($file: File!) {\n    importTakeout(file: $file) {\n      __typename\n      ... on ImportTakeoutSuccess {\n        data {\n          eventsAdded\n          duplicates\n          skipped\n          eventsParsed\n          dataVersion\n          formats\n          files\n          skippedReasons { reason count samples { position detail } }\n        }\n      }\n      ... on Failure { code message }\n    }\n  }\n": types.ImportTakeoutDocument,
    "\n  subscription ViewerChanged {\n    viewerChanged { dataVersion precomputed }\n  }\n": types.ViewerChangedDocument,
    "\n  query DataVersion {\n    viewer { id dataVersion }\n  }\n": types.DataVersionDocument,
    "\n  fragment HeatmapPanel on Analytics {\n    heatmap {\n      id\n      data { weekday hour videos }\n      meta { ...Freshness }\n    }\n  }\n": types.HeatmapPanelFragmentDoc,
    "\n  fragment ViewingPatternsPanel on Analytics {\n    viewingPatterns {\n      id\n      data {\n        byHour { key videos shareOfVideos }\n        byWeekday { key videos shareOfVideos }\n        byWeekOfMonth { key videos shareOfVideos }\n        byMonth { key videos shareOfVideos }\n      }\n      meta { ...Freshness }\n    }\n  }\n": types.ViewingPatternsPanelFragmentDoc,
    "\n  fragment SessionsPanel on Analytics {\n    sessions {\n      id\n      data {\n        count\n        binge\n        short\n        videosPerSession\n        medianVideosPerSession\n        meanDurationMinutes\n        maxVideos\n        perActiveDay\n        startsByHour\n        list(first: 10, after: $sessionsAfter) {\n          totalCount\n          pageInfo { hasNextPage endCursor }\n          edges { node { id start end videos channels { id channelTitle } } }\n        }\n      }\n      meta { ...Freshness }\n    }\n  }\n": types.SessionsPanelFragmentDoc,
    "\n  fragment OverviewPanel on Analytics {\n    overview {\n      id\n      data { videos uniqueChannels activeDays spanDays videosPerDay videosPerActiveDay firstWatchedAt lastWatchedAt }\n      meta { ...Freshness }\n    }\n  }\n": types.OverviewPanelFragmentDoc,
    "\n  fragment DailyStatsPanel on Analytics {\n    dailyStats {\n      id\n      data { days mean median mode standardDeviation p10 p25 p50 p75 p90 p95 p99 }\n      meta { ...Freshness }\n    }\n  }\n": types.DailyStatsPanelFragmentDoc,
    "\n  query SessionsPanelQuery($filter: WatchFilter, $sessionsAfter: String) {\n    analytics(filter: $filter) {\n      id\n      ...SessionsPanel\n    }\n  }\n": types.SessionsPanelQueryDocument,
    "\n  fragment TopChannelsPanel on Analytics {\n    topChannels(limit: 10) {\n      id\n      data {\n        channel { id channelKey channelTitle channelUrl }\n        videos\n        shareOfVideos\n        estimatedWatchSeconds\n      }\n      meta { ...Freshness }\n    }\n  }\n": types.TopChannelsPanelFragmentDoc,
    "\n  fragment ChannelMetricsPanel on Analytics {\n    channelMetrics(first: 10, after: $channelsAfter, orderBy: $channelOrder) {\n      id\n      data {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges {\n          node {\n            id\n            channel { id channelTitle }\n            videos\n            shareOfVideos\n            shareOfSessions\n            activeMonths\n            videosPerActiveMonth\n            loyaltyScore\n            peakHour\n            peakWeekday\n            isNew\n            lastWatchedAt\n          }\n        }\n      }\n      meta { ...Freshness }\n    }\n  }\n": types.ChannelMetricsPanelFragmentDoc,
    "\n  fragment ChannelRelationshipsPanel on Analytics {\n    channelRelationships(limit: 10) {\n      id\n      data {\n        a { id channelTitle }\n        b { id channelTitle }\n        score\n        sharedSessions\n        sharedTopics\n      }\n      meta { ...Freshness }\n    }\n  }\n": types.ChannelRelationshipsPanelFragmentDoc,
    "\n  fragment ChannelEvolutionPanel on Analytics {\n    channelEvolution(channel: $channel) {\n      __typename\n      ... on ChannelEvolutionSuccess {\n        id\n        data {\n          channel { id channelKey channelTitle }\n          points { month videos distinctTopics trend }\n        }\n        meta { ...Freshness }\n      }\n      ... on Failure { code message }\n    }\n  }\n": types.ChannelEvolutionPanelFragmentDoc,
    "\n  query ChannelMetricsPanelQuery($filter: WatchFilter, $channelOrder: ChannelOrder, $channelsAfter: String) {\n    analytics(filter: $filter) {\n      id\n      ...ChannelMetricsPanel\n    }\n  }\n": types.ChannelMetricsPanelQueryDocument,
    "\n  query ChannelEvolutionPanelQuery($filter: WatchFilter, $channel: String!) {\n    analytics(filter: $filter) {\n      id\n      ...ChannelEvolutionPanel\n    }\n  }\n": types.ChannelEvolutionPanelQueryDocument,
    "\n  fragment KpisPanel on Analytics {\n    kpis {\n      id\n      data {\n        videos\n        uniqueChannels\n        estimatedWatchSeconds\n        periods {\n          mtd { videos previousYearVideos deltaPercent }\n          qtd { videos previousYearVideos deltaPercent }\n          ytd { videos previousYearVideos deltaPercent }\n        }\n      }\n      meta { ...Freshness }\n    }\n  }\n": types.KpisPanelFragmentDoc,
    "\n  fragment AdvancedKpisPanel on Analytics {\n    advancedKpis {\n      id\n      data {\n        consistencyScore\n        growth30d\n        growth90d\n        newChannelsPerMonth\n        peakHour\n        peakWindow { startHour endHour }\n        repeatChannelShareOfChannels\n        top10ChannelShareOfVideos\n        weekendIntensity\n        weekendShareOfVideos\n      }\n      meta { ...Freshness }\n    }\n  }\n": types.AdvancedKpisPanelFragmentDoc,
    "\n  fragment HabitsPanel on Analytics {\n    habits {\n      id\n      data { habit confidence evidence }\n      meta { ...Freshness }\n    }\n  }\n": types.HabitsPanelFragmentDoc,
    "\n  fragment DataQualityPanel on Analytics {\n    dataQuality {\n      id\n      data {\n        records\n        watched\n        viewedPosts\n        visitedAds\n        ads\n        undated\n        withChannel\n        duplicatesSkipped\n        ambiguousTimeZones\n        firstWatchedAt\n        lastWatchedAt\n        timestampFormats { format count }\n        timeZoneAbbreviations { abbreviation count assumedOffsetMinutes }\n      }\n      meta { ...Freshness }\n    }\n  }\n": types.DataQualityPanelFragmentDoc,
    "\n  fragment TopicsPanel on Analytics {\n    topics {\n      id\n      data { topic videos shareOfTopicAssignments recentVideos previousVideos trend }\n      meta { ...Freshness }\n    }\n  }\n": types.TopicsPanelFragmentDoc,
    "\n  fragment TopicEvolutionPanel on Analytics {\n    topicEvolution {\n      id\n      data {\n        topic\n        videos\n        growthPercent\n        peakMonthOfYear\n        lowMonthOfYear\n        timeline { month videos }\n      }\n      meta { ...Freshness }\n    }\n  }\n": types.TopicEvolutionPanelFragmentDoc,
    "\n  fragment TopicDiversityPanel on Analytics {\n    topicDiversity {\n      id\n      data {\n        distinctTopics\n        shannonBits\n        evenness\n        top3TopicShareOfAssignments\n        spread { learning leisure other }\n      }\n      meta { ...Freshness }\n    }\n  }\n": types.TopicDiversityPanelFragmentDoc,
    "\n  fragment TopicSignalsPanel on Analytics {\n    topicSignals {\n      id\n      data {\n        topic\n        videos\n        learning\n        longForm\n        intentional\n        algorithmic\n        coTopics { topic shareOfTopicVideos }\n      }\n      meta { ...Freshness }\n    }\n  }\n": types.TopicSignalsPanelFragmentDoc,
    "\n  fragment MonthlyTrendPanel on Analytics {\n    monthlyTrend {\n      id\n      data { month videos uniqueChannels estimatedWatchSeconds }\n      meta { ...Freshness }\n    }\n  }\n": types.MonthlyTrendPanelFragmentDoc,
    "\n  fragment TimeSeriesPanel on Analytics {\n    timeSeries(interval: $interval, metric: $metric) {\n      id\n      data { start value }\n      meta { ...Freshness }\n    }\n  }\n": types.TimeSeriesPanelFragmentDoc,
    "\n  query TimeSeriesPanelQuery($filter: WatchFilter, $interval: TimeSeriesInterval, $metric: TimeSeriesMetric) {\n    analytics(filter: $filter) {\n      id\n      ...TimeSeriesPanel\n    }\n  }\n": types.TimeSeriesPanelQueryDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard(\n    $filter: WatchFilter\n    $interval: TimeSeriesInterval = DAY\n    $metric: TimeSeriesMetric = VIDEOS\n    $channelOrder: ChannelOrder = VIDEOS\n    $channelsAfter: String\n    $sessionsAfter: String\n  ) {\n    viewer { id timeZone dataVersion }\n    analytics(filter: $filter) {\n      id\n      filter { timeZone }\n      topChannels(limit: 10) { id data { channel { id channelKey channelTitle } } }\n      ...KpisPanel\n      ...MonthlyTrendPanel\n      ...TopChannelsPanel\n      ...HeatmapPanel\n      ...TopicsPanel\n      ...OverviewPanel\n      ...SessionsPanel\n      ...ViewingPatternsPanel\n      ...AdvancedKpisPanel\n      ...HabitsPanel\n      ...DailyStatsPanel\n      ...TimeSeriesPanel\n      ...ChannelMetricsPanel\n      ...ChannelRelationshipsPanel\n      ...TopicEvolutionPanel\n      ...TopicDiversityPanel\n      ...TopicSignalsPanel\n      ...DataQualityPanel\n    }\n  }\n"): typeof import('./graphql.js').DashboardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChannelSearch($filter: WatchFilter, $after: String) {\n    analytics(filter: $filter) {\n      id\n      channelMetrics(first: 100, after: $after) {\n        id\n        data {\n          totalCount\n          pageInfo { hasNextPage endCursor }\n          edges { node { id videos channel { id channelKey channelTitle } } }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ChannelSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Freshness on ResultMeta {\n    source\n    stale\n    computedAt\n    dataVersion\n  }\n"): typeof import('./graphql.js').FreshnessFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportTakeout($file: File!) {\n    importTakeout(file: $file) {\n      __typename\n      ... on ImportTakeoutSuccess {\n        data {\n          eventsAdded\n          duplicates\n          skipped\n          eventsParsed\n          dataVersion\n          formats\n          files\n          skippedReasons { reason count samples { position detail } }\n        }\n      }\n      ... on Failure { code message }\n    }\n  }\n"): typeof import('./graphql.js').ImportTakeoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ViewerChanged {\n    viewerChanged { dataVersion precomputed }\n  }\n"): typeof import('./graphql.js').ViewerChangedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DataVersion {\n    viewer { id dataVersion }\n  }\n"): typeof import('./graphql.js').DataVersionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HeatmapPanel on Analytics {\n    heatmap {\n      id\n      data { weekday hour videos }\n      meta { ...Freshness }\n    }\n  }\n"): typeof import('./graphql.js').HeatmapPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ViewingPatternsPanel on Analytics {\n    viewingPatterns {\n      id\n      data {\n        byHour { key videos shareOfVideos }\n        byWeekday { key videos shareOfVideos }\n        byWeekOfMonth { key videos shareOfVideos }\n        byMonth { key videos shareOfVideos }\n      }\n      meta { ...Freshness }\n    }\n  }\n"): typeof import('./graphql.js').ViewingPatternsPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionsPanel on Analytics {\n    sessions {\n      id\n      data {\n        count\n        binge\n        short\n        videosPerSession\n        medianVideosPerSession\n        meanDurationMinutes\n        maxVideos\n        perActiveDay\n        startsByHour\n        list(first: 10, after: $sessionsAfter) {\n          totalCount\n          pageInfo { hasNextPage endCursor }\n          edges { node { id start end videos channels { id channelTitle } } }\n        }\n      }\n      meta { ...Freshness }\n    }\n  }\n"): typeof import('./graphql.js').SessionsPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OverviewPanel on Analytics {\n    overview {\n      id\n      data { videos uniqueChannels activeDays spanDays videosPerDay videosPerActiveDay firstWatchedAt lastWatchedAt }\n      meta { ...Freshness }\n    }\n  }\n"): typeof import('./graphql.js').OverviewPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DailyStatsPanel on Analytics {\n    dailyStats {\n      id\n      data { days mean median mode standardDeviation p10 p25 p50 p75 p90 p95 p99 }\n      meta { ...Freshness }\n    }\n  }\n"): typeof import('./graphql.js').DailyStatsPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionsPanelQuery($filter: WatchFilter, $sessionsAfter: String) {\n    analytics(filter: $filter) {\n      id\n      ...SessionsPanel\n    }\n  }\n"): typeof import('./graphql.js').SessionsPanelQueryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TopChannelsPanel on Analytics {\n    topChannels(limit: 10) {\n      id\n      data {\n        channel { id channelKey channelTitle channelUrl }\n        videos\n        shareOfVideos\n        estimatedWatchSeconds\n      }\n      meta { ...Freshness }\n    }\n  }\n"): typeof import('./graphql.js').TopChannelsPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChannelMetricsPanel on Analytics {\n    channelMetrics(first: 10, after: $channelsAfter, orderBy: $channelOrder) {\n      id\n      data {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges {\n          node {\n            id\n            channel { id channelTitle }\n            videos\n            shareOfVideos\n            shareOfSessions\n            activeMonths\n            videosPerActiveMonth\n            loyaltyScore\n            peakHour\n            peakWeekday\n            isNew\n            lastWatchedAt\n          }\n        }\n      }\n      meta { ...Freshness }\n    }\n  }\n"): typeof import('./graphql.js').ChannelMetricsPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChannelRelationshipsPanel on Analytics {\n    channelRelationships(limit: 10) {\n      id\n      data {\n        a { id channelTitle }\n        b { id channelTitle }\n        score\n        sharedSessions\n        sharedTopics\n      }\n      meta { ...Freshness }\n    }\n  }\n"): typeof import('./graphql.js').ChannelRelationshipsPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChannelEvolutionPanel on Analytics {\n    channelEvolution(channel: $channel) {\n      __typename\n      ... on ChannelEvolutionSuccess {\n        id\n        data {\n          channel { id channelKey channelTitle }\n          points { month videos distinctTopics trend }\n        }\n        meta { ...Freshness }\n      }\n      ... on Failure { code message }\n    }\n  }\n"): typeof import('./graphql.js').ChannelEvolutionPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChannelMetricsPanelQuery($filter: WatchFilter, $channelOrder: ChannelOrder, $channelsAfter: String) {\n    analytics(filter: $filter) {\n      id\n      ...ChannelMetricsPanel\n    }\n  }\n"): typeof import('./graphql.js').ChannelMetricsPanelQueryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChannelEvolutionPanelQuery($filter: WatchFilter, $channel: String!) {\n    analytics(filter: $filter) {\n      id\n      ...ChannelEvolutionPanel\n    }\n  }\n"): typeof import('./graphql.js').ChannelEvolutionPanelQueryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment KpisPanel on Analytics {\n    kpis {\n      id\n      data {\n        videos\n        uniqueChannels\n        estimatedWatchSeconds\n        periods {\n          mtd { videos previousYearVideos deltaPercent }\n          qtd { videos previousYearVideos deltaPercent }\n          ytd { videos previousYearVideos deltaPercent }\n        }\n      }\n      meta { ...Freshness }\n    }\n  }\n"): typeof import('./graphql.js').KpisPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdvancedKpisPanel on Analytics {\n    advancedKpis {\n      id\n      data {\n        consistencyScore\n        growth30d\n        growth90d\n        newChannelsPerMonth\n        peakHour\n        peakWindow { startHour endHour }\n        repeatChannelShareOfChannels\n        top10ChannelShareOfVideos\n        weekendIntensity\n        weekendShareOfVideos\n      }\n      meta { ...Freshness }\n    }\n  }\n"): typeof import('./graphql.js').AdvancedKpisPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HabitsPanel on Analytics {\n    habits {\n      id\n      data { habit confidence evidence }\n      meta { ...Freshness }\n    }\n  }\n"): typeof import('./graphql.js').HabitsPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DataQualityPanel on Analytics {\n    dataQuality {\n      id\n      data {\n        records\n        watched\n        viewedPosts\n        visitedAds\n        ads\n        undated\n        withChannel\n        duplicatesSkipped\n        ambiguousTimeZones\n        firstWatchedAt\n        lastWatchedAt\n        timestampFormats { format count }\n        timeZoneAbbreviations { abbreviation count assumedOffsetMinutes }\n      }\n      meta { ...Freshness }\n    }\n  }\n"): typeof import('./graphql.js').DataQualityPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TopicsPanel on Analytics {\n    topics {\n      id\n      data { topic videos shareOfTopicAssignments recentVideos previousVideos trend }\n      meta { ...Freshness }\n    }\n  }\n"): typeof import('./graphql.js').TopicsPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TopicEvolutionPanel on Analytics {\n    topicEvolution {\n      id\n      data {\n        topic\n        videos\n        growthPercent\n        peakMonthOfYear\n        lowMonthOfYear\n        timeline { month videos }\n      }\n      meta { ...Freshness }\n    }\n  }\n"): typeof import('./graphql.js').TopicEvolutionPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TopicDiversityPanel on Analytics {\n    topicDiversity {\n      id\n      data {\n        distinctTopics\n        shannonBits\n        evenness\n        top3TopicShareOfAssignments\n        spread { learning leisure other }\n      }\n      meta { ...Freshness }\n    }\n  }\n"): typeof import('./graphql.js').TopicDiversityPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TopicSignalsPanel on Analytics {\n    topicSignals {\n      id\n      data {\n        topic\n        videos\n        learning\n        longForm\n        intentional\n        algorithmic\n        coTopics { topic shareOfTopicVideos }\n      }\n      meta { ...Freshness }\n    }\n  }\n"): typeof import('./graphql.js').TopicSignalsPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MonthlyTrendPanel on Analytics {\n    monthlyTrend {\n      id\n      data { month videos uniqueChannels estimatedWatchSeconds }\n      meta { ...Freshness }\n    }\n  }\n"): typeof import('./graphql.js').MonthlyTrendPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TimeSeriesPanel on Analytics {\n    timeSeries(interval: $interval, metric: $metric) {\n      id\n      data { start value }\n      meta { ...Freshness }\n    }\n  }\n"): typeof import('./graphql.js').TimeSeriesPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TimeSeriesPanelQuery($filter: WatchFilter, $interval: TimeSeriesInterval, $metric: TimeSeriesMetric) {\n    analytics(filter: $filter) {\n      id\n      ...TimeSeriesPanel\n    }\n  }\n"): typeof import('./graphql.js').TimeSeriesPanelQueryDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
