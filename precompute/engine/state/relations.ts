/**
 * RelationCounts: the sessions shared by each pair of a channelRelationships pool (the 200
 * channels with most videos), kept up to date by the SessionStats they belong to as sessions
 * are removed, re-formed or joined — so after an append the relationships are finished from
 * these counts instead of a pass over every session's rows. Valid for their own pool only: a
 * finisher whose pool is another set of channels counts afresh (kernels/channelRelationships.ts).
 */

export class RelationCounts {
  readonly p: number;
  private readonly slots = new Map<number, number>();

  /**
   * `pool`: dictionary indices (slot i = pool[i]); `shared[i × p + j]` (i < j): sessions with
   * both; `topicMask[i]`: topics of the slot's filtered videos.
   */
  constructor(
    readonly pool: readonly number[],
    readonly shared: Int32Array,
    readonly topicMask: Int32Array,
  ) {
    this.p = pool.length;
    for (let i = 0; i < pool.length; i++) this.slots.set(pool[i] as number, i);
  }

  /** True when `pool` is the same set of channels (in any order). */
  holds(pool: readonly number[]): boolean {
    return pool.length === this.p && pool.every((c) => this.slots.has(c));
  }

  /** A session whose distinct channels are `channels` was added (sign 1) or removed (−1). */
  session(channels: readonly number[], sign: number): void {
    const members: number[] = [];
    for (const c of channels) {
      const i = this.slots.get(c);
      if (i !== undefined) members.push(i);
    }
    const p = this.p;
    for (let x = 0; x < members.length; x++) {
      const i = members[x] as number;
      for (let y = x + 1; y < members.length; y++) {
        const j = members[y] as number;
        const cell = i < j ? i * p + j : j * p + i;
        this.shared[cell] = (this.shared[cell] as number) + sign;
      }
    }
  }

  /** Channel `c` joined a session whose other channels are `others` (it was not in it before). */
  joined(c: number, others: Iterable<number>): void {
    const i = this.slots.get(c);
    if (i === undefined) return;
    const p = this.p;
    for (const o of others) {
      const j = this.slots.get(o);
      if (j === undefined || j === i) continue;
      const cell = i < j ? i * p + j : j * p + i;
      this.shared[cell] = (this.shared[cell] as number) + 1;
    }
  }

  /** A filtered video of channel `c` with topic bits `topics` was added. */
  row(c: number, topics: number): void {
    const i = this.slots.get(c);
    if (i !== undefined) this.topicMask[i] = (this.topicMask[i] as number) | topics;
  }

  get bytes(): number {
    return this.shared.byteLength + this.topicMask.byteLength + this.p * 64;
  }
}
