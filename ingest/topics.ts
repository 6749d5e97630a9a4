/**
 * Topic derivation (../shared/AGGREGATIONS.md "Topics"): keyword tables compiled once into maps
 * (whole words, prefixes, phrases) over a Unicode-aware word tokenizer, because it runs once per
 * imported record (a regex per topic was 5× slower on a 10⁶-entry import).
 */
import { type Product, type Topic, topicBit } from '../domain/events.js';

/** Keywords per topic, verbatim from AGGREGATIONS.md. `*` ends a prefix; spaces make a phrase. */
export const TOPIC_KEYWORDS: Readonly<Record<Exclude<Topic, 'OTHER'>, readonly string[]>> = {
  TECHNOLOGY: [
    'tech',
    'software',
    'hardware',
    'coding',
    'programming',
    'developer',
    'javascript',
    'typescript',
    'python',
    'react',
    'node',
    'api',
    'app',
    'mobile',
    'web',
    'ai',
    'machine learning',
    'ml',
    'data',
    'database',
    'cloud',
    'aws',
    'azure',
    'devops',
    'kubernetes',
    'docker',
    'linux',
  ],
  FINANCE: [
    'finance',
    'money',
    'invest*',
    'stock*',
    'crypto',
    'bitcoin',
    'ethereum',
    'trading',
    'market*',
    'economy',
    'business',
    'startup',
    'entrepreneur',
    'wealth',
    'financial',
    'bank*',
  ],
  POLITICS: [
    'politic*',
    'election*',
    'government',
    'president',
    'congress',
    'senate',
    'democrat*',
    'republican*',
    'policy',
    'vote',
    'campaign',
    'liberal',
    'conservative',
  ],
  ENTERTAINMENT: [
    'movie*',
    'film*',
    'tv',
    'show',
    'series',
    'netflix',
    'disney',
    'marvel',
    'actor',
    'actress',
    'celebrity',
    'drama',
    'comedy',
    'entertainment',
    'trailer',
  ],
  EDUCATION: [
    'learn*',
    'education',
    'tutorial',
    'course',
    'lesson',
    'teach*',
    'study',
    'university',
    'college',
    'school',
    'academic',
    'lecture',
    'explained',
  ],
  GAMING: [
    'game*',
    'gaming',
    'gamer',
    'playstation',
    'xbox',
    'nintendo',
    'steam',
    'esports',
    'minecraft',
    'fortnite',
    'valorant',
    'overwatch',
    'rpg',
    'fps',
    'speedrun',
  ],
  MUSIC: [
    'music',
    'song*',
    'album',
    'artist',
    'band',
    'concert',
    'spotify',
    'hip hop',
    'rap',
    'rock',
    'pop',
    'jazz',
    'classical',
    'dj',
    'remix',
    'lyrics',
    'official audio',
  ],
  SPORTS: [
    'sport*',
    'football',
    'basketball',
    'baseball',
    'soccer',
    'tennis',
    'golf',
    'nfl',
    'nba',
    'mlb',
    'fifa',
    'olympic*',
    'athlete',
    'championship',
    'highlights',
  ],
  NEWS: ['news', 'breaking', 'report', 'journalist', 'headline*', 'press', 'live coverage', 'current events'],
  SCIENCE: [
    'science',
    'physics',
    'chemistry',
    'biology',
    'research',
    'experiment',
    'discovery',
    'space',
    'nasa',
    'quantum',
    'evolution',
    'climate',
  ],
  COOKING: ['cook*', 'recipe*', 'food', 'meal', 'kitchen', 'chef', 'bak*', 'cuisine', 'restaurant', 'dish', 'ingredient*'],
  TRAVEL: [
    'travel*',
    'trip',
    'vacation',
    'tourist',
    'destination',
    'hotel',
    'flight',
    'adventure',
    'explore',
    'beach',
    'mountain*',
  ],
};

