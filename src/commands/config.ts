// kafka-prep.yaml: the same settings as `check`'s options, read with the same parsers, so a prep repository can run
// `kafka-prep check` bare. Its schema is derived from the spec: an option marked `config` is a setting.
import { existsSync } from "node:fs";
import { CliError } from "../errors.js";
import { destinationReason } from "../messages.js";
import { FileSystemError, FileTooLargeError, NotRegularFileError } from "../progress/errors.js";
import { readSmall } from "../progress/files.js";
import type { CommandSpec, Opt } from "./options.js";
import { flagName } from "./options.js";

export const CONFIG_FILE = "kafka-prep.yaml";
/** Far more than every setting takes. */
const MAX_CONFIG_BYTES = 256 * 1024;

/** The settings `spec` reads from a config file, by option name. */
export function configOptions(spec: CommandSpec): [string, Opt][] {
  return Object.entries(spec.options).filter(([, o]) => o.config);
}

/** A YAML value in the form its command-line parser reads: lists joined by commas, everything else as text. */
function asText(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.every((v) => typeof v === "string" || typeof v === "number") ? value.join(",") : undefined;
  if (typeof value === "string" || typeof value === "number") return String(value);
  return undefined;
}

/** Reads the settings file when given, or ./kafka-prep.yaml when present; every problem with its file:line:column. */
export async function readConfig(spec: CommandSpec, file: string | undefined, cwd: string): Promise<Record<string, unknown>> {
  const path = file ?? (existsSync(`${cwd}/${CONFIG_FILE}`) ? `${cwd}/${CONFIG_FILE}` : undefined);
  if (!path) return {};
  let text: string;
  try {
    // A regular file only, and a small one: a pipe or a device named kafka-prep.yaml would block or never end.
    const bytes = readSmall(path, MAX_CONFIG_BYTES);
    if (bytes === undefined) throw new FileSystemError(path, "ENOENT", "read");
    text = bytes.toString("utf8");
  } catch (err) {
    const why =
      err instanceof NotRegularFileError
        ? `it is a ${err.type}, not a file`
        : err instanceof FileTooLargeError
          ? `it is over ${MAX_CONFIG_BYTES / 1024} KB, far more than settings take`
          : (err as { code?: unknown }).code === "ENOENT"
            ? "no such file"
            : (destinationReason(err) ?? (err as Error).message);
    throw new CliError(
      `cannot read the settings file ${file ?? CONFIG_FILE}: ${why}. ${file ? "Check the path given to --config, or leave --config out to use ./kafka-prep.yaml when there is one." : "Check that the file is readable."}`,
    );
  }
  // The YAML loader and zod are loaded only when there is a file to read.
  const [{ z }, { display, formatProblem, parseYaml }] = await Promise.all([import("zod"), import("../bank/load.js")]);
  const options = configOptions(spec);
  const names = options.map(([k]) => k);
  const shape = Object.fromEntries(
    options.map(([key, o]) => [
      key,
      z
        .unknown()
        .transform((value, ctx) => {
          if (o.kind !== "value") {
            if (typeof value === "boolean") return value;
            ctx.addIssue({ code: "custom", message: "expected true or false" });
            return z.NEVER;
          }
          const raw = asText(value);
          try {
            if (raw === undefined) throw new Error(`expected ${o.arg ?? "a value"}`);
            return o.parse ? o.parse(raw) : raw;
          } catch (err) {
            ctx.addIssue({ code: "custom", message: (err as Error).message.replace(/\.$/, "") });
            return z.NEVER;
          }
        })
        .optional(),
    ]),
  );
  const schema = z.strictObject(shape);
  const parsed = parseYaml(display(path, cwd), text, schema, {
    unknownKey: (keys) =>
      `unknown setting${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")}; the settings are ${names.join(", ")} (the options of kafka-prep ${spec.name}, as camelCase)`,
  });
  if (parsed.problems.length) {
    throw new CliError(
      `${parsed.problems.map(formatProblem).join("\n")}\nFix ${file ?? CONFIG_FILE} (each setting is an option of kafka-prep ${spec.name}; see kafka-prep ${spec.name} --help) and run again.`,
    );
  }
  return (parsed.data as Record<string, unknown> | undefined) ?? {};
}

/** The README's list of settings. */
export function configDoc(spec: CommandSpec): string {
  return configOptions(spec)
    .map(([key]) => `\`${key}\` (--${flagName(key)})`)
    .join(", ");
}
