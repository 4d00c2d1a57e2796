import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers/cli.js";
import { KEY, Terminal } from "../helpers/pty.js";
import { run } from "../helpers/run.js";

// Child processes record through the same store code the CLI bundles.
let storeModule: string;
let recorder: string;
const tools = tempDir("kafka-prep-e2e-tools-");

beforeAll(() => {
  // Built by `npm run build` from src/progress/store.ts, the same code the CLI bundles.
  storeModule = join(ROOT, "dist", "tools", "store.js");
  recorder = join(tools.dir, "record.mjs");
  writeFileSync(
    recorder,
    `import { openStore } from ${JSON.stringify(storeModule)};
const [dir, prefix, count, delayMs] = process.argv.slice(2);
const store = openStore(dir);
const ids = ["acks-all-meaning", "isr-definition", "min-insync-config-name", "batch-size-default"];
for (let i = 0; i < Number(count); i++) {
  store.recordAttempt({
    id: prefix + "-" + i, roundId: prefix, questionId: ids[i % ids.length], at: new Date(Date.now() + i).toISOString(),
    level: "beginner", topics: ["producers"], type: "mcq", answer: "x", score: i % 4 ? 1 : 0, correct: i % 4 !== 0,
    rating: i % 4 ? "good" : "again", ms: 4000, timedOut: false, skipped: false, confidence: "sure",
  });
  if (Number(delayMs)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(delayMs));
}
store.recordRound({ id: prefix, kind: "quiz", startedAt: new Date().toISOString(), endedAt: new Date().toISOString(),
  total: Number(count), answered: Number(count), correct: Math.floor(Number(count) * 0.75), score: 0.75, interrupted: false });
process.stdout.write("done");
`,
  );
});
afterAll(() => tools.cleanup());

function record(dir: string, prefix: string, count: number, delayMs = 0): ChildProcess & { done: Promise<number | null> } {
  const child = spawn(process.execPath, [recorder, dir, prefix, String(count), String(delayMs)], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  const done = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      if (code !== 0 && code !== null) process.stderr.write(stderr);
      resolve(code);
    }),
  );
  return Object.assign(child, { done });
}

const lines = (file: string) =>
  existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.trim())
    : [];

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir("kafka-prep-progress-")));
afterEach(() => cleanup());

describe("recording", () => {
  it("keeps all 400 attempts when two processes record 200 each at once", async () => {
    const a = record(dir, "left", 200);
    const b = record(dir, "right", 200);
    expect(await a.done).toBe(0);
    expect(await b.done).toBe(0);
    const all = lines(join(dir, "attempts.jsonl")).map((l) => JSON.parse(l));
    expect(all).toHaveLength(400);
    expect(new Set(all.map((x) => x.id)).size).toBe(400);
    const stats = await run(["stats", "--json"], { dataDir: dir });
    expect(stats.code).toBe(0);
    const json = JSON.parse(stats.stdout);
    expect(json.attempts).toBe(400);
    expect(json.accuracy).toBeCloseTo(0.75);
    expect(json.rounds.count).toBe(2);
  });

  it("loses nothing written before a kill -9, and the next run carries on", async () => {
    const child = record(dir, "killed", 100_000, 1);
    // Until 30 answers are in, or the recorder ends on its own (which fails below, with what it said).
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (lines(join(dir, "attempts.jsonl")).length >= 30 || child.exitCode !== null) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
    expect(child.exitCode, "the recorder ended before it was killed").toBeNull();
    child.kill("SIGKILL");
    await child.done;
    const text = readFileSync(join(dir, "attempts.jsonl"), "utf8");
    expect(text.endsWith("\n")).toBe(true);
    const written = lines(join(dir, "attempts.jsonl"));
    for (const l of written) JSON.parse(l);

    const stats = await run(["stats", "--json"], { dataDir: dir });
    expect(stats.stderr).toBe("");
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout).attempts).toBe(written.length);

    // A lock left by the killed process does not block the next one.
    const next = record(dir, "after", 5);
    expect(await next.done).toBe(0);
    expect(lines(join(dir, "attempts.jsonl"))).toHaveLength(written.length + 5);
    const doctor = await run(["doctor"], { dataDir: dir });
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain("Everything is in order");
  });
});

