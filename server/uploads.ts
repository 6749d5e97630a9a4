/**
 * Multipart uploads (the GraphQL multipart request spec) parsed as they stream in: the one
 * file part goes straight to a temporary file (mode 0600), so memory does not grow with the
 * upload, and the resolver gets a `File` backed by that file (`fs.openAsBlob`). Yoga's own
 * parser buffers every file in memory and applies its own 25 MB default whatever
 * MAX_UPLOAD_MB says; this one applies ours, allows one file per request, and bounds the
 * `operations`/`map` fields by the body limit. The temporary file is removed when the
 * response is sent (or the request fails).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, openAsBlob } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Busboy } from '@fastify/busboy';
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga';
import { markSpooled } from '../runtime/spooled.js';

export interface UploadLimits {
  /** Largest file, bytes (MAX_UPLOAD_MB). */
  maxFileBytes: number;
  /** Largest `operations` or `map` field, bytes (MAX_BODY_KB). */
  maxFieldBytes: number;
  /** Where files are spooled; default the OS temporary directory. */
  dir?: string;
}

/** The temporary files of each request, removed with its response. */
const spooled = new WeakMap<Request, string[]>();

const tooLarge = (what: string) => createGraphQLError(what, { extensions: { code: 'PAYLOAD_TOO_LARGE', http: { status: 413 } } });
const badRequest = (what: string) => createGraphQLError(what, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });

/** Sets `value` at a spec path like `variables.file` or `0.variables.files.1` (own keys only). */
function setPath(target: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target as Record<string, unknown> | null;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i] as string;
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') throw badRequest(`multipart map: bad path "${path}"`);
    const next = node && Object.hasOwn(node, k) ? node[k] : undefined;
    if (next === null || typeof next !== 'object') throw badRequest(`multipart map: path "${path}" is not in operations`);
    node = next as Record<string, unknown>;
  }
  const last = keys[keys.length - 1] as string;
  if (!node || !Object.hasOwn(node, last) || last === '__proto__')
    throw badRequest(`multipart map: path "${path}" is not in operations`);
  node[last] = value;
}

async function parseMultipart(request: Request, limits: UploadLimits): Promise<GraphQLParams | GraphQLParams[]> {
  if (!request.body) throw badRequest('multipart request without a body');
  const paths: string[] = [];
  spooled.set(request, paths);
  const fields = new Map<string, string>();
  const files = new Map<string, { path: string; filename: string; type: string }>();
  const writes: Promise<void>[] = [];
  await new Promise<void>((resolve, reject) => {
    let bb: InstanceType<typeof Busboy>;
    try {
      bb = new Busboy({
        headers: { 'content-type': request.headers.get('content-type') ?? '' },
        limits: { files: 1, fields: 2, parts: 4, fileSize: limits.maxFileBytes, fieldSize: limits.maxFieldBytes },
      });
    } catch (err) {
      reject(badRequest(`cannot read the multipart request: ${(err as Error).message}`));
      return;
    }
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      source.unpipe(bb);
      source.destroy();
      reject(err);
    };
    // Yoga's Request may carry a ponyfill stream: both kinds are async iterables of bytes.
    const source = Readable.from(request.body as unknown as AsyncIterable<Uint8Array>, { objectMode: false });
    source.on('error', (err) => fail(badRequest(`the upload was interrupted: ${err.message}`)));
    bb.on('field', (name, value, nameTruncated, valueTruncated) => {
      if (nameTruncated || valueTruncated) fail(tooLarge(`the multipart field "${name}" is over the body limit (MAX_BODY_KB)`));
      else fields.set(name, value);
    });
    bb.on('file', (name, stream, filename, _encoding, mimeType) => {
      const path = join(limits.dir ?? tmpdir(), `watchgraph-upload-${randomUUID()}`);
      paths.push(path);
      files.set(name, { path, filename: filename || 'upload', type: mimeType });
      stream.on('limit', () =>
        fail(tooLarge(`the file is over the upload limit of ${limits.maxFileBytes} bytes (MAX_UPLOAD_MB)`)),
      );
      writes.push(
        pipeline(stream, createWriteStream(path, { flags: 'wx', mode: 0o600 })).catch((err: Error) => {
          fail(badRequest(`cannot receive the file: ${err.message}`));
        }),
      );
    });
    bb.on('filesLimit', () => fail(badRequest('one file per upload request')));
    bb.on('fieldsLimit', () => fail(badRequest('a multipart request has exactly two fields: operations and map')));
    bb.on('partsLimit', () => fail(badRequest('too many parts in the multipart request')));
    bb.on('error', (err: Error) => fail(badRequest(`cannot read the multipart request: ${err.message}`)));
    bb.on('finish', () => {
      Promise.all(writes).then(
        () => (failed ? undefined : resolve()),
        (err: Error) => fail(err),
      );
    });
    source.pipe(bb);
  });
  const rawOperations = fields.get('operations');
  const rawMap = fields.get('map');
  if (rawOperations === undefined || rawMap === undefined)
    throw badRequest('a multipart request needs the operations and map fields');
  let operations: GraphQLParams | GraphQLParams[];
  let map: Record<string, unknown>;
  try {
    operations = JSON.parse(rawOperations);
    map = JSON.parse(rawMap);
  } catch {
    throw badRequest('the operations and map fields must be JSON');
  }
  if (operations === null || typeof operations !== 'object') throw badRequest('operations must be an object');
  if (map === null || typeof map !== 'object' || Array.isArray(map)) throw badRequest('map must be an object');
  for (const [name, targets] of Object.entries(map)) {
    const spooledFile = files.get(name);
    if (!spooledFile) throw badRequest(`multipart map names the file "${name}" but the request has no such part`);
    if (!Array.isArray(targets) || targets.length !== 1 || typeof targets[0] !== 'string') {
      throw badRequest(`multipart map: the file "${name}" must go to exactly one variable`);
    }
    const blob = await openAsBlob(spooledFile.path, { type: spooledFile.type });
    const file = new File([blob], spooledFile.filename, { type: spooledFile.type });
    markSpooled(file, spooledFile.path);
    setPath(operations, targets[0], file);
  }
  return operations;
}

const removeSpooled = (request: Request) => {
  const paths = spooled.get(request);
  if (!paths) return;
  spooled.delete(request);
  for (const p of paths) void rm(p, { force: true });
};

/** The plugin: multipart requests parsed by `parseMultipart`, their files removed with the response. */
export function useStreamedUploads(limits: UploadLimits): Plugin {
  return {
    onRequestParse({ request, setRequestParser }) {
      if ((request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
        setRequestParser((req) => parseMultipart(req, limits));
      }
    },
    onResponse({ request }) {
      removeSpooled(request);
    },
  };
}
