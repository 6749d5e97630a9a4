/* Hand-written stand-in for `npx convex codegen` output: typed references over `anyApi`. */
import { type ApiFromModules, anyApi, type FilterApi, type FunctionReference } from 'convex/server';
import type * as changeLog from '../changeLog.js';
import type * as entries from '../entries.js';
import type * as events from '../events.js';
import type * as imports from '../imports.js';
import type * as usage from '../usage.js';
import type * as viewers from '../viewers.js';

declare const fullApi: ApiFromModules<{
  changeLog: typeof changeLog;
  entries: typeof entries;
  events: typeof events;
  imports: typeof imports;
  usage: typeof usage;
  viewers: typeof viewers;
}>;

export const api: FilterApi<typeof fullApi, FunctionReference<any, 'public'>> = anyApi as any;
export const internal: FilterApi<typeof fullApi, FunctionReference<any, 'internal'>> = anyApi as any;
