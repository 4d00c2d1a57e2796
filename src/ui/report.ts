// What a round or an exam says when it ends: the summary on screen, or the whole round as JSON.
import chalk from "chalk";
import type { AnyQuestion } from "../quiz/question.js";
import { examScore, type Result, type RoundState, type Summary } from "../quiz/round.js";
import { drillCommand } from "./drill.js";
import { correctAnswer, missed } from "./feedback.js";
import { count, percent } from "./format.js";
import { table } from "./table.js";
import { wrap } from "./wrap.js";

/** The round's score in words: right answers out of the questions asked, and their share. */
export function scoreText(s: Summary): string {
  if (s.asked === 0) return "no question answered";
  const pct = Math.round(s.score * 100);
  const colour = pct >= 80 ? chalk.green : pct >= 60 ? chalk.yellow : chalk.red;
  return `${s.correct} of ${s.asked} right (${colour(`${pct}%`)})`;
}

export function summaryText(s: Summary, seed: number, ended: string | undefined, width = 80): string {
  const head = ended
    ? `Round ${ended === "interrupted" ? "interrupted" : `ended early (${ended})`} after ${s.asked} of ${s.total} questions`
    : "Round complete";
  const details = [
    s.timedOut ? `${s.timedOut} timed out` : "",
    s.skipped ? `${s.skipped} skipped` : "",
    s.unanswered ? `${s.unanswered} not asked, not counted` : "",
  ].filter(Boolean);
  const out = ["", chalk.bold(`${head}: ${scoreText(s)}`)];
  if (details.length) out.push(details.join(", "));
  if (s.overruled.length) {
    const up = s.overruled.filter((r) => r.correct).length;
    const down = s.overruled.length - up;
    out.push(
      `Your own grade counts for ${count(s.overruled.length, "answer")}: ${[up ? `${up} the grader failed` : "", down ? `${down} the grader passed` : ""].filter(Boolean).join(", ")}`,
    );
  }
  if (s.again.asked) out.push(`Missed and asked again: ${s.again.correct} of ${s.again.asked} right the second time (not in the score)`);
  if (s.confidentMistakes.length) {
    out.push(chalk.red(`Sure but wrong (${s.confidentMistakes.length}): these come first next time`));
    for (const r of s.confidentMistakes) out.push(`  ${r.question.id}`);
  }
  if (s.missed.length) out.push(`Retry the ones you missed: ${drillCommand({ ids: s.missed.map((r) => r.question.id) })}`);
  out.push(chalk.dim(`Same round again: --seed ${seed} · progress: kafka-prep stats · weakest topics: kafka-prep weak`));
  return `${out.map((line) => wrap(line, width, /^ {2}/.test(line) ? 4 : 0)).join("\n")}\n`;
}

/** The end of a mock exam: score against the pass mark, per topic, and every miss with its answer. A stopped exam
 * says so and is neither passed nor failed. */
