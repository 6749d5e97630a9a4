import { describe, expect, it } from 'vitest';
import { parseHtmlDate, parseIsoTime, ZoneResolver } from '../../ingest/dates.js';
import { TAKEOUT_LOCALES, ZONE_ABBREVIATIONS } from '../../ingest/locales.js';

const utc = (s: string): number => Date.parse(s);
const resolver = (tz = 'UTC') => new ZoneResolver(tz);

describe('parseIsoTime', () => {
  it.each([
    ['2023-05-04T23:34:00.079Z', utc('2023-05-04T23:34:00Z')], // truncated to the second
    ['2020-01-01T13:11:02Z', utc('2020-01-01T13:11:02Z')],
    ['2020-01-01T13:11:02+01:00', utc('2020-01-01T12:11:02Z')],
    ['2020-02-30T00:00:00Z', null],
    ['2020-01-01', null],
    ['yesterday', null],
    ['', null],
  ])('%j → %s', (text, expected) => {
    expect(parseIsoTime(text)).toBe(expected);
  });
});

describe('parseHtmlDate: every observed form', () => {
  it.each([
    ['Jul 30, 2023, 10:27:03\u202fPM EDT', '2023-07-31T02:27:03Z', 'MMM d, yyyy, h:mm:ss a z'],
    ['Mar 11, 2014, 6:15:08 PM CET', '2014-03-11T17:15:08Z', 'MMM d, yyyy, h:mm:ss a z'],
    ['Mar 11, 2014, 12:15:08 AM PST', '2014-03-11T08:15:08Z', 'MMM d, yyyy, h:mm:ss a z'],
    ['Mar 11, 2014, 12:15:08 PM UTC', '2014-03-11T12:15:08Z', 'MMM d, yyyy, h:mm:ss a z'],
    ['6 Feb 2012, 14:09:23 UTC', '2012-02-06T14:09:23Z', 'd MMM yyyy, HH:mm:ss z'],
    ['30 Sept 2021, 00:36:52 AEDT', '2021-09-29T13:36:52Z', 'd MMM yyyy, HH:mm:ss z'],
    ['1 avr. 2020 à 16:32:09 UTC', '2020-04-01T16:32:09Z', 'd MMM yyyy à HH:mm:ss z'],
    ['31 mars 2020 à 21:04:23 UTC', '2020-03-31T21:04:23Z', 'd MMM yyyy à HH:mm:ss z'],
    ['01.09.2022, 21:08:12 MESZ', '2022-09-01T19:08:12Z', 'dd.MM.yyyy, HH:mm:ss z'],
    ['6 Feb 2012, 14:09:23 UTC+05:30', '2012-02-06T08:39:23Z', 'd MMM yyyy, HH:mm:ss UTC±hh:mm'],
    ['6 Feb 2012, 14:09:23 GMT-3', '2012-02-06T17:09:23Z', 'd MMM yyyy, HH:mm:ss UTC±hh:mm'],
    ['6 Feb 2012, 14:09:23 UTC\u22122', '2012-02-06T16:09:23Z', 'd MMM yyyy, HH:mm:ss UTC±hh:mm'],
    // Re-indented by hand: wrapped over lines.
    ['\n      Jul 30, 2023,\n      10:27:03 PM EDT\n   ', '2023-07-31T02:27:03Z', 'MMM d, yyyy, h:mm:ss a z'],
  ])('%j', (line, iso, format) => {
    const p = parseHtmlDate(line, resolver());
    expect(p?.ms).toBe(utc(iso));
    expect(p?.format).toBe(format);
  });

  it('applies a fixed offset, never daylight saving (a CET export shows summer entries at UTC+1)', () => {
    expect(parseHtmlDate('Jul 1, 2020, 12:00:00 PM CET', resolver('Europe/Paris'))?.ms).toBe(utc('2020-07-01T11:00:00Z'));
  });

  it.each([
    'Feb 30, 2020, 1:00:00 PM UTC',
    '13 Foo 2020, 10:00:00 UTC',
    'Jul 30, 2023, 13:27:03 PM EDT',
    '6 Feb 2012, 25:09:23 UTC',
    'garbage',
    '',
    '6 Feb 2012, 14:09:23 utc plus something',
    '6 Feb 2012, 14:09:23 UTC+15:00',
    'Watched at 10:26 PM',
  ])('rejects %j', (line) => {
    expect(parseHtmlDate(line, resolver())).toBeNull();
  });
});

