// The fault-injection suite: piped rounds with the built CLI, killed at random moments, run in parallel with
// stats, export and doctor, on a full disk, a read-only folder and without permission. Each test asserts that every
// answer whose feedback was shown is in the store, and that the store then reads without doctor.
import { spawnSync } from "node:child_process";
import {
  appendFileSync,
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statfsSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/cli.js";
import { makeAttempt } from "../helpers/history.js";
import { attemptsByRound, FAULTS, runCliAsync, startRound, until, writePack } from "../helpers/rounds.js";
import { run } from "../helpers/run.js";

const work = tempDir("kafka-prep-faults-");
let pack: string;
beforeAll(() => {
  pack = writePack(work.dir, 12);
});
afterAll(() => work.cleanup());

const isRoot = process.getuid?.() === 0;
let n = 0;
const freshDir = () => {
  const d = join(work.dir, `store-${n++}`);
  mkdirSync(d);
  return d;
};

/** The store reads as it is: stats exits 0 with every recorded attempt counted. */
async function readsWithoutDoctor(dir: string): Promise<number> {
  // stats counts the questions of the bank it is given: the rounds' pack. In-process: the same main() as the CLI.
  const stats = await run(["stats", "--json", "--no-builtin", "--questions", pack], { dataDir: dir });
  expect(stats.stderr.replace(/^note: .*\n/gm, "")).toBe("");
  expect(stats.code).toBe(0);
  return JSON.parse(stats.stdout).attempts;
}

/** Every line is whole JSON; only the last may be cut off (a write a kill interrupted), and then it is no record. */
function wholeLines(dir: string): number {
  const file = join(dir, "attempts.jsonl");
  if (!existsSync(file)) return 0;
  const text = readFileSync(file, "utf8");
  const lines = text.split("\n");
  const last = lines.pop();
  for (const l of lines) if (l.trim()) JSON.parse(l);
  expect(last === "" || last === undefined).toBe(true);
  return lines.filter((l) => l.trim()).length;
}

const random = (() => {
  let seed = 20_260_302;
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
})();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("SIGKILL at random moments during piped rounds", () => {
  it("keeps every acknowledged answer through 12 kills in every phase, and the store reads without doctor", {
    timeout: 90_000,
  }, async () => {
    const lanes = 2;
    const killsPerLane = 6;
    let kills = 0;
    let acknowledged = 0;
    let lost = 0;
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        const dir = freshDir();
        for (let k = 0; k < killsPerLane; k++) {
          const before = new Set(attemptsByRound(dir).keys());
          const round = startRound(dir, pack, 12, { seed: k + 1 });
          // Each lane kills in turn before the first question, mid-answer and right after a feedback line, at random
          // depths and moments.
          const phase = k % 3;
          const target = phase === 0 ? 0 : 1 + Math.floor(random() * 9);
          for (let i = 0; i < target; i++) {
            round.answer();
            await until(() => round.acknowledged() > i || round.child.exitCode !== null, 5_000);
          }
          if (phase === 1) round.answer();
          await sleep(random() * 8);
          round.child.kill("SIGKILL");
          await round.done;
          kills++;
          const shown = round.acknowledged();
          acknowledged += shown;
          const added = [...attemptsByRound(dir)].filter(([id]) => !before.has(id));
          expect(added.length).toBeLessThanOrEqual(1);
          const kept = added[0]?.[1] ?? 0;
          if (kept < shown) lost += shown - kept;
          expect(kept).toBeGreaterThanOrEqual(shown);
        }
        expect(await readsWithoutDoctor(dir)).toBe(wholeLines(dir));
      }),
    );
    expect(kills).toBe(lanes * killsPerLane);
    expect(lost).toBe(0);
    process.stdout.write(`fault suite: ${kills} kills, ${acknowledged} answers acknowledged, ${lost} lost\n`);
  });
});

