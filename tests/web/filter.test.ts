/** The dashboard's URL state (web/src/filter.ts): defaults give `/`, every filter survives a round trip, junk is ignored. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTER, DEFAULT_PANELS, parseState, toSearch, toWatchFilter } from '../../web/src/filter.js';

describe('filter in the URL', () => {
  it('the plain dashboard is / and sends an empty filter', () => {
    expect(parseState('')).toEqual({ filter: DEFAULT_FILTER, panels: DEFAULT_PANELS });
    expect(toSearch(DEFAULT_FILTER, DEFAULT_PANELS)).toBe('');
    expect(toWatchFilter(DEFAULT_FILTER)).toEqual({});
  });

  it('round-trips every field, lists canonical (sorted, de-duplicated)', () => {
    const search =
      '?from=2024-01-01&to=2024-03-31&product=YOUTUBE_MUSIC&topics=MUSIC,GAMING,MUSIC&channels=UCb,UCa&tz=Europe%2FParis&ads=1&interval=WEEK&metric=TOPICS&order=LOYALTY&evo=UCa';
    const { filter, panels } = parseState(search);
    expect(filter).toEqual({
      timeframe: 'ALL',
      range: { from: '2024-01-01', to: '2024-03-31' },
      product: 'YOUTUBE_MUSIC',
      topics: ['GAMING', 'MUSIC'],
      channels: ['UCa', 'UCb'],
      timeZone: 'Europe/Paris',
      includeAds: true,
    });
    expect(panels).toEqual({ interval: 'WEEK', metric: 'TOPICS', channelOrder: 'LOYALTY', evolutionChannel: 'UCa' });
    expect(parseState(toSearch(filter, panels))).toEqual({ filter, panels });
    expect(toWatchFilter(filter)).toEqual({
      range: { from: '2024-01-01', to: '2024-03-31' },
      product: 'YOUTUBE_MUSIC',
      topics: ['GAMING', 'MUSIC'],
      channels: ['UCa', 'UCb'],
      timeZone: 'Europe/Paris',
      includeAds: true,
    });
  });

  it('a range replaces the timeframe; junk values fall back to the defaults', () => {
    expect(parseState('?tf=YTD&from=2024-01-01&to=2024-02-01').filter).toMatchObject({
      timeframe: 'ALL',
      range: { from: '2024-01-01' },
    });
    expect(parseState('?tf=YTD').filter.timeframe).toBe('YTD');
    expect(parseState('?tf=FOREVER&product=TV&topics=NOPE&from=2024-05-01&to=2024-01-01&interval=YEAR').filter).toEqual(
      DEFAULT_FILTER,
    );
  });
});
