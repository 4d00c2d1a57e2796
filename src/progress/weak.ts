import type { Question } from "../bank/schema.js";
import { count } from "../text/count.js";

/** What the progress rules read of a question: which it is and where it belongs. */
export type QuestionInfo = Pick<Question, "id" | "level" | "topics">;

import { type Card, predictedRecall } from "../quiz/schedule.js";
import { type Outcome, type QuestionSummary, type Summary, summarize } from "./summary.js";
import type { Attempt } from "./types.js";

/**
 * The one definition of a weak topic, used by `weak`, `stats`, `quiz --weak` and `check`:
 *
 * A topic is weak when it has at least 3 attempts and either
 *  - its recency-weighted accuracy is below 70%: over the topic's latest 20 attempts, the newest counts 1,
 *    the one before 0.9, then 0.9², and so on, so old mistakes fade as you improve; or
 *  - its mean predicted recall today over the questions answered is below 70% (FSRS retrievability; 0 for a
 *    question whose latest answer was wrong, see predictedRecall).
 *
 * A question is weak when its latest answer was wrong or timed out, when a recent wrong answer was marked
 * "sure" (a confident mistake), or when its predicted recall today is below 70%.
 *
 * Given the bank, only its questions count: answers to a pack that is not loaded make no topic weak.
 */
export const WEAK_RULES = { minAttempts: 3, minAccuracy: 0.7, minRecall: 0.7, window: 20, decay: 0.9 } as const;

export interface ProgressInput {
  /** The history, or its summary (cheaper: the store keeps one). */
  attempts?: Attempt[];
  summary?: Summary;
  cards: Map<string, Card>;
  /** The bank: a question's topics come from here when known. */
  questions?: QuestionInfo[];
  now: Date;
}

export interface TopicHealth {
  topic: string;
  attempts: number;
  /** Recency-weighted accuracy, 0..1. */
  accuracy: number;
  /** Mean predicted recall of the topic's answered questions today, 0..1. */
  retrievability?: number;
  weak: boolean;
  reasons: string[];
}

export type WeakTopic = Omit<TopicHealth, "weak">;

export interface WeakQuestion {
  id: string;
  topics: string[];
  attempts: number;
  retrievability: number;
  reasons: string[];
}

export function summaryOf(input: ProgressInput): Summary {
  return input.summary ?? summarize(input.attempts ?? []);
}

function topicsOf(q: QuestionSummary, bank: Map<string, QuestionInfo>): string[] {
  return bank.get(q.questionId)?.topics ?? q.topics;
}

function bankIndex(questions: QuestionInfo[] | undefined): Map<string, QuestionInfo> {
  return new Map((questions ?? []).map((q) => [q.id, q]));
}

/** Recency-weighted share of correct outcomes; `outcomes` oldest first. */
export function weightedAccuracy(outcomes: Outcome[]): number {
  let sum = 0;
  let weights = 0;
  let w = 1;
  for (let i = outcomes.length - 1; i >= 0; i--) {
    sum += w * (outcomes[i].correct ? 1 : 0);
    weights += w;
    w *= WEAK_RULES.decay;
  }
  return weights ? sum / weights : 0;
}

