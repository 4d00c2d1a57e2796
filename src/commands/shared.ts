// What several commands need from their options and context: the bank and paths resolved where the person is.
// The store is in store.ts, so commands that only read the bank (explain, list, topics) never load it.
import { resolve } from "node:path";
import { type LoadedBank, loadBank } from "../bank/bank.js";
import type { Context } from "../context.js";
import type { GlobalOptions } from "./options.js";

/** A path the person typed, relative to the folder they typed it in. */
export const pathFrom = (ctx: Context, p: string): string => resolve(ctx.cwd, p);

/** With KAFKA_PREP_DEBUG set, a line on stderr about where things came from. */
export function debugFor(ctx: Context): ((message: string) => void) | undefined {
  return ctx.env.KAFKA_PREP_DEBUG ? (message) => ctx.stderr.write(`kafka-prep: ${message}\n`) : undefined;
}

export async function bankFor(opts: GlobalOptions, ctx: Context): Promise<LoadedBank> {
  const bank = await loadBank({
    questions: (opts.questions ?? []).map((p) => pathFrom(ctx, p)),
    builtin: opts.builtin,
    env: ctx.env,
    debug: debugFor(ctx),
  });
  // The build lists the scenario families with the bank; read from YAML, the bank is without them.
  if (opts.builtin !== false && !bank.entries.some((e) => e.type === "scenario")) {
    const { scenarioEntries } = await import("../quiz/scenario-question.js");
    bank.entries.push(...scenarioEntries());
  }
  return bank;
}
