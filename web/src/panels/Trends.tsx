/** Monthly trend and the selectable time series. */
import { useMemo } from 'preact/hooks';
import { Chart } from '../components/Chart.js';
import { Num } from '../components/Num.js';
import { Panel } from '../components/Panel.js';
import { Table } from '../components/Table.js';
import { INTERVALS, METRICS } from '../filter.js';
import { epochSeconds, formatDate, formatMonth } from '../format.js';
import type { TimeSeriesInterval, TimeSeriesMetric } from '../gql/graphql.js';
import { type FragmentType, getFragmentData, graphql } from '../gql/index.js';
import { missing, type PanelInput } from './common.js';

export const MonthlyTrendPanelFragment = graphql(`
  fragment MonthlyTrendPanel on Analytics {
    monthlyTrend {
      id
      data { month videos uniqueChannels estimatedWatchSeconds }
      meta { ...Freshness }
    }
  }
`);

export function MonthlyTrendPanel(p: PanelInput<FragmentType<typeof MonthlyTrendPanelFragment>>) {
  const r = p.analytics ? getFragmentData(MonthlyTrendPanelFragment, p.analytics).monthlyTrend : null;
  const points = r?.data ?? [];
  const chart = useMemo(
    () => ({ x: points.map((m) => epochSeconds(m.month)), series: [{ label: 'Videos', values: points.map((m) => m.videos) }] }),
    [points],
  );
  return (
    <Panel
      field="monthlyTrend"
      title="Monthly trend"
      loading={p.loading}
      updating={p.updating}
      error={p.error ?? (!p.loading && !r ? missing('monthlyTrend') : null)}
      meta={r?.meta}
      timeZone={p.timeZone}
      empty={points.length === 0}
      wide
      chart={() => <Chart label="Videos per month" x={chart.x} series={chart.series} kind="bars" />}
      table={() => (
        <Table
          caption="Videos, channels and estimated watch time per month"
          rows={points}
          columns={[
            { label: 'Month', header: true, cell: (m) => formatMonth(m.month) },
            { label: 'Videos', numeric: true, cell: (m) => <Num value={m.videos} /> },
            { label: 'Channels', numeric: true, cell: (m) => <Num value={m.uniqueChannels} /> },
            { label: 'Watch time', numeric: true, cell: (m) => <Num value={m.estimatedWatchSeconds} kind="seconds" /> },
          ]}
        />
      )}
    />
  );
}

export const TimeSeriesPanelFragment = graphql(`
  fragment TimeSeriesPanel on Analytics {
    timeSeries(interval: $interval, metric: $metric) {
      id
      data { start value }
      meta { ...Freshness }
    }
  }
`);

const INTERVAL_LABELS: Record<TimeSeriesInterval, string> = { DAY: 'Day', WEEK: 'Week', MONTH: 'Month' };
const METRIC_LABELS: Record<TimeSeriesMetric, string> = { VIDEOS: 'Videos', CHANNELS: 'Channels', TOPICS: 'Topics' };

export function TimeSeriesPanel(
  p: PanelInput<FragmentType<typeof TimeSeriesPanelFragment>> & {
    interval: TimeSeriesInterval;
    metric: TimeSeriesMetric;
    onChange(interval: TimeSeriesInterval, metric: TimeSeriesMetric): void;
  },
) {
  const r = p.analytics ? getFragmentData(TimeSeriesPanelFragment, p.analytics).timeSeries : null;
  const points = r?.data ?? [];
  const label = `${METRIC_LABELS[p.metric]} per ${INTERVAL_LABELS[p.interval].toLowerCase()}`;
  const chart = useMemo(
    () => ({
      x: points.map((t) => epochSeconds(t.start)),
      series: [{ label: METRIC_LABELS[p.metric], values: points.map((t) => t.value) }],
    }),
    [points, p.metric],
  );
  return (
    <Panel
      field="timeSeries"
      title="Time series"
      loading={p.loading}
      updating={p.updating}
      error={p.error ?? (!p.loading && !r ? missing('timeSeries') : null)}
      meta={r?.meta}
      timeZone={p.timeZone}
      empty={points.length === 0}
      wide
      controls={
        <>
          <label>
            Interval{' '}
            <select value={p.interval} onChange={(e) => p.onChange(e.currentTarget.value as TimeSeriesInterval, p.metric)}>
              {INTERVALS.map((i) => (
                <option value={i} key={i}>
                  {INTERVAL_LABELS[i]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Metric{' '}
            <select value={p.metric} onChange={(e) => p.onChange(p.interval, e.currentTarget.value as TimeSeriesMetric)}>
              {METRICS.map((m) => (
                <option value={m} key={m}>
                  {METRIC_LABELS[m]}
                </option>
              ))}
            </select>
          </label>
        </>
      }
      chart={() => <Chart label={label} x={chart.x} series={chart.series} />}
      table={() => (
        <Table
          caption={label}
          rows={points}
          columns={[
            { label: 'Starting', header: true, cell: (t) => formatDate(t.start) },
            { label: METRIC_LABELS[p.metric], numeric: true, cell: (t) => <Num value={t.value} /> },
          ]}
        />
      )}
    />
  );
}

/** The time series alone, when its interval or metric changes. */
export const TimeSeriesPanelQuery = graphql(`
  query TimeSeriesPanelQuery($filter: WatchFilter, $interval: TimeSeriesInterval, $metric: TimeSeriesMetric) {
    analytics(filter: $filter) {
      id
      ...TimeSeriesPanel
    }
  }
`);
