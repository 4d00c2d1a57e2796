import chalk from "chalk";
import { type EntryRecord, type Glossary, glossaryOf, readCompiledGlossary, readCompiledIndex, sourceKey } from "../bank/compiled.js";
import { TOPICS } from "../bank/constants.js";
import type { GlossaryEntry } from "../bank/schema.js";
import type { GlossarySearch } from "../bank/search.js";
import { sourceLabel } from "../bank/sources.js";
import { exactIds } from "../bank/terms.js";
import type { Context } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import { packageRoot } from "../paths.js";
import { quoted } from "../text/control.js";
import { boundedQuery, CUT_NOTICE } from "../text/query.js";
import { drillCommand } from "../ui/drill.js";
import { count } from "../ui/format.js";
import { truncate, wrap } from "../ui/wrap.js";
import type { OptionsOf } from "./options.js";
import { bankFor, debugFor } from "./shared.js";
import type { explain } from "./specs.js";

interface Loaded {
  glossary: Glossary;
  /** Full-text search, loaded only when the query is not an exact term or alias. */
  search: () => Promise<GlossarySearch>;
}

/** The prebuilt glossary and index when they are current; otherwise the bank from YAML, packs included. */
async function load(opts: OptionsOf<typeof explain>, ctx: Context): Promise<Loaded> {
  const usesPacks = (opts.questions ?? []).length > 0 || (ctx.env.KAFKA_PREP_QUESTIONS ?? "") !== "" || opts.builtin === false;
  const root = packageRoot();
  const compiled = usesPacks ? undefined : readCompiledGlossary(root);
  if (!usesPacks) debugFor(ctx)?.(compiled ? "the glossary from the precompiled dist/glossary.json" : "the glossary from questions/*.yaml");
  const glossary =
    compiled ??
    glossaryOf(await bankFor(opts, ctx), opts.builtin === false ? [] : (await import("../quiz/scenario-question.js")).scenarioLinks());
  const search = async () => {
    const [{ createSearch, INDEX_OPTIONS, surfaceForms }, { plainSearcher }] = await Promise.all([
      import("../bank/search.js"),
      import("../bank/plain-index.js"),
    ]);
    // The index the build wrote; for packs and edited files, one built now (MiniSearch is loaded only then).
    const built = compiled && readCompiledIndex(compiled, root);
    debugFor(ctx)?.(built ? "the search index from the precompiled dist/glossary-index.json" : "the search index built now");
    const { index, forms } = built || {
      index: (await import("../bank/index-build.js")).buildPlainIndex(glossary.entries()),
      forms: surfaceForms(glossary.entries()),
    };
    return createSearch(glossary.headings(), plainSearcher(index, INDEX_OPTIONS), new Map(Object.entries(glossary.names)), forms);
  };
  return { glossary, search };
}

/** The best entry and the next few worth a "see also", best first; none when nothing fits. */
async function find(data: Loaded, query: string): Promise<{ ids: string[]; suggestions: string[] }> {
  const exact = exactIds(data.glossary.names, query);
  if (exact.length) return { ids: exact, suggestions: [] };
  const { seeAlso } = await import("../bank/search.js");
  const search = await data.search();
  const hits = search.search(query);
  if (!hits.length) return { ids: [], suggestions: search.suggest(query) };
  return { ids: [hits[0]?.id as string, ...seeAlso(hits).map((h) => h.id)], suggestions: [] };
}

const LABEL = 11;

function field(label: string, value: string, width: number): string {
  return `${chalk.bold(label.padEnd(LABEL))}${wrap(value, width, LABEL)}`;
}