describe("damaged data", () => {
  it("names the file and line of a cut-off attempt, then doctor keeps every readable one", async () => {
    expect(await record(dir, "r", 10).done).toBe(0);
    const file = join(dir, "attempts.jsonl");
    appendFileSync(file, '{"id":"cut-off","roundId":"r","questionId":"acks-a');
    const damaged = readFileSync(file, "utf8");

    // A cut-off last line is a write that never finished: not counted, said, and nothing blocked.
    const stats = await run(["stats", "--json"], { dataDir: dir });
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout).attempts).toBe(10);
    expect(stats.stderr).toContain("attempts.jsonl:11 is cut off");
    expect(stats.stderr).toContain("kafka-prep doctor");
    expect(readFileSync(file, "utf8")).toBe(damaged);

    const doctor = await run(["doctor"], { dataDir: dir });
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain("kept 10 attempts");
    expect(doctor.stdout).toContain("a cut-off last line (attempts.jsonl:11) set aside");
    const backups = readdirSync(dir).filter((f) => f.startsWith("attempts.jsonl.damaged-"));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0]), "utf8")).toBe(damaged);
    expect(lines(file)).toHaveLength(10);

    const after = await run(["stats", "--json"], { dataDir: dir });
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout).attempts).toBe(10);
  });

  it("reports a hand-edited line and damaged settings without a stack trace", async () => {
    expect(await record(dir, "r", 3).done).toBe(0);
    const file = join(dir, "attempts.jsonl");
    const edited = lines(file);
    edited[1] = edited[1].replace('"score":1', '"score":"high"');
    writeFileSync(file, `${edited.join("\n")}\n`);
    const weak = await run(["weak"], { dataDir: dir });
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/attempts\.jsonl:2: "score"/);

    writeFileSync(join(dir, "settings.json"), '{\n\t"recallPass": 0.6,\n\t"check": {\n');
    const stats = await run(["stats"], { dataDir: dir });
    expect(stats.code).toBe(2);
    expect(stats.stderr).toContain("settings.json");
    expect(stats.stderr).toContain("kafka-prep doctor");
    expect(stats.stderr).not.toMatch(/\n\s+at /);
    const doctor = await run(["doctor"], { dataDir: dir });
    expect(doctor.code).toBe(0);
    expect(readdirSync(dir).some((f) => f.startsWith("settings.json.damaged-"))).toBe(true);
    expect((await run(["stats", "--json"], { dataDir: dir })).code).toBe(0);
  });

  it("refuses a store written by a newer version and leaves it untouched", async () => {
    const settings = JSON.stringify({ storeVersion: 99, recallPass: 0.6 });
    writeFileSync(join(dir, "settings.json"), settings);
    for (const command of [["stats"], ["doctor"], ["export"]]) {
      const r = await run(command, { dataDir: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("settings.json");
      expect(r.stderr).toContain("newer kafka-prep");
    }
    expect(readFileSync(join(dir, "settings.json"), "utf8")).toBe(settings);
  });
});

describe("export and import", () => {
  it("round-trips progress and never duplicates attempts", async () => {
    expect(await record(dir, "r", 12).done).toBe(0);
    const out = join(dir, "backup.json");
    const exported = await run(["export", out], { dataDir: dir });
    expect(exported.code).toBe(0);
    const doc = JSON.parse(readFileSync(out, "utf8"));
    expect(doc).toMatchObject({ format: "kafka-prep-progress", version: 1 });
    expect(doc.attempts).toHaveLength(12);

    const other = tempDir("kafka-prep-import-");
    try {
      const first = await run(["import", out], { dataDir: other.dir });
      expect(first.code).toBe(0);
      expect(first.stdout).toContain("Imported 12 attempts");
      const again = await run(["import", out], { dataDir: other.dir });
      expect(again.code).toBe(0);
      expect(again.stdout).toContain("Imported 0 attempts (12 already here, skipped)");
      expect(lines(join(other.dir, "attempts.jsonl"))).toHaveLength(12);
      expect(JSON.parse((await run(["stats", "--json"], { dataDir: other.dir })).stdout).attempts).toBe(12);
    } finally {
      other.cleanup();
    }
  });

  it("rejects a bad file with a clear error and writes nothing", async () => {
    const notJson = join(dir, "bad.json");
    writeFileSync(notJson, '{"format": "kafka-prep-progress",\n  "version": 1,\n  "attempts": [');
    const r1 = await run(["import", notJson], { dataDir: dir });
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain("not valid JSON");
    expect(r1.stderr).toContain("Nothing was imported");

    const invalid = join(dir, "invalid.json");
    writeFileSync(
      invalid,
      JSON.stringify({
        format: "kafka-prep-progress",
        version: 1,
        exportedAt: new Date().toISOString(),
        attempts: [{ id: "x", score: 5 }],
      }),
    );
    const r2 = await run(["import", invalid], { dataDir: dir });
    expect(r2.code).toBe(2);
    expect(r2.stdout).toContain("Imported 0 attempts");
    expect(r2.stderr).toMatch(/attempts\[0\] \(line 1\): "roundId"/);
    expect(r2.stderr).not.toMatch(/\n\s+at /);

    const newer = join(dir, "newer.json");
    writeFileSync(newer, JSON.stringify({ format: "kafka-prep-progress", version: 9, attempts: [] }));
    const r3 = await run(["import", newer], { dataDir: dir });
    expect(r3.code).toBe(2);
    expect(r3.stderr).toContain("newer kafka-prep");

    expect(existsSync(join(dir, "attempts.jsonl"))).toBe(false);
  });
});

