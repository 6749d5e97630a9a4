import type { KernelContext } from '../context.js';
import type { DataQuality } from '../results/quality.js';

/**
 * Catalogue #19: counts over everything stored for the viewer and the change-log counters
 * (see engine/stored.ts), ignoring the filter entirely (its time zone too). A fresh copy, so
 * callers may not alter the engine's summary.
 */
export function dataQuality(ctx: KernelContext): DataQuality {
  const s = ctx.table.stored;
  return {
    ...s,
    timestampFormats: s.timestampFormats.map((f) => ({ ...f })),
    timeZoneAbbreviations: s.timeZoneAbbreviations.map((a) => ({ ...a })),
  };
}
