import { withoutControl } from "../text/control.js";
import type { Answer } from "./grade.js";
import type { AnyQuestion } from "./question.js";
import { hashSeed, rng, shuffle } from "./random.js";

/** Letters label choices: a) b) c) ... */
export const letter = (i: number) => String.fromCharCode(97 + i);

/** A question as shown: choices in this attempt's order. Position is never the cue. */
export interface Presented {
  question: AnyQuestion;
  kind: "one" | "many" | "order" | "text" | "lines";
  /** Choice or step texts in display order (empty for text answers). */
  choices: string[];
  /** Several answers: how many the prompt says to choose ("Choose two"); undefined for "select all that apply". */
  picks?: number;
}

const NUMBERS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5 };

/** "Which two…? Choose two." → 2; undefined when the prompt names no number. */
export function picksIn(prompt: string): number | undefined {
  const m = /\b(?:choose|pick|select) (two|three|four|five|[2-5])\b/i.exec(prompt);
  if (!m) return undefined;
  return NUMBERS[m[1].toLowerCase()] ?? Number(m[1]);
}

/** The letters a question's choices take: "a-d" for four. */
export const letterRange = (n: number) => (n > 1 ? `a-${letter(n - 1)}` : "a");

export function present(q: AnyQuestion, seed: number): Presented {
  const random = rng(hashSeed(seed, q.id));
  switch (q.type) {
    case "mcq":
      return { question: q, kind: "one", choices: shuffle(q.choices, random).map((c) => c.text) };
    case "multi":
      return { question: q, kind: "many", choices: shuffle(q.choices, random).map((c) => c.text), picks: picksIn(q.prompt) };
    case "truefalse":
      return { question: q, kind: "one", choices: ["True", "False"] };
    case "order": {
      let steps = shuffle(q.steps, random);
      // A shuffle that happens to keep the right order would give the answer away.
      if (steps.every((s, i) => s === q.steps[i])) steps = [...steps.slice(1), steps[0]];
      return { question: q, kind: "order", choices: steps };
    }
    case "cloze":
      return { question: q, kind: "text", choices: [] };
    case "recall":
      return { question: q, kind: "lines", choices: [] };
    case "scenario": {
      // The instance fixes its options' order, so an instance id always shows the same letters.
      const a = q.instance.answer;
      if (a.kind === "choice") return { question: q, kind: "one", choices: a.options.map((o) => o.text) };
      if (a.kind === "yesno") return { question: q, kind: "one", choices: ["Yes", "No"] };
      return { question: q, kind: "text", choices: [] };
    }
  }
}

/** The grader's answer from picked indexes or typed text. */
export function toAnswer(p: Presented, picked: number[] | string): Answer {
  if (typeof picked === "string") return picked;
  if (p.question.type === "truefalse") return picked[0] === 0;
  const texts = picked.map((i) => p.choices[i]);
  return p.kind === "one" ? texts[0] : texts;
}

/**
 * One line of scripted input as an answer: choices by letter or text, several letters for multi and order
 * ("a,c" or "ac"), free text for cloze and recall. An empty line skips (null).
 */
export function parseScripted(p: Presented, line: string): Answer {
  const text = withoutControl(line).trim();
  if (!text) return null;
  if (p.kind === "text" || p.kind === "lines") return text;
  const byText = (s: string) => p.choices.findIndex((c) => c.toLowerCase() === s.trim().toLowerCase());
  const byLetter = (s: string) => {
    const i = s.trim().toLowerCase().charCodeAt(0) - 97;
    return s.trim().length === 1 && i >= 0 && i < p.choices.length ? i : -1;
  };
  if (p.question.type === "truefalse") {
    if (/^(a|t|true|yes|y)$/i.test(text)) return true;
    if (/^(b|f|false|no|n)$/i.test(text)) return false;
    return text;
  }
  if (p.kind === "one") {
    const i = byLetter(text) >= 0 ? byLetter(text) : byText(text);
    return i >= 0 ? p.choices[i] : text;
  }
  const parts = /^[a-z]+$/i.test(text) && text.length <= p.choices.length ? [...text] : text.split(/\s*[,;]\s*|\s+/).filter(Boolean);
  const indexes = parts.map((s) => (byLetter(s) >= 0 ? byLetter(s) : byText(s)));
  if (indexes.some((i) => i < 0)) return parts;
  return toAnswer(p, p.kind === "many" ? [...new Set(indexes)] : indexes);
}

/** What the editor opens for an open answer: room to write, then the question as comment lines, as git does. */
export function editorText(prompt: string): string {
  const question = prompt
    .trim()
    .split("\n")
    .map((l) => `# ${l}`.trimEnd());
  return ["", "", ...question, "#", "# Write your answer above, then save and close. Lines starting with # are left out.", ""].join("\n");
}

/** The answer in a file written from editorText: the comment lines left out. */
export function fromEditor(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((l) => !l.startsWith("#"))
    .join("\n")
    .trim();
}
