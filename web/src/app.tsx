/**
 * The dashboard: one query for every panel (each panel's fragment), panel queries for what a
 * panel changes itself (a page, an interval, a channel), the filter in the URL, live updates.
 * Performance marks (`wg:filter-change`, `wg:painted`) let the benchmark time it in Chromium.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Client, ClientError, GraphQLErrorLike, Result } from './api/client.js';
import { Filters } from './components/Filters.js';
import { Import } from './components/Import.js';
import { type FilterState, type PanelState, parseState, toSearch, toWatchFilter } from './filter.js';
import type {
  ChannelEvolutionPanelQueryQuery,
  ChannelMetricsPanelQueryQuery,
  DashboardQuery as DashboardData,
  SessionsPanelQueryQuery,
  TimeSeriesPanelQueryQuery,
} from './gql/graphql.js';
import { graphql } from './gql/index.js';
import { type LiveMode, startLive } from './live.js';
import {
  DailyStatsPanel,
  HeatmapPanel,
  OverviewPanel,
  SessionsPanel,
  SessionsPanelQuery,
  ViewingPatternsPanel,
} from './panels/Activity.js';
import {
  ChannelEvolutionPanel,
  ChannelEvolutionPanelQuery,
  ChannelMetricsPanel,
  ChannelMetricsPanelQuery,
  ChannelRelationshipsPanel,
  TopChannelsPanel,
} from './panels/Channels.js';
import { KpisPanel } from './panels/Kpis.js';
import { AdvancedKpisPanel, DataQualityPanel, HabitsPanel } from './panels/Profile.js';
import { TopicDiversityPanel, TopicEvolutionPanel, TopicSignalsPanel, TopicsPanel } from './panels/Topics.js';
import { MonthlyTrendPanel, TimeSeriesPanel, TimeSeriesPanelQuery } from './panels/Trends.js';

export const DashboardQuery = graphql(`
  query Dashboard(
    $filter: WatchFilter
    $interval: TimeSeriesInterval = DAY
    $metric: TimeSeriesMetric = VIDEOS
    $channelOrder: ChannelOrder = VIDEOS
    $channelsAfter: String
    $sessionsAfter: String
  ) {
    viewer { id timeZone dataVersion }
    analytics(filter: $filter) {
      id
      filter { timeZone }
      topChannels(limit: 10) { id data { channel { id channelKey channelTitle } } }
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
`);

interface Loaded<T> {
  data: T | null;
  errors: GraphQLErrorLike[];
  /** The request failed as a whole. */
  failure: GraphQLErrorLike | null;
  loading: boolean;
}
const EMPTY: Loaded<never> = { data: null, errors: [], failure: null, loading: true };
/** A panel query not asked (the dashboard's data is shown). */
const IDLE: Loaded<never> = { data: null, errors: [], failure: null, loading: false };

/** The error of one Analytics field: on its path, or the request's. */
function errorOf(l: Loaded<unknown>, field: string): GraphQLErrorLike | null {
  if (l.failure) return l.failure;
  return (
    l.errors.find((e) => e.path?.[0] === 'analytics' && (e.path.length === 1 || e.path[1] === field)) ??
    (l.data && (l.data as { analytics?: unknown }).analytics === null ? (l.errors[0] ?? { message: 'No data.' }) : null)
  );
}

const failureOf = (err: unknown): GraphQLErrorLike => {
  const e = err as ClientError;
  return { message: e.message ?? String(err), extensions: e.code ? { code: e.code } : undefined };
};

/** Runs a query into a Loaded state; a newer call for the same slot wins. */
function useLoader<T>(initial: Loaded<T> = EMPTY) {
  const [state, setState] = useState<Loaded<T>>(initial);
  const seq = useRef(0);
  const run = useCallback(async (fetcher: () => Promise<Result<T>>, keepOld: boolean) => {
    const n = ++seq.current;
    setState((s) => (keepOld && s.data ? { ...s, loading: true } : { ...EMPTY }));
    let next: Loaded<T>;
    try {
      const r = await fetcher();
      next = { data: r.data, errors: r.errors, failure: null, loading: false };
    } catch (err) {
      next = { data: null, errors: [], failure: failureOf(err), loading: false };
    }
    if (n === seq.current) setState(next);
    return n === seq.current;
  }, []);
  const reset = useCallback(() => {
    seq.current++;
    setState(IDLE);
  }, []);
  return [state, run, reset] as const;
}

