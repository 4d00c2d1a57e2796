// doctor, reset, export and import in-process: lines appended while doctor works are carried over, and every store
// a command accepts goes out through export or reset and comes back through import with nothing lost.
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TOPICS } from "../../src/bank/constants.js";
import { LockLostError } from "../../src/progress/errors.js";
import { exportTo, importFile } from "../../src/progress/exchange.js";
import { listenToReads } from "../../src/progress/files.js";
import { repair, reset } from "../../src/progress/maintenance.js";
import { MAX_ANSWER_CHARS } from "../../src/progress/records.js";
import { openStore, ProgressStore } from "../../src/progress/store.js";
import type { Attempt } from "../../src/progress/types.js";
import { tempDir } from "../helpers/cli.js";
import { makeAttempt } from "../helpers/history.js";

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir("kafka-prep-maint-")));
afterEach(() => cleanup());

const line = (a: object) => JSON.stringify(a);
const T0 = Date.UTC(2026, 2, 1, 9);

describe("doctor", () => {
  it("carries over lines another writer appended while it worked, and sets aside their damage too", () => {
    const file = join(dir, "attempts.jsonl");
    writeFileSync(file, `${line(makeAttempt("q1", true, new Date(T0), { id: "a" }))}\nnot json\n`);
    let appended = false;
    const report = repair(dir, new Date(T0), {
      beforeReplace: (f) => {
        if (appended || !f.endsWith("attempts.jsonl")) return;
        appended = true;
        // Not under the lock: an older kafka-prep, or a hand edit.
        appendFileSync(f, `${line(makeAttempt("q2", true, new Date(T0 + 1000), { id: "b" }))}\nalso damaged\n`);
        appendFileSync(f, `${line(makeAttempt("q3", false, new Date(T0 + 2000), { id: "c" }))}\n`);
      },
    });
    const attempts = report.files[0];
    expect(attempts.appendedMeanwhile).toBe(2);
    expect(attempts.records).toBe(3);
    expect(attempts.problems.map((p) => p.line)).toEqual([2, 4]);
    expect(
      openStore(dir)
        .attempts()
        .map((a) => a.id),
    ).toEqual(["a", "b", "c"]);
    const backup = readFileSync(attempts.backup as string, "utf8");
    expect(backup).toContain("also damaged");
    expect(backup.trim().split("\n")).toHaveLength(5);
  });

  it("shortens an answer over the limit instead of setting the record aside", () => {
    const long = makeAttempt("q1", true, new Date(T0), { id: "long", answer: "y".repeat(MAX_ANSWER_CHARS + 500) });
    writeFileSync(join(dir, "attempts.jsonl"), `${line(long)}\n`);
    expect(() => openStore(dir).attempts()).toThrow();
    const report = repair(dir, new Date(T0));
    expect(report.files[0].shortened).toBe(1);
    const [kept] = openStore(dir).attempts();
    expect(kept.answer).toHaveLength(MAX_ANSWER_CHARS);
  });

  it("records an answer of 10 MB cut to the limit", () => {
    const store = openStore(dir);
    store.recordAttempt(makeAttempt("q1", true, new Date(T0), { answer: "z".repeat(10 * 1024 * 1024) }));
    expect(readFileSync(store.files.attempts).length).toBeLessThan(MAX_ANSWER_CHARS + 1000);
    expect(store.attempts()[0].answer).toHaveLength(MAX_ANSWER_CHARS);
  });
});

/** A history line, with the shapes real files have: extra keys, records from before skipped and timedOut. */
const attemptArb = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 12 }),
    roundId: fc.string({ minLength: 1, maxLength: 6 }),
    questionId: fc.constantFrom("q1", "q2", "q3", "__proto__", "toString"),
    at: fc.integer({ min: 0, max: 400 * 86_400_000 }).map((ms) => new Date(T0 - ms).toISOString()),
    level: fc.constantFrom("beginner", "expert"),
    topics: fc.subarray([...TOPICS], { maxLength: 2 }),
    type: fc.constantFrom("mcq", "recall"),
    answer: fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
      fc.boolean(),
      fc.constant(null),
    ),
    score: fc.double({ min: 0, max: 1, noNaN: true }),
    correct: fc.boolean(),
    rating: fc.constantFrom("again", "hard", "good", "easy"),
    ms: fc.nat({ max: 100_000 }),
    timedOut: fc.option(fc.boolean(), { nil: undefined }),
    skipped: fc.option(fc.boolean(), { nil: undefined }),
    confidence: fc.option(fc.constantFrom("sure", "unsure", "guess"), { nil: undefined }),
    extra: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }),
  })
  .map((a) => JSON.parse(JSON.stringify(a)) as Attempt);

