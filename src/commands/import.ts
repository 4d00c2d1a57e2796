import type { GlobalOptions } from "../cli.js";
import { importFile } from "../progress/exchange.js";
import { openStore, resolveDataDir } from "../progress/store.js";

export function run(file: string, opts: GlobalOptions): number {
  const store = openStore(resolveDataDir(opts));
  const r = importFile(store, file);
  const skipped = r.attemptsSkipped ? ` (${r.attemptsSkipped} already here, skipped)` : "";
  process.stdout.write(`Imported ${r.attemptsAdded} attempts${skipped} and ${r.roundsAdded} rounds from ${file}.\n`);
  return 0;
}
