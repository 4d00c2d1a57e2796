// Start-up time of the CLI against a bare `node -e 0`, as a ratio of medians over alternating runs.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "bin", "kafka-prep.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const CASES = [
  { name: "startup --help", args: ["--help"], target: 1.6 },
  { name: "startup validate", args: ["validate"] },
  { name: "startup explain acks", args: ["explain", "acks"], target: 1.6 },
];

function time(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1", KAFKA_PREP_QUESTIONS: "" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export default async function () {
  const bare = ["-e", "0"];
  // Warm the file cache so the first case is not penalised.
  time(bare);
  for (const c of CASES) {
    try {
      time([BIN, ...c.args]);
    } catch {
      // Reported with its row below.
    }
  }
  const rows = [];
  for (const c of CASES) {
    try {
      const base = [];
      const cli = [];
      // Alternating runs so that machine load drifts affect both sides alike.
      for (let i = 0; i < RUNS; i++) {
        base.push(time(bare));
        cli.push(time([BIN, ...c.args]));
      }
      const ratio = median(cli) / median(base);
      rows.push({
        name: c.name,
        value: Math.round(ratio * 100) / 100,
        unit: `x node -e 0 (${median(cli).toFixed(0)} ms vs ${median(base).toFixed(0)} ms)`,
        target: c.target,
        ok: c.target === undefined || ratio <= c.target,
      });
    } catch (err) {
      rows.push({ name: c.name, value: Number.NaN, unit: String(err.message).split("\n")[0], target: c.target ?? 0, ok: false });
    }
  }
  return rows;
}
