import { fstatSync, writeSync } from "node:fs";
import { Writable } from "node:stream";
import { supportsColor } from "chalk";

// What varies between runs, handed to every command: a command never reaches for `process` itself, so it runs the
// same in a terminal, in a pipe and in-process under a test.

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Input extends NodeJS.ReadableStream {
  isTTY?: boolean;
}

export interface Context {
  stdout: Output & NodeJS.WritableStream;
  stderr: Output & NodeJS.WritableStream;
  stdin: Input;
  /** stdin and stdout are both terminals: prompts may be shown. */
  isTTY: boolean;
  /** Columns to wrap output to: the terminal's up to MAX_WIDTH, or 80 when output is not a terminal. */
  width: number;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  now(): Date;
  /** Aborted on Ctrl-C (SIGINT), for commands that stop by themselves and keep what was answered. */
  signal: AbortSignal;
  /** Colours on: a terminal (or FORCE_COLOR) without NO_COLOR or --no-color. */
  color: boolean;
}

/** The width text is wrapped to: the terminal's, never more than is comfortable to read. */
export const MAX_WIDTH = 100;

export function widthOf(stream: Output): number {
  return Math.min(MAX_WIDTH, stream.isTTY && stream.columns ? stream.columns : 80);
}

/**
 * A regular file as output, written whole: Node writes a file given as stdout or stderr with one write call per
 * chunk and drops what a nearly full disk cut short (`kafka-prep export > backup.json` ended with a cut-off file and
 * exit 0). This one writes every byte or fails with the error. Undefined when the descriptor is not a regular file.
 */
function fileOutput(fd: number): (Output & NodeJS.WritableStream) | undefined {
  try {
    if (!fstatSync(fd).isFile()) return undefined;
  } catch {
    return undefined;
  }
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      try {
        for (let at = 0; at < chunk.length; ) at += writeSync(fd, chunk, at, chunk.length - at);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
}

/** The real process's context; `signal` is the one main aborts on SIGINT. */
export function processContext(signal: AbortSignal): Context {
  const env = process.env;
  const stdout = fileOutput(1) ?? process.stdout;
  // chalk's detection reads the terminal, TERM and FORCE_COLOR; NO_COLOR turns colour off everywhere.
  const color = supportsColor !== false && (env.NO_COLOR ?? "") === "";
  return {
    stdout,
    stderr: fileOutput(2) ?? process.stderr,
    stdin: process.stdin,
    isTTY: process.stdin.isTTY === true && stdout.isTTY === true,
    get width() {
      return widthOf(stdout);
    },
    env,
    cwd: process.cwd(),
    now: () => new Date(),
    signal,
    color,
  };
}
