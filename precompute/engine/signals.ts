/**
 * Signal phrases of topicSignals (catalogue #18): which families of phrases occur as
 * substrings of an event's text. Computed once per row when the table is built (the table
 * keeps no strings), with one Aho–Corasick pass over the text and no allocation: a million
 * titles cost a fraction of a second, where four regular expressions cost several times more.
 */

/** Signal families in bit order: bit i of a row's mask = SIGNALS[i] matched. */
export const SIGNALS = ['learning', 'longForm', 'intentional', 'algorithmic'] as const;
export type Signal = (typeof SIGNALS)[number];

/** The phrases of each family, lower case ASCII (AGGREGATIONS.md #18). */
export const SIGNAL_PHRASES: Readonly<Record<Signal, readonly string[]>> = {
  learning: ['tutorial', 'learn', 'course', 'explained', 'how to', 'guide', 'lesson', 'lecture', 'analysis', 'review'],
  longForm: ['full', 'complete', 'documentary', 'deep dive', 'in-depth', 'extended', 'lecture', 'masterclass', 'podcast'],
  intentional: ['tutorial', 'how to', 'guide', 'review', 'comparison', 'vs', 'explained', 'analysis'],
  algorithmic: ['trending', 'viral', '#shorts', 'shorts', 'reaction', 'compilation', 'tiktok', 'meme'],
};

const ASCII = 128;

/** Dense automaton over ASCII code units: next[state × 128 + c], and the family mask of every state. */
function buildAutomaton(): { next: Int32Array; out: Int32Array } {
  const children: Map<number, number>[] = [new Map()];
  const outs: number[] = [0];
  SIGNALS.forEach((signal, bit) => {
    for (const phrase of SIGNAL_PHRASES[signal]) {
      let s = 0;
      for (let i = 0; i < phrase.length; i++) {
        const c = phrase.charCodeAt(i);
        let t = children[s]?.get(c);
        if (t === undefined) {
          t = children.length;
          children.push(new Map());
          outs.push(0);
          children[s]?.set(c, t);
        }
        s = t;
      }
      outs[s] = (outs[s] as number) | (1 << bit);
    }
  });
  // Breadth-first: a state's transitions and output extend those of its longest proper suffix.
  const next = new Int32Array(children.length * ASCII);
  const out = Int32Array.from(outs);
  const fail = new Int32Array(children.length);
  for (const [c, t] of children[0] as Map<number, number>) next[c] = t;
  const queue = [...(children[0] as Map<number, number>).values()];
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q] as number;
    out[s] = (out[s] as number) | (out[fail[s] as number] as number);
    for (let c = 0; c < ASCII; c++) {
      const t = children[s]?.get(c);
      const viaFail = next[(fail[s] as number) * ASCII + c] as number;
      if (t === undefined) {
        next[s * ASCII + c] = viaFail;
      } else {
        next[s * ASCII + c] = t;
        fail[t] = viaFail;
        queue.push(t);
      }
    }
  }
  return { next, out };
}

const { next: NEXT, out: OUT } = buildAutomaton();

/** Runs the automaton over `text` from `state`; returns mask | (end state << 8). */
function scan(text: string, state: number, mask: number): number {
  let s = state;
  let m = mask;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    else if (c >= ASCII) {
      s = 0; // no phrase contains a non-ASCII character
      continue;
    }
    s = NEXT[s * ASCII + c] as number;
    m |= OUT[s] as number;
  }
  return m | (s << 8);
}

/**
 * Mask (bit i = SIGNALS[i]) of the phrases occurring in `videoTitle + " " + channelTitle`
 * (the title alone without a channel title, as topic derivation does), ignoring the case of
 * ASCII letters: "HOW TO" matches "how to"; a phrase may span the title and the channel title.
 */
export function signalMask(videoTitle: string, channelTitle: string | null): number {
  let r = scan(videoTitle, 0, 0);
  if (channelTitle) {
    r = scan(' ', r >>> 8, r & 0xff);
    r = scan(channelTitle, r >>> 8, r & 0xff);
  }
  return r & 0xff;
}
