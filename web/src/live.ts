/**
 * Keeps the page on the viewer's latest data: the `viewerChanged` subscription over SSE, and,
 * while it is unavailable (Redis away, too many tabs, network), polling `viewer.dataVersion`.
 * Calls `onChange(dataVersion, precomputed)`; the page decides when to refetch.
 */
import type { Client, ClientError } from './api/client.js';
import { graphql } from './gql/index.js';

export const ViewerChangedSubscription = graphql(`
  subscription ViewerChanged {
    viewerChanged { dataVersion precomputed }
  }
`);

export const DataVersionQuery = graphql(`
  query DataVersion {
    viewer { id dataVersion }
  }
`);

export type LiveMode = 'connecting' | 'live' | 'polling' | 'stopped';

export interface LiveOptions {
  onChange(dataVersion: number, precomputed: boolean): void;
  onMode?(mode: LiveMode, reason?: string): void;
  /** Polling interval while the stream is down; default 5000 ms. */
  pollMs?: number;
  /** First retry of the stream after it failed; doubles up to 30 s. Default 1000 ms. */
  retryMs?: number;
}

export function startLive(client: Client, options: LiveOptions): () => void {
  const pollMs = options.pollMs ?? 5000;
  const firstRetry = options.retryMs ?? 1000;
  let retry = firstRetry;
  let stopped = false;
  let close: (() => void) | null = null;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let polling = false;

  const poll = async () => {
    if (stopped || !polling) return;
    try {
      const r = await client.query(DataVersionQuery);
      if (r.data) options.onChange(r.data.viewer.dataVersion, false);
    } catch {
      // The gateway is unreachable: keep trying at the same pace.
    }
    if (!stopped && polling) pollTimer = setTimeout(poll, pollMs);
  };
  const startPolling = (reason: string) => {
    options.onMode?.('polling', reason);
    if (polling) return;
    polling = true;
    pollTimer = setTimeout(poll, pollMs);
  };
  const connect = () => {
    if (stopped) return;
    options.onMode?.('connecting');
    close = client.subscribe(ViewerChangedSubscription, undefined, {
      next(result) {
        const change = result.data?.viewerChanged;
        if (!change) return;
        retry = firstRetry;
        if (polling) {
          polling = false;
          clearTimeout(pollTimer);
        }
        options.onMode?.('live');
        options.onChange(change.dataVersion, change.precomputed);
      },
      error(err: ClientError) {
        close = null;
        // An expired token: subscribe again at once (getToken gives a fresh one).
        const delay = err.code === 'UNAUTHENTICATED' ? 0 : retry;
        if (err.code !== 'UNAUTHENTICATED') {
          startPolling(err.code ?? err.kind);
          retry = Math.min(30_000, retry * 2);
        }
        retryTimer = setTimeout(connect, delay);
      },
      complete() {
        close = null;
        startPolling('closed');
        retryTimer = setTimeout(connect, retry);
        retry = Math.min(30_000, retry * 2);
      },
    });
  };
  connect();
  return () => {
    stopped = true;
    polling = false;
    clearTimeout(pollTimer);
    clearTimeout(retryTimer);
    close?.();
    options.onMode?.('stopped');
  };
}
