/**
 * Catalogue benchmark: cold compute time of every registry aggregation (fresh KernelContext,
 * the engine's zone columns cached) at 100 000 and 1 000 000 demo events, and of the full
 * catalogue in one fresh context, side by side with the same aggregations written as SQL in
 * DuckDB (the same rows loaded in an in-memory table, `SET threads=2`, results read into JS
 * objects, timed after warm-up). Filter: the default one (ALL, UTC, no ads), so DuckDB reads
 * local fields from a plain UTC TIMESTAMP, its cheapest path. Every SQL answer is
 * sanity-checked against the engine's on one number per aggregation.
 */
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { generateDemoEvents } from '../demo/generate.js';
import { formatDay, MS_PER_DAY, parseLocalDate, previousYearDay } from '../domain/calendar.js';
import type { WatchEvent } from '../domain/events.js';
import { type CanonicalFilter, canonicalizeFilter } from '../domain/filter.js';
import type { AggregationDef } from '../precompute/aggregation.js';
import { Engine, topChannels } from '../precompute/engine/index.js';
import { NO_CHANNEL } from '../precompute/engine/table.js';
import { REGISTRY } from '../precompute/registry.js';
import { type BenchRow, collectGarbage, printTable, sink, summarise, type Timing, time, timeAsync } from './lib.js';