const storeArb = fc.record({
  attempts: fc.array(attemptArb, { maxLength: 25 }),
  duplicates: fc.array(fc.nat(), { maxLength: 3 }),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
  cutOff: fc.boolean(),
  rounds: fc.nat({ max: 3 }),
});
type StoreShape = typeof storeArb extends fc.Arbitrary<infer T> ? T : never;

/** Writes a generated store into folder `d` (its attempts in the given order) and returns it opened. */
function writeStore(d: string, s: StoreShape, attempts = s.attempts) {
  const lines = attempts.map(line);
  for (const i of s.duplicates) if (lines.length) lines.splice(i % lines.length, 0, lines[i % lines.length]);
  let text = lines.join("\n");
  if (s.bom) text = `\uFEFF${text}`;
  if (lines.length && s.finalNewline) text += "\n";
  if (s.cutOff) text += `${lines.length && !s.finalNewline ? "\n" : ""}{"id":"cut`;
  const store = openStore(d);
  writeFileSync(store.files.attempts, text);
  for (let r = 0; r < s.rounds; r++) {
    store.recordRound({
      id: `r${r}`,
      kind: "quiz",
      startedAt: new Date(T0).toISOString(),
      endedAt: new Date(T0 + r).toISOString(),
      total: 1,
      answered: 1,
      correct: 1,
      score: 1,
      interrupted: false,
    });
  }
  return store;
}

describe("every store a command accepts survives export, reset and import", () => {
  it("holds for generated stores", () => {
    let n = 0;
    fc.assert(
      fc.property(storeArb, (s) => {
        const d = join(dir, `s${n++}`);
        writeStore(d, s);
        // The command accepts it: stats reads it.
        const before = openStore(d).attempts();
        expect(openStore(d).derived().summary.attempts).toBe(before.length);

        // Export and import into a new store.
        let doc = "";
        exportTo(openStore(d), (t) => {
          doc += t;
        });
        const file = join(dir, `export-${n}.json`);
        writeFileSync(file, doc);
        const other = join(dir, `o${n}`);
        const imported = importFile(openStore(other), file);
        expect(imported.rejectedCount).toBe(0);
        expect(openStore(other).attempts()).toEqual(before);

        // Reset and import the backup it prints.
        const r = reset(d, new Date(T0));
        expect(r.damagedLines).toBe(0);
        expect(openStore(d).attempts()).toEqual([]);
        importFile(openStore(d), r.exportFile as string);
        expect(openStore(d).attempts()).toEqual(before);
        expect(openStore(d).rounds()).toHaveLength(s.rounds);
        expect(readdirSync(join(d, "backups"))).toHaveLength(1);
      }),
      { numRuns: 40 },
    );
  });
});

