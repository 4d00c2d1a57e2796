import { basename } from "node:path";
import chalk from "chalk";
import type { Context } from "../context.js";
import { type DoctorReport, repair } from "../progress/maintenance.js";
import { count } from "../ui/format.js";
import type { OptionsOf } from "./options.js";
import type { doctor } from "./specs.js";
import { dataDirFor, showLongReads } from "./store.js";

export function run(opts: OptionsOf<typeof doctor>, ctx: Context): number {
  showLongReads(ctx);
  const report = repair(dataDirFor(opts, ctx), ctx.now());
  ctx.stdout.write(render(report));
  return 0;
}

function render(r: DoctorReport): string {
  const out = [`Checked ${r.dir}`];
  if (r.settings.ok) out.push(`  ${chalk.green("ok")}  settings.json`);
  else {
    const reset = r.settings.reset?.includes("all") ? "every setting" : (r.settings.reset ?? []).join(", ");
    out.push(`  ${chalk.yellow("fixed")}  settings.json: reset ${reset} to the default; the old file kept as ${r.settings.backup}`);
    for (const p of r.settings.problems ?? []) out.push(`         ${p.key ? `"${p.key}" ` : `settings.json:${p.line}: `}${p.message}`);
  }
  let repaired = !r.settings.ok;
  for (const f of r.files) {
    const name = basename(f.file);
    const what = name.startsWith("attempts") ? "attempt" : "round";
    if (!f.backup) {
      out.push(`  ${chalk.green("ok")}  ${name}: ${count(f.records, what)}`);
      continue;
    }
    repaired = true;
    const parts: string[] = [];
    if (f.problemCount) parts.push(`${count(f.problemCount, "damaged line")} set aside`);
    if (f.cutOff) parts.push(`a cut-off last line (${name}:${f.cutOff.line}) set aside`);
    if (f.duplicates) parts.push(`${count(f.duplicates, "duplicate")} dropped`);
    if (f.shortened) parts.push(`${count(f.shortened, "answer")} shortened to the length limit`);
    if (f.bom) parts.push("a byte-order mark removed");
    if (f.appendedMeanwhile) parts.push(`${count(f.appendedMeanwhile, "record")} recorded meanwhile carried over`);
    if (!parts.length) parts.push("a missing final line break added");
    out.push(`  ${chalk.yellow("fixed")}  ${name}: kept ${count(f.records, what)}; ${parts.join(", ")}`);
    for (const p of f.problems.slice(0, 10)) out.push(`         ${name}:${p.line}: ${p.message}`);
    if (f.problemCount > 10) out.push(`         … and ${f.problemCount - 10} more`);
    out.push(`         the file as it was is kept as ${f.backup}`);
  }
  if (r.examDrafts)
    out.push(
      `  ${chalk.yellow("waiting")}  exams/: ${count(r.examDrafts, "exam")} stopped before ${r.examDrafts === 1 ? "its" : "their"} answers were recorded; the next quiz or check records them`,
    );
  if (r.removedTempFiles) out.push(`  removed ${count(r.removedTempFiles, "leftover temporary file")}`);
  out.push(`Rebuilt the review schedule and statistics from ${count(r.rebuilt, "attempt")}.`);
  out.push(repaired ? chalk.green("Repaired. Check the result with: kafka-prep stats") : chalk.green("Everything is in order."));
  return `${out.join("\n")}\n`;
}
