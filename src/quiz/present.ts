import { quoted, withoutControl } from "../text/control.js";
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

/** With `shuffled` false, choices keep the question file's order (steps to order are still shuffled: their order is the answer). */
export function present(q: AnyQuestion, seed: number, shuffled = true): Presented {
  const random = rng(hashSeed(seed, q.id));
  const choices = <T>(items: T[]) => (shuffled ? shuffle(items, random) : items);
  switch (q.type) {
    case "mcq":
      return { question: q, kind: "one", choices: choices(q.choices).map((c) => c.text) };
    case "multi":
      return { question: q, kind: "many", choices: choices(q.choices).map((c) => c.text), picks: picksIn(q.prompt) };
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

/** A line of scripted input read as an answer, or why it is not one (said to the person, who answers again). */
export type Scripted = { answer: Answer } | { invalid: string };

/**
 * One line of scripted input as an answer: choices by letter or text, several letters for multi and order
 * ("a,c" or "ac"), free text for cloze and recall. An empty line skips (null). A letter or text that is no choice,
 * more picks than the question asks for, or an ordering without every step once, is not an answer.
 */
export function parseScripted(p: Presented, line: string): Scripted {
  const text = withoutControl(line).trim();
  if (!text) return { answer: null };
  if (p.kind === "text" || p.kind === "lines") return { answer: text };
  const range = letterRange(p.choices.length);
  const byText = (s: string) => p.choices.findIndex((c) => c.toLowerCase() === s.trim().toLowerCase());
  const byLetter = (s: string) => {
    const i = s.trim().toLowerCase().charCodeAt(0) - 97;
    return s.trim().length === 1 && i >= 0 && i < p.choices.length ? i : -1;
  };
  const find = (s: string) => (byLetter(s) >= 0 ? byLetter(s) : byText(s));
  if (p.question.type === "truefalse") {
    if (/^(a|t|true|yes|y)$/i.test(text)) return { answer: true };
    if (/^(b|f|false|no|n)$/i.test(text)) return { answer: false };
    return { invalid: `${quoted(text)} is not a choice: answer a (True) or b (False).` };
  }
  if (p.kind === "one") {
    const i = find(text);
    return i >= 0 ? { answer: p.choices[i] } : { invalid: `${quoted(text)} is not a choice: answer ${range}, or a choice's text.` };
  }
  const asLetters = /^[a-z]+$/i.test(text) && text.length <= p.choices.length;
  const parts = asLetters && byText(text) < 0 ? [...text] : text.split(/\s*[,;]\s*|\s+/).filter(Boolean);
  const indexes = parts.map(find);
  if (indexes.some((i) => i < 0)) {
    const unknown = asLetters ? [text] : parts.filter((_, k) => indexes[k] < 0);
    const which = unknown.map((u) => quoted(u)).join(", ");
    return {
      invalid: `${which} ${unknown.length === 1 ? "is not a choice" : "are not choices"}: answer with letters ${range}, such as a,c.`,
    };
  }
  if (p.kind === "many") {
    const picked = [...new Set(indexes)];
    if (p.picks !== undefined && picked.length > p.picks) {
      return { invalid: `${picked.length} picked, but the question says choose ${p.picks}: answer with ${p.picks} letters ${range}.` };
    }
    return { answer: toAnswer(p, picked) };
  }
  if (indexes.length !== p.choices.length || new Set(indexes).size !== indexes.length) {
    return {
      invalid: `put all ${p.choices.length} steps in order, each once: ${p.choices.length} letters ${range}, such as ${example(p.choices.length)}.`,
    };
  }
  return { answer: toAnswer(p, indexes) };
}

/** Letters in an order that is not a-b-c, for examples: "c,a,b,d". */
const example = (n: number) => [2, 0, 1, ...Array.from({ length: Math.max(0, n - 3) }, (_, i) => i + 3)].slice(0, n).map(letter).join(",");

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
