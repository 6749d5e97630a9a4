/**
 * A circuit breaker with a per-call time bound, for calls to a shared service (Redis) that
 * may be down, slow or restarting. Closed: calls pass; after `failureThreshold` consecutive
 * failures (errors or time-outs) it opens: calls fail at once for `cooldownMs`; then one
 * trial call is let through (half-open): success closes it, failure opens it again.
 */

export type BreakerState = 'closed' | 'open' | 'half-open';

export class BreakerOpenError extends Error {
  constructor(name: string) {
    super(`[cache/breaker] ${name} circuit is open`);
    this.name = 'BreakerOpenError';
  }
}

export class CallTimeoutError extends Error {
  constructor(name: string, ms: number) {
    super(`[cache/breaker] ${name} call took longer than ${ms} ms`);
    this.name = 'CallTimeoutError';
  }
}

export interface BreakerOptions {
  name: string;
  /** Consecutive failures that open the circuit; default 3. */
  failureThreshold?: number;
  /** How long the circuit stays open before a trial call; default 1000 ms. */
  cooldownMs?: number;
  /** Bound on each call; default 100 ms. */
  timeoutMs?: number;
  now?: () => number;
  onStateChange?: (state: BreakerState) => void;
}

export interface Breaker {
  readonly name: string;
  readonly state: BreakerState;
  /** Runs `fn` under the breaker: BreakerOpenError when open, CallTimeoutError past the bound. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  readonly stats: { failures: number; opened: number; rejected: number };
}

export function createBreaker(options: BreakerOptions): Breaker {
  const failureThreshold = options.failureThreshold ?? 3;
  const cooldownMs = options.cooldownMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 100;
  if (!(timeoutMs > 0)) throw new Error(`[cache/breaker] expected timeoutMs > 0, got ${timeoutMs}`);
  if (!(failureThreshold >= 1)) throw new Error(`[cache/breaker] expected failureThreshold >= 1, got ${failureThreshold}`);
  const now = options.now ?? Date.now;
  let state: BreakerState = 'closed';
  let consecutive = 0;
  let openedAt = 0;
  let trialInFlight = false;
  const stats = { failures: 0, opened: 0, rejected: 0 };

  const setState = (next: BreakerState) => {
    if (next === state) return;
    state = next;
    options.onStateChange?.(next);
  };

  const withTimeout = <T>(p: Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new CallTimeoutError(options.name, timeoutMs)), timeoutMs);
      p.then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e);
        },
      );
    });

  return {
    name: options.name,
    stats,
    get state() {
      if (state === 'open' && now() - openedAt >= cooldownMs) return 'half-open';
      return state;
    },
    async run(fn) {
      if (state === 'open') {
        if (now() - openedAt < cooldownMs || trialInFlight) {
          stats.rejected++;
          throw new BreakerOpenError(options.name);
        }
        setState('half-open');
      }
      if (state === 'half-open') {
        if (trialInFlight) {
          stats.rejected++;
          throw new BreakerOpenError(options.name);
        }
        trialInFlight = true;
      }
      try {
        const value = await withTimeout(fn());
        consecutive = 0;
        setState('closed');
        return value;
      } catch (err) {
        stats.failures++;
        consecutive++;
        if (state === 'half-open' || consecutive >= failureThreshold) {
          if (state !== 'open') stats.opened++;
          openedAt = now();
          setState('open');
        }
        throw err;
      } finally {
        trialInFlight = false;
      }
    },
  };
}