describe("parallel rounds with stats, export and doctor at the same time", () => {
  it("records all answers of 5 rounds while the other commands run", { timeout: 90_000 }, async () => {
    const dir = freshDir();
    expect((await run(["stats"], { dataDir: dir })).code).toBe(0);
    const perRound = 12;
    const rounds = Array.from({ length: 5 }, (_, i) => startRound(dir, pack, perRound, { seed: 100 + i }));
    let running = true;
    const others: Promise<void>[] = ["stats", "export", "doctor"].map(async (command) => {
      let runs = 0;
      while (running || runs === 0) {
        const args =
          command === "stats" ? ["stats", "--json"] : command === "export" ? ["export", join(dir, `export-${runs}.json`)] : ["doctor"];
        const r = await runCliAsync(args, dir);
        expect({ command, code: r.code, stderr: r.stderr }).toEqual({ command, code: 0, stderr: r.code === 0 ? r.stderr : "" });
        runs++;
      }
    });
    await Promise.all(
      rounds.map(async (round) => {
        for (let i = 0; i < perRound; i++) {
          round.answer();
          expect(await until(() => round.acknowledged() > i, 20_000)).toBe(true);
        }
        round.end();
        expect((await round.done).code).toBe(0);
      }),
    );
    running = false;
    await Promise.all(others);
    const byRound = attemptsByRound(dir);
    expect([...byRound.values()]).toEqual([perRound, perRound, perRound, perRound, perRound]);
    expect(rounds.reduce((s, r) => s + r.acknowledged(), 0)).toBe(5 * perRound);
    expect(await readsWithoutDoctor(dir)).toBe(5 * perRound);
    const exported = await run(["export"], { dataDir: dir });
    expect(JSON.parse(exported.stdout).attempts).toHaveLength(5 * perRound);
  });
});

describe("doctor racing a round", () => {
  it("never replaces the history with a copy that misses an answer recorded while it worked", { timeout: 60_000 }, async () => {
    const dir = freshDir();
    const round = startRound(dir, pack, 10, { seed: 7 });
    round.answer();
    expect(await until(() => round.acknowledged() === 1)).toBe(true);
    // Damage that doctor must repair, so it reads, rewrites and renames.
    appendFileSync(join(dir, "attempts.jsonl"), "this line is damaged\n");
    const signal = join(work.dir, `renaming-${n}`);
    const env = {
      ...process.env,
      NO_COLOR: "1",
      KAFKA_PREP_HOME: dir,
      KAFKA_PREP_TEST_FAULTS: JSON.stringify({ renameDelayMs: 1500, renameMatch: "attempts\\.jsonl$", renameSignal: signal }),
    };
    const { spawn } = await import("node:child_process");
    const doctor = spawn(process.execPath, ["--import", FAULTS, join(process.cwd(), "bin", "kafka-prep.js"), "doctor"], { env });
    let doctorOut = "";
    doctor.stdout.on("data", (d) => {
      doctorOut += d;
    });
    const doctorDone = new Promise<number | null>((r) => doctor.on("exit", r));
    // Answers given while doctor holds its copy, between its read and its rename.
    expect(await until(() => existsSync(signal), 20_000)).toBe(true);
    for (let i = 1; i < 6; i++) round.answer();
    round.end();
    expect(await doctorDone).toBe(0);
    expect(doctorOut).toContain("1 damaged line set aside");
    expect((await round.done).code).toBe(0);
    expect(round.acknowledged()).toBe(6);
    expect([...attemptsByRound(dir).values()]).toEqual([6]);
    expect(await readsWithoutDoctor(dir)).toBe(6);
  });
});

describe("Ctrl-C during maintenance", () => {
  it("stops doctor at once in the middle of its work, and the next run finds the store as it was", { timeout: 60_000 }, async () => {
    const dir = freshDir();
    const round = startRound(dir, pack, 3, { seed: 3 });
    for (let i = 0; i < 3; i++) round.answer();
    round.end();
    expect((await round.done).code).toBe(0);
    appendFileSync(join(dir, "attempts.jsonl"), "this line is damaged\n");
    const before = readFileSync(join(dir, "attempts.jsonl"), "utf8");
    // doctor is held for a minute inside its synchronous work, between its read and its rename.
    const signal = join(work.dir, `held-${n}`);
    const env = {
      ...process.env,
      NO_COLOR: "1",
      KAFKA_PREP_HOME: dir,
      KAFKA_PREP_TEST_FAULTS: JSON.stringify({ renameDelayMs: 60_000, renameMatch: "attempts\\.jsonl$", renameSignal: signal }),
    };
    const { spawn } = await import("node:child_process");
    const doctor = spawn(process.execPath, ["--import", FAULTS, join(process.cwd(), "bin", "kafka-prep.js"), "doctor"], { env });
    const ended = new Promise<{ code: number | null; signal: string | null }>((r) =>
      doctor.on("exit", (code, sig) => r({ code, signal: sig })),
    );
    try {
      expect(await until(() => existsSync(signal), 20_000)).toBe(true);
      doctor.kill("SIGINT");
      // Ended by the signal, long before the held rename could go in.
      expect(await Promise.race([ended, sleep(20_000).then(() => "still running")])).toEqual({ code: null, signal: "SIGINT" });
    } finally {
      doctor.kill("SIGKILL");
    }
    expect(readFileSync(join(dir, "attempts.jsonl"), "utf8")).toBe(before);
    const again = await run(["doctor"], { dataDir: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("1 damaged line set aside");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp") || f === ".lock")).toEqual([]);
    expect(await readsWithoutDoctor(dir)).toBe(3);
  });
});

/** Runs a piped round to its end or its error; returns the acknowledged count and the result. */
async function roundUntilFault(dir: string, count: number, opts: Parameters<typeof startRound>[3] = {}) {
  const round = startRound(dir, pack, count, opts);
  for (let i = 0; i < count; i++) {
    round.answer();
    if (!(await until(() => round.acknowledged() > i || round.child.exitCode !== null, 10_000))) break;
    if (round.child.exitCode !== null) break;
  }
  round.end();
  const result = await round.done;
  return { acknowledged: round.acknowledged(), code: result.code, stderr: round.stderr(), stdout: round.stdout() };
}

/** Three answers recorded before the fault, by the same main() the CLI runs, in this process. */
async function seedHistory(dir: string): Promise<number> {
  const r = await run(["quiz", "--no-builtin", "--questions", pack, "-n", "3", "--time", "0"], { dataDir: dir, input: "a\nb\nc\n" });
  expect(r.code).toBe(0);
  return wholeLines(dir);
}

const canMount = (() => {
  if (!isRoot || process.platform !== "linux") return false;
  const probe = join(work.dir, "mount-probe");
  mkdirSync(probe, { recursive: true });
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe]);
  if (r.status !== 0) return false;
  spawnSync("umount", [probe]);
  return true;
})();

