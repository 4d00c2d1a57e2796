// Hostile input as processes see it: files that are devices, FIFOs, endless or deeply nested; caches that parse but
// lie; histories with every kind of damage; homes and data folders that are empty. No command may hang, blow up its
// memory, crash with exit 70 or lose a recorded answer.
import { spawn, spawnSync } from "node:child_process";
import {
  appendFileSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, ROOT, runCli, tempDir } from "../helpers/cli.js";
import { makeAttempt } from "../helpers/history.js";
import { run } from "../helpers/run.js";

const work = tempDir("kafka-prep-hostile-");
afterAll(() => work.cleanup());
let n = 0;
const freshDir = () => {
  const d = join(work.dir, `store-${n++}`);
  mkdirSync(d);
  return d;
};
/** Ids of built-in questions (stats counts the answers to questions of the bank). */
const QUESTIONS: string[] = JSON.parse(readFileSync(join(ROOT, "dist", "bank.json"), "utf8"))
  .questions.filter((q: { level: string; topics: string[] }) => q.level === "beginner" && q.topics.includes("producers"))
  .slice(0, 4)
  .map((q: { id: string }) => q.id);
const T0 = Date.UTC(2026, 0, 5, 12);

/** A history of `count` valid attempts, one per line. */
function history(count: number, prefix = "h"): string[] {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify(makeAttempt(QUESTIONS[i % 4], i % 3 !== 0, new Date(T0 + i * 60_000), { id: `${prefix}-${i}`, roundId: `${prefix}-r` })),
  );
}
const write = (dir: string, lines: string[], name = "attempts.jsonl") => writeFileSync(join(dir, name), `${lines.join("\n")}\n`);
const attemptsOf = async (dir: string) => {
  const r = await run(["stats", "--json"], { dataDir: dir });
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: r.stderr.startsWith("note:") ? r.stderr : "" });
  return JSON.parse(r.stdout).attempts as number;
};
const noStack = (r: { stderr: string; code: number | null }) => {
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(r.code).not.toBe(70);
};

