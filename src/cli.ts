import { Command, InvalidArgumentError, Option } from "commander";
import { LEVELS, QUESTION_TYPES, TOPICS } from "./bank/constants.js";

declare const KAFKA_PREP_VERSION: string;

/** Options every command accepts, merged in by `optsWithGlobals()`. */
export interface GlobalOptions {
  dataDir?: string;
  questions?: string[];
  builtin?: boolean;
  color?: boolean;
}

export function intArg(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : " up"}.`);
    }
    return n;
  };
}

export function percentArg(value: string): number {
  const n = Number(value.replace(/%$/, ""));
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError("expected a percentage from 0 to 100.");
  return n;
}

export function dateArg(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidArgumentError("expected a date as YYYY-MM-DD, for example 2026-12-03.");
  }
  return value;
}

/** "30m", "1h", "90s" or plain seconds, as seconds. */
export function durationArg(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError('expected a duration such as "30m", "1h" or "90" (seconds).');
  const scale = m[2] === "h" ? 3600 : m[2] === "m" ? 60 : 1;
  return Math.round(Number(m[1]) * scale);
}

/** Repeatable and comma-separated: `--id a,b --id c` is [a, b, c]. */
export function listArg(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  ];
}

const levelOption = () => new Option("-l, --level <level...>", "only these levels").choices(LEVELS);
const topicOption = () => new Option("-t, --topic <topic...>", "only these topics").choices(TOPICS);

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;
}

// biome-ignore lint/suspicious/noExplicitAny: commander hands over untyped arguments; each command declares its own.
type Handler = (...args: any[]) => Promise<number | undefined> | number | undefined;

/** Each command's module is imported only when it runs, so `explain` never pays for prompts. */
function lazy(load: () => Promise<{ run: Handler }>) {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const positional = args.slice(0, -2);
    const { run } = await load();
    const code = await run(...positional, command.optsWithGlobals());
    if (typeof code === "number") process.exitCode = code;
  };
}

export function buildProgram(): Command {
  const program = new Command("kafka-prep");
  program
    .description("Drill Apache Kafka interview questions: timed quiz rounds, explanations, progress and a readiness check.")
    .version(typeof KAFKA_PREP_VERSION === "string" ? KAFKA_PREP_VERSION : "dev", "-v, --version")
    .option("--data-dir <dir>", "where progress is stored (default: $KAFKA_PREP_HOME or the OS config folder)")
    .option("--questions <dir>", "add a folder of question files (repeatable; also $KAFKA_PREP_QUESTIONS)", listArg)
    .option("--no-builtin", "use only the --questions folders, not the built-in bank")
    .option("--no-color", "plain text without colours (also NO_COLOR=1)")
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) })
    .addHelpText(
      "after",
      `${examples([
        "kafka-prep quiz --level beginner",
        "kafka-prep quiz --topic transactions --count 5",
        "kafka-prep explain acks",
        "kafka-prep check --interview-date 2026-12-03",
        "kafka-prep stats",
      ])}\nExit codes: 0 ok, 1 a check, exam or validation failed, 2 usage or data error, 130 interrupted.\n`,
    );

  program
    .command("quiz")
    .description("a timed round of questions; every answer graded, explained and recorded")
    .addOption(levelOption())
    .addOption(topicOption())
    .addOption(new Option("--type <type...>", "only these question types").choices(QUESTION_TYPES))
    .option("-n, --count <n>", "questions in the round", intArg(1, 500), 10)
    .option("--time <seconds>", "seconds per question (default by type: 45, recall 180); 0 for untimed", intArg(0))
    .option("--round-time <seconds>", "end the round after this many seconds", intArg(1))
    .option("--weak", "only questions from weak topics")
    .option("--new", "only questions never answered")
    .option("--due", "only reviews that are due")
    .option("--id <id...>", "exactly these questions (comma-separated or repeated)", listArg)
    .option("--seed <n>", "make the choice and order of questions reproducible", intArg(0))
    .option("--confidence", 'ask "how sure are you?" before each answer is revealed')
    .option("--no-follow-ups", "skip the deeper follow-up questions")
    .option("--editor", "write recall answers in $EDITOR")
    .option("--recall-pass <share>", "share of key points a recall answer needs to pass (0 to 1)", (v) => {
      const n = Number(v);
      if (!(n > 0 && n <= 1)) throw new InvalidArgumentError("expected a number above 0 and at most 1, such as 0.6.");
      return n;
    })
    .option("--json", "print the round as JSON (answers read from stdin)")
    .addHelpText(
      "after",
      examples([
        "kafka-prep quiz",
        "kafka-prep quiz --level advanced --count 5",
        "kafka-prep quiz --topic producers --type mcq cloze",
        "kafka-prep quiz --weak",
        "kafka-prep quiz --id acks-all-meaning --time 0",
        "printf 'b\\n' | kafka-prep quiz --id acks-all-meaning --json",
      ]),
    )
    .action(lazy(() => import("./commands/quiz.js")));

  program
    .command("explain")
    .description("explain a Kafka concept or config, with related questions and sources")
    .argument("[term...]", "what to look up; typos, abbreviations and several words are fine")
    .option("--full", "show everything, not just one screen")
    .option("--json", "print the matches as JSON")
    .addHelpText(
      "after",
      examples([
        "kafka-prep explain acks",
        "kafka-prep explain min insync",
        "kafka-prep explain EOS",
        "kafka-prep explain kstream vs ktable",
        "kafka-prep explain",
      ]),
    )
    .action(lazy(() => import("./commands/explain.js")));

  program
    .command("check")
    .description("pass or fail per topic from your history, with an exit code and JSON or JUnit reports")
    .addOption(levelOption())
    .addOption(topicOption())
    .option("--min-score <percent>", "recent accuracy a topic needs (default 80)", percentArg)
    .option("--min-coverage <percent>", "share of a topic's questions attempted (default 60)", percentArg)
    .option("--min-recall <percent>", "predicted recall on the interview date (default 70)", percentArg)
    .option("--interview-date <YYYY-MM-DD>", "predict recall on this date and plan reviews until then", dateArg)
    .option("--json", "print the report as JSON")
    .option("--junit <file>", "also write a JUnit XML report")
    .option("--config <file>", "read settings from this YAML file (default: ./kafka-prep.yaml when present)")
    .option("--exam", "a timed mock exam instead: no feedback until the end")
    .option("-n, --count <n>", "questions in the exam (default 20)", intArg(1, 500))
    .option("--time-limit <duration>", 'time for the whole exam, such as "30m" (default 30m)', durationArg)
    .option("--pass <percent>", "score the exam needs to pass (default 80)", percentArg)
    .option("--seed <n>", "make the exam's questions reproducible", intArg(0))
    .addHelpText(
      "after",
      examples([
        "kafka-prep check",
        "kafka-prep check --level advanced --interview-date 2026-12-03",
        "kafka-prep check --json --junit report.xml",
        "kafka-prep check --exam --level intermediate --count 20 --time-limit 30m",
      ]),
    )
    .action(lazy(() => import("./commands/check.js")));

  program
    .command("stats")
    .description("progress: accuracy and mastery per level and topic, round scores, streak, reviews due")
    .addOption(levelOption())
    .addOption(topicOption())
    .option("--json", "print the statistics as JSON")
    .addHelpText("after", examples(["kafka-prep stats", "kafka-prep stats --level advanced", "kafka-prep stats --json"]))
    .action(lazy(() => import("./commands/stats.js")));

  program
    .command("weak")
    .description("the weakest topics and questions, why, and the command that drills them")
    .option("--json", "print them as JSON")
    .addHelpText("after", examples(["kafka-prep weak", "kafka-prep weak --json"]))
    .action(lazy(() => import("./commands/weak.js")));

  program
    .command("list")
    .description("list the questions in the bank")
    .addOption(levelOption())
    .addOption(topicOption())
    .addOption(new Option("--type <type...>", "only these question types").choices(QUESTION_TYPES))
    .option("--json", "print the full question objects as JSON")
    .addHelpText(
      "after",
      examples(["kafka-prep list --level expert", "kafka-prep list --topic streams --type recall", "kafka-prep list --json"]),
    )
    .action(lazy(() => import("./commands/list.js")));

  program
    .command("topics")
    .description("every topic with its question count per level")
    .option("--json", "print them as JSON")
    .addHelpText("after", examples(["kafka-prep topics"]))
    .action(lazy(() => import("./commands/topics.js")));

  program
    .command("validate")
    .description("check question files: schema, ids, references and sources, each problem with its file:line:column")
    .argument("[paths...]", "files or folders (default: the built-in bank and any --questions packs)")
    .option("--json", "print the problems as JSON")
    .addHelpText(
      "after",
      examples(["kafka-prep validate", "kafka-prep validate my-pack/", "kafka-prep validate questions/producers.yaml --json"]),
    )
    .action(lazy(() => import("./commands/validate.js")));

  program
    .command("export")
    .description("save all progress as one JSON file, or write questions as an Anki deck")
    .argument("[file]", "where to write (default: standard output)")
    .option("--anki <file>", "write an Anki plain-text deck of the bank instead")
    .addOption(levelOption())
    .addOption(topicOption())
    .option("--weak", "with --anki: only questions from weak topics")
    .addHelpText(
      "after",
      examples([
        "kafka-prep export backup.json",
        "kafka-prep export --anki weak.txt --weak",
        "kafka-prep export --anki deck.txt --level advanced",
      ]),
    )
    .action(lazy(() => import("./commands/export.js")));

  program
    .command("import")
    .description("merge progress from an exported JSON file; attempts already present are not duplicated")
    .argument("<file>", "a file written by kafka-prep export")
    .addHelpText("after", examples(["kafka-prep import backup.json"]))
    .action(lazy(() => import("./commands/import.js")));

  program
    .command("doctor")
    .description("check the progress store and repair it: keeps every readable attempt, backs up damaged files")
    .addHelpText("after", examples(["kafka-prep doctor"]))
    .action(lazy(() => import("./commands/doctor.js")));

  program
    .command("reset")
    .description("erase all progress (a backup is kept)")
    .option("-y, --yes", "do not ask for confirmation")
    .addHelpText("after", examples(["kafka-prep reset", "kafka-prep reset --yes"]))
    .action(lazy(() => import("./commands/reset.js")));

  return program;
}
