// What the build writes to dist/, readable without the YAML parser or zod so that `explain` starts fast.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../paths.js";
import type { PlainIndex } from "./plain-index.js";
import type { GlossaryEntry, Level, Question, QuestionType, Topic } from "./schema.js";
import { sourceKey } from "./sources.js";
import { exactNames } from "./terms.js";

export function compiledBankPath(): string {
  return join(packageRoot(), "dist", "bank.json");
}

/** The bank as the CLI reads it: a header line with every question's catalogue entry, then one line per question. */
export function compiledCatalogPath(root = packageRoot()): string {
  return join(root, "dist", "questions.jsonl");
}

/** What a question is, without its answer: enough to filter, count, list and plan a round. */
export interface CatalogEntry {
  id: string;
  level: Level;
  /** A scenario family offers several levels; `level` is its lowest. */
  levels?: Level[];
  topics: Topic[];
  type: QuestionType;
  prompt: string;
  followUps?: string[];
}

export function catalogEntry(q: Question): CatalogEntry {
  const e: CatalogEntry = { id: q.id, level: q.level, topics: q.topics, type: q.type, prompt: q.prompt };
  if (q.followUps) e.followUps = q.followUps;
  return e;
}

interface CatalogHeader {
  fingerprint: string;
  entries: CatalogEntry[];
  /** The scenario families, each one entry: generated questions are counted and scheduled by family. */
  scenarios?: CatalogEntry[];
  manifest: { doc: string; ref: string; title: string; level?: string }[];
  /** Where each question's line ends, in bytes after the header line. */
  ends: number[];
}

/** Lines of JSON: the header, then each question, so a command decodes only the questions it shows. */
export function compiledCatalogText(
  fingerprint: string,
  questions: Question[],
  manifest: CatalogHeader["manifest"],
  scenarios: CatalogEntry[] = [],
): string {
  const lines = questions.map((q) => JSON.stringify(q));
  return [JSON.stringify(lineHeader({ fingerprint, entries: questions.map(catalogEntry), scenarios, manifest }, lines)), ...lines].join(
    "\n",
  );
}

function lineHeader<T extends object>(head: T, lines: string[]): T & { ends: number[] } {
  const ends: number[] = [];
  let at = 0;
  for (const line of lines) {
    at += Buffer.byteLength(line) + 1;
    ends.push(at - 1);
  }
  return { ...head, ends };
}

export interface CompiledCatalog {
  entries: CatalogEntry[];
  scenarios: CatalogEntry[];
  manifest: CatalogHeader["manifest"];
  question(id: string): Question | undefined;
  all(): Question[];
}

/** The compiled bank when it was built from the question files as they are now; undefined otherwise. */
export function readCompiledCatalog(root = packageRoot()): CompiledCatalog | undefined {
  const read = readLines<CatalogHeader, Question>(compiledCatalogPath(root), root);
  if (!read) return undefined;
  const { head, line } = read;
  const at = new Map(head.entries.map((e, i) => [e.id, i]));
  return {
    entries: head.entries,
    scenarios: head.scenarios ?? [],
    manifest: head.manifest,
    question: (id) => {
      const i = at.get(id);
      return i === undefined ? undefined : line(i);
    },
    all: () => head.entries.map((_, i) => line(i)).filter((q): q is Question => q !== undefined),
  };
}

/** A header line and one JSON value per line after it, each decoded once, on first use. */
function readLines<H extends { fingerprint: string; ends: number[] }, T>(
  file: string,
  root: string,
): { head: H; line: (i: number) => T | undefined } | undefined {
  let bytes: Buffer;
  let head: H;
  try {
    bytes = readFileSync(file);
    const nl = bytes.indexOf(10);
    head = JSON.parse(bytes.toString("utf8", 0, nl < 0 ? bytes.length : nl)) as H;
    if (!Array.isArray(head.ends)) return undefined;
  } catch {
    return undefined;
  }
  if (head.fingerprint !== fingerprint(root)) return undefined;
  const body = bytes.indexOf(10) + 1;
  const parsed = new Map<number, T>();
  return {
    head,
    line: (i) => {
      let r = parsed.get(i);
      const end = head.ends[i];
      if (r === undefined && end !== undefined) {
        try {
          r = JSON.parse(bytes.toString("utf8", body + (i ? (head.ends[i - 1] as number) + 1 : 0), body + end)) as T;
          parsed.set(i, r);
        } catch {
          // A damaged line reads as a missing item; "npm run build" writes the file again.
        }
      }
      return r;
    },
  };
}