const END_MS = Date.UTC(2024, 10, 15, 20, 0);
/** Event counts; `CATALOGUE_BENCH_SIZES=100000` runs fewer (comma-separated). */
const SIZES = (process.env.CATALOGUE_BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const FILTER: CanonicalFilter = canonicalizeFilter({}, 'UTC');
const GAP_MS = 30 * 60_000;

// biome-ignore lint/suspicious/noExplicitAny: results of both sides are read by path in the sanity checks; their shapes are each aggregation's own.
type Json = any;

/** Dates the SQL needs, as `YYYY-MM-DD` (the engine derives the same from ctx.today). */
interface SqlParams {
  today: string;
  day: (offset: number) => string;
  previousYear: (date: string) => string;
  monthStart: string;
  quarterStart: string;
  yearStart: string;
  topChannel: string;
}

function sqlParams(topChannel: string): SqlParams {
  const today = Math.floor(END_MS / MS_PER_DAY);
  const t = formatDay(today);
  const month = Number(t.slice(5, 7));
  return {
    today: t,
    day: (offset) => formatDay(today + offset),
    previousYear: (date) => formatDay(previousYearDay(parseLocalDate(date) as number)),
    monthStart: `${t.slice(0, 8)}01`,
    quarterStart: `${t.slice(0, 5)}${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}-01`,
    yearStart: `${t.slice(0, 5)}01-01`,
    topChannel,
  };
}

/** Rows split into sessions of the 30-minute gap (row order = time order). */
const SESSIONS = `sess_rows AS (
  SELECT *, sum(CASE WHEN ms - prev <= ${GAP_MS} THEN 0 ELSE 1 END) OVER (ORDER BY rn ROWS UNBOUNDED PRECEDING) AS sid
  FROM (SELECT *, lag(ms) OVER (ORDER BY rn) AS prev FROM f))`;

/** The span's calendar days with their video counts (zero days included). */
const DAILY = `bounds AS (SELECT min(ts)::DATE AS a, max(ts)::DATE AS b, count(*) AS total FROM f),
  cal AS (SELECT unnest(generate_series(a, b, INTERVAL 1 DAY))::DATE AS d FROM bounds),
  days AS (SELECT ts::DATE AS d, count(*) AS n FROM f GROUP BY 1),
  daily AS (SELECT d, coalesce(n, 0) AS n, dayofweek(d) IN (0, 6) AS weekend FROM cal LEFT JOIN days USING (d))`;

const HOURS = `hours AS (SELECT h.range AS h, coalesce(n, 0) AS n FROM range(24) h
  LEFT JOIN (SELECT hour(ts) AS hh, count(*) AS n FROM f GROUP BY 1) ON hh = h.range)`;

const trend = (v: string, prev: string, up: number, down: number): string =>
  `CASE WHEN ${prev} IS NULL THEN 'STABLE' WHEN 10 * ${v} > ${up} * ${prev} THEN 'UP' WHEN 10 * ${v} < ${down} * ${prev} THEN 'DOWN' ELSE 'STABLE' END`;

const growth = (days: number, p: SqlParams): string =>
  `(count(*) FILTER (WHERE ts::DATE BETWEEN DATE '${p.day(1 - days)}' AND DATE '${p.today}')
    - count(*) FILTER (WHERE ts::DATE BETWEEN DATE '${p.day(1 - 2 * days)}' AND DATE '${p.day(-days)}')) * 100.0
    / nullif(count(*) FILTER (WHERE ts::DATE BETWEEN DATE '${p.day(1 - 2 * days)}' AND DATE '${p.day(-days)}'), 0)`;

/** The catalogue in SQL over view `f` (the filtered rows), one query per aggregation. */
const SQL: Record<string, (p: SqlParams) => string> = {
  kpis: (p) => {
    const period = (from: string, name: string) =>
      `count(*) FILTER (WHERE ts::DATE BETWEEN DATE '${from}' AND DATE '${p.today}') AS ${name},
       count(*) FILTER (WHERE ts::DATE BETWEEN DATE '${p.previousYear(from)}' AND DATE '${p.previousYear(p.today)}') AS ${name}_prev`;
    return `SELECT count(*) AS videos, count(DISTINCT channel) AS channels, sum(ws) AS seconds,
      ${period(p.monthStart, 'mtd')}, ${period(p.quarterStart, 'qtd')}, ${period(p.yearStart, 'ytd')} FROM f`;
  },
  monthlyTrend: () => `WITH m AS (SELECT date_trunc('month', ts)::DATE AS month, count(*) AS videos,
      count(DISTINCT channel) AS channels, sum(ws) AS seconds FROM f GROUP BY 1),
    months AS (SELECT unnest(generate_series(min(month), max(month), INTERVAL 1 MONTH))::DATE AS month FROM m)
    SELECT strftime(month, '%Y-%m') AS month, coalesce(videos, 0) AS videos, coalesce(channels, 0) AS channels,
      coalesce(seconds, 0) AS seconds FROM months LEFT JOIN m USING (month) ORDER BY month`,
  topChannels: () => `SELECT channel, any_value(title) AS title, count(*) AS videos,
      count(*) / (SELECT count(*) FROM f) AS share, sum(ws) AS seconds
    FROM f WHERE channel IS NOT NULL GROUP BY channel ORDER BY videos DESC, title, channel LIMIT 100`,
  heatmap: () => `WITH c AS (SELECT dayofweek(ts) AS wd, hour(ts) AS hr, count(*) AS n FROM f GROUP BY ALL)
    SELECT w.range AS weekday, h.range AS hour, coalesce(n, 0) AS videos FROM range(7) w CROSS JOIN range(24) h
    LEFT JOIN c ON c.wd = w.range AND c.hr = h.range ORDER BY 1, 2`,
  topics: (p) => `WITH m AS (SELECT topics, count(*) AS v,
      count(*) FILTER (WHERE ts::DATE BETWEEN DATE '${p.day(-29)}' AND DATE '${p.today}') AS r,
      count(*) FILTER (WHERE ts::DATE BETWEEN DATE '${p.day(-59)}' AND DATE '${p.day(-30)}') AS p FROM f GROUP BY topics),
    x AS (SELECT b.range AS topic, sum(v) AS v, sum(r) AS r, sum(p) AS p FROM m JOIN range(13) b ON (topics >> b.range) & 1 = 1 GROUP BY 1)
    SELECT topic, v AS videos, v / sum(v) OVER () AS share, r, p, ${trend('r', 'p', 11, 9)} AS trend FROM x ORDER BY v DESC, topic`,
  overview: () => `SELECT count(*) AS videos, count(DISTINCT channel) AS channels, min(ms) AS first, max(ms) AS last,
      count(DISTINCT ts::DATE) AS active_days, date_diff('day', min(ts)::DATE, max(ts)::DATE) + 1 AS span_days,
      count(*) / span_days AS per_day, count(*) / active_days AS per_active_day FROM f`,
  sessions: () => `WITH ${SESSIONS},
    s AS (SELECT sid, min(ms) AS st, max(ms) AS en, count(*) AS v FROM sess_rows GROUP BY sid),
    cc AS (SELECT sid, channel, count(*) AS n FROM sess_rows WHERE channel IS NOT NULL GROUP BY ALL),
    top AS (SELECT sid, list(channel ORDER BY n DESC, channel)[1:3] AS channels FROM cc GROUP BY sid),
    starts AS (SELECT h.range AS h, coalesce(n, 0) AS n FROM range(24) h
      LEFT JOIN (SELECT hour(make_timestamp(st * 1000)) AS hh, count(*) AS n FROM s GROUP BY 1) ON hh = h.range)
    SELECT count(*) AS count, avg(v) AS mean, median(v) AS median, max(v) AS max, avg((en - st) / 60000) AS minutes,
      count(*) FILTER (WHERE v >= 5) AS binge, count(*) FILTER (WHERE v <= 2) AS short,
      count(*) / (SELECT count(DISTINCT ts::DATE) FROM f) AS per_active_day,
      (SELECT list(n ORDER BY h) FROM starts) AS starts_by_hour,
      (SELECT list({'start': st, 'end': en, 'videos': v, 'channels': channels} ORDER BY st DESC) FROM s LEFT JOIN top USING (sid)) AS list
    FROM s`,
  advancedKpis: (p) => `WITH ${DAILY}, ${HOURS},
    ch AS (SELECT channel, count(*) AS n FROM f WHERE channel IS NOT NULL GROUP BY channel),
    win AS (SELECT a.h AS start, sum(b.n) AS n FROM hours a JOIN hours b ON b.h IN (a.h, (a.h + 1) % 24, (a.h + 2) % 24) GROUP BY a.h)
    SELECT
      (SELECT count(*) FILTER (WHERE n >= 2) / count(*) FROM ch) AS repeat_share,
      (SELECT count(*) FROM ch) / ((SELECT b - a + 1 FROM bounds) / 30) AS new_per_month,
      (SELECT sum(n) FROM (SELECT n FROM ch ORDER BY n DESC LIMIT 10)) / (SELECT total FROM bounds) AS top10_share,
      (SELECT sum(n) FILTER (WHERE weekend) / sum(n) FROM daily) AS weekend_share,
      (SELECT (sum(n) FILTER (WHERE weekend) / count(*) FILTER (WHERE weekend))
        / nullif(sum(n) FILTER (WHERE NOT weekend) / count(*) FILTER (WHERE NOT weekend), 0) FROM daily) AS weekend_intensity,
      (SELECT greatest(0, least(100, 100 - 50 * stddev_pop(n) / avg(n))) FROM daily) AS consistency,
      (SELECT h FROM hours ORDER BY n DESC, h LIMIT 1) AS peak_hour,
      (SELECT start FROM win ORDER BY n DESC, start LIMIT 1) AS peak_window,
      (SELECT ${growth(30, p)} FROM f) AS growth30, (SELECT ${growth(90, p)} FROM f) AS growth90`,
  habits: () => `WITH ${SESSIONS}, ${DAILY},
    s AS (SELECT sid, count(*) AS v FROM sess_rows GROUP BY sid),
    r AS (SELECT
      (SELECT count(*) FILTER (WHERE v >= 5) / count(*) FROM s) AS binge,
      (SELECT count(*) FILTER (WHERE hour(ts) >= 22 OR hour(ts) < 4) / count(*) FROM f) AS night,
      (SELECT count(*) FILTER (WHERE hour(ts) BETWEEN 5 AND 8) / count(*) FROM f) AS early,
      (SELECT (sum(n) FILTER (WHERE weekend) / count(*) FILTER (WHERE weekend))
        / nullif(sum(n) FILTER (WHERE NOT weekend) / count(*) FILTER (WHERE NOT weekend), 0) FROM daily) AS weekend_intensity,
      (SELECT greatest(0, least(100, 100 - 50 * stddev_pop(n) / avg(n))) FROM daily) AS consistency,
      (SELECT count(*) FILTER (WHERE n > 0) / count(*) FROM daily) AS active_ratio)
    SELECT list_filter([
      CASE WHEN binge > 0.3 THEN {habit: 'BINGE_WATCHER', confidence: least(1, 2 * binge)} END,
      CASE WHEN night > 0.35 THEN {habit: 'NIGHT_OWL', confidence: least(1, night / 0.7)} END,
      CASE WHEN early > 0.25 THEN {habit: 'EARLY_BIRD', confidence: least(1, early / 0.5)} END,
      CASE WHEN weekend_intensity > 1.5 THEN {habit: 'WEEKENDER', confidence: least(1, (weekend_intensity - 1) / 2)} END,
      CASE WHEN consistency >= 60 AND active_ratio >= 0.6 THEN {habit: 'CREATURE_OF_HABIT', confidence: consistency / 100} END,
      CASE WHEN active_ratio < 0.2 THEN {habit: 'SPORADIC', confidence: 1 - active_ratio} END], x -> x IS NOT NULL) AS habits
    FROM r`,
  dailyStats: () => {
    const rank = (pct: number) => `xs[(${pct} * days + 99) // 100] AS p${pct}`;
    return `WITH ${DAILY},
      s AS (SELECT count(*) AS days, avg(n) AS mean, median(n) AS median, stddev_pop(n) AS sd, list_sort(list(n)) AS xs FROM daily),
      mode AS (SELECT n FROM daily GROUP BY n ORDER BY count(*) DESC, n LIMIT 1)
      SELECT days, mean, median, (SELECT n FROM mode) AS mode, sd, ${[10, 25, 50, 75, 90, 95, 99].map(rank).join(', ')} FROM s`;
  },
  channelMetrics: (p) => `WITH ${SESSIONS},
    nsess AS (SELECT count(DISTINCT sid) AS n FROM sess_rows),
    per AS (SELECT channel, any_value(title) AS title, count(*) AS videos, min(ms) AS first_ms, max(ms) AS last_ms,
      min(ts)::DATE AS first_day, max(ts)::DATE AS last_day, count(DISTINCT date_trunc('month', ts)) AS active_months,
      bit_or(topics) AS topics, count(DISTINCT sid) AS sessions FROM sess_rows WHERE channel IS NOT NULL GROUP BY channel),
    ph AS (SELECT channel, first(h ORDER BY n DESC, h) AS peak_hour FROM
      (SELECT channel, hour(ts) AS h, count(*) AS n FROM f WHERE channel IS NOT NULL GROUP BY ALL) GROUP BY channel),
    pw AS (SELECT channel, first(w ORDER BY n DESC, w) AS peak_weekday FROM
      (SELECT channel, dayofweek(ts) AS w, count(*) AS n FROM f WHERE channel IS NOT NULL GROUP BY ALL) GROUP BY channel),
    m AS (SELECT *, date_diff('month', date_trunc('month', first_day), DATE '${p.today}') + 1 AS months,
      DATE '${p.today}' - last_day AS since FROM per),
    scored AS (SELECT *, round((least(100, 100 * active_months / months) + least(100, 10 * videos / months)
      + CASE WHEN since <= 7 THEN 100 WHEN since <= 30 THEN 80 WHEN since <= 90 THEN 60 WHEN since <= 180 THEN 40
             WHEN since <= 365 THEN 20 ELSE 10 END) / 3) AS loyalty FROM m)
    SELECT channel, title, videos, videos / (SELECT count(*) FROM f) AS share, first_ms, last_ms, active_months,
      videos / active_months AS per_active_month, peak_hour, peak_weekday, topics, first_day >= DATE '${p.day(-29)}' AS is_new,
      sessions / (SELECT n FROM nsess) AS session_share, loyalty,
      row_number() OVER (ORDER BY loyalty DESC, videos DESC, title, channel) AS loyalty_rank,
      row_number() OVER (ORDER BY last_ms DESC, title, channel) AS recent_rank
    FROM scored JOIN ph USING (channel) JOIN pw USING (channel) ORDER BY videos DESC, title, channel`,
  channelRelationships: () => `WITH ${SESSIONS},
    per AS (SELECT channel, count(*) AS videos, any_value(title) AS title, bit_or(topics) AS topics FROM f
      WHERE channel IS NOT NULL GROUP BY channel),
    pool AS (SELECT channel FROM per ORDER BY videos DESC, title, channel LIMIT 200),
    sc AS (SELECT DISTINCT sid, channel FROM sess_rows WHERE channel IN (SELECT channel FROM pool)),
    cs AS (SELECT channel, count(*) AS n FROM sc GROUP BY channel),
    pairs AS (SELECT x.channel AS a, y.channel AS b, count(*) AS shared FROM sc x JOIN sc y ON x.sid = y.sid AND x.channel < y.channel GROUP BY ALL)
    SELECT a, b, shared, round(100 * shared / least(ca.n, cb.n)) AS score, pa.topics & pb.topics AS shared_topics
    FROM pairs JOIN cs ca ON ca.channel = a JOIN cs cb ON cb.channel = b JOIN per pa ON pa.channel = a JOIN per pb ON pb.channel = b
    ORDER BY score DESC, shared DESC, a, b LIMIT 100`,
  viewingPatterns:
    () => `WITH g AS (SELECT hour(ts) AS h, dayofweek(ts) AS w, (day(ts) - 1) // 7 + 1 AS wm, month(ts) AS m, count(*) AS n
      FROM f GROUP BY GROUPING SETS ((h), (w), (wm), (m))),
    total AS (SELECT count(*) AS t FROM f)
    SELECT 'hour' AS dist, r.range AS key, coalesce(n, 0) AS videos, coalesce(n, 0) / nullif(t, 0) AS share
      FROM range(24) r LEFT JOIN g ON g.h = r.range, total
    UNION ALL SELECT 'weekday', r.range, coalesce(n, 0), coalesce(n, 0) / nullif(t, 0) FROM range(7) r LEFT JOIN g ON g.w = r.range, total
    UNION ALL SELECT 'week', r.range, coalesce(n, 0), coalesce(n, 0) / nullif(t, 0) FROM range(1, 6) r LEFT JOIN g ON g.wm = r.range, total
    UNION ALL SELECT 'month', r.range, coalesce(n, 0), coalesce(n, 0) / nullif(t, 0) FROM range(1, 13) r LEFT JOIN g ON g.m = r.range, total
    ORDER BY dist, key`,
  timeSeries: () => `WITH d AS (SELECT ts::DATE AS day, count(*) AS n FROM f GROUP BY 1),
      r AS (SELECT unnest(generate_series(min(day), max(day), INTERVAL 1 DAY))::DATE AS day FROM d)
    SELECT strftime(day, '%Y-%m-%d') AS start, coalesce(n, 0) AS value FROM r LEFT JOIN d USING (day) ORDER BY day`,
  channelEvolution: (
    p,
  ) => `WITH m AS (SELECT date_trunc('month', ts)::DATE AS month, count(*) AS videos, bit_count(bit_or(topics)) AS topics
      FROM f WHERE channel = '${p.topChannel.replaceAll("'", "''")}' GROUP BY 1),
    r AS (SELECT unnest(generate_series(min(month), max(month), INTERVAL 1 MONTH))::DATE AS month FROM m),
    x AS (SELECT month, coalesce(videos, 0) AS v, coalesce(topics, 0) AS t FROM r LEFT JOIN m USING (month))
    SELECT strftime(month, '%Y-%m') AS month, v AS videos, t AS distinct_topics,
      ${trend('v', 'lag(v) OVER (ORDER BY month)', 12, 8)} AS trend FROM x ORDER BY month`,
  topicEvolution: () => `WITH mm AS (SELECT date_trunc('month', ts)::DATE AS month, topics, count(*) AS n FROM f GROUP BY ALL),
    mt AS (SELECT month, b.range AS topic, sum(n) AS n FROM mm JOIN range(13) b ON (topics >> b.range) & 1 = 1 GROUP BY ALL),
    months AS (SELECT unnest(generate_series(min(month), max(month), INTERVAL 1 MONTH))::DATE AS month FROM mm),
    present AS (SELECT DISTINCT topic FROM mt),
    grid AS (SELECT month, topic, coalesce(n, 0) AS v FROM months CROSS JOIN present LEFT JOIN mt USING (month, topic)),
    assign AS (SELECT month, sum(v) AS a FROM grid GROUP BY month),
    tl AS (SELECT topic, month, v, v / nullif(a, 0) AS share, lag(v) OVER (PARTITION BY topic ORDER BY month) AS prev,
      row_number() OVER (PARTITION BY topic ORDER BY month DESC) AS back FROM grid JOIN assign USING (month)),
    moy AS (SELECT p.topic, r.range AS moy, coalesce(sum(g.v), 0) AS n FROM present p CROSS JOIN range(1, 13) r
      LEFT JOIN grid g ON g.topic = p.topic AND month(g.month) = r.range GROUP BY ALL),
    peaks AS (SELECT topic, first(moy ORDER BY n DESC, moy) AS peak, first(moy ORDER BY n, moy) AS low FROM moy GROUP BY topic)
    SELECT topic, sum(v) AS videos,
      (coalesce(sum(v) FILTER (WHERE back <= 3), 0) - sum(v) FILTER (WHERE back BETWEEN 4 AND 6)) * 100.0
        / nullif(sum(v) FILTER (WHERE back BETWEEN 4 AND 6), 0) AS growth,
      any_value(peak) AS peak, any_value(low) AS low,
      list({month: strftime(month, '%Y-%m'), videos: v, share: share, trend: ${trend('v', 'prev', 12, 8)}} ORDER BY month) AS timeline
    FROM tl JOIN peaks USING (topic) GROUP BY topic ORDER BY videos DESC, topic`,
  topicDiversity: () => `WITH m AS (SELECT topics, count(*) AS n FROM f GROUP BY topics),
    t AS (SELECT b.range AS topic, sum(n) AS n FROM m JOIN range(13) b ON (topics >> b.range) & 1 = 1 GROUP BY 1),
    s AS (SELECT sum(n) AS total, count(*) AS distinct_topics FROM t)
    SELECT distinct_topics, -sum(n / total * log2(n / total)) AS shannon,
      CASE WHEN distinct_topics < 2 THEN NULL ELSE shannon / log2(distinct_topics) END AS evenness,
      (SELECT sum(n) FROM (SELECT n FROM t ORDER BY n DESC LIMIT 3)) / total AS top3,
      coalesce(sum(n) FILTER (WHERE topic IN (0, 1, 4, 9)), 0) / total AS learning,
      coalesce(sum(n) FILTER (WHERE topic IN (3, 5, 6, 7)), 0) / total AS leisure,
      coalesce(sum(n) FILTER (WHERE topic NOT IN (0, 1, 3, 4, 5, 6, 7, 9)), 0) / total AS other
    FROM t, s GROUP BY distinct_topics, total`,
  topicSignals: () => `WITH m AS (SELECT topics, signals, count(*) AS n FROM f GROUP BY ALL),
    t AS (SELECT b.range AS topic, m.* FROM m JOIN range(13) b ON (topics >> b.range) & 1 = 1),
    base AS (SELECT topic, sum(n) AS videos,
      coalesce(sum(n) FILTER (WHERE signals & 1 <> 0), 0) / sum(n) AS learning,
      coalesce(sum(n) FILTER (WHERE signals & 2 <> 0), 0) / sum(n) AS long_form,
      coalesce(sum(n) FILTER (WHERE signals & 4 <> 0), 0) / sum(n) AS intentional,
      coalesce(sum(n) FILTER (WHERE signals & 8 <> 0), 0) / sum(n) AS algorithmic FROM t GROUP BY topic),
    co AS (SELECT t.topic, c.range AS other, sum(n) AS videos FROM t JOIN range(13) c
      ON c.range <> t.topic AND (t.topics >> c.range) & 1 = 1 GROUP BY ALL)
    SELECT base.*, (SELECT list({topic: other, videos: co.videos, share: co.videos / base.videos} ORDER BY co.videos DESC, other)
      FROM co WHERE co.topic = base.topic) AS co_topics FROM base ORDER BY videos DESC, topic`,
  dataQuality: () => `SELECT count(*) AS records, count(*) FILTER (WHERE kind = 'WATCHED') AS watched,
      count(*) FILTER (WHERE kind = 'VIEWED') AS viewed_posts, count(*) FILTER (WHERE kind = 'VISITED') AS visited_ads,
      count(*) FILTER (WHERE is_ad) AS ads, count(*) FILTER (WHERE ms IS NULL) AS undated,
      count(*) FILTER (WHERE has_channel) AS with_channel, min(ms) AS first, max(ms) AS last,
      (SELECT coalesce(sum(duplicates), 0) FROM change_log) AS duplicates,
      (SELECT coalesce(sum(ambiguous), 0) FROM change_log) AS ambiguous,
      (SELECT list({format: format, count: n} ORDER BY n DESC, format) FROM
        (SELECT format, sum(count) AS n FROM log_formats GROUP BY format)) AS formats
    FROM stored`,
};

const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);

