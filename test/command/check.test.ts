import { lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ROOT, tempDir } from "../helpers/cli.js";
import { pipeReader, run, untilRead } from "../helpers/run.js";

const PACK = join(ROOT, "test/fixtures/quiz");
const DAY = 86_400_000;
let data: { dir: string; cleanup: () => void };
beforeEach(() => {
  data = tempDir();
});
afterEach(() => data.cleanup());

const check = (args: string[], input = "") => run(["check", "--no-builtin", "--questions", PACK, ...args], { dataDir: data.dir, input });

/** A history in which every fixture question was answered right yesterday (and, with `spaced`, twice before). */
function writeHistory(ids: string[], spaced: boolean) {
  mkdirSync(data.dir, { recursive: true });
  const now = Date.now();
  const lines: string[] = [];
  for (const id of ids) {
    for (const back of spaced ? [20, 8, 1] : [1]) {
      const at = new Date(now - back * DAY).toISOString();
      lines.push(
        JSON.stringify({
          id: `${id}-${back}`,
          roundId: "synthetic",
          questionId: id,
          at,
          level: "beginner",
          topics: ["producers"],
          type: "mcq",
          answer: "x",
          score: 1,
          correct: true,
          rating: "good",
          ms: 3000,
          timedOut: false,
          skipped: false,
        }),
      );
    }
  }
  writeFileSync(join(data.dir, "attempts.jsonl"), `${lines.join("\n")}\n`);
}

const ALL = ["fx-mcq", "fx-tf", "fx-cloze", "fx-recall", "fx-parent", "fx-child", "fx-multi"];

