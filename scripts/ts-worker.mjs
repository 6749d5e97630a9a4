/**
 * Worker-thread bootstrap for running from TypeScript sources (tests, benchmarks): loads the
 * entry named in `workerData.entry` through tsx. The compiled build starts its `.js` entries
 * directly and never uses this file.
 */
import { workerData } from 'node:worker_threads';

const { tsImport } = await import('tsx/esm/api');
await tsImport(workerData.entry, import.meta.url);