/** One number per aggregation, read from the engine's result and from the SQL rows, that must agree. */
const CHECKS: Record<string, { engine: (r: Json) => number; sql: (rows: Json[]) => number }> = {
  kpis: { engine: (r) => r.videos, sql: (rows) => Number(rows[0].videos) },
  monthlyTrend: { engine: (r) => r.length, sql: (rows) => rows.length },
  topChannels: { engine: (r) => sum(r.map((c: Json) => c.videos)), sql: (rows) => sum(rows.map((c) => Number(c.videos))) },
  heatmap: {
    engine: (r) => Math.max(...r.map((c: Json) => c.videos)),
    sql: (rows) => Math.max(...rows.map((c) => Number(c.videos))),
  },
  topics: { engine: (r) => r[0]?.recentVideos ?? 0, sql: (rows) => Number(rows[0]?.r ?? 0) },
  overview: { engine: (r) => r.activeDays, sql: (rows) => Number(rows[0].active_days) },
  sessions: { engine: (r) => r.count, sql: (rows) => Number(rows[0].count) },
  advancedKpis: { engine: (r) => r.peakWindow?.startHour ?? -1, sql: (rows) => Number(rows[0].peak_window) },
  habits: { engine: (r) => r.length, sql: (rows) => rows[0].habits.length },
  dailyStats: { engine: (r) => r.p90 ?? -1, sql: (rows) => Number(rows[0].p90) },
  channelMetrics: { engine: (r) => r.totalCount, sql: (rows) => rows.length },
  channelRelationships: { engine: (r) => r[0]?.sharedSessions ?? 0, sql: (rows) => Number(rows[0]?.shared ?? 0) },
  viewingPatterns: {
    engine: (r) => r.byWeekOfMonth[4].videos,
    sql: (rows) => Number(rows.find((x) => x.dist === 'week' && Number(x.key) === 5).videos),
  },
  timeSeries: { engine: (r) => r.length, sql: (rows) => rows.length },
  channelEvolution: {
    engine: (r) => sum(r.points.map((x: Json) => x.videos)),
    sql: (rows) => sum(rows.map((x) => Number(x.videos))),
  },
  topicEvolution: {
    engine: (r) => sum(r.map((t: Json) => t.timeline.length)),
    sql: (rows) => sum(rows.map((t) => t.timeline.length)),
  },
  topicDiversity: { engine: (r) => r.distinctTopics, sql: (rows) => Number(rows[0].distinct_topics) },
  topicSignals: {
    engine: (r) => sum(r.map((t: Json) => t.coTopics.length)),
    sql: (rows) => sum(rows.map((t) => t.co_topics?.length ?? 0)),
  },
  dataQuality: { engine: (r) => r.records, sql: (rows) => Number(rows[0].records) },
};

