import { formatInstant } from '../format.js';
import { type FragmentType, getFragmentData, graphql } from '../gql/index.js';

export const FreshnessFragment = graphql(`
  fragment Freshness on ResultMeta {
    source
    stale
    computedAt
    dataVersion
  }
`);

const SOURCE: Record<string, string> = { MEMORY: 'memory', REDIS: 'redis', STORE: 'store', COMPUTED: 'computed' };

/** The quiet badge of every panel: where the numbers came from, when they were computed, and whether they are being refreshed. */
export function Freshness({ meta, timeZone }: { meta: FragmentType<typeof FreshnessFragment>; timeZone: string }) {
  const m = getFragmentData(FreshnessFragment, meta);
  const at = formatInstant(m.computedAt, timeZone);
  return (
    <p class={m.stale ? 'freshness stale' : 'freshness'} data-source={m.source} data-stale={String(m.stale)}>
      {m.stale ? <span class="refreshing">Refreshing… </span> : null}
      <span title={`Computed ${at} from data version ${m.dataVersion}`}>
        {SOURCE[m.source] ?? m.source} · {at}
      </span>
    </p>
  );
}