describe("reset", () => {
  it("refuses without a terminal or --yes, and keeps a backup with --yes", async () => {
    expect(await record(dir, "r", 5).done).toBe(0);
    const refused = await run(["reset"], { dataDir: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--yes");
    expect(lines(join(dir, "attempts.jsonl"))).toHaveLength(5);

    const done = await run(["reset", "--yes"], { dataDir: dir });
    expect(done.code).toBe(0);
    expect(existsSync(join(dir, "attempts.jsonl"))).toBe(false);
    const backups = readdirSync(join(dir, "backups"));
    expect(backups).toHaveLength(1);
    const kept = join(dir, "backups", backups[0]);
    expect(lines(join(kept, "attempts.jsonl"))).toHaveLength(5);
    expect((await run(["stats"], { dataDir: dir })).stdout).toContain("kafka-prep quiz");

    const undo = await run(["import", join(kept, "progress.json")], { dataDir: dir });
    expect(undo.code).toBe(0);
    expect(JSON.parse((await run(["stats", "--json"], { dataDir: dir })).stdout).attempts).toBe(5);
  });
});

describe("reset in a terminal", () => {
  it("asks first, and erases nothing when the answer is no", async () => {
    expect(await record(dir, "r", 3).done).toBe(0);
    const no = new Terminal(["reset"], { dataDir: dir });
    await no.waitFor("Erase all progress");
    no.write(`n${KEY.enter}`);
    await no.waitFor("Nothing was erased");
    expect((await no.exit()).exitCode).toBe(0);
    expect(lines(join(dir, "attempts.jsonl"))).toHaveLength(3);

    const yes = new Terminal(["reset"], { dataDir: dir });
    await yes.waitFor("Erase all progress");
    yes.write(`y${KEY.enter}`);
    await yes.waitFor("Progress erased");
    expect((await yes.exit()).exitCode).toBe(0);
    expect(existsSync(join(dir, "attempts.jsonl"))).toBe(false);
  });
});

describe("stats, weak and the Anki deck", () => {
  it("says how to start when there is no history", async () => {
    const r = await run(["stats"], { dataDir: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("kafka-prep quiz");
    const json = JSON.parse((await run(["stats", "--json"], { dataDir: dir })).stdout);
    expect(json).toMatchObject({ attempts: 0, accuracy: null });
    expect(Array.isArray(json.topics)).toBe(true);
  });

  it("shows per-topic numbers, a round chart and weak topics with the command to drill them", async () => {
    expect(await record(dir, "r", 20).done).toBe(0);
    const text = await run(["stats"], { dataDir: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("By topic");
    expect(text.stdout).toContain("producers");
    expect(text.stdout).toContain("Round scores");
    const json = JSON.parse((await run(["stats", "--json"], { dataDir: dir })).stdout);
    expect(json.attempts).toBe(20);
    // Three of the four questions are producers ones in the bank, whose topics count rather than the recorded ones.
    const producers = json.topics.find((t: { topic: string }) => t.topic === "producers");
    expect(producers).toMatchObject({ attempts: 15 });
    expect(producers).toHaveProperty("mastery");
    expect(producers).toHaveProperty("weak");

    const weak = await run(["weak", "--json"], { dataDir: dir });
    expect(weak.code).toBe(0);
    const w = JSON.parse(weak.stdout);
    expect(w).toHaveProperty("topics");
    expect(w).toHaveProperty("questions");
    expect(w.rules.minAttempts).toBe(3);
  });

  it("writes an Anki deck with the import header", async () => {
    const deck = join(dir, "deck.txt");
    const r = await run(["export", "--anki", deck, "--level", "beginner", "--topic", "producers"], { dataDir: dir });
    expect(r.code).toBe(0);
    const rows = readFileSync(deck, "utf8").trimEnd().split("\n");
    const header = rows.filter((row) => row.startsWith("#"));
    expect(header.slice(0, 6)).toEqual([
      "#separator:tab",
      "#html:true",
      "#guid column:1",
      "#notetype column:2",
      "#deck column:3",
      "#tags column:6",
    ]);
    const notes = rows.slice(header.length);
    expect(notes.length).toBeGreaterThan(3);
    for (const row of notes) {
      const fields = row.split("\t");
      expect(fields).toHaveLength(6);
      expect(fields[0]).toMatch(/^kafka-prep:[a-z0-9-]+$/);
      expect(["Basic", "Cloze"]).toContain(fields[1]);
      expect(fields[5]).toContain("kafka-prep::beginner");
      expect(fields[5]).toContain("kafka-prep::producers");
    }
  });
});
