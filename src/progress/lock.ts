// The store's one lock: a file created exclusively, holding the owner's pid and a token. A holder doing long work
// (doctor, import at a million answers) refreshes it as it goes, so only a dead or stuck holder's lock is taken over.

import { closeSync, lstatSync, openSync, readdirSync, rmSync, statSync, utimesSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileTypeOf, fsError, NotRegularFileError } from "./errors.js";
import { readSmall } from "./files.js";

/** A lock not refreshed for this long belongs to a stuck process and is taken over. */
export const STALE_MS = 30_000;
/** A lock file with no owner in it exists only for the instant between its creation and the write of its owner,
 * unless that writer was killed in the instant: after this long it is taken over (it used to block every writer for
 * STALE_MS). */
export const UNWRITTEN_MS = 2_000;
/** How often a long holder refreshes the lock. */
const HEARTBEAT_MS = 2_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(path: string): { content: string; pid: number | undefined; ageMs: number } | undefined {
  try {
    // A regular file only: anything else under the lock's name (a pipe) would block the read for good.
    const content = readSmall(path, 4096)?.toString("utf8");
    if (content === undefined) return undefined;
    const ageMs = Date.now() - statSync(path).mtimeMs;
    // Whole as acquire writes it: the pid, then the token (or the pid alone, as kafka-prep 0.1 before its tokens
    // wrote it). Anything else was never finished.
    const whole = /^(\d+)(?:\n[0-9a-f]{16}\n)?$/.exec(content);
    const pid = whole ? Number(whole[1]) : undefined;
    return { content, pid: pid !== undefined && Number.isSafeInteger(pid) && pid > 0 ? pid : undefined, ageMs };
  } catch {
    return undefined;
  }
}

/** Throws NotRegularFileError when something other than a lock file (a folder, a pipe) has the lock's name: no
 * process holds it, and waiting would never end. */
export function checkLockFile(path: string): void {
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (st && !st.isFile()) throw new NotRegularFileError(path, fileTypeOf(st));
}

/** The pid in the name of a file written aside (`.attempts.jsonl.<pid>.<time>.tmp`, `.write-check.<pid>.tmp`,
 * `settings.json.<pid>.new.tmp`): whose it is, so what a dead process left can be told from what a live one writes. */
export function tempPid(name: string): number | undefined {
  const m = /\.(\d+)\.(?:[0-9a-z]+\.)?tmp$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** Removes the files a process wrote aside in a folder (by the pid in their names): only for a dead process. */
function removeTempsOf(dir: string, pid: number): void {
  try {
    for (const name of readdirSync(dir)) if (tempPid(name) === pid) rmSync(join(dir, name), { force: true });
  } catch {
    // Left for doctor.
  }
}

export interface LockHolder {
  readonly path: string;
  /** Keeps the lock fresh during long work; cheap to call often. */
  heartbeat(): void;
  /** Still ours: nobody took it over as stale. */
  held(): boolean;
  release(): void;
}

/** The pid of the process holding the lock, if any. */
export function lockHolder(path: string): number | undefined {
  return readLock(path)?.pid;
}

/** Takes the lock, waiting up to `waitMs` for a live holder; undefined when it stays taken. */
export function acquire(path: string, waitMs: number): LockHolder | undefined {
  const deadline = Date.now() + waitMs;
  const token = `${process.pid}\n${process.getBuiltinModule("node:crypto").randomBytes(8).toString("hex")}\n`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o644);
      try {
        writeSync(fd, token);
      } finally {
        closeSync(fd);
      }
      return holder(path, token);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw fsError(err, path, "lock");
    }
    checkLockFile(path);
    const current = readLock(path);
    const dead = current?.pid !== undefined ? current.pid !== process.pid && !alive(current.pid) : (current?.ageMs ?? 0) > UNWRITTEN_MS;
    if (current && (dead || current.ageMs > STALE_MS)) {
      // Taken over only if it is still the same stale lock: another waiter may have replaced it already.
      if (readLock(path)?.content === current.content) {
        rmSync(path, { force: true });
        // What a dead holder was writing aside is left over: an import's copy can be as large as the history.
        if (dead && current.pid !== undefined) removeTempsOf(dirname(path), current.pid);
      }
      continue;
    }
    if (Date.now() >= deadline) return undefined;
    sleep(Math.min(2 + attempt, 20));
  }
}

function holder(path: string, token: string): LockHolder {
  let beat = Date.now();
  let released = false;
  const held = () => readLock(path)?.content === token;
  return {
    path,
    heartbeat() {
      const now = Date.now();
      if (now - beat < HEARTBEAT_MS) return;
      beat = now;
      try {
        utimesSync(path, now / 1000, now / 1000);
      } catch {
        // Checked by held() before anything is replaced.
      }
    },
    held,
    release() {
      if (released) return;
      released = true;
      if (held()) rmSync(path, { force: true });
    },
  };
}
