import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Question } from "../../src/bank/schema.js";
import { letter, present } from "../../src/quiz/present.js";
import { ROOT, tempDir } from "../helpers/cli.js";
import { run } from "../helpers/run.js";

// How answers to choice, several-answer and ordering questions are read and shown, in a scripted round.

const PACK = join(ROOT, "test/fixtures/screen");
const questions: Question[] = parse(readFileSync(join(PACK, "pack.yaml"), "utf8")).questions;
const question = (id: string) => questions.find((q) => q.id === id) as Question;
const SEED = 4;
/** The letters that pick these choice or step texts, as the round with SEED shows them. */
const letters = (id: string, texts: string[]) => texts.map((t) => letter(present(question(id), SEED).choices.indexOf(t))).join(",");

let data: { dir: string; cleanup: () => void };
beforeEach(() => {
  data = tempDir();
});
afterEach(() => data.cleanup());

const quiz = (args: string[], input: string) =>
  run(["quiz", "--no-builtin", "--questions", PACK, "--seed", String(SEED), "--time", "0", ...args], { input, dataDir: data.dir });

describe("an ordering answered with one adjacent swap", () => {
  it("scores high and shows which step was out of place and where the answer had it", async () => {
    const steps = (question("sc-order") as Question & { steps: string[] }).steps;
    const swapped = [steps[0], steps[1], steps[3], steps[2], steps[4], steps[5]];
    const r = await quiz(["--id", "sc-order"], `${letters("sc-order", swapped)}\n`);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✗ Partly right \(80%\)/);
    expect(r.stdout).toMatch(/Correct order \(1 step out of place in yours\):/);
    expect(r.stdout).toMatch(/ {2}3\. beginTransaction\(\) before the first send of the batch ✗ you had it at 4/);
    expect(r.stdout).not.toMatch(/send\(\) every output record produced from the batch ✗/);
  });
});
