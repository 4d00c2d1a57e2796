import type { QuestionOf } from "../bank/schema.js";
import { gradeAnswer, parseAnswer } from "../scenarios/answers.js";
import type { AnyQuestion, ScenarioQuestion } from "./question.js";
import { matchPhrase, normalizeCloze, prepare } from "./text.js";

export { normalizeCloze };

/** mcq: the chosen choice text; multi: the chosen texts; truefalse: a boolean; cloze/recall: text; order: step texts in the person's order; null: timed out or skipped. */
export type Answer = string | string[] | boolean | null;

export interface KeyPointResult {
  point: string;
  covered: boolean;
  /** The phrase that matched. */
  matched?: string;
}

export interface Grade {
  /** For a scenario answered wrong: the common mistake that gives that answer. */
  mistake?: string;
  /** The answer could not be read (a letter with no choice, text where a number was asked); what to type instead. */
  invalid?: string;
  /** 0..1 */
  score: number;
  correct: boolean;
  keyPoints?: KeyPointResult[];
}

export interface GradeOptions {
  /** The share of key points a recall answer needs to count as correct; 0.6 unless given. */
  recallPass?: number;
}

const WRONG: Grade = { score: 0, correct: false };

/** The cloze blank, as in the schema; not imported from there so that grading does not load zod. */
const BLANK = /_{3,}/;

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

/** Credit is the share of the right order's consecutive pairs that also follow each other in the answer. */
function gradeOrder(q: QuestionOf<"order">, answer: Answer): Grade {
  const given = texts(answer);
  const steps = q.steps.map((s) => s.trim());
  let pairs = 0;
  for (let i = 0; i + 1 < steps.length; i++) {
    const at = given.indexOf(steps[i]);
    if (at >= 0 && given[at + 1] === steps[i + 1]) pairs++;
  }
  const correct = given.length === steps.length && given.every((s, i) => s === steps[i]);
  return { score: correct ? 1 : pairs / (steps.length - 1), correct };
}

function gradeCloze(q: QuestionOf<"cloze">, answer: Answer): Grade {
  if (typeof answer !== "string") return WRONG;
  const accepted = q.answers.map(normalizeCloze);
  const millis = isMillisecondsBlank(q.prompt);
  const ok = clozeReadings(q.prompt, answer).some((reading) => {
    const given = normalizeCloze(reading);
    return accepted.some((a) => a === given || a === `${given}.ms` || (millis && /^\d+$/.test(a) && durationMs(reading) === Number(a)));
  });
  return exact(ok);
}

const UNIT_MS: [RegExp, number][] = [
  [/^(ms|msecs?|millis|milliseconds?)$/, 1],
  [/^(s|secs?|seconds?)$/, 1000],
  [/^(m|mins?|minutes?)$/, 60_000],
  [/^(h|hrs?|hours?)$/, 3_600_000],
  [/^(d|days?)$/, 86_400_000],
];

/** A duration such as "45 seconds", "2 min" or "1.5h" in milliseconds; undefined when the text is not one. */
function durationMs(text: string): number | undefined {
  const m = normalizeCloze(text).match(/^(\d+(?:\.\d+)?)\s*\.?\s*([a-z]+)$/);
  const factor = m && UNIT_MS.find(([unit]) => unit.test(m[2]))?.[1];
  if (!m || !factor) return undefined;
  const ms = Number(m[1]) * factor;
  return Number.isInteger(ms) ? ms : undefined;
}

/** Whether the blank holds milliseconds: "___ ms", or a name ending in .ms just before it ("linger.ms=___"). */
function isMillisecondsBlank(prompt: string): boolean {
  const [before = "", after = ""] = prompt.split(BLANK);
  return /^\s*(ms|milliseconds)\b/i.test(after) || /[._]ms\b[^.\w]*(\w+\s+){0,3}$/i.test(before);
}

const NAME = /[\w.-]+/;

/**
 * The answer as given, and without words that repeat the prompt around the blank:
 * "acks=all" for "acks=___", "30000 ms" for "___ ms".
 */
function clozeReadings(prompt: string, answer: string): string[] {
  const [before = "", after = ""] = prompt.split(BLANK);
  const readings = [answer];
  const name = before.match(new RegExp(`(${NAME.source})\\s*[=:]?\\s*$`))?.[1];
  const eq = answer.search(/[=:]/);
  if (name && eq > 0 && normalizeCloze(answer.slice(0, eq)) === normalizeCloze(name)) readings.push(answer.slice(eq + 1));
  const unit = after.match(new RegExp(`^\\s*(${NAME.source})`))?.[1]?.replace(/\.+$/, "");
  if (unit) {
    for (const r of [...readings]) {
      const trimmed = r.trim().replace(/\.$/, "");
      if (trimmed.toLowerCase().endsWith(unit.toLowerCase()) && trimmed.length > unit.length) {
        readings.push(trimmed.slice(0, -unit.length));
      }
    }
  }
  return readings;
}

function gradeRecall(q: QuestionOf<"recall">, answer: Answer, pass: number): Grade {
  const text = typeof answer === "string" ? prepare(answer) : null;
  const keyPoints: KeyPointResult[] = q.keyPoints.map((kp) => {
    const matched = text ? kp.phrases.find((p) => matchPhrase(text, p)) : undefined;
    const reversed = text && matched !== undefined && (kp.not ?? []).some((p) => matchPhrase(text, p, { reversed: true }));
    return matched !== undefined && !reversed ? { point: kp.point, covered: true, matched } : { point: kp.point, covered: false };
  });
  const score = keyPoints.length ? keyPoints.filter((k) => k.covered).length / keyPoints.length : 0;
  // A small epsilon so 3 of 5 passes a 0.6 mark despite floating point.
  return { score, correct: text !== null && score >= pass - 1e-9, keyPoints };
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
