import { isUtf8 } from "node:buffer";
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { z } from "zod";
import { CliError } from "../errors.js";
import { packageRoot } from "../paths.js";
import { levenshtein } from "../text/typo.js";
import { readCompiledCatalog } from "./compiled.js";
import {
  type Bank,
  type DeclaredSource,
  type GlossaryEntry,
  glossarySchema,
  isOfficialUrl,
  keyPointSchema,
  OFFICIAL_URL_RULE,
  type Question,
  questionFileSchema,
  questionSchema,
} from "./schema.js";

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
  /** The documents the packs declare in their sources: blocks, each once. */
  sources: ManifestItem[];
  /** What each file holds, in the order read. */
  byFile: { file: string; questions: number; glossary: number }[];
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
function locate(doc: Document, path: readonly PropertyKey[], atKey = false): number {
  for (let len = path.length; len >= 0; len--) {
    const parentPath = path.slice(0, len - 1) as unknown[];
    const key = path[len - 1];
    const parent = len === 0 ? doc.contents : (doc.getIn(parentPath, true) as Node | undefined);
    if (len === 0) return (parent as Node | null)?.range?.[0] ?? 0;
    if (isMap(parent)) {
      const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      // A scalar's problem is in its value; a list's or map's, or a key's that should not be there, at its key.
      const node = (isScalar(pair?.value) && !(atKey && len === path.length) ? pair?.value : pair?.key) as Node | undefined;
      if (node?.range) return node.range[0];
    } else if (isSeq(parent) && typeof key === "number") {
      const item = parent.items[key] as Node | undefined;
      if (item?.range) return item.range[0];
    }
  }
  return 0;
}

/** Where an issue is in the file: an unknown key at the (first) key itself, anything else at its path. */
function locateIssue(doc: Document, prefix: readonly PropertyKey[], issue: z.core.$ZodIssue): number {
  if (issue.code === "unrecognized_keys" && issue.keys.length)
    return locate(doc, [...prefix, ...issue.path, issue.keys[0] as string], true);
  return locate(doc, [...prefix, ...issue.path]);
}

export interface MessageOptions {
  /** How to word unknown keys: the files' own list of fields, not the question schema's. */
  unknownKey?: (keys: string[], path: readonly PropertyKey[]) => string | undefined;
}

/** A value as a message names it: the text "yes", the number 5, a list. */
function describeValue(value: unknown): string {
  if (value === null) return "nothing (an empty value)";
  if (typeof value === "string") return `the text ${JSON.stringify(value)}`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  return "a mapping";
}

const YAML_WORDS = /^(yes|no|y|n|on|off)$/i;

/** What was expected, what was found and how to write it instead; `value` is what the file holds there. */
function wrongType(expected: string, value: unknown, written?: string): string {
  const found = describeValue(value);
  switch (expected) {
    case "boolean": {
      if (typeof value === "string" && /^(true|false)$/i.test(value.trim()))
        return `expected true or false, found ${found}; remove the quotes`;
      if (typeof value === "string" && YAML_WORDS.test(value.trim()))
        return `expected true or false, found ${found}; write true or false (yes, no, on and off are read as text)`;
      return `expected true or false, found ${found}`;
    }
    case "string":
      if (typeof value === "number" || typeof value === "boolean")
        return `expected text, found ${found}; put it in quotes ("${written ?? String(value)}") to keep it as text`;
      return `expected text, found ${found}`;
    case "array":
      return `expected a list, found ${found}; write it as [a, b] or as one "- item" line per entry`;
    case "object":
      return `expected a mapping of fields (key: value), found ${found}`;
    case "number":
      return `expected a number, found ${found}`;
    default:
      return `expected ${expected}, found ${found}`;
  }
}

/** Every field a question, a glossary entry or a source can have. */
let fieldNames: string[] | undefined;
function knownFields(): string[] {
  if (!fieldNames) {
    const shapes = [...questionSchema.options.map((o) => o.shape), glossarySchema.shape, keyPointSchema.shape];
    fieldNames = [...new Set(shapes.flatMap((shape) => Object.keys(shape)))];
  }
  return fieldNames;
}