export function compiledGlossaryPath(root = packageRoot()): string {
  return join(root, "dist", "glossary.json");
}

/** The serialized search index, apart from the glossary so that an exact name never reads it. */
export function compiledIndexPath(root = packageRoot()): string {
  return join(root, "dist", "glossary-index.json");
}

/** The built-in question files, as paths relative to `dir`, sorted. */
export function questionFiles(dir: string): string[] {
  const out: string[] = [];
  // Plain string paths: node:path's join and relative cost more at start-up than the walk itself.
  const walk = (abs: string, rel: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.isDirectory()) walk(`${abs}/${entry.name}`, `${rel}${entry.name}/`);
      else if (/\.ya?ml$/i.test(entry.name)) out.push(`${rel}${entry.name}`);
    }
  };
  if (existsSync(dir)) walk(dir, "");
  return out;
}

/** The list of the built-in documents, which the compiled catalog carries too; beside the questions folder. */
const manifestOf = (dir: string) => `${dir}/../sources/MANIFEST.yaml`;

/** Names, sizes and modification times: cheap, and the same as long as nobody touched the files. */
function stampOf(dir: string): string {
  return [...questionFiles(dir).map((f) => `${dir}/${f}`), manifestOf(dir)]
    .map((path) => {
      const st = statSync(path, { throwIfNoEntry: false });
      return st ? `${path.slice(dir.length + 1)}:${st.size}:${Math.trunc(st.mtimeMs)}` : "";
    })
    .join("|");
}

/** What the question files and the manifest say: the same in a clone, a packed tarball and an installed copy, whatever their times. */
export function contentHash(dir = join(packageRoot(), "questions")): string {
  // node:crypto costs a few milliseconds to load, and the clone that built dist/ never needs it here.
  const hash = process.getBuiltinModule("node:crypto").createHash("sha256");
  for (const f of questionFiles(dir)) {
    hash.update(`${f}\0`);
    hash.update(readFileSync(`${dir}/${f}`));
    hash.update("\0");
  }
  if (existsSync(manifestOf(dir))) hash.update(readFileSync(manifestOf(dir)));
  return hash.digest("hex");
}

/** What the build saw: the files' stamp, for a quick check, and their content hash, which the built files carry. */
export interface BuildStamp {
  stamp: string;
  hash: string;
  /** A hash of the compiler's code, so a build with a changed compiler compiles again. */
  compiler?: string;
}

export function buildStampPath(root = packageRoot()): string {
  return join(root, "dist", "build-stamp.json");
}

export function buildStamp(dir = join(packageRoot(), "questions")): BuildStamp {
  return { stamp: stampOf(dir), hash: contentHash(dir) };
}

const current = new Map<string, string | null>();

/** A stamp's names and sizes: each `name:size:time` without its time. */
const withoutTimes = (stamp: unknown) => (typeof stamp === "string" ? stamp.replace(/:\d+(?=\||$)/g, "") : undefined);

/**
 * The content hash of the build in dist/ when it was made from the question files as they are now; undefined when
 * there is no build or the files changed since. The stamp answers at once in the clone that built it and in an
 * installed copy (by names and sizes); elsewhere (a fresh checkout) the files' content decides.
 */
export function fingerprint(root = packageRoot()): string | undefined {
  let known = current.get(root);
  if (known === undefined) {
    known = null;
    try {
      const built = JSON.parse(readFileSync(buildStampPath(root), "utf8")) as BuildStamp;
      const dir = join(root, "questions");
      const stamp = stampOf(dir);
      // Installing a package sets new file times; nobody edits an installed copy, so there the names and sizes tell.
      const installed = root.split(/[\\/]/).includes("node_modules") && withoutTimes(built.stamp) === withoutTimes(stamp);
      if (typeof built.hash === "string" && (built.stamp === stamp || installed || built.hash === contentHash(dir))) known = built.hash;
    } catch {
      // No build yet, or a damaged stamp: the question files are read instead.
    }
    current.set(root, known);
  }
  return known ?? undefined;
}

/** One glossary entry with the question prompts and source titles it shows. */
export interface EntryRecord {
  entry: GlossaryEntry;
  prompts: Record<string, string>;
  titles: Record<string, string>;
  /** The scenario families that drill this entry. */
  scenarios?: { id: string; title: string }[];
}

