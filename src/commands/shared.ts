// What several commands need from their options and context: the bank, the store, paths resolved where the person is.
import { resolve } from "node:path";
import { type LoadedBank, loadBank } from "../bank/bank.js";
import type { Context } from "../context.js";
import { openStore, resolveDataDir, type Store } from "../progress/store.js";
import type { GlobalOptions } from "./options.js";

/** A path the person typed, relative to the folder they typed it in. */
export const pathFrom = (ctx: Context, p: string): string => resolve(ctx.cwd, p);

/** With KAFKA_PREP_DEBUG set, a line on stderr about where things came from. */
export function debugFor(ctx: Context): ((message: string) => void) | undefined {
  return ctx.env.KAFKA_PREP_DEBUG ? (message) => ctx.stderr.write(`kafka-prep: ${message}\n`) : undefined;
}

export function bankFor(opts: GlobalOptions, ctx: Context): Promise<LoadedBank> {
  return loadBank({
    questions: (opts.questions ?? []).map((p) => pathFrom(ctx, p)),
    builtin: opts.builtin,
    env: ctx.env,
    debug: debugFor(ctx),
  });
}

export function dataDirFor(opts: GlobalOptions, ctx: Context): string {
  return resolveDataDir({ dataDir: opts.dataDir === undefined ? undefined : pathFrom(ctx, opts.dataDir) }, ctx.env);
}

export function storeFor(opts: GlobalOptions, ctx: Context): Store {
  return openStore(dataDirFor(opts, ctx));
}
