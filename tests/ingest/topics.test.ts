import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Topic, topicBit, topicsOfMask } from '../../domain/events.js';
import { deriveTopics, TOPIC_KEYWORDS } from '../../ingest/topics.js';

const topics = (title: string, channel: string | null = null, product: 'YOUTUBE' | 'YOUTUBE_MUSIC' = 'YOUTUBE'): Topic[] =>
  topicsOfMask(deriveTopics(title, channel, product));

describe('deriveTopics', () => {
  const cases: [string, string | null, Topic[]][] = [
    ['Building a reactor at home', null, ['OTHER']], // `reactor` is not `react`
    ['React hooks in 10 minutes', null, ['TECHNOLOGY']],
    ['Baking sourdough', null, ['COOKING']], // bak* prefix
    ['BAKERY tour', null, ['COOKING']],
    ['kebab night', null, ['OTHER']], // prefix must start at a word boundary
    ['AI will change everything', null, ['TECHNOLOGY']],
    ['Said the hairdresser', null, ['OTHER']], // `ai` inside a word
    ["AI's future", null, ['TECHNOLOGY']],
    ['Intro to node.js', null, ['TECHNOLOGY']],
    ['nodejs internals', null, ['OTHER']],
    ['Machine Learning basics', null, ['TECHNOLOGY', 'EDUCATION']],
    ['machine   learning', null, ['TECHNOLOGY', 'EDUCATION']], // learn* also matches
    ['machine\u00a0learning', null, ['TECHNOLOGY', 'EDUCATION']], // no-break space
    ['machinelearning', null, ['OTHER']],
    ['a machine that keeps learning', null, ['EDUCATION']], // learn* alone, no phrase
    ['Best Hip-Hop of 2020', null, ['MUSIC']],
    ['hip hop', null, ['MUSIC']],
    ['Hiphop', null, ['OTHER']],
    ['Song (Official Audio)', null, ['MUSIC']],
    ['LIVE COVERAGE: storm', null, ['NEWS']],
    ['current events', null, ['NEWS']],
    ['teché', null, ['OTHER']], // accented letter continues the word
    ['café tech', null, ['TECHNOLOGY']],
    ['tech\u0301', null, ['OTHER']], // combining accent continues the word
    ['Éducation', null, ['OTHER']],
    ['日本のtech', null, ['OTHER']], // CJK letters are word characters too
    ['日本 tech', null, ['TECHNOLOGY']],
    ['résumé', 'Python Weekly', ['TECHNOLOGY']], // channel title counts
    ['Untitled', null, ['OTHER']],
    ['Stocks and bonds', 'Chef John', ['FINANCE', 'COOKING']],
    ['tv_show', null, ['OTHER']], // underscore joins words
    ['TV-show', null, ['ENTERTAINMENT']],
    ['Olympics 2024 highlights', null, ['SPORTS']],
    ['ml', null, ['TECHNOLOGY']],
    ['html', null, ['OTHER']],
  ];
  it.each(cases)('%j / %j → %j', (title, channel, expected) => {
    expect(topics(title, channel)).toEqual(expected);
  });

  it('gives YOUTUBE_MUSIC events MUSIC even without a keyword', () => {
    expect(topics('Untitled', null, 'YOUTUBE_MUSIC')).toEqual(['MUSIC']);
    expect(topics('Python tutorial', null, 'YOUTUBE_MUSIC')).toEqual(['TECHNOLOGY', 'EDUCATION', 'MUSIC']);
  });

  it('never returns 0 and matches every keyword of the table as a whole word', () => {
    for (const [topic, keywords] of Object.entries(TOPIC_KEYWORDS)) {
      for (const kw of keywords) {
        const word = kw.replace('*', '');
        const mask = deriveTopics(`x ${word.toUpperCase()} y`, null, 'YOUTUBE');
        expect(mask & topicBit(topic as Topic), `${kw} → ${topic}`).not.toBe(0);
        if (kw.endsWith('*')) expect(deriveTopics(`${word}xyz`, null, 'YOUTUBE') & topicBit(topic as Topic)).not.toBe(0);
        else if (!keywords.some((k) => k.endsWith('*') && word.startsWith(k.slice(0, -1)))) {
          // A whole word stops matching once letters follow (unless a prefix keyword covers it: gamer ⊂ game*).
          expect(deriveTopics(`${word}xyz`, null, 'YOUTUBE') & topicBit(topic as Topic), kw).toBe(0);
        }
      }
    }
  });
});

describe('deriveTopics against a regex reference (the literal reading of AGGREGATIONS.md)', () => {
  const W = '[\\p{L}\\p{M}\\p{N}\\p{Pc}]';
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const reference = Object.entries(TOPIC_KEYWORDS).map(([topic, kws]) => ({
    bit: topicBit(topic as Topic),
    re: new RegExp(
      `(?<!${W})(?:${kws
        .map((k) => (k.endsWith('*') ? esc(k.slice(0, -1)) : `${k.split(' ').map(esc).join('[\\s\\-]+')}(?!${W})`))
        .join('|')})`,
      'iu',
    ),
  }));
  const oracle = (title: string, channel: string | null, product: 'YOUTUBE' | 'YOUTUBE_MUSIC'): number => {
    const text = (channel ? `${title} ${channel}` : title).normalize('NFC');
    let mask = product === 'YOUTUBE_MUSIC' ? topicBit('MUSIC') : 0;
    for (const { bit, re } of reference) if (re.test(text)) mask |= bit;
    return mask === 0 ? topicBit('OTHER') : mask;
  };
  const phraseWords = fc.constantFrom(
    ...Object.values(TOPIC_KEYWORDS)
      .flat()
      .filter((k) => k.includes(' '))
      .flatMap((k) => k.split(' ')),
  );
  const keywordPieces = fc.constantFrom(
    ...Object.values(TOPIC_KEYWORDS)
      .flat()
      .map((k) => k.replace('*', '')),
    'x',
    'é',
    '日本',
    '😀',
    'ing',
    's',
    'Tech',
    'AI',
    'Hip',
    'HOP',
  );
  const pieces = fc.oneof(keywordPieces, phraseWords);
  const seps = fc.constantFrom(' ', '', '-', '.', "'", '_', '  ', '\u00a0', '\u0301', ', ', '/', '- ');
  const text = fc.array(fc.tuple(pieces, seps), { maxLength: 8 }).map((parts) => parts.map(([p, s]) => p + s).join(''));

  it('agrees on random keyword soups', () => {
    fc.assert(
      fc.property(
        text,
        fc.option(text, { nil: null }),
        fc.constantFrom('YOUTUBE', 'YOUTUBE_MUSIC'),
        (title, channel, product) => {
          expect(deriveTopics(title, channel, product)).toBe(oracle(title, channel, product));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
