import { describe, expect, it } from 'vitest';
import { classifyEntry, type TakeoutEntry } from '../../ingest/classify.js';
import { TAKEOUT_LOCALES } from '../../ingest/locales.js';

const entry = (patch: Partial<TakeoutEntry>): TakeoutEntry => ({
  header: 'YouTube',
  title: 'Watched Something',
  titleUrl: 'https://www.youtube.com/watch?v=abc',
  subtitles: [],
  details: [],
  ...patch,
});

/** Hand-written per language: a watched title, a post title, an ad detail, a story title. */
const EXAMPLES: Record<
  string,
  { watched: string; watchedTitle: string; viewed: string | null; ads: string; story: string | null }
> = {
  en: {
    watched: 'Watched Cats',
    watchedTitle: 'Cats',
    viewed: 'Viewed New post',
    ads: 'From Google Ads',
    story: 'Watched story from Cat Channel',
  },
  fr: {
    watched: 'Vous avez regardé Chats',
    watchedTitle: 'Chats',
    viewed: 'Vous avez consulté Nouveau post',
    ads: 'Des annonces Google',
    story: 'Vous avez regardé la story de Chaîne',
  },
  de: {
    watched: 'Angesehen\u00a0Katzen',
    watchedTitle: 'Katzen',
    viewed: 'Aufgerufen Neuer Beitrag',
    ads: 'Von Google Ads',
    story: 'Angesehen Story von Kanal',
  },
};

describe('one test per supported language (TAKEOUT_LOCALES row)', () => {
  it.each(TAKEOUT_LOCALES.map((l) => l.lang))('%s', (lang) => {
    const ex = EXAMPLES[lang];
    expect(ex, `add examples for ${lang}`).toBeDefined();
    const watched = classifyEntry(entry({ title: ex!.watched }));
    expect(watched).toMatchObject({ ok: true, raw: { kind: 'WATCHED', isAd: false } });
    expect(watched.ok && watched.raw.videoTitle).toBe(ex!.watchedTitle);
    const ad = classifyEntry(entry({ title: ex!.watched, details: [ex!.ads] }));
    expect(ad).toMatchObject({ ok: true, raw: { isAd: true } });
    // The marker alone makes an ad, with no verb and no link (French homepage ads were skipped).
    const bare = classifyEntry(entry({ title: 'Creative  name', titleUrl: null, details: ['Autre', ` ${ex!.ads}\u00a0`] }));
    expect(bare).toMatchObject({
      ok: true,
      raw: { kind: 'WATCHED', isAd: true, videoTitle: 'Creative name', videoUrl: null, channelUrl: null },
    });
    if (ex!.viewed) {
      const v = classifyEntry(entry({ title: ex!.viewed, titleUrl: 'https://www.youtube.com/post/Ugkx1' }));
      expect(v).toMatchObject({ ok: true, raw: { kind: 'VIEWED' } });
    }
    if (ex!.story) {
      const s = classifyEntry(entry({ title: ex!.story, titleUrl: null }));
      expect(s).toMatchObject({ ok: true, raw: { kind: 'VIEWED' } });
    }
  });
});

// Every verb of every row: the kind it gives and a title without it (`Angesehen X` used to be stored as is).
const VERB_ROWS = TAKEOUT_LOCALES.flatMap((l) => [
  ...l.watched.map((verb) => ({ lang: l.lang, verb, kind: 'WATCHED', url: 'https://www.youtube.com/watch?v=abc' })),
  ...l.viewed.map((verb) => ({ lang: l.lang, verb, kind: 'VIEWED', url: 'https://www.youtube.com/post/Ugkx1' })),
  ...l.visited.map((verb) => ({
    lang: l.lang,
    verb,
    kind: 'VISITED',
    url: 'https://www.google.com/url?q=https://shop.example/',
  })),
  ...l.other.map((verb) => ({ lang: l.lang, verb, kind: null, url: 'https://www.youtube.com/playables/x' })),
]);

describe('every verb of TAKEOUT_LOCALES is recognised and stripped', () => {
  it.each(VERB_ROWS)('$lang $verb', ({ verb, kind, url }) => {
    const r = classifyEntry(entry({ title: `${verb}\u00a0Some  title`, titleUrl: url }));
    if (kind === null) expect(r).toMatchObject({ ok: false, reason: 'other-activity' });
    else expect(r).toMatchObject({ ok: true, raw: { kind, videoTitle: 'Some title' } });
  });

  it('has verbs for every kind in every language', () => {
    for (const l of TAKEOUT_LOCALES) {
      expect([l.lang, l.watched.length > 0, l.viewed.length > 0, l.visited.length > 0]).toEqual([l.lang, true, true, true]);
    }
  });
});

