/**
 * Takeout timestamps → epoch ms: ISO 8601 from JSON, localised date lines from HTML
 * (../shared/TAKEOUT.md "Date lines" and "Time zones"). Instants are truncated to whole
 * seconds because HTML carries no milliseconds, and the same entry must get the same id from
 * both formats.
 */
import { daysFromCivil, daysInMonth, MS_PER_DAY, MS_PER_MINUTE, zoneOffsetMinutes } from '../domain/calendar.js';
import { MONTHS_BY_NAME, ZONE_ABBREVIATIONS } from './locales.js';

/** Any real calendar date parses; whether its instant is plausible is validate.ts's call, not an undated event. */
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

/** How the zone of one timestamp was resolved, for the import report. */
export interface ZoneResolution {
  /** The label as written (`CET`, `UTC+05:30`), or `(none)` when the line had no zone. */
  label: string;
  /** Offset applied, minutes east of UTC. */
  offsetMinutes: number;
  /** The fixed offset assumed for the label; null when the viewer's zone decided per instant. */
  assumedOffsetMinutes: number | null;
  /** True when the label was ambiguous, unknown or missing (resolved with the viewer's zone). */
  ambiguous: boolean;
}

export interface ParsedTimestamp {
  /** Epoch ms UTC, whole seconds. */
  ms: number;
  /** Shape of the source text, e.g. `MMM d, yyyy, h:mm:ss a z`, `ISO 8601`. */
  format: string;
  zone: ZoneResolution | null;
}

function localMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number | null {
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  if (h > 23 || mi > 59 || s > 59) return null;
  return daysFromCivil(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/i;

/** Epoch ms (whole seconds) of an ISO 8601 instant with `Z` or an offset; null when malformed or not a real date. */
export function parseIsoTime(text: string): number | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const local = localMs(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, m[6] ? +m[6] : 0);
  if (local === null) return null;
  const off = m[7] ? 0 : (m[8] === '-' ? -1 : 1) * (+m[9]! * 60 + +m[10]!);
  return local - off * MS_PER_MINUTE;
}

/**
 * Resolves zone labels of one import. Rule for an ambiguous label (CST, IST, BST, AST): the
 * first candidate offset that the viewer's zone uses in that year (on 1 January or 1 July),
 * as a fixed offset; if none matches, and for an unknown or missing label, the wall time is
 * read in the viewer's IANA zone (daylight saving included) — the only information left.
 */
export class ZoneResolver {
  private readonly yearCache = new Map<string, number | null>();

  constructor(readonly viewerTimeZone: string) {}

  /** Offset (minutes east) of the viewer's zone for a wall-clock time `local` (ms as if UTC). */
  viewerOffsetAtLocal(local: number): number {
    const first = zoneOffsetMinutes(this.viewerTimeZone, local);
    return zoneOffsetMinutes(this.viewerTimeZone, local - first * MS_PER_MINUTE);
  }

  resolve(label: string, local: number, year: number): ZoneResolution {
    const known = ZONE_ABBREVIATIONS[label.toUpperCase()];
    if (known && known.offsets.length === 1) {
      const off = known.offsets[0] as number;
      return { label, offsetMinutes: off, assumedOffsetMinutes: off, ambiguous: false };
    }
    if (known) {
      const key = `${label}:${year}`;
      let pick = this.yearCache.get(key);
      if (pick === undefined) {
        const jan = zoneOffsetMinutes(this.viewerTimeZone, Date.UTC(year, 0, 1, 12));
        const jul = zoneOffsetMinutes(this.viewerTimeZone, Date.UTC(year, 6, 1, 12));
        pick = known.offsets.find((o) => o === jan || o === jul) ?? null;
        this.yearCache.set(key, pick);
      }
      if (pick !== null) return { label, offsetMinutes: pick, assumedOffsetMinutes: pick, ambiguous: true };
    }
    return { label, offsetMinutes: this.viewerOffsetAtLocal(local), assumedOffsetMinutes: null, ambiguous: true };
  }
}

const HTML_DATE =
  /^(?<date>.+?)(?<sep>,?\s+(?:à\s+|um\s+)?|,\s*)(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))?(?:\s*(?<ap>[ap])\.?\s?m\.?)?(?:\s+(?<zone>\S.*))?$/iu;
