import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";

export const ROOT = resolve(import.meta.dirname, "../..");
export const BIN = join(ROOT, "bin", "kafka-prep.js");

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh, empty data folder; removed by the returned cleanup. */
export function tempDir(prefix = "kafka-prep-test-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Run the built CLI as a child process, piped (not a terminal), with its own data folder. */
export function runCli(
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string; dataDir?: string } = {},
): RunResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, KAFKA_PREP_QUESTIONS: undefined, ...options.env };
  if (options.dataDir) env.KAFKA_PREP_HOME = options.dataDir;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env,
    input: options.input ?? "",
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, stdout: stripVTControlCharacters(r.stdout), stderr: stripVTControlCharacters(r.stderr) };
}
