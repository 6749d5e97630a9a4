/**
 * An engine thread: holds viewers' engine state (EngineService) and computes aggregation
 * entries, reading the store through its own connection, so neither loading a history nor
 * computing ever runs on a serving event loop.
 */
import { serveThread, threadData } from '../runtime/threads.js';
import { openStoreReader, type StoreSpec } from '../store/spec.js';
import { type ComputeAnswer, type ComputeBatch, EngineService, type EngineServiceStats } from './engine-service.js';

/** Every operation of an engine thread. */
export interface EngineOps {
  compute: { args: ComputeBatch; result: ComputeAnswer };
  stats: { args: Record<string, never>; result: EngineServiceStats };
  forget: { args: { viewerId: string }; result: undefined };
}

export interface EngineThreadData {
  store: StoreSpec;
  maxBytes?: number;
  shadowRate?: number;
  /** Test hooks (EngineServiceOptions.spinMsPerBatch, spinPriority). */
  spinMsPerBatch?: number;
  spinPriority?: 'interactive' | 'background';
}

const data = threadData<EngineThreadData>();
const service = new EngineService({
  store: openStoreReader(data.store),
  maxBytes: data.maxBytes,
  shadowRate: data.shadowRate,
  spinMsPerBatch: data.spinMsPerBatch,
  spinPriority: data.spinPriority,
});

serveThread<EngineOps>(
  {
    compute: (batch) => service.compute(batch),
    stats: () => service.stats,
    forget: ({ viewerId }) => service.forget(viewerId),
  },
  { concurrent: true, background: true },
);
