// The progress store as the options and context say where it is.
import { existsSync, realpathSync } from "node:fs";
import { basename, dirname, join, sep } from "node:path";
import type { LoadedBank } from "../bank/bank.js";
import type { Context } from "../context.js";
import { CliError } from "../errors.js";
import { describeNotice } from "../messages.js";
import { draftsDir, orphanedDrafts } from "../progress/drafts.js";
import { listenToReads } from "../progress/files.js";
import { FILES, openStore, resolveDataDir, type Store } from "../progress/store.js";
import { readProgress } from "../ui/progress.js";
import type { GlobalOptions } from "./options.js";

/** The folder as typed, resolved from where it was typed: an empty one is refused, not taken as the working folder. */
export function dataDirFor(opts: GlobalOptions, ctx: Context): string {
  return resolveDataDir({ dataDir: opts.dataDir, cwd: ctx.cwd }, ctx.env);
}

/** A path with its links resolved, as far as it exists: the folder of a file that is not there yet. */
function real(path: string): string {
  if (existsSync(path)) return realpathSync(path);
  const parent = dirname(path);
  return parent === path ? path : join(real(parent), basename(path));
}

/**
 * Refuses a file named for an export, a deck or a report that is one of the progress store's own files or inside its
 * folders: writing it would replace the history with the report. A link to one of them is the same file. Other files
 * in the data folder (an export kept beside the store) are fine.
 */
export function refuseStoreFile(file: string, path: string, opts: GlobalOptions, ctx: Context): void {
  const dir = real(dataDirFor(opts, ctx));
  const target = real(path);
  const own = [FILES.settings, FILES.attempts, FILES.rounds, FILES.derived, FILES.lock].map((f) => join(dir, f));
  const folders = [join(dir, FILES.backups), draftsDir(dir)];
  if (own.includes(target) || folders.some((f) => target === f || target.startsWith(f + sep)))
    throw new CliError(
      `${file} is ${own.includes(target) ? "one of the progress files" : "inside the progress folder's own folders"}${target === path ? "" : ` (${target})`}, so nothing was written: it would replace your recorded answers. Give a file outside ${dir}, or another name.`,
    );
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

/** Records the answers of exams that stopped before they were submitted, before the history is exported or reset:
 * an export, and the backup a reset keeps, then hold them, and importing either brings them back. */
export async function recoverExamsBeforeCopy(opts: GlobalOptions, ctx: Context, store: Store): Promise<void> {
  if (!orphanedDrafts(store.dir).length) return;
  const { bankFor } = await import("./shared.js");
  await recoverExams(ctx, store, await bankFor(opts, ctx));
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
