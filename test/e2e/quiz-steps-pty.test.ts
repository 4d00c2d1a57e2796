import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";
import { KEY, type Terminal, terminalPerTest } from "../helpers/pty.js";
import { render } from "../helpers/screen.js";

// The steps around an answer as a person sees them: the end of a question's time, and an open answer written in an
// editor.

const PACK = join(ROOT, "test/fixtures/quiz");
const session = terminalPerTest();

const start = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  session.start(["quiz", "--no-builtin", "--questions", PACK, "--seed", "5", ...args], { env });
const history = session.history;
const screenText = async (t: Terminal) => (await render(t.rawOutput, 100)).map((l) => l.text).join("\n");

describe("a question whose time runs out", () => {
  it("leaves no countdown on the screen, only that no answer came in time", async () => {
    const t = start(["--id", "fx-tf,fx-mcq", "--time", "2"]);
    await t.waitFor("⏱ Timed out");
    await t.waitFor("Enter for the next question");
    const screen = await screenText(t);
    expect(screen).not.toMatch(/⏱ 0:0\d/);
    expect(screen).toMatch(/1\/2 · beginner · architecture · truefalse\n.*ZooKeeper mode\.\n› \(no answer\)\n⏱ Timed out/);
    t.write("q");
    expect((await t.exit()).exitCode).toBe(0);
  });
});

describe("an open answer written with --editor", () => {
  it("opens a file that holds the question as comment lines, and records the answer without them", async () => {
    // An editor that keeps a copy of what it was given and writes an answer above the comments.
    const editor = join(session.dir, "editor.sh");
    const seen = join(session.dir, "seen.txt");
    writeFileSync(editor, `#!/bin/sh\ncp "$1" "${seen}"\nprintf 'Ordering holds within a partition only.\\n%s' "$(cat "$1")" > "$1"\n`);
    chmodSync(editor, 0o755);
    const t = start(["--id", "fx-recall", "--time", "0", "--editor", "--no-repeat"], { EDITOR: editor, VISUAL: "" });
    await t.waitFor("Your grade");
    t.write(KEY.enter);
    await t.waitFor(/Round complete/);
    expect((await t.exit()).exitCode).toBe(0);
    expect(readFileSync(seen, "utf8")).toMatch(/^# Fixture: how does Kafka order messages\?$/m);
    expect(history()).toMatchObject([{ questionId: "fx-recall", answer: "Ordering holds within a partition only." }]);
  });

  it("says before the first question when the editor cannot be started, instead of stalling on it", async () => {
    const t = start(["--id", "fx-recall", "--time", "0", "--editor"], { EDITOR: "/nonexistent/editor", VISUAL: "" });
    expect((await t.exit()).exitCode).toBe(2);
    const screen = await screenText(t);
    expect(screen).toContain('--editor cannot start the editor "/nonexistent/editor" (from $EDITOR): no such program');
    expect(screen).not.toContain("1/1");
    expect(history()).toEqual([]);
  });
});
