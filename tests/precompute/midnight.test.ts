import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { localDayOf } from '../../domain/calendar.js';
import { createMidnightScheduler } from '../../precompute/midnight.js';
import { jobIdOf } from '../../precompute/queue.js';

const logger = pino({ level: 'silent' });

function fakeTimers() {
  const pending: { fn: () => void; ms: number }[] = [];
  return {
    pending,
    timers: {
      set: (fn: () => void, ms: number) => {
        const h = { fn, ms };
        pending.push(h);
        return h;
      },
      clear: (h: unknown) => {
        const i = pending.indexOf(h as { fn: () => void; ms: number });
        if (i >= 0) pending.splice(i, 1);
      },
    },
  };
}

describe('midnight refresh', () => {
  it('fires just after the viewer’s local midnight (DST day included) and queues a refresh for the new day', async () => {
    const clock = { t: Date.UTC(2024, 2, 30, 22, 59) }; // 23:59 CET; the night Paris springs forward
    const { pending, timers } = fakeTimers();
    const refreshed: [string, number][] = [];
    const viewer = { id: 'v', timeZone: 'Europe/Paris', dataVersion: 3 };
    const s = createMidnightScheduler({
      refresh: async (id, day) => {
        refreshed.push([id, day]);
      },
      getViewer: async () => viewer,
      logger,
      now: () => clock.t,
      timers,
    });
    s.watch(viewer);
    s.watch(viewer); // armed once
    expect(pending).toHaveLength(1);
    expect(pending[0]!.ms).toBe(60_000 + 1000);
    clock.t += pending[0]!.ms;
    pending.shift()!.fn();
    await new Promise((r) => setTimeout(r, 0));
    expect(refreshed).toEqual([['v', localDayOf('Europe/Paris', Date.UTC(2024, 2, 31, 12))]]);
    expect(pending).toHaveLength(1); // re-armed for the next night: 23 h day (DST) + 1 s
    expect(pending[0]!.ms).toBe(23 * 3_600_000);
    s.close();
    expect(pending).toHaveLength(0);
  });

  it('re-arms when the viewer’s zone changes', () => {
    const { pending, timers } = fakeTimers();
    const s = createMidnightScheduler({
      refresh: async () => {},
      getViewer: async (id) => ({ id, timeZone: 'UTC', dataVersion: 0 }),
      logger,
      now: () => Date.UTC(2024, 0, 1, 12),
      timers,
    });
    s.watch({ id: 'v', timeZone: 'UTC', dataVersion: 0 });
    s.watch({ id: 'v', timeZone: 'Asia/Tokyo', dataVersion: 0 });
    expect(pending).toHaveLength(1);
    expect(pending[0]!.ms).toBe(3 * 3_600_000 + 1000); // 12:00 UTC = 21:00 in Tokyo
  });

  it('a midnight job is not deduplicated against the ingest job of the same data version', () => {
    const job = { viewerId: 'v', dataVersion: 2, timeZone: 'UTC', shape: 's' };
    expect(jobIdOf(job)).not.toBe(jobIdOf({ ...job, refreshDay: 19_800 }));
  });
});
