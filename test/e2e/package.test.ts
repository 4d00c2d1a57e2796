import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers/cli.js";

// The package as people get it: packed, installed into a new folder from the tarball alone, with no network.
const work = tempDir("kafka-prep-package-");
const home = tempDir("kafka-prep-package-home-");
let bin: string;
/** The files the tarball holds, as npm pack listed them. */
let packed: string[];
/** What npm install printed. */
let installOutput: string;

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, npm_config_update_notifier: "false" },
  });

beforeAll(() => {
  // The bundle is already built (npm test builds first); packing must not rebuild it under the other tests' feet.
  const listed = npm(["pack", "--json", "--ignore-scripts", "--pack-destination", work.dir], ROOT);
  packed = (JSON.parse(listed) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
  const tarball = readdirSync(work.dir).find((f) => f.endsWith(".tgz")) as string;
  const app = join(work.dir, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true }));
  const installed = spawnSync("npm", ["install", "--offline", "--no-audit", "--no-fund", join(work.dir, tarball)], {
    cwd: app,
    encoding: "utf8",
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  if (installed.status !== 0) throw new Error(`npm install failed: ${installed.stderr}`);
  installOutput = installed.stdout + installed.stderr;
  bin = join(app, "node_modules", "kafka-prep", "bin", "kafka-prep.js");
}, 240_000);
afterAll(() => {
  work.cleanup();
  home.cleanup();
});

function run(args: string[], input = "") {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: work.dir,
    input,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", KAFKA_PREP_HOME: home.dir, KAFKA_PREP_DEBUG: "1", KAFKA_PREP_QUESTIONS: undefined },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the packed and installed package", () => {
  it("installs with no install script for people to approve", () => {
    expect(installOutput).not.toMatch(/install[- ]scripts?/i);
  });

  it("ships what it needs and nothing from the development tree", () => {
    const files = packed;
    for (const needed of [
      "bin/kafka-prep.js",
      "dist/cli.js",
      "dist/questions.jsonl",
      "dist/build-stamp.json",
      "sources/MANIFEST.yaml",
      "schemas/question-file.json",
    ]) {
      expect(files).toContain(needed);
    }
    expect(files.filter((f) => /^(src|test|bench|scripts|dist\/tools)\/|^dist\/bank\.json$/.test(f))).toEqual([]);
  });

  it("explains from the precompiled glossary", () => {
    const r = run(["explain", "acks"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^acks/);
    expect(r.stderr).toContain("the glossary from the precompiled dist/glossary.json");
    const search = run(["explain", "rebalansing"]);
    expect(search.code).toBe(0);
    expect(search.stdout).toMatch(/^rebalancing /);
    expect(search.stderr).toContain("the search index from the precompiled dist/glossary-index.json");
  });

  it("runs a piped round and lists the bank from the precompiled bank", () => {
    const quiz = run(["quiz", "--id", "min-insync-config-name", "--no-follow-ups", "--json"], "min.insync.replicas\n");
    expect(quiz.code).toBe(0);
    expect(JSON.parse(quiz.stdout)).toMatchObject({ total: 1, correct: 1 });
    expect(quiz.stderr).toContain("the built-in bank from the precompiled dist/questions.jsonl");
    const list = run(["list", "--level", "expert"]);
    expect(list.code).toBe(0);
    expect(list.stderr).toContain("precompiled");
    expect(run(["stats", "--json"]).code).toBe(0);
    expect(run(["check", "--json"]).code).toBe(1);
  });

  it("validates the built-in bank", () => {
    const r = run(["validate"]);
    expect(r.stderr.replace(/^kafka-prep: .*\n/gm, "")).toBe("");
    expect(r.stdout).toMatch(/no problems/);
    expect(r.code).toBe(0);
  });

  it("says the installation is incomplete, with the file, when its list of source documents is gone", () => {
    const manifest = join(bin, "..", "..", "sources", "MANIFEST.yaml");
    renameSync(manifest, `${manifest}.away`);
    try {
      for (const args of [["list"], ["explain", "acks"]]) {
        const r = run(args);
        expect(r.code, args.join(" ")).toBe(2);
        expect(r.stderr).toContain(`cannot read the list of source documents ${manifest}: ENOENT`);
        expect(r.stderr).toMatch(/installation is incomplete: reinstall kafka-prep/);
        expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      }
    } finally {
      renameSync(`${manifest}.away`, manifest);
    }
    expect(run(["list"]).code).toBe(0);
  });
});
