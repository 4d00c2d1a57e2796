import { basename } from "node:path";
import chalk from "chalk";
import type { GlobalOptions } from "../cli.js";
import { type DoctorReport, repair } from "../progress/maintenance.js";
import { resolveDataDir } from "../progress/store.js";

export function run(opts: GlobalOptions, now = new Date()): number {
  const report = repair(resolveDataDir(opts), now);
  process.stdout.write(render(report));
  return 0;
}

function render(r: DoctorReport): string {
  const out = [`Checked ${r.dir}`];
  if (r.settings.ok) out.push(`  ${chalk.green("ok")}  settings.json`);
  else
    out.push(
      `  ${chalk.yellow("fixed")}  settings.json: ${r.settings.message}; reset to defaults, the old file kept as ${r.settings.backup}`,
    );
  let repaired = !r.settings.ok;
  for (const f of r.files) {
    const name = basename(f.file);
    const what = name.startsWith("attempts") ? "attempts" : "rounds";
    if (!f.backup) {
      out.push(`  ${chalk.green("ok")}  ${name}: ${f.records.toString()} ${what}`);
      continue;
    }
    repaired = true;
    const parts: string[] = [];
    if (f.problems.length) parts.push(`${f.problems.length} damaged line${f.problems.length === 1 ? "" : "s"} set aside`);
    if (f.duplicates) parts.push(`${f.duplicates} duplicate${f.duplicates === 1 ? "" : "s"} dropped`);
    if (!parts.length) parts.push("a missing final line break added");
    out.push(`  ${chalk.yellow("fixed")}  ${name}: kept ${f.records.toString()} ${what}; ${parts.join(", ")}`);
    for (const p of f.problems.slice(0, 10)) out.push(`         ${name}:${p.line}: ${p.message}`);
    if (f.problems.length > 10) out.push(`         … and ${f.problems.length - 10} more`);
    out.push(`         the file as it was is kept as ${f.backup}`);
  }
  if (r.removedTempFiles) out.push(`  removed ${r.removedTempFiles} leftover temporary file${r.removedTempFiles === 1 ? "" : "s"}`);
  out.push(`Rebuilt the review schedule and statistics from ${r.rebuilt.toString()} attempts.`);
  out.push(repaired ? chalk.green("Repaired. Check the result with: kafka-prep stats") : chalk.green("Everything is in order."));
  return `${out.join("\n")}\n`;
}
