import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquire, tempPid, UNWRITTEN_MS } from "../../src/progress/lock.js";
import { repair } from "../../src/progress/maintenance.js";
import { tempDir } from "../helpers/cli.js";

let data: { dir: string; cleanup: () => void };
beforeEach(() => {
  data = tempDir();
});
afterEach(() => data.cleanup());

const aged = (path: string, ms: number) => {
  const t = (Date.now() - ms) / 1000;
  utimesSync(path, t, t);
};

describe("the store lock", () => {
  it("is taken and released, holding its owner's pid and a token", () => {
    const path = join(data.dir, ".lock");
    const lock = acquire(path, 0);
    expect(lock).toBeDefined();
    expect(readFileSync(path, "utf8")).toMatch(new RegExp(`^${process.pid}\\n[0-9a-f]{16}\\n$`));
    expect(lock?.held()).toBe(true);
    lock?.release();
    expect(existsSync(path)).toBe(false);
  });

  it("takes over a lock its writer was killed before filling (empty, or cut short) once it is older than an instant", () => {
    const path = join(data.dir, ".lock");
    for (const content of ["", `${process.pid}\n`, `${process.pid}\nab`, "not a lock"]) {
      writeFileSync(path, content);
      aged(path, UNWRITTEN_MS + 1000);
      const lock = acquire(path, 0);
      expect(lock, JSON.stringify(content)).toBeDefined();
      lock?.release();
    }
  });

  it("leaves a lock that is being written alone for that instant, and one a live process holds", () => {
    const path = join(data.dir, ".lock");
    writeFileSync(path, "");
    expect(acquire(path, 50)).toBeUndefined();
    // The parent of this process is alive and is not this process.
    writeFileSync(path, `${process.ppid}\n${"ab".repeat(8)}\n`);
    aged(path, UNWRITTEN_MS + 1000);
    expect(acquire(path, 50)).toBeUndefined();
    expect(readFileSync(path, "utf8")).toBe(`${process.ppid}\n${"ab".repeat(8)}\n`);
    // An earlier kafka-prep wrote its pid alone.
    writeFileSync(path, String(process.ppid));
    aged(path, UNWRITTEN_MS + 1000);
    expect(acquire(path, 50)).toBeUndefined();
  });

  it("clears what a dead holder was writing aside when it takes over its lock, and nothing of anyone else", () => {
    const path = join(data.dir, ".lock");
    // A pid far past any pid_max is no live process; this test's parent is one.
    const dead = 99_999_999;
    writeFileSync(path, `${dead}\n${"cd".repeat(8)}\n`);
    const theirs = [`.attempts.jsonl.${dead}.mx9e1.tmp`, `settings.json.${dead}.new.tmp`, `.write-check.${dead}.tmp`];
    const others = [`.rounds.jsonl.${process.ppid}.mx9e2.tmp`, "attempts.jsonl", `notes.${dead}.txt`];
    for (const f of [...theirs, ...others]) writeFileSync(join(data.dir, f), "x");
    const lock = acquire(path, 0);
    expect(lock).toBeDefined();
    lock?.release();
    expect(readdirSync(data.dir).sort()).toEqual([...others].sort());
  });

  it("lets doctor clear a dead process's leftovers at once, and a live one's only when they are old", () => {
    const dead = join(data.dir, ".attempts.jsonl.99999999.mx9e1.tmp");
    const live = join(data.dir, `.rounds.jsonl.${process.ppid}.mx9e2.tmp`);
    writeFileSync(dead, "x");
    writeFileSync(live, "x");
    expect(repair(data.dir).removedTempFiles).toBe(1);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
    aged(live, 3_600_000);
    expect(repair(data.dir).removedTempFiles).toBe(1);
    expect(existsSync(live)).toBe(false);
  });

  it("lets doctor clear the half-written export of a reset killed before it moved anything, and keep real backups", () => {
    const killed = join(data.dir, "backups", "reset-2026-12-01T09-00-00-000Z");
    const done = join(data.dir, "backups", "reset-2026-11-30T09-00-00-000Z");
    mkdirSync(killed, { recursive: true });
    mkdirSync(done, { recursive: true });
    writeFileSync(join(killed, ".progress.json.99999999.mx9e3.tmp"), '{"format":"kafka-prep-progress","ver');
    writeFileSync(join(done, "progress.json"), "{}");
    writeFileSync(join(done, "attempts.jsonl"), "");
    expect(repair(data.dir).removedTempFiles).toBe(1);
    expect(existsSync(killed)).toBe(false);
    expect(readdirSync(done).sort()).toEqual(["attempts.jsonl", "progress.json"]);
  });

  it("reads the writer's pid from the name of a file written aside", () => {
    expect(tempPid(".attempts.jsonl.4242.mx9eqkr8.tmp")).toBe(4242);
    expect(tempPid(".write-check.17.tmp")).toBe(17);
    expect(tempPid("settings.json.99.new.tmp")).toBe(99);
    expect(tempPid("attempts.jsonl")).toBeUndefined();
    expect(tempPid("notes.12.txt")).toBeUndefined();
  });
});