/** The details, cut at a sentence end to fit `maxLines` unless everything is wanted. */
function detailsText(details: string, width: number, maxLines: number): { text: string; cut: boolean } {
  const all = wrap(details, width);
  if (all.split("\n").length <= maxLines) return { text: all, cut: false };
  const sentences = details.match(/[^.!?]+(?:[.!?]+(?=\s|$)|$)/g) ?? [details];
  let kept = "";
  for (const s of sentences) {
    const next = `${kept}${s}`;
    if (kept && wrap(next.trim(), width).split("\n").length > maxLines) break;
    kept = next;
  }
  const text = wrap(kept.trim(), width);
  return text.split("\n").length > maxLines ? { text: text.split("\n").slice(0, maxLines).join("\n"), cut: true } : { text, cut: true };
}

function kindLabel(e: GlossaryEntry): string {
  return e.kind === "config" ? `${e.scope ? `${e.scope} ` : ""}config` : (e.scope ?? "concept");
}

export function renderEntry(shown: EntryRecord, terms: Record<string, string>, width: number, full: boolean): string[] {
  const { entry: e, prompts, titles } = shown;
  const lines: string[] = [];
  lines.push(`${chalk.bold.cyan(e.term)}  ${chalk.dim(kindLabel(e))}`);
  lines.push(wrap(e.summary, width));
  lines.push("");
  const details = detailsText(e.details, width, full ? Number.POSITIVE_INFINITY : 8);
  lines.push(details.text);
  if (details.cut) lines.push(chalk.dim("… more with --full"));
  lines.push("");
  if (e.default !== undefined) lines.push(field("Default", `${e.default}${e.since ? ` (since Kafka ${e.since})` : ""}`, width));
  else if (e.since) lines.push(field("Since", `Kafka ${e.since}`, width));
  if (e.tradeoff) lines.push(field("Trade-off", e.tradeoff, width));
  if (e.note) lines.push(`${chalk.bold.yellow("Note".padEnd(LABEL))}${wrap(e.note, width, LABEL)}`);
  const related = e.related.map((id) => terms[id] ?? id);
  if (related.length) lines.push(field("Related", related.join(", "), width));
  if (e.questions.length) {
    const shown = full ? e.questions : e.questions.slice(0, 3);
    const items = shown.map((id) => {
      const prompt = prompts[id] ?? id;
      return full ? wrap(prompt.replace(/\s+/g, " ").trim(), width, LABEL + 2) : truncate(prompt, width - LABEL);
    });
    if (shown.length < e.questions.length) items.push(chalk.dim(`and ${e.questions.length - shown.length} more`));
    lines.push(`${chalk.bold("Questions".padEnd(LABEL))}${items.join(`\n${" ".repeat(LABEL)}`)}`);
    lines.push(`${" ".repeat(LABEL)}${chalk.green(drillCommand({ ids: e.questions }))}`);
  }
  if (shown.scenarios?.length) {
    const items = shown.scenarios.map((f) => truncate(`${f.title} (generated)`, width - LABEL));
    lines.push(`${chalk.bold("Scenarios".padEnd(LABEL))}${items.join(`\n${" ".repeat(LABEL)}`)}`);
    lines.push(`${" ".repeat(LABEL)}${chalk.green(drillCommand({ ids: shown.scenarios.map((f) => f.id) }))}`);
  }
  if (e.sources.length) {
    const shown = full ? e.sources : e.sources.slice(0, 2);
    const items = shown.map((s) => {
      // The same short form as the quiz's feedback: "doc 000 Q9: title".
      const text = sourceLabel(s, titles[sourceKey(s)]);
      return full ? wrap(text, width, LABEL + 2) : truncate(text, width - LABEL);
    });
    if (shown.length < e.sources.length) items.push(chalk.dim(`and ${e.sources.length - shown.length} more with --full`));
    lines.push(`${chalk.bold("Sources".padEnd(LABEL))}${items.join(`\n${" ".repeat(LABEL)}`)}`);
  }
  while (lines.at(-1) === "") lines.pop();
  return lines;
}

function toJson({ entry: e, titles, scenarios }: EntryRecord) {
  return {
    scenarios: scenarios ?? [],
    id: e.id,
    term: e.term,
    kind: e.kind,
    scope: e.scope,
    topics: e.topics,
    aliases: e.aliases,
    summary: e.summary,
    details: e.details,
    default: e.default,
    since: e.since,
    tradeoff: e.tradeoff,
    note: e.note,
    related: e.related,
    questions: e.questions,
    sources: e.sources.map((s) => ({ ...s, title: titles[sourceKey(s)] })),
  };
}