describe("kafka-prep check", () => {
  it("fails every topic with no history: a short summary first, the one command to run next, exit 1", async () => {
    const r = await check([]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("✗ Not ready: 0 of 7 topics pass, 7 fail; none practised yet.");
    expect(lines[1]).toBe("Next: kafka-prep quiz --level beginner");
    expect(r.stdout).toMatch(/^Not practised yet \(7\)\n {2}beginner {6}all 2 topics\n {2}intermediate {2}all 2 topics\n/m);
    const json = JSON.parse((await check(["--json"])).stdout);
    expect(json.next).toBe("kafka-prep quiz --level beginner");
    expect(json.topics.find((t: { topic: string; level: string }) => t.topic === "producers" && t.level === "beginner").fix).toBe(
      "kafka-prep quiz --topic producers --level beginner",
    );
  });

  it("shows a new user a screenful, not a row per level and topic", async () => {
    const r = await run(["check"], { dataDir: data.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^✗ Not ready: 0 of 80 topics pass, 80 fail; none practised yet\.\nNext: kafka-prep quiz --level beginner\n/);
    expect(r.stdout.trimEnd().split("\n").length).toBeLessThan(15);
    const all = await run(["check", "--all"], { dataDir: data.dir });
    expect(all.stdout).toMatch(/^Every topic \(80\)$/m);
    expect(all.stdout.match(/^ {2}✗ /gm)).toHaveLength(80);
  });

  it("lists only what fails, unpractised topics by name per level; --all lists every row", async () => {
    writeHistory(["fx-mcq", "fx-cloze"], true);
    const r = await check([]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^✗ Not ready: 2 of 7 topics pass, 5 fail\.$/m);
    expect(r.stdout).toMatch(/^Not practised yet \(5\)\n {2}beginner {6}architecture\n {2}intermediate {2}producers\n/m);
    expect(r.stdout).not.toMatch(/✓/);
    const all = await check(["--all"]);
    expect(all.stdout).toMatch(/^ {2}✓ +producers +100% +100% +100%$/m);
    expect(all.stdout.match(/^ {2}[✓✗] /gm)).toHaveLength(7);
  });

  it("names the weakest practised topics and sends the person to the weakest one", async () => {
    writeHistory(ALL, true);
    // The latest answer to the recall question is wrong: intermediate producers falls to 0%.
    const file = join(data.dir, "attempts.jsonl");
    const miss = {
      ...JSON.parse(readFileSync(file, "utf8").split("\n")[0]),
      id: "miss",
      questionId: "fx-recall",
      score: 0,
      correct: false,
    };
    writeFileSync(file, `${readFileSync(file, "utf8")}${JSON.stringify({ ...miss, at: new Date().toISOString(), rating: "again" })}\n`);
    const r = await check([]);
    expect(r.stdout).toMatch(/^Weakest: producers \(intermediate\) accuracy 0%$/m);
    expect(r.stdout).toMatch(/^Next: kafka-prep quiz --topic producers --level intermediate$/m);
    expect(r.stdout).toMatch(/^Failing \(1 practised\)$/m);
    expect(r.stdout).toMatch(/^ {2}✗ +intermediate +producers +100% +0% +0% +accuracy, recall$/m);
  });

  it("passes a history built to pass, exit 0", async () => {
    writeHistory(ALL, true);
    const r = await check([]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^✓ Ready: all 7 topics pass on \d{4}-\d\d-\d\d\.$/m);
    expect(r.stdout).toMatch(/^Next: kafka-prep (quiz --due|check --exam)$/m);
    expect(r.code).toBe(0);
  });

  it("a date far ahead lowers predicted recall and turns a pass into a fail, with a plan", async () => {
    writeHistory(ALL, false);
    expect((await check([])).code).toBe(0);
    const date = new Date(Date.now() + 90 * DAY).toISOString().slice(0, 10);
    const r = await check(["--interview-date", date, "--json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.interviewDate).toBe(date);
    expect(report.failed).toBe(7);
    expect(report.topics[0].reasons[0]).toMatch(/^predicted recall/);
    expect(report.plan.days).toBeGreaterThanOrEqual(89);
    expect(report.plan.perDay).toBeGreaterThan(0);
    const text = await check(["--interview-date", date]);
    expect(text.stdout).toMatch(/Plan until .*: about \d+ questions? a day for \d+ days/);
  });

  it("writes the JUnit report into a pipe being read (a CI step's >(tee report.xml)), and says why a folder cannot take it", async () => {
    writeHistory(["fx-mcq"], true);
    const { pipe, done } = pipeReader(data.dir, "report.pipe");
    const r = await untilRead(() => check(["--junit", pipe]));
    const read = await done;
    expect(read.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(read.text).toMatch(/^<\?xml[\s\S]*<\/testsuites>\n?$/);
    expect(lstatSync(pipe).isFIFO()).toBe(true);
    const missing = await check(["--junit", join(data.dir, "no", "report.xml")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("the folder does not exist or cannot hold files. Give a file in a folder that exists");
    const empty = await check(["--junit", ""]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("--junit was given an empty path, so no JUnit report was written.");
  });

  it("writes JUnit XML that parses back: a suite per level, a case per topic, failures with reasons", async () => {
    writeHistory(["fx-mcq"], true);
    const file = join(data.dir, "report.xml");
    const r = await check(["--junit", file]);
    expect(r.code).toBe(1);
    const xml = readFileSync(file, "utf8");
    const suites = [...xml.matchAll(/<testsuite name="(\w+)" tests="(\d+)" failures="(\d+)"/g)].map((m) => [
      m[1],
      Number(m[2]),
      Number(m[3]),
    ]);
    expect(suites).toEqual([
      ["beginner", 2, 1],
      ["intermediate", 2, 2],
      ["advanced", 2, 2],
      ["expert", 1, 1],
    ]);
    expect(xml).toMatch(/<testcase classname="kafka-prep.beginner" name="producers">\s*<system-out>/);
    expect(xml).toMatch(
      /<testcase classname="kafka-prep.beginner" name="architecture">\s*<failure message="not practised yet" type="not-ready">/,
    );
    expect(xml.match(/<testcase /g)).toHaveLength(7);
    expect(xml.match(/<failure /g)).toHaveLength(6);
  });

  it("reads its settings from kafka-prep.yaml and reports a bad one with file:line:column", async () => {
    writeFileSync(join(data.dir, "kafka-prep.yaml"), "level: [beginner]\nminScore: 50\n");
    const r = await run(["check", "--no-builtin", "--questions", PACK, "--json"], { dataDir: data.dir, cwd: data.dir });
    expect(JSON.parse(r.stdout).topics.map((t: { level: string }) => t.level)).toEqual(["beginner", "beginner"]);
    expect(JSON.parse(r.stdout).thresholds.minScore).toBe(50);
    writeFileSync(join(data.dir, "kafka-prep.yaml"), "level: [beginner]\nminScore: 500\n");
    const bad = await run(["check", "--no-builtin", "--questions", PACK], { dataDir: data.dir, cwd: data.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/kafka-prep\.yaml:2:11 minScore: Too big/i);
    // A setting that does not exist: at its own line, not the file's start.
    writeFileSync(join(data.dir, "kafka-prep.yaml"), "level: [beginner]\nminScore: 50\nmin-score: 50\n");
    const unknown = await run(["check", "--no-builtin", "--questions", PACK], { dataDir: data.dir, cwd: data.dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error: kafka-prep\.yaml:3:1 unknown setting "min-score"; the settings are level, topic, minScore/);
  });

  it("refuses an option of the other mode instead of ignoring it: exam options without --exam, readiness ones with it", async () => {
    const plain = await check(["--type", "mcq", "--count", "5"]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain("--type, --count go with --exam (a timed mock exam)");
    const exam = await check(["--exam", "--min-score", "50"]);
    expect(exam.code).toBe(2);
    expect(exam.stderr).toContain("--min-score belongs to the readiness check, not to an exam");
    expect(exam.stderr).toContain("Leave it out, or drop --exam.");
    // An exam set in kafka-prep.yaml is named where it is set.
    writeFileSync(join(data.dir, "kafka-prep.yaml"), "exam: true\n");
    const fromFile = await run(["check", "--no-builtin", "--questions", PACK, "--interview-date", "2099-01-01"], {
      dataDir: data.dir,
      cwd: data.dir,
    });
    expect(fromFile.stderr).toContain("--interview-date belongs to the readiness check, not to an exam");
    expect(fromFile.stderr).toContain("Leave it out, or drop exam in kafka-prep.yaml.");
    rmSync(join(data.dir, "kafka-prep.yaml"));
    const preset = await check(["--preset", "ccdak", "--type", "recall"]);
    expect(preset.code).toBe(2);
    expect(preset.stderr).toContain("--preset ccdak sets the question types itself");
    // Seeds are 32-bit, and a number is digits: 0x10 is not 16.
    expect((await check(["--exam", "--seed", "4294967296"])).stderr).toContain("expected a whole number from 0 to 4294967295");
    expect((await check(["--exam", "--count", "0x10"])).stderr).toContain("expected a whole number from 1 to 500");
  });

  it("counts a level or topic given twice once, on the command line and in kafka-prep.yaml", async () => {
    const once = JSON.parse((await check(["--json", "--level", "beginner", "--topic", "producers"])).stdout);
    const twice = JSON.parse(
      (await check(["--json", "--level", "beginner,beginner", "--topic", "producers", "--topic", "producers"])).stdout,
    );
    expect(twice.topics).toEqual(once.topics);
    writeFileSync(join(data.dir, "kafka-prep.yaml"), "level: [beginner, beginner]\n");
    const file = await run(["check", "--no-builtin", "--questions", PACK, "--json"], { dataDir: data.dir, cwd: data.dir });
    expect(JSON.parse(file.stdout).topics.length).toBe(JSON.parse((await check(["--json", "--level", "beginner"])).stdout).topics.length);
  });

  it("reads kafka-prep.yaml as plain data: a YAML 1.1 tag is text, and a collection as a key is a problem, not a warning", async () => {
    const warn = vi.spyOn(process, "emitWarning");
    try {
      const check = (text: string) => {
        writeFileSync(join(data.dir, "kafka-prep.yaml"), text);
        return run(["check", "--no-builtin", "--questions", PACK], { dataDir: data.dir, cwd: data.dir });
      };
      const binary = await check("!!binary aGVsbG8=\n");
      expect(binary.code).toBe(2);
      expect(binary.stderr).toMatch(/^error: kafka-prep\.yaml:1:10 expected a mapping of fields \(key: value\), found the text "aGVsbG8="/);
      expect((await check("level: !!binary aGVsbG8=\n")).stderr).toContain('level: "aGVsbG8=" is not a level');
      const key = await check("? [a, b]\n: 1\n");
      expect(key.stderr).toMatch(/^error: kafka-prep\.yaml:1:1 unknown setting "\[ a, b \]"/);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it("names where a date in the past came from, the option or the settings file, and what to give instead", async () => {
    const cli = await check(["--interview-date", "2001-01-01"]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(
      /^error: the interview date 2001-01-01 \(--interview-date\) is in the past; today is \d{4}-\d\d-\d\d\. Give the day/,
    );
    writeFileSync(join(data.dir, "kafka-prep.yaml"), "interviewDate: 2001-01-01\n");
    const file = await run(["check", "--no-builtin", "--questions", PACK], { dataDir: data.dir, cwd: data.dir });
    expect(file.stderr).toMatch(/the interview date 2001-01-01 \(interviewDate in kafka-prep\.yaml\) is in the past/);
  });

  it("says what --no-builtin without a pack leaves, and how to fix it", async () => {
    const r = await run(["check", "--no-builtin"], { dataDir: data.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--no-builtin leaves no questions: add the folders of your own with --questions <dir>/);
  });

  it("rejects a bad date with exit 2", async () => {
    const r = await check(["--interview-date", "next week"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected a date as YYYY-MM-DD/);
  });
});

describe("an interview date", () => {
  // Kiritimati is 14 hours ahead of UTC and Pago Pago 11 hours behind: a UTC day would be off by one in both.
  it.each(["Pacific/Kiritimati", "Pacific/Pago_Pago"])("prints as the day typed everywhere, in %s", async (tz) => {
    const zone = process.env.TZ;
    process.env.TZ = tz;
    try {
      const date = new Date(Date.now() + 40 * DAY).toISOString().slice(0, 10);
      const json = JSON.parse((await check(["--interview-date", date, "--json"])).stdout);
      expect(json.interviewDate).toBe(date);
      expect(json.on).toBe(date);
      const text = (await check(["--interview-date", date])).stdout;
      expect(text).toMatch(new RegExp(`on\\s+${date}\\.`));
      expect(text).toMatch(new RegExp(`^Plan until ${date}:`, "m"));
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe("kafka-prep check --exam", () => {
  it("runs piped: no feedback until the end, then score, topics, misses and exit code", async () => {
    const r = await check(["--exam", "--level", "beginner", "--count", "2", "--pass", "50"], "false\nb\n");
    expect(r.stdout).not.toMatch(/Correct answer:|✓ Right|✗ Wrong/);
    expect(r.stdout).toMatch(/Exam (PASSED|FAILED): \d+% \(pass mark 50%\)/);
    expect(r.stdout).toMatch(/By topic:/);
    const pct = Number(/Exam \w+: (\d+)%/.exec(r.stdout)?.[1]);
    expect(r.code).toBe(pct >= 50 ? 0 : 1);
    const recorded = readFileSync(join(data.dir, "rounds.jsonl"), "utf8");
    expect(JSON.parse(recorded.trim().split("\n").at(-1) ?? "")).toMatchObject({ kind: "exam", total: 2 });
  });

  it("fails with exit 1 and lists the misses with their answers", async () => {
    const r = await check(["--exam", "--level", "beginner", "--count", "2", "--pass", "80"], "\n\n");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Exam FAILED: 0%/);
    expect(r.stdout).toMatch(/Missed:\n\s+✗ Fixture/);
    expect(r.stdout).toMatch(/Answer: (False|a?\)? ?acks=all)/);
  });
});

describe("kafka-prep check --exam: intro, types, presets, interruption", () => {
  it("says the count, the time and the pass mark before the first question", async () => {
    const r = await check(["--exam", "--level", "beginner", "--count", "2", "--time-limit", "5m", "--pass", "50"], "\n\n");
    const intro = r.stdout.indexOf("Mock exam: 2 questions · 5 minutes · pass mark 50%");
    expect(intro).toBeGreaterThanOrEqual(0);
    expect(intro).toBeLessThan(r.stdout.indexOf("Question 1 of 2"));
    expect(r.stdout).toMatch(/One answer a line, in order/);
  });

  it("asks only the types given with --type", async () => {
    const r = await check(["--exam", "--type", "truefalse", "--count", "5", "--json"], "\n\n\n");
    const json = JSON.parse(r.stdout);
    expect(json.total).toBe(2);
    expect(json.unanswered.sort()).toEqual(["fx-parent", "fx-tf"]);
    expect(r.stderr).toMatch(/Only 2 questions match, so the exam has 2/);
  });

  it("runs the CCDAK-style preset: 60 multiple-choice and multiple-select questions, 90 minutes, pass mark 70%", async () => {
    const r = await run(["check", "--preset", "ccdak", "--seed", "5", "--json"], { dataDir: data.dir, input: "a\n".repeat(60) });
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ total: 60, passPercent: 70, ended: "submitted" });
    expect(json.results).toHaveLength(60);
    expect(new Set(json.results.map((x: { type: string }) => x.type))).toEqual(new Set(["mcq", "multi"]));
    expect(r.code).toBe(json.passed ? 0 : 1);
    expect(r.stderr).toMatch(/Mock exam: 60 questions · 90 minutes · pass mark 70%/);
    expect(r.stderr).toMatch(/approximation/);
  });

  it("refuses an unknown preset with the ones there are", async () => {
    const r = await check(["--preset", "ccna"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"ccna" is not a preset\. Allowed choices are ccdak/);
  });

  it("says an exam stopped with Ctrl-C was interrupted, not failed, and keeps the answers given", async () => {
    const stop = new AbortController();
    const input = new PassThrough();
    const running = run(["check", "--no-builtin", "--questions", PACK, "--exam", "--type", "truefalse,mcq", "--count", "3"], {
      dataDir: data.dir,
      input,
      signal: stop.signal,
    });
    input.write("a\n");
    // The first answer is read, then Ctrl-C arrives while the second question waits.
    await new Promise((r) => setTimeout(r, 200));
    stop.abort();
    const r = await running;
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/Exam interrupted: not graded as passed or failed/);
    expect(r.stdout).toMatch(/1 of 3 answered before it was stopped/);
    expect(r.stdout).not.toMatch(/FAILED|PASSED/);
    const recorded = readFileSync(join(data.dir, "attempts.jsonl"), "utf8").trim().split("\n");
    expect(recorded).toHaveLength(1);
  });
});

describe("an exam left by a process that died", () => {
  const draft = (over: Record<string, unknown>) => {
    mkdirSync(join(data.dir, "exams"), { recursive: true });
    const d = {
      version: 1,
      roundId: "dead-exam",
      pid: 2 ** 22 + 12_345,
      startedAt: Date.now() - 60_000,
      savedAt: Date.now() - 30_000,
      recallPass: 0.6,
      slots: [{ id: "fx-tf", answer: true, seen: true, flagged: false, ms: 1000 }],
      ...over,
    };
    writeFileSync(join(data.dir, "exams", "dead-exam.json"), JSON.stringify(d));
  };
  const lines = (file: string) => readFileSync(join(data.dir, file), "utf8").trim().split("\n").filter(Boolean);

  it("is recorded once, and a draft whose times no date can hold is left alone, not recorded on every run", async () => {
    draft({ startedAt: 1e300 });
    for (let i = 0; i < 3; i++) expect((await check(["--json"])).code).toBeLessThan(2);
    expect(JSON.parse((await run(["stats", "--json", "--no-builtin", "--questions", PACK], { dataDir: data.dir })).stdout).attempts).toBe(
      0,
    );

    draft({});
    const first = await check(["--json"]);
    expect(first.stderr).toContain("Recorded 1 answer of an exam that stopped");
    // The answers were recorded and the round was not (a recovery cut short): the next run adds the round only.
    writeFileSync(join(data.dir, "rounds.jsonl"), "");
    draft({});
    await check(["--json"]);
    expect(lines("attempts.jsonl")).toHaveLength(1);
    expect(lines("rounds.jsonl").map((l) => JSON.parse(l).id)).toEqual(["dead-exam"]);
  });
});
