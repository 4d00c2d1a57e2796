// Times grading recall answers: every recall question of the built bank against every model answer, and long
// answers that once made the grader quadratic, which must now cost time in proportion to their length.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { describeCall, profile, profileCall } from "./profile.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const TARGET_MS = 5;
const LONG_TARGET_MS = 100;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const round = (ms) => Math.round(ms * 1000) / 1000;

/**
 * The fastest of a few runs, in CPU time of this process: the cost itself. On a shared machine the wall clock also
 * counts the time other processes had the core.
 */
function fastest(run, times = 5) {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < times; i++) {
    const started = process.cpuUsage();
    run();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** Text of about `size` characters: `unit` repeated. */
const fill = (unit, size) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

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
    // The bundle marks where each source module starts ("// src/quiz/grading/phrases.ts"): a profiled line maps back.
    const modules = readFileSync(outfile, "utf8")
      .split("\n")
      .flatMap((text, i) => (/^\/\/ (src|node_modules)\//.test(text) ? [{ line: i + 1, name: text.slice(3) }] : []));
    const moduleAt = (_url, line) => modules.findLast((m) => m.line <= line)?.name ?? `grade.mjs:${line}`;
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

    const q = recall.find((x) => x.id === "idempotent-producer-internals") ?? recall[0];
    const prose = recall.map((x) => x.answer).join(" ");
    const phrase = q.keyPoints[0].phrases[0];
    const long = [
      ["2,000 characters of answers", fill(prose, 2000), TARGET_MS],
      ['1 MB of "not <key phrase>"', fill(`not ${phrase} `, 1e6), LONG_TARGET_MS],
      ["1 MB of answers", fill(prose, 1e6), LONG_TARGET_MS],
    ];
    let distinct = "";
    for (let i = 0; distinct.length < 1e5; i++) distinct += `w${((i * 2654435761) % 1e9).toString(36)} `;
    const rows = [];
    for (const [name, text, target] of long) {
      const ms = fastest(() => grade(q, text));
      const row = { name: `grade recall: ${name}`, value: round(ms), unit: "ms CPU", target, ok: ms < target };
      if (!row.ok) {
        const perChar = ((ms * 1e6) / text.length).toFixed(0);
        row.why = `${perChar} ns a character. ${describeCall(await profileCall(() => grade(q, text), { where: moduleAt }))}`;
      }
      rows.push(row);
    }
    const distinctMs = fastest(() => grade(q, distinct), 3);
    const firstRow = { name: "grade recall: first answer of a session", value: round(first), unit: "ms", target: 50, ok: first < 50 };
    if (!firstRow.ok) {
      // A fresh process grading one answer, as a round's first recall answer is.
      const script = join(dir, "first.mjs");
      writeFileSync(
        script,
        `import { readFileSync } from "node:fs";
import { grade } from ${JSON.stringify(pathToFileURL(outfile).href)};
const q = JSON.parse(readFileSync(${JSON.stringify(join(ROOT, "dist", "bank.json"))}, "utf8")).questions.find((x) => x.type === "recall");
grade(q, q.answer);`,
      );
      const p = profile([script]);
      const top = p.top.map(
        ([f, t]) => `${f.replace(/ \(grade\.mjs:(\d+)\)$/, (_, l) => ` (${moduleAt("", Number(l))})`)} ${t.toFixed(0)} ms`,
      );
      firstRow.why = `a fresh process: loading and compiling ${p.loading.toFixed(0)} ms (${p.kb.toFixed(0)} KB), GC ${p.gc.toFixed(0)} ms, reading the bank and grading ${p.app.toFixed(0)} ms (most self time: ${top.join(", ")}), CPU times under the profiler`;
    }
    return [
      firstRow,
      { name: `grade recall: median of ${times.length}`, value: round(p50), unit: "ms", target: TARGET_MS, ok: p50 < TARGET_MS },
      { name: "grade recall: 95th percentile", value: round(p95), unit: "ms", target: TARGET_MS, ok: p95 < TARGET_MS },
      ...rows,
      // Every word new: each is stemmed and checked for typos once, so this is the slowest text per byte.
      {
        name: "grade recall: 100 KB of distinct words",
        value: round(distinctMs),
        unit: "ms CPU",
        target: LONG_TARGET_MS,
        ok: distinctMs < LONG_TARGET_MS,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
