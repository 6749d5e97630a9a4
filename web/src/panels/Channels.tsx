/** Top channels, channel metrics (paginated), channel relationships and one channel's evolution. */
import { useMemo, useState } from 'preact/hooks';
import { Bars } from '../components/Bars.js';
import { Chart } from '../components/Chart.js';
import { Num } from '../components/Num.js';
import { Panel } from '../components/Panel.js';
import { Table } from '../components/Table.js';
import { ORDERS } from '../filter.js';
import { epochSeconds, formatInstant, formatMonth, formatNumber, topicLabel } from '../format.js';
import type { ChannelOrder } from '../gql/graphql.js';
import { type FragmentType, getFragmentData, graphql } from '../gql/index.js';
import { missing, type PanelInput } from './common.js';

export const TopChannelsPanelFragment = graphql(`
  fragment TopChannelsPanel on Analytics {
    topChannels(limit: 10) {
      id
      data {
        channel { id channelKey channelTitle channelUrl }
        videos
        shareOfVideos
        estimatedWatchSeconds
      }
      meta { ...Freshness }
    }
  }
`);

export function TopChannelsPanel(p: PanelInput<FragmentType<typeof TopChannelsPanelFragment>>) {
  const r = p.analytics ? getFragmentData(TopChannelsPanelFragment, p.analytics).topChannels : null;
  const rows = r?.data ?? [];
  return (
    <Panel
      field="topChannels"
      title="Top channels"
      loading={p.loading}
      updating={p.updating}
      error={p.error ?? (!p.loading && !r ? missing('topChannels') : null)}
      meta={r?.meta}
      timeZone={p.timeZone}
      empty={rows.length === 0}
      chart={() => (
        <Bars
          label="Channels with most videos"
          items={rows.map((c) => ({
            key: c.channel.id,
            label: c.channel.channelTitle,
            value: c.videos,
            text: formatNumber(c.videos),
          }))}
        />
      )}
      table={() => (
        <Table
          caption="Channels with most videos"
          rows={rows}
          columns={[
            { label: 'Channel', header: true, cell: (c) => c.channel.channelTitle },
            { label: 'Videos', numeric: true, cell: (c) => <Num value={c.videos} /> },
            { label: 'Share of videos', numeric: true, cell: (c) => <Num value={c.shareOfVideos} kind="share" /> },
            { label: 'Watch time', numeric: true, cell: (c) => <Num value={c.estimatedWatchSeconds} kind="seconds" /> },
          ]}
        />
      )}
    />
  );
}

export const ChannelMetricsPanelFragment = graphql(`
  fragment ChannelMetricsPanel on Analytics {
    channelMetrics(first: 10, after: $channelsAfter, orderBy: $channelOrder) {
      id
      data {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges {
          node {
            id
            channel { id channelTitle }
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
      meta { ...Freshness }
    }
  }
`);

const ORDER_LABELS: Record<ChannelOrder, string> = { VIDEOS: 'Most videos', LOYALTY: 'Most loyal', RECENT: 'Most recent' };

