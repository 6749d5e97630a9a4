/** Cooperative slices: a long run of small synchronous steps lets timers (requests, signals) in. */
import { describe, expect, it } from 'vitest';
import { timeSlice } from '../../runtime/slice.js';

const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // a synchronous step
  }
};

describe('timeSlice', () => {
  it('yields a turn of the event loop once its slice is used, so a due timer runs mid-way', async () => {
    const slice = timeSlice(4);
    let firedAfterStep = -1;
    let step = 0;
    setTimeout(() => {
      firedAfterStep = step;
    }, 1);
    for (; step < 40; step++) {
      spin(1);
      await slice();
    }
    expect(firedAfterStep).toBeGreaterThanOrEqual(0);
    expect(firedAfterStep).toBeLessThan(20);
  });

  it('does not yield while the slice lasts', async () => {
    const slice = timeSlice(60_000);
    let fired = false;
    setImmediate(() => {
      fired = true;
    });
    for (let i = 0; i < 5; i++) await slice();
    expect(fired).toBe(false);
  });
});
