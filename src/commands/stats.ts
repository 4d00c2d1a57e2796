import chalk from "chalk";
import type { Context } from "../context.js";
import { computeStats, type Stats } from "../progress/stats.js";
import { whenText } from "../time/calendar.js";
import { bar, colourFor, sparkline } from "../ui/chart.js";
import { count, percent, thousands } from "../ui/format.js";
import { table } from "../ui/table.js";
import { wrap } from "../ui/wrap.js";
import type { OptionsOf } from "./options.js";
import { bankFor } from "./shared.js";
import type { stats } from "./specs.js";
import { storeFor } from "./store.js";

const START_HINT = 'No answers recorded yet. Start a round with "kafka-prep quiz" (or "kafka-prep quiz --level beginner").';

export async function run(opts: OptionsOf<typeof stats>, ctx: Context): Promise<number> {
  const store = storeFor(opts, ctx);
  const { cards, summary, rounds } = store.derived();
  const questions = (await bankFor(opts, ctx)).entries;
  const result = computeStats({
    summary,
    cards,
    questions,
    roundSummary: rounds,
    now: ctx.now(),
    levels: opts.level,
    topics: opts.topic,
  });
  if (opts.json) {
    const out = summary.attempts ? result : { ...result, hint: START_HINT };
    ctx.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  ctx.stdout.write(summary.attempts ? render(result, ctx.width, ctx.now()) : `${START_HINT}\n`);
  return 0;
}

/** The reviews line: what `quiz --due` would ask now, what comes later today and this week, and when the next is. */
function dueLine(d: Stats["due"], now: Date): string {
  const week = `${d.next7Days} in the next 7 days`;
  if (d.now) {
    const later = d.today - d.now;
    return `Reviews due: ${d.now} now (kafka-prep quiz --due)${later > 0 ? `, ${later} more later today` : ""}, ${week}.`;
  }
  if (!d.next) return "Reviews due: none; nothing answered here is scheduled yet.";
  return `Reviews due: none now; the next ${whenText(new Date(d.next), now)}${d.today ? ` (${d.today} today)` : ""}, ${week}.`;
}

export function render(s: Stats, width = 80, now = new Date()): string {
  const out: string[] = [];
  const acc = s.accuracy === null ? "no answers" : `${percent(s.accuracy)} correct`;
  out.push(
    chalk.bold(
      `Progress: ${count(s.attempts, "answer")}, ${acc}, ${count(s.answered, "question")} answered, ${thousands(s.mastered)} mastered`,
    ),
  );
  if (!s.attempts) out.push("No answers match these filters yet.");

  out.push("", chalk.bold("By level"));
  out.push(
    ...table(
      [
        { header: "level" },
        { header: "answered", align: "right" },
        { header: "mastered", align: "right" },
        { header: "accuracy", align: "right" },
      ],
      s.levels.map((l) => [l.level, `${l.answered}/${l.questions}`, String(l.mastered), accuracyCell(l.accuracy)]),
      2,
      chalk.dim,
    ),
  );

  // The bar takes what the other columns leave of the line, between 5 and 20 characters.
  const topicWidth = Math.max(5, ...s.topics.map((t) => t.topic.length));
  const barWidth = Math.max(5, Math.min(20, width - 2 - topicWidth - 2 - 5 - 2 - 9 - 2 - 8 - 6));
  out.push("", chalk.bold("By topic"));
  out.push(
    ...table(
      [
        { header: "topic" },
        { header: "accuracy" },
        { header: "answered", align: "right" },
        { header: "mastered", align: "right" },
        { header: "" },
      ],
      s.topics.map((t) => [
        t.topic,
        t.accuracy === null ? chalk.dim("not started") : `${bar(t.accuracy, barWidth)} ${percent(t.accuracy).padStart(4)}`,
        `${t.answered}/${t.questions}`,
        String(t.mastered),
        t.weak ? chalk.red("weak") : "",
      ]),
      2,
      chalk.dim,
    ),
  );

  out.push("", chalk.bold("Round scores"));
  if (s.rounds.recent.length) {
    const recent = s.rounds.recent;
    const scores = recent.map((r) => r.score);
    out.push(`  ${sparkline(scores.slice(-Math.max(10, width - 4)))}`);
    out.push(
      chalk.dim(
        `  last ${recent.length} of ${count(s.rounds.count, "round")}, oldest first: latest ${percent(scores[scores.length - 1])}, best ${percent(Math.max(...scores))}, mean of all ${percent(s.rounds.mean)}`,
      ),
    );
  } else {
    out.push(chalk.dim("  no finished rounds yet"));
  }

  const streak = s.streak.current
    ? `${count(s.streak.current, "day")}${s.streak.activeToday ? "" : " (answer today to keep it)"}`
    : "none yet";
  out.push("", `Streak: ${streak}; longest ${count(s.streak.longest, "day")}.`);
  out.push(dueLine(s.due, now));
  if (s.outside.attempts) {
    out.push(
      chalk.dim(
        `Not counted: ${count(s.outside.attempts, "answer")} to ${count(s.outside.questions, "question")} not in the questions loaded now (a pack left out?); add it with --questions <dir>.`,
      ),
    );
  }

  const next: string[] = [];
  if (s.due.now) next.push("kafka-prep quiz --due");
  if (s.topics.some((t) => t.weak)) next.push("kafka-prep weak");
  next.push("kafka-prep check");
  out.push("", `Next: ${next.join("  |  ")}`);
  // Table rows are made to fit; sentences wrap at word boundaries.
  return `${out.map((line) => wrap(line, width, /^ {2}/.test(line) ? 2 : 0)).join("\n")}\n`;
}

function accuracyCell(accuracy: number | null): string {
  if (accuracy === null) return chalk.dim("–");
  return colourFor(accuracy)(percent(accuracy));
}
