// The progress store as the options and context say where it is.
import type { Context } from "../context.js";
import { describeNotice } from "../messages.js";
import { openStore, resolveDataDir, type Store } from "../progress/store.js";
import type { GlobalOptions } from "./options.js";

/** The folder as typed, resolved from where it was typed: an empty one is refused, not taken as the working folder. */
export function dataDirFor(opts: GlobalOptions, ctx: Context): string {
  return resolveDataDir({ dataDir: opts.dataDir, cwd: ctx.cwd }, ctx.env);
}

/** The store; what it notices and carries on past (a cut-off last line) is said on stderr. */
export function storeFor(opts: GlobalOptions, ctx: Context): Store {
  return openStore(dataDirFor(opts, ctx), { onNotice: (n) => ctx.stderr.write(`${describeNotice(n)}\n`) });
}
