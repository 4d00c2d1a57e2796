// What can go wrong with the progress store, as data: the path, the errno code, the lines, the kind. The store never
// words these for a person (it knows no command names or flags); src/messages.ts does, in one place.

/** One unusable line of a store or export file. Line numbers start at 1. */
export interface LineProblem {
  file: string;
  line: number;
  message: string;
}

/** Something the store noticed and carried on past; the command says it. */
export type StoreNotice =
  | { kind: "cut-off"; path: string; line: number }
  | { kind: "set-aside"; path: string; line: number; backup: string };

export abstract class StoreError extends Error {
  abstract readonly kind: string;
}

/** A history, settings or export file that cannot be read as it is. */
export class DamagedFileError extends StoreError {
  readonly kind = "damaged";
  constructor(
    readonly path: string,
    readonly problems: LineProblem[],
    /** What the file is: the store's history or settings, or a file given to import. */
    readonly role: "history" | "settings" | "import" = "history",
  ) {
    super(`${path} is damaged: ${problems.map((p) => `line ${p.line}: ${p.message}`).join("; ")}`);
    this.name = "DamagedFileError";
  }
}

/** A file written by a newer kafka-prep than this one. */
export class NewerVersionError extends StoreError {
  readonly kind = "newer";
  constructor(
    readonly path: string,
    readonly found: number,
    readonly supported: number,
    readonly what: "store" | "export",
  ) {
    super(`${path}: ${what} version ${found} is newer than ${supported}`);
    this.name = "NewerVersionError";
  }
}

/** A place the store cannot use: the home folder or data folder is empty or relative. */
export class StoreLocationError extends StoreError {
  readonly kind = "location";
  constructor(
    readonly reason: "empty-data-dir" | "empty-variable" | "relative-variable" | "no-home",
    /** The environment variable at fault, when one is. */
    readonly variable?: string,
    readonly value?: string,
  ) {
    super(`cannot place the store: ${reason}${variable ? ` (${variable})` : ""}`);
    this.name = "StoreLocationError";
  }
}

export type FileOperation = "read" | "write" | "create" | "lock" | "replace" | "list";

/** The file system refused: read-only, permission denied, disk full, a file where a folder should be, … */
export class FileSystemError extends StoreError {
  readonly kind = "filesystem";
  constructor(
    readonly path: string,
    /** The errno code: EACCES, EROFS, ENOSPC, ENOTDIR, … */
    readonly code: string,
    readonly operation: FileOperation,
    readonly detail?: string,
  ) {
    super(`${operation} ${path}: ${code}${detail ? ` (${detail})` : ""}`);
    this.name = "FileSystemError";
  }
}

export type FileType = "directory" | "character device" | "block device" | "FIFO" | "socket" | "unknown";

/** A path that must be a regular file is something else (a folder, /dev/null, a FIFO, …). */
export class NotRegularFileError extends StoreError {
  readonly kind = "not-regular";
  constructor(
    readonly path: string,
    readonly type: FileType,
  ) {
    super(`${path} is a ${type}, not a regular file`);
    this.name = "NotRegularFileError";
  }
}

/** Two files of the store are one file on disk (a link from one to the other): writing either would destroy the other. */
export class SharedFileError extends StoreError {
  readonly kind = "shared-file";
  constructor(
    /** The two names, as the folder holds them, and the file they both are. */
    readonly paths: [string, string],
    readonly target: string,
  ) {
    super(`${paths[0]} and ${paths[1]} are the same file (${target})`);
    this.name = "SharedFileError";
  }
}

/** A file (or one line of it) over the byte limit for what it holds. */
export class FileTooLargeError extends StoreError {
  readonly kind = "too-large";
  constructor(
    readonly path: string,
    readonly limit: number,
    readonly what: "file" | "line",
  ) {
    super(`${path}: ${what} over ${limit} bytes`);
    this.name = "FileTooLargeError";
  }
}

