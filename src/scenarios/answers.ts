// Reading a typed answer (piped or scripted mode) and grading it against an instance's answer.
import { fmt, within } from "./core.js";
import type { Answer, Given, Instance, Result } from "./types.js";
import { convert } from "./units.js";

export type Parsed = Given | { error: string };

const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const YES = new Set(["y", "yes", "true"]);
const NO = new Set(["n", "no", "false"]);
// 1500, 1,500, 1.5, .5, 1,500.25 (a comma only groups thousands)
const NUMBER = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)\s*([a-z]*)$/i;

const normal = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();

export function parseAnswer(instance: Pick<Instance, "answer">, line: string): Parsed {
  const text = line.trim();
  if (!text) return { error: "empty answer" };
  const answer = instance.answer;
  switch (answer.kind) {
    case "choice": {
      const byText = answer.options.findIndex((o) => normal(o.text) === normal(text));
      if (byText >= 0) return { kind: "choice", index: byText };
      const letter = /^\(?([a-z])[).:]?$/i.exec(text)?.[1]?.toLowerCase();
      const last = LETTERS[answer.options.length - 1];
      if (letter === undefined) return { error: `answer with a letter a-${last} or the text of an option` };
      const index = LETTERS.indexOf(letter);
      if (index >= answer.options.length) return { error: `there is no option ${letter}; choose a-${last}` };
      return { kind: "choice", index };
    }
    case "yesno": {
      const word = text.toLowerCase().replace(/[.!]+$/, "");
      if (YES.has(word)) return { kind: "yesno", value: true };
      if (NO.has(word)) return { kind: "yesno", value: false };
      return { error: "answer yes or no (y, n, true or false also work)" };
    }
    case "number":
      return parseNumber(answer.unit, text);
  }
}

function parseNumber(unit: Extract<Answer, { kind: "number" }>["unit"], raw: string): Parsed {
  // "offset 42" reads as 42 offsets; a unit may also follow the number.
  const text = raw.replace(/^offset\s+/i, "").replace(/\s+/g, " ");
  if (/^[+-]?\d+,\d{1,2}(\s|$|[a-z])/i.test(text)) return { error: `"${raw}" looks like a decimal comma; write decimals with a dot (1.5)` };
  const m = NUMBER.exec(text.replace(/(\d) ([a-z])/i, "$1$2"));
  if (!m) return { error: `expected a number, optionally with a unit (in ${unit})` };
  const value = Number(m[1].replace(/,/g, ""));
  if (!m[2]) return { kind: "number", value };
  const converted = convert(value, m[2], unit);
  return "error" in converted ? converted : { kind: "number", value: converted.value };
}

export function gradeAnswer(instance: Pick<Instance, "answer">, given: Given): Result {
  const answer = instance.answer;
  if (given.kind !== answer.kind) return { correct: false, score: 0 };
  switch (answer.kind) {
    case "choice": {
      const index = (given as Extract<Given, { kind: "choice" }>).index;
      if (index === answer.correct) return { correct: true, score: 1 };
      const mistake = answer.options[index]?.mistake;
      return mistake ? { correct: false, score: 0, mistake } : { correct: false, score: 0 };
    }
    case "yesno": {
      const value = (given as Extract<Given, { kind: "yesno" }>).value;
      return value === answer.value ? { correct: true, score: 1 } : { correct: false, score: 0, mistake: answer.mistake };
    }
    case "number": {
      const value = (given as Extract<Given, { kind: "number" }>).value;
      if (within(answer.tolerance, answer.value, value)) return { correct: true, score: 1 };
      const hit = answer.mistakes.find((m) => within(answer.tolerance, m.value, value));
      return hit ? { correct: false, score: 0, mistake: hit.mistake } : { correct: false, score: 0 };
    }
  }
}

/** How a given answer is typed back: a letter, a number with its unit, or yes/no. */
export function formatGiven(instance: Pick<Instance, "answer">, given: Given): string {
  switch (given.kind) {
    case "choice":
      return LETTERS[given.index];
    case "yesno":
      return given.value ? "yes" : "no";
    case "number":
      return `${fmt(given.value, 6)} ${instance.answer.kind === "number" ? instance.answer.unit : ""}`.trim();
  }
}

/** The right answer as shown after an attempt. */
export function formatAnswer(answer: Answer): string {
  switch (answer.kind) {
    case "choice":
      return `${LETTERS[answer.correct]}) ${answer.options[answer.correct].text}`;
    case "yesno":
      return `${answer.value ? "Yes" : "No"}: ${answer.reason}`;
    case "number": {
      const t = answer.tolerance;
      const exact = "abs" in t && t.abs === 0;
      const slack = "abs" in t ? `±${fmt(t.abs)}` : `±${fmt(t.rel * 100)}%`;
      // "1 partition", "2 partitions"; GB, TB and offset read the same either way.
      const unit = answer.value === 1 && answer.unit.endsWith("s") ? answer.unit.slice(0, -1) : answer.unit;
      const stated = answer.unit === "offset" ? `offset ${fmt(answer.value)}` : `${fmt(answer.value)} ${unit}`;
      return exact ? stated : `${stated} (${slack})`;
    }
  }
}

/** The given answer that a right answer parses to: used by tests and by the scripted mode's echo. */
export function correctGiven(answer: Answer): Given {
  switch (answer.kind) {
    case "choice":
      return { kind: "choice", index: answer.correct };
    case "yesno":
      return { kind: "yesno", value: answer.value };
    case "number":
      return { kind: "number", value: answer.value };
  }
}
