import type { Context } from "../context.js";
import { EXIT } from "../errors.js";
import { importFile } from "../progress/exchange.js";
import { count, thousands } from "../ui/format.js";
import type { OptionsOf } from "./options.js";
import { pathFrom } from "./shared.js";
import type { import as importSpec } from "./specs.js";
import { storeFor } from "./store.js";

export function run(opts: OptionsOf<typeof importSpec>, ctx: Context): number {
  const store = storeFor(opts, ctx);
  const r = importFile(store, pathFrom(ctx, opts.file));
  const skipped = r.attemptsSkipped ? ` (${thousands(r.attemptsSkipped)} already here, skipped)` : "";
  ctx.stdout.write(`Imported ${count(r.attemptsAdded, "attempt")}${skipped} and ${count(r.roundsAdded, "round")} from ${opts.file}.\n`);
  if (r.rejectedCount) {
    const shown = r.rejected.slice(0, 10).map((p) => `  ${p.path} (line ${p.line}): ${p.message}`);
    if (r.rejectedCount > shown.length) shown.push(`  … and ${r.rejectedCount - shown.length} more`);
    ctx.stderr.write(`Left out ${count(r.rejectedCount, "record")} of ${opts.file} that are not valid:\n${shown.join("\n")}\n`);
    return EXIT.usage;
  }
  return EXIT.ok;
}
