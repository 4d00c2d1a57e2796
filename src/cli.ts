// The one registry of commands: commander's parser and help are built from the specs, and each command's module is
// imported only when it runs, so `explain` never pays for prompts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command, Help, InvalidArgumentError, Option } from "commander";
import { BadValue, type CommandSpec, flagName, flagsOf, GLOBAL_OPTIONS, helpOf, type Opt } from "./commands/options.js";
import * as specs from "./commands/specs.js";
import type { Context } from "./context.js";
import { EXIT_CODES } from "./errors.js";
import { packageRoot } from "./paths.js";

declare const KAFKA_PREP_VERSION: string;

// biome-ignore lint/suspicious/noExplicitAny: each command module types its own options from its spec.
type Run = (opts: any, ctx: Context) => Promise<number> | number;

export interface Entry {
  spec: CommandSpec;
  load: () => Promise<{ run: Run }>;
}

export const COMMANDS: Entry[] = [
  { spec: specs.quiz, load: () => import("./commands/quiz.js") },
  { spec: specs.explain, load: () => import("./commands/explain.js") },
  { spec: specs.check, load: () => import("./commands/check.js") },
  { spec: specs.stats, load: () => import("./commands/stats.js") },
  { spec: specs.weak, load: () => import("./commands/weak.js") },
  { spec: specs.history, load: () => import("./commands/history.js") },
  { spec: specs.list, load: () => import("./commands/list.js") },
  { spec: specs.flags, load: () => import("./commands/flags.js") },
  { spec: specs.topics, load: () => import("./commands/topics.js") },
  { spec: specs.validate, load: () => import("./commands/validate.js") },
  { spec: specs.export, load: () => import("./commands/export.js") },
  { spec: specs.import, load: () => import("./commands/import.js") },
  { spec: specs.doctor, load: () => import("./commands/doctor.js") },
  { spec: specs.reset, load: () => import("./commands/reset.js") },
];

export const PROGRAM = {
  summary: "Drill Apache Kafka interview questions: timed quiz rounds, explanations, progress and a readiness check.",
  examples: [
    "kafka-prep quiz --level beginner",
    "kafka-prep quiz --topic transactions --count 5",
    "kafka-prep explain acks",
    "kafka-prep check --interview-date 2026-12-03",
    "kafka-prep stats",
  ],
};

export function version(): string {
  if (typeof KAFKA_PREP_VERSION === "string") return KAFKA_PREP_VERSION;
  // Unbundled (tests): the version in package.json.
  return (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
}

export function examplesText(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;
}

export function exitCodesText(): string {
  return `\nExit codes: ${EXIT_CODES.map((e) => `${e.code} ${e.meaning.replace(/ \(.*$/, "")}`).join(", ")}.\n`;
}

function toOption(key: string, o: Opt): Option {
  const option = new Option(flagsOf(key, o), helpOf(o));
  if (o.kind === "value" && o.parse) {
    const parse = o.parse;
    option.argParser((raw: string, previous: unknown) => {
      try {
        return parse(raw, previous === o.default ? undefined : previous);
      } catch (err) {
        if (err instanceof BadValue) throw new InvalidArgumentError(err.message);
        throw err;
      }
    });
  }
  if (o.kind === "value" && o.default !== undefined) option.default(o.default);
  return option;
}

/** What the command line asks for: a command to load and run, with its options and arguments by name. */
export interface Parsed {
  entry: Entry;
  opts: Record<string, unknown>;
}

/** The command a command line names (`kafka-prep [global options] <command>` or `kafka-prep help <command>`), if any. */
export function commandNamed(args: string[]): string | undefined {
  const takesValue = new Set<string>();
  for (const [key, o] of Object.entries(GLOBAL_OPTIONS) as [string, Opt][]) {
    if (o.kind !== "value") continue;
    takesValue.add(`--${flagName(key)}`);
    if (o.short) takesValue.add(`-${o.short}`);
  }
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") return undefined;
    if (a.startsWith("-")) {
      if (takesValue.has(a)) i++;
      continue;
    }
    if (a === "help" && !help) {
      help = true;
      continue;
    }
    return a;
  }
  return undefined;
}

/** The commander program for one run; `parseAsync` leaves the chosen command in `parsed()`. With `only`, just that
 * command gets its options (the others are named and summarised for the help, which is all a run needs of them). */
export function buildProgram(ctx: Context, only?: string): { program: Command; parsed: () => Parsed | undefined } {
  let chosen: Parsed | undefined;
  // A word that is no command (a typo commander will answer with suggestions) gets every command its options.
  if (only !== undefined && !COMMANDS.some((c) => c.spec.name === only)) only = undefined;
  const withOptions = new Set(COMMANDS.filter((c) => Object.keys(c.spec.options).length).map((c) => c.spec.name));
  const program = new Command("kafka-prep");
  program
    .description(PROGRAM.summary)
    .version(version(), "-v, --version")
    .showSuggestionAfterError()
    .showHelpAfterError("Run kafka-prep --help for the commands, or kafka-prep <command> --help for its options.")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
      outputError: (s, write) => write(s),
      getOutHelpWidth: () => ctx.width,
      getErrHelpWidth: () => ctx.width,
    })
    .configureHelp({
      // The list of commands says which take options, registered or not.
      subcommandTerm(cmd: Command): string {
        const term = Help.prototype.subcommandTerm.call(this, cmd);
        const name = cmd.name();
        return cmd.options.length || !withOptions.has(name) ? term : `${name} [options]${term.slice(name.length)}`;
      },
    })
    .addHelpText("after", `${examplesText(PROGRAM.examples)}${exitCodesText()}`);
  for (const [key, o] of Object.entries(GLOBAL_OPTIONS)) program.addOption(toOption(key, o));

  for (const entry of COMMANDS) {
    const { spec } = entry;
    const command = program.command(spec.name).description(spec.summary);
    for (const a of spec.args ?? []) {
      command.argument(a.required ? `<${a.name}${a.variadic ? "..." : ""}>` : `[${a.name}${a.variadic ? "..." : ""}]`, a.help);
    }
    if (only === undefined || only === spec.name) for (const [key, o] of Object.entries(spec.options)) command.addOption(toOption(key, o));
    command.addHelpText("after", examplesText(spec.examples));
    command.action((...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      const opts: Record<string, unknown> = { ...cmd.optsWithGlobals() };
      (spec.args ?? []).forEach((a, i) => {
        opts[a.name] = a.variadic ? ((args[i] as string[] | undefined) ?? []) : args[i];
      });
      chosen = { entry, opts };
    });
  }
  return { program, parsed: () => chosen };
}
