// Long reads said on a terminal: "Reading attempts.jsonl… 45% of 250 MB" once the command has been at work for a
// second, each erased when its read is over, so nothing of it stays on the screen.
import { basename } from "node:path";
import type { Output } from "../context.js";
import type { ReadListener } from "../progress/files.js";
import { percent } from "./format.js";

const QUIET_MS = 1000;
const EVERY_MS = 200;
const ERASE = "\r\u001b[K";

/** What a read of `done` of `total` bytes says. */
export function readingText(path: string, done: number, total: number): string {
  const size = total >= 1024 * 1024 ? `${(total / (1024 * 1024)).toFixed(0)} MB` : `${Math.ceil(total / 1024)} KB`;
  return `Reading ${basename(path)}… ${percent(total ? done / total : 1)} of ${size}`;
}

/** A listener to reads that writes their progress to `out` (a terminal), at most every EVERY_MS once QUIET_MS have
 * passed since it was made, and erases it when the read ends. */
export function readProgress(out: Output, now: () => number = Date.now): ReadListener {
  const started = now();
  let shownAt = 0;
  let shown = false;
  return (path, done, total) => {
    const t = now();
    if (done >= total) {
      if (shown) out.write(ERASE);
      shown = false;
      return;
    }
    if (t - started < QUIET_MS || t - shownAt < EVERY_MS) return;
    shownAt = t;
    shown = true;
    out.write(`${ERASE}${readingText(path, done, total)}`);
  };
}