interface Pages {
  sessions: { page: number; cursors: (string | null)[] };
  channels: { page: number; after: string | null };
}
const FIRST_PAGES: Pages = { sessions: { page: 0, cursors: [null] }, channels: { page: 0, after: null } };

const mark = (name: string, detail?: unknown) => {
  try {
    performance.mark(name, { detail });
  } catch {
    // marks are for the benchmark only
  }
};

export function App({ client }: { client: Client }) {
  const initial = useMemo(() => parseState(location.search), []);
  const [filter, setFilter] = useState<FilterState>(initial.filter);
  const [panels, setPanels] = useState<PanelState>(initial.panels);
  const [pages, setPages] = useState<Pages>(FIRST_PAGES);
  const [dashboard, runDashboard] = useLoader<DashboardData>();
  const [timeSeries, runTimeSeries, resetTimeSeries] = useLoader<TimeSeriesPanelQueryQuery>(IDLE);
  const [sessions, runSessions, resetSessions] = useLoader<SessionsPanelQueryQuery>(IDLE);
  const [channelMetrics, runChannelMetrics, resetChannelMetrics] = useLoader<ChannelMetricsPanelQueryQuery>(IDLE);
  const [evolution, runEvolution] = useLoader<ChannelEvolutionPanelQueryQuery>();
  const [live, setLive] = useState<{ mode: LiveMode; reason?: string }>({ mode: 'connecting' });
  const [generation, setGeneration] = useState(0);
  const shownVersion = useRef<number | null>(null);
  const staleRetries = useRef(0);

  const variables = useCallback(
    (f: FilterState, p: PanelState, pg: Pages) => ({
      filter: toWatchFilter(f),
      interval: p.interval,
      metric: p.metric,
      channelOrder: p.channelOrder,
      channelsAfter: pg.channels.after,
      sessionsAfter: pg.sessions.cursors[pg.sessions.page] ?? null,
    }),
    [],
  );

  /** Refetches the whole dashboard; `keepOld`: the numbers stay while it runs (live update, stale refresh). */
  const refresh = useCallback(
    (f: FilterState, p: PanelState, pg: Pages, keepOld: boolean) => {
      resetTimeSeries();
      resetSessions();
      resetChannelMetrics();
      setGeneration((g) => g + 1);
      void runDashboard(() => client.query(DashboardQuery, variables(f, p, pg)), keepOld);
    },
    [client, runDashboard, resetTimeSeries, resetSessions, resetChannelMetrics, variables],
  );

  // The channel of channelEvolution: the chosen one, else the top channel.
  const topChannels = dashboard.data?.analytics?.topChannels?.data.map((c) => c.channel) ?? [];
  const evolutionChannel = panels.evolutionChannel ?? topChannels[0]?.channelKey ?? null;
  const evolutionKey = JSON.stringify([toWatchFilter(filter), evolutionChannel, generation]);
  const lastEvolutionKey = useRef('');
  useEffect(() => {
    if (!evolutionChannel || dashboard.loading || lastEvolutionKey.current === evolutionKey) return;
    lastEvolutionKey.current = evolutionKey;
    void runEvolution(
      () => client.query(ChannelEvolutionPanelQuery, { filter: toWatchFilter(filter), channel: evolutionChannel }),
      evolution.data !== null,
    );
  });

  // First load, and back/forward.
  useEffect(() => {
    refresh(initial.filter, initial.panels, FIRST_PAGES, false);
    const onPop = () => {
      const s = parseState(location.search);
      mark('wg:filter-change');
      setFilter(s.filter);
      setPanels(s.panels);
      setPages(FIRST_PAGES);
      refresh(s.filter, s.panels, FIRST_PAGES, true);
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, [initial, refresh]);

  const changeFilter = (f: FilterState) => {
    mark('wg:filter-change');
    setFilter(f);
    setPages(FIRST_PAGES);
    history.pushState(null, '', `${location.pathname}${toSearch(f, panels)}`);
    refresh(f, panels, FIRST_PAGES, true);
  };
  const changePanels = (p: PanelState) => {
    setPanels(p);
    history.replaceState(null, '', `${location.pathname}${toSearch(filter, p)}`);
  };

  // Live updates: refetch once the new version is precomputed (or soon after a commit if that news never comes).
  const latest = useRef({ filter, panels, pages });
  latest.current = { filter, panels, pages };
  useEffect(() => {
    let fallback: ReturnType<typeof setTimeout> | undefined;
    const stop = startLive(client, {
      onMode: (mode, reason) => setLive({ mode, reason }),
      onChange(dataVersion, precomputed) {
        const shown = shownVersion.current;
        if (shown === null || dataVersion <= shown) return;
        clearTimeout(fallback);
        const go = () => {
          const { filter: f, panels: p, pages: pg } = latest.current;
          shownVersion.current = dataVersion;
          refresh(f, p, pg, true);
        };
        if (precomputed) go();
        else fallback = setTimeout(go, 3000);
      },
    });
    return () => {
      clearTimeout(fallback);
      stop();
    };
  }, [client, refresh]);

  const viewer = dashboard.data?.viewer ?? null;
  useEffect(() => {
    if (viewer && (shownVersion.current === null || viewer.dataVersion > shownVersion.current)) {
      shownVersion.current = viewer.dataVersion;
    }
  }, [viewer]);

  // Stale panels are being refreshed by the gateway: ask again shortly (a few times at most).
  const anyStale = JSON.stringify(dashboard.data ?? {}).includes('"stale":true');
  useEffect(() => {
    if (!anyStale || dashboard.loading || staleRetries.current >= 3) return;
    staleRetries.current++;
    const t = setTimeout(() => refresh(filter, panels, pages, true), 1500);
    return () => clearTimeout(t);
  }, [anyStale, dashboard.loading]); // eslint-disable-line

  const timeZone = dashboard.data?.analytics?.filter.timeZone ?? filter.timeZone ?? viewer?.timeZone ?? 'UTC';
  const painted = !dashboard.loading && (!evolutionChannel || !evolution.loading);
  const settled = painted && !timeSeries.loading && !sessions.loading && !channelMetrics.loading;
  useEffect(() => {
    if (!painted) return;
    // After the frame that shows the numbers.
    requestAnimationFrame(() => setTimeout(() => mark('wg:painted', { generation }), 0));
  }, [painted, generation]);

  const dash = dashboard.data?.analytics ?? null;
  const base = (l: Loaded<unknown>, field: string) => ({
    error: errorOf(l, field),
    loading: l.loading && !l.data,
    updating: l.loading && l.data !== null,
    timeZone,
  });
  /** A panel with its own query: its answer once it has one, else the dashboard's (marked updating while it runs). */
  const own = <T extends { analytics?: unknown }>(l: Loaded<T>, field: string) => {
    if (l.data || l.failure) return { analytics: (l.data?.analytics ?? null) as typeof dash, ...base(l, field) };
    return { analytics: dash, ...base(dashboard, field), ...(l.loading ? { updating: true } : {}) };
  };
  const anyLoading = timeSeries.loading || sessions.loading || channelMetrics.loading;

  return (
    <div class="app" data-state={settled ? 'ready' : 'loading'} data-generation={generation}>
      <header class="top">
        <h1>watchgraph</h1>
        <p class="muted" data-live={live.mode}>
          {live.mode === 'live'
            ? 'Live'
            : live.mode === 'polling'
              ? `Checking for new data every few seconds (${live.reason ?? 'no live stream'})`
              : 'Connecting…'}
          {viewer ? ` · data version ${viewer.dataVersion}` : ''} · <a href="/graphql">GraphiQL</a>
        </p>
      </header>
      <Filters client={client} filter={filter} viewerTimeZone={viewer?.timeZone ?? null} onChange={changeFilter} />
      <main class="grid" aria-busy={settled && !anyLoading ? 'false' : 'true'}>
        <KpisPanel analytics={dash} {...base(dashboard, 'kpis')} />
        <OverviewPanel analytics={dash} {...base(dashboard, 'overview')} />
        <MonthlyTrendPanel analytics={dash} {...base(dashboard, 'monthlyTrend')} />
        <TopChannelsPanel analytics={dash} {...base(dashboard, 'topChannels')} />
        <TopicsPanel analytics={dash} {...base(dashboard, 'topics')} />
        <HeatmapPanel analytics={dash} {...base(dashboard, 'heatmap')} />
        <TimeSeriesPanel
          {...own(timeSeries, 'timeSeries')}
          interval={panels.interval}
          metric={panels.metric}
          onChange={(interval, metric) => {
            const p = { ...panels, interval, metric };
            changePanels(p);
            void runTimeSeries(
              () => client.query(TimeSeriesPanelQuery, { filter: toWatchFilter(filter), interval, metric }),
              true,
            );
          }}
        />
        <SessionsPanel
          {...own(sessions, 'sessions')}
          page={pages.sessions.page}
          cursors={pages.sessions.cursors}
          onPage={(page, cursors) => {
            const pg = { ...pages, sessions: { page, cursors } };
            setPages(pg);
            void runSessions(
              () => client.query(SessionsPanelQuery, { filter: toWatchFilter(filter), sessionsAfter: cursors[page] ?? null }),
              true,
            );
          }}
        />
        <ViewingPatternsPanel analytics={dash} {...base(dashboard, 'viewingPatterns')} />
        <AdvancedKpisPanel analytics={dash} {...base(dashboard, 'advancedKpis')} />
        <HabitsPanel analytics={dash} {...base(dashboard, 'habits')} />
        <DailyStatsPanel analytics={dash} {...base(dashboard, 'dailyStats')} />
        <ChannelMetricsPanel
          {...own(channelMetrics, 'channelMetrics')}
          order={panels.channelOrder}
          page={pages.channels.page}
          onOrder={(channelOrder) => {
            changePanels({ ...panels, channelOrder });
            setPages({ ...pages, channels: { page: 0, after: null } });
            void runChannelMetrics(
              () => client.query(ChannelMetricsPanelQuery, { filter: toWatchFilter(filter), channelOrder, channelsAfter: null }),
              true,
            );
          }}
          onPage={(page, after) => {
            setPages({ ...pages, channels: { page, after } });
            void runChannelMetrics(
              () =>
                client.query(ChannelMetricsPanelQuery, {
                  filter: toWatchFilter(filter),
                  channelOrder: panels.channelOrder,
                  channelsAfter: after,
                }),
              true,
            );
          }}
        />
        <ChannelRelationshipsPanel analytics={dash} {...base(dashboard, 'channelRelationships')} />
        <ChannelEvolutionPanel
          {...base(evolution, 'channelEvolution')}
          analytics={evolution.data?.analytics ?? null}
          loading={!evolution.data && !evolution.failure && (dashboard.loading || evolutionChannel !== null)}
          channel={evolutionChannel}
          choices={topChannels}
          onChannel={(channel) => changePanels({ ...panels, evolutionChannel: channel })}
        />
        <TopicEvolutionPanel analytics={dash} {...base(dashboard, 'topicEvolution')} />
        <TopicDiversityPanel analytics={dash} {...base(dashboard, 'topicDiversity')} />
        <TopicSignalsPanel analytics={dash} {...base(dashboard, 'topicSignals')} />
        <DataQualityPanel analytics={dash} {...base(dashboard, 'dataQuality')} />
      </main>
      <Import
        client={client}
        onImported={(dataVersion) => {
          // The live stream refetches once precomputed; without one, do it now.
          if (live.mode !== 'live' && (shownVersion.current ?? 0) < dataVersion) {
            shownVersion.current = dataVersion;
            refresh(filter, panels, pages, true);
          }
        }}
      />
    </div>
  );
}
