// An exam holds its answers until it is submitted; a kill -9 before that must not lose them. The exam's draft keeps
// them on disk, and the next quiz or check records them, once.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, ROOT, tempDir } from "../helpers/cli.js";
import { readHistory } from "../helpers/history.js";
import { Terminal } from "../helpers/pty.js";
import { until } from "../helpers/rounds.js";
import { run } from "../helpers/run.js";

const work = tempDir("kafka-prep-exam-draft-");
afterAll(() => work.cleanup());

const drafts = (home: string) => join(home, "exams");
const answersInDraft = (home: string): number => {
  try {
    // The draft itself, not a copy being written beside it (".<name>.<pid>.<time>.tmp").
    const [name] = readdirSync(drafts(home)).filter((n) => n.endsWith(".json"));
    if (!name) return 0;
    return JSON.parse(readFileSync(join(drafts(home), name), "utf8")).slots.filter((s: { answer?: string }) => s.answer).length;
  } catch {
    return 0;
  }
};
const rounds = (home: string) =>
  existsSync(join(home, "rounds.jsonl"))
    ? readFileSync(join(home, "rounds.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l))
    : [];

describe("an exam killed before it is submitted", () => {
  it("keeps the answers given, and the next check records them once as an interrupted exam", async () => {
    const home = join(work.dir, "killed");
    const child = spawn(process.execPath, [BIN, "check", "--exam", "--type", "recall", "--count", "4", "--seed", "7"], {
      cwd: ROOT,
      env: { ...process.env, KAFKA_PREP_HOME: home, NO_COLOR: "1", KAFKA_PREP_QUESTIONS: "" },
      stdio: ["pipe", "ignore", "ignore"],
    });
    child.stdin.write("the leader waits for the in-sync replicas\nconsumers commit their offsets\n");
    expect(await until(() => answersInDraft(home) >= 2, 20_000), "the exam saved its draft").toBe(true);
    child.kill("SIGKILL");
    await once(child, "exit");
    expect(readHistory(home)).toEqual([]);
    const given = ["the leader waits for the in-sync replicas", "consumers commit their offsets"];

    // The same stopped exam, copied: an export and the backup a reset keeps hold its answers too.
    const exporting = join(work.dir, "killed-export");
    cpSync(home, exporting, { recursive: true });
    const file = join(work.dir, "killed-export.json");
    expect((await run(["export", file], { dataDir: exporting })).code).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8")).attempts.map((a: { answer: string }) => a.answer)).toEqual(given);
    const resetting = join(work.dir, "killed-reset");
    cpSync(home, resetting, { recursive: true });
    expect((await run(["reset", "--yes"], { dataDir: resetting })).code).toBe(0);
    const [backup] = readdirSync(join(resetting, "backups"));
    expect((await run(["import", join(resetting, "backups", backup as string, "progress.json")], { dataDir: resetting })).code).toBe(0);
    expect(readHistory(resetting).map((a) => a.answer)).toEqual(given);

    const r = await run(["check", "--json"], { dataDir: home });
    expect(r.stderr).toMatch(/^Recorded 2 answers of an exam that stopped at \d{4}-\d\d-\d\d \d\d:\d\d UTC before it was submitted\.$/m);
    const attempts = readHistory(home);
    expect(attempts.map((a) => a.answer)).toEqual(["the leader waits for the in-sync replicas", "consumers commit their offsets"]);
    expect(attempts.every((a) => a.type === "recall" && a.roundId === attempts[0]?.roundId)).toBe(true);
    expect(rounds(home)).toMatchObject([{ id: attempts[0]?.roundId, kind: "exam", total: 4, answered: 2, interrupted: true }]);
    expect(readdirSync(drafts(home)).filter((n) => n.endsWith(".json"))).toEqual([]);
    // The readiness report that recorded them counts them.
    const topics = JSON.parse(r.stdout).topics as { attempted: number }[];
    expect(topics.filter((t) => t.attempted > 0).length).toBeGreaterThan(0);

    const again = await run(["quiz", "--id", "acks-all-meaning", "--json"], { dataDir: home, input: "\n" });
    expect(again.stderr).not.toContain("Recorded");
    expect(readHistory(home)).toHaveLength(3);
  });

  it("leaves the draft of a running exam alone, and records an orphaned one only once", async () => {
    const home = join(work.dir, "drafts");
    mkdirSync(drafts(home), { recursive: true });
    const draft = (roundId: string, pid: number) => ({
      version: 1,
      roundId,
      pid,
      startedAt: Date.UTC(2026, 11, 1, 9),
      savedAt: Date.UTC(2026, 11, 1, 9, 5),
      recallPass: 0.6,
      slots: [
        { id: "acks-all-meaning", answer: "x", seen: true, flagged: false, ms: 4000 },
        { id: "isr-definition", seen: true, flagged: true, ms: 1000 },
      ],
    });
    // This test's own process is alive; a pid far past any pid_max is not.
    writeFileSync(join(drafts(home), "running.json"), JSON.stringify(draft("running", process.ppid)));
    writeFileSync(join(drafts(home), "orphan.json"), JSON.stringify(draft("orphan", 99_999_999)));
    writeFileSync(join(drafts(home), "damaged.json"), "{");
    // What a kill during a draft's save leaves: doctor clears it once it is old.
    const leftover = join(drafts(home), ".orphan.json.1.x.tmp");
    writeFileSync(leftover, "{");
    utimesSync(leftover, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    const doctor = await run(["doctor"], { dataDir: home });
    expect(doctor.stdout).toContain("exams/: 1 exam stopped before its answers were recorded; the next quiz or check records them");
    expect(doctor.stdout).toContain("removed 1 leftover temporary file");
    expect(existsSync(leftover)).toBe(false);

    const r = await run(["check", "--json"], { dataDir: home });
    expect(r.stderr).toContain("Recorded 1 answer of an exam that stopped at 2026-12-01 09:05 UTC before it was submitted.");
    const [attempt] = readHistory(home);
    expect(readHistory(home)).toHaveLength(1);
    expect(attempt).toMatchObject({ roundId: "orphan", questionId: "acks-all-meaning", answer: "x", at: "2026-12-01T09:05:00.000Z" });
    expect(readdirSync(drafts(home)).sort()).toEqual(["damaged.json", "running.json"]);

    // Recorded before, its draft left behind by a crash between the two: not recorded twice.
    writeFileSync(join(drafts(home), "orphan.json"), JSON.stringify(draft("orphan", 99_999_999)));
    const again = await run(["check", "--json"], { dataDir: home });
    expect(again.stderr).not.toContain("Recorded");
    expect(readHistory(home)).toHaveLength(1);
    expect((await run(["doctor"], { dataDir: home })).stdout).not.toContain("exams/");
    expect(readdirSync(drafts(home)).sort()).toEqual(["damaged.json", "running.json"]);
  });

  it("goes with the history it belongs to when the history is reset", async () => {
    const home = join(work.dir, "reset");
    expect((await run(["quiz", "--id", "acks-all-meaning", "--json"], { dataDir: home, input: "\n" })).code).toBeLessThan(2);
    mkdirSync(drafts(home), { recursive: true });
    writeFileSync(join(drafts(home), "left.json"), "{}");
    const r = await run(["reset", "--yes"], { dataDir: home });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(drafts(home))).toBe(false);
    const [backup] = readdirSync(join(home, "backups"));
    expect(readdirSync(join(home, "backups", backup as string, "exams"))).toEqual(["left.json"]);
  });

  it("keeps them in a terminal too, and waits for the questions' pack before recording", async () => {
    const home = join(work.dir, "terminal");
    const pack = ["--no-builtin", "--questions", join(ROOT, "test/fixtures/quiz")];
    const t = new Terminal(["check", "--exam", ...pack, "--type", "mcq,truefalse", "--count", "3", "--time-limit", "2m"], {
      dataDir: home,
    });
    try {
      await t.answerFirstOfExam(3);
      expect(await until(() => answersInDraft(home) >= 1, 20_000), "the exam saved its draft").toBe(true);
      t.kill("SIGKILL");
      await t.exit();
    } finally {
      t.kill();
    }
    expect(readHistory(home)).toEqual([]);
    // The built-in bank does not have the pack's questions: nothing is recorded or dropped.
    const builtin = await run(["check", "--json"], { dataDir: home });
    expect(builtin.stderr).toContain("run kafka-prep check with the --questions folders it used to record its answers");
    expect(readHistory(home)).toEqual([]);
    expect(answersInDraft(home)).toBe(1);
    const withPack = await run(["check", "--json", ...pack], { dataDir: home });
    expect(withPack.stderr).toContain("Recorded 1 answer of an exam that stopped at");
    expect(readHistory(home)).toHaveLength(1);
    expect(rounds(home)).toMatchObject([{ kind: "exam", total: 3, answered: 1, interrupted: true }]);
  });
});
