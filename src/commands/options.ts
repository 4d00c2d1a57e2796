// Options as data: each command is a spec from which commander's parser and help, the options type, the
// kafka-prep.yaml schema and the README's option tables are all derived, so they cannot drift apart.
import { LEVELS, type Level, QUESTION_TYPES, type QuestionType, TOPICS, type Topic } from "../bank/constants.js";
import { parseDay } from "../time/calendar.js";
import { parseDuration } from "../time/duration.js";

/** A value the person typed that does not fit; commander prints it after "error: option '…' argument '…' is invalid." */
export class BadValue extends Error {
  override name = "BadValue";
}

export interface Opt<T = unknown, HasDefault extends boolean = boolean> {
  /** A boolean switch, a negatable switch (--no-x, on unless turned off), or an option that takes a value. */
  kind: "flag" | "negatable" | "value";
  help: string;
  /** Shown in help and the README: "<n>", "<level...>". */
  arg?: string;
  short?: string;
  // A method, so an option of any value type fits where any option is expected.
  parse?(raw: string, previous?: T): T;
  default?: T;
  /** For lists: the accepted values, listed in help. */
  choices?: readonly string[];
  /** How the default reads in help when it is not simply the value. */
  defaultText?: string;
  /** Read from kafka-prep.yaml as well as the command line. */
  config?: boolean;
  /** Phantom: whether a default is always there. */
  readonly _default?: HasDefault;
}

type ValueOf<O> = O extends Opt<infer T, infer D> ? (D extends true ? T : T | undefined) : never;

export interface ArgSpec {
  name: string;
  help: string;
  variadic?: boolean;
  required?: boolean;
}

export interface CommandSpec<O extends Record<string, Opt> = Record<string, Opt>, A extends readonly ArgSpec[] = readonly ArgSpec[]> {
  name: string;
  summary: string;
  args?: A;
  options: O;
  examples: string[];
  /** The command stops by itself on Ctrl-C (it saves what was answered); others are ended at once. */
  handlesInterrupt?: boolean;
}

type ArgsOf<A extends readonly ArgSpec[]> = {
  [K in A[number] as K["name"]]: K["variadic"] extends true ? string[] : K["required"] extends true ? string : string | undefined;
};

/** What a command's `run` receives: its options, its positional arguments by name, and the global options. */
export type OptionsOf<S extends CommandSpec> = { [K in keyof S["options"]]: ValueOf<S["options"][K]> } & ArgsOf<NonNullable<S["args"]>> &
  GlobalOptions;

export function defineCommand<const O extends Record<string, Opt>, const A extends readonly ArgSpec[] = []>(
  spec: CommandSpec<O, A>,
): CommandSpec<O, A> {
  return spec;
}

// ---- parsers ----

export function intParser(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (raw: string): number => {
    // Digits only: Number() also reads 0x10 as 16 and 0b11 as 3.
    const n = /^[+-]?\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new BadValue(`expected a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : " up"}.`);
    }
    return n;
  };
}

/** A share from above 0 to 1, such as 0.6. */
export function shareParser(raw: string): number {
  const n = Number(raw.trim());
  if (raw.trim() === "" || !(n > 0 && n <= 1)) throw new BadValue("expected a number above 0 and at most 1, such as 0.6.");
  return n;
}

export function percentParser(raw: string): number {
  const n = Number(raw.trim().replace(/%$/, ""));
  if (raw.trim() === "" || !Number.isFinite(n)) throw new BadValue("expected a percentage from 0 to 100.");
  if (n > 100) throw new BadValue("too big: expected a percentage from 0 to 100.");
  if (n < 0) throw new BadValue("too small: expected a percentage from 0 to 100.");
  return n;
}

/** A day as YYYY-MM-DD that exists in the calendar, within a horizon that keeps plans meaningful. */
export function dateParser(raw: string): string {
  const text = raw.trim();
  const day = parseDay(text);
  if (!day) throw new BadValue("expected a date as YYYY-MM-DD that exists in the calendar, for example 2026-12-03.");
  if (day.getFullYear() < 2000 || day.getFullYear() > 2100) throw new BadValue("expected a date between the years 2000 and 2100.");
  return text;
}

/** The longest clock a round or an exam may set: a day (a longer timer would also overflow Node's 24.8-day limit
 * and fire at once). */
export const MAX_CLOCK_SECONDS = 86_400;

export function durationParser(raw: string): number {
  const seconds = parseDuration(raw);
  if (seconds === undefined) throw new BadValue('expected a duration such as "30m", "1h", "90s" or "90" (seconds).');
  if (seconds < 1) throw new BadValue('too short: expected at least 1 second, such as "30m".');
  if (seconds > MAX_CLOCK_SECONDS) throw new BadValue('too long: expected at most a day ("24h").');
  return seconds;
}

