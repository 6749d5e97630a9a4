import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../domain/events.js';
import { buildTable, buildTableFromPages } from '../../precompute/engine/table.js';
import { makeEvent } from '../store/contract.js';

async function* pagesOf(events: readonly WatchEvent[], cuts: readonly number[]) {
  let from = 0;
  for (const c of [...cuts, events.length]) {
    const to = Math.min(Math.max(c, from), events.length);
    yield events.slice(from, to);
    from = to;
  }
}

const sortLikeStore = (events: WatchEvent[]) =>
  [...events].sort((a, b) =>
    a.watchedAt === null || b.watchedAt === null
      ? (a.watchedAt === null ? 0 : 1) - (b.watchedAt === null ? 0 : 1) || (a.id < b.id ? -1 : 1)
      : a.watchedAt - b.watchedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );

describe('table from pages', () => {
  it('equals the table built from the whole array, for any page split', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            minute: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
            channel: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
            kind: fc.constantFrom('WATCHED', 'WATCHED', 'VIEWED', 'VISITED'),
            isAd: fc.boolean(),
          }),
          { maxLength: 60 },
        ),
        fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 8 }),
        async (specs, cuts) => {
          const events = sortLikeStore(
            specs.map((s, i) =>
              makeEvent(i, {
                watchedAt: s.minute === null ? null : Date.UTC(2024, 0, 1) + s.minute * 60_000,
                channelKey: s.channel === null ? null : `UC${s.channel}`,
                channelTitle: s.channel === null ? null : `Channel ${s.channel} v${i}`,
                kind: s.kind as WatchEvent['kind'],
                isAd: s.isAd,
              }),
            ),
          );
          const whole = buildTable(events);
          const paged = await buildTableFromPages(
            pagesOf(
              events,
              [...cuts].sort((a, b) => a - b),
            ),
          );
          const { channels: wc, ...wRest } = whole;
          const { channels: pc, ...pRest } = paged;
          expect(pRest).toEqual(wRest);
          expect([pc.keys, pc.titles, pc.urls]).toEqual([wc.keys, wc.titles, wc.urls]);
        },
      ),
    );
  });

  it('rejects pages out of (watchedAt, id) order instead of building a wrong table', async () => {
    const a = makeEvent(1, { watchedAt: 2000 });
    const b = makeEvent(2, { watchedAt: 1000 });
    await expect(buildTableFromPages(pagesOf([a, b], [1]))).rejects.toThrow(/pages must be in \(watchedAt, id\) order/);
  });
});