// A "word character" is any letter, combining mark, digit or connector (underscore): so
// `teché` is one word (no `tech` match) and `node.js` / `AI's` split at the punctuation.
const WORD_CHAR = /[\p{L}\p{M}\p{N}\p{Pc}]/u;
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0;
// Words of a phrase may be separated by any run of white space or hyphens, so `hip hop` also
// matches `Hip-Hop` and `hip  hop` (a user would expect that).
const PHRASE_GAP = /^[\s-]+$/;

// Keyword tables compiled once: whole words and prefixes by their text, phrases by first word.
const WHOLE = new Map<string, number>();
const PREFIX = new Map<string, number>();
const PHRASES = new Map<string, { words: string[]; bit: number }[]>();
for (const [topic, keywords] of Object.entries(TOPIC_KEYWORDS)) {
  const bit = topicBit(topic as Topic);
  for (const kw of keywords) {
    const words = kw.split(' ');
    if (words.length > 1) {
      const list = PHRASES.get(words[0] as string) ?? [];
      list.push({ words, bit });
      PHRASES.set(words[0] as string, list);
    } else if (kw.endsWith('*')) PREFIX.set(kw.slice(0, -1), (PREFIX.get(kw.slice(0, -1)) ?? 0) | bit);
    else WHOLE.set(kw, (WHOLE.get(kw) ?? 0) | bit);
  }
}
const PREFIX_LENGTHS = [...new Set([...PREFIX.keys()].map((k) => k.length))].sort((a, b) => a - b);

/** Word tokens of a lower-cased text with their positions (start inclusive, end exclusive). */
function tokenize(text: string, words: string[], starts: number[], ends: number[]): void {
  let start = -1;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let isWord: boolean;
    if (c < 128) isWord = ASCII_WORD[c] === 1;
    else {
      const cp = text.codePointAt(i) as number;
      isWord = WORD_CHAR.test(String.fromCodePoint(cp));
      if (cp > 0xffff) {
        if (isWord && start < 0) start = i;
        if (!isWord && start >= 0) {
          words.push(text.slice(start, i));
          starts.push(start);
          ends.push(i);
          start = -1;
        }
        i++;
        continue;
      }
    }
    if (isWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      words.push(text.slice(start, i));
      starts.push(start);
      ends.push(i);
      start = -1;
    }
  }
  if (start >= 0) {
    words.push(text.slice(start));
    starts.push(start);
    ends.push(n);
  }
}

const MUSIC_BIT = topicBit('MUSIC');
const OTHER_BIT = topicBit('OTHER');
const NON_ASCII = /\P{ASCII}/u;

/**
 * Topic bitmask (bits = TOPICS indexes) of a record: every topic with a keyword as a whole word
 * (case-insensitive, Unicode-aware) in `videoTitle + " " + channelTitle`; YOUTUBE_MUSIC always
 * adds MUSIC; OTHER when nothing matched. Never returns 0.
 */
export function deriveTopics(videoTitle: string, channelTitle: string | null, product: Product): number {
  let text = (channelTitle ? `${videoTitle} ${channelTitle}` : videoTitle).toLowerCase();
  // NFC so a decomposed accent (e + U+0301) and a precomposed one behave the same.
  if (NON_ASCII.test(text)) text = text.normalize('NFC');
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  tokenize(text, words, starts, ends);
  let mask = product === 'YOUTUBE_MUSIC' ? MUSIC_BIT : 0;
  for (let w = 0; w < words.length; w++) {
    const word = words[w] as string;
    mask |= WHOLE.get(word) ?? 0;
    for (const len of PREFIX_LENGTHS) {
      if (len > word.length) break;
      mask |= PREFIX.get(len === word.length ? word : word.slice(0, len)) ?? 0;
    }
    const phrases = PHRASES.get(word);
    if (phrases) {
      for (const p of phrases) {
        let ok = w + p.words.length <= words.length;
        for (let k = 1; ok && k < p.words.length; k++) {
          ok = words[w + k] === p.words[k] && PHRASE_GAP.test(text.slice(ends[w + k - 1], starts[w + k]));
        }
        if (ok) mask |= p.bit;
      }
    }
  }
  return mask === 0 ? OTHER_BIT : mask;
}
