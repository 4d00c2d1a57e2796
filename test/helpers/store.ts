// Histories written straight into a data folder, for command tests that start from a known past.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Attempt } from "../../src/progress/types.js";
import { makeAttempt } from "./history.js";

/** Writes these attempts as the folder's whole history. */
export function writeAttempts(dir: string, attempts: Attempt[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "attempts.jsonl"), attempts.map((a) => `${JSON.stringify(a)}\n`).join(""));
}

/** An answer `minutesAgo` before `now`, the rest as makeAttempt makes it. */
export function answered(questionId: string, correct: boolean, minutesAgo: number, over: Partial<Attempt> = {}, now = Date.now()): Attempt {
  return makeAttempt(questionId, correct, new Date(now - minutesAgo * 60_000), over);
}
