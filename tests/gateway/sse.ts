/** Reads a GraphQL-over-SSE response (Yoga's distinct-connections mode) event by event. */
import type { ExecutionResult } from 'graphql';

export interface SseReader {
  /** The next `next` event's payload, or `'complete'` when the stream completed or closed; rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<ExecutionResult | 'complete'>;
  /** Cancels the stream (the client goes away). */
  cancel(): Promise<void>;
}

export function readSse(response: Response): SseReader {
  if (!response.body) throw new Error('[tests/sse] response has no body');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const events: (ExecutionResult | 'complete')[] = [];
  const pump = async (): Promise<void> => {
    const { done, value } = await reader.read();
    if (done) {
      events.push('complete');
      return;
    }
    buffer += value;
    for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      const lines = block.split('\n');
      const event = lines
        .find((l) => l.startsWith('event:'))
        ?.slice(6)
        .trim();
      const data = lines
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trimStart())
        .join('\n');
      if (event === 'next') events.push(JSON.parse(data) as ExecutionResult);
      else if (event === 'complete') events.push('complete');
    }
  };
  return {
    async next(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length === 0) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`[tests/sse] no event within ${timeoutMs} ms`);
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<'timeout'>((r) => {
          timer = setTimeout(() => r('timeout'), left);
        });
        const r = await Promise.race([pump().then(() => 'ok' as const), timeout]);
        clearTimeout(timer);
        if (r === 'timeout') throw new Error(`[tests/sse] no event within ${timeoutMs} ms`);
      }
      return events.shift() as ExecutionResult | 'complete';
    },
    cancel: () => reader.cancel().catch(() => undefined),
  };
}
