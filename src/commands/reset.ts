import type { Context } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import { reset } from "../progress/maintenance.js";
import type { OptionsOf } from "./options.js";
import type { reset as resetSpec } from "./specs.js";
import { dataDirFor, recoverExamsBeforeCopy, showLongReads, storeFor } from "./store.js";

export async function run(opts: OptionsOf<typeof resetSpec>, ctx: Context): Promise<number> {
  showLongReads(ctx);
  const dir = dataDirFor(opts, ctx);
  if (!opts.yes) {
    if (!ctx.isTTY) {
      throw new CliError(
        "kafka-prep reset erases all progress and needs confirmation: run it in a terminal, or add --yes. Nothing was erased.",
        EXIT.usage,
      );
    }
    // Loaded only here, so other commands never pay for the prompts.
    const { confirm } = await import("@inquirer/prompts");
    let ok: boolean;
    try {
      ok = await confirm(
        { message: `Erase all progress in ${dir}? A backup is kept.`, default: false },
        { input: ctx.stdin, output: ctx.stdout, signal: ctx.signal },
      );
    } catch (err) {
      if ((err as Error).name !== "AbortPromptError" && (err as Error).name !== "ExitPromptError") throw err;
      ctx.stdout.write("\nNothing was erased.\n");
      return EXIT.interrupted;
    }
    if (!ok) {
      ctx.stdout.write("Nothing was erased.\n");
      return EXIT.ok;
    }
  }
  await recoverExamsBeforeCopy(opts, ctx, storeFor(opts, ctx));
  const r = reset(dir, ctx.now());
  if (!r.moved.length) {
    ctx.stdout.write("There was no progress to erase.\n");
    return EXIT.ok;
  }
  const undo = r.exportFile ? ` Undo with: kafka-prep import "${r.exportFile}"` : "";
  const damaged = r.damagedLines ? ` ${r.damagedLines} damaged lines are not in the export; they stay in the old files there.` : "";
  ctx.stdout.write(`Progress erased; settings kept. The old files are in ${r.backupDir}.${undo}${damaged}\n`);
  return EXIT.ok;
}
