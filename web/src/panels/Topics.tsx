/** Topics: shares, evolution, diversity and signals. */
import { useMemo } from 'preact/hooks';
import { Bars } from '../components/Bars.js';
import { Chart } from '../components/Chart.js';
import { Num } from '../components/Num.js';
import { Panel } from '../components/Panel.js';
import { Stats, Table } from '../components/Table.js';
import { epochSeconds, formatMonth, formatNumber, topicLabel } from '../format.js';
import { type FragmentType, getFragmentData, graphql } from '../gql/index.js';
import { missing, type PanelInput } from './common.js';

export const TopicsPanelFragment = graphql(`
  fragment TopicsPanel on Analytics {
    topics {
      id
      data { topic videos shareOfTopicAssignments recentVideos previousVideos trend }
      meta { ...Freshness }
    }
  }
`);

export function TopicsPanel(p: PanelInput<FragmentType<typeof TopicsPanelFragment>>) {
  const r = p.analytics ? getFragmentData(TopicsPanelFragment, p.analytics).topics : null;
  const rows = r?.data ?? [];
  return (
    <Panel
      field="topics"
      title="Topics"
      loading={p.loading}
      updating={p.updating}
      error={p.error ?? (!p.loading && !r ? missing('topics') : null)}
      meta={r?.meta}
      timeZone={p.timeZone}
      empty={rows.length === 0}
      chart={() => (
        <Bars
          label="Topics by videos"
          items={rows.map((t) => ({
            key: t.topic,
            label: topicLabel(t.topic),
            value: t.videos,
            text: formatNumber(t.shareOfTopicAssignments, 'share'),
          }))}
        />
      )}
      table={() => (
        <Table
          caption="Topics by videos, with their 30-day trend"
          rows={rows}
          columns={[
            { label: 'Topic', header: true, cell: (t) => topicLabel(t.topic) },
            { label: 'Videos', numeric: true, cell: (t) => <Num value={t.videos} /> },
            { label: 'Share', numeric: true, cell: (t) => <Num value={t.shareOfTopicAssignments} kind="share" /> },
            { label: 'Last 30 days', numeric: true, cell: (t) => <Num value={t.recentVideos} /> },
            { label: '30 days before', numeric: true, cell: (t) => <Num value={t.previousVideos} /> },
            { label: 'Trend', cell: (t) => t.trend.toLowerCase() },
          ]}
        />
      )}
    />
  );
}

export const TopicEvolutionPanelFragment = graphql(`
  fragment TopicEvolutionPanel on Analytics {
    topicEvolution {
      id
      data {
        topic
        videos
        growthPercent
        peakMonthOfYear
        lowMonthOfYear
        timeline { month videos }
      }
      meta { ...Freshness }
    }
  }
`);

export function TopicEvolutionPanel(p: PanelInput<FragmentType<typeof TopicEvolutionPanelFragment>>) {
  const r = p.analytics ? getFragmentData(TopicEvolutionPanelFragment, p.analytics).topicEvolution : null;
  const topics = r?.data ?? [];
  const months = topics[0]?.timeline.map((t) => t.month) ?? [];
  const chart = useMemo(
    () => ({
      x: months.map(epochSeconds),
      series: topics.slice(0, 5).map((t) => ({ label: topicLabel(t.topic), values: t.timeline.map((m) => m.videos) })),
    }),
    [topics, months],
  );
  return (
    <Panel
      field="topicEvolution"
      title="Topic evolution"
      loading={p.loading}
      updating={p.updating}
      error={p.error ?? (!p.loading && !r ? missing('topicEvolution') : null)}
      meta={r?.meta}
      timeZone={p.timeZone}
      empty={topics.length === 0}
      wide
      chart={() => <Chart label="Videos per month of the five largest topics" x={chart.x} series={chart.series} />}
      table={() => (
        <Table
          caption="Videos per month and topic"
          rows={months}
          columns={[
            { label: 'Month', header: true, cell: (m) => formatMonth(m) },
            ...topics.map((t) => ({
              label: topicLabel(t.topic),
              numeric: true,
              cell: (_m: string, i: number) => <Num value={t.timeline[i]?.videos ?? null} />,
            })),
          ]}
        />
      )}
    >
      <Table
        caption="Topics: growth of the last 3 months, peak and low month of the year"
        rows={topics}
        columns={[
          { label: 'Topic', header: true, cell: (t) => topicLabel(t.topic) },
          { label: 'Videos', numeric: true, cell: (t) => <Num value={t.videos} /> },
          { label: 'Growth', numeric: true, cell: (t) => <Num value={t.growthPercent} kind="percent" /> },
          { label: 'Peak month', numeric: true, cell: (t) => <Num value={t.peakMonthOfYear} kind="monthOfYear" /> },
          { label: 'Low month', numeric: true, cell: (t) => <Num value={t.lowMonthOfYear} kind="monthOfYear" /> },
        ]}
      />
    </Panel>
  );
}

