// What a round or an exam says when it ends: the summary on screen, or the whole round as JSON.
import chalk from "chalk";
import type { AnyQuestion } from "../quiz/question.js";
import type { Result, RoundState, Summary } from "../quiz/round.js";
import { drillCommand } from "./drill.js";
import { correctAnswer, missed } from "./feedback.js";
import { percent } from "./format.js";
import { table } from "./table.js";

export function summaryText(s: Summary, seed: number, interrupted: string | undefined): string {
  const pct = Math.round(s.score * 100);
  const colour = pct >= 80 ? chalk.green : pct >= 60 ? chalk.yellow : chalk.red;
  const out = [
    "",
    chalk.bold(`${interrupted ? `Round ended early (${interrupted})` : "Round complete"}: ${colour(`${pct}%`)}`),
    `${s.correct} of ${s.total} right` +
      [
        s.timedOut ? `${s.timedOut} timed out` : "",
        s.skipped ? `${s.skipped} skipped` : "",
        s.unanswered ? `${s.unanswered} unanswered` : "",
      ]
        .filter(Boolean)
        .map((x) => `, ${x}`)
        .join(""),
  ];
  if (s.confidentMistakes.length) {
    out.push(chalk.red(`Sure but wrong (${s.confidentMistakes.length}): these come first next time`));
    for (const r of s.confidentMistakes) out.push(`  ${r.question.id}`);
  }
  if (s.missed.length) out.push(`Retry the ones you missed: ${drillCommand({ ids: s.missed.map((r) => r.question.id) })}`);
  out.push(chalk.dim(`Same round again: --seed ${seed} · progress: kafka-prep stats · weakest topics: kafka-prep weak`));
  return `${out.join("\n")}\n`;
}

/** The end of a mock exam: score against the pass mark, per topic, and every miss with its answer. A stopped exam
 * says so and is neither passed nor failed. */
export function examReport(
  state: RoundState,
  summary: Summary,
  exam: { passPercent: number; ended?: "submitted" | "out-of-time" | "interrupted"; flagged?: string[] },
): string {
  const pct = Math.round(summary.score * 100);
  const ok = pct >= exam.passPercent;
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
    ...state.results.map((r) => ({ q: r.question, score: r.grade.score })),
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
  const misses: { question: AnyQuestion }[] = [...state.results.filter((r) => !r.grade.correct), ...state.queue];
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
    correct: r.grade.correct,
    score: r.grade.score,
    timedOut: r.timedOut,
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
) {
  return {
    results: state.results.map(resultJson),
    score: summary.score,
    correct: summary.correct,
    total: summary.total,
    unanswered: state.queue.map((s) => s.question.id),
    seed,
    ...(exam ?? {}),
  };
}
