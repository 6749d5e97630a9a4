/**
 * `npm run import -- <file> [--viewer ID] [--db PATH]`: the Takeout import CLI (ingest/cli.ts),
 * then — as after every ingest — the viewer's precompute job, so a running gateway finds the
 * new base set in the store tier.
 */
import { main } from './ingest/cli.js';
import { makeGateway } from './server/gateway.js';

process.exitCode = await main(process.argv.slice(2), {
  async afterImport(store, viewerId, report) {
    if (report.eventsAdded === 0) return;
    const gateway = makeGateway({ store, usageFlushMs: 0 });
    try {
      const r = await gateway.services.precomputer.run(viewerId);
      process.stderr.write(
        `precomputed ${r.baseComputed} entries of the base set and ${r.hotComputed} hot combos in ${r.millis} ms\n`,
      );
    } finally {
      await gateway.close();
    }
  },
});
