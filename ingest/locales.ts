/**
 * Every localised value the Takeout importer understands, in one place (../shared/TAKEOUT.md):
 * one row per supported export language, plus the time-zone abbreviation table.
 */

/** Localised strings of one export language. Verbs are compared after white-space normalisation. */
export interface TakeoutLocale {
  /** BCP-47 tag of the export language. */
  lang: string;
  /** Title verbs of a watched video (and of a story, see `storyPrefix`). */
  watched: readonly string[];
  /** Title verbs of a viewed community post. */
  viewed: readonly string[];
  /** Title verbs of a visited link (an ad link when it goes through google.com/url). */
  visited: readonly string[];
  /** Title verbs of other activity (games, surveys): counted and skipped. */
  other: readonly string[];
  /** What follows the watched verb in a story title; the channel name comes after it. */
  storyPrefix: string | null;
  /** The `details` value marking an ad. */
  adsDetail: string;
  /** Caption label before the product list (HTML), without the colon. */
  productsLabel: string;
  /** Caption label before the details list (HTML), without the colon. */
  detailsLabel: string;
  /** Month names and abbreviations as they appear in HTML date lines, lower-case, no trailing dot → 1..12. */
  months: Readonly<Record<string, number>>;
}

const EN_MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9, // en-AU writes `Sept`
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

/**
 * Supported export languages. The French strings come from TAKEOUT.md; `Vous avez visité`,
 * `Détails` and the `other` verbs are assumed by analogy. German `Angesehen` (followed by
 * U+00A0 and the link, as in English), `Produkte` and the dates were observed in a real export;
 * the other German verbs, the story prefix, `Von Google Ads` and `Details` are assumed.
 */
export const TAKEOUT_LOCALES: readonly TakeoutLocale[] = [
  {
    lang: 'en',
    watched: ['Watched'],
    viewed: ['Viewed'],
    visited: ['Visited'],
    other: ['Played', 'Answered', 'Searched for', 'Subscribed to', 'Liked'],
    storyPrefix: 'story from',
    adsDetail: 'From Google Ads',
    productsLabel: 'Products',
    detailsLabel: 'Details',
    months: EN_MONTHS,
  },
  {
    lang: 'fr',
    watched: ['Vous avez regardé'],
    viewed: ['Vous avez consulté'],
    visited: ['Vous avez visité'],
    other: ['Vous avez joué à', 'Vous avez répondu', 'Vous avez recherché'],
    storyPrefix: 'la story de',
    adsDetail: 'Des annonces Google',
    productsLabel: 'Produits',
    detailsLabel: 'Détails',
    months: {
      janv: 1,
      janvier: 1,
      févr: 2,
      février: 2,
      mars: 3,
      avr: 4,
      avril: 4,
      mai: 5,
      juin: 6,
      juil: 7,
      juillet: 7,
      août: 8,
      sept: 9,
      septembre: 9,
      oct: 10,
      octobre: 10,
      nov: 11,
      novembre: 11,
      déc: 12,
      décembre: 12,
    },
  },
  {
    lang: 'de',
    watched: ['Angesehen'],
    viewed: ['Aufgerufen'],
    visited: ['Besucht'],
    other: ['Gespielt', 'Beantwortet', 'Gesucht nach', 'Abonniert'],
    storyPrefix: 'Story von',
    adsDetail: 'Von Google Ads',
    productsLabel: 'Produkte',
    detailsLabel: 'Details',
    months: {
      jan: 1,
      januar: 1,
      jän: 1,
      feb: 2,
      februar: 2,
      mär: 3,
      märz: 3,
      apr: 4,
      april: 4,
      mai: 5,
      jun: 6,
      juni: 6,
      jul: 7,
      juli: 7,
      aug: 8,
      august: 8,
      sep: 9,
      sept: 9,
      september: 9,
      okt: 10,
      oktober: 10,
      nov: 11,
      november: 11,
      dez: 12,
      dezember: 12,
    },
  },
];

/** Month name (lower-case, no trailing dot) → 1..12, over every supported language. */
export const MONTHS_BY_NAME: ReadonlyMap<string, number> = new Map(TAKEOUT_LOCALES.flatMap((l) => Object.entries(l.months)));

/** A time-zone abbreviation: one fixed offset, or several candidates when it is ambiguous. */
export interface ZoneAbbreviation {
  /** Offsets in minutes east of UTC; more than one = ambiguous, resolved with the viewer's zone. */
  offsets: readonly number[];
}

/**
 * Abbreviations in HTML date lines → fixed offsets (minutes east of UTC). Google renders a
 * whole file with one label and one offset, so no daylight-saving rule is applied. Ambiguous
 * ones list every candidate, most common first.
 */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, ZoneAbbreviation>> = {
  UTC: { offsets: [0] },
  GMT: { offsets: [0] },
  WET: { offsets: [0] },
  WEST: { offsets: [60] },
  CET: { offsets: [60] },
  CEST: { offsets: [120] },
  MEZ: { offsets: [60] },
  MESZ: { offsets: [120] },
  EET: { offsets: [120] },
  EEST: { offsets: [180] },
  MSK: { offsets: [180] },
  TRT: { offsets: [180] },
  EST: { offsets: [-300] },
  EDT: { offsets: [-240] },
  CDT: { offsets: [-300] },
  MST: { offsets: [-420] },
  MDT: { offsets: [-360] },
  PST: { offsets: [-480] },
  PDT: { offsets: [-420] },
  AKST: { offsets: [-540] },
  AKDT: { offsets: [-480] },
  HST: { offsets: [-600] },
  NST: { offsets: [-210] },
  NDT: { offsets: [-150] },
  BRT: { offsets: [-180] },
  ART: { offsets: [-180] },
  SAST: { offsets: [120] },
  PKT: { offsets: [300] },
  ICT: { offsets: [420] },
  WIB: { offsets: [420] },
  SGT: { offsets: [480] },
  HKT: { offsets: [480] },
  AWST: { offsets: [480] },
  JST: { offsets: [540] },
  KST: { offsets: [540] },
  ACST: { offsets: [570] },
  ACDT: { offsets: [630] },
  AEST: { offsets: [600] },
  AEDT: { offsets: [660] },
  NZST: { offsets: [720] },
  NZDT: { offsets: [780] },
  // Ambiguous: US Central / China / Cuba; India / Israel / Ireland; British Summer / Bangladesh; Atlantic / Arabia.
  CST: { offsets: [-360, 480, -300] },
  IST: { offsets: [330, 120, 60] },
  BST: { offsets: [60, 360] },
  AST: { offsets: [-240, 180] },
};
