// The history as people think of it: each attempt as they last graded it. A correction is a line of its own after
// the attempt (the history is never rewritten); this folds it back into the attempt it corrects.
import type { Flag } from "./records.js";
import type { Attempt } from "./types.js";

export interface GradedAttempt extends Attempt {
  /** The grader's verdict, when the person's own grade replaced it. */
  graded?: boolean;
  flag?: Flag;
}

/** Attempts with their corrections applied, in the order given; the correction lines themselves are left out. */
export function withCorrections(attempts: Iterable<Attempt>): GradedAttempt[] {
  const out: GradedAttempt[] = [];
  const at = new Map<string, number>();
  for (const a of attempts) {
    if (a.amends === undefined) {
      at.set(a.id, out.length);
      out.push({ ...a });
      continue;
    }
    // Only a correction of an earlier answer to the same question counts (as in the summary and the schedule).
    const i = at.get(a.amends);
    if (i === undefined || out[i].questionId !== a.questionId) continue;
    const prev = out[i];
    out[i] = { ...prev, rating: a.rating, correct: a.correct, graded: prev.graded ?? a.graded ?? prev.correct, flag: a.flag ?? prev.flag };
  }
  return out;
}

export interface FlagReport {
  attemptId: string;
  questionId: string;
  instance?: string;
  at: string;
  flag: Flag;
  answer: Attempt["answer"];
  /** The grader's verdict and the person's. */
  graded: boolean;
  correct: boolean;
}

/** Every flagged attempt, newest first. */
export function flagged(attempts: Iterable<Attempt>): FlagReport[] {
  return withCorrections(attempts)
    .filter((a): a is GradedAttempt & { flag: Flag } => a.flag !== undefined)
    .map((a) => ({
      attemptId: a.id,
      questionId: a.questionId,
      ...(a.instance ? { instance: a.instance } : {}),
      at: a.at,
      flag: a.flag,
      answer: a.answer,
      graded: a.graded ?? a.correct,
      correct: a.correct,
    }))
    .sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0));
}
