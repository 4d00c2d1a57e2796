import chalk from "chalk";
import type { Context } from "../context.js";
import { flagged } from "../progress/amend.js";
import type { Attempt } from "../progress/types.js";
import { dateTime } from "../time/calendar.js";
import { count } from "../ui/format.js";
import { truncate } from "../ui/wrap.js";
import { answerText } from "./history.js";
import type { OptionsOf } from "./options.js";
import type { flags } from "./specs.js";
import { storeFor } from "./store.js";

const KIND = { grader: "the grader was wrong", question: "the question is wrong" } as const;

export function run(opts: OptionsOf<typeof flags>, ctx: Context): number {
  const store = storeFor(opts, ctx);
  // Two reads of the history, so only the flagged attempts and their corrections are ever held: a flag is on an
  // attempt or on a correction of it.
  const ids = new Set<string>();
  store.eachAttempt((a) => {
    if (a.flag !== undefined) ids.add(a.amends ?? a.id);
  });
  const mine: Attempt[] = [];
  if (ids.size) store.eachAttempt((a) => ids.has(a.amends ?? a.id) && mine.push(a));
  const list = flagged(mine);
  if (opts.json) {
    ctx.stdout.write(`${JSON.stringify({ flags: list }, null, 2)}\n`);
    return 0;
  }
  if (!list.length) {
    ctx.stdout.write('Nothing is flagged. After an open answer, pick "the grader was wrong" or "this question is wrong" to flag it.\n');
    return 0;
  }
  const out = [chalk.bold(`${count(list.length, "flagged answer")}, newest first`)];
  for (const f of list) {
    const verdict =
      f.graded === f.correct
        ? f.correct
          ? "right"
          : "wrong"
        : `grader: ${f.graded ? "right" : "wrong"}, you: ${f.correct ? "right" : "wrong"}`;
    out.push(
      "",
      `${chalk.cyan(f.instance ?? f.questionId)}  ${chalk.dim(dateTime(new Date(f.at)))}  ${chalk.yellow(KIND[f.flag])}  ${verdict}`,
    );
    out.push(`  ${truncate(answerText({ answer: f.answer, type: "", timedOut: false, skipped: f.answer === null }), ctx.width - 2)}`);
    out.push(chalk.dim(`  kafka-prep history ${f.questionId}`));
  }
  ctx.stdout.write(`${out.join("\n")}\n`);
  return 0;
}
