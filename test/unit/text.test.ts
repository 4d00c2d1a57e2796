import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { durationMs, parseDurationArg } from "../../src/text/duration.js";
import { CAMEL, LETTERS } from "../../src/text/letters.js";
import { lightStem } from "../../src/text/light-stem.js";
import { expandContractions, normalizeText } from "../../src/text/normalize.js";
import { stem } from "../../src/text/stem.js";
import { GRADING_STOP, MEANING_WORDS, SEARCH_STOP } from "../../src/text/stopwords.js";
import { compounds, lexemes } from "../../src/text/tokenize.js";
import { damerauLevenshtein, isTypo, levenshtein } from "../../src/text/typo.js";
import { ROOT } from "../helpers/cli.js";

describe("stop words", () => {
  it("never drop a word that changes a claim when grading", () => {
    for (const w of MEANING_WORDS) expect(GRADING_STOP.has(w), w).toBe(false);
  });
  it("drop question filler when searching", () => {
    for (const w of ["what", "is", "how", "does", "explain"]) expect(SEARCH_STOP.has(w), w).toBe(true);
  });
});

describe("stemming", () => {
  it("merges word forms with the stemmer package and keeps Kafka's agent nouns apart", () => {
    expect(stem("replicas")).toBe(stem("replica"));
    expect(stem("acknowledgement")).toBe(stem("acknowledgment"));
    expect(stem("producer")).not.toBe(stem("produce"));
    expect(stem("consumers")).toBe(stem("consumer"));
    expect(stem("consumer")).not.toBe(stem("consumed"));
    expect(stem("stateful")).not.toBe(stem("state"));
    expect(stem("partitioner")).not.toBe(stem("partition"));
  });
  it("reads irregular verb forms as their base", () => {
    expect(stem("chosen")).toBe(stem("chooses"));
    expect(stem("lost")).toBe(stem("lose"));
    expect(stem("kept")).toBe(stem("keeps"));
  });
  it("keeps the search's light stem a prefix of the word", () => {
    expect(lightStem("partitions")).toBe("partition");
    expect(lightStem("rebalancing")).toBe("rebalanc");
    expect("partitioner".startsWith(lightStem("partition"))).toBe(true);
  });
});

describe("normalising and tokenising", () => {
  it("spells out contractions so a negation is its own word", () => {
    expect(expandContractions("doesn't can't won't cannot Kafka's")).toBe("does not can not will not can not Kafka");
    expect(normalizeText("120,000 café")).toBe("120000 cafe");
  });
  it("splits names into words and marks marks", () => {
    expect(lexemes("min.insync.replicas=2, acks=-1.").map((l) => l.text)).toEqual([
      "min",
      "insync",
      "replicas",
      "2",
      ",",
      "acks",
      "-1",
      ".",
    ]);
    expect(lexemes("version 3.0 toStream()").map((l) => [l.text, l.parts.length])).toEqual([
      ["version", 1],
      ["3.0", 1],
      ["toStream", 2],
      ["(", 1],
      [")", 1],
    ]);
    expect(compounds("min_insync_replicas acks").joined).toEqual(["mininsyncreplicas"]);
  });
});

describe("compound words", () => {
  // The definition, as regular expressions: runs of letters and inner separators, split at the separators and at
  // camelCase boundaries.
  const INNER = /[._\-=/:+]+/;
  const OUTER = new RegExp(`[^${LETTERS}._\\-=/:+]+`);
  function reference(text: string) {
    const parts: string[] = [];
    const joined: string[] = [];
    const groups: string[][] = [];
    for (const chunk of text.split(OUTER)) {
      const split = chunk
        .split(INNER)
        .filter(Boolean)
        .flatMap((w) => w.split(CAMEL));
      parts.push(...split);
      if (split.length > 1) {
        joined.push(split.join(""));
        groups.push(split);
      }
    }
    return { parts, joined, compounds: groups };
  }

  it("are the words and compounds the regular-expression definition gives, for any text", () => {
    const alphabet = fc.constantFrom(
      ..."aZk9 ._-=/:+,;()!?\n\t\"'é€ÀßΩж中×÷→😀".split(""),
      "\u00D7",
      "\u00F7",
      "\u1FFF",
      "\u2C00",
      "\uD7FF",
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), (chars) => {
        const text = chars.join("");
        expect(compounds(text)).toEqual(reference(text));
      }),
      { numRuns: 3000 },
    );
    const prose = "Set min.insync.replicas=2 and acks=all; the KafkaProducer's toStream() reads __consumer_offsets (KIP-966) at 10:30.";
    expect(compounds(prose)).toEqual(reference(prose));
  });
});