describe("no bounds no more", () => {
  it("refuses an interview date past the horizon at once, and plans a far one quickly", async () => {
    const dir = freshDir();
    write(dir, history(40));
    const t = Date.now();
    const far = await run(["check", "--interview-date", "2099-12-31"], { dataDir: dir });
    expect(far.code).toBe(2);
    expect(far.stderr).toContain("more than ten years away");
    const soon = new Date(Date.now() + 9 * 365 * 86_400_000).toISOString().slice(0, 10);
    const near = await run(["check", "--interview-date", soon, "--json"], { dataDir: dir });
    expect([0, 1]).toContain(near.code);
    expect(Date.now() - t).toBeLessThan(20_000);
  });

  it("refuses a pack file linked to /dev/zero and a FIFO named like YAML without reading or hanging", async () => {
    const pack = join(work.dir, `pack-${n++}`);
    mkdirSync(pack);
    symlinkSync("/dev/zero", join(pack, "zero.yaml"));
    expect(spawnSync("mkfifo", [join(pack, "pipe.yaml")]).status).toBe(0);
    for (const args of [
      ["validate", pack],
      ["list", "--no-builtin", "--questions", pack],
    ]) {
      const t = Date.now();
      const r = spawnSync(process.execPath, [BIN, ...args], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 20_000,
        env: { ...process.env, NO_COLOR: "1" },
      });
      expect(r.error).toBeUndefined();
      expect(r.stdout + r.stderr).toContain("not a regular file");
      expect([1, 2]).toContain(r.status);
      expect(Date.now() - t).toBeLessThan(15_000);
    }
  });

  it("refuses to write an export, a deck or a JUnit report into a pipe nothing reads, at once instead of hanging", () => {
    const dir = freshDir();
    write(dir, history(3));
    const pipe = join(work.dir, `out-${n++}.pipe`);
    expect(spawnSync("mkfifo", [pipe]).status).toBe(0);
    for (const [args, what] of [
      [["export", pipe], "the export"],
      [["export", "--anki", pipe], "the deck"],
      [["check", "--junit", pipe], "the JUnit report"],
    ] as const) {
      // Opening a pipe without a reader blocks for ever, and a process blocked there ignores Ctrl-C.
      const r = spawnSync(process.execPath, [BIN, ...args], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 20_000,
        env: { ...process.env, NO_COLOR: "1", KAFKA_PREP_HOME: dir },
      });
      expect(r.error, args.join(" ")).toBeUndefined();
      expect(r.stderr).toContain(`cannot write ${what} to ${pipe}`);
      expect(r.stderr).toContain("it is a pipe that nothing reads from (start its reader first)");
      expect(r.status).toBe(2);
    }
    expect(lstatSync(pipe).isFIFO()).toBe(true);
  });

  it("refuses a settings file that is a pipe, a device or huge, at once instead of hanging or reading without end", () => {
    const dir = freshDir();
    const cwd = freshDir();
    expect(spawnSync("mkfifo", [join(cwd, "kafka-prep.yaml")]).status).toBe(0);
    const big = join(work.dir, `big-${n++}.yaml`);
    writeFileSync(big, `minScore: 90\n# ${"x".repeat(1024 * 1024)}\n`);
    for (const [args, why] of [
      [["check"], "it is a FIFO, not a file"],
      [["check", "--config", "/dev/zero"], "it is a character device, not a file"],
      [["check", "--config", big], "far more than settings take"],
    ] as const) {
      const r = spawnSync(process.execPath, [BIN, ...args], {
        cwd,
        encoding: "utf8",
        timeout: 20_000,
        env: { ...process.env, NO_COLOR: "1", KAFKA_PREP_HOME: dir },
      });
      expect(r.error, args.join(" ")).toBeUndefined();
      expect(r.stderr).toContain(why);
      expect(r.status).toBe(2);
    }
  });

  it("import refuses /dev/zero, a file of brackets and a document nested without end, quickly and in little memory", async () => {
    const dir = freshDir();
    write(dir, history(3));
    const brackets = join(work.dir, "brackets.json");
    writeFileSync(brackets, "[".repeat(20 * 1024 * 1024));
    const nested = join(work.dir, "nested.json");
    writeFileSync(nested, `{"format":"kafka-prep-progress","version":1,"attempts":${"[".repeat(20 * 1024 * 1024)}`);
    const env = { NODE_OPTIONS: "--max-old-space-size=64" };
    const cases: [string, RegExp][] = [
      ["/dev/zero", /\/dev\/zero: a character device, not a file\. Nothing was imported/],
      [brackets, /not a kafka-prep progress export/],
      [nested, /nested deeper than a progress export ever is/],
    ];
    for (const [file, message] of cases) {
      const r = runCli(["import", file], { dataDir: dir, env });
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(2);
      noStack(r);
    }
    expect(await attemptsOf(dir)).toBe(3);
  });

  it("a settings.json or derived.json of 20 MB of brackets is refused or rebuilt, never parsed", async () => {
    const dir = freshDir();
    write(dir, history(5));
    writeFileSync(join(dir, "derived.json"), "[".repeat(20 * 1024 * 1024));
    expect(await attemptsOf(dir)).toBe(5);
    writeFileSync(join(dir, "settings.json"), "[".repeat(20 * 1024 * 1024));
    const r = runCli(["stats"], { dataDir: dir, env: { NODE_OPTIONS: "--max-old-space-size=64" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("settings.json");
    noStack(r);
    const doctor = await run(["doctor"], { dataDir: dir });
    expect(doctor.code).toBe(0);
    expect(await attemptsOf(dir)).toBe(5);
  });

  it("stats, export, doctor and import stream a history far larger than their memory", { timeout: 90_000 }, async () => {
    const dir = freshDir();
    // About 15 MB of history; with a 32 MB heap, reading it whole (as one string, or as records) cannot work.
    const lines = history(60_000, "big");
    write(dir, lines);
    const env = { NODE_OPTIONS: "--max-old-space-size=32" };
    const stats = runCli(["stats", "--json"], { dataDir: dir, env });
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout).attempts).toBe(60_000);
    const out = join(work.dir, "big-export.json");
    const exported = runCli(["export", out], { dataDir: dir, env });
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain("Saved 60,000 attempts");
    appendFileSync(join(dir, "attempts.jsonl"), `${lines[7]}\n`);
    const doctor = runCli(["doctor"], { dataDir: dir, env });
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain("1 duplicate dropped");
    const other = freshDir();
    const imported = runCli(["import", out], { dataDir: other, env });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("Imported 60,000 attempts");
  });
});

