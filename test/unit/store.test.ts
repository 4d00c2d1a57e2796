import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeError } from "../../src/messages.js";
import {
  DamagedFileError,
  FileSystemError,
  InvalidSettingError,
  LockLostError,
  LockTimeoutError,
  NewerVersionError,
} from "../../src/progress/errors.js";
import { openStore, replay, resolveDataDir, STORE_VERSION } from "../../src/progress/store.js";
import type { Attempt } from "../../src/progress/types.js";
import { tempDir } from "../helpers/cli.js";

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir("kafka-prep-store-")));
afterEach(() => cleanup());

const T0 = Date.UTC(2026, 0, 5, 12);
function attempt(i: number, over: Partial<Attempt> = {}): Attempt {
  return {
    id: `a${i}`,
    roundId: `r${Math.floor(i / 10)}`,
    questionId: `q${i % 7}`,
    at: new Date(T0 + i * 3_600_000).toISOString(),
    level: "beginner",
    topics: ["producers"],
    type: "mcq",
    answer: "x",
    score: i % 3 ? 1 : 0,
    correct: i % 3 !== 0,
    rating: i % 3 ? "good" : "again",
    ms: 5000,
    timedOut: false,
    skipped: false,
    ...over,
  };
}

describe("resolveDataDir", () => {
  it("prefers --data-dir, then KAFKA_PREP_HOME, then the OS config folder", () => {
    const saved = process.env.KAFKA_PREP_HOME;
    try {
      process.env.KAFKA_PREP_HOME = "/tmp/from-env";
      expect(resolveDataDir({ dataDir: "/tmp/from-flag" })).toBe("/tmp/from-flag");
      expect(resolveDataDir({})).toBe("/tmp/from-env");
      delete process.env.KAFKA_PREP_HOME;
      expect(resolveDataDir()).toMatch(/kafka-prep/);
    } finally {
      if (saved === undefined) delete process.env.KAFKA_PREP_HOME;
      else process.env.KAFKA_PREP_HOME = saved;
    }
  });
});

