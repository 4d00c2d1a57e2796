// What the build writes to dist/, readable without the YAML parser or zod so that `explain` starts fast.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type MiniSearch from "minisearch";
import { packageRoot } from "../paths.js";
import type { GlossaryEntry, Source } from "./schema.js";
import { exactNames } from "./terms.js";

export function compiledBankPath(): string {
  return join(packageRoot(), "dist", "bank.json");
}

export function compiledGlossaryPath(): string {
  return join(packageRoot(), "dist", "glossary.json");
}

/** The serialized search index, apart from the glossary so that an exact name never reads it. */
export function compiledIndexPath(): string {
  return join(packageRoot(), "dist", "glossary-index.json");
}

/** Names, sizes and modification times of the built-in question files: cheap to compute, changes on any edit. */
export function fingerprint(dir = join(packageRoot(), "questions")): string {
  const parts: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.ya?ml$/i.test(entry.name)) {
        const st = statSync(p);
        parts.push(`${relative(dir, p)}:${st.size}:${Math.trunc(st.mtimeMs)}`);
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return parts.join("|");
}

/** The glossary with just what `explain` shows of the rest of the bank. */
export interface GlossaryData {
  glossary: GlossaryEntry[];
  /** Prompts of the questions glossary entries point to, by id. */
  prompts: Record<string, string>;
  /** Manifest titles of the sources glossary entries cite, by `doc ref`. */
  titles: Record<string, string>;
  /** Entry ids by every term, id and alias as a `nameKey`, so an exact name needs no index. */
  names: Record<string, string[]>;
}

export interface CompiledGlossary extends GlossaryData {
  fingerprint: string;
}

export interface CompiledIndex {
  fingerprint: string;
  index: ReturnType<MiniSearch["toJSON"]>;
}

export const sourceKey = (s: Source): string => `${s.doc} ${s.ref}`;

/** Only what the entries refer to, so the file stays small. */
export function glossaryData(bank: {
  glossary: GlossaryEntry[];
  questions: { id: string; prompt: string }[];
  manifest: { doc: string; ref: string; title: string }[];
}): GlossaryData {
  const wanted = new Set(bank.glossary.flatMap((g) => g.questions));
  const cited = new Set(bank.glossary.flatMap((g) => g.sources.map(sourceKey)));
  const prompts: Record<string, string> = {};
  for (const q of bank.questions) if (wanted.has(q.id)) prompts[q.id] = q.prompt;
  const titles: Record<string, string> = {};
  for (const m of bank.manifest) if (cited.has(sourceKey(m))) titles[sourceKey(m)] = m.title;
  return { glossary: bank.glossary, prompts, titles, names: Object.fromEntries(exactNames(bank.glossary)) };
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch {
    return undefined;
  }
}

/** The compiled glossary when it was built from the question files as they are now; undefined otherwise. */
export function readCompiledGlossary(): CompiledGlossary | undefined {
  const data = readJson<CompiledGlossary>(compiledGlossaryPath());
  return data?.fingerprint === fingerprint() ? data : undefined;
}

/** The search index written with that glossary; undefined when it is missing or from another build. */
export function readCompiledIndex(glossary: CompiledGlossary): CompiledIndex["index"] | undefined {
  const data = readJson<CompiledIndex>(compiledIndexPath());
  return data?.fingerprint === glossary.fingerprint ? data.index : undefined;
}
