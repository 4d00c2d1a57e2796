// Times `kafka-prep stats` and recording one answer over a generated history of 100,000 attempts, and the commands
// that read the whole history (cold stats, doctor, export, import) at 100,000 and 1,000,000 attempts, with their
// peak memory: they stream, so time grows with the history and memory stays flat.
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "bin", "kafka-prep.js");
const ATTEMPTS = 100_000;

/** A deterministic history over the real bank: ten answers a round, a round every few hours; written in pieces, so a
 * million attempts never sit in the generator's memory either. */
export function generateHistory(dir, count = ATTEMPTS) {
  const compiled = join(ROOT, "dist", "bank.json");
  if (!existsSync(compiled)) throw new Error("dist/bank.json is missing: the built-in bank did not compile (run npm run build)");
  const bank = JSON.parse(readFileSync(compiled, "utf8")).questions;
  let seed = 42;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const start = Date.now() - 400 * 86_400_000;
  const step = Math.floor((400 * 86_400_000) / count);
  const attemptsFd = openSync(join(dir, "attempts.jsonl"), "w");
  const roundsFd = openSync(join(dir, "rounds.jsonl"), "w");
  let attempts = [];
  let rounds = [];
  const flush = () => {
    if (attempts.length) writeSync(attemptsFd, `${attempts.join("\n")}\n`);
    if (rounds.length) writeSync(roundsFd, `${rounds.join("\n")}\n`);
    attempts = [];
    rounds = [];
  };
  let correctInRound = 0;
  for (let i = 0; i < count; i++) {
    const q = bank[Math.floor(rand() * bank.length)];
    const correct = rand() < 0.72;
    const at = new Date(start + i * step).toISOString();
    const ms = Math.floor(rand() * 40_000);
    attempts.push(
      JSON.stringify({
        id: `bench-${i}`,
        roundId: `round-${Math.floor(i / 10)}`,
        questionId: q.id,
        at,
        level: q.level,
        topics: q.topics,
        type: q.type,
        answer: correct ? "the right answer" : "a wrong answer",
        score: correct ? 1 : 0,
        correct,
        rating: correct ? (ms < 11_000 ? "easy" : "good") : "again",
        ms,
        timedOut: false,
        skipped: false,
        confidence: rand() < 0.5 ? "sure" : "unsure",
      }),
    );
    if (correct) correctInRound++;
    if (i % 10 === 9) {
      rounds.push(
        JSON.stringify({
          id: `round-${Math.floor(i / 10)}`,
          kind: "quiz",
          startedAt: new Date(start + (i - 9) * step).toISOString(),
          endedAt: at,
          total: 10,
          answered: 10,
          correct: correctInRound,
          score: correctInRound / 10,
          interrupted: false,
        }),
      );
      correctInRound = 0;
    }
    if (attempts.length >= 10_000) flush();
  }
  flush();
  closeSync(attemptsFd);
  closeSync(roundsFd);
}

const round2 = (x) => Math.round(x * 100) / 100;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeCli(args, env) {
  return measureCli(args, env).ms;
}

/** Runs the CLI and measures its wall time and peak resident memory (reported by the child as it exits). */
function measureCli(args, env) {
  const rssFile = join(tmpdir(), `kafka-prep-bench-rss-${process.pid}`);
  const reporter = `data:text/javascript,${encodeURIComponent(
    `import { writeFileSync } from "node:fs"; process.on("exit", () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));`,
  )}`;
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--import", reporter, BIN, ...args], { env, encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`kafka-prep ${args.join(" ")} failed: ${r.stderr}`);
  const rssMb = Number(readFileSync(rssFile, "utf8")) / 1024;
  rmSync(rssFile, { force: true });
  return { ms, rssMb };
}

