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
