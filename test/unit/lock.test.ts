import { existsSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquire, UNWRITTEN_MS } from "../../src/progress/lock.js";
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
    for (const content of ["", "123", `${process.pid}\n`, "not a lock"]) {
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
  });
});
