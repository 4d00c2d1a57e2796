import chalk from "chalk";
import type { ManifestItem } from "../bank/load.js";
import type { Source } from "../bank/schema.js";
import { isDocSource, sourceLabel } from "../bank/sources.js";
import { letter, type Presented } from "../quiz/present.js";
import type { AnyQuestion } from "../quiz/question.js";
import type { Result } from "../quiz/round.js";
import { formatAnswer } from "../scenarios/answers.js";
import { drillCommand } from "./drill.js";
import { count } from "./format.js";
import { wrap } from "./wrap.js";

export function sourceLine(s: Source, manifest: ManifestItem[]): string {
  const item = isDocSource(s) ? manifest.find((m) => m.doc === s.doc && m.ref === s.ref) : undefined;
  return sourceLabel(s, item?.title);
}

/** The correct answer, in words. */
export function correctAnswer(q: AnyQuestion, p?: Presented): string {
  switch (q.type) {
    case "mcq": {
      const right = q.choices.find((c) => c.correct)?.text ?? "";
      const i = p?.choices.indexOf(right) ?? -1;
      return i >= 0 ? `${letter(i)}) ${right}` : right;
    }
    case "multi": {
      // In the order shown: b) before d).
      const right = q.choices.filter((c) => c.correct).map((c) => ({ text: c.text, i: p?.choices.indexOf(c.text) ?? -1 }));
      return right
        .sort((a, b) => a.i - b.i)
        .map(({ text, i }) => (i >= 0 ? `${letter(i)}) ${text}` : text))
        .join("; ");
    }
    case "truefalse":
      return q.answer ? "True" : "False";
    case "cloze":
      return q.answers.length > 1 ? `${q.answers[0]} (also accepted: ${q.answers.slice(1).join(", ")})` : q.answers[0];
    case "order":
      return q.steps.map((s, i) => `\n  ${i + 1}. ${s}`).join("");
    case "recall":
      return q.answer;
    case "scenario":
      return formatAnswer(q.instance.answer);
  }
}

/** What the person missed: key points for recall, the right answer otherwise. Used by --json and the summary. */
export function missed(r: Result): string[] {
  const q = r.question;
  if (r.grade.correct) return [];
  if (q.type === "recall") return (r.grade.keyPoints ?? []).filter((k) => !k.covered).map((k) => k.point);
  if (q.type === "multi") {
    const picked = Array.isArray(r.answer) ? r.answer : [];
    return q.choices.filter((c) => c.correct && !picked.includes(c.text)).map((c) => c.text);
  }
  if (q.type === "order") return r.grade.misplaced?.length && Array.isArray(r.answer) && r.answer.length ? r.grade.misplaced : q.steps;
  return [correctAnswer(q)];
}

/** The line above a question: position (or "again"), follow-up, level, topics and type. */
export function questionHeader(q: AnyQuestion, position: number, total: number, followUpOf?: string, again = false): string {
  // A second try of a missed question has no place of its own: it is outside the round's count.
  const where = again ? chalk.yellow("again (missed earlier)") : chalk.bold(`${position}/${total}`);
  const follow = followUpOf ? `${chalk.magenta("follow-up")} · ` : "";
  return `${where} ${chalk.dim("·")} ${follow}${chalk.cyan(q.level)} ${chalk.dim("·")} ${chalk.dim(q.topics.join(", "))} ${chalk.dim(`· ${q.type}`)}`;
}

/** The right order, each step out of place in the answer marked with where the answer had it. */
function orderFeedback(steps: string[], given: string[], misplaced: string[]): string[] {
  const out = [
    chalk.bold(
      given.length && misplaced.length ? `Correct order (${count(misplaced.length, "step")} out of place in yours):` : "Correct order:",
    ),
  ];
  for (const [i, step] of steps.entries()) {
    const at = given.indexOf(step);
    const where = !given.length || !misplaced.includes(step) ? "" : at < 0 ? "missing" : `you had it at ${at + 1}`;
    out.push(`  ${i + 1}. ${step}${where ? chalk.red(` ✗ ${where}`) : ""}`);
  }
  return out;
}

export function verdict(r: Result): string {
  if (r.timedOut) return chalk.yellow("⏱ Timed out");
  if (r.skipped) return chalk.yellow("↷ Skipped");
  if (r.grade.correct) return r.grade.score < 1 ? chalk.green(`✓ Right (${Math.round(r.grade.score * 100)}%)`) : chalk.green("✓ Right");
  if (r.grade.score > 0) return chalk.red(`✗ Partly right (${Math.round(r.grade.score * 100)}%)`);
  return chalk.red("✗ Wrong");
}

/**
 * The key points found and missed, core points marked, then any wrong claim with why it is wrong: what a fair
 * interviewer would say after a recall answer.
 */
export function checklist(r: Result): string[] {
  const out: string[] = [];
  for (const k of r.grade.keyPoints ?? []) {
    out.push(`  ${k.covered ? chalk.green("✓") : chalk.red("✗")} ${k.point}${k.core ? chalk.dim(" (core)") : ""}`);
  }
  for (const c of r.grade.contradictions ?? []) out.push(`  ${chalk.red("✗ Wrong:")} "${c.claim}". ${c.why}`);
  if (r.grade.reason === "keyword-list") out.push(chalk.yellow("  A list of terms is not an explanation: answer in sentences."));
  return out;
}

/** Everything shown after an answer: verdict, correct answer, explanation, correction, sources; wrapped to `width`. */
export function feedback(r: Result, p: Presented, manifest: ManifestItem[], width = 80): string {
  const q = r.question;
  const out: string[] = [verdict(r)];
  if (q.type === "recall") {
    out.push(...checklist(r));
    out.push(`${chalk.bold("Model answer:")} ${q.answer}`);
  } else if (q.type === "order" && !r.grade.correct) {
    out.push(...orderFeedback(q.steps, Array.isArray(r.answer) ? r.answer : [], r.grade.misplaced ?? []));
  } else if (!r.grade.correct) {
    out.push(`${chalk.bold("Correct answer:")} ${correctAnswer(q, p)}`);
  }
  if ((q.type === "mcq" || q.type === "multi") && !r.grade.correct) {
    const picked = Array.isArray(r.answer) ? r.answer : [r.answer];
    for (const c of q.choices) if (picked.includes(c.text) && !c.correct && c.why) out.push(chalk.dim(`  ${c.text}: ${c.why}`));
  }
  if (q.type === "scenario") {
    if (r.grade.mistake) out.push(`${chalk.yellow("That answer comes from a common mistake:")} ${r.grade.mistake}`);
    if (r.grade.invalid) out.push(chalk.yellow(`That answer could not be read: ${r.grade.invalid}.`));
    out.push(chalk.bold("How it works out:"));
    out.push(...q.instance.steps.map((step, i) => `  ${i + 1}. ${step}`));
    out.push(chalk.dim(`This scenario again: ${drillCommand({ ids: [q.instance.id] })} · a fresh one: ${drillCommand({ ids: [q.id] })}`));
  } else out.push(q.explanation.trim());
  if (q.note) out.push(`${chalk.yellow("Note:")} ${q.note.trim()}`);
  out.push(chalk.dim(`Sources: ${q.sources.map((s) => sourceLine(s, manifest)).join("; ")}`));
  // Checklist and choice lines keep their hanging indent when they wrap.
  return `${out.map((line) => wrap(line, width, /^ {2}/.test(line) ? 4 : 0)).join("\n")}\n`;
}
