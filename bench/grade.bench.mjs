// Times grading recall answers: every recall question of the built bank against every model answer.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const TARGET_MS = 5;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const round = (ms) => Math.round(ms * 1000) / 1000;

export default async function bench() {
  // The grader is not a CLI entry point of its own, so bundle it alone.
  const dir = mkdtempSync(join(tmpdir(), "kafka-prep-grade-bench-"));
  try {
    const outfile = join(dir, "grade.mjs");
    await build({
      entryPoints: [join(ROOT, "src/quiz/grade.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      outfile,
      logLevel: "warning",
    });
    const { grade } = await import(pathToFileURL(outfile).href);
    const recall = JSON.parse(readFileSync(join(ROOT, "dist", "bank.json"), "utf8")).questions.filter((q) => q.type === "recall");
    let started = performance.now();
    grade(recall[0], recall[0].answer);
    const first = performance.now() - started;
    const times = [];
    for (const q of recall) {
      for (const other of recall) {
        started = performance.now();
        grade(q, other.answer);
        times.push(performance.now() - started);
      }
    }
    times.sort((a, b) => a - b);
    const p50 = percentile(times, 0.5);
    // The 95th, not the 99th: on a busy machine the last percent is other processes, not the grader.
    const p95 = percentile(times, 0.95);
    return [
      { name: "grade recall: first answer of a session", value: round(first), unit: "ms", target: 50, ok: first < 50 },
      { name: `grade recall: median of ${times.length}`, value: round(p50), unit: "ms", target: TARGET_MS, ok: p50 < TARGET_MS },
      { name: "grade recall: 95th percentile", value: round(p95), unit: "ms", target: TARGET_MS, ok: p95 < TARGET_MS },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
