import chalk from "chalk";
import { matches } from "../bank/filter.js";
import type { Context } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import { boundedQuery, CUT_NOTICE } from "../text/query.js";
import { count } from "../ui/format.js";
import { truncate } from "../ui/wrap.js";
import type { OptionsOf } from "./options.js";
import { bankFor } from "./shared.js";
import type { list } from "./specs.js";

type Entry = { id: string; level: string; type: string; topics: string[]; prompt: string };

function line(q: Entry, width: number, where?: string): string {
  const found = where ? chalk.dim(`  (${where})`) : "";
  return `${q.id}  ${chalk.dim(`${q.level} · ${q.type} · ${q.topics.join(", ")}`)}${found}\n  ${truncate(q.prompt, width - 2)}\n`;
}

export async function run(opts: OptionsOf<typeof list>, ctx: Context): Promise<number> {
  const bank = await bankFor(opts, ctx);
  if (opts.search !== undefined) {
    const bounded = boundedQuery(opts.search);
    if (bounded.cut) ctx.stderr.write(CUT_NOTICE);
    return search(bounded.query, opts, ctx, bank);
  }
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
    return EXIT.ok;
  }
  const questions = bank.entries.filter((q) => matches(q, opts));
  for (const q of questions) ctx.stdout.write(line(q, ctx.width));
  ctx.stdout.write(`${count(questions.length, "question")}\n`);
  return EXIT.ok;
}

async function search(
  query: string,
  opts: OptionsOf<typeof list>,
  ctx: Context,
  bank: Awaited<ReturnType<typeof bankFor>>,
): Promise<number> {
  // Loaded only to search: the answers and explanations are in the full questions.
  const { queryWords, searchQuestions } = await import("../bank/find.js");
  const wanted = queryWords(query);
  if (!wanted) {
    throw new CliError(
      `--search "${query}" has no words to look for (words such as "the" and "what" are ignored). Try a Kafka term: kafka-prep list --search "consumer lag"`,
    );
  }
  // Scenario families are searched by their catalogue entry: their numbers change every time.
  const families = bank.entries.filter((e) => e.type === "scenario");
  const pool = [...bank.questions, ...families].filter((q) => matches(q, opts));
  const hits = searchQuestions(pool, query);
  const byId = new Map(pool.map((q) => [q.id, q]));
  if (opts.json) {
    ctx.stdout.write(
      `${JSON.stringify(
        hits.map((h) => byId.get(h.id)),
        null,
        2,
      )}\n`,
    );
    return hits.length ? EXIT.ok : EXIT.failed;
  }
  if (!hits.length) {
    ctx.stderr.write(`No question mentions "${query}". Look the term up with: kafka-prep explain ${query}\n`);
    return EXIT.failed;
  }
  for (const h of hits) {
    const q = byId.get(h.id);
    if (q) ctx.stdout.write(line(q, ctx.width, h.fields.includes("prompt") ? undefined : `found in ${h.fields.join(", ")}`));
  }
  const partial = hits[0].matched < wanted ? ` (none has all ${wanted} words; these have ${hits[0].matched})` : "";
  ctx.stdout.write(`${count(hits.length, "question")} about "${query}", best match first${partial}\n`);
  return EXIT.ok;
}
