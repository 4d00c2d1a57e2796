import chalk from "chalk";
import type { Context } from "../context.js";
import { WEAK_RULES, type WeakQuestion, type WeakTopic, weakQuestions, weakTopics } from "../progress/weak.js";
import { drillCommand } from "../ui/drill.js";
import { count, percent } from "../ui/format.js";
import type { OptionsOf } from "./options.js";
import { bankFor } from "./shared.js";
import type { weak } from "./specs.js";
import { storeFor } from "./store.js";

const MAX_QUESTIONS = 15;

export async function run(opts: OptionsOf<typeof weak>, ctx: Context): Promise<number> {
  const store = storeFor(opts, ctx);
  const { cards, summary } = store.derived();
  const questions = (await bankFor(opts, ctx)).entries;
  const input = { summary, cards, questions, now: ctx.now() };
  const topics = weakTopics(input);
  const weakQs = weakQuestions(input);
  const commands = drillCommands(topics, weakQs);
  if (opts.json) {
    ctx.stdout.write(
      `${JSON.stringify({ rules: WEAK_RULES, attempts: summary.attempts, topics, questions: weakQs, commands }, null, 2)}\n`,
    );
    return 0;
  }
  if (!summary.attempts) {
    ctx.stdout.write('No answers recorded yet, so nothing is weak. Start a round with "kafka-prep quiz".\n');
    return 0;
  }
  ctx.stdout.write(render(topics, weakQs, commands));
  return 0;
}

function drillCommands(topics: WeakTopic[], questions: WeakQuestion[]): string[] {
  const out: string[] = [];
  if (topics.length || questions.length) out.push(drillCommand({ weak: true }));
  for (const t of topics.slice(0, 3)) out.push(drillCommand({ topic: t.topic }));
  if (questions.length) out.push(drillCommand({ ids: questions.slice(0, 5).map((q) => q.id) }));
  return out;
}

function render(topics: WeakTopic[], questions: WeakQuestion[], commands: string[]): string {
  const out: string[] = [];
  if (!topics.length && !questions.length) {
    return `${chalk.green("Nothing is weak right now.")} Keep it that way with "kafka-prep quiz --due", or try harder questions: "kafka-prep quiz --level advanced".\n`;
  }
  if (topics.length) {
    out.push(chalk.bold(`Weak topics (${topics.length})`));
    for (const t of topics) {
      const recall = t.retrievability === undefined ? "" : `, recall ${percent(t.retrievability)}`;
      out.push(`  ${chalk.red(t.topic)}  ${chalk.dim(`${count(t.attempts, "attempt")}, accuracy ${percent(t.accuracy)}${recall}`)}`);
      for (const r of t.reasons) out.push(`    - ${r}`);
      out.push(`    drill: ${drillCommand({ topic: t.topic })}`);
    }
  } else {
    out.push(chalk.green("No weak topics."));
  }
  if (questions.length) {
    out.push(
      "",
      chalk.bold(`Weak questions (${questions.length}${questions.length > MAX_QUESTIONS ? `, the ${MAX_QUESTIONS} weakest shown` : ""})`),
    );
    for (const q of questions.slice(0, MAX_QUESTIONS)) {
      out.push(`  ${q.id}  ${chalk.dim(q.topics.join(", "))}`);
      out.push(`    - ${q.reasons.join("; ")}`);
    }
  }
  out.push("", "Drill them:", ...commands.map((c) => `  ${c}`));
  out.push(
    "",
    chalk.dim(
      `A topic is weak with at least ${WEAK_RULES.minAttempts} attempts and recent accuracy below ${percent(WEAK_RULES.minAccuracy)} or predicted recall below ${percent(WEAK_RULES.minRecall)}.`,
    ),
  );
  return `${out.join("\n")}\n`;
}