/** The glossary as explain reads it: names and terms at once, an entry's full text only when it is shown. */
export interface Glossary {
  fingerprint: string;
  /** Entry ids by every term, id and alias as a `nameKey`, so an exact name needs no index. */
  names: Record<string, string[]>;
  /** Terms by id, for the related line. */
  terms: Record<string, string>;
  get(id: string): EntryRecord | undefined;
  /** Every entry; reads them all. */
  entries(): GlossaryEntry[];
  /** Every entry's id, term and aliases: what search needs besides its index, without reading the entries. */
  headings(): { id: string; term: string; aliases: string[] }[];
}

interface Header {
  fingerprint: string;
  ids: string[];
  names: Record<string, string[]>;
  terms: Record<string, string>;
  aliases: Record<string, string[]>;
  /** Where each entry's line ends, in bytes after the header line, so one entry is decoded without the rest. */
  ends: number[];
}

export interface CompiledIndex {
  fingerprint: string;
  index: PlainIndex;
  /** The written forms of each stem, for the search's check of what a typo or prefix stood for. */
  forms: Record<string, string[]>;
}

export { sourceKey };

interface BankPart {
  glossary: GlossaryEntry[];
  questions: { id: string; prompt: string }[];
  manifest: { doc: string; ref: string; title: string }[];
}

/** A scenario family and the glossary entries it drills, as the build lists them. */
export interface ScenarioLink {
  id: string;
  title: string;
  glossary: string[];
}

function records(bank: BankPart, links: ScenarioLink[] = []): EntryRecord[] {
  const prompts = new Map(bank.questions.map((q) => [q.id, q.prompt]));
  const titles = new Map(bank.manifest.map((m) => [sourceKey(m), m.title]));
  return bank.glossary.map((entry) => {
    const r: EntryRecord = { entry, prompts: {}, titles: {} };
    const scenarios = links.filter((l) => l.glossary.includes(entry.id)).map(({ id, title }) => ({ id, title }));
    if (scenarios.length) r.scenarios = scenarios;
    for (const id of entry.questions) {
      const p = prompts.get(id);
      if (p !== undefined) r.prompts[id] = p;
    }
    for (const s of entry.sources) {
      const t = titles.get(sourceKey(s));
      if (t !== undefined) r.titles[sourceKey(s)] = t;
    }
    return r;
  });
}

function header(fingerprint: string, glossary: GlossaryEntry[]): Omit<Header, "ends"> {
  return {
    fingerprint,
    ids: glossary.map((e) => e.id),
    names: Object.fromEntries(exactNames(glossary)),
    terms: Object.fromEntries(glossary.map((e) => [e.id, e.term])),
    aliases: Object.fromEntries(glossary.map((e) => [e.id, e.aliases])),
  };
}

function store(head: Omit<Header, "ends">, record: (i: number) => EntryRecord | undefined): Glossary {
  const at = new Map(head.ids.map((id, i) => [id, i]));
  return {
    fingerprint: head.fingerprint,
    names: head.names,
    terms: head.terms,
    get: (id) => {
      const i = at.get(id);
      return i === undefined ? undefined : record(i);
    },
    entries: () => head.ids.map((_, i) => record(i)?.entry).filter((e): e is GlossaryEntry => e !== undefined),
    headings: () => head.ids.map((id) => ({ id, term: head.terms[id] ?? id, aliases: head.aliases?.[id] ?? [] })),
  };
}

/** The glossary of a bank loaded in memory, for packs and a stale build. */
export function glossaryOf(bank: BankPart, links: ScenarioLink[] = []): Glossary {
  const list = records(bank, links);
  return store(header("", bank.glossary), (i) => list[i]);
}

/** The file the build writes: a header line, then one line per entry, so explain decodes only the entries it shows. */
export function compiledGlossaryText(fingerprint: string, bank: BankPart, links: ScenarioLink[] = []): string {
  const lines = records(bank, links).map((r) => JSON.stringify(r));
  return [JSON.stringify(lineHeader(header(fingerprint, bank.glossary), lines)), ...lines].join("\n");
}

/** The compiled glossary when it was built from the question files as they are now; undefined otherwise. */
export function readCompiledGlossary(root = packageRoot()): Glossary | undefined {
  const read = readLines<Header, EntryRecord>(compiledGlossaryPath(root), root);
  return read && store(read.head, read.line);
}

/** The search index written with that glossary; undefined when it is missing or from another build. */
export function readCompiledIndex(glossary: Glossary, root = packageRoot()): Omit<CompiledIndex, "fingerprint"> | undefined {
  try {
    const data = JSON.parse(readFileSync(compiledIndexPath(root), "utf8")) as CompiledIndex;
    return data.fingerprint === glossary.fingerprint && data.forms ? { index: data.index, forms: data.forms } : undefined;
  } catch {
    return undefined;
  }
}
