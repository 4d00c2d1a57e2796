// Piped quiz rounds run with the built CLI, for fault tests: a pack of many questions, answers fed one a line, the
// feedback line of each answer counted as it arrives (the round records an answer before it shows its feedback).
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BIN, ROOT } from "./cli.js";

export const FAULTS = join(ROOT, "test", "helpers", "faults.mjs");

/** A pack of `n` multiple-choice questions (ids fault-0 …), written to `dir`/pack.yaml; returns its path. */
export function writePack(dir: string, n: number): string {
  const questions = Array.from(
    { length: n },
    (_, i) => `  - id: fault-${i}
    level: beginner
    topics: [producers]
    type: mcq
    prompt: "Fault test ${i}: which acks setting waits for every in-sync replica?"
    choices:
      - { text: acks=all, correct: true }
      - { text: acks=1, why: Only the leader. }
      - { text: acks=0, why: No wait at all. }
    explanation: acks=all waits for the full ISR.
    sources:
      - { doc: 000_1390a3d7602e6b05.txt, ref: Q9 }
`,
  );
  const file = join(dir, "pack.yaml");
  writeFileSync(file, `questions:\n${questions.join("")}`);
  return file;
}

export interface Round {
  child: ChildProcess;
  /** Feedback lines seen so far: answers the person was shown as graded. */
  acknowledged: () => number;
  stdout: () => string;
  stderr: () => string;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Feeds the next answer. */
  answer: () => void;
  end: () => void;
}

const FEEDBACK = /^[✓✗~]/mu;

/** Starts `kafka-prep quiz` on the pack, piped, not yet answered. */
export function startRound(
  dataDir: string,
  pack: string,
  count: number,
  opts: { env?: NodeJS.ProcessEnv; nodeArgs?: string[]; seed?: number } = {},
): Round {
  const child = spawn(
    process.execPath,
    [
      ...(opts.nodeArgs ?? []),
      BIN,
      "quiz",
      "--no-builtin",
      "--questions",
      pack,
      "--count",
      String(count),
      "--time",
      "0",
      "--seed",
      String(opts.seed ?? 1),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NO_COLOR: "1",
        FORCE_COLOR: undefined,
        KAFKA_PREP_QUESTIONS: undefined,
        KAFKA_PREP_HOME: dataDir,
        ...opts.env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let out = "";
  let err = "";
  let seen = 0;
  child.stdout?.on("data", (d) => {
    out += d;
    seen = out.split("\n").filter((l) => FEEDBACK.test(l)).length;
  });
  child.stderr?.on("data", (d) => {
    err += d;
  });
  child.stdin?.on("error", () => {});
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const letters = "abc";
  let i = 0;
  return {
    child,
    acknowledged: () => seen,
    stdout: () => out,
    stderr: () => err,
    done,
    answer: () => {
      if (child.stdin?.writable) child.stdin.write(`${letters[i++ % 3]}\n`);
    },
    end: () => child.stdin?.end(),
  };
}

/** Waits until `test` holds, polling; false after `ms`. */
export async function until(test: () => boolean, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (test()) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return test();
}

/** The attempts in a store's history, by round id; a line that is not JSON fails the test (nothing half-written). */
export function attemptsByRound(dataDir: string): Map<string, number> {
  const text = (() => {
    try {
      return readFileSync(join(dataDir, "attempts.jsonl"), "utf8");
    } catch {
      return "";
    }
  })();
  const byRound = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const a = JSON.parse(line) as { roundId: string };
    byRound.set(a.roundId, (byRound.get(a.roundId) ?? 0) + 1);
  }
  return byRound;
}

/** `kafka-prep <args>` as a child process, without blocking the test's event loop. */
export function runCliAsync(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, KAFKA_PREP_QUESTIONS: undefined, KAFKA_PREP_HOME: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d) => {
      stdout += d;
    });
    child.stderr?.on("data", (d) => {
      stderr += d;
    });
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}