/** Loads the engine's rows (dated WATCHED, ads flagged) and every stored event into DuckDB tables in memory. */
async function loadDuckDb(engine: Engine, events: readonly WatchEvent[]): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run('SET threads=2');
  await conn.run(`CREATE TABLE raw (rn INTEGER, ms BIGINT, channel VARCHAR, title VARCHAR, product VARCHAR,
    is_ad BOOLEAN, topics INTEGER, signals INTEGER, ws DOUBLE)`);
  const t = engine.table;
  const rows = await conn.createAppender('raw');
  for (let r = 0; r < t.length; r++) {
    const c = t.channel[r] as number;
    rows.appendInteger(r);
    rows.appendBigInt(BigInt(t.time[r] as number));
    if (c === NO_CHANNEL) {
      rows.appendNull();
      rows.appendNull();
    } else {
      rows.appendVarchar(t.channels.keys[c] as string);
      rows.appendVarchar(t.channels.titles[c] as string);
    }
    rows.appendVarchar(t.product[r] === 0 ? 'YOUTUBE' : 'YOUTUBE_MUSIC');
    rows.appendBoolean(t.isAd[r] === 1);
    rows.appendInteger(t.topics[r] as number);
    rows.appendInteger(t.signals[r] as number);
    rows.appendDouble(t.watchSeconds[r] as number);
    rows.endRow();
  }
  rows.closeSync();
  await conn.run('CREATE TABLE ev AS SELECT *, make_timestamp(ms * 1000) AS ts FROM raw ORDER BY rn');
  await conn.run('DROP TABLE raw');
  // The default filter: every product, topic and channel, no ads, UTC.
  await conn.run('CREATE VIEW f AS SELECT * FROM ev WHERE NOT is_ad');

  await conn.run('CREATE TABLE stored (kind VARCHAR, is_ad BOOLEAN, ms BIGINT, has_channel BOOLEAN)');
  const stored = await conn.createAppender('stored');
  for (const e of events) {
    stored.appendVarchar(e.kind);
    stored.appendBoolean(e.isAd);
    if (e.watchedAt === null) stored.appendNull();
    else stored.appendBigInt(BigInt(e.watchedAt));
    stored.appendBoolean(e.channelKey !== null);
    stored.endRow();
  }
  stored.closeSync();
  // Demo histories have an empty change log; the tables keep the query honest.
  await conn.run('CREATE TABLE change_log (duplicates INTEGER, ambiguous INTEGER)');
  await conn.run('CREATE TABLE log_formats (format VARCHAR, count INTEGER)');
  return conn;
}

