import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commandNamed } from "../../src/cli.js";
import { ROOT, tempDir } from "../helpers/cli.js";
import { run } from "../helpers/run.js";

describe("kafka-prep commands", () => {
  it("prints help with examples and exit codes", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:\n {2}\$ kafka-prep quiz/);
    expect(r.stdout).toMatch(/Exit codes: 0 ok, 1 .*, 2 usage or data error/);
  });

  it("prints examples in every command's help", async () => {
    for (const command of [
      "quiz",
      "explain",
      "check",
      "stats",
      "weak",
      "history",
      "list",
      "topics",
      "validate",
      "export",
      "import",
      "doctor",
      "reset",
    ]) {
      const r = await run([command, "--help"]);
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toMatch(new RegExp(`Examples:\\n {2}\\$ kafka-prep ${command}`));
    }
  });

  it("builds only the named command's options, wherever the global options stand", async () => {
    expect(commandNamed(["quiz", "--level", "beginner"])).toBe("quiz");
    expect(commandNamed(["--data-dir", "stats", "list"])).toBe("list");
    expect(commandNamed(["--data-dir=x", "--no-color", "stats", "--json"])).toBe("stats");
    expect(commandNamed(["--questions", "a", "--questions", "b", "explain", "acks"])).toBe("explain");
    expect(commandNamed(["help", "check"])).toBe("check");
    expect(commandNamed(["--help"])).toBeUndefined();
    expect(commandNamed(["--", "quiz"])).toBeUndefined();
    const home = tempDir("kafka-prep-cli-named-");
    try {
      // A data folder named like a command, then the command with its own options.
      const r = await run(["--data-dir", join(home.dir, "stats"), "--no-color", "stats", "--json"]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ attempts: 0 });
    } finally {
      home.cleanup();
    }
    // Every command's options still show in its help, and the list of commands says which take options.
    const help = await run(["--help"]);
    expect(help.stdout).toMatch(/^ {2}quiz \[options\] /m);
    expect(help.stdout).toMatch(/^ {2}export \[options\] \[file\] /m);
    expect(help.stdout).toMatch(/^ {2}import <file> /m);
    expect((await run(["help", "quiz"])).stdout).toMatch(/-l, --level <level...>/);
    // A mistyped command is answered as before, with a suggestion.
    expect((await run(["qiuz", "--level", "beginner"])).stderr).toMatch(/unknown command 'qiuz'[\s\S]*Did you mean quiz/);
  });

  it("prints the version", async () => {
    const r = await run(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("suggests a command for a typo and exits 2", async () => {
    const r = await run(["valdate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'valdate'/);
    expect(r.stderr).toMatch(/Did you mean validate\?/);
  });

  it("lists the valid choices for a bad option value and exits 2", async () => {
    const r = await run(["list", "--level", "guru"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are beginner, intermediate, advanced, expert/);
  });

  it("validates the built-in bank", async () => {
    const r = await run(["validate"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/✓ \d+ files? checked: \d+ questions, \d+ glossary entries, no problems/);
    expect(r.code).toBe(0);
  });

  it("trusts the built-in files the build checked, unless asked to read them again", async () => {
    const quick = await run(["validate"]);
    const all = await run(["validate", "--all"]);
    expect(quick.code).toBe(0);
    expect(all.code).toBe(0);
    expect(quick.stdout).toMatch(/as the build checked them/);
    expect(all.stdout).not.toMatch(/as the build checked them/);
    const counts = (s: string) => /✓ (.*), no problems/.exec(s)?.[1];
    expect(counts(quick.stdout)).toBe(counts(all.stdout));
    const pack = await run(["validate", "--questions", join(ROOT, "test/fixtures/good")]);
    expect(pack.code).toBe(0);
    expect(counts(pack.stdout)).not.toBe(counts(quick.stdout));
  });

  it("prints every problem of broken files with file:line:column and exits 1, without a stack trace", async () => {
    const r = await run(["validate", "test/fixtures/broken"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^test\/fixtures\/broken\/errors\.yaml:7:5 questions\[0\]\.choices: expected at least 2 choices$/m);
    expect(r.stdout).toMatch(/^test\/fixtures\/broken\/syntax\.yaml:4:1 YAML syntax/m);
    expect(r.stdout).toMatch(/✗ \d+ problems in 2 of 3 files/);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });

  it("prints problems as JSON", async () => {
    const r = await run(["validate", "test/fixtures/broken/duplicate.yaml", "test/fixtures/broken/errors.yaml", "--json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ file: "test/fixtures/broken/errors.yaml", line: 7, col: 5, path: "questions[0].choices" }),
    );
  });

  it("refuses a broken pack given with --questions as a data error (exit 2), naming file and line", async () => {
    const r = await run(["list", "--questions", join(ROOT, "test/fixtures/broken")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/problems? in the question packs:\ntest\/fixtures\/broken\/\w+\.yaml:\d+:\d+ /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("adds a valid pack from KAFKA_PREP_QUESTIONS", async () => {
    const r = await run(["list", "--json"], { env: { KAFKA_PREP_QUESTIONS: join(ROOT, "test/fixtures/good") } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((q: { id: string }) => q.id)).toContain("pack-leader-election");
  });

  it("lists topics with counts per level", async () => {
    const r = await run(["topics", "--json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { topic: string; total: number }[];
    expect(rows.find((t) => t.topic === "producers")?.total).toBeGreaterThan(0);
  });
});

/** The README's scripted rounds: `printf '…' | kafka-prep quiz … --json`, as input lines and arguments. */
function readmeExamples(): { command: string; input: string; args: string[] }[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  return [...readme.matchAll(/^printf '([^']*)' \| kafka-prep (quiz [^#\n]*--json[^#\n]*?)\s*(?:#.*)?$/gm)].map((m) => ({
    command: m[0],
    input: m[1].replace(/\\n/g, "\n"),
    args: m[2].split(/\s+/),
  }));
}

describe("documented examples", () => {
  it("runs the README's scripted examples as shown: the same answers are right on every run", async () => {
    const examples = readmeExamples();
    expect(examples.length).toBeGreaterThanOrEqual(2);
    const data = tempDir();
    try {
      for (const { command, input, args } of examples) {
        // Without --seed each run shuffles differently: letters that pick the right choice once pick it every time.
        for (let time = 0; time < 3; time++) {
          const r = await run(args, { input, dataDir: data.dir });
          expect(r.code, `${command}\n${r.stderr}`).toBe(0);
          const round = JSON.parse(r.stdout);
          expect(round.correct, `${command}\n${r.stderr}`).toBe(round.total);
          expect(round.total).toBe(input.split("\n").filter(Boolean).length);
        }
      }
    } finally {
      data.cleanup();
    }
  });

  it("name questions that exist, in the README and in --help", async () => {
    const docs = readFileSync(join(ROOT, "README.md"), "utf8") + (await run(["quiz", "--help"])).stdout;
    const ids = [...docs.matchAll(/--id ([a-z0-9,-]+)/g)].flatMap((m) => m[1].split(","));
    expect(ids.length).toBeGreaterThan(2);
    const known = new Set(JSON.parse((await run(["list", "--json"])).stdout).map((q: { id: string }) => q.id));
    expect(ids.filter((id) => !known.has(id))).toEqual([]);
  });

  it("the README's scripted round runs as written", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const r = await run(["quiz", "--id", "acks-all-meaning,min-insync-config-name", "--no-follow-ups", "--json"], {
        input: "b\nmin.insync.replicas\n",
        dataDir: dir,
      });
      expect(r.code).toBe(0);
      const round = JSON.parse(r.stdout);
      expect(round.total).toBe(2);
      expect(round.results[1]).toMatchObject({ id: "min-insync-config-name", correct: true });
    } finally {
      cleanup();
    }
  });
});

describe("bad input", () => {
  it("a missing path to validate is a usage error, exit 2", async () => {
    const r = await run(["validate", "no/such/folder"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no such file or folder: no\/such\/folder/);
  });

  it.runIf(process.platform === "linux")(
    "a data folder that cannot hold files (/proc) or cannot be written gets a message naming the folder, exit 2",
    async () => {
      for (const [dir, reason] of [
        // As root, /proc refuses a new file with ENOENT; as anyone else, with EACCES.
        ["/proc", /cannot write in the folder \/proc: (the folder cannot hold files|permission denied)/],
        ["/sys/kernel", /cannot write in the folder \/sys\/kernel: (permission denied|the file system is read-only)/],
      ] as const) {
        for (const args of [["stats"], ["quiz", "--id", "acks-all-meaning", "--no-follow-ups"]]) {
          const r = await run(args, { dataDir: dir, input: "b\n" });
          expect(r.code, `${dir} ${args.join(" ")}: ${r.stderr}`).toBe(2);
          expect(r.stderr).toMatch(reason);
          expect(r.stderr).not.toMatch(/internal error|\.tmp|\n\s+at /);
        }
      }
    },
  );

  it("a data folder that is a file gets a clear message, exit 2, no stack trace", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, "not-a-folder");
      writeFileSync(file, "");
      const r = await run(["stats", "--data-dir", file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/cannot create .*not-a-folder: a file is where a folder should be/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      cleanup();
    }
  });
});
