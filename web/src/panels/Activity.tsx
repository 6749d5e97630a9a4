/** When the videos were watched: heatmap, viewing patterns, sessions, overview, daily statistics. */
import { useMemo } from 'preact/hooks';
import { Chart } from '../components/Chart.js';
import { Num } from '../components/Num.js';
import { Panel } from '../components/Panel.js';
import { Stats, Table } from '../components/Table.js';
import { formatInstant, formatNumber, weekdayName } from '../format.js';
import { type FragmentType, getFragmentData, graphql } from '../gql/index.js';
import { missing, type PanelInput } from './common.js';

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const hourLabels = HOURS.map((h) => String(h).padStart(2, '0'));

export const HeatmapPanelFragment = graphql(`
  fragment HeatmapPanel on Analytics {
    heatmap {
      id
      data { weekday hour videos }
      meta { ...Freshness }
    }
  }
`);

export function HeatmapPanel(p: PanelInput<FragmentType<typeof HeatmapPanelFragment>>) {
  const r = p.analytics ? getFragmentData(HeatmapPanelFragment, p.analytics).heatmap : null;
  const cells = r?.data ?? [];
  const days = [0, 1, 2, 3, 4, 5, 6].map((d) => cells.filter((c) => c.weekday === d).sort((a, b) => a.hour - b.hour));
  const max = Math.max(1, ...cells.map((c) => c.videos));
  return (
    <Panel
      field="heatmap"
      title="Weekday × hour"
      loading={p.loading}
      updating={p.updating}
      error={p.error ?? (!p.loading && !r ? missing('heatmap') : null)}
      meta={r?.meta}
      timeZone={p.timeZone}
      empty={cells.every((c) => c.videos === 0)}
      wide
      chart={() => (
        <div class="heatmap" role="img" aria-label="Videos by local weekday and hour">
          {days.map((row, d) => (
            <div class="heatmap-row" key={d}>
              <span class="heatmap-day" aria-hidden="true">
                {weekdayName(d)}
              </span>
              {row.map((c) => (
                <span
                  key={c.hour}
                  class="heatmap-cell"
                  style={{ opacity: c.videos === 0 ? 0.06 : 0.15 + (0.85 * c.videos) / max }}
                  title={`${weekdayName(d, 'long')} ${String(c.hour).padStart(2, '0')}:00 — ${formatNumber(c.videos)} videos`}
                />
              ))}
            </div>
          ))}
        </div>
      )}
      table={() => (
        <Table
          caption="Videos by local weekday (rows) and hour (columns)"
          rows={days}
          columns={[
            { label: 'Day', header: true, cell: (_row, d) => weekdayName(d, 'long') },
            ...HOURS.map((h) => ({
              label: hourLabels[h] as string,
              numeric: true,
              cell: (row: typeof cells) => <Num value={row[h]?.videos ?? 0} />,
            })),
          ]}
        />
      )}
    />
  );
}

export const ViewingPatternsPanelFragment = graphql(`
  fragment ViewingPatternsPanel on Analytics {
    viewingPatterns {
      id
      data {
        byHour { key videos shareOfVideos }
        byWeekday { key videos shareOfVideos }
        byWeekOfMonth { key videos shareOfVideos }
        byMonth { key videos shareOfVideos }
      }
      meta { ...Freshness }
    }
  }
`);

type Bucket = { key: number; videos: number; shareOfVideos: number | null };

