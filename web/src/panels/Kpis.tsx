import { Num } from '../components/Num.js';
import { Panel } from '../components/Panel.js';
import { Table } from '../components/Table.js';
import { type FragmentType, getFragmentData, graphql } from '../gql/index.js';
import { missing, type PanelInput } from './common.js';

export const KpisPanelFragment = graphql(`
  fragment KpisPanel on Analytics {
    kpis {
      id
      data {
        videos
        uniqueChannels
        estimatedWatchSeconds
        periods {
          mtd { videos previousYearVideos deltaPercent }
          qtd { videos previousYearVideos deltaPercent }
          ytd { videos previousYearVideos deltaPercent }
        }
      }
      meta { ...Freshness }
    }
  }
`);

export function KpisPanel(p: PanelInput<FragmentType<typeof KpisPanelFragment>>) {
  const r = p.analytics ? getFragmentData(KpisPanelFragment, p.analytics).kpis : null;
  const d = r?.data;
  const periods = d
    ? ([
        ['Month to date', d.periods.mtd],
        ['Quarter to date', d.periods.qtd],
        ['Year to date', d.periods.ytd],
      ] as const)
    : [];
  return (
    <Panel
      field="kpis"
      title="Headline numbers"
      loading={p.loading}
      updating={p.updating}
      error={p.error ?? (!p.loading && !r ? missing('kpis') : null)}
      meta={r?.meta}
      timeZone={p.timeZone}
      empty={d ? d.videos === 0 : false}
      wide
    >
      {d ? (
        <>
          <ul class="kpis">
            <li>
              <span class="kpi-value">
                <Num value={d.videos} />
              </span>
              <span class="kpi-label">videos</span>
            </li>
            <li>
              <span class="kpi-value">
                <Num value={d.uniqueChannels} />
              </span>
              <span class="kpi-label">channels</span>
            </li>
            <li>
              <span class="kpi-value">
                <Num value={d.estimatedWatchSeconds} kind="seconds" />
              </span>
              <span class="kpi-label">estimated watch time</span>
            </li>
          </ul>
          <Table
            caption="Videos to date against the same dates last year"
            rows={periods}
            columns={[
              { label: 'Period', header: true, cell: ([label]) => label },
              { label: 'Videos', numeric: true, cell: ([, c]) => <Num value={c.videos} /> },
              { label: 'Same dates last year', numeric: true, cell: ([, c]) => <Num value={c.previousYearVideos} /> },
              { label: 'Change', numeric: true, cell: ([, c]) => <Num value={c.deltaPercent} kind="percent" /> },
            ]}
          />
        </>
      ) : null}
    </Panel>
  );
}