export function ChannelMetricsPanel(
  p: PanelInput<FragmentType<typeof ChannelMetricsPanelFragment>> & {
    order: ChannelOrder;
    /** Page n starts after cursors[n - 1]. */
    page: number;
    onOrder(order: ChannelOrder): void;
    onPage(page: number, after: string | null): void;
  },
) {
  const r = p.analytics ? getFragmentData(ChannelMetricsPanelFragment, p.analytics).channelMetrics : null;
  const d = r?.data;
  const rows = d?.edges.map((e) => e.node) ?? [];
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <Panel
      field="channelMetrics"
      title="Channel metrics"
      loading={p.loading}
      updating={p.updating}
      error={p.error ?? (!p.loading && !r ? missing('channelMetrics') : null)}
      meta={r?.meta}
      timeZone={p.timeZone}
      empty={d ? d.totalCount === 0 : false}
      wide
      controls={
        <label>
          Order{' '}
          <select
            value={p.order}
            onChange={(e) => {
              setCursors([null]);
              p.onOrder(e.currentTarget.value as ChannelOrder);
            }}
          >
            {ORDERS.map((o) => (
              <option value={o} key={o}>
                {ORDER_LABELS[o]}
              </option>
            ))}
          </select>
        </label>
      }
      table={() => (
        <>
          <Table
            caption={`Channels, ${ORDER_LABELS[p.order].toLowerCase()} first`}
            rows={rows}
            columns={[
              { label: 'Channel', header: true, cell: (c) => c.channel.channelTitle + (c.isNew ? ' (new)' : '') },
              { label: 'Videos', numeric: true, cell: (c) => <Num value={c.videos} /> },
              { label: 'Share of videos', numeric: true, cell: (c) => <Num value={c.shareOfVideos} kind="share" /> },
              { label: 'Share of sessions', numeric: true, cell: (c) => <Num value={c.shareOfSessions} kind="share" /> },
              { label: 'Active months', numeric: true, cell: (c) => <Num value={c.activeMonths} /> },
              {
                label: 'Videos per active month',
                numeric: true,
                cell: (c) => <Num value={c.videosPerActiveMonth} kind="float" />,
              },
              { label: 'Loyalty', numeric: true, cell: (c) => <Num value={c.loyaltyScore} /> },
              { label: 'Peak hour', numeric: true, cell: (c) => <Num value={c.peakHour} kind="hour" /> },
              { label: 'Peak day', numeric: true, cell: (c) => <Num value={c.peakWeekday} kind="weekday" /> },
              { label: 'Last video', cell: (c) => formatInstant(c.lastWatchedAt, p.timeZone) },
            ]}
          />
          <nav class="pager" aria-label="Channel metrics pages">
            <button
              type="button"
              disabled={p.page === 0}
              onClick={() => {
                const page = p.page - 1;
                p.onPage(page, cursors[page] ?? null);
              }}
            >
              Previous channels
            </button>
            <span>
              Page {p.page + 1} of {formatNumber(Math.max(1, Math.ceil((d?.totalCount ?? 0) / 10)))} ·{' '}
              <Num value={d?.totalCount} /> channels
            </span>
            <button
              type="button"
              disabled={!d?.pageInfo.hasNextPage}
              onClick={() => {
                const next = [...cursors.slice(0, p.page + 1), d?.pageInfo.endCursor ?? null];
                setCursors(next);
                p.onPage(p.page + 1, d?.pageInfo.endCursor ?? null);
              }}
            >
              Next channels
            </button>
          </nav>
        </>
      )}
    />
  );
}

export const ChannelRelationshipsPanelFragment = graphql(`
  fragment ChannelRelationshipsPanel on Analytics {
    channelRelationships(limit: 10) {
      id
      data {
        a { id channelTitle }
        b { id channelTitle }
        score
        sharedSessions
        sharedTopics
      }
      meta { ...Freshness }
    }
  }
`);

export function ChannelRelationshipsPanel(p: PanelInput<FragmentType<typeof ChannelRelationshipsPanelFragment>>) {
  const r = p.analytics ? getFragmentData(ChannelRelationshipsPanelFragment, p.analytics).channelRelationships : null;
  const rows = r?.data ?? [];
  return (
    <Panel
      field="channelRelationships"
      title="Channels watched together"
      loading={p.loading}
      updating={p.updating}
      error={p.error ?? (!p.loading && !r ? missing('channelRelationships') : null)}
      meta={r?.meta}
      timeZone={p.timeZone}
      empty={rows.length === 0}
      emptyText="No two channels share a session under this filter."
      table={() => (
        <Table
          caption="Channel pairs by score"
          rows={rows}
          columns={[
            { label: 'Channels', header: true, cell: (x) => `${x.a.channelTitle} + ${x.b.channelTitle}` },
            { label: 'Score', numeric: true, cell: (x) => <Num value={x.score} /> },
            { label: 'Shared sessions', numeric: true, cell: (x) => <Num value={x.sharedSessions} /> },
            { label: 'Shared topics', cell: (x) => x.sharedTopics.map(topicLabel).join(', ') || '—' },
          ]}
        />
      )}
    />
  );
}

