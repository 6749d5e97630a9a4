/**
 * The one pattern for expected failures: a field that can fail in a way the user must be told
 * about returns a union `<Field>Result = <Field>Success | <failure types>`; every failure type
 * implements `Failure { code: FailureCode!, message: String! }`. Failures are returned (Pothos
 * errors plugin), not thrown: errors[] is for requests that were wrong or broke.
 */
import { FAILURE_CODES, type Failure, type FailureCode } from '../resolvers/errors.js';
import { builder } from './builder.js';

const CODES: Record<FailureCode, string> = {
  UNKNOWN_CHANNEL: 'channelEvolution: the channel key matches no watched video of the viewer (UnknownChannel).',
  EMPTY: 'importTakeout: the file is empty or only white space.',
  TRUNCATED: 'importTakeout: the file ends early (a JSON array not closed, an incomplete zip); export it again.',
  NOT_TAKEOUT: 'importTakeout: not a Takeout activity history (malformed JSON, a JSON object, an unrelated page).',
  NO_ACTIVITY: 'importTakeout: a Takeout history without any activity in it.',
  TOO_LARGE: 'importTakeout: larger than the upload limit (MAX_UPLOAD_MB); nothing was read.',
  ZIP_NO_HISTORY: 'importTakeout: the zip holds no watch-history.json or watch-history.html.',
  ZIP_BOMB: 'importTakeout: the zip has too many entries, or members larger than declared or allowed.',
  NOT_UTF8: 'importTakeout: the text is not UTF-8 (UTF-16, binary); convert it or export it again.',
  UNSUPPORTED_FORMAT: 'importTakeout: neither JSON, HTML nor a readable zip.',
};

export const FailureCodeEnum = builder.enumType('FailureCode', {
  description:
    'Why an expected failure happened: one enum for every typed failure, so a client maps codes to messages in one place. Each value names the field that returns it.',
  values: Object.fromEntries(FAILURE_CODES.map((code) => [code, { description: CODES[code] }])) as Record<
    FailureCode,
    { description: string }
  >,
});

export const FailureRef = builder.interfaceRef<Failure>('Failure').implement({
  description:
    'An expected failure, returned as a member of a `<Field>Result` union instead of an error: nothing was stored or computed. Embedded value, no identity.',
  fields: (t) => ({
    code: t.field({ type: FailureCodeEnum, description: 'What went wrong, for programs.', resolve: (f) => f.code }),
    message: t.exposeString('message', { description: 'What went wrong, for people (English, one sentence).' }),
  }),
});
