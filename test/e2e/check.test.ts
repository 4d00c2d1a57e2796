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

describe("kafka-prep check --exam in a terminal", () => {
  it("runs in a terminal with one clock for the whole exam", async () => {
    const t = new Terminal(
      ["check", "--exam", "--no-builtin", "--questions", PACK, "--level", "beginner", "--count", "2", "--time-limit", "2m"],
      {
        dataDir: data.dir,
      },
    );
    try {
      await t.waitFor(/1\/2 .*⏱ [12]:\d\d/);
      t.write(KEY.enter);
      await t.waitFor(/2\/2 .*⏱ 1:5\d/);
      expect(t.output).not.toMatch(/Correct answer|✓ Right|✗ Wrong|Enter for the next question/);
      t.write(KEY.enter);
      await t.waitFor(/Exam (PASSED|FAILED)/);
      const { exitCode } = await t.exit();
      expect([0, 1]).toContain(exitCode);
    } finally {
      t.kill();
    }
  });
});