/** Cold stats, doctor, export and import over `count` generated attempts: time and peak memory of each. */
function wholeHistory(count) {
  const dir = mkdtempSync(join(tmpdir(), "kafka-prep-bench-"));
  const other = mkdtempSync(join(tmpdir(), "kafka-prep-bench-import-"));
  try {
    generateHistory(dir, count);
    const env = { ...process.env, KAFKA_PREP_HOME: dir, NO_COLOR: "1" };
    const stats = measureCli(["stats"], env);
    rmSync(join(dir, "derived.json"), { force: true });
    const doctor = measureCli(["doctor"], env);
    const file = join(other, "export.json");
    const exported = measureCli(["export", file], env);
    const imported = measureCli(["import", file], { ...env, KAFKA_PREP_HOME: join(other, "store") });
    const n = count.toLocaleString("en-US");
    const perHundredK = (ms) => (ms * 100_000) / count;
    const rows = [];
    for (const [what, m] of [
      ["cold stats (no cache)", stats],
      ["doctor", doctor],
      ["export", exported],
      ["import into an empty store", imported],
    ]) {
      const target = 1000 * (count / 100_000);
      rows.push({ name: `${what} over ${n} attempts`, value: Math.round(m.ms), unit: "ms", target, ok: perHundredK(m.ms) <= 1000 });
      rows.push({ name: `  peak memory of ${what.split(" (")[0]}, ${n} attempts`, value: Math.round(m.rssMb), unit: "MB", ok: true });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(other, { recursive: true, force: true });
  }
}

/** Records 300 answers through the store as the quiz does, in a separate process that has already opened it
 * (the quiz reads the cards when a round starts). Every ~200 answers one of them also saves derived.json. */
function timeRecord(dir) {
  const script = `
    import { openStore } from ${JSON.stringify(join(ROOT, "dist", "tools", "store.js"))};
    const store = openStore(${JSON.stringify(dir)});
    store.cards();
    const times = [];
    for (let i = 0; i < 300; i++) {
      const a = { id: "rec-" + i, roundId: "rec", questionId: "acks-all-meaning", at: new Date().toISOString(), level: "beginner",
        topics: ["producers"], type: "mcq", answer: "x", score: 1, correct: true, rating: "good", ms: 5000, timedOut: false, skipped: false };
      const t = process.hrtime.bigint();
      store.recordAttempt(a);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const t = process.hrtime.bigint();
    store.recordRound({ id: "rec", kind: "quiz", startedAt: new Date().toISOString(), endedAt: new Date().toISOString(),
      total: 300, answered: 300, correct: 300, score: 1, interrupted: false });
    const round = Number(process.hrtime.bigint() - t) / 1e6;
    times.sort((a, b) => a - b);
    process.stdout.write(JSON.stringify({ median: times[150], max: times[299], round }));
  `;
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }));
}

export default async function () {
  const dir = mkdtempSync(join(tmpdir(), "kafka-prep-bench-"));
  try {
    generateHistory(dir);
    const env = { ...process.env, KAFKA_PREP_HOME: dir, NO_COLOR: "1" };
    // Rebuilding derived state from the whole history happens once (doctor, import, or the first run).
    const rebuildMs = timeCli(["doctor"], env);
    const versionMs = median(Array.from({ length: 5 }, () => timeCli(["--version"], env)));
    const statsMs = median(Array.from({ length: 5 }, () => timeCli(["stats"], env)));
    const jsonMs = median(Array.from({ length: 5 }, () => timeCli(["stats", "--json"], env)));
    const record = timeRecord(dir);
    const n = ATTEMPTS.toLocaleString("en-US");
    return [
      { name: `stats over ${n} attempts (median of 5 runs)`, value: Math.round(statsMs), unit: "ms", target: 500, ok: statsMs <= 500 },
      { name: `stats --json over ${n} attempts`, value: Math.round(jsonMs), unit: "ms", target: 500, ok: jsonMs <= 500 },
      { name: "record one answer (median of 300)", value: round2(record.median), unit: "ms", target: 20, ok: record.median <= 20 },
      {
        name: "record one answer, slowest of 300 (saves derived.json)",
        value: round2(record.max),
        unit: "ms",
        target: 20,
        ok: record.max <= 20,
      },
      {
        name: "record the round at its end (saves derived.json)",
        value: round2(record.round),
        unit: "ms",
        target: 20,
        ok: record.round <= 20,
      },
      { name: "for scale: kafka-prep --version (median of 5)", value: Math.round(versionMs), unit: "ms", ok: true },
      { name: `for scale: doctor, rebuilding from ${n} attempts`, value: Math.round(rebuildMs), unit: "ms", ok: true },
      ...wholeHistory(100_000),
      ...(process.env.KAFKA_PREP_BENCH_SMALL ? [] : wholeHistory(1_000_000)),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
