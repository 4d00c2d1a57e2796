// The CLI in-process: the same main() the process runs, against a fake Context. Most command behaviour is tested
// this way; real processes and terminals are kept for what only they show.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { stripVTControlCharacters } from "node:util";
import type { Context } from "../../src/context.js";
import { main } from "../../src/main.js";
import { ROOT, type RunResult } from "./cli.js";

export interface RunOptions {
  input?: string | Readable;
  env?: Record<string, string | undefined>;
  cwd?: string;
  dataDir?: string;
  now?: () => Date;
  width?: number;
  color?: boolean;
  signal?: AbortSignal;
}

class Capture extends Writable {
  text = "";
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export function fakeContext(options: RunOptions = {}): Context & { out: Capture; err: Capture } {
  const out = new Capture();
  const err = new Capture();
  const env: Record<string, string | undefined> = {
    ...process.env,
    NO_COLOR: "1",
    FORCE_COLOR: undefined,
    KAFKA_PREP_QUESTIONS: undefined,
  };
  Object.assign(env, options.env);
  if (options.dataDir) env.KAFKA_PREP_HOME = options.dataDir;
  const input = options.input;
  const stdin = input instanceof Readable ? input : Readable.from(input ? [input] : []);
  return {
    stdout: out as unknown as Context["stdout"],
    stderr: err as unknown as Context["stderr"],
    stdin,
    isTTY: false,
    width: options.width ?? 80,
    env,
    cwd: options.cwd ?? ROOT,
    now: options.now ?? (() => new Date()),
    signal: options.signal ?? new AbortController().signal,
    color: options.color ?? false,
    out,
    err,
  };
}

/** Runs `kafka-prep <args>` in this process; output without colour codes. */
export async function run(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const ctx = fakeContext(options);
  const code = await main(["node", "kafka-prep", ...args], ctx);
  return { code, stdout: stripVTControlCharacters(ctx.out.text), stderr: stripVTControlCharacters(ctx.err.text) };
}

/** Runs a command that writes into a pipe whose reader was just started, again until the reader has the pipe open:
 * before that, the pipe is refused as one nothing reads from. */
export async function untilRead(command: () => Promise<RunResult>, timeoutMs = 20_000): Promise<RunResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await command();
    if (!r.stderr.includes("a pipe that nothing reads from") || Date.now() > deadline) return r;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A named pipe in `dir` with a reader started on it (as a shell's >(cat > file) is): `done` gives the reader's exit
 * code and what it read. */
export function pipeReader(dir: string, name: string): { pipe: string; done: Promise<{ code: number | null; text: string }> } {
  const pipe = join(dir, name);
  const received = join(dir, `${name}.received`);
  if (spawnSync("mkfifo", [pipe]).status !== 0) throw new Error(`mkfifo ${pipe} failed`);
  const reader = spawn("sh", ["-c", 'cat "$0" > "$1"', pipe, received]);
  const done = new Promise<{ code: number | null; text: string }>((resolve) =>
    reader.on("exit", (code) => resolve({ code, text: readFileSync(received, "utf8") })),
  );
  return { pipe, done };
}
