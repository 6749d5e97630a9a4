/** The dashboard query GraphiQL opens with (also used by tests and the benchmark). */
export const DASHBOARD_QUERY = /* GraphQL */ `query Dashboard($filter: WatchFilter) {
  viewer { id timeZone dataVersion }
  analytics(filter: $filter) {
    id
    filter { timeframe product timeZone }
    kpis {
      id
      data {
        videos uniqueChannels estimatedWatchSeconds
        periods { mtd { videos previousYearVideos deltaPercent } ytd { videos previousYearVideos deltaPercent } }
      }
      meta { source stale computedAt expiresAt dataVersion computeMillis }
    }
    monthlyTrend { id data { month videos uniqueChannels estimatedWatchSeconds } meta { source } }
    topChannels(limit: 10) {
      id
      data { channel { id channelKey channelTitle channelUrl } videos shareOfVideos estimatedWatchSeconds }
      meta { source }
    }
    heatmap { id data { weekday hour videos } meta { source } }
    topics { id data { topic videos shareOfTopicAssignments recentVideos previousVideos trend } meta { source } }
  }
}
`;
