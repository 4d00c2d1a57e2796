import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Attempt } from "../../src/progress/types.js";

let n = 0;

/** One recorded answer for synthetic histories: right or wrong, at a given time, the rest ordinary. */
export function makeAttempt(questionId: string, correct: boolean, at: Date, over: Partial<Attempt> = {}): Attempt {
  n++;
  return {
    id: `${questionId}-${n}`,
    roundId: "synthetic",
    questionId,
    at: at.toISOString(),
    level: "beginner",
    topics: ["producers"],
    type: "mcq",
    answer: "x",
    score: correct ? 1 : 0,
    correct,
    rating: correct ? "good" : "again",
    ms: 5000,
    timedOut: false,
    skipped: false,
    ...over,
  };
}

/** The attempts recorded in a data folder, oldest first; none when nothing was recorded yet. */
export function readHistory(dataDir: string): Attempt[] {
  const file = join(dataDir, "attempts.jsonl");
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}
