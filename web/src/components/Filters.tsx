/** The filter bar: timeframe or custom range, product, topics, channels (search by title), time zone, ads. Native controls: every one works by keyboard. */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Client } from '../api/client.js';
import { type FilterState, PRODUCTS, TIMEFRAMES, TOPICS, toWatchFilter } from '../filter.js';
import { formatNumber, topicLabel } from '../format.js';
import type { ProductFilter, Timeframe, Topic } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';

export const ChannelSearchQuery = graphql(`
  query ChannelSearch($filter: WatchFilter, $after: String) {
    analytics(filter: $filter) {
      id
      channelMetrics(first: 100, after: $after) {
        id
        data {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { node { id videos channel { id channelKey channelTitle } } }
        }
      }
    }
  }
`);

const TIMEFRAME_LABELS: Record<Timeframe, string> = {
  ALL: 'All time',
  MTD: 'Month to date',
  QTD: 'Quarter to date',
  YTD: 'Year to date',
  LAST_6_MONTHS: 'Last 6 months',
  LAST_12_MONTHS: 'Last 12 months',
};
const PRODUCT_LABELS: Record<ProductFilter, string> = {
  ALL: 'YouTube and YouTube Music',
  YOUTUBE: 'YouTube',
  YOUTUBE_MUSIC: 'YouTube Music',
};
/** Channels searched at most (10 pages of the most watched). */
const MAX_SEARCH_PAGES = 10;

interface ChannelChoice {
  channelKey: string;
  channelTitle: string;
  videos: number;
}