async function runSql(conn: DuckDBConnection, sql: string): Promise<Json[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS();
}

/** Params of the cached entry a default request reads; channelEvolution has no default channel, so the top one. */
const paramsOf = (def: AggregationDef, topChannel: string): object =>
  def.id === 'channelEvolution' ? { channel: topChannel } : def.baseParams;

const ms = (t: Timing | undefined): string => (t ? t.median.toFixed(2) : '');

function printRatios(title: string, rows: { name: string; engine: Timing; sql?: Timing; note: string }[]): void {
  const header = ['aggregation', 'engine ms', 'duckdb ms', 'engine/duckdb', ''];
  const body = rows.map((r) => [
    r.name,
    ms(r.engine),
    ms(r.sql),
    r.sql ? `${(r.engine.median / r.sql.median).toFixed(3)}×` : 'n/a',
    r.note,
  ]);
  const widths = header.map((_, c) => Math.max(...[header, ...body].map((l) => (l[c] as string).length)));
  const fmt = (l: string[]) =>
    l
      .map((cell, c) => (c === 0 || c === l.length - 1 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number)))
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((s, w) => s + w + 2, -2));
  process.stdout.write(
    `${[title, rule, fmt(header), rule, ...body.map(fmt), rule, 'medians on this machine; the ratio column is what travels', ''].join('\n')}\n`,
  );
}

