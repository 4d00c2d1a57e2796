import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NotRegularFileError } from "../../src/progress/errors.js";
import { replaceFile } from "../../src/progress/files.js";
import { ROOT, tempDir } from "../helpers/cli.js";
import { pipeReader, run, untilRead } from "../helpers/run.js";
import { answered, writeAttempts } from "../helpers/store.js";

const PACK = join(ROOT, "test/fixtures/quiz");
let data: { dir: string; cleanup: () => void };
beforeEach(() => {
  data = tempDir();
});
afterEach(() => data.cleanup());

const kp = (args: string[]) => run([...args, "--no-builtin", "--questions", PACK], { dataDir: data.dir, cwd: data.dir });
const notes = (file: string) =>
  readFileSync(file, "utf8")
    .trimEnd()
    .split("\n")
    .filter((l) => !l.startsWith("#"))
    .map((l) => l.split("\t"));

describe("export FILE", () => {
  it("refuses to replace an existing file unless --force, and says so", async () => {
    const file = join(data.dir, "backup.json");
    writeFileSync(file, "my only copy");
    const r = await kp(["export", "backup.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: backup.json already exists, so nothing was written. Add --force to replace it, or give another file name.\n",
    );
    expect(readFileSync(file, "utf8")).toBe("my only copy");
    const forced = await kp(["export", "backup.json", "--force"]);
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8")).format).toBe("kafka-prep-progress");
  });

  it("says when the file cannot be written there, naming it as given, and leaves the store as it was", async () => {
    writeAttempts(data.dir, [answered("fx-mcq", true, 5)]);
    const before = readFileSync(join(data.dir, "attempts.jsonl"), "utf8");
    writeFileSync(join(data.dir, "a-file"), "");
    for (const [args, shown, reason] of [
      [["export", "no/such/folder/x.json"], "the export to no/such/folder/x.json", "the folder does not exist or cannot hold files"],
      [["export", "a-file/x.json"], "the export to a-file/x.json", "a file is where a folder should be"],
      [["export", "--anki", "no/such/deck.txt"], "the deck to no/such/deck.txt", "the folder does not exist or cannot hold files"],
    ] as const) {
      const r = await kp([...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toBe(`error: cannot write ${shown}: ${reason}. Give a file in a folder that exists and that you can write to.\n`);
    }
    expect(readFileSync(join(data.dir, "attempts.jsonl"), "utf8")).toBe(before);
  });

  it("does the same for an Anki deck", async () => {
    writeFileSync(join(data.dir, "deck.txt"), "keep");
    expect((await kp(["export", "--anki", "deck.txt"])).code).toBe(2);
    expect(readFileSync(join(data.dir, "deck.txt"), "utf8")).toBe("keep");
    expect((await kp(["export", "--anki", "deck.txt", "--force"])).code).toBe(0);
  });
});

describe("export --anki", () => {
  it("writes Anki's headers, a GUID from the question id, the deck and real cloze notes", async () => {
    const r = await kp(["export", "--anki", "deck.txt", "--deck", "Kafka::fixtures"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Wrote 7 notes to deck\.txt for the Anki deck "Kafka::fixtures" \(1 cloze note\)\./);
    const text = readFileSync(join(data.dir, "deck.txt"), "utf8");
    expect(text.split("\n").slice(0, 6)).toEqual([
      "#separator:tab",
      "#html:true",
      "#guid column:1",
      "#notetype column:2",
      "#deck column:3",
      "#tags column:6",
    ]);
    const rows = notes(join(data.dir, "deck.txt"));
    expect(rows.map((f) => f.length)).toEqual(Array(7).fill(6));
    const cloze = rows.find((f) => f[0] === "kafka-prep:fx-cloze");
    expect(cloze?.slice(1, 4)).toEqual([
      "Cloze",
      "Kafka::fixtures",
      "Fixture: the broker setting for the fewest in-sync replicas an acks=all write needs is {{c1::min.insync.replicas}}.",
    ]);
    const mcq = rows.find((f) => f[0] === "kafka-prep:fx-mcq");
    expect(mcq?.[1]).toBe("Basic");
    expect(mcq?.[4]).toMatch(/^<b>a\) acks=all<\/b>/);
    expect(mcq?.[5]).toBe("kafka-prep kafka-prep::beginner kafka-prep::producers");
  });

  it("gives a question the same GUID in every export, so a re-import updates the note", async () => {
    await kp(["export", "--anki", "one.txt"]);
    await kp(["export", "--anki", "two.txt", "--level", "beginner"]);
    const guids = (f: string) => new Map(notes(join(data.dir, f)).map((row) => [row[0], row[3]]));
    const one = guids("one.txt");
    for (const [guid, front] of guids("two.txt")) expect(one.get(guid)).toBe(front);
  });

  it("with --weak writes only the weak questions, not every question of a weak topic", async () => {
    // producers is weak (three misses of fx-mcq); fx-recall is in the same topic and was never answered.
    writeAttempts(
      data.dir,
      [3, 2, 1].map((m) => answered("fx-mcq", false, m, { level: "beginner", topics: ["producers"] })),
    );
    expect((await kp(["weak", "--json"])).stdout).toMatch(/"topic": "producers"/);
    const r = await kp(["export", "--anki", "weak.txt", "--weak"]);
    expect(r.code).toBe(0);
    expect(notes(join(data.dir, "weak.txt")).map((f) => f[0])).toEqual(["kafka-prep:fx-mcq"]);
  });

  it("writes nothing when nothing is weak, and says why", async () => {
    const r = await kp(["export", "--anki", "weak.txt", "--weak"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No question is weak right now, so the deck would be empty and was not written/);
    expect(existsSync(join(data.dir, "weak.txt"))).toBe(false);
  });
});

describe("an export, a deck or a report named like a store file", () => {
  it("is refused before anything is written, by any name, and the history is kept", async () => {
    writeAttempts(data.dir, [answered("fx-mcq", true, 5), answered("fx-tf", false, 3)]);
    const history = readFileSync(join(data.dir, "attempts.jsonl"), "utf8");
    const link = join(data.dir, "..", `${basename(data.dir)}-link.json`);
    symlinkSync(join(data.dir, "attempts.jsonl"), link);
    try {
      for (const args of [
        ["export", join(data.dir, "attempts.jsonl"), "--force"],
        ["export", "rounds.jsonl", "--force"],
        ["export", link, "--force"],
        ["export", "--anki", "attempts.jsonl", "--force"],
        ["export", join(data.dir, "exams", "x.json")],
        ["check", "--junit", "attempts.jsonl"],
        ["check", "--junit", "derived.json"],
      ]) {
        const r = await kp(args);
        expect({ args, code: r.code }).toEqual({ args, code: 2 });
        expect(r.stderr).toMatch(/so nothing was written: it would replace your recorded answers\. Give a file outside /);
        expect(readFileSync(join(data.dir, "attempts.jsonl"), "utf8")).toBe(history);
      }
      // Beside the store is fine: an export kept in the data folder.
      expect((await kp(["export", "progress-backup.json"])).code).toBe(0);
      expect((await kp(["stats", "--json"])).stdout).toContain('"attempts": 2');
    } finally {
      rmSync(link, { force: true });
    }
  });
});

describe("import FILE", () => {
  it("reads an export whose keys were reordered or sorted (jq -S), lists first, as well as one written by export", async () => {
    writeAttempts(data.dir, [answered("fx-mcq", true, 5), answered("fx-tf", false, 3), answered("fx-cloze", true, 1)]);
    expect((await kp(["export", "progress.json"])).code).toBe(0);
    const doc = JSON.parse(readFileSync(join(data.dir, "progress.json"), "utf8"));
    const sorted = Object.fromEntries(Object.entries(doc).sort(([a], [b]) => (a < b ? -1 : 1)));
    const listsFirst = { attempts: doc.attempts, rounds: doc.rounds, format: doc.format, version: doc.version };
    const versionLast = { format: doc.format, attempts: doc.attempts, rounds: doc.rounds, version: doc.version };
    // A hand-joined file with the attempts in two lists: both are kept.
    const twoLists = `{"format":"${doc.format}","version":${doc.version},"attempts":${JSON.stringify(doc.attempts.slice(0, 1))},"rounds":[],"attempts":${JSON.stringify(doc.attempts.slice(1))}}`;
    for (const [name, text] of [
      ["sorted.json", JSON.stringify(sorted, null, 2)],
      ["lists-first.json", JSON.stringify(listsFirst)],
      ["version-last.json", JSON.stringify(versionLast)],
      ["two-lists.json", twoLists],
    ]) {
      const other = tempDir();
      try {
        writeFileSync(join(data.dir, name), text);
        const r = await run(["import", join(data.dir, name), "--no-builtin", "--questions", PACK], { dataDir: other.dir });
        expect({ name, code: r.code, out: r.stdout }).toMatchObject({ name, code: 0, out: expect.stringContaining("Imported 3 attempts") });
        expect(
          JSON.parse((await run(["stats", "--json", "--no-builtin", "--questions", PACK], { dataDir: other.dir })).stdout).attempts,
        ).toBe(3);
        expect(readdirSync(other.dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
      } finally {
        other.cleanup();
      }
    }
    writeFileSync(join(data.dir, "null-list.json"), JSON.stringify({ ...doc, attempts: null }));
    expect((await kp(["import", "null-list.json"])).stderr).toContain('null-list.json:1: "attempts" is not a list of records');
    // Lists first and no format at all is still not an export.
    writeFileSync(join(data.dir, "no-format.json"), JSON.stringify({ attempts: doc.attempts }));
    const r = await kp(["import", "no-format.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a kafka-prep progress export (expected "format": "kafka-prep-progress")');
  });

  it("says a history file (as a reset's backup holds beside its export) is not an export", async () => {
    writeAttempts(data.dir, [answered("fx-mcq", true, 5)]);
    const backup = join(data.dir, "attempts-copy");
    mkdirSync(backup);
    writeFileSync(join(backup, "attempts.jsonl"), readFileSync(join(data.dir, "attempts.jsonl")));
    const r = await kp(["import", join(backup, "attempts.jsonl")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("a history file of a progress folder, not an export (import the progress.json beside it");
  });

  it("names the export inside a reset's backup folder given to import", async () => {
    const backup = join(data.dir, "reset-backup");
    mkdirSync(backup);
    writeFileSync(join(backup, "progress.json"), "{}");
    const r = await kp(["import", backup]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Nothing was imported; import ${backup}/progress.json, the export inside it.`);
  });

  it("says a folder given to import is not an export, and changes nothing", async () => {
    writeAttempts(data.dir, [answered("fx-mcq", true, 5)]);
    const before = readFileSync(join(data.dir, "attempts.jsonl"), "utf8");
    const r = await kp(["import", ROOT]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${ROOT}: a directory, not a file. Nothing was imported; use a file written by "kafka-prep export".\n`);
    expect(readFileSync(join(data.dir, "attempts.jsonl"), "utf8")).toBe(before);
  });
});

describe("export into a pipe or a device", () => {
  it("writes into a pipe as it is (a shell's >(gzip > file)), needing no --force and leaving the pipe a pipe", async () => {
    writeAttempts(data.dir, [answered("fx-mcq", true, 5)]);
    const { pipe: fifo, done } = pipeReader(data.dir, "pipe");
    const r = await untilRead(() => kp(["export", fifo]));
    const read = await done;
    expect(read.code).toBe(0);
    expect(r.stderr).toBe(`Wrote 1 attempt and 0 rounds to ${fifo}.\n`);
    expect(r.code).toBe(0);
    expect(JSON.parse(read.text).attempts).toHaveLength(1);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it("writes into /dev/null, with or without --force, and it stays a device", async () => {
    for (const force of [[], ["--force"]]) {
      const r = await kp(["export", "/dev/null", ...force]);
      expect(r.code).toBe(0);
      expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
    }
  });

  it("never renames a file over a pipe, a device or a folder it was asked to replace", () => {
    const fifo = join(data.dir, "pipe");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    for (const target of [fifo, data.dir]) {
      expect(() => replaceFile(target, (out) => out.write("x"))).toThrow(NotRegularFileError);
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(statSync(data.dir).isDirectory()).toBe(true);
  });
});
