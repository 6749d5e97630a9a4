/** Compiles the non-time part of a canonical filter into a selection of table rows. */
import { PRODUCTS, topicBit } from '../../domain/events.js';
import type { CanonicalFilter } from '../../domain/filter.js';
import { type EventTable, NO_CHANNEL } from './table.js';

/**
 * Rows (ascending) matching product, topics (any-of), channels (any-of; rows without a
 * channel never match a channel filter; unknown keys match nothing) and includeAds.
 */
export function selectNonTime(table: EventTable, filter: CanonicalFilter): Uint32Array {
  const n = table.length;
  const skipAds = !filter.includeAds;
  const product = filter.product === 'ALL' ? -1 : PRODUCTS.indexOf(filter.product);
  let topicMask = 0;
  for (const t of filter.topics) topicMask |= topicBit(t);
  let channelSet: Uint8Array | null = null;
  if (filter.channels.length > 0) {
    channelSet = new Uint8Array(table.channels.size);
    for (const key of filter.channels) {
      const c = table.channels.indexOf(key);
      if (c !== undefined) channelSet[c] = 1;
    }
  }
  const { isAd, product: productCol, topics, channel } = table;
  const out = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (skipAds && isAd[i]) continue;
    if (product >= 0 && productCol[i] !== product) continue;
    if (topicMask !== 0 && ((topics[i] as number) & topicMask) === 0) continue;
    if (channelSet !== null) {
      const c = channel[i] as number;
      if (c === NO_CHANNEL || channelSet[c] === 0) continue;
    }
    out[m++] = i;
  }
  return m === n ? out : out.slice(0, m);
}
