import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";
import { KEY, terminalPerTest } from "../helpers/pty.js";

const PACK = join(ROOT, "test/fixtures/quiz");
const session = terminalPerTest();

const history = session.history;

describe("how sure you were sets the rating", () => {
  it("schedules a quick right answer marked guessing as hard, not easy", async () => {
    const term = session.start(["quiz", "--no-builtin", "--questions", PACK, "--id", "fx-tf", "--confidence", "--seed", "5"]);
    const screen = await term.waitFor("ZooKeeper mode");
    const letter = /([a-h])\) False/.exec(screen)?.[1] ?? "b";
    term.write(letter);
    term.write(KEY.enter);
    await term.waitFor("How sure are you?");
    term.write(KEY.down);
    term.write(KEY.down);
    term.write(KEY.enter);
    await term.waitFor("✓ Right");
    await term.waitFor(/Round complete/);
    expect((await term.exit()).exitCode).toBe(0);
    expect(history()).toMatchObject([{ questionId: "fx-tf", correct: true, confidence: "guess", rating: "hard" }]);
  });
});
