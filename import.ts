/**
 * `npm run import -- <file> [options]`: the Takeout import CLI (ingest/cli.ts), then — as after
 * every ingest — the viewer's precompute job, so a running gateway finds the new base set in
 * the store tier. `--help` and usage errors answer before anything heavy is loaded.
 */
import { parseImportArgs, USAGE } from './ingest/cli-args.js';

const args = parseImportArgs(process.argv.slice(2));
if (args.kind === 'help') {
  process.stdout.write(USAGE);
} else if (args.kind === 'error') {
  process.stderr.write(`error: ${args.message}\n${USAGE}`);
  process.exitCode = 2;
} else {
  const { runImport } = await import('./ingest/cli.js');
  process.exitCode = await runImport(args, {
    async afterImport(store, viewerId, report) {
      if (report.eventsAdded + report.duplicates === 0) return; // no new data version
      const { makeGateway } = await import('./server/gateway.js');
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
}
