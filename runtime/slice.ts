/**
 * Cooperative time slices for work done on a serving event loop in many small steps (handling
 * a batch of computed entries, reading entries to judge them): the loop gets a turn — timers,
 * sockets, signals — at least every `ms`, so no run of such steps holds it longer.
 */

/** One turn of the event loop (after pending I/O callbacks). */
export const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A slice clock: `await slice()` between steps yields a turn once `ms` (default 4) have passed
 * since the last one, and costs a clock read otherwise.
 */
export function timeSlice(ms = 4): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < ms) return undefined;
    return nextTurn().then(() => {
      since = performance.now();
    });
  };
}
