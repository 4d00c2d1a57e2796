// The one place that turns errors into messages and exit codes, and the only one that ends the process.
import { writeSync } from "node:fs";
import chalk from "chalk";
import { CommanderError } from "commander";
import { buildProgram, commandNamed } from "./cli.js";
import type { CommandSpec } from "./commands/options.js";
import { type Context, processContext } from "./context.js";
import { CliError, EXIT } from "./errors.js";
import { describeError } from "./messages.js";

/** Runs one command line against a context and returns its exit code; never exits, never throws.
 * `started` hears which command runs, before it does. */
export async function main(argv: string[], ctx: Context, started?: (spec: CommandSpec) => void): Promise<number> {
  chalk.level = ctx.color && !argv.includes("--no-color") ? (Math.max(chalk.level, 1) as typeof chalk.level) : 0;
  const { program, parsed } = buildProgram(ctx, commandNamed(argv.slice(2)) ?? "");
  try {
    await program.parseAsync(argv);
    const chosen = parsed();
    if (!chosen) return EXIT.ok;
    started?.(chosen.entry.spec);
    const { run } = await chosen.entry.load();
    return await run(chosen.opts, ctx);
  } catch (err) {
    return exitCodeFor(err, ctx);
  }
}

function exitCodeFor(err: unknown, ctx: Context): number {
  if (err instanceof CommanderError) {
    // Commander has already printed the message, with suggestions for mistyped words.
    if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") return EXIT.ok;
    return EXIT.usage;
  }
  const described = describeError(err);
  if (described) {
    ctx.stderr.write(`${chalk.red("error:")} ${described.message}\n`);
    return described.exitCode;
  }
  if (err instanceof CliError) {
    if (err.message) ctx.stderr.write(`${chalk.red("error:")} ${err.message}\n`);
    return err.exitCode;
  }
  if (err instanceof Error && err.name === "ExitPromptError") return EXIT.interrupted;
  const message = err instanceof Error ? err.message : String(err);
  ctx.stderr.write(`${chalk.red("internal error:")} ${message}\n`);
  if (ctx.env.KAFKA_PREP_DEBUG && err instanceof Error) ctx.stderr.write(`${err.stack}\n`);
  else ctx.stderr.write("This is a bug in kafka-prep. Run again with KAFKA_PREP_DEBUG=1 for details.\n");
  return EXIT.internal;
}

/** Waits until what was written to a stream has been handed to the system, so exiting cuts nothing off. */
function drained(stream: NodeJS.WritableStream & { destroyed?: boolean }): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write("", () => resolve());
  });
}

/** The process entry: Ctrl-C, a closed pipe, and the exit code. */
export async function start(argv = process.argv): Promise<never> {
  const interrupt = new AbortController();
  let hungUp = false;
  // A reader that went away (`kafka-prep list | head -1`) is no error: what is left to say goes nowhere, quietly,
  // and the run ends with the code it comes to (validate still fails with 1, so a pipeline with pipefail sees it).
  // So does a terminal that was closed, once what was answered is saved.
  let readerGone = false;
  const ctx = processContext(interrupt.signal);
  for (const stream of new Set<NodeJS.WritableStream>([process.stdout, process.stderr, ctx.stdout, ctx.stderr])) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE" || (readerGone && err.code === "ERR_STREAM_DESTROYED")) {
        readerGone = true;
        return;
      }
      if (err.code === "EIO" && hungUp) return;
      // Output that cannot be written (a full disk, /dev/full): said once, straight to the descriptor, and the run
      // ends with a data error; what was saved before it stays saved.
      const why = err.code === "ENOSPC" || err.code === "EDQUOT" ? "the disk is full" : err.message;
      const which = stream === ctx.stderr || stream === process.stderr ? "standard error" : "standard output";
      try {
        writeSync(2, `error: cannot write to ${which}: ${why}. What was written there is incomplete.\n`);
      } catch {
        // stderr is the output that failed.
      }
      process.exit(EXIT.usage);
    });
  }
  const code = await main(argv, ctx, (spec) => {
    // Ctrl-C, a closed terminal window (SIGHUP) and a polite kill (SIGTERM): a round or an exam saves what was
    // answered and ends by itself, and a second signal ends it at once. Every other command keeps the signals' own
    // action, so it stops at once even in the middle of a long read or rewrite of the history (each write goes
    // aside first and is renamed into place, and a dead process's lock and files are taken over by the next run).
    if (!spec.handlesInterrupt) return;
    for (const signal of ["SIGINT", "SIGHUP", "SIGTERM"] as const) {
      process.on(signal, () => {
        if (signal === "SIGHUP") hungUp = true;
        if (!interrupt.signal.aborted) interrupt.abort();
        else process.exit(EXIT.interrupted);
      });
    }
  });
  await Promise.all([drained(ctx.stdout), drained(ctx.stderr)]);
  process.exit(code);
}
