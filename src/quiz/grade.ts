import type { QuestionOf } from "../bank/schema.js";
import { gradeAnswer, parseAnswer } from "../scenarios/answers.js";
import { clozeCorrect, normalizeCloze } from "./grading/cloze.js";
import { gradeOrdering } from "./grading/order.js";
import { type Contradiction, gradeRecall as gradeRecallAnswer } from "./grading/recall.js";
import type { AnyQuestion, ScenarioQuestion } from "./question.js";

export type { Contradiction };
export { normalizeCloze };

/** mcq: the chosen choice text; multi: the chosen texts; truefalse: a boolean; cloze/recall: text; order: step texts in the person's order; null: timed out or skipped. */
export type Answer = string | string[] | boolean | null;

export interface KeyPointResult {
  point: string;
  covered: boolean;
  /** A passing answer must cover it; the other points show depth. */
  core: boolean;
  /** The phrase that matched. */
  matched?: string;
  /** The wrong claim that cost this point. */
  contradicted?: Contradiction;
}

export interface Grade {
  /** For a scenario answered wrong: the common mistake that gives that answer. */
  mistake?: string;
  /** The answer could not be read (a letter with no choice, text where a number was asked); what to type instead. */
  invalid?: string;
  /** 0..1; recall: the share of key points covered, depth included. */
  score: number;
  /** Recall: every core point covered and nothing contradicted (without core points, the share rule). */
  correct: boolean;
  keyPoints?: KeyPointResult[];
  /** Recall: wrong claims found in the answer, each with why it is wrong. */
  contradictions?: Contradiction[];
  /** Order: the steps out of place in the answer (or missing from it), in the right order. */
  misplaced?: string[];
  /** Recall: why the answer failed when it did: a wrong claim, a core point missing, too few points, a list of terms. */
  reason?: "contradiction" | "missing-core" | "share" | "keyword-list";
}

export interface GradeOptions {
  /** For recall questions without core points: the share of key points that passes; 0.6 unless given. */
  recallPass?: number;
}

const WRONG: Grade = { score: 0, correct: false };

export function grade(q: AnyQuestion, answer: Answer, options: GradeOptions = {}): Grade {
  switch (q.type) {
    case "mcq":
      return exact(typeof answer === "string" && answer.trim() === q.choices.find((c) => c.correct)?.text.trim());
    case "truefalse":
      return exact(typeof answer === "boolean" && answer === q.answer);
    case "multi":
      return gradeMulti(q, answer);
    case "cloze":
      return gradeCloze(q, answer);
    case "order":
      return gradeOrder(q, answer);
    case "recall":
      return gradeRecall(q, answer, options.recallPass ?? 0.6);
    case "scenario":
      return gradeScenario(q, answer);
  }
}

const exact = (ok: boolean): Grade => (ok ? { score: 1, correct: true } : WRONG);

const texts = (answer: Answer): string[] => (Array.isArray(answer) ? answer.map((a) => a.trim()) : []);

/** Wrong picks cancel right ones, so ticking every box earns nothing when wrong choices are at least as many. */
function gradeMulti(q: QuestionOf<"multi">, answer: Answer): Grade {
  const picked = new Set(texts(answer));
  const right = new Set(q.choices.filter((c) => c.correct).map((c) => c.text.trim()));
  let rightPicked = 0;
  for (const p of picked) if (right.has(p)) rightPicked++;
  const wrongPicked = picked.size - rightPicked;
  const score = Math.max(0, (rightPicked - wrongPicked) / right.size);
  return { score, correct: wrongPicked === 0 && rightPicked === right.size };
}

/** Credit for each step that can stay where it is; the others are named (src/quiz/grading/order.ts). */
function gradeOrder(q: QuestionOf<"order">, answer: Answer): Grade {
  const g = gradeOrdering(
    q.steps.map((s) => s.trim()),
    texts(answer),
  );
  return g.correct ? { score: 1, correct: true } : { score: g.score, correct: false, misplaced: g.misplaced };
}

function gradeCloze(q: QuestionOf<"cloze">, answer: Answer): Grade {
  return exact(typeof answer === "string" && clozeCorrect(q, answer));
}

function gradeRecall(q: QuestionOf<"recall">, answer: Answer, pass: number): Grade {
  const g = gradeRecallAnswer(q, typeof answer === "string" ? answer : null, pass);
  return {
    score: g.score,
    correct: g.correct,
    keyPoints: g.keyPoints,
    ...(g.contradictions.length ? { contradictions: g.contradictions } : {}),
    ...(g.reason ? { reason: g.reason } : {}),
  };
}

/** A scenario's answer as typed or picked: a choice's text or letter, yes or no, or a number with or without its unit. */
function gradeScenario(q: ScenarioQuestion, answer: Answer): Grade {
  if (answer === null) return WRONG;
  const text = typeof answer === "boolean" ? (answer ? "yes" : "no") : Array.isArray(answer) ? answer.join(",") : answer;
  const given = parseAnswer(q.instance, text);
  if ("error" in given) return { ...WRONG, invalid: given.error };
  const r = gradeAnswer(q.instance, given);
  return r.mistake ? { score: r.score, correct: r.correct, mistake: r.mistake.text } : { score: r.score, correct: r.correct };
}
