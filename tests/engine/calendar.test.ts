/** domain/calendar.ts against Intl and against the string-date reference helpers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonthsClamped,
  daysFromCivil,
  formatDay,
  localDayOf,
  parseLocalDate,
  previousYearDay,
  startOfLocalDay,
  ZoneOffsets,
  zoneOffsetMinutes,
} from '../../domain/calendar.js';
import { localFields, addMonthsClamped as refAddMonthsClamped } from '../reference/common.js';
import { ZONES } from './arbitraries.js';

const MIN = 60_000;
const SPAN_FROM = Date.UTC(2008, 0, 1);
const SPAN_TO = Date.UTC(2030, 0, 1);

/** Offset (local − UTC) in minutes straight from Intl's wall-clock fields. */
function intlOffsetMinutes(timeZone: string, ms: number): number {
  const parts: Record<string, string> = {};
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  for (const p of f.formatToParts(new Date(ms))) parts[p.type] = p.value;
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return (wall - Math.floor(ms / 1000) * 1000) / MIN;
}

const zoneArb = fc.constantFrom(...ZONES);
const instantArb = fc.integer({ min: SPAN_FROM, max: SPAN_TO });
const tables = new Map(ZONES.map((z) => [z, new ZoneOffsets(z, SPAN_FROM, SPAN_TO)]));

describe('ZoneOffsets', () => {
  it('matches Intl at random instants', () => {
    fc.assert(
      fc.property(zoneArb, instantArb, (zone, t) => {
        expect(tables.get(zone)?.offsetAt(t)).toBe(intlOffsetMinutes(zone, t));
      }),
      { numRuns: 2000 },
    );
  });

  it('starts every segment at the exact minute the offset changes', () => {
    for (const zone of ZONES) {
      const table = tables.get(zone) as ZoneOffsets;
      for (let i = 1; i < table.starts.length; i++) {
        const s = table.starts[i] as number;
        expect(table.offsetAt(s)).toBe(intlOffsetMinutes(zone, s));
        expect(table.offsetAt(s - 1)).toBe(intlOffsetMinutes(zone, s - 1));
        expect(intlOffsetMinutes(zone, s)).not.toBe(intlOffsetMinutes(zone, s - 1));
      }
    }
  });

  it('finds the same segments as a scan of Intl offsets day by day, local mean times and odd zones included', () => {
    // The table compares offset texts (cheap); this reference compares the whole-minute offsets
    // zoneOffsetMinutes gives (rounded: Monrovia's −0:44:30 is −44).
    const DAY = 86_400_000;
    const scan = (zone: string, from: number, to: number) => {
      const starts: number[] = [];
      const offsets: number[] = [zoneOffsetMinutes(zone, from)];
      for (let t = from + DAY; t <= to; t += DAY) {
        const off = zoneOffsetMinutes(zone, t);
        if (off === offsets[offsets.length - 1]) continue;
        let lo = t - DAY;
        let hi = t;
        while (hi - lo > MIN) {
          const mid = lo + Math.floor((hi - lo) / 2 / MIN) * MIN;
          if (zoneOffsetMinutes(zone, mid) === offsets[offsets.length - 1]) lo = mid;
          else hi = mid;
        }
        starts.push(hi);
        offsets.push(off);
      }
      return { starts, offsets };
    };
    const from = Date.UTC(1900, 0, 1);
    const to = Date.UTC(1985, 0, 1);
    // Monrovia and Amsterdam had offsets with seconds; Dublin a negative DST; Apia skipped a day.
    for (const zone of ['Africa/Monrovia', 'Europe/Amsterdam', 'Europe/Dublin', 'America/St_Johns', 'Pacific/Apia']) {
      const table = new ZoneOffsets(zone, from + DAY, to);
      const ref = scan(zone, from, to + 2 * DAY);
      expect({ zone, starts: table.starts.slice(1), offsets: table.offsets }).toEqual({ zone, ...ref });
    }
  });

  it('knows the 30-minute DST of Lord Howe and the fixed +05:30 of Kolkata', () => {
    const lh = tables.get('Australia/Lord_Howe') as ZoneOffsets;
    expect(lh.offsetAt(Date.UTC(2023, 3, 1, 15) - 1)).toBe(660);
    expect(lh.offsetAt(Date.UTC(2023, 3, 1, 15))).toBe(630);
    expect((tables.get('Asia/Kolkata') as ZoneOffsets).starts).toHaveLength(1);
    expect((tables.get('Asia/Kolkata') as ZoneOffsets).offsetAt(SPAN_FROM)).toBe(330);
  });
});

describe('localDayOf and startOfLocalDay', () => {
  it('localDayOf gives the Intl local date', () => {
    fc.assert(
      fc.property(zoneArb, instantArb, (zone, t) => {
        expect(formatDay(localDayOf(zone, t))).toBe(localFields(zone, t).date);
      }),
      { numRuns: 1000 },
    );
  });

  it('startOfLocalDay is the first instant of the local day', () => {
    fc.assert(
      fc.property(zoneArb, fc.integer({ min: daysFromCivil(2008, 1, 2), max: daysFromCivil(2029, 12, 30) }), (zone, day) => {
        const s = startOfLocalDay(zone, day);
        expect(localFields(zone, s).date).toBe(formatDay(day));
        expect(localFields(zone, s - 1).date < formatDay(day)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['America/New_York', '2024-03-10', '2024-03-10T05:00:00.000Z'], // spring forward later that night
    ['America/New_York', '2024-11-03', '2024-11-03T04:00:00.000Z'], // fall back later that night
    ['America/Santiago', '2023-09-03', '2023-09-03T04:00:00.000Z'], // midnight skipped: the day starts at 01:00
    ['Australia/Lord_Howe', '2023-10-01', '2023-09-30T13:30:00.000Z'],
    ['Europe/Paris', '2024-03-31', '2024-03-30T23:00:00.000Z'],
  ])('startOfLocalDay(%s, %s) = %s', (zone, date, iso) => {
    expect(new Date(startOfLocalDay(zone, parseLocalDate(date) as number)).toISOString()).toBe(iso);
  });
});

describe('addMonthsClamped', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-12-31', 2, '2025-02-28'],
    ['2024-08-31', -6, '2024-02-29'],
    ['2024-01-15', -12, '2023-01-15'],
    ['2024-05-31', -13, '2023-04-30'],
  ])('%s %+d months = %s', (date, months, expected) => {
    expect(formatDay(addMonthsClamped(parseLocalDate(date) as number, months))).toBe(expected);
  });

  it('previousYearDay maps 29 February to 28 February', () => {
    expect(formatDay(previousYearDay(parseLocalDate('2024-02-29') as number))).toBe('2023-02-28');
    expect(formatDay(previousYearDay(parseLocalDate('2024-03-01') as number))).toBe('2023-03-01');
  });

  it('agrees with the string-date reference', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: daysFromCivil(1990, 1, 1), max: daysFromCivil(2060, 1, 1) }),
        fc.integer({ min: -40, max: 40 }),
        (day, n) => {
          expect(formatDay(addMonthsClamped(day, n))).toBe(refAddMonthsClamped(formatDay(day), n));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
