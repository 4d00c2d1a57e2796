import type { Answer, Grade } from "./grade.js";
import type { AnyQuestion } from "./question.js";
import type { Flag, RatingName } from "./ratings.js";

/** Seconds per question by type when --time is not given: longer for open answers. */
export const DEFAULT_SECONDS: Record<AnyQuestion["type"], number> = {
  truefalse: 30,
  mcq: 45,
  cloze: 45,
  multi: 60,
  order: 90,
  recall: 240,
  scenario: 120,
};

export function secondsFor(q: AnyQuestion, time: number | undefined): number {
  return time ?? DEFAULT_SECONDS[q.type];
}

export interface Result {
  question: AnyQuestion;
  answer: Answer;
  grade: Grade;
  ms: number;
  timedOut: boolean;
  skipped: boolean;
  confidence?: "sure" | "unsure" | "guess";
  /** Right or wrong as it counts: the grader's verdict, or the person's own grade of a recall answer. */
  correct: boolean;
  rating?: RatingName;
  flag?: Flag;
  /** The id of the question this one followed up, if any. */
  followUpOf?: string;
  /** The second try of a question missed earlier in the round: practice, outside the score. */
  again?: boolean;
}

export interface Slot {
  question: AnyQuestion;
  followUpOf?: string;
  /** A missed question brought back once (a learning step). */
  again?: boolean;
}

export type Status = "running" | "finished" | "interrupted" | "out-of-time" | "quit";

/** A round: what is left to ask, what was answered, and how it ended. Transitions are pure. */
export interface RoundState {
  queue: Slot[];
  results: Result[];
  /** Questions that take the place of a follow-up left out after its parent got no answer, so the count holds. */
  reserve: AnyQuestion[];
  /** Whether a missed question comes back once later in the round. */
  again: boolean;
  status: Status;
  startedAt: number;
  /** When the whole round runs out (ms since epoch), with --round-time. */
  deadline?: number;
}

export interface RoundPlan {
  roundSeconds?: number;
  reserve?: AnyQuestion[];
  again?: boolean;
}

export function startRound(plan: (AnyQuestion | Slot)[], now: number, options: RoundPlan = {}): RoundState {
  const queue = plan.map((x): Slot => ("question" in x ? x : { question: x }));
  return {
    queue,
    results: [],
    reserve: options.reserve ?? [],
    again: options.again ?? false,
    status: queue.length ? "running" : "finished",
    startedAt: now,
    deadline: options.roundSeconds ? now + options.roundSeconds * 1000 : undefined,
  };
}

export function current(state: RoundState): Slot | undefined {
  return state.status === "running" ? state.queue[0] : undefined;
}

/** The current question's place in the round ("4" of "10"): follow-ups count inside the total, second tries never. */
export function position(state: RoundState): { at: number; total: number } {
  const asked = state.results.filter((r) => !r.again).length;
  return { at: asked + 1, total: asked + state.queue.filter((s) => !s.again).length };
}

/**
 * Record the answer to the current question. A question that got no answer takes its follow-ups out of the round
 * (others from the reserve take their places); a missed one comes back once, after the planned questions.
 */
export function answer(state: RoundState, result: Omit<Result, "question" | "followUpOf" | "again">, now: number): RoundState {
  const [slot, ...rest] = state.queue;
  if (!slot || state.status !== "running") return state;
  const reserve = [...state.reserve];
  let queue = rest;
  if (result.answer === null && !slot.again) {
    const dropped = new Set([slot.question.id]);
    const planned = new Set(queue.map((s) => s.question.id));
    queue = queue.flatMap((s) => {
      if (s.again || s.followUpOf === undefined || !dropped.has(s.followUpOf)) return [s];
      dropped.add(s.question.id);
      while (reserve.length) {
        const next = reserve.shift() as AnyQuestion;
        if (!planned.has(next.id) && !state.results.some((r) => r.question.id === next.id)) return [{ question: next }];
      }
      return [];
    });
  }
  // At the end of the round, so the planned questions keep their order (and piped answers their lines).
  if (state.again && !slot.again && !result.correct) queue = [...queue, { question: slot.question, again: true }];
  const results = [...state.results, { ...result, question: slot.question, followUpOf: slot.followUpOf, again: slot.again }];
  const status: Status =
    queue.length === 0 ? "finished" : state.deadline !== undefined && now >= state.deadline ? "out-of-time" : "running";
  return { ...state, queue, results, reserve, status };
}

/** End the round early: Ctrl-C, the round's time, or the person quitting. What is left counts as unanswered; quitting
 * when only second tries are left is the end of a complete round. */
export function stop(state: RoundState, status: Exclude<Status, "running" | "finished">): RoundState {
  if (state.status !== "running") return state;
  if (status === "quit" && state.queue.every((s) => s.again)) return { ...state, status: "finished" };
  return { ...state, status };
}

/** Milliseconds the current question may take: its own limit, cut short by the round's deadline. */
export function timeLimit(state: RoundState, seconds: number, now: number): number | undefined {
  const own = seconds > 0 ? seconds * 1000 : undefined;
  if (state.deadline === undefined) return own;
  const left = Math.max(0, state.deadline - now);
  return own === undefined ? left : Math.min(own, left);
}

/**
 * A round's numbers. The score is the share of the questions asked that were right (the person's own grade where
 * they gave one); partial credit shows with each answer and never enters it. Second tries are counted apart.
 */
export interface Summary {
  /** Questions in the round: asked, and planned but not reached. */
  total: number;
  /** Questions shown and ended: answered, skipped or timed out. */
  asked: number;
  answered: number;
  correct: number;
  timedOut: number;
  skipped: number;
  /** Planned questions the round never reached (it ended early). */
  unanswered: number;
  /** correct / asked, 0 with nothing asked. */
  score: number;
  /** Answers whose verdict is the person's own grade, against the grader's. */
  overruled: Result[];
  /** Missed questions that came back, and how many of them were right the second time. */
  again: { asked: number; correct: number };
  confidentMistakes: Result[];
  missed: Result[];
}

export function summarize(state: RoundState): Summary {
  const first = state.results.filter((r) => !r.again);
  const second = state.results.filter((r) => r.again);
  const correct = first.filter((r) => r.correct).length;
  return {
    total: first.length + state.queue.filter((s) => !s.again).length,
    asked: first.length,
    answered: first.filter((r) => !r.timedOut && !r.skipped).length,
    correct,
    timedOut: first.filter((r) => r.timedOut).length,
    skipped: first.filter((r) => r.skipped).length,
    unanswered: state.queue.filter((s) => !s.again).length,
    score: first.length ? correct / first.length : 0,
    overruled: first.filter((r) => r.correct !== r.grade.correct),
    again: { asked: second.length, correct: second.filter((r) => r.correct).length },
    confidentMistakes: first.filter((r) => r.confidence === "sure" && !r.correct),
    missed: first.filter((r) => !r.correct),
  };
}

/** A mock exam's score: every question of the exam counts, those never reached as wrong. */
export function examScore(s: Summary): number {
  return s.total ? s.correct / s.total : 0;
}
