/**
 * Renders one invented history as a Takeout JSON and a Takeout HTML export, as Google does
 * (see ../shared/TAKEOUT.md). Used by the property test and by bench/ingest.ts.
 */

export type HistoryItemKind = 'watched' | 'titleIsUrl' | 'removed' | 'post' | 'story' | 'ad' | 'adLink' | 'homepageAd';

export interface HistoryItem {
  kind: HistoryItemKind;
  /** Epoch ms UTC (milliseconds allowed: JSON keeps them, HTML drops them). */
  at: number;
  videoId: string;
  title: string;
  channel: { name: string; id: string } | null;
  music: boolean;
}

export type DateStyle = 'en-US' | 'en-GB' | 'fr' | 'de';
export interface HtmlStyle {
  date: DateStyle;
  /** Zone label and the fixed offset (minutes east) Google rendered with it. */
  zone: { label: string; offsetMinutes: number };
}

const VERBS = {
  en: {
    watched: 'Watched',
    viewed: 'Viewed',
    visited: 'Visited',
    story: 'story from',
    ads: 'From Google Ads',
    products: 'Products:',
  },
  fr: {
    watched: 'Vous avez regardé',
    viewed: 'Vous avez consulté',
    visited: 'Vous avez visité',
    story: 'la story de',
    ads: 'Des annonces Google',
    products: 'Produits\u00a0:',
  },
  de: {
    watched: 'Angesehen',
    viewed: 'Aufgerufen',
    visited: 'Besucht',
    story: 'Story von',
    ads: 'Von Google Ads',
    products: 'Produkte:',
  },
};
export type Lang = keyof typeof VERBS;
/** The export language Google pairs with a date style (en-US and en-GB are English). */
export const langOf = (d: DateStyle): Lang => (d === 'fr' || d === 'de' ? d : 'en');

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FR_MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
const pad = (n: number) => String(n).padStart(2, '0');

