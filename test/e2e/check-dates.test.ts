import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT, runCli, tempDir } from "../helpers/cli.js";

const PACK = join(ROOT, "test/fixtures/quiz");
let data: { dir: string; cleanup: () => void };
beforeEach(() => {
  data = tempDir();
});
afterEach(() => data.cleanup());

describe("an interview date", () => {
  // Kiritimati is 14 hours ahead of UTC and Pago Pago 11 hours behind: a UTC day would be off by one in both.
  it.each(["Pacific/Kiritimati", "Pacific/Pago_Pago"])("prints as the day typed everywhere, in %s", (tz) => {
    const date = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const args = ["check", "--no-builtin", "--questions", PACK, "--interview-date", date];
    const json = JSON.parse(runCli([...args, "--json"], { dataDir: data.dir, env: { TZ: tz } }).stdout);
    expect(json.interviewDate).toBe(date);
    expect(json.on).toBe(date);
    const text = runCli(args, { dataDir: data.dir, env: { TZ: tz } }).stdout;
    expect(text).toMatch(new RegExp(`on\\s+${date}\\.`));
    expect(text).toMatch(new RegExp(`^Plan until ${date}:`, "m"));
  });
});
