/**
 * Waiting with a bound: what every path that may talk to something slow (Redis, a queue, the
 * store, a computation) uses, so that "bounded in time" is one mechanism. The operation itself
 * is not cancelled; only the wait ends. Timers never keep the process alive.
 */

/** The error of a wait that ran out; `what` names the operation. */
export class DeadlineError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} took more than ${ms} ms`);
    this.name = 'DeadlineError';
  }
}

/** `p`'s value or error, or `onTimeout()` once `ms` have passed. */
function race<T, U>(p: Promise<T>, ms: number, onTimeout: () => U | Promise<U>): Promise<T | U> {
  return new Promise<T | U>((resolve, reject) => {
    const timer = setTimeout(() => {
      Promise.resolve().then(onTimeout).then(resolve, reject);
    }, ms);
    timer.unref?.();
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/** `p`, or a DeadlineError after `ms`. */
export const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  race(p, ms, () => Promise.reject(new DeadlineError(what, ms))) as Promise<T>;

/** `p`'s value, or null after `ms`; `p`'s own error is passed on. */
export const valueWithin = <T>(p: Promise<T>, ms: number): Promise<T | null> => race(p, ms, () => null);

/** Resolves when `p` settles (value or error, both ignored) or after `ms`, whichever is first. */
export const settleWithin = (p: Promise<unknown>, ms: number): Promise<void> =>
  race(
    p.then(
      () => undefined,
      () => undefined,
    ),
    ms,
    () => undefined,
  );
