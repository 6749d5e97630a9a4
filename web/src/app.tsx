/**
 * The dashboard: one query for every panel (each panel's fragment), panel queries for what a
 * panel changes itself (a page, an interval, a channel), the filter in the URL, live updates.
 * Performance marks (`wg:filter-change`, `wg:painted`) let the benchmark time it in Chromium.
 */
import { memo } from 'preact/compat';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Client, ClientError, GraphQLErrorLike, Result } from './api/client.js';
import { chartsSettled } from './components/Chart.js';
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

const channel = typeof MessageChannel === 'function' ? new MessageChannel() : null;
const waiting: (() => void)[] = [];
if (channel) channel.port1.onmessage = () => waiting.shift()?.();
/** Resolves in a new task (a MessageChannel message: no 1 ms timer clamp). */
const nextTask = () =>
  new Promise<void>((resolve) => {
    if (!channel) return void setTimeout(resolve, 0);
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });

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
    // Render in a task of its own: requests started from the same answer (channelEvolution) leave first.
    await nextTask();
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

/** The Dashboard query's variables for a state. */
export function dashboardVariables(f: FilterState, p: PanelState, pg: Pages = FIRST_PAGES) {
  return {
    filter: toWatchFilter(f),
    interval: p.interval,
    metric: p.metric,
    channelOrder: p.channelOrder,
    channelsAfter: pg.channels.after,
    sessionsAfter: pg.sessions.cursors[pg.sessions.page] ?? null,
  };
}

type Evolution = ChannelEvolutionPanelQueryQuery;
/** A dashboard request and the channelEvolution request that follows it. */
export interface DashboardRequests {
  dashboard: Promise<Result<DashboardData>>;
  /** `data: null` when there is no channel to show. */
  evolution: Promise<Result<Evolution>>;
}
const NO_CHANNEL: Result<Evolution> = { data: null, errors: [] };

/**
 * Sends the Dashboard query and, as soon as its channel is known, channelEvolution's: at once
 * when chosen, else the moment the dashboard's answer names the top channel (before it renders).
 */
export function requestDashboard(client: Client, f: FilterState, p: PanelState, pg: Pages = FIRST_PAGES): DashboardRequests {
  const dashboard = client.query(DashboardQuery, dashboardVariables(f, p, pg));
  const filter = toWatchFilter(f);
  const ask = (channel: string) => client.query(ChannelEvolutionPanelQuery, { filter, channel });
  if (p.evolutionChannel) return { dashboard, evolution: ask(p.evolutionChannel) };
  // The top channel this filter showed last time, asked in parallel; re-asked if the answer names another.
  const hintKey = `wg:top-channel:${JSON.stringify(filter)}`;
  const hint = readHint(hintKey);
  const early = hint ? ask(hint) : null;
  const evolution = dashboard.then((r) => {
    const top = r.data?.analytics?.topChannels?.data[0]?.channel.channelKey;
    if (!top) return NO_CHANNEL;
    writeHint(hintKey, top);
    return top === hint && early ? early : ask(top);
  });
  return { dashboard, evolution };
}

const readHint = (key: string): string | null => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};
const writeHint = (key: string, value: string) => {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage disabled: no hint next time
  }
};

/** The first requests, for the URL's state, sent before the first render (main.tsx). */
export function preloadDashboard(client: Client): DashboardRequests {
  const { filter, panels } = parseState(location.search);
  return requestDashboard(client, filter, panels);
}

// Panels re-render only when their own inputs change (a late channelEvolution answer repaints one panel, not 19).
const Kpis = memo(KpisPanel);
const Overview = memo(OverviewPanel);
const MonthlyTrend = memo(MonthlyTrendPanel);
const TopChannels = memo(TopChannelsPanel);
const Topics = memo(TopicsPanel);
const Heatmap = memo(HeatmapPanel);
const ViewingPatterns = memo(ViewingPatternsPanel);
const AdvancedKpis = memo(AdvancedKpisPanel);
const Habits = memo(HabitsPanel);
const DailyStats = memo(DailyStatsPanel);
const ChannelRelationships = memo(ChannelRelationshipsPanel);
const TopicEvolution = memo(TopicEvolutionPanel);
const TopicDiversity = memo(TopicDiversityPanel);
const TopicSignals = memo(TopicSignalsPanel);
const DataQuality = memo(DataQualityPanel);

