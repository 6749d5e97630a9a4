/**
 * What a streaming parser hands its records to (implemented by the import run in takeout.ts),
 * and the typed rejection every expected bad input ends in.
 */
import type { TakeoutEntry } from './classify.js';
import { RULE_CODES } from './validate.js';

/** Why a record became no event (ImportReport.skipped): a closed set, one enum value each in the schema. */
export const SKIP_REASONS = [
  'not-an-activity',
  'no-title',
  'unrecognised-activity',
  'other-activity',
  'invalid',
  ...RULE_CODES,
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** Stable codes of a rejected input (one enum value each in the schema). */
export const IMPORT_REJECTION_CODES = [
  'EMPTY',
  'TRUNCATED',
  'NOT_TAKEOUT',
  'NO_ACTIVITY',
  'TOO_LARGE',
  'ZIP_NO_HISTORY',
  'ZIP_BOMB',
  'NOT_UTF8',
  'UNSUPPORTED_FORMAT',
] as const;
export type ImportRejectionCode = (typeof IMPORT_REJECTION_CODES)[number];

/** The raw timestamp of a record: ISO text (JSON), a date line (HTML), or none. */
export type RawTime = { iso: string } | { html: string } | null;

export interface EntrySink {
  /** One record that looks like an activity; `index` is 0-based, `offset` in bytes (JSON) or chars (HTML). */
  entry(entry: TakeoutEntry, time: RawTime, index: number, offset: number): void;
  /** One record that is not an activity at all (wrong type, no title…). */
  skip(reason: SkipReason, index: number, offset: number, detail: string): void;
  /** Writes full batches to the store; parsers await it between chunks so memory stays bounded. */
  drain(): Promise<void>;
}

/** An input the importer refuses, with a stable code (surfaced as GraphQL `ImportRejected`). */
export class ImportRejectedError extends Error {
  constructor(
    readonly code: ImportRejectionCode,
    readonly detail: string,
  ) {
    super(`[ingest] ${code}: ${detail}`);
    this.name = 'ImportRejectedError';
  }
}
