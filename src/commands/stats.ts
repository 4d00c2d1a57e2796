import chalk from "chalk";
import { loadBank } from "../bank/bank.js";
import type { GlobalOptions } from "../cli.js";
import { computeStats, type Stats } from "../progress/stats.js";
import { openStore, resolveDataDir } from "../progress/store.js";
import { bar, colourFor, pad, percent, sparkline } from "../ui/chart.js";

interface Options extends GlobalOptions {
  level?: string[];
  topic?: string[];
  json?: boolean;
}

const START_HINT = 'No answers recorded yet. Start a round with "kafka-prep quiz" (or "kafka-prep quiz --level beginner").';

export async function run(opts: Options, now = new Date()): Promise<number> {
  const store = openStore(resolveDataDir(opts));
  const { cards, summary, rounds } = store.derived();
  const { questions } = await loadBank(opts);
  const stats = computeStats({
    summary,
    cards,
    questions,
    roundSummary: rounds,
    now,
    levels: opts.level,
    topics: opts.topic,
  });
  if (opts.json) {
    const out = summary.attempts ? stats : { ...stats, hint: START_HINT };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(summary.attempts ? render(stats) : `${START_HINT}\n`);
  return 0;
}

/** 100000 as 100,000; without toLocaleString, whose locale data costs start-up time. */
const n = (x: number) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

export function render(s: Stats): string {
  const out: string[] = [];
  const acc = s.accuracy === null ? "no answers" : `${percent(s.accuracy).trim()} correct`;
  out.push(
    chalk.bold(
      `Progress: ${n(s.attempts)} answer${s.attempts === 1 ? "" : "s"}, ${acc}, ${n(s.answered)} question${s.answered === 1 ? "" : "s"} answered, ${n(s.mastered)} mastered`,
    ),
  );
  if (!s.attempts) out.push("No answers match these filters yet.");

  out.push("", chalk.bold("By level"), chalk.dim(`  ${pad("level", 14)}${pad("answered", 12)}${pad("mastered", 10)}accuracy`));
  for (const l of s.levels) {
    out.push(`  ${pad(l.level, 14)}${pad(`${l.answered}/${l.questions}`, 12)}${pad(String(l.mastered), 10)}${accuracyCell(l.accuracy)}`);
  }

  out.push("", chalk.bold("By topic"), chalk.dim(`  ${pad("topic", 20)}${pad("accuracy", 28)}${pad("answered", 12)}mastered`));
  for (const t of s.topics) {
    const weak = t.weak ? chalk.red("  weak") : "";
    const accuracy = t.accuracy === null ? pad(chalk.dim("not started"), 28) : `${bar(t.accuracy, 20)} ${percent(t.accuracy)}   `;
    out.push(`  ${pad(t.topic, 20)}${pad(accuracy, 28)}${pad(`${t.answered}/${t.questions}`, 12)}${t.mastered}${weak}`);
  }

  out.push("", chalk.bold("Round scores"));
  if (s.rounds.recent.length) {
    const recent = s.rounds.recent;
    const scores = recent.map((r) => r.score);
    const latest = scores[scores.length - 1];
    const best = Math.max(...scores);
    out.push(`  ${sparkline(scores)}`);
    out.push(
      chalk.dim(
        `  last ${recent.length} of ${n(s.rounds.count)} round${s.rounds.count === 1 ? "" : "s"}, oldest first: latest ${percent(latest).trim()}, best ${percent(best).trim()}, mean of all ${percent(s.rounds.mean).trim()}`,
      ),
    );
  } else {
    out.push(chalk.dim("  no finished rounds yet"));
  }

  const streak = s.streak.current
    ? `${s.streak.current} day${s.streak.current === 1 ? "" : "s"}${s.streak.activeToday ? "" : " (answer today to keep it)"}`
    : "none yet";
  out.push("", `Streak: ${streak}; longest ${s.streak.longest} day${s.streak.longest === 1 ? "" : "s"}.`);
  out.push(`Reviews due: ${s.due.today} today, ${s.due.next7Days} more in the next 7 days.`);

  const next: string[] = [];
  if (s.due.today) next.push("kafka-prep quiz --due");
  if (s.topics.some((t) => t.weak)) next.push("kafka-prep weak");
  next.push("kafka-prep check");
  out.push("", `Next: ${next.join("  |  ")}`);
  return `${out.join("\n")}\n`;
}

function accuracyCell(accuracy: number | null): string {
  if (accuracy === null) return chalk.dim("  –");
  return colourFor(accuracy)(percent(accuracy));
}
