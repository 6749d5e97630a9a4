/** Import a Takeout export: drop a .json, .html or .zip (or choose one), see the upload progress, then the report. */
import { useState } from 'preact/hooks';
import { type Client, ClientError } from '../api/client.js';
import { formatNumber } from '../format.js';
import type { ImportTakeoutMutation } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { Num } from './Num.js';

export const ImportTakeoutMutationDocument = graphql(`
  mutation ImportTakeout($file: File!) {
    importTakeout(file: $file) {
      __typename
      ... on ImportTakeoutSuccess {
        data {
          eventsAdded
          duplicates
          skipped
          eventsParsed
          dataVersion
          formats
          files
          skippedReasons { reason count samples { position detail } }
        }
      }
      ... on Failure { code message }
    }
  }
`);

type Outcome = NonNullable<ImportTakeoutMutation['importTakeout']>;

const REASONS: Record<string, string> = {
  NOT_AN_ACTIVITY: 'not an activity',
  NO_TITLE: 'no title',
  UNRECOGNISED_ACTIVITY: 'unrecognised activity',
  OTHER_ACTIVITY: 'another kind of activity',
  INVALID: 'unusable fields',
  DATE_BEFORE_YOUTUBE: 'dated before YouTube existed',
  DATE_IN_FUTURE: 'dated in the future',
  FOREIGN_VIDEO_URL: 'video link outside YouTube',
  FOREIGN_CHANNEL_URL: 'channel link outside YouTube',
  EMPTY_TITLE: 'empty title',
};
const ACCEPT = '.json,.html,.htm,.zip,application/json,text/html,application/zip';

export function Import({ client, onImported }: { client: Client; onImported(dataVersion: number): void }) {
  const [progress, setProgress] = useState<{ loaded: number; total: number; name: string } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState(false);

  const send = async (file: File) => {
    setOutcome(null);
    setError(null);
    setProgress({ loaded: 0, total: file.size, name: file.name });
    try {
      const r = await client.upload(ImportTakeoutMutationDocument, {}, file, {
        onProgress: (p) => setProgress({ ...p, name: file.name }),
      });
      const result = r.data?.importTakeout ?? null;
      if (!result) setError(r.errors[0]?.message ?? 'The import failed.');
      else {
        setOutcome(result);
        if (result.__typename === 'ImportTakeoutSuccess') onImported(result.data.dataVersion);
      }
    } catch (err) {
      setError(err instanceof ClientError ? err.message : String(err));
    } finally {
      setProgress(null);
    }
  };
  const report = outcome?.__typename === 'ImportTakeoutSuccess' ? outcome.data : null;
  const rejected = outcome && outcome.__typename !== 'ImportTakeoutSuccess' ? outcome : null;
  return (
    <section class="import" aria-labelledby="import-title" data-panel="import">
      <h2 id="import-title">Import a Takeout export</h2>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the mouse; the file input inside is the keyboard's way */}
      <div
        class={over ? 'dropzone over' : 'dropzone'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const file = e.dataTransfer?.files[0];
          if (file) void send(file);
        }}
      >
        <p>
          Drop <code>watch-history.json</code>, <code>.html</code> or the Takeout <code>.zip</code> here, or{' '}
          <label class="file-button">
            choose a file
            <input
              type="file"
              accept={ACCEPT}
              class="visually-hidden"
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (file) void send(file);
              }}
            />
          </label>
          .
        </p>
        {progress ? (
          <p class="progress">
            <label>
              Uploading {progress.name} <progress max={progress.total || 1} value={progress.loaded} />{' '}
              {formatNumber(progress.total ? progress.loaded / progress.total : 0, 'share')}
            </label>
          </p>
        ) : null}
      </div>
      <div aria-live="polite" class="import-result">
        {error ? <p role="alert">{error}</p> : null}
        {rejected ? (
          <p role="alert" data-code={rejected.code}>
            Not imported ({rejected.code}): {rejected.message}
          </p>
        ) : null}
        {report ? (
          <div class="report" data-report="import">
            <p>
              Imported: <Num value={report.eventsAdded} /> added, <Num value={report.duplicates} /> duplicates,{' '}
              <Num value={report.skipped} /> skipped ({report.formats.join(' + ')}
              {report.files.length ? ` from ${report.files.join(', ')}` : ''}).
            </p>
            {report.skippedReasons.length ? (
              <ul>
                {report.skippedReasons.map((s) => (
                  <li key={s.reason}>
                    <Num value={s.count} /> {REASONS[s.reason] ?? s.reason}
                    {s.samples[0] ? (
                      <span class="muted">
                        {' '}
                        — e.g. {s.samples[0].position}: {s.samples[0].detail}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
