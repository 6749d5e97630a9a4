/** The dashboard query GraphiQL opens with (also used by tests and the benchmark). */
export const DASHBOARD_QUERY = /* GraphQL */ `query Dashboard($filter: WatchFilter) {
  viewer { id timeZone dataVersion }
  analytics(filter: $filter) {
    filter { timeframe product timeZone }
    kpis {
      data {
        videos uniqueChannels estimatedWatchSeconds
        periods { mtd { videos previousYearVideos deltaPercent } ytd { videos previousYearVideos deltaPercent } }
      }
      meta { source stale computedAt expiresAt dataVersion computeMillis }
    }
    monthlyTrend { data { month videos uniqueChannels estimatedWatchSeconds } meta { source } }
    topChannels(limit: 10) { data { channelKey channelTitle channelUrl videos share estimatedWatchSeconds } meta { source } }
    heatmap { data { weekday hour videos } meta { source } }
    topics { data { topic videos share recentVideos previousVideos trend } meta { source } }
  }
}
`;
