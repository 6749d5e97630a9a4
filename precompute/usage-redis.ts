/**
 * Usage counters shared by every gateway, in one Redis sorted set per viewer. Forward decay:
 * a request at time t adds 2^((t − EPOCH) / halfLife), so scores only grow, ZINCRBY adds them
 * up, the set's order is the decayed ranking, and the decayed count at time T is
 * score × 2^(−(T − EPOCH) / halfLife). With a 7-day half-life the scores stay finite for
 * ~19 years after EPOCH (2^1023); `ZREMRANGEBYRANK` keeps the hottest `maxCombos`.
 */
import type { Redis } from 'ioredis';
import type { Breaker } from '../cache/breaker.js';
import type { UsageMirror } from './usage.js';

export const USAGE_EPOCH = Date.UTC(2024, 0, 1);

const zsetKey = (viewerId: string) => `wg:{${viewerId}}:usage`;
const metaKey = (viewerId: string) => `wg:{${viewerId}}:usage:meta`;

/**
 * The sorted-set member of a combo: the aggregation and the combo key (filter key and params),
 * since one filter serves many aggregations and each is counted on its own, as in the store.
 */
const memberOf = (aggregation: string, comboKey: string) => `${aggregation}\u0000${comboKey}`;

export function createRedisUsageMirror(options: { redis: Redis; breaker: Breaker; maxCombos?: number }): UsageMirror {
  const { redis, breaker } = options;
  const maxCombos = options.maxCombos ?? 1000;
  return {
    async push(entries, halfLifeMs) {
      if (entries.length === 0) return;
      const pipeline = redis.pipeline();
      const viewers = new Set<string>();
      for (const e of entries) {
        viewers.add(e.viewerId);
        const member = memberOf(e.spec.aggregation, e.comboKey);
        pipeline.zincrby(zsetKey(e.viewerId), e.count * 2 ** ((e.at - USAGE_EPOCH) / halfLifeMs), member);
        pipeline.hset(
          metaKey(e.viewerId),
          member,
          JSON.stringify({ spec: e.spec, computeMillis: e.computeMillis, bytes: e.bytes }),
        );
      }
      for (const v of viewers) pipeline.zremrangebyrank(zsetKey(v), 0, -(maxCombos + 1));
      await breaker.run(() => pipeline.exec());
    },
    async rows(viewerId, at, halfLifeMs) {
      const [ranked, meta] = await breaker.run(() =>
        Promise.all([redis.zrevrange(zsetKey(viewerId), 0, maxCombos - 1, 'WITHSCORES'), redis.hgetall(metaKey(viewerId))]),
      );
      const scale = 2 ** (-(at - USAGE_EPOCH) / halfLifeMs);
      const rows = [];
      for (let i = 0; i + 1 < ranked.length; i += 2) {
        const member = ranked[i] as string;
        const m = meta[member];
        if (!m) continue;
        const comboKey = member.slice(member.indexOf('\u0000') + 1);
        const { spec, computeMillis, bytes } = JSON.parse(m) as { spec: never; computeMillis: number; bytes: number };
        rows.push({ comboKey, spec, score: Number(ranked[i + 1]) * scale, computeMillis, bytes });
      }
      return rows;
    },
  };
}
