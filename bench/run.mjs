// Runs every bench/*.bench.mjs (or those named on the command line) one after another, prints their rows and fails when a row misses its target.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// `npm run bench -- startup progress` runs only the files whose names hold one of the words.
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.mjs") && (!only.length || only.some((w) => f.includes(w))))
  .sort();

const rows = [];
for (const file of files) {
  const { default: bench } = await import(pathToFileURL(join(here, file)).href);
  try {
    for (const row of await bench()) rows.push({ file, ...row });
  } catch (err) {
    rows.push({ file, name: "(failed to run)", value: Number.NaN, unit: String(err?.message ?? err), target: 0, ok: false });
  }
}

const cells = rows.map((r) => [
  r.ok ? "ok" : "FAIL",
  r.name,
  Number.isFinite(r.value) ? String(r.value) : "-",
  r.target == null ? "-" : String(r.target),
  r.unit ?? "",
]);
const header = ["", "benchmark", "value", "target", "unit"];
const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
const line = (c) =>
  c
    .map((v, i) => (i === 2 || i === 3 ? v.padStart(widths[i]) : v.padEnd(widths[i])))
    .join("  ")
    .trimEnd();
console.log(line(header));
for (const c of cells) console.log(line(c));

// What a missed target's own profile says about where its time goes.
const explained = rows.filter((r) => !r.ok && r.why);
if (explained.length) {
  console.log("\nWhere the time goes in each missed target (V8 CPU profiles):");
  for (const r of explained) console.log(`- ${r.name}: ${r.why}`);
}

const failed = rows.filter((r) => r.target != null && !r.ok);
if (failed.length) {
  console.error(`\n${failed.length} benchmark${failed.length === 1 ? "" : "s"} missed the target: ${failed.map((r) => r.name).join(", ")}`);
  process.exitCode = 1;
} else if (!rows.length) {
  console.error("no benchmarks found in bench/");
  process.exitCode = 1;
}