export function App({ client, preload }: { client: Client; preload?: DashboardRequests }) {
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

  const evolve = useCallback(
    (f: FilterState, channel: string, keepOld: boolean) =>
      void runEvolution(() => client.query(ChannelEvolutionPanelQuery, { filter: toWatchFilter(f), channel }), keepOld),
    [client, runEvolution],
  );

  /** Refetches the whole dashboard; `keepOld`: the numbers stay while it runs (live update, stale refresh). */
  const refresh = useCallback(
    (f: FilterState, p: PanelState, pg: Pages, keepOld: boolean, first?: DashboardRequests) => {
      resetTimeSeries();
      resetSessions();
      resetChannelMetrics();
      setGeneration((g) => g + 1);
      const requests = first ?? requestDashboard(client, f, p, pg);
      void runDashboard(() => requests.dashboard, keepOld);
      void runEvolution(() => requests.evolution, keepOld);
    },
    [client, runDashboard, runEvolution, resetTimeSeries, resetSessions, resetChannelMetrics],
  );

  // The channel of channelEvolution: the chosen one, else the top channel.
  const topChannelsData = dashboard.data?.analytics?.topChannels?.data;
  const topChannels = useMemo(() => topChannelsData?.map((c) => c.channel) ?? [], [topChannelsData]);
  const evolutionChannel = panels.evolutionChannel ?? topChannels[0]?.channelKey ?? null;

  // First load, and back/forward.
  useEffect(() => {
    refresh(initial.filter, initial.panels, FIRST_PAGES, false, preload);
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
  }, [initial, refresh, preload]);

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
  const anyStale = useMemo(() => JSON.stringify(dashboard.data ?? {}).includes('"stale":true'), [dashboard.data]);
  useEffect(() => {
    if (!anyStale && !dashboard.loading) staleRetries.current = 0;
    if (!anyStale || dashboard.loading || staleRetries.current >= 3) return;
    staleRetries.current++;
    const t = setTimeout(() => refresh(filter, panels, pages, true), 1500);
    return () => clearTimeout(t);
    // Only staleness and loading decide; refresh reads the current filter when it runs.
  }, [anyStale, dashboard.loading]);

  const timeZone = dashboard.data?.analytics?.filter.timeZone ?? filter.timeZone ?? viewer?.timeZone ?? 'UTC';
  const painted = !dashboard.loading && (!evolutionChannel || !evolution.loading);
  const settled = painted && !timeSeries.loading && !sessions.loading && !channelMetrics.loading;
  useEffect(() => {
    if (!painted) return;
    // After the frame that shows the numbers and the charts in view.
    let live = true;
    void chartsSettled().then(() => requestAnimationFrame(() => setTimeout(() => live && mark('wg:painted', { generation }), 0)));
    return () => {
      live = false;
    };
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
        <Kpis analytics={dash} {...base(dashboard, 'kpis')} />
        <Overview analytics={dash} {...base(dashboard, 'overview')} />
        <MonthlyTrend analytics={dash} {...base(dashboard, 'monthlyTrend')} />
        <TopChannels analytics={dash} {...base(dashboard, 'topChannels')} />
        <Topics analytics={dash} {...base(dashboard, 'topics')} />
        <Heatmap analytics={dash} {...base(dashboard, 'heatmap')} />
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
        <ViewingPatterns analytics={dash} {...base(dashboard, 'viewingPatterns')} />
        <AdvancedKpis analytics={dash} {...base(dashboard, 'advancedKpis')} />
        <Habits analytics={dash} {...base(dashboard, 'habits')} />
        <DailyStats analytics={dash} {...base(dashboard, 'dailyStats')} />
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
        <ChannelRelationships analytics={dash} {...base(dashboard, 'channelRelationships')} />
        <ChannelEvolutionPanel
          {...base(evolution, 'channelEvolution')}
          analytics={evolution.data?.analytics ?? null}
          loading={!evolution.data && !evolution.failure && (dashboard.loading || evolutionChannel !== null)}
          channel={evolutionChannel}
          choices={topChannels}
          onChannel={(channel) => {
            changePanels({ ...panels, evolutionChannel: channel });
            evolve(filter, channel, true);
          }}
        />
        <TopicEvolution analytics={dash} {...base(dashboard, 'topicEvolution')} />
        <TopicDiversity analytics={dash} {...base(dashboard, 'topicDiversity')} />
        <TopicSignals analytics={dash} {...base(dashboard, 'topicSignals')} />
        <DataQuality analytics={dash} {...base(dashboard, 'dataQuality')} />
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
