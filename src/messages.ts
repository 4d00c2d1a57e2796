// The wording of the store's errors for people, in one place: each names the path, what is wrong and how to fix it.
// The store itself raises data (src/progress/errors.ts); main.ts asks describeError for the words and the exit code.
import { lstatSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { EXIT } from "./errors.js";
import {
  DamagedFileError,
  FileSystemError,
  FileTooLargeError,
  InvalidSettingError,
  LockLostError,
  LockTimeoutError,
  MigrationError,
  NewerVersionError,
  NotAnExportError,
  NotRegularFileError,
  SharedFileError,
  StoreLocationError,
  type StoreNotice,
} from "./progress/errors.js";

const DOCTOR =
  'Nothing was changed. Run "kafka-prep doctor" to repair it: it keeps every readable record, sets the damaged lines aside in a backup and rebuilds the review schedule.';
const ELSEWHERE = "or keep progress in another folder with --data-dir <dir> or KAFKA_PREP_HOME";

/** The nearest part of a path that exists: what a folder to be created would be made in. */
function nearestExisting(path: string): { path: string; folder: boolean } | undefined {
  for (let p = path; ; p = dirname(p)) {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p, { throwIfNoEntry: false });
    } catch {
      // A file on the way (ENOTDIR), a link loop, no permission: look further up.
      st = undefined;
    }
    if (st) return { path: p, folder: st.isDirectory() };
    if (dirname(p) === p) return undefined;
  }
}

/** What an errno code means for a person, and what to do about it. */
function fsReason(e: FileSystemError, path: string): string {
  switch (e.code) {
    case "EACCES":
    case "EPERM": {
      // Of a folder not made yet, the one it would be made in is what needs the write access.
      const near = nearestExisting(e.path);
      const target = near?.folder && near.path !== e.path ? near.path : path;
      return `permission denied. Give your user write access to it (for example: chmod u+w "${target}"), ${ELSEWHERE}`;
    }
    case "EROFS":
      return `the file system is read-only. Make it writable, ${ELSEWHERE}`;
    case "ENOSPC":
    case "EDQUOT":
      return `the disk is full. Free some space and try again, ${ELSEWHERE}`;
    case "ENOTDIR":
    case "EEXIST": {
      const near = nearestExisting(e.path);
      const blocker = near && !near.folder && near.path !== e.path ? ` (${near.path})` : "";
      return `a file is where a folder should be${blocker}. Move that file away, ${ELSEWHERE}`;
    }
    case "EISDIR":
      return "it is a folder where a file should be. Move the folder away";
    case "ENOENT":
      return e.operation === "read" || e.operation === "list"
        ? "no such file. Check the path"
        : `the folder cannot hold files (it was removed, or is not a real folder). Check the path, ${ELSEWHERE}`;
    case "ELOOP":
      return "too many symbolic links. Point it at a real file";
    case "EMFILE":
    case "ENFILE":
      return "too many files are open. Close some programs and try again";
    default:
      return `the system said ${e.code}. Check the disk and the folder, ${ELSEWHERE}`;
  }
}

/** Why a file given on the command line (an export, a deck, a settings file) could not be written or read, in a
 * few words. */
export function destinationReason(err: unknown): string | undefined {
  if (err instanceof NotRegularFileError) return `it is a ${err.type}`;
  if (!(err instanceof FileSystemError)) return undefined;
  switch (err.code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "the file system is read-only";
    case "ENOSPC":
    case "EDQUOT":
      return "the disk is full";
    case "ENOTDIR":
    case "EEXIST":
      return "a file is where a folder should be";
    case "EISDIR":
      return "it is a folder";
    case "ENOENT":
      return "the folder does not exist or cannot hold files";
    case "ENXIO":
      return "it is a pipe that nothing reads from (start its reader first)";
    default:
      return `the system said ${err.code}`;
  }
}

const VERB: Record<FileSystemError["operation"], string> = {
  read: "cannot read",
  write: "cannot write to",
  create: "cannot create",
  lock: "cannot lock the progress folder at",
  replace: "cannot replace",
  list: "cannot list",
};

const STORE_FILES = /(attempts|rounds)\.jsonl$/;

function lines(problems: { line: number; message: string }[], file: string, total = problems.length): string {
  const shown = problems.slice(0, 5).map((p) => `  ${basename(file)}:${p.line}: ${p.message}`);
  if (total > shown.length) shown.push(`  … and ${total - shown.length} more damaged lines`);
  return shown.join("\n");
}

