import type { AnyQuestion } from "../quiz/question.js";
import { formatAnswer } from "../scenarios/answers.js";

/** Anki's plain-text import: one note per line, fields separated by tabs, HTML allowed, tags in column 3. */
export const ANKI_HEADER = ["#separator:tab", "#html:true", "#tags column:3"];

/** Text as one HTML field: no tabs or line breaks, which would split the note, and no raw quotes or markup. */
export function ankiField(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, " ")
    .replace(/\r?\n/g, "<br>");
}

const letter = (i: number) => String.fromCharCode(97 + i);

function front(q: AnyQuestion): string {
  const prompt = ankiField(q.prompt);
  switch (q.type) {
    case "mcq":
    case "multi":
      return `${prompt}<br><br>${q.choices.map((c, i) => `${letter(i)}) ${ankiField(c.text)}`).join("<br>")}`;
    case "truefalse":
      return `${prompt}<br><br>True or false?`;
    case "order": {
      // Alphabetical, so the card does not give the order away.
      const steps = [...q.steps].sort((a, b) => a.localeCompare(b));
      return `${prompt}<br><br>${steps.map((s) => `- ${ankiField(s)}`).join("<br>")}`;
    }
    case "scenario": {
      const a = q.instance.answer;
      if (a.kind === "choice") return `${prompt}<br><br>${a.options.map((o, i) => `${letter(i)}) ${ankiField(o.text)}`).join("<br>")}`;
      return a.kind === "yesno" ? `${prompt}<br><br>Yes or no?` : prompt;
    }
    default:
      return prompt;
  }
}

function answer(q: AnyQuestion): string {
  switch (q.type) {
    case "mcq":
    case "multi":
      return q.choices
        .map((c, i) => (c.correct ? `<b>${letter(i)}) ${ankiField(c.text)}</b>` : ""))
        .filter(Boolean)
        .join("<br>");
    case "truefalse":
      return `<b>${q.answer ? "True" : "False"}</b>`;
    case "cloze":
      return `<b>${ankiField(q.answers[0])}</b>${q.answers.length > 1 ? ` (also: ${q.answers.slice(1).map(ankiField).join(", ")})` : ""}`;
    case "order":
      return q.steps.map((s, i) => `${i + 1}. ${ankiField(s)}`).join("<br>");
    case "recall":
      return `${ankiField(q.answer)}<br><br>Key points:<br>${q.keyPoints.map((k) => `- ${ankiField(k.point)}`).join("<br>")}`;
    case "scenario":
      return `<b>${ankiField(formatAnswer(q.instance.answer))}</b><br><br>${q.instance.steps.map((s, i) => `${i + 1}. ${ankiField(s)}`).join("<br>")}`;
  }
}

function back(q: AnyQuestion): string {
  const parts = [answer(q), ankiField(q.explanation)];
  if (q.note) parts.push(`<i>${ankiField(q.note)}</i>`);
  return parts.join("<br><br>");
}

function tags(q: AnyQuestion): string {
  return ["kafka-prep", `kafka-prep::${q.level}`, ...q.topics.map((t) => `kafka-prep::${t}`)].join(" ");
}

/** The deck as text: header lines, then front, back and tags per question. */
export function ankiDeck(questions: AnyQuestion[]): string {
  const lines = [...ANKI_HEADER, ...questions.map((q) => `${front(q)}\t${back(q)}\t${tags(q)}`)];
  return `${lines.join("\n")}\n`;
}
