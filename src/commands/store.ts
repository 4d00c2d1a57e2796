// The progress store as the options and context say where it is.
import type { LoadedBank } from "../bank/bank.js";
import type { Context } from "../context.js";
import { describeNotice } from "../messages.js";
import { draftsDir, orphanedDrafts } from "../progress/drafts.js";
import { listenToReads } from "../progress/files.js";
import { openStore, resolveDataDir, type Store } from "../progress/store.js";
import { readProgress } from "../ui/progress.js";
import type { GlobalOptions } from "./options.js";

/** The folder as typed, resolved from where it was typed: an empty one is refused, not taken as the working folder. */
export function dataDirFor(opts: GlobalOptions, ctx: Context): string {
  return resolveDataDir({ dataDir: opts.dataDir, cwd: ctx.cwd }, ctx.env);
}

/** How far a long read of the store's files has come, said on stderr when it is a terminal. */
export function showLongReads(ctx: Context): void {
  listenToReads(ctx.stderr.isTTY ? readProgress(ctx.stderr, () => ctx.now().getTime()) : undefined);
}

/** The store; what it notices and carries on past (a cut-off last line) is said on stderr, and so are long reads. */
export function storeFor(opts: GlobalOptions, ctx: Context): Store {
  showLongReads(ctx);
  return openStore(dataDirFor(opts, ctx), { onNotice: (n) => ctx.stderr.write(`${describeNotice(n)}\n`) });
}

/** Records the answers of exams that ended without recording them (their process died) before they are counted. */
export async function recoverExams(ctx: Context, store: Store, bank: LoadedBank): Promise<void> {
  if (!orphanedDrafts(store.dir).length) return;
  try {
    (await import("../session/recover.js")).recoverExams(ctx, store, bank);
  } catch (err) {
    // The store says why it cannot take them; the drafts stay for the next time.
    ctx.stderr.write(
      `The answers of an exam that stopped before it was submitted are kept in ${draftsDir(store.dir)} and not recorded yet: ${(err as Error).message}\n`,
    );
  }
}
