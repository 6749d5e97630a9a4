/** A private redis-server on a free port for benchmarks (no persistence). */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

export async function startRedis(): Promise<{ url: string; admin: Redis; pid: number; stop: () => Promise<void> }> {
  const port = await new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  const admin = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: (n) => (n > 50 ? null : 100) });
  admin.on('error', () => {}); // expected while the server starts and stops
  // The server takes a moment to listen: ask until it answers (bounded by the retry strategy).
  for (let i = 0; ; i++) {
    try {
      await admin.ping();
      break;
    } catch (err) {
      if (i >= 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    admin,
    pid: child.pid as number,
    stop: async () => {
      admin.disconnect();
      child.kill('SIGCONT'); // a stopped server cannot act on SIGTERM
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    },
  };
}