export function examReport(
  state: RoundState,
  summary: Summary,
  exam: { passPercent: number; ended?: "submitted" | "out-of-time" | "interrupted"; flagged?: string[] },
): string {
  // Every question of the exam counts, the unreached as wrong.
  const pct = Math.round(examScore(summary) * 100);
  const ok = examScore(summary) * 100 >= exam.passPercent;
  const out = [""];
  if (exam.ended === "interrupted") {
    out.push(
      chalk.bold(`Exam interrupted: ${chalk.yellow("not graded as passed or failed")}`),
      `${summary.answered} of ${summary.total} answered before it was stopped; those answers are kept in your progress.`,
      `Score so far: ${pct}% of the whole exam (pass mark ${exam.passPercent}%).`,
    );
    return `${out.join("\n")}\n`;
  }
  if (exam.ended === "out-of-time") out.push(chalk.yellow("Time is up."));
  out.push(chalk.bold(`Exam ${ok ? chalk.green("PASSED") : chalk.red("FAILED")}: ${pct}% (pass mark ${exam.passPercent}%)`));
  out.push(
    `${summary.correct} of ${summary.total} right${summary.unanswered ? `, ${summary.unanswered} unanswered` : ""}${summary.timedOut ? `, ${summary.timedOut} timed out` : ""}`,
  );
  const byTopic = new Map<string, { n: number; sum: number }>();
  const asked = [
    ...state.results.filter((r) => !r.again).map((r) => ({ q: r.question, score: Number(r.correct) })),
    ...state.queue.map((s) => ({ q: s.question, score: 0 })),
  ];
  for (const { q, score } of asked) {
    const t = byTopic.get(q.topics[0]) ?? { n: 0, sum: 0 };
    byTopic.set(q.topics[0], { n: t.n + 1, sum: t.sum + score });
  }
  out.push(chalk.bold("By topic:"));
  const rows = [...byTopic].sort((a, b) => a[1].sum / a[1].n - b[1].sum / b[1].n);
  out.push(
    ...table(
      [{ header: "topic" }, { header: "score", align: "right" }, { header: "questions", align: "right" }],
      rows.map(([topic, t]) => [topic, percent(t.sum / t.n), String(t.n)]),
      2,
      chalk.dim,
    ),
  );
  const misses: { question: AnyQuestion }[] = [...summary.missed, ...state.queue.filter((s) => !s.again)];
  if (misses.length) {
    out.push(chalk.bold("Missed:"));
    for (const r of misses) {
      out.push(`  ${chalk.red("✗")} ${r.question.prompt.trim()}`);
      out.push(`    ${chalk.bold("Answer:")} ${correctAnswer(r.question).replace(/\n\s*/g, " ")}`);
    }
    out.push(`Drill them: ${drillCommand({ ids: misses.map((r) => r.question.id) })}`);
  }
  if (exam.flagged?.length) out.push(`Flagged for review (${exam.flagged.length}): ${drillCommand({ ids: exam.flagged })}`);
  return `${out.join("\n")}\n`;
}

function resultJson(r: Result) {
  return {
    id: r.question.id,
    ...(r.question.type === "scenario" ? { instance: r.question.instance.id } : {}),
    type: r.question.type,
    level: r.question.level,
    topics: r.question.topics,
    answer: r.answer,
    // Right or wrong as it counts; where the person's own grade overruled the grader, the grader's verdict beside it.
    correct: r.correct,
    ...(r.correct !== r.grade.correct ? { graded: r.grade.correct } : {}),
    ...(r.rating ? { rating: r.rating } : {}),
    ...(r.flag ? { flag: r.flag } : {}),
    // Partial credit, shown with the answer; the round's score counts answers right, not credit.
    credit: r.grade.score,
    timedOut: r.timedOut,
    skipped: r.skipped,
    ms: r.ms,
    missed: missed(r),
    ...(r.grade.mistake ? { mistake: r.grade.mistake } : {}),
    // Recall: each key point with whether it is core and was covered, and the wrong claims found.
    ...(r.grade.keyPoints ? { keyPoints: r.grade.keyPoints } : {}),
    ...(r.grade.contradictions ? { contradictions: r.grade.contradictions } : {}),
  };
}

/** The round as one JSON document, for scripts: `kafka-prep quiz --json`. */
export function roundJson(
  state: RoundState,
  summary: Summary,
  seed: number,
  exam?: { passPercent: number; passed: boolean | null; ended?: string; flagged?: string[] },
  ended?: string,
) {
  return {
    results: state.results.filter((r) => !r.again).map(resultJson),
    // Second tries of missed questions: practice, outside the score.
    again: state.results.filter((r) => r.again).map(resultJson),
    // The share of the questions asked that were right (for an exam: of all its questions).
    score: exam ? examScore(summary) : summary.score,
    correct: summary.correct,
    asked: summary.asked,
    total: summary.total,
    unanswered: state.queue.filter((s) => !s.again).map((s) => s.question.id),
    interrupted: state.status === "interrupted",
    ...(ended ? { ended } : {}),
    seed,
    ...(exam ?? {}),
  };
}
