/** Hourly clean-up of imports abandoned for a day (a gateway that crashed mid-import). */
import { cronJobs } from 'convex/server';
import { internal } from './_generated/api.js';

const crons = cronJobs();
crons.interval('sweep stale imports', { hours: 1 }, internal.imports.sweepStaleJob, { olderThanMs: 86_400_000 });
export default crons;
