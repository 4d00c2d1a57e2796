import { stripVTControlCharacters } from "node:util";
import { type IPty, spawn } from "@lydell/node-pty";
import { afterEach, beforeEach } from "vitest";
import { BIN, ROOT, tempDir } from "./cli.js";
import { readHistory } from "./history.js";

export const KEY = {
  enter: "\r",
  up: "\u001b[A",
  down: "\u001b[B",
  left: "\u001b[D",
  space: " ",
  ctrlC: "\u0003",
  backspace: "\u007f",
} as const;

/**
 * The built CLI inside a real pseudo-terminal, the way a person runs it.
 * `output` is everything written so far with escape codes removed; `waitFor` polls it.
 */
export class Terminal {
  readonly pty: IPty;
  private raw = "";
  private exitInfo: { exitCode: number; signal?: number } | undefined;
  private exited: Promise<{ exitCode: number; signal?: number }>;

  constructor(args: string[], options: { env?: NodeJS.ProcessEnv; cols?: number; rows?: number; cwd?: string; dataDir?: string } = {}) {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries({
      ...process.env,
      FORCE_COLOR: "1",
      NO_COLOR: undefined,
      KAFKA_PREP_QUESTIONS: undefined,
      ...options.env,
    })) {
      if (v !== undefined) env[k] = v;
    }
    if (options.dataDir) env.KAFKA_PREP_HOME = options.dataDir;
    this.pty = spawn(process.execPath, [BIN, ...args], {
      name: "xterm-256color",
      cols: options.cols ?? 100,
      rows: options.rows ?? 40,
      cwd: options.cwd ?? ROOT,
      env,
    });
    this.pty.onData((d) => {
      this.raw += d;
    });
    this.exited = new Promise((resolve) => {
      this.pty.onExit((e) => {
        this.exitInfo = e;
        resolve(e);
      });
    });
  }

  /** Everything shown so far, escape codes removed. */
  get output(): string {
    return stripVTControlCharacters(this.raw).replace(/\r/g, "");
  }

  /** Everything shown so far, with escape codes (to check colours). */
  get rawOutput(): string {
    return this.raw;
  }

  /** Only what was shown after `mark` (a length of `output` taken earlier). */
  since(mark: number): string {
    return this.output.slice(mark);
  }

  write(data: string): void {
    this.pty.write(data);
  }

  async waitFor(pattern: string | RegExp, { timeout = 15_000, after = 0 } = {}): Promise<string> {
    const test = (s: string) => (typeof pattern === "string" ? s.includes(pattern) : pattern.test(s));
    const start = Date.now();
    while (!test(this.output.slice(after))) {
      if (this.exitInfo && !test(this.output.slice(after))) {
        throw new Error(`process exited (${this.exitInfo.exitCode}) before showing ${pattern}:\n${this.output.slice(-3000)}`);
      }
      if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${pattern}; the screen shows:\n${this.output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return this.output;
  }

  async exit(timeout = 15_000): Promise<{ exitCode: number; signal?: number }> {
    const timer = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`process did not exit; the screen shows:\n${this.output.slice(-3000)}`)), timeout),
    );
    return Promise.race([this.exited, timer]);
  }

  kill(signal?: string): void {
    if (!this.exitInfo) this.pty.kill(signal);
  }

  /** Starts a mock exam's clock and answers its first question (Enter, the choice under the cursor): the second is
   * on screen. */
  async answerFirstOfExam(total: number): Promise<void> {
    await this.waitFor("Enter to start the clock");
    this.write(KEY.enter);
    await this.waitFor(`Question 1 of ${total}`);
    const mark = this.output.length;
    this.write(KEY.enter);
    await this.waitFor(`Question 2 of ${total}`, { after: mark });
  }

  /** Kills the process if it still runs and waits until it is gone, so that it writes nothing into a folder the
   * test removes next. */
  async stop(): Promise<void> {
    this.kill();
    await this.exit().catch(() => undefined);
  }
}

/** A data folder for each test and the terminals the test starts on it: stopped, and the folder removed, after it. */
export function terminalPerTest() {
  let data: { dir: string; cleanup: () => void } | undefined;
  const started: Terminal[] = [];
  beforeEach(() => {
    data = tempDir();
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((t) => t.stop()));
    data?.cleanup();
  });
  const dir = () => (data as { dir: string }).dir;
  return {
    get dir(): string {
      return dir();
    },
    /** The CLI with these arguments in a terminal, on this test's data folder. */
    start(args: string[], options: { env?: NodeJS.ProcessEnv; cols?: number; rows?: number } = {}): Terminal {
      const t = new Terminal(args, { ...options, dataDir: dir() });
      started.push(t);
      return t;
    },
    /** The attempts recorded so far, oldest first. */
    history: () => readHistory(dir()),
  };
}
