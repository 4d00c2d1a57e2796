// A mock exam as data: the questions with the answer given to each (changeable until the exam is submitted), which
// are flagged for review, where the person is, and the time spent on each. Transitions are pure.
import { type Answer, grade } from "./grade.js";
import type { Presented } from "./present.js";
import type { AnyQuestion } from "./question.js";
import type { Result, RoundState } from "./round.js";

export interface ExamSlot {
  question: AnyQuestion;
  /** The answer given; undefined while unanswered. */
  answer?: Exclude<Answer, null>;
  flagged: boolean;
  /** Shown at least once: an unanswered question the person saw counts as skipped, one never reached does not. */
  seen: boolean;
  /** Time spent on this question over every visit. */
  ms: number;
}

export interface ExamState {
  slots: ExamSlot[];
  /** The question shown, or the review screen. */
  at: number | "review";
}

export function startExam(questions: AnyQuestion[]): ExamState {
  return { slots: questions.map((question) => ({ question, flagged: false, seen: false, ms: 0 })), at: 0 };
}

const update = (state: ExamState, i: number, change: Partial<ExamSlot>): ExamState => ({
  ...state,
  slots: state.slots.map((s, n) => (n === i ? { ...s, ...change } : s)),
});

/** Question i was shown for `ms`. */
export function spent(state: ExamState, i: number, ms: number): ExamState {
  return update(state, i, { ms: state.slots[i].ms + Math.max(0, ms), seen: true });
}

/** Answer question i (null clears it) and go on: to the next question, or the review screen after the last. */
export function give(state: ExamState, i: number, answer: Answer): ExamState {
  const next = update(state, i, { answer: answer === null ? undefined : answer });
  return { ...next, at: i + 1 < state.slots.length ? i + 1 : "review" };
}

export function toggleFlag(state: ExamState, i: number): ExamState {
  return update(state, i, { flagged: !state.slots[i].flagged });
}

/** Another question (wrapping past either end to the review screen), or the review screen. */
export function go(state: ExamState, to: number | "review"): ExamState {
  if (to === "review" || to >= state.slots.length || to < 0) return { ...state, at: "review" };
  return { ...state, at: to };
}

export interface ExamCounts {
  total: number;
  answered: number;
  unanswered: number;
  flagged: number;
}

export function examCounts(state: ExamState): ExamCounts {
  const answered = state.slots.filter((s) => s.answer !== undefined).length;
  return {
    total: state.slots.length,
    answered,
    unanswered: state.slots.length - answered,
    flagged: state.slots.filter((s) => s.flagged).length,
  };
}

/** The first unanswered or flagged question after `from`, going round; undefined when there is none. */
export function nextOpen(state: ExamState, from: number): number | undefined {
  const n = state.slots.length;
  for (let k = 1; k <= n; k++) {
    const i = (from + k) % n;
    const s = state.slots[i];
    if (s.answer === undefined || s.flagged) return i;
  }
  return undefined;
}

/** An answer given before, as the choice indexes or the text to show again when the question is revisited. */
export function pickedOf(p: Presented, answer: ExamSlot["answer"]): number[] | string | undefined {
  if (answer === undefined) return undefined;
  if (typeof answer === "boolean") return [answer ? 0 : 1];
  if (p.kind === "text" || p.kind === "lines") return typeof answer === "string" ? answer : undefined;
  const texts = typeof answer === "string" ? [answer] : answer;
  const indexes = texts.map((t) => p.choices.indexOf(t));
  return indexes.every((i) => i >= 0) ? indexes : undefined;
}

export type ExamEnd = "submitted" | "out-of-time" | "interrupted";

/**
 * The exam graded: answered questions as results, the rest unanswered. A question seen and left unanswered in an
 * exam that was submitted or ran out of time is recorded as skipped; a stopped exam keeps only the answers given.
 */
export function graded(state: ExamState, end: ExamEnd, startedAt: number, recallPass: number): { round: RoundState; results: Result[] } {
  const results: Result[] = [];
  const queue: RoundState["queue"] = [];
  const recorded: Result[] = [];
  for (const s of state.slots) {
    if (s.answer !== undefined) {
      const r: Result = {
        question: s.question,
        answer: s.answer,
        grade: grade(s.question, s.answer, { recallPass }),
        ms: s.ms,
        timedOut: false,
        skipped: false,
        correct: false,
      };
      r.correct = r.grade.correct;
      results.push(r);
      recorded.push(r);
    } else {
      queue.push({ question: s.question });
      if (s.seen && end !== "interrupted")
        recorded.push({
          question: s.question,
          answer: null,
          grade: { score: 0, correct: false },
          correct: false,
          ms: s.ms,
          timedOut: false,
          skipped: true,
        });
    }
  }
  const status = end === "submitted" ? "finished" : end;
  return { round: { queue, results, reserve: [], again: false, status, startedAt }, results: recorded };
}