/** Every entry under its first topic, topics in the bank's order, terms alphabetical. */
export function groupByTopic(glossary: readonly GlossaryEntry[]): [string, GlossaryEntry[]][] {
  const groups = new Map<string, GlossaryEntry[]>();
  for (const t of TOPICS) groups.set(t, []);
  for (const e of glossary) groups.get(e.topics[0] as string)?.push(e);
  for (const list of groups.values()) list.sort((a, b) => a.term.localeCompare(b.term, "en", { sensitivity: "base" }));
  return [...groups].filter(([, list]) => list.length);
}

function renderList(glossary: readonly GlossaryEntry[], width: number): string {
  const groups = groupByTopic(glossary);
  const termWidth = Math.min(28, Math.max(...glossary.map((e) => e.term.length)) + 2);
  const out = [
    `${count(glossary.length, "entry", "entries")}. Look one up: ${chalk.green("kafka-prep explain <term>")} (typos, abbreviations and several words are fine)`,
  ];
  for (const [topic, list] of groups) {
    out.push("", chalk.bold(`${topic} (${list.length})`));
    for (const e of list) {
      const term = e.term.length >= termWidth ? `${e.term} ` : e.term.padEnd(termWidth);
      out.push(`  ${chalk.cyan(term)}${chalk.dim(truncate(e.summary, Math.max(10, width - 2 - term.length)))}`);
    }
  }
  return `${out.join("\n")}\n`;
}

function noMatch(query: string, suggestions: string[]): CliError {
  const lines = [`no entry for ${quoted(query, 80)}`];
  if (suggestions.length) lines.push(`Did you mean: ${suggestions.join(", ")}?`);
  lines.push('Run "kafka-prep explain" to list every term.');
  return new CliError(lines.join("\n"), EXIT.failed);
}

export async function run(options: OptionsOf<typeof explain>, ctx: Context): Promise<number> {
  const data = await load(options, ctx);
  const { glossary } = data;
  const bounded = boundedQuery(options.term.join(" "));
  const query = bounded.query;
  if (bounded.cut) ctx.stderr.write(CUT_NOTICE);
  const width = ctx.width;
  if (!query) {
    const all = groupByTopic(glossary.entries()).flatMap(([, list]) => list);
    if (options.json) {
      const matches = all.map((e) => glossary.get(e.id)).filter((r): r is EntryRecord => r !== undefined);
      ctx.stdout.write(`${JSON.stringify({ query: "", matches: matches.map(toJson) }, null, 2)}\n`);
    } else ctx.stdout.write(renderList(all, width));
    return EXIT.ok;
  }
  const found = await find(data, query);
  const [best, ...others] = found.ids.map((id) => glossary.get(id)).filter((r): r is EntryRecord => r !== undefined);
  if (!best) {
    if (options.json) ctx.stdout.write(`${JSON.stringify({ query, matches: [], suggestions: found.suggestions }, null, 2)}\n`);
    throw noMatch(query, found.suggestions);
  }
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify({ query, matches: [best, ...others].map(toJson) }, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines = renderEntry(best, glossary.terms, width, options.full ?? false);
  if (others.length) {
    lines.push("");
    const termWidth = Math.max(...others.map((r) => r.entry.term.length)) + 2;
    others.forEach(({ entry: e }, i) => {
      const label = (i === 0 ? "See also" : "").padEnd(LABEL);
      const room = width - LABEL - termWidth;
      lines.push(`${chalk.bold(label)}${chalk.cyan(e.term.padEnd(termWidth))}${room > 10 ? chalk.dim(truncate(e.summary, room)) : ""}`);
    });
  }
  ctx.stdout.write(`${lines.join("\n")}\n`);
  return EXIT.ok;
}