describe('classifyEntry', () => {
  it('strips the verb (with a no-break space after it) from the title', () => {
    expect(classifyEntry(entry({ title: 'Watched\u00a0 My  video' }))).toMatchObject({
      ok: true,
      raw: { videoTitle: 'My video' },
    });
  });

  it('marks YouTube Music by the header, NBSP included', () => {
    expect(classifyEntry(entry({ header: 'YouTube\u00a0Music' }))).toMatchObject({ raw: { product: 'YOUTUBE_MUSIC' } });
    expect(classifyEntry(entry({ header: 'YouTube' }))).toMatchObject({ raw: { product: 'YOUTUBE' } });
  });

  it('takes the first subtitle with a URL as the channel, ignoring context labels', () => {
    const r = classifyEntry(
      entry({
        subtitles: [
          { name: 'Temperature: Warm', url: null },
          { name: 'Chan', url: 'https://www.youtube.com/channel/UC1' },
        ],
      }),
    );
    expect(r).toMatchObject({ raw: { channelTitle: 'Chan', channelUrl: 'https://www.youtube.com/channel/UC1' } });
  });

  it('keeps ad links (VISITED through google.com/url) and skips other visits, games and surveys', () => {
    expect(
      classifyEntry(entry({ title: 'Visited https://x', titleUrl: 'https://www.google.com/url?q=https://x' })),
    ).toMatchObject({
      ok: true,
      raw: { kind: 'VISITED', isAd: true },
    });
    expect(classifyEntry(entry({ title: 'Visited YouTube Music', titleUrl: 'https://music.youtube.com/' }))).toMatchObject({
      ok: false,
      reason: 'other-activity',
    });
    expect(classifyEntry(entry({ title: 'Played Tiny Game', titleUrl: 'https://www.youtube.com/playables/x' }))).toMatchObject({
      ok: false,
    });
    expect(classifyEntry(entry({ title: 'Answered survey question', titleUrl: null }))).toMatchObject({ ok: false });
  });

  it('falls back to the link for an unknown verb, and skips an unknown verb without a usable link', () => {
    expect(classifyEntry(entry({ title: 'Обзор видео', titleUrl: 'https://www.youtube.com/watch?v=x' }))).toMatchObject({
      ok: true,
      raw: { kind: 'WATCHED', videoTitle: 'Обзор видео' },
    });
    expect(classifyEntry(entry({ title: 'Something else', titleUrl: 'https://example.com' }))).toMatchObject({
      ok: false,
      reason: 'unrecognised-activity',
    });
    expect(classifyEntry(entry({ title: '   ' }))).toMatchObject({ ok: false, reason: 'no-title' });
  });
});

describe('classifyEntry regressions', () => {
  it('counts an entry with the ads marker as an ad whatever its title (French homepage ads were unrecognised)', () => {
    const fr = "Annonces visionnées sur la page d'accueil de YouTube";
    expect(classifyEntry(entry({ title: fr, titleUrl: null, details: ['Des annonces Google'] }))).toMatchObject({
      ok: true,
      raw: { kind: 'WATCHED', isAd: true, videoTitle: fr, videoUrl: null, channelTitle: null },
    });
    // Without the marker, the same entry is still unrecognised.
    expect(classifyEntry(entry({ title: fr, titleUrl: null }))).toMatchObject({ ok: false, reason: 'unrecognised-activity' });
    // An unknown verb with a watch link keeps the link's kind; a foreign link is dropped, not the ad.
    expect(
      classifyEntry(
        entry({ title: 'Обзор рекламы', titleUrl: 'https://www.youtube.com/watch?v=ad1', details: ['From Google Ads'] }),
      ),
    ).toMatchObject({ ok: true, raw: { kind: 'WATCHED', isAd: true, videoUrl: 'https://www.youtube.com/watch?v=ad1' } });
    expect(
      classifyEntry(entry({ title: 'Watched Shop now', titleUrl: 'https://shop.example/', details: ['From Google Ads'] })),
    ).toMatchObject({ ok: true, raw: { kind: 'WATCHED', isAd: true, videoTitle: 'Shop now', videoUrl: null } });
    // Other activity with the marker is an ad too; `Visited` without a redirect stays VISITED.
    expect(classifyEntry(entry({ title: 'Played Ad game', titleUrl: null, details: ['From Google Ads'] }))).toMatchObject({
      ok: true,
      raw: { kind: 'WATCHED', isAd: true, videoTitle: 'Ad game' },
    });
    expect(
      classifyEntry(entry({ title: 'Visited Shop', titleUrl: 'https://shop.example/', details: ['Von Google Ads'] })),
    ).toMatchObject({ ok: true, raw: { kind: 'VISITED', isAd: true, videoTitle: 'Shop', videoUrl: null } });
  });

  it('recognises a story whose title wraps over lines (fast path for `Watched ` must not skip it)', () => {
    expect(classifyEntry(entry({ title: 'Watched story\nfrom Cat Channel', titleUrl: null }))).toMatchObject({
      ok: true,
      raw: { kind: 'VIEWED', channelTitle: 'Cat Channel' },
    });
  });
});
