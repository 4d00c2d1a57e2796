import { delimiter } from "node:path";
import { CliError, EXIT } from "../errors.js";
import { count } from "../text/count.js";
import { type CatalogEntry, catalogEntry, compiledBankPath, fingerprint, readCompiledCatalog, readCompiledGlossary } from "./compiled.js";
import type { LoadResult, ManifestItem, ParsedFile } from "./load.js";
import type { Bank, GlossaryEntry, Question } from "./schema.js";

export type { CatalogEntry };
// Kept here for the modules that already import them from the bank.
export { compiledBankPath, fingerprint };

/** The questions to drill: what each is, cheaply; each in full on demand. */
export interface LoadedBank extends Bank {
  /** Every question's id, level, topics, type, prompt and follow-ups, without its answer; with the built-in bank, one
   * entry per scenario family too (the build lists them; `question` does not make scenarios: src/quiz does). */
  entries: CatalogEntry[];
  /** One question in full. */
  question(id: string): Question | undefined;
  /** Every question in full; the precompiled bank decodes them on first use. */
  readonly questions: Question[];
  readonly glossary: GlossaryEntry[];
  manifest: ManifestItem[];
}

/** The precompiled built-in bank written by the build, with what it was built from. */
export interface CompiledBank extends Bank {
  fingerprint: string;
  manifest: ManifestItem[];
}

/** A bank already in memory: packs, edited question files. */
export function bankOf(questions: Question[], glossary: GlossaryEntry[], manifest: ManifestItem[]): LoadedBank {
  const byId = new Map(questions.map((q) => [q.id, q]));
  return { entries: questions.map(catalogEntry), question: (id) => byId.get(id), questions, glossary, manifest };
}

export function packDirs(cliPacks: string[] = [], env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const fromEnv = (env.KAFKA_PREP_QUESTIONS ?? "").split(delimiter).filter(Boolean);
  return [...fromEnv, ...cliPacks];
}

/** Folders as the person would type them again: quoted when they hold a space. */
const shellWords = (paths: string[]) => paths.map((p) => (/\s/.test(p) ? `"${p}"` : p)).join(" ");

function dataError(
  problems: LoadResult["problems"],
  what: string,
  formatProblem: (p: LoadResult["problems"][number]) => string,
  packs: string[] = [],
): CliError {
  const lines = problems.slice(0, 50).map(formatProblem);
  if (problems.length > 50) lines.push(`… and ${problems.length - 50} more`);
  const validate = packs.length ? `kafka-prep validate ${shellWords(packs)}` : "kafka-prep validate";
  return new CliError(
    `${count(problems.length, "problem")} in ${what}:\n${lines.join("\n")}\nFix ${problems.length === 1 ? "it" : "them"} and run again; "${validate}" checks the files without starting anything.`,
    EXIT.usage,
  );
}

/** The precompiled built-in bank, when the build wrote one and the question files have not changed since. */
function compiledBuiltin(): LoadedBank | undefined {
  const catalog = readCompiledCatalog();
  if (!catalog) return undefined;
  let all: Question[] | undefined;
  let glossary: GlossaryEntry[] | undefined;
  return {
    entries: [...catalog.entries, ...catalog.scenarios],
    question: catalog.question,
    manifest: catalog.manifest,
    get questions() {
      all ??= catalog.all();
      return all;
    },
    get glossary() {
      glossary ??= readCompiledGlossary()?.entries() ?? [];
      return glossary;
    },
  };
}

/** The ids of the generated scenario families, which no question may take. */
export function familyIds(ids: string[]): NonNullable<ParsedFile["reserved"]> {
  return ids.map((id) => ({ id, what: `the generated scenario family "${id}"` }));
}

/** The built-in bank as one parsed file for the cross-file checks; `where` finds an item's real file and line. The
 * scenario families' ids are taken too: a pack question named like one would shadow the family. */
export function builtinAsParsed(bank: Bank & { entries?: CatalogEntry[] }, where?: ParsedFile["where"]): ParsedFile {
  return {
    file: "built-in bank",
    builtin: true,
    where,
    problems: [],
    questions: bank.questions.map((value, i) => ({ value, line: 0, col: 0, path: `questions[${i}]` })),
    glossary: bank.glossary.map((value, i) => ({ value, line: 0, col: 0, path: `glossary[${i}]` })),
    reserved: familyIds((bank.entries ?? []).filter((e) => e.type === "scenario").map((e) => e.id)),
  };
}

/**
 * The built-in bank plus extra packs (`--questions` and KAFKA_PREP_QUESTIONS). A broken pack is a data error, exit 2.
 * The YAML loader (and zod) is imported only when the precompiled bank cannot serve: packs, or edited question files.
 */
export interface BankSource {
  /** --questions folders. */
  questions?: string[];
  /** false with --no-builtin. */
  builtin?: boolean;
  /** Where KAFKA_PREP_QUESTIONS is read. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Hears where the bank came from (KAFKA_PREP_DEBUG). */
  debug?: (message: string) => void;
}

export async function loadBank(from: string[] | BankSource = []): Promise<LoadedBank> {
  const { questions: cliPacks = [], builtin: withBuiltin = true, env, debug } = Array.isArray(from) ? { questions: from } : from;
  const packs = packDirs(cliPacks, env);
  if (!withBuiltin && !packs.length)
    throw new CliError(
      "--no-builtin leaves no questions: add the folders of your own with --questions <dir> (or KAFKA_PREP_QUESTIONS), or drop --no-builtin.",
    );
  const compiled = withBuiltin ? compiledBuiltin() : undefined;
  if (withBuiltin)
    debug?.(compiled ? "the built-in bank from the precompiled dist/questions.jsonl" : "the built-in bank from questions/*.yaml");
  if (compiled && !packs.length) return compiled;
  const { builtinLocation, builtinQuestionsDir, display, formatProblem, loadFromYaml, loadManifest } = await import("./load.js");
  const shown = packs.map((p) => display(p));
  if (!withBuiltin) {
    const only = loadFromYaml(packs);
    if (only.problems.length) throw dataError(only.problems, "the question packs", formatProblem, shown);
    return bankOf(only.questions, only.glossary, [...loadManifest(), ...only.sources]);
  }
  let builtin = compiled;
  if (!builtin) {
    // The list of source documents first: when it is missing, that is said at once, not after reading every file.
    const manifest = loadManifest();
    const result = loadFromYaml([builtinQuestionsDir()]);
    if (result.problems.length) throw dataError(result.problems, "the built-in question bank", formatProblem);
    builtin = bankOf(result.questions, result.glossary, manifest);
  }
  if (!packs.length) return builtin;
  const base = builtinAsParsed(builtin, builtinLocation);
  const extra = loadFromYaml(packs, { manifest: builtin.manifest, base });
  if (extra.problems.length) throw dataError(extra.problems, "the question packs", formatProblem, shown);
  return bankOf(
    [...builtin.questions, ...extra.questions],
    [...builtin.glossary, ...extra.glossary],
    [...builtin.manifest, ...extra.sources],
  );
}
