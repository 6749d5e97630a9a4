import { formatNumber, type NumberKind } from '../format.js';

/** A number as people read it, with the raw value in `data-value` (empty for null) for tests and scripts. */
export function Num({ value, kind = 'int' }: { value: number | null | undefined; kind?: NumberKind }) {
  return <span data-value={value === null || value === undefined ? '' : String(value)}>{formatNumber(value, kind)}</span>;
}
