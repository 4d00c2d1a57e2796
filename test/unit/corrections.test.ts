import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadManifest } from "../../src/bank/load.js";
import { isDocSource } from "../../src/bank/sources.js";
import { builtinFromYaml } from "../helpers/bank.js";
import { ROOT } from "../helpers/cli.js";

const rows = readFileSync(join(ROOT, "docs", "corrections.md"), "utf8")
  .split("\n")
  .filter((l) => /^\| 00\d_/.test(l))
  .map((l) =>
    l
      .slice(1, -1)
      .split(" | ")
      .map((c) => c.trim()),
  );
/** The table of corrections of the bank itself: item, what it said, what is true, where checked. */
const bankRows = readFileSync(join(ROOT, "docs", "corrections.md"), "utf8")
  .split("## Corrections of the bank itself")[1]
  ?.split("\n")
  .filter((l) => /^\| `/.test(l))
  .map((l) =>
    l
      .slice(1, -1)
      .split(" | ")
      .map((c) => c.trim()),
  );
const manifest = loadManifest();
const bank = builtinFromYaml();

describe("docs/corrections.md", () => {
  it("lists the corrections as rows of document, ref, what it says, what is true, where documented", () => {
    expect(rows.length).toBeGreaterThanOrEqual(50);
    for (const r of rows) {
      expect(r, r.join(" | ")).toHaveLength(5);
      expect(r.every((c) => c.length > 0)).toBe(true);
    }
  });

  it("names real documents, and each corrected item is covered by a question of the bank", () => {
    const docs = new Set(manifest.map((m) => m.doc));
    const cited = bank.questions
      .flatMap((q) => q.sources)
      .concat(bank.glossary.flatMap((g) => g.sources))
      .filter(isDocSource);
    const unlinked = rows.filter(([doc, ref]) => {
      if (!docs.has(doc)) return true;
      // A row may name several refs ("FAQ 6 (also Trap 1)") or a section outside the manifest.
      return (
        !cited.some((s) => s.doc === doc && new RegExp(`(^|\\W)${s.ref.replace(/ /g, "\\s")}(\\W|$)`).test(ref)) &&
        !/§|Core Concepts|section/i.test(ref)
      );
    });
    expect(unlinked.map((r) => `${r[0]} ${r[1]}`)).toEqual([]);
  });

  it("says where each fact is documented", () => {
    const unsourced = rows.filter(
      (r) =>
        !/kafka\.apache\.org|KIP-\d+|KAFKA-\d+|configs?\b|docs?\b|documentation|design|#\w|github\.com|spring|confluent|rabbitmq|redis|javadoc|source/i.test(
          r[4],
        ),
    );
    expect(unsourced.map((r) => `${r[0]} ${r[1]}: ${r[4]}`)).toEqual([]);
  });

  it("lists each correction of a document item once", () => {
    const words = (s: string) => new Set(s.toLowerCase().match(/[a-z0-9.]{3,}/g) ?? []);
    const twice: string[] = [];
    rows.forEach((a, i) => {
      for (const b of rows.slice(i + 1)) {
        if (a[0] !== b[0] || a[1] !== b[1]) continue;
        const x = words(a[2] as string);
        const y = words(b[2] as string);
        const shared = [...x].filter((w) => y.has(w)).length;
        if (shared / new Set([...x, ...y]).size >= 0.3) twice.push(`${a[0]} ${a[1]}: ${a[2]} / ${b[2]}`);
      }
    });
    expect(twice).toEqual([]);
  });

  it("names real questions or entries in each correction of the bank itself, and where it was checked", () => {
    expect(bankRows?.length ?? 0).toBeGreaterThanOrEqual(10);
    const known = new Set([...bank.questions.map((q) => q.id), ...bank.glossary.map((g) => g.id)]);
    for (const r of bankRows ?? []) {
      expect(r, r.join(" | ")).toHaveLength(4);
      expect(r.every((c) => c.length > 0)).toBe(true);
      const ids = [...(r[0] as string).matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1] as string);
      expect(ids.length, r[0]).toBeGreaterThan(0);
      expect(ids.filter((id) => !known.has(id))).toEqual([]);
    }
  });
});
