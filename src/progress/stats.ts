import { LEVELS } from "../bank/constants.js";
import { forecastOf, isMastered } from "../quiz/schedule.js";
import { dayKey, parseDay, previousDayKey } from "../time/calendar.js";
import { dueTimes, nextDue } from "./due.js";
import { type QuestionSummary, type RoundPoint, type RoundSummary, type Summary, summarizeRounds } from "./summary.js";
import type { Round } from "./types.js";
import { byText, type ProgressInput, summaryOf, topicHealth } from "./weak.js";

export interface StatsInput extends ProgressInput {
  /** Every round, or their summary (cheaper: the store keeps one). */
  rounds?: Round[];
  roundSummary?: RoundSummary;
  levels?: string[];
  topics?: string[];
}

export interface GroupStats {
  /** Questions in the bank for this level or topic. */
  questions: number;
  /** Distinct questions answered at least once. */
  answered: number;
  mastered: number;
  attempts: number;
  /** Share of attempts answered correctly; null with no attempts. */
  accuracy: number | null;
  /** Mastered share of the bank's questions, 0..1. */
  mastery: number;
}

export interface Stats {
  attempts: number;
  accuracy: number | null;
  answered: number;
  mastered: number;
  levels: (GroupStats & { level: string })[];
  topics: (GroupStats & { topic: string; weak: boolean })[];
  rounds: {
    count: number;
    /** Mean score over every round, 0..1. */
    mean: number | null;
    /** The latest round scores, oldest first, for the chart. */
    recent: RoundPoint[];
  };
  streak: { current: number; longest: number; activeToday: boolean };
  /** Reviews as `quiz --due` sees them: `now` is what it would ask at once, `today` what falls due by midnight
   * (overdue ones included), `next` the next time one falls due after now. */
  due: { now: number; today: number; next7Days: number; next: string | null; forecast: { date: string; due: number }[] };
  /** Answers to questions that are not in the bank now (a pack that is not loaded): counted nowhere above. */
  outside: { questions: number; attempts: number };
}

function roundStats(r: RoundSummary): Stats["rounds"] {
  return { count: r.count, mean: r.count ? r.scoreSum / r.count : null, recent: r.recent };
}
function group(): GroupStats & { correct: number } {
  return { questions: 0, answered: 0, mastered: 0, attempts: 0, accuracy: null, mastery: 0, correct: 0 };
}

function finish<T extends GroupStats & { correct: number }>(g: T): Omit<T, "correct"> {
  const { correct, ...rest } = g;
  return { ...rest, accuracy: g.attempts ? correct / g.attempts : null, mastery: g.questions ? g.mastered / g.questions : 0 };
}

/** Consecutive days with at least one answer, ending today (or yesterday, when today has none yet). */
export function streaks(days: Record<string, number>, now: Date): Stats["streak"] {
  const active = new Set(Object.keys(days).filter((d) => days[d] > 0));
  const activeToday = active.has(dayKey(now));
  let current = 0;
  for (let k = activeToday ? dayKey(now) : previousDayKey(dayKey(now)); active.has(k); k = previousDayKey(k)) current++;
  let longest = 0;
  let run = 0;
  let prev: string | undefined;
  for (const d of [...active].sort()) {
    if (!parseDay(d)) continue;
    run = prev !== undefined && previousDayKey(d) === prev ? run + 1 : 1;
    longest = Math.max(longest, run);
    prev = d;
  }
  return { current, longest, activeToday };
}

/** Answered and mastered counts and accuracy per level and topic, round scores, streak and reviews due. Every number,
 * the weak flags and the reviews due follow the same filters; given the bank, only its questions count. */
export function computeStats(input: StatsInput): Stats {
  const summary: Summary = summaryOf(input);
  const bank = new Map((input.questions ?? []).map((q) => [q.id, q]));
  const known = input.questions !== undefined;
  const levelOk = (l: string) => !input.levels?.length || input.levels.includes(l);
  const topicsOk = (ts: string[]) => !input.topics?.length || ts.some((t) => input.topics?.includes(t));
  const info = (id: string, s?: QuestionSummary): { level: string; topics: string[] } | undefined => {
    const q = bank.get(id);
    if (q) return { level: q.level, topics: q.topics };
    return s && !known ? { level: s.level, topics: s.topics } : undefined;
  };

  const levels = new Map<string, ReturnType<typeof group>>();
  const topics = new Map<string, ReturnType<typeof group>>();
  const total = group();
  const at = <K>(m: Map<K, ReturnType<typeof group>>, k: K) => {
    let g = m.get(k);
    if (!g) {
      g = group();
      m.set(k, g);
    }
    return g;
  };
  for (const l of LEVELS) if (levelOk(l)) at(levels, l);

  for (const q of bank.values()) {
    if (!levelOk(q.level) || !topicsOk(q.topics)) continue;
    total.questions++;
    at(levels, q.level).questions++;
    for (const t of q.topics) if (!input.topics?.length || input.topics.includes(t)) at(topics, t).questions++;
  }

  const included: QuestionSummary[] = [];
  const outside = { questions: 0, attempts: 0 };
  for (const s of Object.values(summary.questions)) {
    const q = info(s.questionId, s);
    if (!q) {
      outside.questions++;
      outside.attempts += s.attempts;
      continue;
    }
    if (!levelOk(q.level) || !topicsOk(q.topics)) continue;
    included.push(s);
    const mastered = isMastered(input.cards.get(s.questionId), input.now) ? 1 : 0;
    const groups = [
      total,
      at(levels, q.level),
      ...q.topics.filter((t) => !input.topics?.length || input.topics.includes(t)).map((t) => at(topics, t)),
    ];
    for (const g of groups) {
      g.answered++;
      g.mastered += mastered;
      g.attempts += s.attempts;
      g.correct += s.correct;
    }
  }

  // Weak flags, like the numbers beside them, from the answers these filters keep.
  const kept: Summary = { ...summary, questions: Object.fromEntries(included.map((s) => [s.questionId, s])) };
  const health = new Map(topicHealth({ ...input, summary: kept }).map((t) => [t.topic, t]));
  const ids = included.map((s) => s.questionId);
  const { dueAt } = dueTimes({ cards: input.cards, summary: kept, ids });
  const forecast = forecastOf(dueAt.values(), input.now, 8);
  const dueNow = ids.filter((id) => (dueAt.get(id)?.getTime() ?? Number.POSITIVE_INFINITY) <= input.now.getTime()).length;
  const next = nextDue(dueAt, ids, input.now);
  const totals = finish(total);

  return {
    attempts: totals.attempts,
    accuracy: totals.accuracy,
    answered: totals.answered,
    mastered: totals.mastered,
    levels: [...levels].map(([level, g]) => ({ level, ...finish(g) })),
    topics: [...topics]
      .filter(([, g]) => g.questions || g.attempts)
      .map(([topic, g]) => ({ topic, ...finish(g), weak: health.get(topic)?.weak ?? false }))
      .sort((a, b) => byText(a.topic, b.topic)),
    rounds: roundStats(input.roundSummary ?? summarizeRounds(input.rounds ?? [])),
    streak: streaks(summary.days, input.now),
    due: {
      now: dueNow,
      today: forecast[0].due,
      next7Days: forecast.slice(1).reduce((n, d) => n + d.due, 0),
      next: next ? next.toISOString() : null,
      forecast: forecast.slice(0, 8),
    },
    outside,
  };
}
