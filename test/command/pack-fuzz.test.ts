// Question packs damaged at random (a value replaced or removed anywhere in the YAML, or raw bytes): every command
// that reads packs either works or names the file, line and column of each problem (exit 1 or 2), never crashes.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { ROOT, tempDir } from "../helpers/cli.js";
import { insertBytes, mutate } from "../helpers/damage.js";
import { run } from "../helpers/run.js";

const work = tempDir("kafka-prep-pack-fuzz-");
afterAll(() => work.cleanup());

/** One built-in question of each type and one glossary entry, under ids of their own: a pack that loads cleanly. */
const PACK = (() => {
  const bank = JSON.parse(readFileSync(join(ROOT, "dist", "bank.json"), "utf8")) as {
    questions: Record<string, unknown>[];
    glossary: Record<string, unknown>[];
  };
  const types = ["mcq", "multi", "truefalse", "cloze", "order", "recall"];
  const questions = types.map((t) => {
    const q = structuredClone(bank.questions.find((x) => x.type === t) as Record<string, unknown>);
    q.id = `fz-${t}`;
    delete q.followUps;
    return q;
  });
  const entry = structuredClone(bank.glossary[0] as Record<string, unknown>);
  entry.id = "fz-term";
  entry.term = "fuzz term";
  delete entry.aliases;
  delete entry.related;
  delete entry.questions;
  return { questions, glossary: [entry] };
})();

const damage = fc.record({
  pick: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
  to: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 300 })),
  remove: fc.boolean(),
  bytes: fc.option(fc.record({ at: fc.nat(), insert: fc.uint8Array({ minLength: 1, maxLength: 3 }) }), { nil: undefined }),
});

describe("a question pack damaged at random", () => {
  it("never makes validate, list, explain or a round crash, and every problem has a file:line:column", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(damage, { minLength: 1, maxLength: 3 }), async (damages) => {
        const dir = join(work.dir, `p${n++}`);
        mkdirSync(dir);
        const file = join(dir, "pack.yaml");
        let value: unknown = structuredClone(PACK);
        for (const d of damages.filter((d) => !d.bytes)) value = mutate(value, d.pick, d.to, d.remove);
        let text: Buffer = Buffer.from(stringify(value));
        for (const d of damages) if (d.bytes) text = insertBytes(text, d.bytes.at, d.bytes.insert);
        writeFileSync(file, text);
        const data = join(dir, "data");
        const codes: (number | null)[] = [];
        let questions = 0;
        for (const args of [
          ["validate", dir, "--json"],
          ["list", "--no-builtin", "--questions", dir],
          ["explain", "fuzz term", "--questions", dir],
          ["quiz", "--no-builtin", "--questions", dir, "--count", "2", "--json", "--no-follow-ups"],
        ]) {
          const r = await run(args, { dataDir: data, input: "a\nb\n" });
          codes.push(r.code);
          if (args[0] === "validate" && r.code === 0) questions = JSON.parse(r.stdout).questions;
          expect({ args, damages, code: r.code }).toMatchObject({ code: expect.toSatisfy((c) => [0, 1, 2].includes(c)) });
          expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
          if (args[0] === "validate" && r.code === 1) {
            const report = JSON.parse(r.stdout) as { problems: { file: string; line: number; col: number }[] };
            for (const p of report.problems)
              expect({ damages, p }).toMatchObject({ p: { line: expect.any(Number), col: expect.any(Number) } });
            expect(report.problems.length).toBeGreaterThan(0);
          }
        }
        // A pack that validate accepts, list and a round can use (a pack of no questions gets a message, exit 2).
        if (codes[0] === 0) expect({ damages, codes }).toMatchObject({ codes: [0, 0, expect.anything(), questions ? 0 : 2] });
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 25), seed: Number(process.env.FUZZ_SEED ?? 20261203) },
    );
  });
});
