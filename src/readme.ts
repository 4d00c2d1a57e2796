// The README's generated parts: the command list, every command's options, kafka-prep.yaml's settings and the exit
// codes, all from the specs. `npm run docs` writes them; a test fails when the README is out of date.
import { COMMANDS } from "./cli.js";
import { configOptions } from "./commands/config.js";
import { type CommandSpec, flagsOf, GLOBAL_OPTIONS, type Opt } from "./commands/options.js";
import { check } from "./commands/specs.js";
import { EXIT_CODES } from "./errors.js";

const cell = (s: string) => s.replace(/\|/g, "\\|");

function usage(spec: CommandSpec): string {
  const args = (spec.args ?? []).map((a) =>
    a.required ? `<${a.name}${a.variadic ? "..." : ""}>` : `[${a.name}${a.variadic ? "..." : ""}]`,
  );
  return ["kafka-prep", spec.name, ...args].join(" ");
}

function defaultOf(o: Opt): string {
  if (o.defaultText) return o.defaultText;
  if (o.kind === "value" && o.default !== undefined) return String(o.default);
  return "";
}

function optionRows(options: Record<string, Opt>): string[] {
  return Object.entries(options).map(([key, o]) => {
    const choices = o.choices ? ` (${o.choices.join(", ")})` : "";
    const def = defaultOf(o);
    return `| \`${flagsOf(key, o)}\` | ${cell(o.help + choices)} | ${def ? cell(def) : ""} |`;
  });
}

export function commandsTable(): string {
  return [
    "| command | what it does |",
    "| --- | --- |",
    ...COMMANDS.map(({ spec }) => `| \`${usage(spec)}\` | ${cell(spec.summary)} |`),
  ].join("\n");
}

export function optionsReference(): string {
  const out = ["Every command also takes the global options:", "", "| option | meaning | default |", "| --- | --- | --- |"];
  out.push(...optionRows(GLOBAL_OPTIONS));
  for (const { spec } of COMMANDS) {
    out.push("", `### \`${usage(spec)}\``, "", `${spec.summary[0].toUpperCase()}${spec.summary.slice(1)}.`);
    if (Object.keys(spec.options).length)
      out.push("", "| option | meaning | default |", "| --- | --- | --- |", ...optionRows(spec.options));
    out.push("", "```sh", ...spec.examples, "```");
  }
  return out.join("\n");
}

export function configSettings(): string {
  return configOptions(check)
    .map(([key, o]) => `\`${key}\` (\`${flagsOf(key, o).replace(/^-\w, /, "")}\`)`)
    .join(", ");
}

export function exitCodesTable(): string {
  return ["| code | meaning |", "| --- | --- |", ...EXIT_CODES.map((e) => `| ${e.code} | ${cell(e.meaning)} |`)].join("\n");
}

const SECTIONS: Record<string, () => string> = {
  commands: commandsTable,
  options: optionsReference,
  "check-settings": configSettings,
  "exit-codes": exitCodesTable,
};

/** The README with every generated part brought up to date; the text between the markers is replaced. */
export function updateReadme(text: string): string {
  let out = text;
  for (const [name, make] of Object.entries(SECTIONS)) {
    const re = new RegExp(`(<!-- generated:${name} -->)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!re.test(out)) throw new Error(`README.md has no <!-- generated:${name} --> … <!-- /generated:${name} --> markers`);
    out = out.replace(re, (_, open: string, close: string) => `${open}\n${make()}\n${close}`);
  }
  return out;
}
