import type { GraphQLErrorLike } from '../api/client.js';

/** What App passes every panel: the `Analytics` object (its fragment unmasks the panel's field), and that field's error. */
export interface PanelInput<Ref> {
  analytics: Ref | null;
  error: GraphQLErrorLike | null;
  /** No data yet. */
  loading: boolean;
  /** A refetch is running; the old numbers stay. */
  updating: boolean;
  /** The filter's resolved zone: every time is shown in it. */
  timeZone: string;
}

/** The error to show when a field came back null without one of its own. */
export const missing = (field: string): GraphQLErrorLike => ({ message: `${field} returned no data.` });
