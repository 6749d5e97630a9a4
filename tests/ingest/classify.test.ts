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
const EXAMPLES: Record<string, { watched: string; viewed: string | null; ads: string; story: string | null }> = {
  en: { watched: 'Watched Cats', viewed: 'Viewed New post', ads: 'From Google Ads', story: 'Watched story from Cat Channel' },
  fr: {
    watched: 'Vous avez regardé Chats',
    viewed: 'Vous avez consulté Nouveau post',
    ads: 'Des annonces Google',
    story: 'Vous avez regardé la story de Chaîne',
  },
  de: { watched: 'Katzen angesehen', viewed: null, ads: 'Von Google Ads', story: null },
};

describe('one test per supported language (TAKEOUT_LOCALES row)', () => {
  it.each(TAKEOUT_LOCALES.map((l) => l.lang))('%s', (lang) => {
    const ex = EXAMPLES[lang];
    expect(ex, `add examples for ${lang}`).toBeDefined();
    const watched = classifyEntry(entry({ title: ex!.watched }));
    expect(watched).toMatchObject({ ok: true, raw: { kind: 'WATCHED', isAd: false } });
    const ad = classifyEntry(entry({ title: ex!.watched, details: [ex!.ads] }));
    expect(ad).toMatchObject({ ok: true, raw: { isAd: true } });
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
  it('recognises a story whose title wraps over lines (fast path for `Watched ` must not skip it)', () => {
    expect(classifyEntry(entry({ title: 'Watched story\nfrom Cat Channel', titleUrl: null }))).toMatchObject({
      ok: true,
      raw: { kind: 'VIEWED', channelTitle: 'Cat Channel' },
    });
  });
});