export function ViewingPatternsPanel(p: PanelInput<FragmentType<typeof ViewingPatternsPanelFragment>>) {
  const r = p.analytics ? getFragmentData(ViewingPatternsPanelFragment, p.analytics).viewingPatterns : null;
  const d = r?.data;
  const groups = useMemo(
    () =>
      d
        ? ([
            ['By hour', d.byHour, (k: number) => formatNumber(k, 'hour')],
            ['By weekday', d.byWeekday, (k: number) => weekdayName(k)],
            ['By week of the month', d.byWeekOfMonth, (k: number) => `Week ${k}`],
            ['By month', d.byMonth, (k: number) => formatNumber(k, 'monthOfYear')],
          ] as [string, Bucket[], (k: number) => string][])
        : [],
    [d],
  );
  return (
    <Panel
      field="viewingPatterns"
      title="Viewing patterns"
      loading={p.loading}
      updating={p.updating}
      error={p.error ?? (!p.loading && !r ? missing('viewingPatterns') : null)}
      meta={r?.meta}
      timeZone={p.timeZone}
      empty={d ? d.byHour.every((b) => b.videos === 0) : false}
      wide
      chart={() => (
        <div class="small-multiples">
          {groups.map(([label, buckets, name]) => (
            <Chart
              key={label}
              label={`Videos ${label.toLowerCase()}`}
              x={buckets.map((_, i) => i)}
              series={[{ label: 'Videos', values: buckets.map((b) => b.videos) }]}
              kind="bars"
              xKind="category"
              xLabels={buckets.map((b) => name(b.key))}
              height={140}
            />
          ))}
        </div>
      )}
      table={() => (
        <div class="small-multiples">
          {groups.map(([label, buckets, name]) => (
            <Table
              key={label}
              caption={`Videos ${label.toLowerCase()}`}
              rows={buckets}
              columns={[
                { label: 'Bucket', header: true, cell: (b) => name(b.key) },
                { label: 'Videos', numeric: true, cell: (b) => <Num value={b.videos} /> },
                { label: 'Share', numeric: true, cell: (b) => <Num value={b.shareOfVideos} kind="share" /> },
              ]}
            />
          ))}
        </div>
      )}
    />
  );
}

export const SessionsPanelFragment = graphql(`
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
          pageInfo { hasNextPage endCursor }
          edges { node { id start end videos channels { id channelTitle } } }
        }
      }
      meta { ...Freshness }
    }
  }
`);

export function SessionsPanel(
  p: PanelInput<FragmentType<typeof SessionsPanelFragment>> & {
    page: number;
    cursors: readonly (string | null)[];
    onPage(page: number, cursors: (string | null)[]): void;
  },
) {
  const r = p.analytics ? getFragmentData(SessionsPanelFragment, p.analytics).sessions : null;
  const d = r?.data;
  const list = d?.list;
  const sessions = list?.edges.map((e) => e.node) ?? [];
  const chart = useMemo(() => ({ x: HOURS, series: [{ label: 'Sessions', values: d?.startsByHour ?? [] }] }), [d]);
  return (
    <Panel
      field="sessions"
      title="Sessions"
      loading={p.loading}
      updating={p.updating}
      error={p.error ?? (!p.loading && !r ? missing('sessions') : null)}
      meta={r?.meta}
      timeZone={p.timeZone}
      empty={d ? d.count === 0 : false}
      wide
      chart={() => (
        <Chart
          label="Sessions by starting hour"
          x={chart.x}
          series={chart.series}
          kind="bars"
          xKind="category"
          xLabels={hourLabels}
        />
      )}
      table={() => (
        <Table
          caption="Sessions by starting hour"
          rows={d?.startsByHour ?? []}
          columns={[
            { label: 'Hour', header: true, cell: (_n, h) => formatNumber(h, 'hour') },
            { label: 'Sessions', numeric: true, cell: (n) => <Num value={n} /> },
          ]}
        />
      )}
    >
      {d ? (
        <>
          <Stats
            items={[
              ['Sessions (30-minute gap)', <Num value={d.count} />],
              ['Binges (5+ videos)', <Num value={d.binge} />],
              ['Short (≤ 2 videos)', <Num value={d.short} />],
              ['Videos per session', <Num value={d.videosPerSession} kind="float" />],
              ['Median videos per session', <Num value={d.medianVideosPerSession} kind="float" />],
              ['Mean duration, minutes', <Num value={d.meanDurationMinutes} kind="float" />],
              ['Longest session, videos', <Num value={d.maxVideos} />],
              ['Sessions per active day', <Num value={d.perActiveDay} kind="float" />],
            ]}
          />
          {list ? (
            <>
              <Table
                caption="Sessions, newest first"
                rows={sessions}
                columns={[
                  { label: 'Start', header: true, cell: (s) => formatInstant(s.start, p.timeZone) },
                  { label: 'End', cell: (s) => formatInstant(s.end, p.timeZone, 'time') },
                  { label: 'Videos', numeric: true, cell: (s) => <Num value={s.videos} /> },
                  { label: 'Channels', cell: (s) => s.channels.map((c) => c.channelTitle).join(', ') || '—' },
                ]}
              />
              <nav class="pager" aria-label="Session pages">
                <button type="button" disabled={p.page === 0} onClick={() => p.onPage(p.page - 1, [...p.cursors])}>
                  Newer sessions
                </button>
                <span>Page {p.page + 1}</span>
                <button
                  type="button"
                  disabled={!list.pageInfo.hasNextPage}
                  onClick={() => p.onPage(p.page + 1, [...p.cursors.slice(0, p.page + 1), list.pageInfo.endCursor])}
                >
                  Older sessions
                </button>
              </nav>
            </>
          ) : null}
        </>
      ) : null}
    </Panel>
  );
}

