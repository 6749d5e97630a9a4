/**
 * The dashboard's state in the URL (shareable; back and forward restore it): the filter and
 * the panels' own choices. Pure functions, so they are tested without a browser.
 */
import type {
  ChannelOrder,
  ProductFilter,
  Timeframe,
  TimeSeriesInterval,
  TimeSeriesMetric,
  Topic,
  WatchFilter,
} from './gql/graphql.js';

export const TIMEFRAMES: readonly Timeframe[] = ['ALL', 'MTD', 'QTD', 'YTD', 'LAST_6_MONTHS', 'LAST_12_MONTHS'];
export const PRODUCTS: readonly ProductFilter[] = ['ALL', 'YOUTUBE', 'YOUTUBE_MUSIC'];
export const TOPICS: readonly Topic[] = [
  'COOKING',
  'EDUCATION',
  'ENTERTAINMENT',
  'FINANCE',
  'GAMING',
  'MUSIC',
  'NEWS',
  'OTHER',
  'POLITICS',
  'SCIENCE',
  'SPORTS',
  'TECHNOLOGY',
  'TRAVEL',
];
export const INTERVALS: readonly TimeSeriesInterval[] = ['DAY', 'WEEK', 'MONTH'];
export const METRICS: readonly TimeSeriesMetric[] = ['VIDEOS', 'CHANNELS', 'TOPICS'];
export const ORDERS: readonly ChannelOrder[] = ['VIDEOS', 'LOYALTY', 'RECENT'];

export interface FilterState {
  timeframe: Timeframe;
  /** A custom range of local dates; replaces the timeframe. */
  range: { from: string; to: string } | null;
  product: ProductFilter;
  topics: Topic[];
  channels: string[];
  /** Null: the viewer's zone. */
  timeZone: string | null;
  includeAds: boolean;
}

/** What the panels chose themselves (kept in the URL too, without a history entry). */
export interface PanelState {
  interval: TimeSeriesInterval;
  metric: TimeSeriesMetric;
  channelOrder: ChannelOrder;
  /** The channel of channelEvolution; null: the top channel. */
  evolutionChannel: string | null;
}

export const DEFAULT_FILTER: FilterState = {
  timeframe: 'ALL',
  range: null,
  product: 'ALL',
  topics: [],
  channels: [],
  timeZone: null,
  includeAds: false,
};
export const DEFAULT_PANELS: PanelState = { interval: 'DAY', metric: 'VIDEOS', channelOrder: 'VIDEOS', evolutionChannel: null };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(values: readonly T[], v: string | null, fallback: T): T =>
  v !== null && (values as readonly string[]).includes(v) ? (v as T) : fallback;
const list = (v: string | null): string[] => (v ? v.split(',').filter((x) => x !== '') : []);

export function parseState(search: string): { filter: FilterState; panels: PanelState } {
  const p = new URLSearchParams(search);
  const from = p.get('from');
  const to = p.get('to');
  const range = from && to && DATE.test(from) && DATE.test(to) && from <= to ? { from, to } : null;
  const topics = [...new Set(list(p.get('topics')).filter((t): t is Topic => (TOPICS as readonly string[]).includes(t)))];
  return {
    filter: {
      timeframe: range ? 'ALL' : oneOf(TIMEFRAMES, p.get('tf'), 'ALL'),
      range,
      product: oneOf(PRODUCTS, p.get('product'), 'ALL'),
      topics: TOPICS.filter((t) => topics.includes(t)),
      channels: [...new Set(list(p.get('channels')))].sort(),
      timeZone: p.get('tz') || null,
      includeAds: p.get('ads') === '1',
    },
    panels: {
      interval: oneOf(INTERVALS, p.get('interval'), 'DAY'),
      metric: oneOf(METRICS, p.get('metric'), 'VIDEOS'),
      channelOrder: oneOf(ORDERS, p.get('order'), 'VIDEOS'),
      evolutionChannel: p.get('evo') || null,
    },
  };
}

/** The URL query for a state; defaults are left out, so the plain dashboard is `/`. */
export function toSearch(filter: FilterState, panels: PanelState): string {
  const p = new URLSearchParams();
  if (filter.range) {
    p.set('from', filter.range.from);
    p.set('to', filter.range.to);
  } else if (filter.timeframe !== 'ALL') p.set('tf', filter.timeframe);
  if (filter.product !== 'ALL') p.set('product', filter.product);
  if (filter.topics.length) p.set('topics', filter.topics.join(','));
  if (filter.channels.length) p.set('channels', filter.channels.join(','));
  if (filter.timeZone) p.set('tz', filter.timeZone);
  if (filter.includeAds) p.set('ads', '1');
  if (panels.interval !== 'DAY') p.set('interval', panels.interval);
  if (panels.metric !== 'VIDEOS') p.set('metric', panels.metric);
  if (panels.channelOrder !== 'VIDEOS') p.set('order', panels.channelOrder);
  if (panels.evolutionChannel) p.set('evo', panels.evolutionChannel);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The GraphQL filter; omitted fields take the gateway's defaults. */
export function toWatchFilter(filter: FilterState): WatchFilter {
  const f: WatchFilter = {};
  if (filter.range) f.range = { ...filter.range };
  else if (filter.timeframe !== 'ALL') f.timeframe = filter.timeframe;
  if (filter.product !== 'ALL') f.product = filter.product;
  if (filter.topics.length) f.topics = [...filter.topics];
  if (filter.channels.length) f.channels = [...filter.channels];
  if (filter.timeZone) f.timeZone = filter.timeZone;
  if (filter.includeAds) f.includeAds = true;
  return f;
}