function ChannelPicker({
  client,
  filter,
  onChange,
}: {
  client: Client;
  filter: FilterState;
  onChange(channels: string[]): void;
}) {
  const [text, setText] = useState('');
  const [known, setKnown] = useState<ChannelChoice[]>([]);
  const [status, setStatus] = useState<'idle' | 'loading' | 'done' | 'error'>('idle');
  const loaded = useRef<{ key: string; after: string | null; pages: number; more: boolean } | null>(null);
  // Channels are searched under the filter without its channel list.
  const baseKey = JSON.stringify({ ...toWatchFilter({ ...filter, channels: [] }) });

  const loadMore = async () => {
    if (loaded.current?.key !== baseKey) {
      loaded.current = { key: baseKey, after: null, pages: 0, more: true };
      setKnown([]);
    }
    const state = loaded.current;
    if (!state.more || state.pages >= MAX_SEARCH_PAGES) return;
    setStatus('loading');
    try {
      const r = await client.query(ChannelSearchQuery, {
        filter: toWatchFilter({ ...filter, channels: [] }),
        after: state.after,
      });
      const d = r.data?.analytics?.channelMetrics?.data;
      if (loaded.current !== state) return;
      state.pages++;
      state.after = d?.pageInfo.endCursor ?? null;
      state.more = d?.pageInfo.hasNextPage ?? false;
      const page = (d?.edges ?? []).map((e) => ({ ...e.node.channel, videos: e.node.videos }));
      setKnown((k) => [...k, ...page]);
      setStatus('done');
    } catch {
      setStatus('error');
    }
  };
  const needle = text.trim().toLocaleLowerCase();
  const matches = useMemo(
    () =>
      needle
        ? known
            .filter((c) => c.channelTitle.toLocaleLowerCase().includes(needle) && !filter.channels.includes(c.channelKey))
            .slice(0, 8)
        : [],
    [known, needle, filter.channels],
  );
  const titleOf = (key: string) => known.find((c) => c.channelKey === key)?.channelTitle ?? key;
  const state = loaded.current;
  return (
    <div class="channel-picker">
      <label for="f-channel-search">Channels</label>
      <input
        id="f-channel-search"
        type="search"
        placeholder="Search by title"
        autocomplete="off"
        value={text}
        onFocus={() => {
          if (loaded.current?.key !== baseKey) void loadMore();
        }}
        onInput={(e) => {
          setText(e.currentTarget.value);
          if (loaded.current?.key !== baseKey) void loadMore();
        }}
      />
      {filter.channels.length ? (
        <ul class="chips" aria-label="Selected channels">
          {filter.channels.map((key) => (
            <li key={key}>
              <button type="button" onClick={() => onChange(filter.channels.filter((c) => c !== key))}>
                {titleOf(key)} <span aria-hidden="true">×</span>
                <span class="visually-hidden"> (remove)</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {needle ? (
        <div class="channel-results">
          <ul aria-label="Matching channels">
            {matches.map((c) => (
              <li key={c.channelKey}>
                <button
                  type="button"
                  onClick={() => {
                    onChange([...filter.channels, c.channelKey].sort());
                    setText('');
                  }}
                >
                  Add {c.channelTitle} <span class="muted">({formatNumber(c.videos)} videos)</span>
                </button>
              </li>
            ))}
          </ul>
          <p class="muted" aria-live="polite">
            {status === 'loading'
              ? 'Searching…'
              : status === 'error'
                ? 'The channel list could not be loaded.'
                : matches.length === 0
                  ? `No match among the ${formatNumber(known.length)} most watched channels.`
                  : null}
            {state?.more && state.pages < MAX_SEARCH_PAGES && status !== 'loading' ? (
              <button type="button" class="link" onClick={() => void loadMore()}>
                Search more channels
              </button>
            ) : null}
          </p>
        </div>
      ) : null}
    </div>
  );
}

export interface FiltersProps {
  client: Client;
  filter: FilterState;
  /** The viewer's zone (the default). */
  viewerTimeZone: string | null;
  onChange(filter: FilterState): void;
}

export function Filters({ client, filter, viewerTimeZone, onChange }: FiltersProps) {
  // The ~420 zones are listed once the page is idle (or the list is used), not in the first render.
  const [allZones, setAllZones] = useState(false);
  useEffect(() => {
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void) => number }).requestIdleCallback;
    const id = idle ? idle(() => setAllZones(true)) : setTimeout(() => setAllZones(true), 200);
    return () => {
      const cancel = (globalThis as { cancelIdleCallback?: (id: number) => void }).cancelIdleCallback;
      if (idle && cancel) cancel(id as number);
      else clearTimeout(id);
    };
  }, []);
  const zones = useMemo(() => {
    if (!allZones) return ['UTC'];
    const all = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
    return all.includes('UTC') ? all : ['UTC', ...all];
  }, [allZones]);
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [from, setFrom] = useState(filter.range?.from ?? '');
  const [to, setTo] = useState(filter.range?.to ?? '');
  const [custom, setCustom] = useState(filter.range !== null);
  const customShown = custom || filter.range !== null;
  const applyRange = (f: string, t: string) => {
    if (f && t && f <= t) onChange({ ...filter, range: { from: f, to: t }, timeframe: 'ALL' });
  };
  return (
    <form class="filters" aria-label="Filter" onSubmit={(e) => e.preventDefault()}>
      <div class="field">
        <label for="f-timeframe">Timeframe</label>
        <select
          id="f-timeframe"
          value={customShown ? 'CUSTOM' : filter.timeframe}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (v === 'CUSTOM') {
              setCustom(true);
              applyRange(from, to);
            } else {
              setCustom(false);
              onChange({ ...filter, timeframe: v as Timeframe, range: null });
            }
          }}
        >
          {TIMEFRAMES.map((t) => (
            <option value={t} key={t}>
              {TIMEFRAME_LABELS[t]}
            </option>
          ))}
          <option value="CUSTOM">Custom range…</option>
        </select>
      </div>
      {customShown ? (
        <fieldset class="field range">
          <legend>Custom range</legend>
          <label>
            From{' '}
            <input
              type="date"
              value={filter.range?.from ?? from}
              onChange={(e) => {
                setFrom(e.currentTarget.value);
                applyRange(e.currentTarget.value, filter.range?.to ?? to);
              }}
            />
          </label>
          <label>
            To{' '}
            <input
              type="date"
              value={filter.range?.to ?? to}
              onChange={(e) => {
                setTo(e.currentTarget.value);
                applyRange(filter.range?.from ?? from, e.currentTarget.value);
              }}
            />
          </label>
        </fieldset>
      ) : null}
      <div class="field">
        <label for="f-product">Product</label>
        <select
          id="f-product"
          value={filter.product}
          onChange={(e) => onChange({ ...filter, product: e.currentTarget.value as ProductFilter })}
        >
          {PRODUCTS.map((p) => (
            <option value={p} key={p}>
              {PRODUCT_LABELS[p]}
            </option>
          ))}
        </select>
      </div>
      <details class="field topics">
        <summary>Topics{filter.topics.length ? ` (${filter.topics.length})` : ': all'}</summary>
        <fieldset>
          <legend class="visually-hidden">Topics</legend>
          {TOPICS.map((t) => (
            <label key={t} class="check">
              <input
                type="checkbox"
                checked={filter.topics.includes(t)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  const next: Topic[] = TOPICS.filter((x) => (x === t ? on : filter.topics.includes(x)));
                  onChange({ ...filter, topics: next });
                }}
              />{' '}
              {topicLabel(t)}
            </label>
          ))}
        </fieldset>
      </details>
      <ChannelPicker client={client} filter={filter} onChange={(channels) => onChange({ ...filter, channels })} />
      <div class="field">
        <label for="f-zone">Time zone</label>
        <select
          id="f-zone"
          value={filter.timeZone ?? ''}
          onChange={(e) => onChange({ ...filter, timeZone: e.currentTarget.value || null })}
        >
          <option value="">Your default{viewerTimeZone ? ` (${viewerTimeZone})` : ''}</option>
          {browserZone && browserZone !== viewerTimeZone ? (
            <option value={browserZone}>This browser ({browserZone})</option>
          ) : null}
          {filter.timeZone && !zones.includes(filter.timeZone) ? (
            <option value={filter.timeZone}>{filter.timeZone}</option>
          ) : null}
          {zones.map((z) => (
            <option value={z} key={z}>
              {z}
            </option>
          ))}
        </select>
      </div>
      <label class="field check">
        <input
          type="checkbox"
          checked={filter.includeAds}
          onChange={(e) => onChange({ ...filter, includeAds: e.currentTarget.checked })}
        />{' '}
        Include ads
      </label>
    </form>
  );
}