export const TopicDiversityPanelFragment = graphql(`
  fragment TopicDiversityPanel on Analytics {
    topicDiversity {
      id
      data {
        distinctTopics
        shannonBits
        evenness
        top3TopicShareOfAssignments
        spread { learning leisure other }
      }
      meta { ...Freshness }
    }
  }
`);

export function TopicDiversityPanel(p: PanelInput<FragmentType<typeof TopicDiversityPanelFragment>>) {
  const r = p.analytics ? getFragmentData(TopicDiversityPanelFragment, p.analytics).topicDiversity : null;
  const d = r?.data;
  return (
    <Panel
      field="topicDiversity"
      title="Topic diversity"
      loading={p.loading}
      updating={p.updating}
      error={p.error ?? (!p.loading && !r ? missing('topicDiversity') : null)}
      meta={r?.meta}
      timeZone={p.timeZone}
      empty={d ? d.distinctTopics === 0 : false}
    >
      {d ? (
        <Stats
          items={[
            ['Topics', <Num value={d.distinctTopics} />],
            ['Entropy, bits', <Num value={d.shannonBits} kind="float" />],
            ['Evenness', <Num value={d.evenness} kind="float" />],
            ['Three largest topics', <Num value={d.top3TopicShareOfAssignments} kind="share" />],
            ['Learning', <Num value={d.spread.learning} kind="share" />],
            ['Leisure', <Num value={d.spread.leisure} kind="share" />],
            ['Other', <Num value={d.spread.other} kind="share" />],
          ]}
        />
      ) : null}
    </Panel>
  );
}

export const TopicSignalsPanelFragment = graphql(`
  fragment TopicSignalsPanel on Analytics {
    topicSignals {
      id
      data {
        topic
        videos
        learning
        longForm
        intentional
        algorithmic
        coTopics { topic shareOfTopicVideos }
      }
      meta { ...Freshness }
    }
  }
`);

export function TopicSignalsPanel(p: PanelInput<FragmentType<typeof TopicSignalsPanelFragment>>) {
  const r = p.analytics ? getFragmentData(TopicSignalsPanelFragment, p.analytics).topicSignals : null;
  const rows = r?.data ?? [];
  return (
    <Panel
      field="topicSignals"
      title="Topic signals"
      loading={p.loading}
      updating={p.updating}
      error={p.error ?? (!p.loading && !r ? missing('topicSignals') : null)}
      meta={r?.meta}
      timeZone={p.timeZone}
      empty={rows.length === 0}
      wide
    >
      <Table
        caption="Share of each topic’s videos with learning, long-form, intentional and algorithmic phrases"
        rows={rows}
        columns={[
          { label: 'Topic', header: true, cell: (t) => topicLabel(t.topic) },
          { label: 'Videos', numeric: true, cell: (t) => <Num value={t.videos} /> },
          { label: 'Learning', numeric: true, cell: (t) => <Num value={t.learning} kind="share" /> },
          { label: 'Long-form', numeric: true, cell: (t) => <Num value={t.longForm} kind="share" /> },
          { label: 'Intentional', numeric: true, cell: (t) => <Num value={t.intentional} kind="share" /> },
          { label: 'Algorithmic', numeric: true, cell: (t) => <Num value={t.algorithmic} kind="share" /> },
          {
            label: 'Also tagged',
            cell: (t) =>
              t.coTopics
                .slice(0, 3)
                .map((c) => `${topicLabel(c.topic)} ${formatNumber(c.shareOfTopicVideos, 'share')}`)
                .join(', ') || '—',
          },
        ]}
      />
    </Panel>
  );
}