describe("import builds the derived state while it merges", () => {
  it("saves the same cache a rebuild of the merged files gives, without reading them again when it can", () => {
    let n = 0;
    let withoutRebuild = 0;
    const rebuild = vi.spyOn(ProgressStore.prototype, "rebuild");
    const write = (d: string, s: StoreShape, sorted: boolean) =>
      writeStore(d, s, sorted ? [...s.attempts].sort((a, b) => a.at.localeCompare(b.at)) : s.attempts);
    fc.assert(
      fc.property(storeArb, storeArb, fc.boolean(), fc.boolean(), (source, target, sorted, empty) => {
        const src = join(dir, `src${n}`);
        const dst = join(dir, `dst${n++}`);
        write(src, source, sorted);
        if (!empty) write(dst, target, sorted);
        let doc = "";
        exportTo(openStore(src), (t) => {
          doc += t;
        });
        const file = join(src, "export.json");
        writeFileSync(file, doc);
        rebuild.mockClear();
        const importer = openStore(dst);
        const r = importFile(importer, file);
        if (!r.attemptsAdded && !r.roundsAdded) return;
        if (rebuild.mock.calls.length === 0) withoutRebuild++;
        const cache = readFileSync(join(dst, "derived.json"), "utf8");
        // The store that imported knows where the history ends: a damaged line added next is reported by its number.
        if (r.attemptsAdded) {
          const history = readFileSync(importer.files.attempts, "utf8");
          appendFileSync(importer.files.attempts, "not json\n");
          expect(() => importer.derived()).toThrow(`line ${history.split("\n").length}: the line is not valid JSON`);
          writeFileSync(importer.files.attempts, history);
        }
        const store = openStore(dst);
        const derived = store.derived();
        store.rebuild();
        expect(readFileSync(join(dst, "derived.json"), "utf8")).toBe(cache);
        expect(store.derived()).toEqual(derived);
      }),
      { numRuns: 60 },
    );
    rebuild.mockRestore();
    // Sorted histories merged into an empty store take the single pass.
    expect(withoutRebuild).toBeGreaterThan(5);
  });

  it("saves the cache a rebuild gives when the merged history spans several hashed blocks", () => {
    const src = join(dir, "src");
    const attempts = Array.from({ length: 10_000 }, (_, i) =>
      makeAttempt(`q${i % 40}`, i % 3 > 0, new Date(T0 + i * 60_000), { id: `a${i}`, answer: "x".repeat(i % 50) }),
    );
    writeFileSync(join(openStore(src).dir, "attempts.jsonl"), `${attempts.map(line).join("\n")}\n`);
    const at = new Date(T0).toISOString();
    const round = { id: "r", kind: "quiz", startedAt: at, endedAt: at, total: 1, answered: 1, correct: 1, score: 1 };
    writeFileSync(join(src, "rounds.jsonl"), `${line(round)}\n`);
    expect(readFileSync(join(src, "attempts.jsonl")).length).toBeGreaterThan(2.5 * 1024 * 1024);
    let doc = "";
    exportTo(openStore(src), (t) => {
      doc += t;
    });
    const file = join(dir, "export.json");
    writeFileSync(file, doc);
    const dst = join(dir, "dst");
    const rebuild = vi.spyOn(ProgressStore.prototype, "rebuild");
    expect(importFile(openStore(dst), file).attemptsAdded).toBe(10_000);
    expect(rebuild).not.toHaveBeenCalled();
    rebuild.mockRestore();
    const cache = readFileSync(join(dst, "derived.json"), "utf8");
    openStore(dst).rebuild();
    expect(readFileSync(join(dst, "derived.json"), "utf8")).toBe(cache);
  });

  it("keeps a record whose bytes are not UTF-8 as the text it was read as", () => {
    const good = line(makeAttempt("q1", true, new Date(T0), { id: "a", answer: "caf\u00e9" }));
    const bad = Buffer.from(line(makeAttempt("q2", true, new Date(T0 + 1000), { id: "b", answer: "zz" })));
    bad[bad.indexOf("zz")] = 0xff;
    const head = Buffer.from(`{"format":"kafka-prep-progress","version":1,"attempts":[\n${good},\n`);
    const file = join(dir, "export.json");
    writeFileSync(file, Buffer.concat([head, bad, Buffer.from('\n],"rounds":[]}\n')]));
    const store = openStore(join(dir, "dst"));
    expect(importFile(store, file).attemptsAdded).toBe(2);
    const history = readFileSync(store.files.attempts);
    expect(history.includes(Buffer.from([0xff]))).toBe(false);
    expect(store.attempts().map((a) => a.answer)).toEqual(["caf\u00e9", "\ufffdz"]);
  });
});

