/** Exit codes: the README's table and the help text are made from this list. */
export const EXIT_CODES = [
  { code: 0, name: "ok", meaning: "ok" },
  { code: 1, name: "failed", meaning: "a check, exam or validation failed, or a round had nothing to ask (--weak, --new)" },
  { code: 2, name: "usage", meaning: "usage or data error (bad option, broken question file, damaged or unreadable progress)" },
  { code: 70, name: "internal", meaning: "internal error (a bug; run with `KAFKA_PREP_DEBUG=1` for details)" },
  {
    code: 130,
    name: "interrupted",
    meaning:
      "interrupted (Ctrl-C, a closed terminal window or SIGTERM); a round or an exam keeps the answers given so far, any other command stops at once with nothing half-written",
  },
] as const;

type Name = (typeof EXIT_CODES)[number]["name"];
type CodeOf<N extends Name> = Extract<(typeof EXIT_CODES)[number], { name: N }>["code"];

export const EXIT = Object.fromEntries(EXIT_CODES.map((e) => [e.name, e.code])) as { [N in Name]: CodeOf<N> };

/** An error meant for the person at the terminal: its message is printed as is, without a stack. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.usage) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}
