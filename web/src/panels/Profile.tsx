/** Who the viewer is as a watcher: advanced KPIs, habits, and what is stored (data quality). */
import { Num } from '../components/Num.js';
import { Panel } from '../components/Panel.js';
import { Stats, Table } from '../components/Table.js';
import { formatInstant } from '../format.js';
import { type FragmentType, getFragmentData, graphql } from '../gql/index.js';
import { missing, type PanelInput } from './common.js';

export const AdvancedKpisPanelFragment = graphql(`
  fragment AdvancedKpisPanel on Analytics {
    advancedKpis {
      id
      data {
        consistencyScore
        growth30d
        growth90d
        newChannelsPerMonth
        peakHour
        peakWindow { startHour endHour }
        repeatChannelShareOfChannels
        top10ChannelShareOfVideos
        weekendIntensity
        weekendShareOfVideos
      }
      meta { ...Freshness }
    }
  }
`);

export function AdvancedKpisPanel(p: PanelInput<FragmentType<typeof AdvancedKpisPanelFragment>>) {
  const r = p.analytics ? getFragmentData(AdvancedKpisPanelFragment, p.analytics).advancedKpis : null;
  const d = r?.data;
  return (
    <Panel
      field="advancedKpis"
      title="Advanced KPIs"
      loading={p.loading}
      updating={p.updating}
      error={p.error ?? (!p.loading && !r ? missing('advancedKpis') : null)}
      meta={r?.meta}
      timeZone={p.timeZone}
      empty={d ? d.peakHour === null : false}
    >
      {d ? (
        <Stats
          items={[
            ['Consistency score', <Num value={d.consistencyScore} kind="float" />],
            ['Growth, 30 days', <Num value={d.growth30d} kind="percent" />],
            ['Growth, 90 days', <Num value={d.growth90d} kind="percent" />],
            ['New channels per month', <Num value={d.newChannelsPerMonth} kind="float" />],
            ['Peak hour', <Num value={d.peakHour} kind="hour" />],
            [
              'Peak 3-hour window',
              d.peakWindow ? (
                <>
                  <Num value={d.peakWindow.startHour} kind="hour" />–<Num value={d.peakWindow.endHour} kind="hour" />
                </>
              ) : (
                '—'
              ),
            ],
            ['Channels watched twice or more', <Num value={d.repeatChannelShareOfChannels} kind="share" />],
            ['Videos of the top 10 channels', <Num value={d.top10ChannelShareOfVideos} kind="share" />],
            ['Weekend intensity', <Num value={d.weekendIntensity} kind="float" />],
            ['Videos on weekends', <Num value={d.weekendShareOfVideos} kind="share" />],
          ]}
        />
      ) : null}
    </Panel>
  );
}

export const HabitsPanelFragment = graphql(`
  fragment HabitsPanel on Analytics {
    habits {
      id
      data { habit confidence evidence }
      meta { ...Freshness }
    }
  }
`);

const HABITS: Record<string, string> = {
  BINGE_WATCHER: 'Binge watcher',
  NIGHT_OWL: 'Night owl',
  EARLY_BIRD: 'Early bird',
  WEEKENDER: 'Weekender',
  CREATURE_OF_HABIT: 'Creature of habit',
  SPORADIC: 'Sporadic',
};

export function HabitsPanel(p: PanelInput<FragmentType<typeof HabitsPanelFragment>>) {
  const r = p.analytics ? getFragmentData(HabitsPanelFragment, p.analytics).habits : null;
  const rows = r?.data ?? [];
  return (
    <Panel
      field="habits"
      title="Habits"
      loading={p.loading}
      updating={p.updating}
      error={p.error ?? (!p.loading && !r ? missing('habits') : null)}
      meta={r?.meta}
      timeZone={p.timeZone}
      empty={rows.length === 0}
      emptyText="No habit rule holds for these videos."
    >
      <Table
        caption="Habits whose rule holds"
        rows={rows}
        columns={[
          { label: 'Habit', header: true, cell: (h) => HABITS[h.habit] ?? h.habit },
          { label: 'Confidence', numeric: true, cell: (h) => <Num value={h.confidence} kind="share" /> },
          { label: 'Evidence', cell: (h) => h.evidence },
        ]}
      />
    </Panel>
  );
}

export const DataQualityPanelFragment = graphql(`
  fragment DataQualityPanel on Analytics {
    dataQuality {
      id
      data {
        records
        watched
        viewedPosts
        visitedAds
        ads
        undated
        withChannel
        duplicatesSkipped
        ambiguousTimeZones
        firstWatchedAt
        lastWatchedAt
        timestampFormats { format count }
        timeZoneAbbreviations { abbreviation count assumedOffsetMinutes }
      }
      meta { ...Freshness }
    }
  }
`);

export function DataQualityPanel(p: PanelInput<FragmentType<typeof DataQualityPanelFragment>>) {
  const r = p.analytics ? getFragmentData(DataQualityPanelFragment, p.analytics).dataQuality : null;
  const d = r?.data;
  return (
    <Panel
      field="dataQuality"
      title="Data quality"
      loading={p.loading}
      updating={p.updating}
      error={p.error ?? (!p.loading && !r ? missing('dataQuality') : null)}
      meta={r?.meta}
      timeZone={p.timeZone}
      empty={d ? d.records === 0 : false}
      emptyText="Nothing is stored yet: import a Takeout export."
      wide
    >
      {d ? (
        <>
          <Stats
            items={[
              ['Records', <Num value={d.records} />],
              ['Watched', <Num value={d.watched} />],
              ['Posts viewed', <Num value={d.viewedPosts} />],
              ['Ad links visited', <Num value={d.visitedAds} />],
              ['Ads', <Num value={d.ads} />],
              ['Undated', <Num value={d.undated} />],
              ['With a channel', <Num value={d.withChannel} />],
              ['Duplicates skipped', <Num value={d.duplicatesSkipped} />],
              ['Ambiguous time zones', <Num value={d.ambiguousTimeZones} />],
              ['First record', formatInstant(d.firstWatchedAt, p.timeZone)],
              ['Last record', formatInstant(d.lastWatchedAt, p.timeZone)],
            ]}
          />
          {d.timestampFormats.length ? (
            <Table
              caption="Date formats read"
              rows={d.timestampFormats}
              columns={[
                { label: 'Format', header: true, cell: (f) => f.format },
                { label: 'Entries', numeric: true, cell: (f) => <Num value={f.count} /> },
              ]}
            />
          ) : null}
          {d.timeZoneAbbreviations.length ? (
            <Table
              caption="Time zone abbreviations read"
              rows={d.timeZoneAbbreviations}
              columns={[
                { label: 'Abbreviation', header: true, cell: (z) => z.abbreviation },
                { label: 'Entries', numeric: true, cell: (z) => <Num value={z.count} /> },
                { label: 'Offset, minutes', numeric: true, cell: (z) => <Num value={z.assumedOffsetMinutes} /> },
              ]}
            />
          ) : null}
        </>
      ) : null}
    </Panel>
  );
}
