import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/cli.js";
import { KEY, Terminal } from "../helpers/pty.js";

let data: { dir: string; cleanup: () => void };
beforeEach(() => {
  data = tempDir();
});
afterEach(() => data.cleanup());

const attempts = () =>
  readFileSync(join(data.dir, "attempts.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));

describe("kafka-prep quiz --flash in a terminal", () => {
  it("waits while the person answers aloud, reveals the answer and a checklist, proposes a grade and records it", async () => {
    const t = new Terminal(["quiz", "--flash", "--id", "kstream-vs-ktable,acks-all-meaning", "--type", "recall,mcq"], {
      dataDir: data.dir,
    });
    try {
      await t.waitFor("Say your answer aloud, then Enter to see the model answer");
      expect(t.output).toMatch(/KStream/);
      expect(t.output).not.toMatch(/Model answer/);
      t.write(KEY.enter);
      await t.waitFor("Tick the points you said");
      expect(t.output).toMatch(/Model answer: /);
      expect(t.output).toMatch(/KStream records are independent events \(inserts\) \(core\)/);
      expect(t.output).toMatch(/A null value in a KTable is a delete \(tombstone\)(?! \(core\))/);
      // Tick the first two points (both core), then Enter.
      t.write(KEY.space);
      t.write(KEY.down);
      t.write(KEY.space);
      t.write(KEY.enter);
      await t.waitFor(/✓ Right \(\d+%\): you said 2 of \d points, 2 of 2 core\. Proposed grade: hard\./);
      await t.waitFor("Your grade");
      t.write(KEY.down); // from hard to good
      t.write(KEY.enter);
      // The next card: a choice question has one point to confirm.
      await t.waitFor(/2\/2 .*mcq/);
      await t.waitFor("Say your answer aloud");
      const mark = t.output.length;
      t.write(KEY.enter);
      await t.waitFor("Did you have the right answer?", { after: mark });
      t.write(KEY.ctrlC);
      await t.waitFor(/Round interrupted after 1 of 2 questions/);
      expect((await t.exit()).exitCode).toBe(130);
      expect(attempts()).toEqual([
        expect.objectContaining({ questionId: "kstream-vs-ktable", selfGraded: true, correct: true, rating: "good" }),
      ]);
    } finally {
      t.kill();
    }
  });
});
