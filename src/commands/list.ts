import chalk from "chalk";
import { matches } from "../bank/filter.js";
import type { Context } from "../context.js";
import { count } from "../ui/format.js";
import { truncate } from "../ui/wrap.js";
import type { OptionsOf } from "./options.js";
import { bankFor } from "./shared.js";
import type { list } from "./specs.js";

export async function run(opts: OptionsOf<typeof list>, ctx: Context): Promise<number> {
  const bank = await bankFor(opts, ctx);
  if (opts.json) {
    // Scenario families have no fixed text: their catalogue entry stands for them.
    const families = bank.entries.filter((e) => e.type === "scenario");
    ctx.stdout.write(
      `${JSON.stringify(
        [...bank.questions, ...families].filter((q) => matches(q, opts)),
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  const questions = bank.entries.filter((q) => matches(q, opts));
  const width = ctx.width;
  for (const q of questions) {
    const head = `${q.id}  ${chalk.dim(`${q.level} · ${q.type} · ${q.topics.join(", ")}`)}`;
    ctx.stdout.write(`${head}\n  ${truncate(q.prompt, width - 2)}\n`);
  }
  ctx.stdout.write(`${count(questions.length, "question")}\n`);
  return 0;
}
