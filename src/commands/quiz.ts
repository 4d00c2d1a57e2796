import type { Context } from "../context.js";
import { runFlash } from "../session/flash.js";
import { runRound } from "../session/round.js";
import type { OptionsOf } from "./options.js";
import { bankFor } from "./shared.js";
import type { quiz } from "./specs.js";
import { recoverExams, storeFor } from "./store.js";

export async function run(opts: OptionsOf<typeof quiz>, ctx: Context): Promise<number> {
  const bank = await bankFor(opts, ctx);
  const store = storeFor(opts, ctx);
  await recoverExams(ctx, store, bank);
  if (opts.flash) return runFlash(ctx, { bank, store, options: opts });
  return runRound(ctx, { bank, store, options: opts });
}
