import { describe, expect, it } from 'vitest';
import { BreakerOpenError, type BreakerState, CallTimeoutError, createBreaker } from '../../cache/breaker.js';

const fail = () => Promise.reject(new Error('down'));
const ok = () => Promise.resolve('ok');

describe('circuit breaker', () => {
  it('opens after consecutive failures, rejects at once while open, closes after a good trial', async () => {
    const clock = { t: 0 };
    const states: BreakerState[] = [];
    const b = createBreaker({
      name: 'redis',
      failureThreshold: 2,
      cooldownMs: 100,
      now: () => clock.t,
      onStateChange: (s) => states.push(s),
    });
    await expect(b.run(fail)).rejects.toThrow('down');
    expect(b.state).toBe('closed');
    await expect(b.run(fail)).rejects.toThrow('down');
    expect(b.state).toBe('open');
    let called = false;
    await expect(
      b.run(async () => {
        called = true;
        return 1;
      }),
    ).rejects.toBeInstanceOf(BreakerOpenError);
    expect(called).toBe(false);
    clock.t = 100;
    expect(b.state).toBe('half-open');
    await expect(b.run(ok)).resolves.toBe('ok');
    expect(b.state).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'closed']);
    expect(b.stats).toMatchObject({ failures: 2, opened: 1, rejected: 1 });
  });

  it('a failed trial opens it again for another cooldown', async () => {
    const clock = { t: 0 };
    const b = createBreaker({ name: 'r', failureThreshold: 1, cooldownMs: 100, now: () => clock.t });
    await expect(b.run(fail)).rejects.toThrow();
    clock.t = 150;
    await expect(b.run(fail)).rejects.toThrow('down');
    expect(b.state).toBe('open');
    clock.t = 200;
    await expect(b.run(ok)).rejects.toBeInstanceOf(BreakerOpenError);
    clock.t = 250;
    await expect(b.run(ok)).resolves.toBe('ok');
  });

  it('bounds every call: a hanging call fails with CallTimeoutError and counts as a failure', async () => {
    const b = createBreaker({ name: 'redis', failureThreshold: 1, timeoutMs: 20 });
    await expect(b.run(() => new Promise(() => {}))).rejects.toBeInstanceOf(CallTimeoutError);
    expect(b.state).toBe('open');
  });

  it('rejects nonsense options naming the module', () => {
    expect(() => createBreaker({ name: 'x', timeoutMs: -5 })).toThrow('[cache/breaker] expected timeoutMs > 0, got -5');
  });
});