describe("a cache that parses but lies", () => {
  const lies: [string, (d: Record<string, unknown>) => void][] = [
    ["summary: {}", (d) => (d.summary = {})],
    ["questions: null", (d) => ((d.summary as Record<string, unknown>).questions = null)],
    ["roundSummary: {}", (d) => (d.roundSummary = {})],
    ["a negative count", (d) => ((d.attempts as { bytes: number }).bytes = -5)],
    ["more bytes than the history", (d) => ((d.attempts as { bytes: number }).bytes += 10)],
    ["a garbage card", (d) => ((d.cards as Record<string, unknown>)[QUESTIONS[0]] = { due: "soon" })],
    ["a bad due date", (d) => (((d.cards as Record<string, { due: string }>)[QUESTIONS[0]] ?? {}).due = "2026-99-99T00:00:00Z")],
    ["counts that do not add up", (d) => ((d.summary as { attempts: number }).attempts = 999)],
    ["a hash of other bytes", (d) => ((d.attempts as { blocks: string[] }).blocks = ["0".repeat(40)])],
    ["an array", (d) => Object.assign(d, { cards: [] })],
    // Values the scheduler refuses: its next review would throw.
    ...(["stability", "difficulty"] as const).map((key): [string, (d: Record<string, unknown>) => void] => [
      `a card of ${key} 0`,
      (d) => {
        for (const card of Object.values(d.cards as Record<string, Record<string, number>>)) card[key] = 0;
      },
    ]),
  ];

  it("rebuilds from the history on any doubt: stats, weak and check never exit 70", async () => {
    const dir = freshDir();
    write(dir, history(30));
    expect(await attemptsOf(dir)).toBe(30);
    const good = JSON.parse(readFileSync(join(dir, "derived.json"), "utf8"));
    let quizzes = 0;
    for (const [what, lie] of lies) {
      const d = structuredClone(good);
      lie(d);
      for (const args of [
        ["stats", "--json"],
        ["weak", "--json"],
        ["check", "--json"],
        ["check", "--json", "--interview-date", new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)],
        ["quiz", "--json", "--id", QUESTIONS[0]],
      ]) {
        writeFileSync(join(dir, "derived.json"), JSON.stringify(d));
        // In-process: the same main() the process runs, without thirty process starts.
        const r = await run(args, { dataDir: dir, input: "a\n" });
        expect({ what, args, code: [0, 1].includes(r.code ?? -1) }).toEqual({ what, args, code: true });
        noStack(r);
        if (args[0] === "stats") expect(JSON.parse(r.stdout).attempts).toBe(30 + quizzes);
        if (args[0] === "quiz") quizzes++;
      }
    }
  });

  it("notices damage inside the part of the history the cache covers", async () => {
    for (const damage of [Buffer.from([0]), Buffer.from([0xff, 0xfe])]) {
      const dir = freshDir();
      const lines = history(20);
      write(dir, lines);
      expect(await attemptsOf(dir)).toBe(20);
      // Same length, one byte changed inside line 4's answer: only the hash can tell.
      const file = join(dir, "attempts.jsonl");
      const buf = readFileSync(file);
      const at = buf.indexOf(Buffer.from('"answer":"x"'), buf.indexOf(Buffer.from(lines[3]))) + 11;
      damage.copy(buf, at, 0, 1);
      writeFileSync(file, buf);
      for (const args of [["stats"], ["weak"], ["check"]]) {
        const r = await run(args, { dataDir: dir });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/attempts\.jsonl:4: the line is not valid (JSON|UTF-8 text)/);
        noStack(r);
      }
      const doctor = await run(["doctor"], { dataDir: dir });
      expect(doctor.stdout).toContain("kept 19 attempts");
      expect(await attemptsOf(dir)).toBe(19);
    }
  });

  it("attempts.jsonl as a folder gets a clear message from every command", async () => {
    const dir = freshDir();
    mkdirSync(join(dir, "attempts.jsonl"));
    writeFileSync(join(work.dir, "empty-export.json"), JSON.stringify({ format: "kafka-prep-progress", version: 1, attempts: [] }));
    for (const args of [
      ["stats"],
      ["weak"],
      ["check"],
      ["doctor"],
      ["export"],
      ["reset", "--yes"],
      ["import", join(work.dir, "empty-export.json")],
      ["quiz", "-n", "1"],
    ]) {
      const r = await run(args, { dataDir: dir, input: "a\n" });
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toContain(`${join(dir, "attempts.jsonl")} is a directory, not a regular file`);
      noStack(r);
    }
  });
});