/** The message and exit code for an error the store raised; undefined for anything else. */
export function describeError(err: unknown): { message: string; exitCode: number } | undefined {
  const usage = (message: string) => ({ message, exitCode: EXIT.usage });
  if (err instanceof DamagedFileError) {
    if (err.role === "import")
      return usage(`${err.path} is not a valid progress export:\n${lines(err.problems, err.path)}\nNothing was imported.`);
    const hint = err.role === "settings" ? `${DOCTOR} Bad settings are reset to their defaults; the good ones are kept.` : DOCTOR;
    return usage(`${err.path} is damaged:\n${lines(err.problems, err.path)}\n${hint}`);
  }
  if (err instanceof NewerVersionError) {
    if (err.what === "export") {
      return usage(
        `${err.path} was written by a newer kafka-prep (export version ${err.found}; this one reads up to ${err.supported}). Nothing was imported; update kafka-prep first ("npm install -g kafka-prep@latest").`,
      );
    }
    return usage(
      `${err.path} was written by a newer kafka-prep (store version ${err.found}; this one reads up to ${err.supported}). Nothing was changed. Update kafka-prep ("npm install -g kafka-prep@latest") or use another folder with --data-dir.`,
    );
  }
  if (err instanceof StoreLocationError) {
    switch (err.reason) {
      case "empty-data-dir":
        return usage(
          "--data-dir was given an empty path. Name a folder (for example --data-dir ~/kafka-prep), or leave the option out to use the default.",
        );
      case "empty-variable":
        return usage(
          `$${err.variable} is set but empty, so there is no folder to keep progress in. Set it to an absolute path, unset it, or choose a folder with --data-dir <dir>.`,
        );
      case "relative-variable":
        return usage(
          `$${err.variable} is "${err.value}", a relative path, so progress would land in whatever folder you run kafka-prep from. Set it to an absolute path, or choose a folder with --data-dir <dir>.`,
        );
      case "no-home":
        return usage(
          `There is no home folder to keep progress in ($${err.variable} is not set). Choose a folder with --data-dir <dir> or KAFKA_PREP_HOME.`,
        );
    }
  }
  if (err instanceof FileSystemError) {
    // A file written aside before it replaces another is kafka-prep's own: the folder it is made in is what to fix.
    const what = err.operation === "lock" ? err.path.replace(/\/\.lock$/, "") : err.path.endsWith(".tmp") ? dirname(err.path) : err.path;
    const lost =
      STORE_FILES.test(err.path) && err.operation === "write"
        ? " The answer was not recorded; nothing recorded before it was changed."
        : " Nothing was changed.";
    const verb = what === err.path || err.operation === "lock" ? VERB[err.operation] : "cannot write in the folder";
    return usage(`${verb} ${what}: ${fsReason(err, what)}.${lost}`);
  }
  if (err instanceof NotRegularFileError) {
    const fix =
      err.type === "directory"
        ? "Move the folder away (kafka-prep creates the file again)"
        : `It must be a regular file: a ${err.type} keeps nothing. Remove it (kafka-prep creates the file again) or point it at a real file`;
    return usage(`${err.path} is a ${err.type}, not a regular file. ${fix}. Nothing was changed.`);
  }
  if (err instanceof SharedFileError) {
    const links = err.paths.filter((p) => lstatSync(p, { throwIfNoEntry: false })?.isSymbolicLink());
    const fix = links.length
      ? `Remove the link ${links.join(" and ")} (kafka-prep creates the file again) or put the file it should be in its place`
      : "Give each its own file (they are hard links of one file)";
    return usage(
      `${err.paths[0]} and ${basename(err.paths[1])} are the same file (${err.target}), so writing either would destroy the other. Nothing was changed. ${fix}, then run "kafka-prep doctor".`,
    );
  }
  if (err instanceof FileTooLargeError) {
    return usage(
      `${err.path} is larger than ${err.limit} bytes, too large to be what it should be. Nothing was read from it; move it away or check the path.`,
    );
  }
  if (err instanceof LockTimeoutError) {
    const who = err.holder ? `process ${err.holder}` : "another kafka-prep";
    return usage(
      `${who} has been holding the lock on ${err.dir} for over ${Math.round(err.waitedMs / 1000)} s (lock file ${err.lockFile}), so what this command was about to save was not saved (in a round: the answer just given; the round stops there, and the answers before it are kept). Wait for it to finish and try again; if no kafka-prep is running, delete the lock file.`,
    );
  }
  if (err instanceof LockLostError) {
    const undone = { repair: "nothing was repaired", import: "nothing was imported", reset: "nothing was reset" }[err.operation];
    return usage(
      `another kafka-prep took over the lock (${err.lockFile}) while this ${err.operation} was stalled, and may have recorded answers since; ${undone}, so they are kept. Run it again.`,
    );
  }
  if (err instanceof InvalidSettingError) return usage(`${err.path}: "${err.key}" ${err.expected}. Nothing was changed.`);
  if (err instanceof NotAnExportError) {
    const where = `${err.path}${err.line ? `:${err.line}` : ""}`;
    const why = {
      "not-json": "not valid JSON",
      "not-export": `not a kafka-prep progress export (expected "format": "kafka-prep-progress")`,
      "too-deep": "nested deeper than a progress export ever is",
      "too-large": "holds a value far larger than a progress export ever does",
      "not-a-file": `a ${err.type ?? "special file"}, not a file`,
      "attempts-not-list": '"attempts" is not a list of records ([ … ])',
      "rounds-not-list": '"rounds" is not a list of records ([ … ])',
      "history-file":
        "a history file of a progress folder, not an export (import the progress.json beside it, or export that folder with --data-dir)",
    }[err.reason];
    // A reset's backup folder holds its export: named, so the undo is one step away.
    const inside = err.type === "directory" && statSync(join(err.path, "progress.json"), { throwIfNoEntry: false })?.isFile();
    const use = inside ? `import ${join(err.path, "progress.json")}, the export inside it` : 'use a file written by "kafka-prep export"';
    return usage(`${where}: ${why}. Nothing was imported; ${use}.`);
  }
  if (err instanceof MigrationError) {
    return usage(
      `${err.path}: this kafka-prep cannot read store version ${err.from}. Nothing was changed. Update kafka-prep, or use another folder with --data-dir.`,
    );
  }
  return undefined;
}

/** A line for what the store noticed and carried on past. */
export function describeNotice(n: StoreNotice): string {
  if (n.kind === "cut-off") {
    return `note: ${basename(n.path)}:${n.line} is cut off (a write that never finished), so it is not counted. "kafka-prep doctor" sets it aside.`;
  }
  return `note: ${basename(n.path)}:${n.line} was cut off (a write that never finished); it was set aside in ${n.backup}.`;
}