describe("store", () => {
  it("starts with default settings, versioned", () => {
    const store = openStore(dir);
    expect(store.settings.recallPass).toBe(0.6);
    expect(store.settings.check).toEqual({ minScore: 80, minCoverage: 60, minRecall: 70 });
    expect(JSON.parse(readFileSync(join(dir, "settings.json"), "utf8")).storeVersion).toBe(STORE_VERSION);
    expect(store.attempts()).toEqual([]);
    expect(store.cards().size).toBe(0);
  });

  it("appends attempts and keeps cards equal to a full replay", () => {
    const store = openStore(dir);
    const all = Array.from({ length: 40 }, (_, i) => attempt(i));
    for (const a of all) store.recordAttempt(a);
    expect(store.attempts()).toHaveLength(40);
    expect(readFileSync(store.files.attempts, "utf8").trim().split("\n")).toHaveLength(40);
    const fromCache = openStore(dir).cards();
    const fromReplay = replay(all).cards;
    expect([...fromCache.keys()].sort()).toEqual([...fromReplay.keys()].sort());
    for (const [id, card] of fromReplay) expect(fromCache.get(id)).toEqual(card);
    expect(store.summary().attempts).toBe(40);
  });

  it("catches up with lines appended by another process", () => {
    const store = openStore(dir);
    store.recordAttempt(attempt(0));
    appendFileSync(store.files.attempts, `${JSON.stringify(attempt(1))}\n`);
    expect(store.summary().attempts).toBe(2);
    expect(store.cards().has("q1")).toBe(true);
  });

  it("saves the derived state at the end of a round", () => {
    const store = openStore(dir);
    for (let i = 0; i < 5; i++) store.recordAttempt(attempt(i));
    const before = store.derived();
    store.recordAttempt(attempt(5));
    expect(before.cards.size).toBe(5);
    expect(store.cards().size).toBe(6);
    store.recordRound({
      id: "r0",
      kind: "quiz",
      startedAt: "2026-01-05T12:00:00.000Z",
      endedAt: "2026-01-05T18:00:00.000Z",
      total: 6,
      answered: 6,
      correct: 4,
      score: 0.66,
      interrupted: false,
    });
    const saved = JSON.parse(readFileSync(join(dir, "derived.json"), "utf8"));
    expect(saved.summary.attempts).toBe(6);
    expect(saved.roundSummary.count).toBe(1);
    expect(
      openStore(dir)
        .derived()
        .rounds.recent.map((r) => r.score),
    ).toEqual([0.66]);
  });

  it("rebuilds after the history was rewritten by another process", () => {
    const store = openStore(dir);
    for (let i = 0; i < 4; i++) store.recordAttempt(attempt(i));
    expect(store.summary().attempts).toBe(4);
    writeFileSync(store.files.attempts, `${JSON.stringify(attempt(9))}\n`);
    expect(store.summary().attempts).toBe(1);
    expect(openStore(dir).rebuild().summary.attempts).toBe(1);
  });

  it("records rounds", () => {
    const store = openStore(dir);
    store.recordRound({
      id: "r1",
      kind: "quiz",
      startedAt: "2026-01-05T12:00:00.000Z",
      endedAt: "2026-01-05T12:05:00.000Z",
      total: 10,
      answered: 10,
      correct: 7,
      score: 0.7,
      interrupted: false,
    });
    expect(openStore(dir).rounds()).toHaveLength(1);
  });

  it("names the file and line of a damaged attempt and changes nothing", () => {
    const store = openStore(dir);
    store.recordAttempt(attempt(0));
    appendFileSync(store.files.attempts, '{"id": "not json\n');
    const before = readFileSync(store.files.attempts, "utf8");
    expect(() => store.attempts()).toThrow(DamagedFileError);
    try {
      store.attempts();
    } catch (err) {
      expect((err as DamagedFileError).problems).toEqual([{ file: store.files.attempts, line: 2, message: "the line is not valid JSON" }]);
      expect(describeError(err)?.message).toContain("attempts.jsonl:2:");
      expect(describeError(err)?.message).toContain("kafka-prep doctor");
      expect(describeError(err)?.exitCode).toBe(2);
    }
    expect(readFileSync(store.files.attempts, "utf8")).toBe(before);
  });

  it("treats a cut-off last line as not recorded, and sets it aside before the next answer", () => {
    const notices: unknown[] = [];
    const store = openStore(dir, { onNotice: (n) => notices.push(n) });
    store.recordAttempt(attempt(0));
    appendFileSync(store.files.attempts, '{"id": "cut off');
    expect(store.attempts().map((a) => a.id)).toEqual(["a0"]);
    expect(store.summary().attempts).toBe(1);
    expect(notices).toEqual([{ kind: "cut-off", path: store.files.attempts, line: 2 }]);
    store.recordAttempt(attempt(1));
    const lines = readFileSync(store.files.attempts, "utf8").split("\n");
    expect(lines.map((l) => l && JSON.parse(l).id)).toEqual(["a0", "a1", ""]);
    const aside = readdirSync(dir).filter((f) => f.startsWith("attempts.jsonl.cut-off-"));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]), "utf8")).toBe('{"id": "cut off');
    expect(openStore(dir).summary().attempts).toBe(2);
  });

  it("counts a copied line once, whether it lands inside what the cache covers or after it", () => {
    const store = openStore(dir);
    for (let i = 0; i < 5; i++) store.recordAttempt(attempt(i));
    store.rebuild();
    const lines = readFileSync(store.files.attempts, "utf8").trim().split("\n");
    appendFileSync(store.files.attempts, `${lines[2]}\n`);
    expect(openStore(dir).summary().attempts).toBe(5);
    expect(openStore(dir).derived().summary.attempts).toBe(5);
    writeFileSync(store.files.attempts, `${[lines[0], lines[0], ...lines.slice(1)].join("\n")}\n`);
    expect(openStore(dir).summary().attempts).toBe(5);
    store.recordAttempt(attempt(9));
    expect(openStore(dir).derived().summary.attempts).toBe(6);
  });

  it("counts a copied line once when the copy in the cached part spells the record as another program does", () => {
    const store = openStore(dir);
    // As Python's json.dumps writes them: a space after every colon and comma.
    const spaced = (i: number) => JSON.stringify(attempt(i)).replace(/":/g, '": ').replace(/,"/g, ', "');
    writeFileSync(store.files.attempts, `${[0, 1, 2, 3, 4].map(spaced).join("\n")}\n`);
    store.rebuild();
    appendFileSync(store.files.attempts, `${JSON.stringify(attempt(2))}\n`);
    expect(openStore(dir).summary().attempts).toBe(5);
    expect(openStore(dir).derived().summary.attempts).toBe(5);
  });

  it("keeps a valid last record written without a final newline", () => {
    const store = openStore(dir);
    writeFileSync(store.files.attempts, JSON.stringify(attempt(0)));
    expect(store.summary().attempts).toBe(1);
    store.recordAttempt(attempt(1));
    expect(
      openStore(dir)
        .attempts()
        .map((a) => a.id),
    ).toEqual(["a0", "a1"]);
  });

  it("reports a hand-edited value with its line", () => {
    const store = openStore(dir);
    writeFileSync(store.files.attempts, `${JSON.stringify(attempt(0))}\n${JSON.stringify({ ...attempt(1), score: 7 })}\n`);
    expect(() => store.attempts()).toThrow(DamagedFileError);
    try {
      store.attempts();
    } catch (err) {
      expect((err as DamagedFileError).problems).toEqual([
        { file: store.files.attempts, line: 2, message: '"score" must be a number from 0 to 1' },
      ]);
    }
  });

  it("refuses a store written by a newer version and leaves it alone", () => {
    const file = join(dir, "settings.json");
    const content = JSON.stringify({ storeVersion: STORE_VERSION + 1, recallPass: 0.5 });
    writeFileSync(file, content);
    expect(() => openStore(dir)).toThrow(NewerVersionError);
    expect(readFileSync(file, "utf8")).toBe(content);
  });

  it("reports damaged settings with the file name", () => {
    writeFileSync(join(dir, "settings.json"), '{\n  "recallPass": 0.5,\n  oops\n}');
    expect(() => openStore(dir)).toThrow(DamagedFileError);
  });

  it("names the line of each bad setting", () => {
    writeFileSync(
      join(dir, "settings.json"),
      JSON.stringify({ storeVersion: STORE_VERSION, recallPass: 7, check: { minScore: 80, minCoverage: "lots" } }, null, 2),
    );
    try {
      void openStore(dir).settings;
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DamagedFileError);
      expect((err as DamagedFileError).problems.map((p) => [p.line, p.message])).toEqual([
        [3, '"recallPass" must be a number from 0 to 1'],
        [6, '"check.minCoverage" must be a number from 0 to 100'],
      ]);
    }
  });

  it("migrates a store from before versioning", () => {
    const legacy = [attempt(0), attempt(1)].map((a) => {
      const { skipped: _s, ...rest } = a;
      return JSON.stringify(rest);
    });
    writeFileSync(join(dir, "attempts.jsonl"), `${legacy.join("\n")}\n`);
    writeFileSync(join(dir, "derived.json"), "stale");
    const store = openStore(dir);
    expect(JSON.parse(readFileSync(join(dir, "settings.json"), "utf8")).storeVersion).toBe(STORE_VERSION);
    expect(store.attempts().every((a) => a.skipped === false)).toBe(true);
    expect(store.derived().cards.size).toBe(2);
    expect(existsSync(join(dir, "derived.json"))).toBe(true);
  });

  it("updates settings, keeping the store version and keys it does not know", async () => {
    writeFileSync(join(dir, "settings.json"), JSON.stringify({ storeVersion: STORE_VERSION, extra: { kept: true } }));
    const store = openStore(dir);
    await store.updateSettings({ recallPass: 0.7 });
    expect(openStore(dir).settings.recallPass).toBe(0.7);
    const file = JSON.parse(readFileSync(join(dir, "settings.json"), "utf8"));
    expect(file).toMatchObject({ recallPass: 0.7, storeVersion: STORE_VERSION, extra: { kept: true } });
    await expect(store.updateSettings({ recallPass: 3 })).rejects.toThrow(InvalidSettingError);
    expect(openStore(dir).settings.recallPass).toBe(0.7);
  });
});

describe("the words for a file in the way", () => {
  it("name the file that stands where a folder should be, not the folder that could not be made", () => {
    writeFileSync(join(dir, "backups"), "");
    const msg = describeError(new FileSystemError(join(dir, "backups", "reset-1"), "ENOTDIR", "create"))?.message;
    expect(msg).toContain(`a file is where a folder should be (${join(dir, "backups")}). Move that file away`);
  });
});

describe("the words for a lock that could not be had or was lost", () => {
  it("say what was not saved and what to do, exit 2", () => {
    const timeout = describeError(new LockTimeoutError("/data", "/data/.lock", 4242, 40_000));
    expect(timeout?.exitCode).toBe(2);
    expect(timeout?.message).toContain("process 4242 has been holding the lock on /data for over 40 s");
    expect(timeout?.message).toContain("in a round: the answer just given");
    const lost = describeError(new LockLostError("/data/.lock", "reset"));
    expect(lost?.exitCode).toBe(2);
    expect(lost?.message).toContain("nothing was reset, so they are kept. Run it again.");
  });
});
