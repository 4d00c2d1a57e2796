import { LEVELS } from "../bank/constants.js";
import { dueForecast, isMastered } from "../quiz/schedule.js";
import { dayKey, daysBetween, parseDay, previousDayKey } from "../time/calendar.js";
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
  due: { today: number; next7Days: number; forecast: { date: string; due: number }[] };
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
  let prev: Date | undefined;
  for (const d of [...active].sort()) {
    const day = parseDay(d);
    if (!day) continue;
    run = prev !== undefined && daysBetween(prev, day) === 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
    prev = day;
  }
  return { current, longest, activeToday };
}

/** Answered and mastered counts and accuracy per level and topic, round scores, streak and reviews due. */
export function computeStats(input: StatsInput): Stats {
  const summary: Summary = summaryOf(input);
  const bank = new Map((input.questions ?? []).map((q) => [q.id, q]));
  const levelOk = (l: string) => !input.levels?.length || input.levels.includes(l);
  const topicsOk = (ts: string[]) => !input.topics?.length || ts.some((t) => input.topics?.includes(t));
  const info = (id: string, s?: QuestionSummary): { level: string; topics: string[] } | undefined => {
    const q = bank.get(id);
    if (q) return { level: q.level, topics: q.topics };
    return s ? { level: s.level, topics: s.topics } : undefined;
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
  for (const s of Object.values(summary.questions)) {
    const q = info(s.questionId, s);
    if (!q || !levelOk(q.level) || !topicsOk(q.topics)) continue;
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

  const health = new Map(topicHealth({ ...input, summary }).map((t) => [t.topic, t]));
  const filtered = input.levels?.length || input.topics?.length;
  const cards = filtered ? included.map((s) => input.cards.get(s.questionId)).filter((c) => c !== undefined) : input.cards.values();
  const forecast = dueForecast(cards, input.now, 8);
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
      today: forecast[0].due,
      next7Days: forecast.slice(1).reduce((n, d) => n + d.due, 0),
      forecast: forecast.slice(0, 8),
    },
  };
}
