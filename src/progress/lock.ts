import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";

const STALE_MS = 30_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A lock held by a process that died (kill -9, a crash) or held far too long is taken over. */
function isStale(path: string): boolean {
  try {
    const age = Date.now() - statSync(path).mtimeMs;
    const pid = Number.parseInt(readFileSync(path, "utf8"), 10);
    if (Number.isInteger(pid) && pid > 0 && !alive(pid)) return true;
    return age > STALE_MS;
  } catch {
    return false;
  }
}

/** Try to take the lock file for up to `waitMs`; returns a release function, or undefined on timeout. */
export function tryLock(path: string, waitMs = 5_000): (() => void) | undefined {
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    if (isStale(path)) {
      rmSync(path, { force: true });
      continue;
    }
    if (Date.now() >= deadline) return undefined;
    sleep(Math.min(2 + attempt, 20));
  }
}

/** Run `fn` holding the lock. */
export function withLock<T>(path: string, fn: () => T, waitMs?: number): T | undefined {
  const release = tryLock(path, waitMs);
  if (!release) return undefined;
  try {
    return fn();
  } finally {
    release();
  }
}