export const ChannelEvolutionPanelFragment = graphql(`
  fragment ChannelEvolutionPanel on Analytics {
    channelEvolution(channel: $channel) {
      __typename
      ... on ChannelEvolutionSuccess {
        id
        data {
          channel { id channelKey channelTitle }
          points { month videos distinctTopics trend }
        }
        meta { ...Freshness }
      }
      ... on Failure { code message }
    }
  }
`);

export function ChannelEvolutionPanel(
  p: PanelInput<FragmentType<typeof ChannelEvolutionPanelFragment>> & {
    channel: string | null;
    choices: readonly { channelKey: string; channelTitle: string }[];
    onChannel(channelKey: string): void;
  },
) {
  const r = p.analytics ? getFragmentData(ChannelEvolutionPanelFragment, p.analytics).channelEvolution : null;
  const ok = r?.__typename === 'ChannelEvolutionSuccess' ? r : null;
  const failure = r && r.__typename !== 'ChannelEvolutionSuccess' ? r : null;
  const points = ok?.data.points ?? [];
  const chart = useMemo(
    () => ({ x: points.map((m) => epochSeconds(m.month)), series: [{ label: 'Videos', values: points.map((m) => m.videos) }] }),
    [points],
  );
  const choices =
    p.channel && !p.choices.some((c) => c.channelKey === p.channel)
      ? [{ channelKey: p.channel, channelTitle: ok?.data.channel.channelTitle ?? p.channel }, ...p.choices]
      : p.choices;
  const title = ok?.data.channel.channelTitle ?? 'the channel';
  return (
    <Panel
      field="channelEvolution"
      title="Channel evolution"
      loading={p.loading}
      updating={p.updating}
      error={
        p.error ??
        (failure ? { message: failure.message, extensions: { code: failure.code } } : null) ??
        (!p.loading && !r && p.channel ? missing('channelEvolution') : null)
      }
      meta={ok?.meta}
      timeZone={p.timeZone}
      empty={!p.channel || points.length === 0}
      emptyText={p.channel ? 'No videos of this channel match the filter.' : 'No channel to show.'}
      wide
      controls={
        <label>
          Channel{' '}
          <select value={p.channel ?? ''} onChange={(e) => p.onChannel(e.currentTarget.value)}>
            {choices.map((c) => (
              <option value={c.channelKey} key={c.channelKey}>
                {c.channelTitle}
              </option>
            ))}
          </select>
        </label>
      }
      chart={() => <Chart label={`Videos of ${title} per month`} x={chart.x} series={chart.series} kind="bars" />}
      table={() => (
        <Table
          caption={`Videos of ${title} per month`}
          rows={points}
          columns={[
            { label: 'Month', header: true, cell: (m) => formatMonth(m.month) },
            { label: 'Videos', numeric: true, cell: (m) => <Num value={m.videos} /> },
            { label: 'Topics', numeric: true, cell: (m) => <Num value={m.distinctTopics} /> },
            { label: 'Trend', cell: (m) => m.trend.toLowerCase() },
          ]}
        />
      )}
    />
  );
}

/** Channel metrics alone, on another page or order. */
export const ChannelMetricsPanelQuery = graphql(`
  query ChannelMetricsPanelQuery($filter: WatchFilter, $channelOrder: ChannelOrder, $channelsAfter: String) {
    analytics(filter: $filter) {
      id
      ...ChannelMetricsPanel
    }
  }
`);

/** One channel's evolution: asked once the channel is known (the top channel by default). */
export const ChannelEvolutionPanelQuery = graphql(`
  query ChannelEvolutionPanelQuery($filter: WatchFilter, $channel: String!) {
    analytics(filter: $filter) {
      id
      ...ChannelEvolutionPanel
    }
  }
`);
