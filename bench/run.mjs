// Runs every bench/*.bench.mjs one after another, prints their rows and fails when a row misses its target.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.mjs"))
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

const failed = rows.filter((r) => r.target != null && !r.ok);
if (failed.length) {
  console.error(`\n${failed.length} benchmark${failed.length === 1 ? "" : "s"} missed the target: ${failed.map((r) => r.name).join(", ")}`);
  process.exitCode = 1;
} else if (!rows.length) {
  console.error("no benchmarks found in bench/");
  process.exitCode = 1;
}