async function benchSize(count: number): Promise<void> {
  const events = generateDemoEvents('bench-viewer', { seed: 1, count, endMs: END_MS });
  const engine = new Engine(events);
  const top = topChannels(engine.context(FILTER, END_MS), { limit: 1 })[0]?.channelKey ?? '';
  const conn = await loadDuckDb(engine, events);
  const p = sqlParams(top);
  const big = count >= 1_000_000;
  const engineOpts = { warmup: 2, repeat: big ? 7 : 15 };
  const sqlOpts = { warmup: 1, repeat: big ? 5 : 9 };

  const perAggregation: { name: string; engine: Timing; sql?: Timing; note: string }[] = [];
  for (const def of REGISTRY) {
    const params = paramsOf(def, top);
    const engineTiming = time(() => def.kernel(engine.context(FILTER, END_MS), params), engineOpts);
    const sql = SQL[def.id];
    if (!sql) {
      perAggregation.push({ name: def.id, engine: engineTiming, note: 'no SQL version' });
      continue;
    }
    const query = sql(p);
    const sqlTiming = await timeAsync(() => runSql(conn, query), sqlOpts);
    const check = CHECKS[def.id];
    let note = '';
    if (check) {
      const a = check.engine(def.kernel(engine.context(FILTER, END_MS), params));
      const b = check.sql(await runSql(conn, query));
      note = a === b ? `check ${a} =` : `CHECK MISMATCH engine ${a} vs sql ${b}`;
    }
    // The engine answers dataQuality from a summary built with the table; SQL counts every time.
    if (def.id === 'dataQuality') note += ' (engine: summary built with the table)';
    perAggregation.push({ name: def.id, engine: engineTiming, sql: sqlTiming, note });
  }

  // Full catalogue: every registry entry in one fresh context (selections and sessions shared through ctx.memo).
  const catalogue = (e: Engine) => {
    const ctx = e.context(FILTER, END_MS);
    return REGISTRY.map((def) => def.kernel(ctx, paramsOf(def, top)));
  };
  const queries = REGISTRY.flatMap((def) => (SQL[def.id] ? [(SQL[def.id] as (p: SqlParams) => string)(p)] : []));
  const allSql = await timeAsync(async () => {
    const out: Json[][] = [];
    for (const q of queries) out.push(await runSql(conn, q));
    return out;
  }, sqlOpts);
  const allEngine = time(() => catalogue(engine), engineOpts);
  const firsts: number[] = [];
  for (let i = 0; i < (big ? 2 : 5); i++) {
    const fresh = new Engine(events);
    collectGarbage();
    sink(catalogue(engine)); // absorbs the sweep that follows the collection
    const t0 = performance.now();
    sink(catalogue(fresh));
    firsts.push(performance.now() - t0);
  }
  const missing = REGISTRY.filter((d) => !SQL[d.id]).map((d) => d.id);
  perAggregation.push({
    name: `FULL CATALOGUE (${REGISTRY.length} entries)`,
    engine: allEngine,
    sql: allSql,
    note: missing.length ? `SQL lacks ${missing.join(', ')}` : 'one fresh context',
  });
  const visible = engine.eventCount;
  printRatios(
    `catalogue: cold compute per aggregation, ${count.toLocaleString('en-US')} demo events (${visible} rows), filter ALL/UTC`,
    perAggregation,
  );

  const rows: BenchRow[] = [
    { name: 'DuckDB: every query in turn', timing: allSql, baseline: true, note: `${queries.length} queries, threads=2` },
    { name: 'engine: fresh context', timing: allEngine, note: 'zone columns cached (steady state)' },
    { name: 'engine: first in zone', timing: summarise(firsts), note: 'fresh Engine: zone columns included' },
  ];
  printTable(`catalogue: full catalogue, ${count.toLocaleString('en-US')} demo events`, rows);
  conn.closeSync();
}

/** Entry point for bench/run.ts. */
export async function run(): Promise<void> {
  process.stdout.write(`registry: ${REGISTRY.map((d) => d.id).join(', ')}\n\n`);
  for (const count of SIZES) await benchSize(count);
}
