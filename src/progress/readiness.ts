import type { Level, Topic } from "../bank/schema.js";
import { type Card, plannedReviews, predictedRecall } from "../quiz/schedule.js";
import { dayKey, daysBetween } from "../time/calendar.js";
import type { Summary } from "./summary.js";
import type { QuestionInfo } from "./weak.js";

export interface Thresholds {
  /** Percentages, 0..100. */
  minScore: number;
  minCoverage: number;
  minRecall: number;
}

export interface TopicReadiness {
  level: Level;
  topic: Topic;
  questions: number;
  attempted: number;
  /** Percentages, 0..100; accuracy and recall are null before any attempt. */
  coverage: number;
  accuracy: number | null;
  recall: number | null;
  pass: boolean;
  reasons: string[];
  /** What brings it up: practice of this topic and level, only the due reviews when recall is all that is missing. */
  fix: { due: boolean };
  /** Questions to answer until the date to pass: new ones, missed ones again, and due reviews. */
  needed: { new: number; retry: number; reviews: number };
}

export interface Readiness {
  on: string;
  thresholds: Thresholds;
  topics: TopicReadiness[];
  passed: number;
  failed: number;
  /** With an interview date: reviews a day until then that bring every failing topic above its thresholds. */
  plan?: { days: number; perDay: number; total: number };
}

const pct = (x: number) => Math.round(x * 1000) / 10;

/**
 * Readiness per level and topic, from the recorded history.
 * Coverage: share of the topic's questions attempted. Accuracy: share of the attempted questions whose latest answer
 * was right. Recall: mean predicted recall of the attempted questions on the date, with no further practice (FSRS
 * retrievability; 0 for a question whose latest answer was wrong).
 */
export function readiness(input: {
  questions: QuestionInfo[];
  /** The store's per-question summary of the history (the latest answers of each question). */
  summary: Summary;
  cards: Map<string, Card>;
  levels: Level[];
  topics: Topic[];
  thresholds: Thresholds;
  now: Date;
  on?: Date;
}): Readiness {
  const on = input.on ?? input.now;
  const latest = new Map(
    Object.values(input.summary.questions).flatMap((q) => {
      const last = q.recent.at(-1);
      return last ? [[q.questionId, last] as const] : [];
    }),
  );
  const t = input.thresholds;
  const rows: TopicReadiness[] = [];
  for (const level of input.levels) {
    for (const topic of input.topics) {
      const qs = input.questions.filter((q) => q.level === level && q.topics.includes(topic));
      if (!qs.length) continue;
      const tried = qs.filter((q) => latest.has(q.id));
      const coverage = pct(tried.length / qs.length);
      // Right or wrong as the person last graded it, as everywhere: partial credit is not a score.
      const accuracy = tried.length ? pct(tried.filter((q) => latest.get(q.id)?.correct).length / tried.length) : null;
      const recall = tried.length
        ? pct(tried.reduce((s, q) => s + predictedRecall(input.cards.get(q.id), on, latest.get(q.id)?.correct), 0) / tried.length)
        : null;
      const reasons: string[] = [];
      if (!tried.length) reasons.push("not practised yet");
      else {
        if (coverage < t.minCoverage) reasons.push(`coverage ${coverage}% < ${t.minCoverage}%`);
        if ((accuracy ?? 0) < t.minScore) reasons.push(`accuracy ${accuracy}% < ${t.minScore}%`);
        if ((recall ?? 0) < t.minRecall) reasons.push(`predicted recall ${recall}% < ${t.minRecall}%`);
      }
      const pass = reasons.length === 0;
      const onlyRecall = !pass && reasons.every((r) => r.startsWith("predicted recall"));
      const fix = { due: onlyRecall };
      const missing = Math.max(0, Math.ceil((t.minCoverage / 100) * qs.length) - tried.length);
      const cards = tried.map((q) => input.cards.get(q.id)).filter((c): c is Card => c !== undefined);
      const reviews = input.on ? plannedReviews(cards, input.now, input.on) : 0;
      rows.push({
        level,
        topic,
        questions: qs.length,
        attempted: tried.length,
        coverage,
        accuracy,
        recall,
        pass,
        reasons,
        fix,
        needed: {
          new: pass ? 0 : Math.max(missing, tried.length ? 0 : Math.min(qs.length, 3)),
          retry: pass ? 0 : tried.filter((q) => !latest.get(q.id)?.correct).length,
          reviews: pass ? 0 : reviews,
        },
      });
    }
  }
  const failed = rows.filter((r) => !r.pass);
  const result: Readiness = {
    // The local calendar day, as the person typed it: toISOString would give the UTC day, a day off east or west.
    on: dayKey(on),
    thresholds: t,
    topics: rows,
    passed: rows.length - failed.length,
    failed: failed.length,
  };
  if (input.on) {
    const days = Math.max(1, daysBetween(input.now, input.on));
    const total = failed.reduce((s, r) => s + r.needed.new + r.needed.retry + r.needed.reviews, 0);
    result.plan = { days, total, perDay: Math.ceil(total / days) };
  }
  return result;
}
