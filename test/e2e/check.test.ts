import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers/cli.js";
import { KEY, Terminal } from "../helpers/pty.js";

const PACK = join(ROOT, "test/fixtures/quiz");
let data: { dir: string; cleanup: () => void };
beforeEach(() => {
  data = tempDir();
});
afterEach(() => data.cleanup());

const SHIFT_TAB = "\u001b[Z";
const CTRL_F = "\u0006";
const CTRL_R = "\u0012";
const exam = (extra: string[] = []) =>
  new Terminal(
    ["check", "--exam", "--no-builtin", "--questions", PACK, "--type", "mcq,truefalse", "--count", "3", "--time-limit", "2m", ...extra],
    { dataDir: data.dir },
  );
const attempts = () =>
  readFileSync(join(data.dir, "attempts.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));

const lastRound = () => JSON.parse(readFileSync(join(data.dir, "rounds.jsonl"), "utf8").trim().split("\n").at(-1) ?? "");

describe("kafka-prep check --exam in a terminal", () => {
  it("shows the intro before the clock starts, then moves, flags, reviews and submits", async () => {
    const t = exam();
    try {
      await t.waitFor("Enter to start the clock");
      const intro = t.output;
      expect(intro).toMatch(/Mock exam: 3 questions · 2 minutes · pass mark 80%/);
      expect(intro).toMatch(/Questions from: --type mcq,truefalse/);
      expect(intro).toMatch(/Tab next · Shift-Tab back · Ctrl-F flag for review · Ctrl-R review/);
      expect(intro).not.toMatch(/Question 1 of 3|⏱/);
      t.write(KEY.enter);
      await t.waitFor(/Question 1 of 3 .*⏱ [12]:\d\d/);

      let mark = t.output.length;
      t.write(CTRL_F);
      await t.waitFor(/Question 1 of 3 · \w+ ⚑ flagged/, { after: mark });
      mark = t.output.length;
      t.write("\t");
      await t.waitFor("Question 2 of 3", { after: mark });
      mark = t.output.length;
      t.write(KEY.enter);
      await t.waitFor("Question 3 of 3", { after: mark });
      mark = t.output.length;
      t.write(SHIFT_TAB);
      await t.waitFor("Question 2 of 3", { after: mark });
      mark = t.output.length;
      t.write(KEY.enter);
      await t.waitFor("Question 3 of 3", { after: mark });
      mark = t.output.length;
      t.write(KEY.enter);
      const review = await t.waitFor(/Review before submitting .*\n2 answered · 1 unanswered · 1 flagged/, { after: mark });
      expect(review.slice(mark)).toMatch(/Submit the exam \(1 unanswered\)/);
      expect(review.slice(mark)).toMatch(/1\. unanswered ⚑/);
      expect(review.slice(mark)).toMatch(/2\. answered/);
      expect(review.slice(mark)).not.toMatch(/Correct answer|✓ Right|✗ Wrong/);

      // Jump to the first question from the review screen, answer it, then submit from the review screen.
      mark = t.output.length;
      t.write(KEY.down);
      t.write(KEY.enter);
      await t.waitFor(/Question 1 of 3 · \w+ ⚑ flagged/, { after: mark });
      mark = t.output.length;
      t.write(KEY.enter);
      await t.waitFor("Question 2 of 3", { after: mark });
      mark = t.output.length;
      t.write(CTRL_R);
      await t.waitFor(/\n3 answered · 0 unanswered · 1 flagged/, { after: mark });
      mark = t.output.length;
      t.write(KEY.enter);
      await t.waitFor(/Exam (PASSED|FAILED): \d+% \(pass mark 80%\)/, { after: mark });
      await t.waitFor(/Flagged for review \(1\): kafka-prep quiz --id fx-\w+/, { after: mark });
      const { exitCode } = await t.exit();
      expect([0, 1]).toContain(exitCode);
      const recorded = attempts();
      expect(recorded).toHaveLength(3);
      expect(recorded.every((a) => a.answer !== null && !a.skipped)).toBe(true);
    } finally {
      t.kill();
    }
  });

  it("grades the exam when its clock runs out, the question on screen counted as seen and skipped", async () => {
    const t = new Terminal(
      ["check", "--exam", "--no-builtin", "--questions", PACK, "--type", "mcq,truefalse", "--count", "3", "--time-limit", "4s"],
      { dataDir: data.dir },
    );
    try {
      await t.answerFirstOfExam(3);
      const screen = await t.waitFor(/Time is up\.\nExam (PASSED|FAILED): \d+% \(pass mark 80%\)/);
      expect(screen).toMatch(/\d of 3 right, 2 unanswered/);
      expect((await t.exit()).exitCode).toBe(1);
      expect(attempts().map((a) => a.skipped)).toEqual([false, true]);
    } finally {
      t.kill();
    }
  });

  it("leaves without recording anything on q at the intro (exit 0) or Ctrl-C (exit 130)", async () => {
    const t = exam();
    try {
      await t.waitFor("Enter to start the clock");
      t.write("q");
      await t.waitFor("The exam was not started; nothing was recorded.");
      expect((await t.exit()).exitCode).toBe(0);
    } finally {
      t.kill();
    }
    const stopped = exam();
    try {
      await stopped.waitFor("Enter to start the clock");
      stopped.write(KEY.ctrlC);
      await stopped.waitFor("The exam was not started; nothing was recorded.");
      expect((await stopped.exit()).exitCode).toBe(130);
    } finally {
      stopped.kill();
    }
  });

  for (const signal of ["SIGHUP", "SIGTERM"]) {
    it(`keeps the answers given when the exam is ended by ${signal} (a closed terminal window, a kill)`, async () => {
      const t = exam();
      try {
        await t.answerFirstOfExam(3);
        t.kill(signal);
        expect((await t.exit()).exitCode).toBe(130);
        expect(attempts()).toHaveLength(1);
        expect(lastRound()).toMatchObject({ kind: "exam", interrupted: true, answered: 1 });
      } finally {
        t.kill();
      }
    });
  }

  it("says an exam stopped with Ctrl-C was interrupted, not failed, and keeps the answers given", async () => {
    const t = exam();
    try {
      await t.answerFirstOfExam(3);
      t.write(KEY.ctrlC);
      const screen = await t.waitFor("Exam interrupted");
      expect(screen).toMatch(/not graded as passed or failed/);
      expect(screen).toMatch(/1 of 3 answered before it was stopped; those answers are kept/);
      expect(screen).not.toMatch(/FAILED|PASSED/);
      expect((await t.exit()).exitCode).toBe(130);
      expect(attempts()).toHaveLength(1);
      expect(lastRound()).toMatchObject({ kind: "exam", interrupted: true, answered: 1 });
    } finally {
      t.kill();
    }
  });
});
