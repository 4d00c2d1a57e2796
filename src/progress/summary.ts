import { dayKey } from "../time/calendar.js";
import { isoTime } from "../time/iso.js";
import type { Attempt, Confidence, Round } from "./types.js";

/** How many of a question's latest outcomes are kept: enough for the recency-weighted rules in weak.ts. */
export const RECENT_PER_QUESTION = 8;

export interface Outcome {
  at: string;
  correct: boolean;
  score: number;
  timedOut: boolean;
  confidence?: Confidence;
}

export interface QuestionSummary {
  questionId: string;
  level: string;
  topics: string[];
  attempts: number;
  correct: number;
  scoreSum: number;
  lastAt: string;
  /** The latest outcomes, oldest first. */
  recent: Outcome[];
}

/** Everything stats and weak topics need from the history, updated one attempt at a time, so they
 * never have to read 100,000 lines: the store keeps it beside the cards as derived state. */
export interface Summary {
  attempts: number;
  correct: number;
  scoreSum: number;
  questions: Record<string, QuestionSummary>;
  /** Attempts per local calendar day (YYYY-MM-DD), for streaks. */
  days: Record<string, number>;
}

export function emptySummary(): Summary {
  // No prototype: a question id like "__proto__" or "toString" is only a key.
  return { attempts: 0, correct: 0, scoreSum: 0, questions: Object.create(null), days: Object.create(null) };
}

/** Local day keys (YYYY-MM-DD) of times, remembering the last day's bounds: answers come in runs on the same day.
 * Make one per pass over the history; a new one reads the time zone anew (a process that changes TZ, as tests do,
 * must not reuse another zone's day). */
export function dayKeys(): (t: number) => string {
  let start = 0;
  let end = -1;
  let key = "";
  return (t) => {
    if (t >= start && t < end) return key;
    const d = new Date(t);
    start = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
    end = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
    key = dayKey(d);
    return key;
  };
}

/** Adds one attempt; `dayOf` is the pass's day keyer (see dayKeys), `t` the attempt's time when known. */
export function addAttempt(s: Summary, a: Attempt, dayOf: (t: number) => string = dayKeys(), t = isoTime(a.at)): Summary {
  if (a.amends !== undefined) return amend(s, a);
  s.attempts++;
  if (a.correct) s.correct++;
  s.scoreSum += a.score;
  const day = dayOf(t);
  s.days[day] = (s.days[day] ?? 0) + 1;
  let q = s.questions[a.questionId];
  if (!q) {
    q = { questionId: a.questionId, level: a.level, topics: a.topics, attempts: 0, correct: 0, scoreSum: 0, lastAt: a.at, recent: [] };
    s.questions[a.questionId] = q;
  }
  q.attempts++;
  if (a.correct) q.correct++;
  q.scoreSum += a.score;
  const outcome: Outcome = { at: a.at, correct: a.correct, score: a.score, timedOut: a.timedOut };
  if (a.confidence) outcome.confidence = a.confidence;
  // Keep `recent` in time order even when an import brings older attempts (the usual case, a newer one, costs
  // no date parsing: the times are ISO strings of one length).
  let i = q.recent.length;
  const last = q.recent[i - 1];
  if (!(last && last.at.length === a.at.length && last.at <= a.at)) while (i > 0 && isoTime(q.recent[i - 1].at) > t) i--;
  if (i === q.recent.length) q.recent.push(outcome);
  else q.recent.splice(i, 0, outcome);
  if (q.recent.length > RECENT_PER_QUESTION) q.recent.shift();
  if (q.lastAt === a.at || (q.lastAt.length === a.at.length ? q.lastAt < a.at : t >= isoTime(q.lastAt))) {
    q.lastAt = a.at;
    q.level = a.level;
    q.topics = a.topics;
  }
  return s;
}

/** A correction of an earlier attempt: not an attempt of its own; the earlier one now counts as the person graded it. */
function amend(s: Summary, a: Attempt): Summary {
  const q = s.questions[a.questionId];
  if (!q) return s;
  // The counts move from the verdict the attempt has now: its outcome among the recent ones (a second correction of
  // it moves nothing more), or else the grader's verdict the line names. Never past 0 or the number of attempts.
  let was = a.graded ?? a.correct;
  for (let i = q.recent.length - 1; i >= 0; i--) {
    if (q.recent[i].at === a.at) {
      was = q.recent[i].correct;
      q.recent[i] = { ...q.recent[i], correct: a.correct };
      break;
    }
  }
  const delta = Number(a.correct) - Number(was);
  q.correct = Math.min(q.attempts, Math.max(0, q.correct + delta));
  s.correct = Math.min(s.attempts, Math.max(0, s.correct + delta));
  return s;
}

export function summarize(attempts: Iterable<Attempt>): Summary {
  const s = emptySummary();
  const dayOf = dayKeys();
  for (const a of attempts) addAttempt(s, a, dayOf);
  return s;
}

/** How many of the latest rounds are kept for the chart of round scores. */
export const RECENT_ROUNDS = 60;

export interface RoundPoint {
  at: string;
  kind: string;
  score: number;
  answered: number;
  total: number;
}

/** Round scores for stats without reading every round: count, mean and the latest ones, oldest first. */
export interface RoundSummary {
  count: number;
  scoreSum: number;
  recent: RoundPoint[];
}

export function emptyRoundSummary(): RoundSummary {
  return { count: 0, scoreSum: 0, recent: [] };
}

export function addRound(s: RoundSummary, r: Round): RoundSummary {
  s.count++;
  s.scoreSum += r.score;
  const point: RoundPoint = { at: r.endedAt, kind: r.kind, score: r.score, answered: r.answered, total: r.total };
  const t = isoTime(r.endedAt);
  let i = s.recent.length;
  while (i > 0 && isoTime(s.recent[i - 1].at) > t) i--;
  s.recent.splice(i, 0, point);
  if (s.recent.length > RECENT_ROUNDS) s.recent.shift();
  return s;
}

export function summarizeRounds(rounds: Iterable<Round>): RoundSummary {
  const s = emptyRoundSummary();
  for (const r of rounds) addRound(s, r);
  return s;
}