/** Another process holds the store's lock and keeps it. */
export class LockTimeoutError extends StoreError {
  readonly kind = "locked";
  constructor(
    readonly dir: string,
    readonly lockFile: string,
    readonly holder: number | undefined,
    readonly waitedMs: number,
  ) {
    super(`${lockFile} is held by ${holder ?? "another process"}`);
    this.name = "LockTimeoutError";
  }
}

/** The lock was taken over while this process held it (it stalled past the stale time, as when suspended with
 * Ctrl-Z): it stopped before replacing anything, so what the other process recorded is kept. */
export class LockLostError extends StoreError {
  readonly kind = "lock-lost";
  constructor(
    readonly lockFile: string,
    readonly operation: "repair" | "import" | "reset",
  ) {
    super(`${lockFile} was taken over during the ${operation}`);
    this.name = "LockLostError";
  }
}

/** A setting given a value outside its range. */
export class InvalidSettingError extends StoreError {
  readonly kind = "setting";
  constructor(
    readonly path: string,
    readonly key: string,
    readonly expected: string,
  ) {
    super(`${path}: "${key}" ${expected}`);
    this.name = "InvalidSettingError";
  }
}

/** A file given to import that is not a progress export at all. */
export class NotAnExportError extends StoreError {
  readonly kind = "not-export";
  constructor(
    readonly path: string,
    readonly reason:
      | "not-json"
      | "not-export"
      | "too-deep"
      | "too-large"
      | "not-a-file"
      | "history-file"
      | "attempts-not-list"
      | "rounds-not-list",
    readonly line?: number,
    /** With "not-a-file": what the path is instead. */
    readonly type?: FileType,
  ) {
    super(`${path}${line ? `:${line}` : ""}: ${reason}`);
    this.name = "NotAnExportError";
  }
}

/** A store whose layout version has no migration to this one. */
export class MigrationError extends StoreError {
  readonly kind = "migration";
  constructor(
    readonly path: string,
    readonly from: number,
  ) {
    super(`${path}: no migration from store version ${from}`);
    this.name = "MigrationError";
  }
}

const TYPES: [keyof import("node:fs").Stats, FileType][] = [
  ["isDirectory", "directory"],
  ["isCharacterDevice", "character device"],
  ["isBlockDevice", "block device"],
  ["isFIFO", "FIFO"],
  ["isSocket", "socket"],
];

export function fileTypeOf(st: import("node:fs").Stats): FileType {
  for (const [test, type] of TYPES) if ((st[test] as () => boolean).call(st)) return type;
  return "unknown";
}

/** Codes of the file system faults a person can fix: anything else is a bug and is rethrown as it is. */
const FS_CODES = new Set([
  "EACCES",
  "EPERM",
  "EROFS",
  "ENOSPC",
  "EDQUOT",
  "ENOTDIR",
  "EEXIST",
  "EISDIR",
  "ELOOP",
  "ENAMETOOLONG",
  "EMFILE",
  "ENFILE",
  "EIO",
  "EFBIG",
  "EBUSY",
  "ENXIO",
]);

/** The errno error of a file operation as a FileSystemError naming the path, when a person can fix it. */
export function fsError(err: unknown, path: string, operation: FileOperation): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (err instanceof StoreError || typeof code !== "string") return err;
  // A missing file is the caller's business when reading; when creating or writing one, the folder cannot hold it
  // (it went away, or is no real folder: /proc).
  if (!FS_CODES.has(code) && !(code === "ENOENT" && operation !== "read" && operation !== "list")) return err;
  // The errno message names the path that failed, which may be a temporary file or a parent folder.
  const failed = (err as NodeJS.ErrnoException).path;
  return new FileSystemError(failed ?? path, code, operation);
}

/** Runs a file operation, turning its errno errors into FileSystemErrors. */
export function guard<T>(path: string, operation: FileOperation, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw fsError(err, path, operation);
  }
}
