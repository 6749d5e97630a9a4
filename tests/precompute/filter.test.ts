import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDay, parseLocalDate } from '../../domain/calendar.js';
import { TOPICS } from '../../domain/events.js';
import {
  canonicalizeFilter,
  FilterValidationError,
  filterKey,
  TIMEFRAMES,
  timeWindow,
  type WatchFilterInput,
} from '../../domain/filter.js';

const rejects = (input: WatchFilterInput, field: string, reason: RegExp) => {
  try {
    canonicalizeFilter(input);
  } catch (err) {
    expect(err).toBeInstanceOf(FilterValidationError);
    expect((err as FilterValidationError).field).toBe(field);
    expect((err as FilterValidationError).reason).toMatch(reason);
    return;
  }
  throw new Error('expected a FilterValidationError');
};

describe('canonicalizeFilter', () => {
  it('fills defaults from the viewer’s zone', () => {
    expect(canonicalizeFilter(undefined, 'Europe/Paris')).toEqual({
      timeframe: 'ALL',
      range: null,
      product: 'ALL',
      topics: [],
      channels: [],
      timeZone: 'Europe/Paris',
      includeAds: false,
    });
    expect(canonicalizeFilter({}).timeZone).toBe('UTC');
  });

  it('gives filters that mean the same thing one key (order, duplicates, zone aliases and case)', () => {
    fc.assert(
      fc.property(
        fc.subarray([...TOPICS]),
        fc.array(fc.constantFrom('UCa', 'UCb', 'title:x y', 'UC,|='), { maxLength: 6 }),
        fc.constantFrom(...TIMEFRAMES),
        (topics, channels, timeframe) => {
          const a = canonicalizeFilter({ topics, channels, timeframe, timeZone: 'Asia/Kolkata' });
          const b = canonicalizeFilter({
            topics: [...topics].reverse().concat(topics),
            channels: [...channels].reverse(),
            timeframe,
            timeZone: 'asia/calcutta',
            includeAds: false,
          });
          expect(filterKey(a)).toBe(filterKey(b));
          expect(a).toEqual(b);
        },
      ),
    );
  });

  it('keeps different filters apart, even with separators inside channel keys', () => {
    const k = (channels: string[]) => filterKey(canonicalizeFilter({ channels }));
    expect(k(['a,b'])).not.toBe(k(['a', 'b']));
    expect(k(['a|p=ALL'])).not.toBe(k(['a']));
    expect(filterKey(canonicalizeFilter({ includeAds: true }))).not.toBe(filterKey(canonicalizeFilter({})));
  });

  it('lets range replace timeframe', () => {
    const f = canonicalizeFilter({ timeframe: 'MTD', range: { from: '2024-01-01', to: '2024-01-31' } });
    expect(f.timeframe).toBe('ALL');
    expect(filterKey(f)).toContain('r=2024-01-01..2024-01-31');
  });

  it('rejects bad fields by name', () => {
    rejects({ timeZone: 'Not/AZone' }, 'filter.timeZone', /unknown IANA time zone "Not\/AZone"/);
    rejects({ range: { from: '2024-13-01', to: '2024-12-01' } }, 'filter.range.from', /YYYY-MM-DD/);
    rejects({ range: { from: '2024-01-01', to: '2024-02-30' } }, 'filter.range.to', /YYYY-MM-DD/);
    rejects({ range: { from: '2024-02-02', to: '2024-02-01' } }, 'filter.range.from', /must not be after range\.to/);
    rejects({ channels: Array.from({ length: 101 }, (_, i) => `c${i}`) }, 'filter.channels', /at most 100/);
    rejects({ channels: [''] }, 'filter.channels', /1\.\.200 characters/);
    rejects({ timeframe: 'FOREVER' as never }, 'filter.timeframe', /expected one of ALL/);
    rejects({ topics: ['CATS' as never] }, 'filter.topics', /unknown topic CATS/);
  });
});

describe('timeWindow', () => {
  const day = (s: string) => parseLocalDate(s) as number;
  const from = (timeframe: (typeof TIMEFRAMES)[number], today: string) => {
    const w = timeWindow(canonicalizeFilter({ timeframe }), day(today));
    return w.fromDay === null ? null : formatDay(w.fromDay);
  };

  it.each([
    ['MTD', '2024-03-31', '2024-03-01'],
    ['QTD', '2024-03-31', '2024-01-01'],
    ['QTD', '2024-04-01', '2024-04-01'],
    ['QTD', '2024-12-31', '2024-10-01'],
    ['YTD', '2024-12-31', '2024-01-01'],
    ['LAST_6_MONTHS', '2024-08-31', '2024-02-29'],
    ['LAST_6_MONTHS', '2023-08-31', '2023-02-28'],
    ['LAST_12_MONTHS', '2024-02-29', '2023-02-28'],
    ['LAST_12_MONTHS', '2024-01-15', '2023-01-15'],
  ] as const)('%s on %s starts %s, open-ended', (timeframe, today, expected) => {
    expect(from(timeframe, today)).toBe(expected);
    expect(timeWindow(canonicalizeFilter({ timeframe }), day(today)).toDay).toBeNull();
  });

  it('ALL is unbounded and a range is inclusive', () => {
    expect(timeWindow(canonicalizeFilter({}), day('2024-01-01'))).toEqual({ fromDay: null, toDay: null });
    expect(timeWindow(canonicalizeFilter({ range: { from: '2024-01-01', to: '2024-01-02' } }), 0)).toEqual({
      fromDay: day('2024-01-01'),
      toDay: day('2024-01-02'),
    });
  });
});