describe("import into a damaged store", () => {
  it("merges, keeps the damaged line where it was, and leaves the report of it to the next read", () => {
    const source = join(dir, "source");
    const store = openStore(source);
    store.recordAttempt(makeAttempt("q1", true, new Date(T0), { id: "new" }));
    let doc = "";
    exportTo(store, (t) => {
      doc += t;
    });
    const file = join(dir, "export.json");
    writeFileSync(file, doc);
    const target = join(dir, "target");
    openStore(target);
    writeFileSync(join(target, "attempts.jsonl"), `${line(makeAttempt("q2", true, new Date(T0), { id: "old" }))}\nnot json\n`);
    const r = importFile(openStore(target), file);
    expect(r.attemptsAdded).toBe(1);
    const lines = readFileSync(join(target, "attempts.jsonl"), "utf8").trim().split("\n");
    expect(lines[1]).toBe("not json");
    expect(() => openStore(target).attempts()).toThrow(/damaged/);
    repair(target, new Date(T0));
    expect(
      openStore(target)
        .attempts()
        .map((a) => a.id),
    ).toEqual(["old", "new"]);
  });
});

describe("a writer whose lock was taken over while it stalled", () => {
  // What a round does when a doctor, import or reset holding the lock has been suspended past the stale time: it
  // takes the lock over and records. Here the takeover happens in the middle of the writer's read of the history.
  function takenOverDuringRead(path: string): void {
    let done = false;
    listenToReads((read) => {
      if (done || !read.endsWith("attempts.jsonl")) return;
      done = true;
      writeFileSync(join(dir, ".lock"), `${process.pid}\nanother-writer\n`);
      appendFileSync(path, `${line(makeAttempt("q9", true, new Date(T0), { id: "recorded-meanwhile" }))}\n`);
    });
  }
  afterEach(() => listenToReads(undefined));

  const history = () => readFileSync(join(dir, "attempts.jsonl"), "utf8");
  const seed = () =>
    writeFileSync(join(dir, "attempts.jsonl"), `${[1, 2, 3].map((i) => line(makeAttempt(`q${i}`, true, new Date(T0 + i)))).join("\n")}\n`);

  it("reset moves nothing and keeps no backup of it: the answer recorded meanwhile stays in the history", () => {
    seed();
    openStore(dir);
    takenOverDuringRead(join(dir, "attempts.jsonl"));
    expect(() => reset(dir, new Date(T0))).toThrow(LockLostError);
    expect(history()).toContain("recorded-meanwhile");
    expect(history().trim().split("\n")).toHaveLength(4);
    expect(existsSync(join(dir, "backups")) ? readdirSync(join(dir, "backups")) : []).toEqual([]);
  });

  it("doctor replaces nothing", () => {
    seed();
    appendFileSync(join(dir, "attempts.jsonl"), "not json\n");
    takenOverDuringRead(join(dir, "attempts.jsonl"));
    expect(() => repair(dir)).toThrow(LockLostError);
    expect(history()).toContain("recorded-meanwhile");
    expect(history()).toContain("not json");
  });
});

describe("a grade given after a reset moved its attempt away", () => {
  it("records the attempt again before the correction, so the grade counts, and the reset's undo keeps it", () => {
    const store = openStore(dir);
    const original = makeAttempt("q1", false, new Date(T0), { id: "answer-1", type: "recall", rating: "again" });
    store.recordAttempt(original);
    // The person is at the grade menu; another command resets the history.
    const r = reset(dir, new Date(T0 + 1000));
    store.amendAttempt(original, { id: "grade-1", rating: "easy", correct: true });
    const lines = readFileSync(join(dir, "attempts.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(["answer-1", "grade-1"]);
    // The undo reset suggests: the backup's copy of the attempt is already here.
    importFile(openStore(dir), r.exportFile as string);
    const after = openStore(dir);
    expect(after.summary().attempts).toBe(1);
    expect(after.derived().summary.correct).toBe(1);
    // In the same file, nothing is recorded twice.
    store.amendAttempt(original, { id: "grade-2", rating: "good", correct: true });
    expect(
      readFileSync(join(dir, "attempts.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).id),
    ).toEqual(["answer-1", "grade-1", "grade-2"]);
  });
});
