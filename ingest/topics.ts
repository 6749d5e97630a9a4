/**
 * Topic derivation (../shared/AGGREGATIONS.md "Topics"): keyword tables compiled once into one
 * Unicode-aware regex per topic, because it runs once per imported record.
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
const WORD = '[\\p{L}\\p{M}\\p{N}\\p{Pc}]';
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One keyword as a regex fragment. Words of a phrase are separated by any run of white space
 * or hyphens, so `hip hop` also matches `Hip-Hop` and `hip  hop` (a user would expect that).
 */
function keywordSource(keyword: string): string {
  const prefix = keyword.endsWith('*');
  const words = (prefix ? keyword.slice(0, -1) : keyword).split(' ').map(escapeRe);
  // A prefix only needs a boundary before it; a whole word needs one on both sides.
  return words.join('[\\s\\-]+') + (prefix ? '' : `(?!${WORD})`);
}

const COMPILED: readonly { bit: number; re: RegExp }[] = Object.entries(TOPIC_KEYWORDS).map(([topic, keywords]) => ({
  bit: topicBit(topic as Topic),
  re: new RegExp(`(?<!${WORD})(?:${keywords.map(keywordSource).join('|')})`, 'iu'),
}));

const MUSIC_BIT = topicBit('MUSIC');
const OTHER_BIT = topicBit('OTHER');

/**
 * Topic bitmask (bits = TOPICS indexes) of a record: every topic with a keyword as a whole word
 * (case-insensitive, Unicode-aware) in `videoTitle + " " + channelTitle`; YOUTUBE_MUSIC always
 * adds MUSIC; OTHER when nothing matched. Never returns 0.
 */
export function deriveTopics(videoTitle: string, channelTitle: string | null, product: Product): number {
  // NFC so a decomposed accent (e + U+0301) and a precomposed one behave the same.
  const text = (channelTitle ? `${videoTitle} ${channelTitle}` : videoTitle).normalize('NFC');
  let mask = product === 'YOUTUBE_MUSIC' ? MUSIC_BIT : 0;
  for (const { bit, re } of COMPILED) if ((mask & bit) === 0 && re.test(text)) mask |= bit;
  return mask === 0 ? OTHER_BIT : mask;
}
