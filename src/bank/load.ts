import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { z } from "zod";
import { packageRoot } from "../paths.js";
import { type Bank, type GlossaryEntry, type Question, questionFileSchema } from "./schema.js";

/** Files above this size are refused before parsing. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Question files need no YAML aliases; a handful are tolerated, more is an alias bomb. */
const MAX_ALIASES = 20;

export interface Problem {
  file: string;
  line: number;
  col: number;
  path: string;
  message: string;
}

export interface ManifestItem {
  doc: string;
  ref: string;
  title: string;
  level?: string;
}

export interface LoadResult extends Bank {
  files: string[];
  problems: Problem[];
}

export function formatProblem(p: Problem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.col}` : p.file;
  return p.path ? `${where} ${p.path}: ${p.message}` : `${where} ${p.message}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** Where a path points in the document: the key of a map entry, or the item itself; the nearest existing parent when missing. */
function locate(doc: Document, path: readonly PropertyKey[]): number {
  for (let len = path.length; len >= 0; len--) {
    const parentPath = path.slice(0, len - 1) as unknown[];
    const key = path[len - 1];
    const parent = len === 0 ? doc.contents : (doc.getIn(parentPath, true) as Node | undefined);
    if (len === 0) return (parent as Node | null)?.range?.[0] ?? 0;
    if (isMap(parent)) {
      const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      // A scalar's problem is in its value; a list's or map's, at its key.
      const node = (isScalar(pair?.value) ? pair?.value : pair?.key) as Node | undefined;
      if (node?.range) return node.range[0];
    } else if (isSeq(parent) && typeof key === "number") {
      const item = parent.items[key] as Node | undefined;
      if (item?.range) return item.range[0];
    }
  }
  return 0;
}

export interface MessageOptions {
  /** How to word unknown keys: the files' own list of fields, not the question schema's. */
  unknownKey?: (keys: string[]) => string;
}

