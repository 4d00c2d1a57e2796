// Times generating one scenario instance of each family and grading an answer to it, from the built engine.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const TARGET_MS = 5;
const RUNS = 200;
const LEVELS = ["beginner", "intermediate", "advanced", "expert"];

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const round = (ms) => Math.round(ms * 1000) / 1000;

export default async function bench() {
  const file = join(ROOT, "dist", "tools", "scenarios.js");
  if (!existsSync(file)) throw new Error("dist/tools/scenarios.js is missing: run npm run build");
  const { families, instance, parseAnswer, gradeAnswer, formatGiven, correctGiven } = await import(pathToFileURL(file).href);
  const rows = [];
  for (const f of families) {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const level = f.levels[i % f.levels.length];
      const seed = (i * 7919 + 13) * 4 + LEVELS.indexOf(level);
      const started = performance.now();
      const x = instance(`${f.id}#${seed}`);
      const given = parseAnswer(x, formatGiven(x, correctGiven(x.answer)));
      const result = gradeAnswer(x, given);
      times.push(performance.now() - started);
      if (!result.correct) throw new Error(`${x.id}: its own answer graded wrong`);
    }
    times.sort((a, b) => a - b);
    // The 95th, not the 99th: on a busy machine the last percent is other processes, not the engine.
    const p95 = percentile(times, 0.95);
    rows.push({
      name: `scenario ${f.id}: generate and grade, 95th percentile of ${RUNS}`,
      value: round(p95),
      unit: "ms",
      target: TARGET_MS,
      ok: p95 < TARGET_MS,
    });
  }
  return rows;
}
