// Every everyday command against a bare `node -e 0`, side by side in one run: the ratio of medians over rounds in
// which each command and the bare start alternate in a shuffled order, so load drifts hit all of them alike.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describeGap, profile } from "./profile.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "bin", "kafka-prep.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const START = 1.5;

const CASES = [
  { name: "--help", args: ["--help"], target: START },
  { name: "explain acks", args: ["explain", "acks"], target: START },
  { name: "explain idempotance (typo, full text)", args: ["explain", "idempotance"], target: START },
  {
    name: "explain difference between at-least-once and exactly-once",
    args: ["explain", "difference", "between", "at-least-once", "and", "exactly-once"],
    target: START,
  },
  { name: "list", args: ["list"], target: START },
  { name: "topics", args: ["topics"], target: START },
  { name: "stats (empty store)", args: ["stats"], target: START },
  { name: "weak (empty store)", args: ["weak"], target: START },
  { name: "check (empty store)", args: ["check"], target: START, codes: [0, 1] },
  {
    name: "quiz, one answer piped",
    args: ["quiz", "--id", "min-insync-config-name", "--no-follow-ups", "--json"],
    input: "min.insync.replicas\n",
    target: START,
  },
  // The everyday round: chosen from the whole bank rather than by id (an empty line skips the question).
  {
    name: "quiz --level beginner, one answer piped",
    args: ["quiz", "--level", "beginner", "--count", "1", "--json"],
    input: "\n",
    target: START,
  },
  { name: "validate (whole bank)", args: ["validate"], target: 3 },
];

function time(args, { input, env, codes = [0] } = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1", KAFKA_PREP_QUESTIONS: "", ...env },
    input: input ?? "",
    stdio: ["pipe", "ignore", "pipe"],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!codes.includes(r.status)) throw new Error(`${args.slice(1).join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function shuffled(items, seed) {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export default async function () {
  const home = mkdtempSync(join(tmpdir(), "kafka-prep-startup-bench-"));
  const env = { KAFKA_PREP_HOME: home };
  const bare = ["-e", "0"];
  try {
    // Warm the file cache and the store's first run (settings.json), so no case pays for it.
    time(bare);
    for (const c of CASES) time([BIN, ...c.args], { input: c.input, env, codes: c.codes });
    const samples = new Map(CASES.map((c) => [c.name, []]));
    const base = [];
    for (let i = 0; i < RUNS; i++) {
      for (const c of shuffled(CASES, i + 1)) {
        base.push(time(bare));
        samples.get(c.name).push(time([BIN, ...c.args], { input: c.input, env, codes: c.codes }));
      }
    }
    const floor = median(base);
    const rows = CASES.map((c) => {
      const ms = median(samples.get(c.name));
      const ratio = ms / floor;
      return {
        case: c,
        name: `start-up: ${c.name}`,
        value: Math.round(ratio * 100) / 100,
        unit: `x node -e 0 (${ms.toFixed(0)} ms vs ${floor.toFixed(0)} ms)`,
        target: c.target,
        ok: ratio <= c.target,
      };
    });
    // A missed target says where the time goes: profiles of the command and of the bare start, side by side.
    const missed = rows.filter((r) => !r.ok);
    const bareProfile = missed.length ? profile(bare, { env: { ...process.env, ...env } }) : undefined;
    for (const r of missed) {
      const c = r.case;
      const over = (r.value - c.target) * floor;
      const p = profile([BIN, ...c.args], {
        env: { ...process.env, NO_COLOR: "1", KAFKA_PREP_QUESTIONS: "", ...env },
        input: c.input,
        cwd: ROOT,
      });
      r.why = `${over.toFixed(0)} ms over ${c.target}x. ${describeGap(p, bareProfile)}`;
    }
    return rows.map(({ case: _, ...r }) => r);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
