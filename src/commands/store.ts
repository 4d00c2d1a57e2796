// The progress store as the options and context say where it is.
import type { Context } from "../context.js";
import { openStore, resolveDataDir, type Store } from "../progress/store.js";
import type { GlobalOptions } from "./options.js";
import { pathFrom } from "./shared.js";

export function dataDirFor(opts: GlobalOptions, ctx: Context): string {
  return resolveDataDir({ dataDir: opts.dataDir === undefined ? undefined : pathFrom(ctx, opts.dataDir) }, ctx.env);
}

export function storeFor(opts: GlobalOptions, ctx: Context): Store {
  return openStore(dataDirFor(opts, ctx));
}
