import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers/cli.js";
import { readHistory } from "../helpers/history.js";
import { KEY, Terminal } from "../helpers/pty.js";

const PACK = join(ROOT, "test/fixtures/quiz");
let data: { dir: string; cleanup: () => void };
let term: Terminal | undefined;
beforeEach(() => {
  data = tempDir();
});
afterEach(async () => {
  await term?.stop();
  data.cleanup();
});

const history = () => readHistory(data.dir);

describe("how sure you were sets the rating", () => {
  it("schedules a quick right answer marked guessing as hard, not easy", async () => {
    term = new Terminal(["quiz", "--no-builtin", "--questions", PACK, "--id", "fx-tf", "--confidence", "--seed", "5"], {
      dataDir: data.dir,
    });
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
