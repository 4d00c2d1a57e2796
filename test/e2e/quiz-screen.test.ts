import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT, tempDir } from "../helpers/cli.js";
import { KEY, Terminal } from "../helpers/pty.js";
import { overlong, render, splitWords } from "../helpers/screen.js";

// What a person sees at three terminal widths: every word whole on one line, no line wider than the terminal or
// than 100 columns, the terminal never left to wrap a line itself.

const PACK = join(ROOT, "test/fixtures/screen");
interface Fixture {
  id: string;
  prompt: string;
  explanation: string;
  choices?: { text: string; why?: string }[];
  steps?: string[];
}
const fixtures: Fixture[] = parse(readFileSync(join(PACK, "pack.yaml"), "utf8")).questions;
const texts = (id: string) => {
  const q = fixtures.find((f) => f.id === id) as Fixture;
  return [q.prompt, q.explanation, ...(q.choices ?? []).flatMap((c) => [c.text, c.why ?? ""]), ...(q.steps ?? [])];
};

let data: { dir: string; cleanup: () => void };
let term: Terminal | undefined;
beforeEach(() => {
  data = tempDir();
});
afterEach(async () => {
  await term?.stop();
  data.cleanup();
});

/** The letter shown before the choice that starts with `start`, in what was shown after `mark`. */
function letterOf(t: Terminal, start: string, mark: number): string {
  const m = new RegExp(`([a-h])\\) ${start}`).exec(t.since(mark));
  if (!m) throw new Error(`no choice "${start}" on screen:\n${t.since(mark)}`);
  return m[1];
}

describe.each([60, 100, 200])("a round at %i columns", (cols) => {
  const max = Math.min(cols, 100);

  const all = [...texts("sc-mcq"), ...texts("sc-multi"), ...texts("sc-order")];
  /** The screen as it is now: no word cut, no line too long. */
  const check = async (t: Terminal) => {
    const screen = await render(t.rawOutput, cols);
    expect(overlong(screen, max)).toEqual([]);
    expect(splitWords(screen, all, max)).toEqual([]);
    return screen;
  };

  it("wraps question, choices, answers and feedback at word boundaries within the width", async () => {
    const t = new Terminal(
      ["quiz", "--no-builtin", "--questions", PACK, "--id", "sc-mcq,sc-multi,sc-order", "--time", "0", "--seed", "1", "--no-repeat"],
      { dataDir: data.dir, cols },
    );
    term = t;
    // A wrong choice, so the correct answer and why the pick was wrong are shown too.
    await t.waitFor("Enter answer");
    await check(t);
    t.write(letterOf(t, "Edit", 0));
    t.write(KEY.enter);
    await t.waitFor("Enter for the next question");
    let mark = t.output.length;
    t.write(KEY.enter);
    await t.waitFor("Space select", { after: mark });
    await check(t);
    t.write(letterOf(t, "min.insync", mark));
    t.write(KEY.space);
    t.write(letterOf(t, "linger", mark));
    t.write(KEY.space);
    // "Choose two": a third pick is refused, and the prompt says why.
    t.write(letterOf(t, "acks on", mark));
    t.write(KEY.space);
    await t.waitFor("unselect one first", { after: mark });
    const picking = (await check(t)).map((l) => l.text).join(" ");
    expect(picking).toMatch(/↑↓ or a-d move/);
    expect(picking.replace(/\s+/g, " ")).toMatch(/2 of 2 selected/);
    t.write(KEY.enter);
    await t.waitFor("Enter for the next question", { after: mark });
    mark = t.output.length;
    t.write(KEY.enter);
    await t.waitFor("pick step 1 of 6", { after: mark });
    await check(t);
    for (let i = 0; i < 5; i++) {
      t.write(KEY.enter);
      await t.waitFor(i < 4 ? `pick step ${i + 2} of 6` : "Round complete", { after: mark });
    }
    expect((await t.exit()).exitCode).toBe(0);

    const screen = await check(t);
    const shown = screen.map((l) => l.text).join("\n");
    expect(shown).toMatch(/Correct answer:/);
    expect(shown).toMatch(/Round complete/);
    // The right letters of the several-answer question, in the order shown.
    const right =
      /Correct answer: ([a-d])\) min\.insync[^;]*; ([a-d])\) acks on|Correct answer: ([a-d])\) acks on[^;]*; ([a-d])\) min\.insync/.exec(
        shown.replace(/\s+/g, " "),
      );
    expect(right).not.toBeNull();
    const [first, second] = (right as RegExpExecArray).slice(1).filter(Boolean);
    expect(first < second).toBe(true);
    // The order answer is echoed one step per line, numbered.
    const echoed = screen.findIndex((l) => /^› 1\. /.test(l.text));
    expect(echoed).toBeGreaterThan(0);
    const verdict = screen.findIndex((l, i) => i > echoed && /^[✓✗]/.test(l.text));
    expect(screen.slice(echoed + 1, verdict).filter((l) => /^ {2}[2-6]\. /.test(l.text))).toHaveLength(5);
  });
});

describe("stats at 60 columns", () => {
  it("keeps every row and sentence within the width", async () => {
    // A few answers first, so every section of stats has something to show.
    const round = new Terminal(["quiz", "--no-builtin", "--questions", PACK, "--id", "sc-mcq", "--time", "0", "--no-repeat"], {
      dataDir: data.dir,
      cols: 60,
    });
    term = round;
    await round.waitFor("Enter answer");
    round.write(KEY.enter);
    await round.waitFor("Round complete");
    await round.exit();
    const t = new Terminal(["stats"], { dataDir: data.dir, cols: 60 });
    term = t;
    expect((await t.exit()).exitCode).toBe(0);
    const screen = await render(t.rawOutput, 60);
    expect(screen.map((l) => l.text).join("\n")).toMatch(/By topic[\s\S]*Round scores[\s\S]*Reviews due/);
    expect(overlong(screen, 60)).toEqual([]);
  });
});