/** The known field an unknown one is most likely a typo of ("promt" for "prompt"), if any is close. */
function nearestField(key: string): string | undefined {
  const budget = key.length >= 9 ? 2 : key.length >= 4 ? 1 : 0;
  if (!budget) return undefined;
  return knownFields().find((f) => levenshtein(key.toLowerCase(), f.toLowerCase(), budget) <= budget);
}

/** What the file holds at a path inside the item an issue is about. */
type ValueAt = (path: readonly PropertyKey[]) => unknown;
/** The same, as written in the file (0x10, 1e3 or .inf, not the number YAML reads). */
type WrittenAt = (path: readonly PropertyKey[]) => string | undefined;

/** The parser ran out of stack: nesting without end, which fails at every level. */
const tooDeep = (err: { message: string }) => /call stack/i.test(err.message);

/** A YAML parse error in words an author can act on; the library's own words otherwise. */
function yamlError(err: { code: string; message: string }): string {
  if (err.code === "MULTIPLE_DOCS") return 'YAML syntax: more than one document (a second "---"); keep one document per file';
  if (tooDeep(err)) return "YAML syntax: nested far too deeply to be a question file; check the brackets";
  return `YAML syntax: ${err.message.split("\n")[0]}`;
}

/** The source text of the scalar at a path of a document. */
function writtenIn(doc: Document, source: string, path: readonly PropertyKey[]): string | undefined {
  const node = doc.getIn(path as (string | number)[], true);
  return isScalar(node) && node.range ? source.slice(node.range[0], node.range[1]) : undefined;
}

