import chalk from "chalk";
import { CommanderError } from "commander";
import { buildProgram } from "./cli.js";
import { CliError, EXIT } from "./errors.js";

/** The one place that turns errors into messages and exit codes. */
export async function main(argv: string[]): Promise<void> {
  if (argv.includes("--no-color") || (process.env.NO_COLOR ?? "") !== "") chalk.level = 0;
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    process.exitCode = exitCodeFor(err);
  }
}

function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    // Commander has already printed the message, with suggestions for mistyped words.
    if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") return EXIT.ok;
    if (err.code === "commander.executeSubCommandAsync") return err.exitCode;
    return EXIT.usage;
  }
  if (err instanceof CliError) {
    if (err.message) process.stderr.write(`${chalk.red("error:")} ${err.message}\n`);
    return err.exitCode;
  }
  if (err instanceof Error && err.name === "ExitPromptError") return EXIT.interrupted;
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`${chalk.red("internal error:")} ${message}\n`);
  if (process.env.KAFKA_PREP_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  else process.stderr.write("This is a bug in kafka-prep. Run again with KAFKA_PREP_DEBUG=1 for details.\n");
  return 70;
}

await main(process.argv);