describe("doctor and odd files", () => {
  it("refuses a pipe where the lock file or an exam draft should be, at once instead of waiting on it for good", () => {
    const dir = freshDir();
    write(dir, history(3));
    mkdirSync(join(dir, "exams"));
    expect(spawnSync("mkfifo", [join(dir, "exams", "r-1.json")]).status).toBe(0);
    const cli = (args: string[], input = "") =>
      spawnSync(process.execPath, [BIN, ...args], {
        cwd: ROOT,
        input,
        encoding: "utf8",
        timeout: 20_000,
        env: { ...process.env, NO_COLOR: "1", KAFKA_PREP_HOME: dir },
      });
    // A draft that cannot be read is left alone: check, which recovers interrupted exams, goes on.
    const check = cli(["check", "--json"]);
    expect(check.error).toBeUndefined();
    expect([0, 1]).toContain(check.status);
    expect(spawnSync("mkfifo", [join(dir, ".lock")]).status).toBe(0);
    const quiz = cli(["quiz", "--count", "1", "--time", "0"], "b\n");
    expect(quiz.error).toBeUndefined();
    expect(quiz.stderr).toContain(`${join(dir, ".lock")} is a FIFO, not a regular file`);
    expect(quiz.status).toBe(2);
    // Refused before the first question, so no answer was taken and lost.
    expect(quiz.stdout).not.toMatch(/1\/1 ·/);
    expect(readFileSync(join(dir, "attempts.jsonl"), "utf8").trim().split("\n")).toHaveLength(3);
  });

  it("reads a history with a byte-order mark on line 1, and doctor removes the mark keeping the record", async () => {
    const dir = freshDir();
    const lines = history(4);
    writeFileSync(join(dir, "attempts.jsonl"), `\uFEFF${lines.join("\n")}\n`);
    expect(await attemptsOf(dir)).toBe(4);
    const doctor = await run(["doctor"], { dataDir: dir });
    expect(doctor.stdout).toContain("kept 4 attempts; a byte-order mark removed");
    expect(readFileSync(join(dir, "attempts.jsonl"), "utf8")).toBe(`${lines.join("\n")}\n`);
  });

  it("reads a history with old Mac line ends (CR only), records after it and exports it whole", async () => {
    const dir = freshDir();
    const lines = history(4);
    writeFileSync(join(dir, "attempts.jsonl"), `${lines.join("\r")}\r`);
    expect(await attemptsOf(dir)).toBe(4);
    const round = await run(["quiz", "--no-builtin", "--questions", join(ROOT, "test/fixtures/quiz"), "--id", "fx-mcq"], {
      dataDir: dir,
      input: "a\n",
    });
    expect(round.code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.includes("cut-off"))).toEqual([]);
    expect(await attemptsOf(dir)).toBe(4);
    const doctor = await run(["doctor"], { dataDir: dir });
    expect(doctor.stdout).toContain("attempts.jsonl: 5 attempts");
    const out = join(dir, "..", `cr-export-${n++}.json`);
    expect((await run(["export", out], { dataDir: dir })).code).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).attempts).toHaveLength(5);
  });

  it("never writes the cache through a link, and refuses a store whose history files are one file", async () => {
    const dir = freshDir();
    write(dir, history(3));
    const notes = join(work.dir, `notes-${n++}.txt`);
    writeFileSync(notes, "my notes\n");
    for (const target of ["attempts.jsonl", notes]) {
      rmSync(join(dir, "derived.json"), { force: true });
      symlinkSync(target, join(dir, "derived.json"));
      expect(await attemptsOf(dir)).toBe(3);
      expect((await run(["weak"], { dataDir: dir })).code).toBe(0);
      expect(lstatSync(join(dir, "derived.json")).isSymbolicLink()).toBe(false);
    }
    expect(readFileSync(notes, "utf8")).toBe("my notes\n");
    expect(readFileSync(join(dir, "attempts.jsonl"), "utf8").trim().split("\n")).toHaveLength(3);

    const before = readFileSync(join(dir, "attempts.jsonl"), "utf8");
    symlinkSync("attempts.jsonl", join(dir, "rounds.jsonl"));
    for (const args of [["doctor"], ["stats"], ["export", join(work.dir, `shared-${n++}.json`)], ["reset", "--yes"]]) {
      const r = await run(args, { dataDir: dir });
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toContain("attempts.jsonl and rounds.jsonl are the same file");
      expect(r.stderr).toContain(`Remove the link ${join(dir, "rounds.jsonl")}`);
      noStack(r);
    }
    expect(readFileSync(join(dir, "attempts.jsonl"), "utf8")).toBe(before);
  });

  it("repairs a symlinked history through the link, so the two never diverge", async () => {
    const dir = freshDir();
    const real = join(work.dir, `real-history-${n++}.jsonl`);
    writeFileSync(real, `${history(3).join("\n")}\nnot json\n`);
    symlinkSync(real, join(dir, "attempts.jsonl"));
    const doctor = await run(["doctor"], { dataDir: dir });
    expect(doctor.code).toBe(0);
    expect(lstatSync(join(dir, "attempts.jsonl")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, "attempts.jsonl"))).toBe(real);
    expect(readFileSync(real, "utf8").trim().split("\n")).toHaveLength(3);
    expect(await attemptsOf(dir)).toBe(3);
  });

  it("refuses a history linked to /dev/null instead of acknowledging answers it keeps nowhere", async () => {
    const dir = freshDir();
    symlinkSync("/dev/null", join(dir, "attempts.jsonl"));
    const r = await run(["quiz", "--no-builtin", "--questions", join(ROOT, "test/fixtures/quiz"), "--id", "fx-mcq"], {
      dataDir: dir,
      input: "a\n",
    });
    expect(r.code).toBe(2);
    expect(r.stdout).not.toMatch(/Right|Wrong/);
    expect(r.stderr).toContain("is a character device, not a regular file");
  });

  it("counts a duplicated line once, and doctor drops the copy", async () => {
    const dir = freshDir();
    const lines = history(6);
    write(dir, [...lines.slice(0, 3), lines[1], ...lines.slice(3)]);
    expect(await attemptsOf(dir)).toBe(6);
    expect((await run(["doctor"], { dataDir: dir })).stdout).toContain("1 duplicate dropped");
    expect(await attemptsOf(dir)).toBe(6);
  });

  it("keeps the good settings when one is bad, and says which and why", async () => {
    const dir = freshDir();
    write(dir, history(2));
    writeFileSync(
      join(dir, "settings.json"),
      JSON.stringify({ storeVersion: 1, recallPass: 0.8, desiredRetention: 7, check: { minScore: 90, minCoverage: 50, minRecall: 60 } }),
    );
    const stats = await run(["stats"], { dataDir: dir });
    expect(stats.code).toBe(2);
    expect(stats.stderr).toContain('"desiredRetention" must be a number from 0.5 to 0.99');
    const doctor = await run(["doctor"], { dataDir: dir });
    expect(doctor.stdout).toContain("settings.json: reset desiredRetention to the default");
    expect(doctor.stdout).toContain('"desiredRetention" must be a number from 0.5 to 0.99');
    const kept = JSON.parse(readFileSync(join(dir, "settings.json"), "utf8"));
    expect(kept).toMatchObject({ recallPass: 0.8, check: { minScore: 90, minCoverage: 50, minRecall: 60 } });
    expect(kept.desiredRetention).toBeUndefined();
    expect(await attemptsOf(dir)).toBe(2);
  });

  it("an import killed at any moment leaves the history as it was or fully merged, never a cut-off line", { timeout: 60_000 }, async () => {
    const source = freshDir();
    write(source, history(30_000, "imp"));
    const file = join(work.dir, "import-source.json");
    expect((await run(["export", file], { dataDir: source })).code).toBe(0);
    const dir = freshDir();
    const base = history(5, "base");
    write(dir, base);
    const outcomes = new Set<number>();
    // Kills spread from before the document is read to after the merged history is in place.
    for (let k = 0; k < 7; k++) {
      const child = spawn(process.execPath, [BIN, "import", file], { env: { ...process.env, KAFKA_PREP_HOME: dir }, stdio: "ignore" });
      // Listened for from the start: an import that ends before the kill has already exited.
      const exited = new Promise((r) => child.on("exit", r));
      await new Promise((r) => setTimeout(r, 40 + k * 80));
      child.kill("SIGKILL");
      await exited;
      const text = readFileSync(join(dir, "attempts.jsonl"), "utf8");
      expect(text.endsWith("\n")).toBe(true);
      const count = text.trim().split("\n").length;
      expect([5, 30_005]).toContain(count);
      outcomes.add(count);
      if (count === 30_005) write(dir, base);
    }
    expect(await attemptsOf(dir)).toBe(5);
  });
});