/** Plain code-point order: ids and topics are ASCII, and localeCompare costs start-up time loading collation data. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Every topic with attempts, with its numbers and whether it is weak. */
export function topicHealth(input: ProgressInput): TopicHealth[] {
  const summary = summaryOf(input);
  const bank = bankIndex(input.questions);
  const byTopic = new Map<string, { attempts: number; outcomes: Outcome[]; recalls: number[]; confident: number; missedLast: number }>();
  for (const q of Object.values(summary.questions)) {
    if (input.questions && !bank.has(q.questionId)) continue;
    const recall = predictedRecall(input.cards.get(q.questionId), input.now, q.recent.at(-1)?.correct);
    const confident = q.recent.filter((o) => !o.correct && o.confidence === "sure").length;
    for (const topic of topicsOf(q, bank)) {
      let t = byTopic.get(topic);
      if (!t) {
        t = { attempts: 0, outcomes: [], recalls: [], confident: 0, missedLast: 0 };
        byTopic.set(topic, t);
      }
      t.attempts += q.attempts;
      t.outcomes.push(...q.recent);
      t.recalls.push(recall);
      t.confident += confident;
      if (q.recent.at(-1)?.correct === false) t.missedLast++;
    }
  }
  const out: TopicHealth[] = [];
  for (const [topic, t] of byTopic) {
    const recent = t.outcomes
      .map((o) => ({ o, t: Date.parse(o.at) }))
      .sort((a, b) => a.t - b.t)
      .slice(-WEAK_RULES.window)
      .map((x) => x.o);
    const accuracy = weightedAccuracy(recent);
    const recall = t.recalls.length ? t.recalls.reduce((a, b) => a + b, 0) / t.recalls.length : undefined;
    const reasons: string[] = [];
    const enough = t.attempts >= WEAK_RULES.minAttempts;
    const lowAccuracy = enough && accuracy < WEAK_RULES.minAccuracy;
    const fading = enough && recall !== undefined && recall < WEAK_RULES.minRecall;
    if (lowAccuracy) reasons.push(`accuracy ${pct(accuracy)} (recent answers count most; below ${pct(WEAK_RULES.minAccuracy)})`);
    const last5 = recent.slice(-5);
    const misses = last5.filter((o) => !o.correct).length;
    if (misses >= 2) reasons.push(`${misses} of the last ${last5.length} answers missed`);
    if (t.confident) reasons.push(`${count(t.confident, "confident mistake")} recently (answered "sure", but wrong)`);
    // A question missed last has no recall to fade: it counts as 0 until answered right, and the reason says so.
    if (fading)
      reasons.push(
        t.missedLast
          ? `predicted recall ${pct(recall)} today (below ${pct(WEAK_RULES.minRecall)}; ${t.missedLast === t.recalls.length ? "each question" : `${t.missedLast} of ${t.recalls.length} questions`} missed last time ${t.missedLast === 1 || t.missedLast === t.recalls.length ? "counts" : "count"} as 0)`
          : `fading recall: ${pct(recall)} predicted today (below ${pct(WEAK_RULES.minRecall)})`,
      );
    out.push({ topic, attempts: t.attempts, accuracy, retrievability: recall, weak: lowAccuracy || fading, reasons });
  }
  return out.sort((a, b) => byText(a.topic, b.topic));
}

function severity(t: { accuracy: number; retrievability?: number }): number {
  return Math.min(t.accuracy, t.retrievability ?? 1);
}

/** The weak topics, weakest first. */
export function weakTopics(input: ProgressInput): WeakTopic[] {
  return topicHealth(input)
    .filter((t) => t.weak)
    .sort((a, b) => severity(a) - severity(b) || byText(a.topic, b.topic))
    .map(({ weak: _weak, ...rest }) => rest);
}

/** The weak questions with why, weakest first. Only questions in `questions` when a bank is given. */
export function weakQuestions(input: ProgressInput): WeakQuestion[] {
  const summary = summaryOf(input);
  const bank = bankIndex(input.questions);
  const out: (WeakQuestion & { rank: number })[] = [];
  for (const q of Object.values(summary.questions)) {
    if (input.questions && !bank.has(q.questionId)) continue;
    const last = q.recent[q.recent.length - 1];
    const recall = predictedRecall(input.cards.get(q.questionId), input.now, last?.correct);
    const reasons: string[] = [];
    if (last && !last.correct) reasons.push(last.timedOut ? "last answer ran out of time" : "last answer was wrong");
    const confident = q.recent.filter((o) => !o.correct && o.confidence === "sure").length;
    if (confident)
      reasons.push(`${confident === 1 ? "a confident mistake" : count(confident, "confident mistake")}: answered "sure", but wrong`);
    // After a miss the recall is 0 by definition; the miss is the reason.
    if (recall < WEAK_RULES.minRecall && last?.correct !== false) reasons.push(`fading recall: ${pct(recall)} predicted today`);
    if (!reasons.length) continue;
    const rank = (last && !last.correct ? 0 : 1) + (confident ? 0 : 0.5) + recall;
    out.push({ id: q.questionId, topics: topicsOf(q, bank), attempts: q.attempts, retrievability: recall, reasons, rank });
  }
  return out.sort((a, b) => a.rank - b.rank || byText(a.id, b.id)).map(({ rank: _rank, ...rest }) => rest);
}

/** Ids of weak questions, weakest first: what `quiz --weak` asks. */
export function weakQuestionIds(input: ProgressInput): string[] {
  return weakQuestions(input).map((q) => q.id);
}

/** What `quiz --weak` draws from: every bank question in a weak topic, and every weak question. */
export function weakSelection(input: ProgressInput & { questions: QuestionInfo[] }): Set<string> {
  const topics = new Set(weakTopics(input).map((t) => t.topic));
  const ids = new Set(weakQuestionIds(input));
  for (const q of input.questions) if (q.topics.some((t) => topics.has(t))) ids.add(q.id);
  return ids;
}
