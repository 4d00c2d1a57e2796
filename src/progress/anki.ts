import type { Question } from "../bank/schema.js";
import type { AnyQuestion } from "../quiz/question.js";
import { formatAnswer } from "../scenarios/answers.js";

/** A cloze prompt's blank, as the schema defines it (not imported from there, which would load zod). */
const BLANK = /_{3,}/;

/** The deck the notes go to unless --deck names another; Anki creates it on import. */
export const ANKI_DECK = "Kafka interview prep";

/**
 * Anki's plain-text import (2.1.55 and newer reads these file headers): one note per line, fields separated by
 * tabs, HTML allowed. As Anki writes its own note exports: the GUID in column 1, so importing a newer deck updates
 * the notes instead of adding copies; the note type in column 2 (the stock "Basic" and "Cloze"), so cloze questions
 * become real cloze notes; the deck in column 3, which Anki creates when it does not exist (a "#deck:" header only
 * preselects an existing one); the two fields; the tags in column 6.
 */
export const ANKI_HEADER = [
  "#separator:tab",
  "#html:true",
  "#guid column:1",
  "#notetype column:2",
  "#deck column:3",
  "#tags column:6",
  "#columns:guid\tnote type\tdeck\tFront / Text\tBack / Back Extra\ttags",
];

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

/** A stable note id from the question id: the same question is the same note in every export. */
export function ankiGuid(q: Pick<AnyQuestion, "id">): string {
  return `kafka-prep:${q.id}`;
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

function explained(q: AnyQuestion): string[] {
  const parts = [ankiField(q.explanation)];
  if (q.note) parts.push(`<i>${ankiField(q.note)}</i>`);
  return parts;
}

/** The prompt with its blank as a cloze deletion, or undefined when the answer would break the {{c1::…}} syntax. */
function clozeText(q: Extract<Question, { type: "cloze" }>): string | undefined {
  const [first] = q.answers;
  if (!first || /::|\{\{|\}\}/.test(first)) return undefined;
  const [before, ...after] = q.prompt.split(BLANK);
  if (after.length !== 1) return undefined;
  return `${ankiField(before)}{{c1::${ankiField(first)}}}${ankiField(after[0])}`;
}

/** One note: its type and its two fields. */
export function ankiNote(q: AnyQuestion): { notetype: "Basic" | "Cloze"; fields: [string, string] } {
  if (q.type === "cloze") {
    const text = clozeText(q);
    if (text) {
      const also = q.answers.length > 1 ? [`Also accepted: ${q.answers.slice(1).map(ankiField).join(", ")}`] : [];
      return { notetype: "Cloze", fields: [text, [...also, ...explained(q)].join("<br><br>")] };
    }
  }
  return { notetype: "Basic", fields: [front(q), [answer(q), ...explained(q)].join("<br><br>")] };
}

function tags(q: AnyQuestion): string {
  return ["kafka-prep", `kafka-prep::${q.level}`, ...q.topics.map((t) => `kafka-prep::${t}`)].join(" ");
}

/** The deck as text: the header lines, then guid, note type, deck, two fields and tags per question. */
export function ankiDeck(questions: AnyQuestion[], deck = ANKI_DECK): string {
  const deckName = deck.replace(/[\t\r\n]+/g, " ").trim() || ANKI_DECK;
  const rows = questions.map((q) => {
    const note = ankiNote(q);
    return [ankiGuid(q), note.notetype, deckName, ...note.fields, tags(q)].join("\t");
  });
  return `${[...ANKI_HEADER, ...rows].join("\n")}\n`;
}
