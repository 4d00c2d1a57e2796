import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { CST, Parser } from "yaml";
import { builtinQuestionsDir } from "../../src/bank/load.js";
import { builtinFromYaml } from "../helpers/bank.js";

/** Every YAML file of the built-in bank: questions and glossary. */
function bankFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? bankFiles(join(dir, e.name)) : e.name.endsWith(".yaml") ? [join(dir, e.name)] : [],
  );
}

/**
 * Plain (unquoted) scalars that a ` #` on the same line cuts short: YAML reads the rest of the line as a comment,
 * so `note: the source shows x=1 # or 2` silently loses "# or 2". Block scalars (>- and |) and quoted strings are safe.
 */
function cutByComment(source: string): { line: number; value: string; comment: string }[] {
  const found: { line: number; value: string; comment: string }[] = [];
  const lineOf = (offset: number) => source.slice(0, offset).split("\n").length;
  for (const token of new Parser().parse(source)) {
    if (token.type !== "document") continue;
    CST.visit(token, (item) => {
      for (const node of [item.key, item.value]) {
        if (node?.type !== "scalar") continue;
        const comment = node.end?.find((t) => t.type === "comment");
        if (comment) found.push({ line: lineOf(node.offset), value: node.source, comment: comment.source });
      }
    });
  }
  return found;
}

describe("bank YAML", () => {
  const root = builtinQuestionsDir();
  const files = bankFiles(root);

  it("finds the bank files", () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files.some((f) => f.includes("glossary"))).toBe(true);
  });

  it("has no string cut short by a ' #' that YAML reads as a comment", () => {
    const cut = files.flatMap((f) =>
      cutByComment(readFileSync(f, "utf8")).map((c) => `${relative(root, f)}:${c.line}: ${c.value} ${c.comment}`),
    );
    expect(cut).toEqual([]);
  });

  it("spots the cut in plain scalars, in flow mappings and in list items, not in quoted or block text", () => {
    const src = [
      "a: plain text # lost words",
      'b: "quoted # kept"',
      "c: { d: e # lost }",
      "   }",
      "l:",
      "  - item # lost",
      "m: >-",
      "  block # kept",
      "# a comment line of its own",
      "",
    ].join("\n");
    expect(cutByComment(src).map((c) => [c.line, c.value])).toEqual([
      [1, "plain text"],
      [3, "e"],
      [6, "item"],
    ]);
  });
});

/** A name compared the way cloze answers are: case, dots, underscores and dashes do not count. */
const loose = (s: string) => s.toLowerCase().replace(/[._-]/g, "");

describe("bank prompts", () => {
  const { questions } = builtinFromYaml();

  it("never contain an accepted answer of their own cloze blank", () => {
    const given = questions.flatMap((q) => {
      if (q.type !== "cloze") return [];
      const prompt = loose(q.prompt);
      return q.answers
        .map((a) => loose(a).replace(/^["']|["']$/g, ""))
        .filter((a) => a.length >= 3 && new RegExp(`(^|[^a-z0-9])${a.replace(/[^a-z0-9]/g, "\\$&")}([^a-z0-9]|$)`).test(prompt))
        .map((a) => `${q.id}: "${a}"`);
    });
    expect(given).toEqual([]);
  });
});

describe("bank glossary", () => {
  const { glossary } = builtinFromYaml();

  it("names each entry one way: no alias is another entry's term or another entry's alias", () => {
    const owner = new Map(glossary.map((g) => [loose(g.term), g.id]));
    const clashes: string[] = [];
    const aliasOf = new Map<string, string>();
    for (const g of glossary)
      for (const a of g.aliases) {
        const key = loose(a);
        const term = owner.get(key);
        if (term && term !== g.id) clashes.push(`${g.id}: alias "${a}" is the term of ${term}`);
        const other = aliasOf.get(key);
        if (other && other !== g.id) clashes.push(`${g.id}: alias "${a}" is an alias of ${other} too`);
        aliasOf.set(key, g.id);
      }
    expect(clashes).toEqual([]);
  });
});