describe("a full disk", () => {
  it("cuts a half-written answer back and says the disk is full (injected ENOSPC)", { timeout: 30_000 }, async () => {
    const dir = freshDir();
    const before = await seedHistory(dir);
    const faults = JSON.stringify({ dir, diskBytes: 2_500 });
    const r = await roundUntilFault(dir, 12, { nodeArgs: ["--import", FAULTS], env: { KAFKA_PREP_TEST_FAULTS: faults } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write to .*attempts\.jsonl: the disk is full/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.acknowledged).toBeGreaterThan(0);
    expect(wholeLines(dir)).toBe(before + r.acknowledged);
    expect(await readsWithoutDoctor(dir)).toBe(before + r.acknowledged);
  });

  it.skipIf(!canMount)("on a real full tmpfs, keeps every acknowledged answer and no half line", { timeout: 30_000 }, async () => {
    const dir = freshDir();
    spawnSync("mount", ["-t", "tmpfs", "-o", "size=512k", "tmpfs", dir]);
    try {
      const before = await seedHistory(dir);
      // The round starts on a disk with room; something else fills it after the third answer.
      const round = startRound(dir, pack, 12, { seed: 3 });
      let filled = false;
      for (let i = 0; i < 12 && round.child.exitCode === null; i++) {
        if (i === 3 && !filled) {
          filled = true;
          const fs = statfsSync(dir);
          writeFileSync(join(dir, "filler"), Buffer.alloc(fs.bavail * fs.bsize - 300));
        }
        round.answer();
        await until(() => round.acknowledged() > i || round.child.exitCode !== null, 10_000);
      }
      round.end();
      const r = { ...(await round.done), acknowledged: round.acknowledged(), stderr: round.stderr() };
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/the disk is full/);
      expect(r.acknowledged).toBeGreaterThan(0);
      expect(wholeLines(dir)).toBe(before + r.acknowledged);
      expect(await readsWithoutDoctor(dir)).toBe(before + r.acknowledged);
    } finally {
      spawnSync("umount", [dir]);
    }
  });
});

describe("output that cannot be written", () => {
  const bin = join(process.cwd(), "bin", "kafka-prep.js");
  it("says so with exit 2 when stdout cannot take a byte (/dev/full), with no stack trace", async () => {
    const dir = freshDir();
    await seedHistory(dir);
    for (const args of [["stats"], ["--help"], ["export"]]) {
      const out = openSync("/dev/full", "w");
      const r = spawnSync(process.execPath, [bin, ...args], {
        env: { ...process.env, KAFKA_PREP_HOME: dir },
        stdio: ["ignore", out, "pipe"],
      });
      closeSync(out);
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
      expect(r.stderr.toString()).toBe("error: cannot write to standard output: the disk is full. What was written there is incomplete.\n");
    }
  });

  it.skipIf(!canMount)(
    "fails an export to stdout that a nearly full disk cuts short, instead of leaving a cut-off file and exit 0",
    async () => {
      const dir = freshDir();
      // About 90 KB of history, for a 16 KB disk.
      const at = new Date("2026-11-01T10:00:00.000Z");
      const lines = Array.from({ length: 300 }, (_, i) => JSON.stringify(makeAttempt(`q${i}`, true, at)));
      writeFileSync(join(dir, "attempts.jsonl"), `${lines.join("\n")}\n`);
      const disk = join(work.dir, `small-disk-${n++}`);
      mkdirSync(disk);
      spawnSync("mount", ["-t", "tmpfs", "-o", "size=16k", "tmpfs", disk]);
      try {
        const out = openSync(join(disk, "backup.json"), "w");
        const r = spawnSync(process.execPath, [bin, "export"], {
          env: { ...process.env, KAFKA_PREP_HOME: dir },
          stdio: ["ignore", out, "pipe"],
        });
        closeSync(out);
        expect(r.status).toBe(2);
        expect(r.stderr.toString()).toContain("cannot write to standard output: the disk is full");
      } finally {
        spawnSync("umount", [disk]);
      }
    },
  );
});