function issueMessage(issue: z.core.$ZodIssue, options: MessageOptions = {}): string {
  if (issue.code === "unrecognized_keys") {
    if (options.unknownKey) return options.unknownKey(issue.keys);
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}; check the spelling against schemas/question-file.json`;
  }
  if (issue.code === "invalid_value" && issue.values.length > 1) {
    return `expected one of ${issue.values.join(", ")}`;
  }
  if (issue.code === "invalid_union" && "discriminator" in issue) {
    return `expected "type" to be one of mcq, multi, truefalse, cloze, order, recall`;
  }
  if (issue.code === "invalid_union") {
    // A source: say what is wrong with the form it comes closest to, when one is clearly closer.
    const [best, next] = [...issue.errors].sort((a, b) => a.length - b.length);
    const inner = best?.length && (!next || best.length < next.length) ? best[0] : undefined;
    if (inner) return `${inner.path.length ? `${formatPath(inner.path)}: ` : ""}${issueMessage(inner)}`;
    return "expected a document source { doc, ref } or an official reference { url, title }";
  }
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return `missing required field (expected ${issue.expected})`;
  }
  return issue.message.replace(/^Invalid input: /, "");
}

interface Located<T> {
  value: T;
  line: number;
  col: number;
  path: string;
  /** Where a field inside the item is, for precise cross-file messages. */
  at?: (field: (string | number)[]) => { line: number; col: number };
}

/** What the cross-file checks read of an item, valid or not, so one broken field does not hide a duplicate id. */
interface Refs {
  id: string;
  prompt?: string;
  /** As written: only the document sources among them are checked against the manifest. */
  sources: unknown[];
  followUps: string[];
  related: string[];
  questions: string[];
}

export interface ParsedFile {
  file: string;
  /** Items that passed the schema: what the bank is made of. */
  questions: Located<Question>[];
  glossary: Located<GlossaryEntry>[];
  /** Every item with an id, valid or not: what the cross-file checks read. */
  refs?: { questions: Located<Refs>[]; glossary: Located<Refs>[] };
  problems: Problem[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

function looseRefs(item: unknown): Refs | undefined {
  if (!item || typeof item !== "object") return undefined;
  const o = item as Record<string, unknown>;
  if (typeof o.id !== "string") return undefined;
  const sources = Array.isArray(o.sources) ? o.sources : [];
  return {
    id: o.id,
    prompt: typeof o.prompt === "string" ? o.prompt : undefined,
    sources,
    followUps: strings(o.followUps),
    related: strings(o.related),
    questions: strings(o.questions),
  };
}

/** Parse YAML text and check it against a schema; every problem with its line and column, none thrown. */
export function parseYaml<T>(
  file: string,
  source: string,
  schema: z.ZodType<T>,
  options: MessageOptions = {},
): { data?: T; raw?: unknown; doc?: Document; at: (offset: number) => { line: number; col: number }; problems: Problem[] } {
  const problems: Problem[] = [];
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => counter.linePos(offset);
  const problem = (offset: number, path: string, message: string) => {
    const { line, col } = at(offset);
    problems.push({ file, line, col, path, message });
  };
  for (const err of doc.errors) problem(err.pos[0], "", `YAML syntax: ${err.message.split("\n")[0]}`);
  if (problems.length) return { at, problems };
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (err) {
    const message = (err as Error).message;
    problem(
      0,
      "",
      /alias/i.test(message)
        ? `refused: too many YAML aliases (${MAX_ALIASES} at most); expand them or split the file`
        : `YAML: ${message}`,
    );
    return { at, problems };
  }
  if (raw === null || raw === undefined) return { raw, doc, at, problems };
  const result = schema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) problem(locate(doc, issue.path), formatPath(issue.path), issueMessage(issue, options));
  }
  return { data: result.data, raw, doc, at, problems };
}

/** A question file's top level: the two lists and nothing else; their items are checked one by one. */
const fileShape = () =>
  z.strictObject({
    questions: z.array(z.unknown(), "expected a list of questions").optional(),
    glossary: z.array(z.unknown(), "expected a list of glossary entries").optional(),
  });

/** Parse and validate one question file's text. `file` is the name used in messages. */
export function parseQuestionFile(file: string, source: string): ParsedFile {
  const out: ParsedFile = { file, questions: [], glossary: [], problems: [] };
  // The file's shape here, each item below: every item goes through zod once.
  const parsed = parseYaml(file, source, fileShape());
  out.problems.push(...parsed.problems);
  const { doc, at, raw: data } = parsed;
  if (!doc) return out;
  if (data === null || data === undefined) {
    out.problems.push({ file, ...at(0), path: "", message: 'empty file; expected a "questions:" or "glossary:" list' });
    return out;
  }
  // Valid items are kept even when siblings are broken, so cross-file checks still see them.
  const raw = data as { questions?: unknown[]; glossary?: unknown[] };
  const schemaShape = questionFileSchema.shape;
  const qItem = schemaShape.questions.unwrap().element;
  const gItem = schemaShape.glossary.unwrap().element;
  const refs: NonNullable<ParsedFile["refs"]> = { questions: [], glossary: [] };
  const collect = <T>(list: unknown, key: "questions" | "glossary", schema: z.ZodType<T>, into: Located<T>[]) => {
    if (!Array.isArray(list)) return;
    list.forEach((item, i) => {
      const { line, col } = at(locate(doc, [key, i]));
      const path = `${key}[${i}]`;
      const r = schema.safeParse(item);
      if (r.success) into.push({ value: r.data, line, col, path });
      else {
        for (const issue of r.error.issues) {
          const full = [key, i, ...issue.path];
          out.problems.push({ file, ...at(locate(doc, full)), path: formatPath(full), message: issueMessage(issue) });
        }
      }
      const loose = looseRefs(item);
      if (loose) refs[key].push({ value: loose, line, col, path, at: (field) => at(locate(doc, [key, i, ...field])) });
    });
  };
  collect(raw.questions, "questions", qItem, out.questions);
  collect(raw.glossary, "glossary", gItem, out.glossary);
  out.refs = refs;
  return out;
}

/** Every .yaml/.yml file under the given files and folders, sorted, each once. */
export function findYamlFiles(paths: string[]): { files: string[]; problems: Problem[] } {
  const files = new Set<string>();
  const problems: Problem[] = [];
  const walk = (p: string) => {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch {
      problems.push({ file: display(p), line: 0, col: 0, path: "", message: "no such file or folder" });
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name.startsWith(".") || name === "node_modules") continue;
        const child = join(p, name);
        if (/\.ya?ml$/i.test(name) || statSync(child).isDirectory()) walk(child);
      }
    } else {
      files.add(realpathSync(p));
    }
  };
  for (const p of paths) walk(resolve(p));
  return { files: [...files].sort(), problems };
}

export function display(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith("..") ? rel : file;
}

export function readQuestionFile(path: string): ParsedFile {
  const file = display(path);
  const size = statSync(path).size;
  if (size > MAX_FILE_BYTES) {
    return {
      file,
      questions: [],
      glossary: [],
      problems: [
        {
          file,
          line: 0,
          col: 0,
          path: "",
          message: `refused: ${size} bytes is over the ${MAX_FILE_BYTES}-byte limit for a question file; split it into smaller files`,
        },
      ],
    };
  }
  return parseQuestionFile(file, readFileSync(path, "utf8"));
}

let manifestCache: ManifestItem[] | undefined;
export function loadManifest(): ManifestItem[] {
  if (!manifestCache) {
    const doc = parseDocument(readFileSync(join(packageRoot(), "sources", "MANIFEST.yaml"), "utf8"));
    manifestCache = (doc.toJS() as { items: ManifestItem[] }).items;
  }
  return manifestCache;
}

/** Checks that need every file at once: unique ids, references, sources named in the manifest. */
export function crossCheck(parsed: ParsedFile[], manifest: ManifestItem[]): Problem[] {
  const problems: Problem[] = [];
  const known = new Set(manifest.map((m) => `${m.doc}\u0000${m.ref}`));
  const docs = new Set(manifest.map((m) => m.doc));
  const questionIds = new Map<string, string>();
  const glossaryIds = new Map<string, string>();
  const prompts = new Map<string, string>();
  const refsOf = (f: ParsedFile) => f.refs ?? { questions: f.questions.map(asRefs), glossary: f.glossary.map(asRefs) };
  const register = (f: ParsedFile, item: Located<Refs>, ids: Map<string, string>, kind: string) => {
    const first = ids.get(item.value.id);
    const { line, col } = item.at?.(["id"]) ?? item;
    const here = `${f.file}:${line}:${col}`;
    if (first)
      problems.push({
        file: f.file,
        line,
        col,
        path: `${item.path}.id`,
        message: `duplicate ${kind}id "${item.value.id}", first defined at ${first}`,
      });
    else ids.set(item.value.id, here);
  };
  for (const f of parsed) {
    for (const q of refsOf(f).questions) {
      register(f, q, questionIds, "");
      if (!q.value.prompt) continue;
      const prompt = q.value.prompt.trim().toLowerCase().replace(/\s+/g, " ");
      const same = prompts.get(prompt);
      if (same && same !== q.value.id)
        problems.push({
          file: f.file,
          line: q.line,
          col: q.col,
          path: `${q.path}.prompt`,
          message: `same prompt as "${same}"; ask a different angle or merge them`,
        });
      else prompts.set(prompt, q.value.id);
    }
    for (const g of refsOf(f).glossary) register(f, g, glossaryIds, "glossary ");
  }
  for (const f of parsed) {
    const problem = (item: Located<Refs>, path: string, message: string, field: (string | number)[] = []) => {
      const { line, col } = item.at?.(field) ?? item;
      problems.push({ file: f.file, line, col, path: `${item.path}.${path}`, message });
    };
    const checkSources = (item: Located<Refs>) =>
      item.value.sources.forEach((raw, i) => {
        // An official URL's shape is the schema's business; only document sources name manifest items.
        const s = raw as { doc?: unknown; ref?: unknown } | null;
        if (typeof s?.doc !== "string" || typeof s.ref !== "string") return;
        if (known.has(`${s.doc}\u0000${s.ref}`)) return;
        problem(
          item,
          `sources[${i}]`,
          docs.has(s.doc)
            ? `unknown ref "${s.ref}" in ${s.doc}; use a ref listed in sources/MANIFEST.yaml`
            : `unknown doc "${s.doc}"; use a file name listed in sources/MANIFEST.yaml`,
          ["sources", i],
        );
      });
    const checkIds = (item: Located<Refs>, field: "followUps" | "related" | "questions", pool: Map<string, string>, kind: string) =>
      item.value[field].forEach((id, i) => {
        if (!pool.has(id)) problem(item, `${field}[${i}]`, `no ${kind} has id "${id}"`, [field, i]);
      });
    for (const q of refsOf(f).questions) {
      checkSources(q);
      checkIds(q, "followUps", questionIds, "question");
      if (q.value.followUps.includes(q.value.id)) problem(q, "followUps", "a question cannot follow up on itself");
    }
    for (const g of refsOf(f).glossary) {
      checkSources(g);
      checkIds(g, "related", glossaryIds, "glossary entry");
      checkIds(g, "questions", questionIds, "question");
    }
  }
  return problems;
}

function asRefs(item: Located<Question | GlossaryEntry>): Located<Refs> {
  const v = item.value as Partial<Question & GlossaryEntry> & { id: string };
  return {
    ...item,
    value: {
      id: v.id,
      prompt: v.prompt,
      sources: v.sources ?? [],
      followUps: v.followUps ?? [],
      related: v.related ?? [],
      questions: v.questions ?? [],
    },
  };
}

export function builtinQuestionsDir(): string {
  return join(packageRoot(), "questions");
}

/**
 * Load and check question files; every problem is collected, none thrown.
 * `base` (the built-in bank) takes part in the cross-file checks, so a pack may refer to its ids.
 */
export function loadFromYaml(paths: string[], options: { manifest?: ManifestItem[]; base?: ParsedFile } = {}): LoadResult {
  const found = findYamlFiles(paths);
  const parsed = found.files.map(readQuestionFile);
  const all = options.base ? [options.base, ...parsed] : parsed;
  const problems = [...found.problems, ...parsed.flatMap((p) => p.problems), ...crossCheck(all, options.manifest ?? loadManifest())];
  problems.sort((a, b) => (a.file === b.file ? a.line - b.line || a.col - b.col : a.file < b.file ? -1 : 1));
  return {
    files: found.files,
    questions: parsed.flatMap((p) => p.questions.map((q) => q.value)),
    glossary: parsed.flatMap((p) => p.glossary.map((g) => g.value)),
    problems,
  };
}
