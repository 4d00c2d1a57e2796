import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";
import { KEY, terminalPerTest } from "../helpers/pty.js";

const PACK = join(ROOT, "test/fixtures/round-flow");
const session = terminalPerTest();

const start = (args: string[]) => session.start(["quiz", "--no-builtin", "--questions", PACK, "--seed", "5", ...args]);
const history = session.history;
/** The letter shown before a choice in the part of the screen after `mark`. */
function letterOn(screen: string, text: string): string {
  const m = new RegExp(`([a-h])\\) ${text}`).exec(screen);
  if (!m) throw new Error(`no choice "${text}" on screen:\n${screen}`);
  return m[1];
}

describe("a round's flow in a terminal", () => {
  it("asks follow-ups inside a total that never changes, then a missed question once more", async () => {
    const t = start(["--id", "rf-a,rf-c", "--level", "beginner", "--time", "0"]);
    const answer = async (pattern: RegExp, choice: string) => {
      const mark = t.output.lastIndexOf("Enter for the next question") + 1;
      const screen = (await t.waitFor(pattern, { after: mark })).slice(mark);
      t.write(letterOn(screen, choice));
      t.write(KEY.enter);
      await t.waitFor(/Enter for the next question|Round complete/, { after: mark + 1 });
      t.write(KEY.enter);
    };
    await answer(/1\/4 · beginner .*\n.*rf-a: a scenario/, "False");
    await answer(/2\/4 · follow-up · beginner .*\n.*Follow-up: in rf-a's scenario/, "True");
    await answer(/3\/4 · follow-up · beginner .*\n.*rf-a-plain/, "True");
    await answer(/4\/4 · beginner .*\n.*rf-c/, "True");
    await answer(/again \(missed earlier\) · beginner .*\n.*rf-a: a scenario/, "True");
    await t.waitFor(/Round complete: 3 of 4 right \(75%\)/);
    expect(t.output).toMatch(/Missed and asked again: 1 of 1 right the second time/);
    expect(t.output).not.toMatch(/\d+\/[^4\D]/);
    expect((await t.exit()).exitCode).toBe(0);
    expect(history().map((a) => a.questionId)).toEqual(["rf-a", "rf-a-next", "rf-a-plain", "rf-c"]);
  });

  it("lets the person overrule a failed recall grade and flag the grader; stats, history and flags show it", async () => {
    const t = start(["--id", "rf-recall", "--no-follow-ups"]);
    await t.waitFor("how does Kafka order messages?");
    t.write("Kafka keeps every message in one global order.");
    t.write(KEY.enter);
    t.write(KEY.enter);
    await t.waitFor("Your grade");
    expect(t.output).toMatch(/✗ (Wrong|Partly right)/);
    expect(t.output).toMatch(/! Flag: The grader was wrong/);
    expect(t.output).toMatch(/! Flag: This question is wrong/);
    // From Again (the grade suggested for a miss) down past Hard, Good, Easy to the first flag.
    for (let i = 0; i < 4; i++) t.write(KEY.down);
    t.write(KEY.enter);
    await t.waitFor("Flagged: the grader was wrong. Your grade:");
    t.write(KEY.down);
    t.write(KEY.down);
    t.write(KEY.enter);
    await t.waitFor(/Round complete: 1 of 1 right \(100%\)/);
    expect(t.output).toMatch(/Your own grade counts for 1 answer: 1 the grader failed/);
    expect(t.output).not.toMatch(/again \(missed earlier\)/);
    expect((await t.exit()).exitCode).toBe(0);
    const [attempt, own] = history();
    expect(attempt).toMatchObject({ questionId: "rf-recall", correct: false });
    expect(own).toMatchObject({ amends: attempt.id, graded: false, correct: true, rating: "good", flag: "grader" });
    const pack = ["--no-builtin", "--questions", PACK];
    const stats = runCli(["stats", "--json", ...pack], { dataDir: session.dir });
    expect(JSON.parse(stats.stdout)).toMatchObject({ attempts: 1, accuracy: 1 });
    const h = runCli(["history", "rf-recall", ...pack], { dataDir: session.dir });
    expect(h.stdout).toMatch(/right by you \(grader: wrong\), flagged: grader wrong/);
    const flags = runCli(["flags"], { dataDir: session.dir });
    expect(flags.stdout).toMatch(/rf-recall .*the grader was wrong {2}grader: wrong, you: right/);
  });

  it("keeps a recall answer when the process is killed at the rating prompt", async () => {
    const t = start(["--id", "rf-recall", "--no-follow-ups"]);
    await t.waitFor("how does Kafka order messages?");
    t.write("Ordering holds within a partition, never across partitions.");
    t.write(KEY.enter);
    t.write(KEY.enter);
    await t.waitFor("Your grade");
    t.kill("SIGKILL");
    await t.exit();
    expect(history()).toMatchObject([
      { questionId: "rf-recall", answer: "Ordering holds within a partition, never across partitions.", correct: true },
    ]);
  });
});
