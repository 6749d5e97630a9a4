/**
 * What the demo viewer watches: invented channels with Zipf popularity, home topics, a
 * discovery date and occasional renames, and the titles of their videos.
 */
import { type Rng, randomId, WeightedIndex, zipfWeights } from './random.js';
import {
  ADJECTIVES,
  ANIMALS,
  CHANNEL_SUFFIXES,
  HOME_TOPIC_WEIGHTS,
  type HomeTopic,
  isNeutral,
  NEUTRAL_TEMPLATES,
  ROLES,
  SONG_WORDS,
  SYLLABLES,
  THINGS,
  TOPIC_TEMPLATES,
  TOPIC_TRIGGERS,
} from './words.js';

const HOME_TOPICS = Object.keys(TOPIC_TRIGGERS) as HomeTopic[];
const HOME_TOPIC_SAMPLER = new WeightedIndex(HOME_TOPICS.map((t) => HOME_TOPIC_WEIGHTS[t]));

/** One invented channel. `topics` is empty for a channel of neutral (OTHER) videos. */
export interface DemoChannel {
  /** `https://www.youtube.com/channel/UC…`, or null for a title-only channel. */
  url: string | null;
  title: string;
  /** Title from `renameAtMs` on (the channel renamed itself), else null. */
  renamedTitle: string | null;
  renameAtMs: number;
  topics: HomeTopic[];
  /** A music artist: YouTube Music plays come from these. */
  artist: boolean;
  /** Before this instant the viewer does not know the channel yet. */
  discoveredAtMs: number;
  videoIds: string[];
  videoTitles: string[];
}

/** A video of a channel: reused id and title on a rewatch. */
export interface DemoVideo {
  id: string;
  title: string;
}

/** Channel count for a history of `count` entries: a few hundred at 10⁴–10⁵, scaling with √count. */
export const channelCountFor = (count: number): number => Math.max(12, Math.min(5000, Math.round(3 * Math.sqrt(count))));

/** The channel population and its samplers. */
export class Catalog {
  readonly channels: DemoChannel[] = [];
  private readonly popularity: WeightedIndex;
  private readonly artists: number[] = [];
  private readonly artistPopularity: WeightedIndex;
  private readonly usedTitles = new Set<string>();

  constructor(
    private readonly rng: Rng,
    nChannels: number,
    spanStartMs: number,
    endMs: number,
  ) {
    const span = endMs - spanStartMs;
    // The twelve most popular channels cover the twelve home topics, so every topic shows up.
    const firstTopics = [...HOME_TOPICS];
    for (let i = firstTopics.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [firstTopics[i], firstTopics[j]] = [firstTopics[j] as HomeTopic, firstTopics[i] as HomeTopic];
    }
    for (let r = 0; r < nChannels; r++) {
      let topics: HomeTopic[];
      let artist = false;
      const roll = rng.next();
      if (r < firstTopics.length) topics = [firstTopics[r] as HomeTopic];
      else if (roll < 0.1) {
        artist = true;
        topics = ['MUSIC'];
      } else if (roll < 0.22) topics = [];
      else topics = [HOME_TOPICS[HOME_TOPIC_SAMPLER.sample(rng)] as HomeTopic];
      if (topics.length === 1 && !artist && rng.chance(0.4)) {
        const second = HOME_TOPICS[HOME_TOPIC_SAMPLER.sample(rng)] as HomeTopic;
        if (second !== topics[0]) topics.push(second);
      }
      if (artist) this.artists.push(r);
      // Popular channels were found early; the long tail keeps arriving over the years.
      const discovered = spanStartMs + span * rng.next() * Math.min(0.95, 0.1 + (1.5 * r) / nChannels);
      const renamed = rng.chance(0.04);
      this.channels.push({
        // Title-only channels are an export quirk: keep them out of the head of the distribution.
        url: r >= firstTopics.length && rng.chance(0.06) ? null : `https://www.youtube.com/channel/UC${randomId(rng, 22)}`,
        title: this.channelTitle(topics, artist),
        renamedTitle: renamed ? this.channelTitle(topics, artist) : null,
        renameAtMs: renamed ? discovered + rng.next() * (endMs - discovered) : Number.POSITIVE_INFINITY,
        topics,
        artist,
        discoveredAtMs: discovered,
        videoIds: [],
        videoTitles: [],
      });
    }
    if (this.artists.length === 0) {
      const last = this.channels[nChannels - 1] as DemoChannel;
      last.artist = true;
      last.topics = ['MUSIC'];
      this.artists.push(nChannels - 1);
    }
    this.popularity = new WeightedIndex(zipfWeights(nChannels, 1.2));
    this.artistPopularity = new WeightedIndex(zipfWeights(this.artists.length, 1.1));
  }

  /** A channel index by popularity, preferring channels already discovered at `t`. */
  pickChannel(t: number): number {
    let c = 0;
    for (let attempt = 0; attempt < 4; attempt++) {
      c = this.popularity.sample(this.rng);
      if ((this.channels[c] as DemoChannel).discoveredAtMs <= t) return c;
    }
    return c;
  }

  /** An artist channel index by popularity (for YouTube Music plays). */
  pickArtist(): number {
    return this.artists[this.artistPopularity.sample(this.rng)] as number;
  }

  /** Channel URL, or null for a title-only channel. */
  urlOf(c: number): string | null {
    return (this.channels[c] as DemoChannel).url;
  }