const NUMERIC_DMY = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const NUMERIC_YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const NAMED_MDY = /^(\p{L}+)\.? (\d{1,2}),? (\d{4})$/u;
const NAMED_DMY = /^(\d{1,2})\.? (\p{L}+)\.? (\d{4})$/u;
const OFFSET_ZONE = /^(?:UTC|GMT)([+\-−])(\d{1,2})(?::?(\d{2}))?$/i;
const ABBREVIATION = /^\p{Lu}{2,6}$/u;

function parseDatePart(text: string): { y: number; mo: number; d: number; label: string } | null {
  let m = NUMERIC_DMY.exec(text);
  if (m) return { y: +m[3]!, mo: +m[2]!, d: +m[1]!, label: 'dd.MM.yyyy' };
  m = NUMERIC_YMD.exec(text);
  if (m) return { y: +m[1]!, mo: +m[2]!, d: +m[3]!, label: 'yyyy-MM-dd' };
  m = NAMED_MDY.exec(text);
  if (m) {
    const mo = MONTHS_BY_NAME.get(m[1]!.toLowerCase());
    return mo ? { y: +m[3]!, mo, d: +m[2]!, label: 'MMM d, yyyy' } : null;
  }
  m = NAMED_DMY.exec(text);
  if (m) {
    const mo = MONTHS_BY_NAME.get(m[2]!.toLowerCase());
    return mo ? { y: +m[3]!, mo, d: +m[1]!, label: 'd MMM yyyy' } : null;
  }
  return null;
}

/**
 * Parses an HTML date line (every form in TAKEOUT.md: en-US old/new, en-GB, en-AU, fr, de;
 * 12/24-hour; zone abbreviation, `UTC±hh:mm` or none). Returns null for anything else.
 */
export function parseHtmlDate(line: string, zones: ZoneResolver): ParsedTimestamp | null {
  const text = line.replace(/\s+/g, ' ').trim();
  const m = HTML_DATE.exec(text);
  if (!m?.groups) return null;
  const g = m.groups;
  const date = parseDatePart(g.date!.trim());
  if (!date) return null;
  let h = +g.h!;
  if (g.ap) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (g.ap.toLowerCase() === 'p' ? 12 : 0);
  }
  const local = localMs(date.y, date.mo, date.d, h, +g.mi!, g.s ? +g.s : 0);
  if (local === null) return null;

  const sep = g.sep!.includes('à') ? ' à ' : g.sep!.includes('um') ? ' um ' : g.sep!.includes(',') ? ', ' : ' ';
  const time = `${g.ap ? 'h' : 'HH'}:mm${g.s ? ':ss' : ''}${g.ap ? ' a' : ''}`;
  let zone: ZoneResolution;
  let zoneLabel: string;
  const zoneText = g.zone?.trim();
  if (!zoneText) {
    zone = zones.resolve('(none)', local, date.y);
    zoneLabel = '';
  } else {
    const off = OFFSET_ZONE.exec(zoneText);
    if (off) {
      const minutes = (off[1] === '+' ? 1 : -1) * (+off[2]! * 60 + (off[3] ? +off[3] : 0));
      if (Math.abs(minutes) > 14 * 60) return null;
      zone = {
        label: zoneText.toUpperCase().replace('−', '-'),
        offsetMinutes: minutes,
        assumedOffsetMinutes: minutes,
        ambiguous: false,
      };
      zoneLabel = ' UTC±hh:mm';
    } else if (ABBREVIATION.test(zoneText)) {
      zone = zones.resolve(zoneText, local, date.y);
      zoneLabel = ' z';
    } else {
      return null;
    }
  }
  return { ms: local - zone.offsetMinutes * MS_PER_MINUTE, format: `${date.label}${sep}${time}${zoneLabel}`, zone };
}
