/**
 * Values the schema's types reject (a bad time zone, date, instant, enum or integer), sent as
 * a variable or inline: BAD_USER_INPUT with `extensions.field` naming the input path and a
 * location, and the HTTP status GraphQL-over-HTTP asks for (400 with
 * application/graphql-response+json, 200 with application/json). Nothing is stored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sampleEvents, type TestGateway, testGateway } from './harness.js';

let gw: TestGateway;
afterEach(async () => {
  await gw.close();
  await gw.store.close();
});

interface Body {
  data?: unknown;
  errors?: { message: string; locations?: unknown[]; path?: unknown; extensions?: Record<string, unknown> }[];
}

async function post(accept: string, query: string, variables?: Record<string, unknown>) {
  const res = await gw.yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

const ANALYTICS = (args: string) => `{ viewer { id } analytics${args} { kpis { data { videos } } } }`;
const event = (over: Record<string, unknown>) => ({ ...sampleEvents(1)[0], ...over });

/** [case, query, variables, field, message pattern] */
const CASES: [string, string, Record<string, unknown> | undefined, string, RegExp][] = [
  [
    'time zone, variable',
    'query($f: WatchFilter) { viewer { id } analytics(filter: $f) { kpis { data { videos } } } }',
    { f: { timeZone: 'Mars/Olympus_Mons' } },
    'filter.timeZone',
    /IANA zone name, got "Mars\/Olympus_Mons"/,
  ],
  ['time zone, inline', ANALYTICS('(filter: { timeZone: "Mars/Olympus_Mons" })'), undefined, 'filter.timeZone', /IANA zone name/],
  [
    'time zone, variable inside a literal',
    'query($tz: TimeZone) { analytics(filter: { timeZone: $tz }) { kpis { data { videos } } } }',
    { tz: 'Nowhere' },
    'filter.timeZone',
    /IANA zone name, got "Nowhere"/,
  ],
  [
    'impossible date, variable',
    'query($f: WatchFilter) { analytics(filter: $f) { kpis { data { videos } } } }',
    { f: { range: { from: '2023-02-29', to: '2023-03-01' } } },
    'filter.range.from',
    /YYYY-MM-DD, got "2023-02-29"/,
  ],
  [
    'impossible date, inline',
    ANALYTICS('(filter: { range: { from: "2024-01-01", to: "2023-13-01" } })'),
    undefined,
    'filter.range.to',
    /YYYY-MM-DD, got "2023-13-01"/,
  ],
  [
    'date not a string, inline',
    ANALYTICS('(filter: { range: { from: 20240101, to: "2024-01-02" } })'),
    undefined,
    'filter.range.from',
    /expects a string/,
  ],
  [
    'missing required input field, inline',
    ANALYTICS('(filter: { range: { from: "2024-01-01" } })'),
    undefined,
    'filter.range',
    /DateRange\.to/,
  ],
  [
    'unknown enum value, variable',
    'query($f: WatchFilter) { analytics(filter: $f) { kpis { data { videos } } } }',
    { f: { timeframe: 'LAST_WEEK' } },
    'filter.timeframe',
    /LAST_WEEK/,
  ],
  [
    'bad instant in a batch, variable',
    'mutation($events: [WatchEventInput!]!) { ingestWatchEvents(events: $events) { added } }',
    { events: [event({}), event({ watchedAt: 'yesterday' })] },
    'events[1].watchedAt',
    /ISO 8601 date-time, got "yesterday"/,
  ],
  [
    'bad instant in a batch, inline',
    'mutation { ingestWatchEvents(events: [{ videoTitle: "a", watchedAt: "yesterday" }]) { added } }',
    undefined,
    'events[0].watchedAt',
    /ISO 8601 date-time/,
  ],
  [
    'an aggregation argument of the wrong type, variable',
    'query($l: Int) { analytics { topChannels(limit: $l) { data { videos } } } }',
    { l: 'ten' },
    'topChannels.limit',
    /Int cannot represent/,
  ],
  [
    'an aggregation argument of the wrong type, inline',
    '{ analytics { topChannels(limit: "ten") { data { videos } } } }',
    undefined,
    'topChannels.limit',
    /Int cannot represent/,
  ],
  [
    'a nested argument, inline',
    '{ analytics { sessions { data { list(first: "5") { totalCount } } } } }',
    undefined,
    'sessions.list.first',
    /Int cannot represent/,
  ],
  [
    'an enum argument, inline through a fragment',
    'query { analytics { ...Series } } fragment Series on Analytics { timeSeries(metric: SECONDS) { data { value } } }',
    undefined,
    'timeSeries.metric',
    /SECONDS/,
  ],
  [
    'a required variable not provided',
    'mutation($tz: TimeZone!) { setTimeZone(timeZone: $tz) { id } }',
    {},
    'timeZone',
    /was not provided/,
  ],
  ['a root argument, inline', 'mutation { setTimeZone(timeZone: "Europe/Atlantis") { id } }', undefined, 'timeZone', /IANA/],
];

describe('input values the schema rejects are BAD_USER_INPUT naming the input path', () => {
  for (const [accept, status] of [
    ['application/graphql-response+json', 400],
    ['application/json', 200],
  ] as const) {
    it.each(CASES)(`${accept} → ${status}: %s`, async (_name, query, variables, field, message) => {
      gw = testGateway();
      const { status: got, body } = await post(accept, query, variables);
      expect(got).toBe(status);
      expect(body.data).toBeUndefined(); // a request error: nothing executed
      expect(body.errors).toHaveLength(1);
      const [error] = body.errors ?? [];
      expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(error?.extensions).not.toHaveProperty('http');
      expect(error?.message).toMatch(message);
      expect(error?.locations).toHaveLength(1);
      expect(await gw.store.countEvents('local')).toBe(0);
    });
  }

  it('the variable path is the argument path whatever the variable is called', async () => {
    gw = testGateway();
    const { body } = await post(
      'application/json',
      'query($whatever: WatchFilter) { analytics(filter: $whatever) { kpis { data { videos } } } }',
      { whatever: { range: { from: 'soon', to: '2024-01-01' } } },
    );
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.range.from' });
    expect(body.errors?.[0]?.message).toContain('"whatever.range.from"');
  });

  it('document errors stay validation errors', async () => {
    gw = testGateway();
    const { status, body } = await post('application/graphql-response+json', '{ analytics { nope { data } } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(body.errors?.[0]?.extensions).not.toHaveProperty('field');
  });

  it('a value valid for its type but out of range is a field error: 200, partial data', async () => {
    gw = testGateway();
    for (const accept of ['application/graphql-response+json', 'application/json']) {
      const { status, body } = await post(accept, '{ viewer { id } analytics { topChannels(limit: 0) { data { videos } } } }');
      expect(status).toBe(200);
      expect(body.data).toEqual({ viewer: { id: 'local' }, analytics: { topChannels: null } });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'topChannels.limit' });
    }
  });
});
