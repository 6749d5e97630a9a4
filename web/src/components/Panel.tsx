import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { GraphQLErrorLike } from '../api/client.js';
import type { FragmentType } from '../gql/index.js';
import { Freshness, type FreshnessFragment } from './Freshness.js';

export interface PanelProps {
  /** The Analytics field the panel shows: `data-panel`. */
  field: string;
  title: string;
  /** Loading before the first data of this panel (no data yet). */
  loading: boolean;
  /** Refetching while the old numbers stay visible. */
  updating?: boolean;
  error?: GraphQLErrorLike | null;
  /** The panel's data answered with nothing to show. */
  empty?: boolean;
  emptyText?: string;
  meta?: FragmentType<typeof FreshnessFragment> | null;
  timeZone: string;
  /** Controls shown in the header (selects, pickers). */
  controls?: ComponentChildren;
  /** Render the chart (default view); with `table`, a "Table" toggle switches to it. */
  chart?: () => ComponentChildren;
  table?: () => ComponentChildren;
  /** Always shown (KPI cards, statistics), before the chart/table. */
  children?: ComponentChildren;
  wide?: boolean;
}

/** One panel: header with freshness badge, and a loading, error, empty or data body. Errors stay in their panel. */
export function Panel(props: PanelProps) {
  const [showTable, setShowTable] = useState(false);
  const { field, title } = props;
  const titleId = `panel-${field}-title`;
  const state = props.error ? 'error' : props.loading ? 'loading' : props.empty ? 'empty' : 'ready';
  let body: ComponentChildren;
  if (props.error) {
    body = (
      <p class="panel-error" role="alert">
        This panel could not be loaded: {props.error.message}
        {props.error.extensions?.code ? ` (${props.error.extensions.code})` : ''}
      </p>
    );
  } else if (props.loading) {
    body = <p class="panel-loading">Loading…</p>;
  } else if (props.empty) {
    body = <p class="panel-empty">{props.emptyText ?? 'No videos match this filter.'}</p>;
  } else {
    body = (
      <>
        {props.children}
        {props.chart && (!props.table || !showTable) ? props.chart() : null}
        {props.table && (showTable || !props.chart) ? props.table() : null}
      </>
    );
  }
  return (
    <section
      class={props.wide ? 'panel wide' : 'panel'}
      data-panel={field}
      data-state={state}
      aria-labelledby={titleId}
      aria-busy={props.loading || props.updating ? 'true' : 'false'}
    >
      <header class="panel-head">
        <h2 id={titleId}>{title}</h2>
        {props.chart && props.table && state === 'ready' ? (
          <button type="button" class="toggle" aria-pressed={showTable} onClick={() => setShowTable(!showTable)}>
            {showTable ? 'Show chart' : 'Show table'}
          </button>
        ) : null}
      </header>
      {props.controls ? <div class="panel-controls">{props.controls}</div> : null}
      {body}
      {props.meta && !props.error ? <Freshness meta={props.meta} timeZone={props.timeZone} /> : null}
    </section>
  );
}
