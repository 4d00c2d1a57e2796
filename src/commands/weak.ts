import chalk from "chalk";
import { loadBank } from "../bank/bank.js";
import type { GlobalOptions } from "../cli.js";
import { openStore, resolveDataDir } from "../progress/store.js";
import { WEAK_RULES, type WeakQuestion, type WeakTopic, weakQuestions, weakTopics } from "../progress/weak.js";
import { percent } from "../ui/chart.js";

interface Options extends GlobalOptions {
  json?: boolean;
}

const MAX_QUESTIONS = 15;

export async function run(opts: Options, now = new Date()): Promise<number> {
  const store = openStore(resolveDataDir(opts));
  const { cards, summary } = store.derived();
  const { questions } = await loadBank(opts);
  const input = { summary, cards, questions, now };
  const topics = weakTopics(input);
  const weakQs = weakQuestions(input);
  const commands = drillCommands(topics, weakQs);
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({ rules: WEAK_RULES, attempts: summary.attempts, topics, questions: weakQs, commands }, null, 2)}\n`,
    );
    return 0;
  }
  if (!summary.attempts) {
    process.stdout.write('No answers recorded yet, so nothing is weak. Start a round with "kafka-prep quiz".\n');
    return 0;
  }
  process.stdout.write(render(topics, weakQs, commands));
  return 0;
}

function drillCommands(topics: WeakTopic[], questions: WeakQuestion[]): string[] {
  const out: string[] = [];
  if (topics.length || questions.length) out.push("kafka-prep quiz --weak");
  for (const t of topics.slice(0, 3)) out.push(`kafka-prep quiz --topic ${t.topic}`);
  if (questions.length)
    out.push(
      `kafka-prep quiz --id ${questions
        .slice(0, 5)
        .map((q) => q.id)
        .join(",")}`,
    );
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
      const recall = t.retrievability === undefined ? "" : `, recall ${percent(t.retrievability).trim()}`;
      out.push(`  ${chalk.red(t.topic)}  ${chalk.dim(`${t.attempts} attempts, accuracy ${percent(t.accuracy).trim()}${recall}`)}`);
      for (const r of t.reasons) out.push(`    - ${r}`);
      out.push(`    drill: kafka-prep quiz --topic ${t.topic}`);
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
      `A topic is weak with at least ${WEAK_RULES.minAttempts} attempts and recent accuracy below ${percent(WEAK_RULES.minAccuracy).trim()} or predicted recall below ${percent(WEAK_RULES.minRecall).trim()}.`,
    ),
  );
  return `${out.join("\n")}\n`;
}
