/**
 * Files already on disk: the upload parser (server/uploads.ts) streams a multipart file to a
 * temporary file and hands the resolver a `File` backed by it; the importer reads that path
 * instead of copying the upload a second time. Weak: a File that is dropped drops its entry.
 */
const paths = new WeakMap<File, string>();

/** Records that `file` is the content of `path` (the owner removes the path afterwards). */
export const markSpooled = (file: File, path: string): void => {
  paths.set(file, path);
};

/** Where an uploaded file already sits on disk, when it came through the upload parser. */
export const spooledPathOf = (file: File): string | undefined => paths.get(file);