  /** Channel title in effect at instant `t`. */
  titleAt(c: number, t: number): string {
    const ch = this.channels[c] as DemoChannel;
    return t >= ch.renameAtMs && ch.renamedTitle !== null ? ch.renamedTitle : ch.title;
  }

  /** A video of channel `c`: sometimes a rewatch (never when `fresh`), else a new one with a new id and title. */
  video(c: number, music: boolean, fresh = false): DemoVideo {
    const ch = this.channels[c] as DemoChannel;
    const n = ch.videoIds.length;
    if (n > 0 && !fresh && this.rng.chance(music ? 0.3 : 0.08)) {
      const k = this.rng.int(0, n - 1);
      return { id: ch.videoIds[k] as string, title: ch.videoTitles[k] as string };
    }
    const id = randomId(this.rng, 11);
    const title = music ? this.songTitle() : this.videoTitle(ch);
    ch.videoIds.push(id);
    ch.videoTitles.push(title);
    return { id, title };
  }

  /** A trigger word of a random topic (for titles outside a channel's home topics). */
  anyTrigger(): string {
    return this.rng.pick(TOPIC_TRIGGERS[HOME_TOPICS[HOME_TOPIC_SAMPLER.sample(this.rng)] as HomeTopic]);
  }

  /** An invented capitalised word of 2–3 syllables that triggers no topic. */
  inventedName(): string {
    for (;;) {
      const parts = this.rng.int(2, 3);
      let w = '';
      for (let i = 0; i < parts; i++) w += this.rng.pick(SYLLABLES);
      const name = w[0]?.toUpperCase() + w.slice(1);
      if (isNeutral(name)) return name;
    }
  }

  private channelTitle(topics: readonly HomeTopic[], artist: boolean): string {
    for (;;) {
      let title: string;
      const home = topics[0];
      if (artist) title = this.rng.chance(0.3) ? `${this.inventedName()} - Topic` : this.inventedName();
      else if (home && this.rng.chance(0.45)) title = `${this.inventedName()} ${capitalise(this.rng.pick(TOPIC_TRIGGERS[home]))}`;
      else if (this.rng.chance(0.3)) title = `${this.inventedName()} ${this.inventedName()}`;
      else title = `${this.rng.chance(0.2) ? 'The ' : ''}${this.inventedName()} ${this.rng.pick(CHANNEL_SUFFIXES)}`;
      if (!this.usedTitles.has(title.toLowerCase())) {
        this.usedTitles.add(title.toLowerCase());
        return title;
      }
    }
  }

  private videoTitle(ch: DemoChannel): string {
    const rng = this.rng;
    if (ch.artist) {
      const name = ch.title.replace(/ - Topic$/, '');
      const suffix = rng.pick([
        '(Official Audio)',
        '(Lyrics)',
        '(Live concert)',
        '(Remix)',
        '- band rehearsal',
        '(Jazz version)',
      ]);
      return `${name} - ${this.songTitle()} ${suffix}`;
    }
    const roll = rng.next();
    let topic: HomeTopic | undefined;
    if (ch.topics.length === 0) topic = roll < 0.08 ? (HOME_TOPICS[HOME_TOPIC_SAMPLER.sample(rng)] as HomeTopic) : undefined;
    else if (roll < 0.7) topic = ch.topics[0];
    else if (roll < 0.88) topic = ch.topics[ch.topics.length - 1];
    if (topic === undefined) return fill(rng, rng.pick(NEUTRAL_PARTS), '');
    return fill(rng, rng.pick(TOPIC_PARTS), topic);
  }

  private songTitle(): string {
    const t = `${this.rng.pick(SONG_WORDS)} ${this.rng.pick(SONG_WORDS)}`;
    return this.rng.chance(0.15) ? `${t} (feat. ${this.inventedName()})` : t;
  }
}

// Templates split once into literal text and `$slot` parts: titles are built per video, a million times in benchmarks.
const SLOT = /(\$(?:k2|K|k|a|n|t|r|x))/;
const TOPIC_PARTS = TOPIC_TEMPLATES.map((t) => t.split(SLOT));
const NEUTRAL_PARTS = NEUTRAL_TEMPLATES.map((t) => t.split(SLOT));

/** Fills a split template; `$k`/`$K`/`$k2` draw triggers of `topic` (unused by neutral templates). */
function fill(rng: Rng, parts: readonly string[], topic: HomeTopic | ''): string {
  const triggers = topic === '' ? [] : TOPIC_TRIGGERS[topic];
  const k = topic === '' ? '' : rng.pick(triggers);
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if ((i & 1) === 0) {
      out += part;
      continue;
    }
    switch (part) {
      case '$K':
        out += capitalise(k);
        break;
      case '$k':
        out += k;
        break;
      case '$k2':
        out += rng.pick(triggers);
        break;
      case '$a':
        out += rng.pick(ADJECTIVES);
        break;
      case '$t':
        out += rng.pick(THINGS);
        break;
      case '$r':
        out += rng.pick(ROLES);
        break;
      case '$x':
        out += rng.pick(ANIMALS);
        break;
      default:
        out += String(rng.int(2, 50));
    }
  }
  return out;
}

const capitalise = (s: string): string => (s.length > 0 ? (s[0] as string).toUpperCase() + s.slice(1) : s);