describe("a folder that cannot be written", () => {
  const commands = () => [
    { args: ["doctor"], name: "doctor" },
    { args: ["reset", "--yes"], name: "reset" },
    { args: ["import", join(work.dir, "some-export.json")], name: "import" },
  ];

  function assertRefused(dir: string, before: number, env: NodeJS.ProcessEnv, nodeArgs: string[], why: RegExp) {
    writeFileSync(join(work.dir, "some-export.json"), JSON.stringify({ format: "kafka-prep-progress", version: 1, attempts: [] }));
    const quiz = spawnSync(
      process.execPath,
      [...nodeArgs, join(process.cwd(), "bin", "kafka-prep.js"), "quiz", "--no-builtin", "--questions", pack, "-n", "3", "--time", "0"],
      {
        env: { ...process.env, NO_COLOR: "1", KAFKA_PREP_HOME: dir, ...env },
        input: "a\nb\nc\n",
        encoding: "utf8",
      },
    );
    // Said before the first question: nothing is shown as graded and then lost.
    expect(quiz.status).toBe(2);
    expect(quiz.stdout).not.toMatch(/^[✓✗]/mu);
    expect(quiz.stderr).toMatch(why);
    expect(quiz.stderr).toContain(dir);
    for (const c of commands()) {
      const r = spawnSync(process.execPath, [...nodeArgs, join(process.cwd(), "bin", "kafka-prep.js"), ...c.args], {
        env: { ...process.env, NO_COLOR: "1", KAFKA_PREP_HOME: dir, ...env },
        encoding: "utf8",
      });
      expect({ command: c.name, code: r.status }).toEqual({ command: c.name, code: 2 });
      expect(r.stderr).toMatch(why);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(wholeLines(dir)).toBe(before);
  }

  it("read-only (injected EROFS): refused before the first question, exit 2, nothing lost", { timeout: 30_000 }, async () => {
    const dir = freshDir();
    const before = await seedHistory(dir);
    assertRefused(dir, before, { KAFKA_PREP_TEST_FAULTS: JSON.stringify({ dir, readOnly: "EROFS" }) }, ["--import", FAULTS], /read-only/);
    expect(await readsWithoutDoctor(dir)).toBe(before);
  });

  it.skipIf(!canMount && isRoot)(
    "read-only for real (a read-only bind mount, or no write bit for a normal user)",
    { timeout: 30_000 },
    async () => {
      const dir = freshDir();
      const before = await seedHistory(dir);
      if (isRoot) expect(spawnSync("mount", ["--bind", "-o", "ro", dir, dir]).status).toBe(0);
      else chmodSync(dir, 0o555);
      try {
        assertRefused(dir, before, {}, [], isRoot ? /read-only/ : /permission denied/);
        // Reading still works.
        expect((await run(["stats", "--json"], { dataDir: dir })).code).toBe(0);
      } finally {
        if (isRoot) spawnSync("umount", [dir]);
        else chmodSync(dir, 0o755);
      }
    },
  );

  it("permission denied (injected EACCES, as root ignores permission bits)", { timeout: 30_000 }, async () => {
    const dir = freshDir();
    const before = await seedHistory(dir);
    assertRefused(
      dir,
      before,
      { KAFKA_PREP_TEST_FAULTS: JSON.stringify({ dir, readOnly: "EACCES" }) },
      ["--import", FAULTS],
      /permission denied/,
    );
  });

  it("a file where the data folder should be: a clear message for every command, exit 2", async () => {
    const file = join(work.dir, `not-a-folder-${n++}`);
    writeFileSync(file, "x");
    for (const args of [["doctor"], ["stats"], ["reset", "--yes"], ["export"]]) {
      const r = await run(["--data-dir", file, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`cannot create ${file}: a file is where a folder should be`);
    }
    expect(readFileSync(file, "utf8")).toBe("x");
  });
});
