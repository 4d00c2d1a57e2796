import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";
import { KEY, terminalPerTest } from "../helpers/pty.js";

const PACK = join(ROOT, "test/fixtures/quiz");
const session = terminalPerTest();

const start = (args: string[]) => session.start(["quiz", "--no-builtin", "--questions", PACK, "--seed", "5", ...args]);
const history = session.history;
/** The letter shown before a choice on screen. */
function letterOn(screen: string, text: string): string {
  const m = new RegExp(`([a-h])\\) ${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`).exec(screen);
  if (!m) throw new Error(`no choice "${text}" on screen:\n${screen}`);
  return m[1];
}

describe("quiz in a real terminal", () => {
  it("answers an mcq with the keyboard: position, level, topics, countdown, then feedback and summary", async () => {
    const t = start(["--id", "fx-mcq"]);
    const screen = await t.waitFor("acks=all");
    expect(screen).toMatch(/1\/1 · beginner · producers · mcq/);
    expect(screen).toMatch(/⏱ 0:4\d/);
    t.write(letterOn(screen, "acks=all"));
    t.write(KEY.enter);
    await t.waitFor("✓ Right");
    await t.waitFor(/Round complete: 1 of 1 right \(100%\)/);
    expect((await t.exit()).exitCode).toBe(0);
    expect(t.output).toMatch(/Sources: doc 000 Q9/);
    expect(history()).toMatchObject([{ questionId: "fx-mcq", correct: true, timedOut: false }]);
  });

  it("counts down, turns to a warning near the end, and moves on when time runs out", async () => {
    const t = start(["--id", "fx-tf,fx-mcq", "--time", "3", "--no-repeat"]);
    await t.waitFor("⏱ 0:03");
    await t.waitFor("⏱ 0:01");
    // Yellow or red (SGR 33 or 31) near the end.
    const esc = "\u001b";
    expect(t.rawOutput).toMatch(new RegExp(`${esc}\\[3[13]m(${esc}\\[1m)?⏱ 0:01`));
    await t.waitFor("⏱ Timed out");
    expect(t.output).toMatch(/Correct answer: False/);
    await t.waitFor("Enter for the next question");
    t.write(KEY.enter);
    const screen = await t.waitFor("acks=all", { after: t.output.lastIndexOf("Enter for the next question") });
    t.write(letterOn(screen.slice(screen.lastIndexOf("2/2")), "acks=1"));
    t.write(KEY.enter);
    await t.waitFor(/Round complete/);
    expect((await t.exit()).exitCode).toBe(0);
    expect(history().map((a) => [a.questionId, a.timedOut, a.correct])).toEqual([
      ["fx-tf", true, false],
      ["fx-mcq", false, false],
    ]);
  });

  it("takes a multi-line recall answer, shows the key-point checklist and lets the person override the grade", async () => {
    const t = start(["--id", "fx-recall", "--no-repeat"]);
    await t.waitFor("how does Kafka order messages?");
    t.write("Order is guaranteed within a partition only.");
    t.write(KEY.enter);
    t.write("Messages with the same key go to the same partition.");
    t.write(KEY.enter);
    t.write(KEY.enter);
    await t.waitFor("Your grade");
    expect(t.output).toMatch(/✓ Ordering holds within a partition/);
    expect(t.output).toMatch(/✓ Same key, same partition/);
    expect(t.output).toMatch(/✗ No ordering across partitions/);
    expect(t.output).toMatch(/Model answer:/);
    t.write("1");
    t.write(KEY.enter);
    await t.waitFor(/Round complete: 0 of 1 right \(0%\)/);
    expect(t.output).toMatch(/Your own grade counts for 1 answer: 1 the grader passed/);
    expect((await t.exit()).exitCode).toBe(0);
    // The answer as the grader graded it, then the person's Again as a correction after it.
    const [attempt, own] = history();
    expect(attempt).toMatchObject({ questionId: "fx-recall", correct: true });
    expect(own).toMatchObject({ questionId: "fx-recall", amends: attempt.id, graded: true, correct: false, rating: "again" });
    expect(attempt.answer).toMatch(/within a partition only\.\nMessages with the same key/);
  });

  it("keeps the line being typed when Up or Down is pressed in an open answer", async () => {
    const t = start(["--id", "fx-recall", "--time", "0"]);
    await t.waitFor("how does Kafka order messages?");
    t.write("Order is kept within a partition.");
    t.write(KEY.enter);
    t.write("Same key the same partition.");
    // Back over "the same partition." and press Up and Down there, as people do looking for the line above.
    for (const key of [...Array(19).fill(KEY.left), KEY.up, KEY.down]) {
      await t.waitFor("│ Same key the same partition.");
      t.write(key);
      await new Promise((r) => setTimeout(r, 20));
    }
    t.write("goes to ");
    t.write(KEY.enter);
    t.write(KEY.enter);
    await t.waitFor("Your grade");
    t.write(KEY.enter);
    await t.waitFor(/Round complete/);
    expect((await t.exit()).exitCode).toBe(0);
    expect(history()[0].answer).toBe("Order is kept within a partition.\nSame key goes to the same partition.");
  });

  it("keeps a graded open answer when Ctrl-C is pressed at the grade", async () => {
    const t = start(["--id", "fx-recall,fx-tf"]);
    await t.waitFor("how does Kafka order messages?");
    t.write("Order is guaranteed within a partition only.");
    t.write(KEY.enter);
    t.write(KEY.enter);
    await t.waitFor("Your grade");
    t.write(KEY.ctrlC);
    const exit = await t.exit();
    expect(exit.exitCode).toBe(130);
    expect(t.output).toMatch(/Round interrupted after 1 of 2 questions: [01] of 1 right/);
    expect(t.output).toMatch(/1 not asked, not counted/);
    expect(history()).toMatchObject([{ questionId: "fx-recall", answer: "Order is guaranteed within a partition only." }]);
  });

  it("starts the next question and its clock only when the person goes on from the feedback", async () => {
    const t = start(["--id", "fx-recall,fx-tf", "--time", "1"]);
    await t.waitFor("⏱ Timed out");
    const mark = t.output.length;
    await t.waitFor("Enter for the next question");
    // Reading the model answer takes longer than the next question's whole second.
    await new Promise((r) => setTimeout(r, 1500));
    expect(t.since(mark)).not.toMatch(/2\/2/);
    t.write(KEY.enter);
    await t.waitFor(/2\/2 .*⏱ 0:01/, { after: mark });
    t.write(KEY.ctrlC);
    await t.exit();
  });

  it("ends cleanly on Ctrl-C: answers kept, partial summary, terminal restored, exit 130", async () => {
    const t = start(["--id", "fx-tf,fx-cloze,fx-mcq"]);
    await t.waitFor("ZooKeeper mode");
    t.write("b");
    t.write(KEY.enter);
    await t.waitFor("Enter for the next question");
    t.write(KEY.enter);
    await t.waitFor("needs is ___");
    t.write(KEY.ctrlC);
    const exit = await t.exit();
    expect(exit.exitCode).toBe(130);
    expect(t.output).toMatch(/Round interrupted after 1 of 3 questions: 1 of 1 right \(100%\)/);
    expect(t.output).toMatch(/2 not asked, not counted/);
    expect(t.rawOutput.lastIndexOf("\u001b[?25h")).toBeGreaterThan(t.rawOutput.lastIndexOf("\u001b[?25l"));
    expect(history().map((a) => a.questionId)).toEqual(["fx-tf"]);
  });

  it("loses none of three answers when killed with SIGKILL", async () => {
    const t = start(["--id", "fx-tf,fx-cloze,fx-mcq,fx-multi", "--no-follow-ups"]);
    await t.waitFor("ZooKeeper mode");
    t.write("b");
    t.write(KEY.enter);
    await t.waitFor("Enter for the next question");
    t.write(KEY.enter);
    let mark = t.output.length;
    await t.waitFor("needs is ___", { after: mark });
    t.write("min.insync.replicas");
    t.write(KEY.enter);
    await t.waitFor("Enter for the next question", { after: mark });
    t.write(KEY.enter);
    mark = t.output.length;
    const screen = await t.waitFor("acks=all", { after: mark });
    t.write(letterOn(screen.slice(mark), "acks=all"));
    t.write(KEY.enter);
    await t.waitFor("Enter for the next question", { after: mark });
    t.kill("SIGKILL");
    await t.exit();
    expect(history().map((a) => [a.questionId, a.correct])).toEqual([
      ["fx-tf", true],
      ["fx-cloze", true],
      ["fx-mcq", true],
    ]);
  });

  it("flags an answer that was sure and wrong in the summary, and asks it first next time", async () => {
    const t = start(["--id", "fx-tf", "--confidence", "--no-repeat"]);
    await t.waitFor("ZooKeeper mode");
    t.write("a");
    t.write(KEY.enter);
    await t.waitFor("How sure are you?");
    t.write(KEY.enter);
    await t.waitFor(/Sure but wrong \(1\)/);
    expect((await t.exit()).exitCode).toBe(0);
    expect(history()).toMatchObject([{ questionId: "fx-tf", correct: false, confidence: "sure" }]);
    const again = session.start(["quiz", "--no-builtin", "--questions", PACK, "--count", "1"]);
    // The question comes after its header line, maybe in a later write: wait for both, in order.
    await again.waitFor(/1\/1[\s\S]*ZooKeeper mode/);
  });

  it("drills a scenario: the computed answer, the reasoning, and the command that repeats it", async () => {
    const t = session.start(["quiz", "--id", "partitions-needed#8141", "--time", "0", "--no-repeat"]);
    await t.waitFor(/How many\s+partitions/);
    expect(t.output).toMatch(/1\/1 · intermediate · .* · scenario/);
    expect(t.output).toMatch(/type a number, in partitions/);
    t.write("7");
    t.write(KEY.enter);
    await t.waitFor("How it works out:");
    expect(t.output).toMatch(/Correct answer: 10 partitions/);
    expect(t.output).toMatch(/This scenario again: kafka-prep quiz --id partitions-needed#8141/);
    await t.waitFor(/Round complete/);
    expect((await t.exit()).exitCode).toBe(0);
    expect(history()[0]).toMatchObject({ questionId: "partitions-needed", instance: "partitions-needed#8141", correct: false });
  });

  it("runs the quick start's round on the built-in bank", async () => {
    const t = session.start(["quiz", "--level", "beginner"]);
    await t.waitFor(/1\/10 · beginner · /, { timeout: 30_000 });
    // Whatever the type: a space (selects in a list, blank in text) and Enter until the answer is graded.
    t.write(KEY.space);
    for (let i = 0; i < 10 && !/✓ Right|✗ Wrong|Partly right|Skipped|Your grade/.test(t.output); i++) {
      t.write(KEY.enter);
      await new Promise((r) => setTimeout(r, 300));
    }
    await t.waitFor(/✓ Right|✗ Wrong|Partly right|Skipped|Your grade/);
    t.write(KEY.ctrlC);
    expect((await t.exit()).exitCode).toBe(130);
    expect(t.output).toMatch(/Round interrupted after/);
  });
});