export const OverviewPanelFragment = graphql(`
  fragment OverviewPanel on Analytics {
    overview {
      id
      data { videos uniqueChannels activeDays spanDays videosPerDay videosPerActiveDay firstWatchedAt lastWatchedAt }
      meta { ...Freshness }
    }
  }
`);

export function OverviewPanel(p: PanelInput<FragmentType<typeof OverviewPanelFragment>>) {
  const r = p.analytics ? getFragmentData(OverviewPanelFragment, p.analytics).overview : null;
  const d = r?.data;
  return (
    <Panel
      field="overview"
      title="Overview"
      loading={p.loading}
      updating={p.updating}
      error={p.error ?? (!p.loading && !r ? missing('overview') : null)}
      meta={r?.meta}
      timeZone={p.timeZone}
      empty={d ? d.videos === 0 : false}
    >
      {d ? (
        <Stats
          items={[
            ['Videos', <Num value={d.videos} />],
            ['Channels', <Num value={d.uniqueChannels} />],
            ['Active days', <Num value={d.activeDays} />],
            ['Days in the span', <Num value={d.spanDays} />],
            ['Videos per day', <Num value={d.videosPerDay} kind="float" />],
            ['Videos per active day', <Num value={d.videosPerActiveDay} kind="float" />],
            ['First video', formatInstant(d.firstWatchedAt, p.timeZone)],
            ['Last video', formatInstant(d.lastWatchedAt, p.timeZone)],
          ]}
        />
      ) : null}
    </Panel>
  );
}

export const DailyStatsPanelFragment = graphql(`
  fragment DailyStatsPanel on Analytics {
    dailyStats {
      id
      data { days mean median mode standardDeviation p10 p25 p50 p75 p90 p95 p99 }
      meta { ...Freshness }
    }
  }
`);

export function DailyStatsPanel(p: PanelInput<FragmentType<typeof DailyStatsPanelFragment>>) {
  const r = p.analytics ? getFragmentData(DailyStatsPanelFragment, p.analytics).dailyStats : null;
  const d = r?.data;
  return (
    <Panel
      field="dailyStats"
      title="Videos per day"
      loading={p.loading}
      updating={p.updating}
      error={p.error ?? (!p.loading && !r ? missing('dailyStats') : null)}
      meta={r?.meta}
      timeZone={p.timeZone}
      empty={d ? d.days === 0 : false}
    >
      {d ? (
        <Stats
          items={[
            ['Days', <Num value={d.days} />],
            ['Mean', <Num value={d.mean} kind="float" />],
            ['Median', <Num value={d.median} kind="float" />],
            ['Mode', <Num value={d.mode} />],
            ['Standard deviation', <Num value={d.standardDeviation} kind="float" />],
            ['10th percentile', <Num value={d.p10} />],
            ['25th percentile', <Num value={d.p25} />],
            ['50th percentile', <Num value={d.p50} />],
            ['75th percentile', <Num value={d.p75} />],
            ['90th percentile', <Num value={d.p90} />],
            ['95th percentile', <Num value={d.p95} />],
            ['99th percentile', <Num value={d.p99} />],
          ]}
        />
      ) : null}
    </Panel>
  );
}

/** Sessions alone, when the list moves to another page. */
export const SessionsPanelQuery = graphql(`
  query SessionsPanelQuery($filter: WatchFilter, $sessionsAfter: String) {
    analytics(filter: $filter) {
      id
      ...SessionsPanel
    }
  }
`);
