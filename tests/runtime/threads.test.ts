/** Background threads run at a lower CPU priority than the serving thread (Linux). */
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICENESS, startThread } from '../../runtime/threads.js';
import type { NiceOps } from './fixtures/nice-thread.js';

const niceOf = async (background: boolean): Promise<number> => {
  const t = startThread<NiceOps>(new URL('./fixtures/nice-thread.ts', import.meta.url), { background }, { name: 'nice' });
  try {
    return await t.call('nice', {});
  } finally {
    await t.close();
  }
};

describe.runIf(process.platform === 'linux')('thread priority', () => {
  it('lowers a background thread alone: a plain thread keeps the process priority', async () => {
    const base = Number((await import('node:fs')).readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ')[16]);
    expect(await niceOf(false)).toBe(base);
    expect(await niceOf(true)).toBe(Math.min(19, Math.max(base, BACKGROUND_NICENESS)));
  });
});
