import { describe, expect, it } from "vitest";
import { run } from "../helpers/run.js";

const STACK = /^\s+at .+:\d+:\d+\)?$/m;

interface Match {
  id: string;
  term: string;
  summary: string;
  details: string;
  default?: string;
  related: string[];
  questions: string[];
  sources: { doc: string; ref: string; title?: string }[];
}

async function json(args: string[]): Promise<{ code: number | null; body: { query: string; matches: Match[]; suggestions?: string[] } }> {
  const r = await run(["explain", ...args, "--json"]);
  return { code: r.code, body: JSON.parse(r.stdout) };
}

describe("kafka-prep explain", () => {
  it("explains a config: summary, details, default, questions with the drill command, sources", async () => {
    const r = await run(["explain", "acks"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^acks\b/);
    expect(r.stdout).toMatch(/^Default\s+all \(since Kafka 3\.0\)/m);
    expect(r.stdout).toMatch(/kafka-prep quiz --id [a-z0-9-]+(,[a-z0-9-]+)*/);
    expect(r.stdout).toMatch(/^Sources\s+doc \d+ \S+: .+/m);
    // One screen: wrapped to 80 columns when not a terminal, and not much longer than a screen.
    for (const line of lines.filter((l) => !l.includes("kafka-prep quiz --id"))) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines.length).toBeLessThanOrEqual(40);
  });

  it("finds the entry from a typo, an abbreviation or several words", async () => {
    expect((await json(["idempotance"])).body.matches[0]?.id).toBe("enable-idempotence");
    expect((await json(["EOS"])).body.matches[0]?.id).toBe("exactly-once");
    expect((await json(["min", "insync"])).body.matches[0]?.id).toBe("min-insync-replicas");
    expect((await json(["min_insync_replicas"])).body.matches[0]?.id).toBe("min-insync-replicas");
  });

  it("shows the best match in full and the other side of a comparison as see also", async () => {
    const r = await run(["explain", "kstream", "vs", "ktable"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^KStream\b/);
    expect(r.stdout).toMatch(/^See also\s+KTable\b/m);
  });

  it("shows everything with --full", async () => {
    const short = (await run(["explain", "acks"])).stdout;
    const full = (await run(["explain", "acks", "--full"])).stdout;
    expect(full.length).toBeGreaterThanOrEqual(short.length);
    expect(full).not.toMatch(/more with --full/);
  });

  it("prints the matches as JSON, best first", async () => {
    const { code, body } = await json(["acks"]);
    expect(code).toBe(0);
    expect(body.query).toBe("acks");
    const [best] = body.matches;
    expect(best).toMatchObject({ id: "acks", term: "acks", default: "all" });
    for (const key of ["summary", "details", "related", "questions", "sources"]) expect(best).toHaveProperty(key);
    expect(best?.sources[0]).toEqual({ doc: expect.any(String), ref: expect.any(String), title: expect.any(String) });
  });

  it("exits 1 with did-you-mean suggestions when nothing matches, also as JSON", async () => {
    const r = await run(["explain", "transacshuns"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/no entry for "transacshuns"/);
    const mean = /Did you mean: (.+)\?/.exec(r.stderr);
    expect(mean?.[1]?.split(", ").length).toBeGreaterThanOrEqual(1);
    expect(mean?.[1]?.split(", ").length).toBeLessThanOrEqual(5);
    expect(mean?.[1]).toMatch(/transactions/);
    const j = await json(["transacshuns"]);
    expect(j.code).toBe(1);
    expect(j.body.matches).toEqual([]);
    expect(j.body.suggestions?.length).toBeGreaterThan(0);
  });

  it('finds nothing for single letters, takes "kip 679" as KIP-679, and quotes a long miss cut short', async () => {
    for (const query of ["x", "s", "%s%n"]) {
      const r = await run(["explain", "--", query]);
      expect({ query, code: r.code }).toEqual({ query, code: 1 });
      expect(r.stderr).toContain(`no entry for ${JSON.stringify(query)}`);
    }
    const kip = await json(["kip 679"]);
    expect(kip.body.matches[0].term).toBe((await json(["KIP-679"])).body.matches[0].term);
    const long = await run(["explain", "zzq".repeat(3000)]);
    expect(long.code).toBe(1);
    expect(long.stderr.length).toBeLessThan(1000);
  });

  it("never ends in a stack trace or an empty screen", async () => {
    for (const query of ["xyzzy", "what is", "vs", "a vs", "--", "'\"", "%s %d", "🙂", "x".repeat(300), "difference between and"]) {
      const r = await run(["explain", "--", query]);
      expect([0, 1], query).toContain(r.code);
      expect(r.stderr, query).not.toMatch(STACK);
      expect(r.stderr, query).not.toMatch(/internal error/);
      expect((r.stdout + r.stderr).trim().length, query).toBeGreaterThan(0);
    }
  });

  it("lists every entry grouped by topic when given no term", async () => {
    const r = await run(["explain"]);
    expect(r.code).toBe(0);
    const all = (await json([])).body.matches;
    expect(all.length).toBeGreaterThan(10);
    expect(r.stdout).toMatch(/^producers \(\d+\)$/m);
    for (const e of all) expect(r.stdout).toContain(e.term);
  });

  it("reads packs added with --questions, falling back from the prebuilt index", async () => {
    const r = await run(["explain", "acks", "--json", "--questions", "test/fixtures/good"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).matches[0].id).toBe("acks");
  });
});

describe("a query as long as a page", () => {
  it("is searched by its first 64 words, and says so, for explain and list --search", async () => {
    const page = `idempotent producer duplicates ${Array.from({ length: 2000 }, (_, i) => `zq${i}x`).join(" ")}`;
    const explained = await run(["explain", page]);
    expect(explained.stderr).toContain("The search used the first 64 words of the query.");
    expect(explained.stdout).toMatch(/^enable\.idempotence|idempot/im);
    const listed = await run(["list", "--search", page]);
    expect(listed.stderr).toContain("The search used the first 64 words of the query.");
    const short = await run(["explain", "idempotent producer duplicates"]);
    expect(short.stderr).not.toContain("first 64 words");
  });
});
