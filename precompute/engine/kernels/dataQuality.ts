import type { KernelContext } from '../context.js';
import type { DataQuality } from '../results/quality.js';
import { type ComboState, stateOf } from '../state/combo.js';

/** Catalogue #19 on a context: finishDataQuality of its statistics. */
export function dataQuality(ctx: KernelContext): DataQuality {
  return finishDataQuality(stateOf(ctx));
}

/**
 * Catalogue #19: counts over everything stored for the viewer and the change-log counters
 * (see engine/stored.ts), ignoring the filter entirely (its time zone too). A fresh copy, so
 * callers may not alter the engine's summary.
 */
export function finishDataQuality(state: ComboState): DataQuality {
  const s = state.table.stored;
  return {
    ...s,
    timestampFormats: s.timestampFormats.map((f) => ({ ...f })),
    timeZoneAbbreviations: s.timeZoneAbbreviations.map((a) => ({ ...a })),
  };
}