describe("typo distance", () => {
  it("takes a dropped, doubled or swapped letter for a typo, not another word or another ending", () => {
    expect(isTypo("replication", "replciation", 2)).toBe(true);
    expect(isTypo("guaranteed", "garanteed", 2)).toBe(true);
    expect(isTypo("producer", "produced", 1)).toBe(false);
    expect(isTypo("completion", "compaction", 2)).toBe(false);
  });
});

describe("durations", () => {
  it("reads an answer's duration in milliseconds", () => {
    expect(durationMs("45 seconds")).toBe(45_000);
    expect(durationMs("2 min")).toBe(120_000);
    expect(durationMs("1.5h")).toBe(5_400_000);
    expect(durationMs("300000")).toBeUndefined();
    expect(durationMs("0.5 ms")).toBeUndefined();
  });
  it("reads a command-line duration in seconds", () => {
    expect(parseDurationArg("30m")).toBe(1800);
    expect(parseDurationArg("1h")).toBe(3600);
    expect(parseDurationArg("90")).toBe(90);
    expect(parseDurationArg("90s")).toBe(90);
    expect(parseDurationArg("ten")).toBeUndefined();
  });
});

/** The files a source file imports at load time (not `import type`, not `import()`), as paths under src/. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+"([^"]+)"/gms)) {
    const spec = m[1];
    if (spec.startsWith(".")) out.push(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
    else out.push(spec);
  }
  return out;
}

function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const f = todo.pop() as string;
    if (seen.has(f)) continue;
    seen.add(f);
    if (f.endsWith(".ts")) todo.push(...staticImports(f));
  }
  return seen;
}

describe("the text pipeline's place", () => {
  const SRC = join(ROOT, "src");
  it("imports nothing from the rest of src", () => {
    const dir = join(SRC, "text");
    for (const f of readdirSync(dir)) {
      for (const dep of staticImports(join(dir, f))) if (dep.startsWith(SRC)) expect(dep.startsWith(dir), `${f} imports ${dep}`).toBe(true);
    }
  });
  it("keeps the stemmer out of start-up and of explain", () => {
    for (const entry of ["main.ts", "cli.ts", "commands/explain.ts"]) {
      const files = reachable(join(SRC, entry));
      expect(files.has("stemmer"), entry).toBe(false);
      expect(files.has(join(SRC, "text", "stem.ts")), entry).toBe(false);
    }
    // The walk does follow imports: grading an answer reaches the stemmer.
    expect(reachable(join(SRC, "quiz", "grade.ts")).has("stemmer")).toBe(true);
  });
});

describe("edit distances", () => {
  /** The textbook table, in full. */
  const reference = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) =>
      Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
    );
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length][b.length];
  };
  const word = fc.string({ unit: fc.constantFrom(..."abcdeé"), maxLength: 70 });

  it("Levenshtein is the full table's distance, or max + 1 beyond max, for words of any length", () => {
    fc.assert(
      fc.property(word, word, fc.nat({ max: 6 }), (a, b, max) => {
        expect(levenshtein(a, b, max)).toBe(Math.min(reference(a, b), max + 1));
      }),
      { numRuns: 400 },
    );
  });

  it("counts a transposition as one edit only in the Damerau form", () => {
    expect(levenshtein("offset", "offest", 3)).toBe(2);
    expect(damerauLevenshtein("offset", "offest", 3)).toBe(1);
  });
});
