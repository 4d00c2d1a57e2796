import type { GlobalOptions } from "../cli.js";
import { CliError, EXIT } from "../errors.js";
import { reset } from "../progress/maintenance.js";
import { resolveDataDir } from "../progress/store.js";

interface Options extends GlobalOptions {
  yes?: boolean;
}

export async function run(opts: Options): Promise<number> {
  const dir = resolveDataDir(opts);
  if (!opts.yes) {
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      throw new CliError(
        "kafka-prep reset erases all progress and needs confirmation: run it in a terminal, or add --yes. Nothing was erased.",
        EXIT.usage,
      );
    }
    // Loaded only here, so other commands never pay for the prompts.
    const { confirm } = await import("@inquirer/prompts");
    const ok = await confirm({ message: `Erase all progress in ${dir}? A backup is kept.`, default: false });
    if (!ok) {
      process.stdout.write("Nothing was erased.\n");
      return EXIT.ok;
    }
  }
  const r = reset(dir);
  if (!r.moved.length) {
    process.stdout.write("There was no progress to erase.\n");
    return EXIT.ok;
  }
  const undo = r.exportFile ? ` Undo with: kafka-prep import "${r.exportFile}"` : "";
  process.stdout.write(`Progress erased; settings kept. The old files are in ${r.backupDir}.${undo}\n`);
  return EXIT.ok;
}