function issueMessage(
  issue: z.core.$ZodIssue,
  options: MessageOptions = {},
  valueAt: ValueAt = () => undefined,
  writtenAt: WrittenAt = () => undefined,
): string {
  if (issue.code === "unrecognized_keys") {
    const worded = options.unknownKey?.(issue.keys, issue.path);
    if (worded) return worded;
    const near = issue.keys.flatMap((k) => {
      const f = nearestField(k);
      return f ? [issue.keys.length > 1 ? `"${f}" for "${k}"` : `"${f}"`] : [];
    });
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}${near.length ? ` (did you mean ${near.join(", ")}?)` : ""}; check the spelling against schemas/question-file.json`;
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
    if (inner)
      return `${inner.path.length ? `${formatPath(inner.path)}: ` : ""}${issueMessage(
        inner,
        {},
        (p) => valueAt([...inner.path, ...p]),
        (p) => writtenAt([...inner.path, ...p]),
      )}`;
    return "expected a document source { doc, ref } or a reference { url, title }";
  }
  if (issue.code === "invalid_type") {
    // zod does not report the input, so the file's own value tells a missing field from a wrong one.
    const value = valueAt([]);
    if (value === undefined)
      return `missing required field (${issue.expected === "boolean" ? "true or false" : `expected ${issue.expected}`})`;
    return wrongType(issue.expected, value, writtenAt([]));
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
  /** Question ids taken by something that is not a question of a file (a scenario family): no question may use one. */
  reserved?: { id: string; what: string }[];
  /** A file of the built-in bank, held to its rules: official references only, documents from the manifest. */
  builtin?: boolean;
  /** The documents a pack file declares in its sources: block. */
  sources?: Located<DeclaredSource>[];
  /** For items read without positions (the precompiled bank): where the item with this id is written. */
  where?: (kind: "questions" | "glossary", id: string) => string | undefined;
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

/** What the parsers need of a zod schema. Typed as this rather than z.ZodType<T>: relating a whole question schema to
 * z.ZodType<T> costs the type check about a second. */
type SafeParser<T> = { safeParse(data: unknown): z.ZodSafeParseResult<T> };

/** Parse YAML text and check it against a schema; every problem with its line and column, none thrown. */
export function parseYaml<T>(
  file: string,
  source: string,
  schema: SafeParser<T>,
  options: MessageOptions = {},
): { data?: T; raw?: unknown; doc?: Document; at: (offset: number) => { line: number; col: number }; problems: Problem[] } {
  const problems: Problem[] = [];
  const counter = new LineCounter();
  // Plain data only: no YAML 1.1 tags such as !!binary (a Buffer, whose methods read as keys) or !!timestamp, and no
  // warnings written to the terminal (a collection as a key is reported as a problem with its line instead).
  const doc = parseDocument(source, {
    lineCounter: counter,
    prettyErrors: false,
    uniqueKeys: true,
    logLevel: "error",
    resolveKnownTags: false,
  });
  const at = (offset: number) => counter.linePos(offset);
  const problem = (offset: number, path: string, message: string) => {
    const { line, col } = at(offset);
    problems.push({ file, line, col, path, message });
  };
  // Nesting without end fails at every level: said once.
  const errors = doc.errors.filter((e, i) => !tooDeep(e) || doc.errors.findIndex(tooDeep) === i);
  for (const err of errors) problem(err.pos[0], "", yamlError(err));
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
    for (const issue of result.error.issues)
      problem(
        locateIssue(doc, [], issue),
        formatPath(issue.path),
        issueMessage(
          issue,
          options,
          (p) => valueIn(raw, [...issue.path, ...p]),
          (p) => writtenIn(doc, source, [...issue.path, ...p]),
        ),
      );
  }
  return { data: result.data, raw, doc, at, problems };
}

/** A question file's top level: its lists and nothing else; their items are checked one by one. */
const fileShape = () =>
  z.strictObject({
    sources: z.array(z.unknown(), "expected a list of the pack's documents").optional(),
    questions: z.array(z.unknown(), "expected a list of questions").optional(),
    glossary: z.array(z.unknown(), "expected a list of glossary entries").optional(),
  });

/** What a value holds at a path inside it. */
const valueIn = (value: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined), value);

/** Parse and validate one question file's text. `file` is the name used in messages; `builtin` for a file of the
 * built-in bank, which cites official references only and lists its documents in the manifest. */
export function parseQuestionFile(file: string, source: string, options: { builtin?: boolean } = {}): ParsedFile {
  const out: ParsedFile = { file, questions: [], glossary: [], problems: [], builtin: options.builtin };
  // The file's shape here, each item below: every item goes through zod once.
  const parsed = parseYaml(file, source, fileShape());
  for (const problem of parsed.problems) out.problems.push(problem);
  const { doc, at, raw: data } = parsed;
  if (!doc) return out;
  if (data === null || data === undefined) {
    out.problems.push({ file, ...at(0), path: "", message: 'empty file; expected a "questions:" or "glossary:" list' });
    return out;
  }
  // Valid items are kept even when siblings are broken, so cross-file checks still see them.
  const raw = data as { sources?: unknown[]; questions?: unknown[]; glossary?: unknown[] };
  const schemaShape = questionFileSchema.shape;
  const declared = schemaShape.sources.unwrap().element;
  out.sources = [];
  if (Array.isArray(raw.sources)) {
    raw.sources.forEach((item, i) => {
      const { line, col } = at(locate(doc, ["sources", i]));
      const r = declared.safeParse(item);
      if (!r.success) {
        for (const issue of r.error.issues) {
          const full = ["sources", i, ...issue.path];
          const message = issueMessage(
            issue,
            {},
            (p) => valueIn(item, [...issue.path, ...p]),
            (p) => writtenIn(doc, source, [...full, ...p]),
          );
          out.problems.push({ file, ...at(locateIssue(doc, ["sources", i], issue)), path: formatPath(full), message });
        }
        return;
      }
      if (options.builtin)
        out.problems.push({
          file,
          line,
          col,
          path: `sources[${i}]`,
          message: "the built-in bank lists its documents in sources/MANIFEST.yaml; a sources: block is for a pack's own documents",
        });
      else out.sources?.push({ value: r.data, line, col, path: `sources[${i}]` });
    });
  }
  const qItem = schemaShape.questions.unwrap().element;
  const gItem = schemaShape.glossary.unwrap().element;
  const refs: NonNullable<ParsedFile["refs"]> = { questions: [], glossary: [] };
  const collect = <T>(list: unknown, key: "questions" | "glossary", schema: SafeParser<T>, into: Located<T>[]) => {
    if (!Array.isArray(list)) return;
    list.forEach((item, i) => {
      const { line, col } = at(locate(doc, [key, i]));
      const path = `${key}[${i}]`;
      const r = schema.safeParse(item);
      if (r.success) into.push({ value: r.data, line, col, path });
      else {
        for (const issue of r.error.issues) {
          const full = [key, i, ...issue.path];
          const message = issueMessage(
            issue,
            {},
            (p) => valueIn(item, [...issue.path, ...p]),
            (p) => writtenIn(doc, source, [...full, ...p]),
          );
          out.problems.push({ file, ...at(locateIssue(doc, [key, i], issue)), path: formatPath(full), message });
        }
      }
      const loose = looseRefs(item);
      if (loose) refs[key].push({ value: loose, line, col, path, at: (field) => at(locate(doc, [key, i, ...field])) });
    });
  };
  collect(raw.questions, "questions", qItem, out.questions);
  collect(raw.glossary, "glossary", gItem, out.glossary);
  out.refs = refs;
  if (options.builtin) {
    for (const item of [...refs.questions, ...refs.glossary]) {
      item.value.sources.forEach((s, i) => {
        const url = (s as { url?: unknown } | null)?.url;
        // Not https at all is the schema's message; an https page that is not an official one is this rule's.
        if (typeof url !== "string" || !url.trim().startsWith("https://") || isOfficialUrl(url.trim())) return;
        const { line, col } = item.at?.(["sources", i, "url"]) ?? item;
        out.problems.push({ file, line, col, path: `${item.path}.sources[${i}].url`, message: OFFICIAL_URL_RULE });
      });
    }
  }
  out.problems.sort((a, b) => a.line - b.line || a.col - b.col);
  return out;
}

/** Every .yaml/.yml file under the given files and folders, each once: in the order the paths are given, and sorted
 * within a folder, so that the built-in bank, given first, is read first. */
/** Whether a path is a folder; something that cannot be looked at (gone, a link loop) is not one. */
function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function findYamlFiles(paths: string[]): { files: string[]; problems: Problem[] } {
  const files = new Set<string>();
  const problems: Problem[] = [];
  const problem = (p: string, message: string) => problems.push({ file: display(p), line: 0, col: 0, path: "", message });
  const code = (err: unknown) => (err as NodeJS.ErrnoException).code ?? String(err);
  /** Folders read already, by their real path: a link back to one of them is not followed round again. */
  const folders = new Set<string>();
  const walk = (p: string, given: boolean) => {
    let st: ReturnType<typeof statSync>;
    let real: string;
    try {
      st = statSync(p);
      real = realpathSync(p);
    } catch (err) {
      // A file that went away while its folder was listed is simply not there; a link to nothing is said to be one.
      if (code(err) !== "ENOENT") problem(p, `cannot read it: ${code(err)}`);
      else if (given) problem(p, "no such file or folder");
      else if (lstatSync(p, { throwIfNoEntry: false })) problem(p, "a link to a file that does not exist");
      return;
    }
    if (!st.isDirectory()) {
      files.add(real);
      return;
    }
    if (folders.has(real)) return;
    folders.add(real);
    let names: string[];
    try {
      names = readdirSync(p).sort();
    } catch (err) {
      problem(p, `cannot list the folder: ${code(err)}`);
      return;
    }
    for (const name of names) {
      if (name.startsWith(".") || name === "node_modules") continue;
      const child = join(p, name);
      if (/\.ya?ml$/i.test(name) || isFolder(child)) walk(child, false);
    }
  };
  for (const p of paths) walk(resolve(p), true);
  return { files: [...files], problems };
}

export function display(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith("..") ? rel : file;
}

/** Where the first byte that cannot be UTF-8 is, or -1: a plain scan for lead and continuation bytes. */
function firstNonUtf8(b: Buffer): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

/** A file that is not UTF-8 is refused where it stops being so: decoded anyway, é in Latin-1 became U+FFFD, and a
 * right answer with it was graded wrong. */
function utf8Problem(b: Buffer): { problem: string; line: number; col: number } | undefined {
  if (isUtf8(b)) return undefined;
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))
    return { problem: "the file is UTF-16; save it as UTF-8", line: 1, col: 1 };
  const at = Math.max(0, firstNonUtf8(b));
  const before = b.subarray(0, at);
  const line = before.filter((x) => x === 0x0a).length + 1;
  const col = at - (before.lastIndexOf(0x0a) + 1) + 1;
  return {
    problem: `bytes that are not UTF-8 (0x${b[at]?.toString(16).padStart(2, "0") ?? "??"} here); save the file as UTF-8`,
    line,
    col,
  };
}

/** The text of a question file: a regular file only (a FIFO, a device or /dev/zero is refused without reading),
 * and never more than MAX_FILE_BYTES + 1 bytes read, whatever the file claims its size is. */
function readLimited(path: string): { text: string } | { problem: string; line?: number; col?: number } {
  let fd: number;
  try {
    // Non-blocking, so opening a FIFO does not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return { problem: `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { problem: "refused: not a regular file (a folder, device or pipe); point --questions at YAML files" };
    const buf = Buffer.allocUnsafe(MAX_FILE_BYTES + 1);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) break;
      got += n;
    }
    if (got > MAX_FILE_BYTES) {
      return { problem: `refused: the file is over the ${MAX_FILE_BYTES}-byte limit for a question file; split it into smaller files` };
    }
    const bytes = buf.subarray(0, got);
    return utf8Problem(bytes) ?? { text: bytes.toString("utf8") };
  } catch (err) {
    return { problem: `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

export function readQuestionFile(path: string, options: { builtin?: boolean } = {}): ParsedFile {
  const file = display(path);
  const read = readLimited(path);
  if ("problem" in read) {
    return {
      file,
      builtin: options.builtin,
      questions: [],
      glossary: [],
      problems: [{ file, line: read.line ?? 0, col: read.col ?? 0, path: "", message: read.problem }],
    };
  }
  return parseQuestionFile(file, read.text, options);
}

/** The built-in documents as sources/MANIFEST.yaml lists them. */
export function readManifestFile(): ManifestItem[] {
  const file = join(packageRoot(), "sources", "MANIFEST.yaml");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new CliError(
      `cannot read the list of source documents ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}.\n` +
        "The installation is incomplete: reinstall kafka-prep (in a clone: git checkout sources/MANIFEST.yaml).",
    );
  }
  const doc = parseDocument(text);
  const items = (doc.toJS() as { items?: unknown } | null)?.items;
  const valid = (i: unknown) =>
    typeof i === "object" && i !== null && typeof (i as ManifestItem).doc === "string" && typeof (i as ManifestItem).ref === "string";
  if (doc.errors.length || !Array.isArray(items) || !items.every(valid)) {
    const at = doc.errors[0] ? `:${doc.errors[0].linePos?.[0].line ?? 1}:${doc.errors[0].linePos?.[0].col ?? 1}` : "";
    throw new CliError(
      `${file}${at}: not a list of source documents (expected "items:", each with a doc and a ref).\n` +
        "Restore the file: reinstall kafka-prep (in a clone: git checkout sources/MANIFEST.yaml).",
    );
  }
  return items as ManifestItem[];
}

let manifestCache: ManifestItem[] | undefined;
/** The built-in documents: from the compiled catalog when it is current (no YAML to parse), else from the file. */
export function loadManifest(): ManifestItem[] {
  manifestCache ??= readCompiledCatalog()?.manifest ?? readManifestFile();
  return manifestCache;
}

/** Where an id was first defined: in a built-in file or a pack, and at which file:line:column. */
interface FirstDefined {
  builtin: boolean;
  where: () => string;
}

const listed = (items: string[], max = 6): string =>
  items.length > max ? `${items.slice(0, max).join(", ")}, … (${items.length} in all)` : items.join(", ");

/** Checks that need every file at once: unique ids, references, sources named in the manifest or declared by a pack. */
export function crossCheck(parsed: ParsedFile[], manifest: ManifestItem[]): Problem[] {
  const problems: Problem[] = [];
  const builtinDocs = new Set(manifest.map((m) => m.doc));
  const known = new Set(manifest.map((m) => `${m.doc}\u0000${m.ref}`));
  // A pack's declared documents count for every pack file read with it, as the manifest does for the bank.
  const declared = new Map<string, { title: string; where: string }>();
  const declaredRefs = new Map<string, string[]>();
  for (const f of parsed) {
    for (const d of f.sources ?? []) {
      const { doc, ref, title } = d.value;
      const here = `${f.file}:${d.line}:${d.col}`;
      const at = { file: f.file, line: d.line, col: d.col, path: d.path };
      if (builtinDocs.has(doc)) {
        problems.push({
          ...at,
          message: `"${doc}" is one of the built-in source documents; cite it as { doc: ${doc}, ref: … } without declaring it`,
        });
        continue;
      }
      const key = `${doc}\u0000${ref}`;
      const first = declared.get(key);
      if (first && first.title !== title) {
        problems.push({
          ...at,
          message: `${doc} ref "${ref}" is already declared at ${first.where} with the title "${first.title}"; declare it once, or give this part another ref`,
        });
        continue;
      }
      if (first) continue;
      declared.set(key, { title, where: here });
      known.add(key);
      declaredRefs.set(doc, [...(declaredRefs.get(doc) ?? []), ref]);
    }
  }
  const questionIds = new Map<string, FirstDefined>();
  const glossaryIds = new Map<string, FirstDefined>();
  const prompts = new Map<string, string>();
  const refsOf = (f: ParsedFile) => f.refs ?? { questions: f.questions.map(asRefs), glossary: f.glossary.map(asRefs) };
  const reserved = new Map(parsed.flatMap((f) => (f.reserved ?? []).map((r) => [r.id, r.what] as const)));
  const register = (f: ParsedFile, item: Located<Refs>, ids: Map<string, FirstDefined>, kind: "questions" | "glossary") => {
    const id = item.value.id;
    const first = ids.get(id);
    const { line, col } = item.at?.(["id"]) ?? item;
    const taken = kind === "questions" ? reserved.get(id) : undefined;
    if (taken) {
      problems.push({
        file: f.file,
        line,
        col,
        path: `${item.path}.id`,
        message: `id "${id}" is taken by ${taken}; give this question another id, or use only your packs with --no-builtin`,
      });
      return;
    }
    if (!first) {
      const where = () => f.where?.(kind, id) ?? (line > 0 ? `${f.file}:${line}:${col}` : f.file);
      ids.set(id, { builtin: f.builtin === true, where });
      return;
    }
    const what = kind === "questions" ? "question" : "glossary entry";
    problems.push({
      file: f.file,
      line,
      col,
      path: `${item.path}.id`,
      message:
        first.builtin && !f.builtin
          ? `duplicate ${kind === "questions" ? "" : "glossary "}id "${id}": the built-in bank already has a ${what} with this id (${first.where()}); give this one another id, or use only your packs with --no-builtin`
          : `duplicate ${kind === "questions" ? "" : "glossary "}id "${id}", first defined at ${first.where()}; ids are unique across every file, so rename one of them`,
    });
  };
  for (const f of parsed) {
    for (const q of refsOf(f).questions) {
      register(f, q, questionIds, "questions");
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
    for (const g of refsOf(f).glossary) register(f, g, glossaryIds, "glossary");
  }
  for (const f of parsed) {
    const problem = (item: Located<Refs>, path: string, message: string, field: (string | number)[] = []) => {
      const { line, col } = item.at?.(field) ?? item;
      problems.push({ file: f.file, line, col, path: `${item.path}.${path}`, message });
    };
    const unknownDoc = (doc: string): string =>
      f.builtin
        ? `unknown doc "${doc}"; use a file name listed in sources/MANIFEST.yaml`
        : `unknown doc "${doc}"; declare it in a sources: block at the top of the file (sources: [{ doc: ${doc}, ref: ch1, title: "…" }]), or cite a document listed in sources/MANIFEST.yaml`;
    const unknownRef = (doc: string, ref: string): string => {
      const refs = declaredRefs.get(doc);
      if (refs) return `unknown ref "${ref}" in ${doc}; the sources: blocks declare ${listed(refs)}; add it there or cite one of them`;
      return `unknown ref "${ref}" in ${doc}; use a ref listed in sources/MANIFEST.yaml`;
    };
    const checkSources = (item: Located<Refs>) =>
      item.value.sources.forEach((raw, i) => {
        // A URL's shape is the schema's business; only document sources name manifest or declared items.
        const s = raw as { doc?: unknown; ref?: unknown } | null;
        if (typeof s?.doc !== "string" || typeof s.ref !== "string") return;
        if (known.has(`${s.doc}\u0000${s.ref}`)) return;
        const docKnown = builtinDocs.has(s.doc) || (!f.builtin && declaredRefs.has(s.doc));
        problem(item, `sources[${i}]`, docKnown ? unknownRef(s.doc, s.ref) : unknownDoc(s.doc), ["sources", i]);
      });
    const checkIds = (item: Located<Refs>, field: "followUps" | "related" | "questions", pool: Map<string, FirstDefined>, kind: string) =>
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

/** The documents the packs declare, each once, as manifest items. */
export function declaredSources(parsed: ParsedFile[], manifest: ManifestItem[]): ManifestItem[] {
  const builtinDocs = new Set(manifest.map((m) => m.doc));
  const seen = new Set<string>();
  const out: ManifestItem[] = [];
  for (const f of parsed) {
    for (const { value: d } of f.sources ?? []) {
      const key = `${d.doc}\u0000${d.ref}`;
      if (builtinDocs.has(d.doc) || seen.has(key)) continue;
      seen.add(key);
      out.push({ doc: d.doc, ref: d.ref, title: d.title });
    }
  }
  return out;
}

let builtinPlaces: Map<string, string> | undefined;

/**
 * Where a built-in question or glossary entry is written, as "questions/producers.yaml:3:9", for messages about
 * the precompiled bank, which keeps no positions. Only the YAML is parsed, without the schema, and only once.
 */
export function builtinLocation(kind: "questions" | "glossary", id: string): string | undefined {
  if (!builtinPlaces) {
    const places = new Map<string, string>();
    const root = packageRoot();
    for (const path of findYamlFiles([builtinQuestionsDir()]).files) {
      const counter = new LineCounter();
      const doc = parseDocument(readFileSync(path, "utf8"), { lineCounter: counter });
      for (const key of ["questions", "glossary"] as const) {
        const list = doc.get(key, true);
        if (!isSeq(list)) continue;
        for (const item of list.items) {
          if (!isMap(item)) continue;
          const pair = item.items.find((p) => (p.key as { value?: unknown } | null)?.value === "id");
          const value = pair?.value as Node | undefined;
          if (!isScalar(value) || typeof value.value !== "string" || !value.range) continue;
          const { line, col } = counter.linePos(value.range[0]);
          places.set(`${key} ${value.value}`, `${relative(root, path)}:${line}:${col}`);
        }
      }
    }
    builtinPlaces = places;
  }
  return builtinPlaces.get(`${kind} ${id}`);
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

/** The built-in questions folder as the files found in it are named (links resolved). */
function builtinRoot(): string {
  const dir = builtinQuestionsDir();
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

/**
 * Load and check question files; every problem is collected, none thrown. Files under the built-in questions folder
 * follow the bank's rules; any other file is a pack.
 * `base` (the built-in bank) takes part in the cross-file checks, so a pack may refer to its ids.
 */
export function loadFromYaml(
  paths: string[],
  options: { manifest?: ManifestItem[]; base?: ParsedFile; reserved?: ParsedFile["reserved"] } = {},
): LoadResult {
  const found = findYamlFiles(paths);
  const root = `${builtinRoot()}${sep}`;
  const parsed = found.files.map((f) => readQuestionFile(f, { builtin: f.startsWith(root) }));
  // Ids something else holds (the scenario families) take part as a file of no questions.
  const taken: ParsedFile[] = options.reserved?.length
    ? [{ file: "reserved ids", builtin: true, problems: [], questions: [], glossary: [], reserved: options.reserved }]
    : [];
  const all = [...(options.base ? [options.base] : []), ...taken, ...parsed];
  const manifest = options.manifest ?? loadManifest();
  const problems = [...found.problems, ...parsed.flatMap((p) => p.problems), ...crossCheck(all, manifest)];
  problems.sort((a, b) => (a.file === b.file ? a.line - b.line || a.col - b.col : a.file < b.file ? -1 : 1));
  return {
    files: found.files,
    questions: parsed.flatMap((p) => p.questions.map((q) => q.value)),
    glossary: parsed.flatMap((p) => p.glossary.map((g) => g.value)),
    problems,
    sources: declaredSources(parsed, manifest),
    byFile: parsed.map((p) => ({ file: p.file, questions: p.questions.length, glossary: p.glossary.length })),
  };
}
