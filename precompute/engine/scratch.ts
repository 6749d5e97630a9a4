/**
 * A from-scratch computation in bounded steps, for background verification (shadow checks):
 * the context's zone columns, selections, statistics (in slices of rows), sessions and base
 * statistics, then the kernel. It yields between steps, so its caller can pause it when other
 * work arrives and resume it later; the result is the kernel's on a plain context, the same as
 * computing it in one go.
 */
import type { KernelContext } from './context.js';
import { CORE_MEMO, stateOf } from './state/combo.js';
import { CoreStats } from './state/core.js';

export function* fromScratch<R>(ctx: KernelContext, kernel: (ctx: KernelContext) => R): Generator<void, R> {
  void ctx.zone;
  yield;
  ctx.selection();
  yield;
  ctx.baseSelection();
  yield;
  if (!ctx.has(CORE_MEMO)) {
    const core = yield* CoreStats.building(ctx.table, ctx.zone, ctx.selection());
    ctx.memo(CORE_MEMO, () => core);
    yield;
  }
  stateOf(ctx).sessions();
  yield;
  stateOf(ctx).base();
  yield;
  return kernel(ctx);
}