describe('parseHtmlDate: one test per supported language (TAKEOUT_LOCALES row)', () => {
  const examples: Record<string, [string, string]> = {
    en: ['Dec 25, 2019, 9:05:00 AM UTC', '2019-12-25T09:05:00Z'],
    fr: ['5 févr. 2021 à 08:00:00 UTC', '2021-02-05T08:00:00Z'],
    de: ['3. März 2021, 08:00:00 MEZ', '2021-03-03T07:00:00Z'],
  };
  it.each(TAKEOUT_LOCALES.map((l) => l.lang))('%s', (lang) => {
    const ex = examples[lang];
    expect(ex, `add an example for ${lang}`).toBeDefined();
    expect(parseHtmlDate(ex![0], resolver())?.ms).toBe(utc(ex![1]));
  });
  it('knows every month of every language', () => {
    for (const l of TAKEOUT_LOCALES) expect(new Set(Object.values(l.months)).size, l.lang).toBe(12);
  });
});

describe('time-zone abbreviations', () => {
  const expected: Record<string, number> = { UTC: 0, GMT: 0, CET: 60, CEST: 120, EST: -300, EDT: -240, CDT: -300, MST: -420 };
  Object.assign(expected, { MDT: -360, PST: -480, PDT: -420, AEST: 600, AEDT: 660, TRT: 180, MEZ: 60, MESZ: 120 });
  it.each(Object.entries(expected))('%s = %i min', (abbr, minutes) => {
    const p = parseHtmlDate(`Jan 1, 2020, 12:00:00 PM ${abbr}`, resolver('Asia/Tokyo'));
    expect(p?.zone).toEqual({ label: abbr, offsetMinutes: minutes, assumedOffsetMinutes: minutes, ambiguous: false });
    expect(p?.ms).toBe(utc('2020-01-01T12:00:00Z') - minutes * 60_000);
  });

  it('resolves an ambiguous abbreviation with the viewer zone: CST in Chicago is −6 h, in Shanghai +8 h, even in summer', () => {
    const chicago = parseHtmlDate('Jul 1, 2020, 12:00:00 PM CST', resolver('America/Chicago'));
    expect(chicago?.zone).toMatchObject({ offsetMinutes: -360, ambiguous: true, assumedOffsetMinutes: -360 });
    const shanghai = parseHtmlDate('Jul 1, 2020, 12:00:00 PM CST', resolver('Asia/Shanghai'));
    expect(shanghai?.ms).toBe(utc('2020-07-01T04:00:00Z'));
    const kolkata = parseHtmlDate('1 Jan 2020, 12:00:00 IST', resolver('Asia/Kolkata'));
    expect(kolkata?.ms).toBe(utc('2020-01-01T06:30:00Z'));
    const dublin = parseHtmlDate('1 Jul 2020, 12:00:00 IST', resolver('Europe/Dublin'));
    expect(dublin?.ms).toBe(utc('2020-07-01T11:00:00Z'));
  });

  it('reads an unknown, unmatched-ambiguous or missing zone in the viewer zone, daylight saving included', () => {
    const unknown = parseHtmlDate('Jul 1, 2020, 12:00:00 PM XYZT', resolver('Europe/Paris'));
    expect(unknown?.ms).toBe(utc('2020-07-01T10:00:00Z'));
    expect(unknown?.zone).toMatchObject({ label: 'XYZT', assumedOffsetMinutes: null, ambiguous: true });
    const none = parseHtmlDate('01.01.2022, 21:08:12', resolver('Europe/Berlin'));
    expect(none?.ms).toBe(utc('2022-01-01T20:08:12Z'));
    expect(none?.zone?.label).toBe('(none)');
    const unmatched = parseHtmlDate('Jan 1, 2020, 12:00:00 PM CST', resolver('Europe/Paris'));
    expect(unmatched?.ms).toBe(utc('2020-01-01T11:00:00Z'));
    expect(unmatched?.zone?.assumedOffsetMinutes).toBeNull();
  });

  it('lists each abbreviation once, upper-case, with at least one offset', () => {
    for (const [abbr, z] of Object.entries(ZONE_ABBREVIATIONS)) {
      expect(abbr).toBe(abbr.toUpperCase());
      expect(z.offsets.length).toBeGreaterThan(0);
    }
  });
});
