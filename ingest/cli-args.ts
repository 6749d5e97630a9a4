/**
 * Arguments of `npm run import`. Kept apart from the importer so `--help` and usage errors
 * answer without loading the store, the parsers or the gateway.
 */
import { isValidTimeZone } from '../domain/calendar.js';

/** The gateway's single local viewer (resolvers/context.ts LOCAL_VIEWER_ID). */
export const DEFAULT_VIEWER = 'local';

export const USAGE = `usage: npm run import -- <file> [options]

Imports a Google Takeout watch history into the store: watch-history.json, watch-history.html,
or the Takeout .zip that contains one. Atomic: a rejected file stores nothing; re-importing
the same history adds nothing.

options:
  --viewer ID        whose history it is (default: ${DEFAULT_VIEWER}, the gateway's local viewer)
  --time-zone IANA   zone for HTML dates whose label is unknown or ambiguous (default: the viewer's)
  --db PATH          the SQLite file (default: $WATCHGRAPH_DB, else ./data/watchgraph.db)
  --json             print the import report as JSON instead of a summary
  -h, --help         this text

exit codes: 0 imported, 1 rejected or failed (nothing stored), 2 usage error
`;

export interface ImportArgs {
  kind: 'import';
  file: string;
  viewer: string;
  timeZone: string | null;
  db: string;
  json: boolean;
}

export type ParsedArgs = ImportArgs | { kind: 'help' } | { kind: 'error'; message: string };

/** Parses the CLI arguments; `env` supplies the WATCHGRAPH_DB default. */
export function parseImportArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ParsedArgs {
  const out = {
    viewer: DEFAULT_VIEWER,
    timeZone: null as string | null,
    db: env.WATCHGRAPH_DB || './data/watchgraph.db',
    json: false,
  };
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--help' || a === '-h') return { kind: 'help' };
    const value = (): string | null => {
      const v = argv[++i];
      return v === undefined || v.startsWith('--') ? null : v;
    };
    if (a === '--viewer' || a === '--time-zone' || a === '--db') {
      const v = value();
      if (v === null) return { kind: 'error', message: `${a} needs a value` };
      if (a === '--viewer') out.viewer = v;
      else if (a === '--time-zone') out.timeZone = v;
      else out.db = v;
    } else if (a === '--json') out.json = true;
    else if (a.startsWith('-')) return { kind: 'error', message: `unknown option ${a}` };
    else if (file === undefined) file = a;
    else return { kind: 'error', message: `unexpected argument ${a}` };
  }
  if (file === undefined) return { kind: 'error', message: 'missing the file to import' };
  if (out.timeZone !== null && !isValidTimeZone(out.timeZone))
    return { kind: 'error', message: `unknown IANA time zone ${out.timeZone}` };
  return { kind: 'import', file, ...out };
}