describe("where the store lives", () => {
  it('refuses HOME="" and --data-dir "" with a clear message instead of using the working folder', async () => {
    const cwd = freshDir();
    const env = { ...process.env, HOME: "", KAFKA_PREP_HOME: undefined, XDG_CONFIG_HOME: undefined, NO_COLOR: "1" };
    const home = spawnSync(process.execPath, [BIN, "stats"], { cwd, env, encoding: "utf8" });
    expect(home.status).toBe(2);
    expect(home.stderr).toContain("$HOME is set but empty");
    const flag = spawnSync(process.execPath, [BIN, "--data-dir", "", "stats"], { cwd, env: { ...env, HOME: cwd }, encoding: "utf8" });
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain("--data-dir was given an empty path");
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe("export, reset and import agree on what a record is", () => {
  it("a store with lines the old quick check let through exports, resets and imports back with nothing lost", async () => {
    const dir = freshDir();
    const good = history(4);
    const bad = [{ at: "2026-12-01" }, { level: "guru" }, { ms: 1.5 }, { roundId: undefined }].map((over, i) =>
      JSON.stringify({ ...makeAttempt(QUESTIONS[1], true, new Date(T0)), id: `bad-${i}`, ...over }),
    );
    write(dir, [...good, ...bad]);
    // Readers say what is wrong (they no longer pass what import refuses).
    const stats = await run(["stats"], { dataDir: dir });
    expect(stats.code).toBe(2);
    expect(stats.stderr).toContain("attempts.jsonl:5:");
    const reset = await run(["reset", "--yes"], { dataDir: dir });
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain("4 damaged lines are not in the export");
    const undo = /Undo with: kafka-prep import "([^"]+)"/.exec(reset.stdout)?.[1] as string;
    const imported = await run(["import", undo], { dataDir: dir });
    expect(imported.code).toBe(0);
    expect(await attemptsOf(dir)).toBe(4);
    // The damaged lines are kept in the moved history, and doctor can read them there.
    const backups = readdirSync(join(dir, "backups"));
    const moved = join(dir, "backups", backups[0], "attempts.jsonl");
    expect(readFileSync(moved, "utf8").trim().split("\n")).toHaveLength(8);
    renameSync(moved, `${moved}.kept`);
  });
});
