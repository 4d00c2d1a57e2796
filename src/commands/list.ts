import chalk from "chalk";
import { loadBank } from "../bank/bank.js";
import { matches, type QuestionFilter } from "../bank/filter.js";
import type { GlobalOptions } from "../cli.js";

interface Options extends GlobalOptions, QuestionFilter {
  json?: boolean;
}

export async function run(opts: Options): Promise<number> {
  const questions = (await loadBank(opts)).questions.filter((q) => matches(q, opts));
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(questions, null, 2)}\n`);
    return 0;
  }
  const width = process.stdout.columns || 100;
  for (const q of questions) {
    const head = `${q.id}  ${chalk.dim(`${q.level} · ${q.type} · ${q.topics.join(", ")}`)}`;
    const prompt = q.prompt.replace(/\s+/g, " ");
    process.stdout.write(`${head}\n  ${prompt.length > width - 4 ? `${prompt.slice(0, width - 5)}…` : prompt}\n`);
  }
  process.stdout.write(`${questions.length} question${questions.length === 1 ? "" : "s"}\n`);
  return 0;
}