/** Repeatable and comma-separated: `--id a,b --id c` and `--level beginner,advanced` and `--level beginner advanced`. */
export function listParser<T extends string>(choices?: readonly T[], what = "value") {
  return (raw: string, previous: T[] = []): T[] => {
    const values = raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (!values.length) throw new BadValue(`expected a ${what}.`);
    for (const v of values) {
      if (choices && !choices.includes(v as T)) {
        throw new BadValue(`"${v}" is not a ${what}. Allowed choices are ${choices.join(", ")}.`);
      }
    }
    // Each value once: --level beginner,beginner counted every beginner topic twice in check.
    return [...new Set([...previous, ...(values as T[])])];
  };
}

// ---- builders ----

interface Extra<T> {
  short?: string;
  config?: boolean;
  defaultText?: string;
  default?: T;
}

export const opt = {
  flag: (help: string, extra: { short?: string; config?: boolean } = {}): Opt<boolean, false> => ({ kind: "flag", help, ...extra }),
  /** On by default; `--no-<name>` turns it off. */
  negatable: (help: string, extra: { config?: boolean } = {}): Opt<boolean, true> => ({
    kind: "negatable",
    help,
    default: true,
    ...extra,
  }),
  int<D extends number | undefined = undefined>(
    arg: string,
    help: string,
    range: { min: number; max?: number },
    extra: Extra<number> & { default?: D } = {},
  ): Opt<number, D extends number ? true : false> {
    return { kind: "value", arg, help, parse: intParser(range.min, range.max), ...extra };
  },
  percent: (help: string, extra: Extra<number> = {}): Opt<number, false> => ({
    kind: "value",
    arg: "<percent>",
    help,
    parse: percentParser,
    ...extra,
  }),
  share: (help: string, extra: Extra<number> = {}): Opt<number, false> => ({
    kind: "value",
    arg: "<share>",
    help,
    parse: shareParser,
    ...extra,
  }),
  date: (help: string, extra: Extra<string> = {}): Opt<string, false> => ({
    kind: "value",
    arg: "<YYYY-MM-DD>",
    help,
    parse: dateParser,
    ...extra,
  }),
  duration: (help: string, extra: Extra<number> = {}): Opt<number, false> => ({
    kind: "value",
    arg: "<duration>",
    help,
    parse: durationParser,
    ...extra,
  }),
  string: (arg: string, help: string, extra: Extra<string> = {}): Opt<string, false> => ({
    kind: "value",
    arg,
    help,
    parse: (raw: string) => raw,
    ...extra,
  }),
  /** One of a few names. */
  choice<T extends string>(arg: string, help: string, choices: readonly T[], extra: Extra<T> & { what?: string } = {}): Opt<T, false> {
    const { what = "value", ...rest } = extra;
    const parse = (raw: string): T => {
      const v = raw.trim();
      if (!choices.includes(v as T)) throw new BadValue(`"${v}" is not a ${what}. Allowed choices are ${choices.join(", ")}.`);
      return v as T;
    };
    return { kind: "value", arg, help, choices, parse, ...rest };
  },
  list<T extends string = string>(
    arg: string,
    help: string,
    choices?: readonly T[],
    extra: Extra<T[]> & { what?: string } = {},
  ): Opt<T[], false> {
    const { what, ...rest } = extra;
    return { kind: "value", arg, help, choices, parse: listParser<T>(choices, what), ...rest };
  },
};

export const levelOption = (extra: { config?: boolean } = {}) =>
  opt.list<Level>("<level...>", "only these levels", LEVELS, { short: "l", what: "level", ...extra });
export const topicOption = (extra: { config?: boolean } = {}) =>
  opt.list<Topic>("<topic...>", "only these topics", TOPICS, { short: "t", what: "topic", ...extra });
export const typeOption = (help = "only these question types") =>
  opt.list<QuestionType>("<type...>", help, QUESTION_TYPES, { what: "question type" });

/** Options every command accepts. */
export const GLOBAL_OPTIONS = {
  dataDir: opt.string("<dir>", "where progress is stored (default: $KAFKA_PREP_HOME or the OS config folder)"),
  questions: opt.list("<dir>", "add a folder of question files (repeatable; also $KAFKA_PREP_QUESTIONS)"),
  builtin: opt.negatable("use only the --questions folders, not the built-in bank"),
  color: opt.negatable("plain text without colours (also NO_COLOR=1)"),
} as const;

export type GlobalOptions = { [K in keyof typeof GLOBAL_OPTIONS]: ValueOf<(typeof GLOBAL_OPTIONS)[K]> };

/** `--round-time` for `roundTime`. */
export const flagName = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The flags as commander and the docs show them: "-n, --count <n>", "--no-follow-ups". */
export function flagsOf(key: string, o: Opt): string {
  const long = o.kind === "negatable" ? `--no-${flagName(key)}` : `--${flagName(key)}`;
  return `${o.short ? `-${o.short}, ` : ""}${long}${o.arg ? ` ${o.arg}` : ""}`;
}

/** The help line of an option, with its default when it has one worth saying (commander adds a plain default itself). */
export function helpOf(o: Opt, withDefault = false): string {
  if (o.defaultText) return `${o.help} (default: ${o.defaultText})`;
  if (withDefault && o.kind === "value" && o.default !== undefined) return `${o.help} (default: ${String(o.default)})`;
  return o.help;
}