export function formatHtmlDate(ms: number, style: HtmlStyle): string {
  const d = new Date(Math.floor(ms / 1000) * 1000 + style.zone.offsetMinutes * 60_000);
  const [y, mo, day, h, mi, s] = [
    d.getUTCFullYear(),
    d.getUTCMonth(),
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  ];
  const z = style.zone.label;
  switch (style.date) {
    case 'en-US':
      return `${EN_MONTHS[mo]} ${day}, ${y}, ${h % 12 === 0 ? 12 : h % 12}:${pad(mi)}:${pad(s)}\u202f${h < 12 ? 'AM' : 'PM'} ${z}`;
    case 'en-GB':
      return `${day} ${EN_MONTHS[mo]} ${y}, ${pad(h)}:${pad(mi)}:${pad(s)} ${z}`;
    case 'fr':
      return `${day} ${FR_MONTHS[mo]} ${y} à ${pad(h)}:${pad(mi)}:${pad(s)} ${z}`;
    case 'de':
      return `${pad(day)}.${pad(mo + 1)}.${y}, ${pad(h)}:${pad(mi)}:${pad(s)} ${z}`;
  }
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const watchUrl = (item: HistoryItem) => `https://${item.music ? 'music' : 'www'}.youtube.com/watch?v=${item.videoId}`;
const channelUrl = (id: string) => `https://www.youtube.com/channel/${id}`;
const adLink = (item: HistoryItem) => `https://www.google.com/url?q=https://shop.example/${item.videoId}&usg=AOv${item.videoId}`;

interface Parts {
  header: string;
  /** Empty for entries whose title has no verb (homepage ads). */
  verb: string;
  linkText: string | null;
  text: string;
  url: string | null;
  channel: { name: string; url: string } | null;
  ad: boolean;
}

function partsOf(item: HistoryItem, lang: (typeof VERBS)[Lang]): Parts {
  const header = item.music ? 'YouTube Music' : 'YouTube';
  const channel = item.channel ? { name: item.channel.name, url: channelUrl(item.channel.id) } : null;
  switch (item.kind) {
    case 'watched':
      return { header, verb: lang.watched, linkText: item.title, text: '', url: watchUrl(item), channel, ad: false };
    case 'titleIsUrl':
      return { header, verb: lang.watched, linkText: watchUrl(item), text: '', url: watchUrl(item), channel: null, ad: false };
    case 'removed':
      return {
        header,
        verb: lang.watched,
        linkText: null,
        text: 'a video that has been removed',
        url: null,
        channel: null,
        ad: false,
      };
    case 'post':
      return {
        header,
        verb: lang.viewed,
        linkText: item.title,
        text: '',
        url: `https://www.youtube.com/post/Ugkx${item.videoId}`,
        channel,
        ad: false,
      };
    case 'story':
      return {
        header,
        verb: lang.watched,
        linkText: null,
        text: `${lang.story} ${item.channel?.name ?? 'Someone'}`,
        url: null,
        channel,
        ad: false,
      };
    case 'ad':
      return { header, verb: lang.watched, linkText: item.title, text: '', url: watchUrl(item), channel: null, ad: true };
    case 'adLink':
      return { header, verb: lang.visited, linkText: adLink(item), text: '', url: adLink(item), channel: null, ad: true };
    case 'homepageAd':
      // `Annonces visionnées sur la page d'accueil de YouTube`: no verb, no link, no channel.
      return { header, verb: '', linkText: null, text: item.title, url: null, channel: null, ad: true };
  }
}

const titleOf = (verb: string, rest: string) => (verb === '' ? rest : `${verb} ${rest}`);

/** One JSON array element (Google's key order). */
export function renderJsonEntry(item: HistoryItem, lang: Lang = 'en'): string {
  const l = VERBS[lang];
  const p = partsOf(item, l);
  const o: Record<string, unknown> = { header: p.header, title: titleOf(p.verb, p.linkText ?? p.text) };
  if (p.url) o.titleUrl = p.url;
  if (p.channel) o.subtitles = [{ name: p.channel.name, url: p.channel.url }];
  o.time = new Date(item.at).toISOString();
  o.products = ['YouTube'];
  if (p.ad) o.details = [{ name: l.ads }];
  o.activityControls = ['YouTube watch history'];
  // Google escapes `=` and `&` as \u003d and \u0026.
  return JSON.stringify(o).replace(/=/g, '\\u003d').replace(/&/g, '\\u0026');
}

export function renderJson(items: readonly HistoryItem[], lang: Lang = 'en'): string {
  return `[${items.map((i) => renderJsonEntry(i, lang)).join(',')}]`;
}

/** One outer cell, on one line as Google writes it. */
export function renderHtmlCell(item: HistoryItem, style: HtmlStyle): string {
  const l = VERBS[langOf(style.date)];
  const p = partsOf(item, l);
  const title =
    p.linkText !== null
      ? `${escapeHtml(p.verb)}\u00a0<a href="${escapeHtml(p.url ?? '')}">${escapeHtml(p.linkText)}</a>`
      : escapeHtml(titleOf(p.verb, p.text));
  const channel = p.channel ? `<a href="${escapeHtml(p.channel.url)}">${escapeHtml(p.channel.name)}</a><br>` : '';
  const adLine = p.ad ? 'Watched at 10:26 PM<br>' : '';
  const details = p.ad ? `<b>Details:</b><br>&emsp;${escapeHtml(l.ads)}<br>` : '';
  return (
    '<div class="outer-cell mdl-cell mdl-cell--12-col mdl-shadow--2dp"><div class="mdl-grid">' +
    `<div class="header-cell mdl-cell mdl-cell--12-col"><p class="mdl-typography--title">${p.header}<br></p></div>` +
    `<div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1">${title}<br>${channel}${adLine}${formatHtmlDate(item.at, style)}<br></div>` +
    '<div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1 mdl-typography--text-right"></div>' +
    `<div class="content-cell mdl-cell mdl-cell--12-col mdl-typography--caption"><b>${l.products}</b><br>&emsp;YouTube<br>${details}` +
    '<b>Why is this here?</b><br>&emsp;This activity was saved to your Google Account because the following settings were on:&nbsp;YouTube watch history.<br></div>' +
    '</div></div>'
  );
}

export const HTML_HEAD =
  '<html><head><meta charset="UTF-8"><title>My Activity History</title><style type="text/css">' +
  '.mdl-grid{display:flex}'.repeat(50) +
  '</style></head><body><div class="mdl-grid">';
export const HTML_TAIL = '</div></body></html>';

export function renderHtml(items: readonly HistoryItem[], style: HtmlStyle): string {
  return HTML_HEAD + items.map((i) => renderHtmlCell(i, style)).join('') + HTML_TAIL;
}
