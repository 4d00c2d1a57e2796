import type { Answer, Grade } from "./grade.js";
import type { AnyQuestion } from "./question.js";

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
  /** The id of the question this one followed up, if any. */
  followUpOf?: string;
}

export interface Slot {
  question: AnyQuestion;
  followUpOf?: string;
}

export type Status = "running" | "finished" | "interrupted" | "out-of-time" | "quit";

/** A round: what is left to ask, what was answered, and how it ended. Transitions are pure. */
export interface RoundState {
  queue: Slot[];
  results: Result[];
  status: Status;
  startedAt: number;
  /** When the whole round runs out (ms since epoch), with --round-time. */
  deadline?: number;
}

export function startRound(questions: AnyQuestion[], now: number, roundSeconds?: number): RoundState {
  return {
    queue: questions.map((question) => ({ question })),
    results: [],
    status: questions.length ? "running" : "finished",
    startedAt: now,
    deadline: roundSeconds ? now + roundSeconds * 1000 : undefined,
  };
}

export function current(state: RoundState): Slot | undefined {
  return state.status === "running" ? state.queue[0] : undefined;
}

/** Record the answer to the current question; its follow-ups (not yet asked in this round) come next. */
export function answer(
  state: RoundState,
  result: Omit<Result, "question" | "followUpOf">,
  now: number,
  followUps: AnyQuestion[] = [],
): RoundState {
  const [slot, ...rest] = state.queue;
  if (!slot || state.status !== "running") return state;
  const asked = new Set([...state.results.map((r) => r.question.id), slot.question.id, ...rest.map((s) => s.question.id)]);
  const next = followUps.filter((q) => !asked.has(q.id)).map((question) => ({ question, followUpOf: slot.question.id }));
  const queue = [...next, ...rest];
  const results = [...state.results, { ...result, question: slot.question, followUpOf: slot.followUpOf }];
  const status: Status =
    queue.length === 0 ? "finished" : state.deadline !== undefined && now >= state.deadline ? "out-of-time" : "running";
  return { ...state, queue, results, status };
}

/** End the round early: Ctrl-C, the round's time, or the person quitting. What is left counts as unanswered. */
export function stop(state: RoundState, status: Exclude<Status, "running" | "finished">): RoundState {
  return state.status === "running" ? { ...state, status } : state;
}

/** Milliseconds the current question may take: its own limit, cut short by the round's deadline. */
export function timeLimit(state: RoundState, seconds: number, now: number): number | undefined {
  const own = seconds > 0 ? seconds * 1000 : undefined;
  if (state.deadline === undefined) return own;
  const left = Math.max(0, state.deadline - now);
  return own === undefined ? left : Math.min(own, left);
}

export interface Summary {
  total: number;
  answered: number;
  correct: number;
  timedOut: number;
  skipped: number;
  unanswered: number;
  /** Mean score over every question of the round, unanswered ones counting 0. */
  score: number;
  confidentMistakes: Result[];
  missed: Result[];
}

export function summarize(state: RoundState): Summary {
  const answered = state.results.filter((r) => !r.timedOut && !r.skipped).length;
  // A finished round has an empty queue; one that ended early leaves its rest unanswered.
  const unanswered = state.queue.length;
  const total = state.results.length + unanswered;
  const sum = state.results.reduce((s, r) => s + r.grade.score, 0);
  return {
    total,
    answered,
    correct: state.results.filter((r) => r.grade.correct).length,
    timedOut: state.results.filter((r) => r.timedOut).length,
    skipped: state.results.filter((r) => r.skipped).length,
    unanswered,
    score: total ? sum / total : 0,
    confidentMistakes: state.results.filter((r) => r.confidence === "sure" && !r.grade.correct),
    missed: state.results.filter((r) => !r.grade.correct),
  };
}
