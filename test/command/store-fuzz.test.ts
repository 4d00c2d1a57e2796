// Store files damaged at random, the way disks, editors, old versions and attackers damage them: every command either
// works or says what is wrong with which file (exit 2), never crashes (exit 70); and once doctor has run, export,
// reset and import bring back every attempt the store still holds.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { tempDir } from "../helpers/cli.js";
import { insertBytes, mutate } from "../helpers/damage.js";
import { makeAttempt } from "../helpers/history.js";
import { run } from "../helpers/run.js";

const work = tempDir("kafka-prep-store-fuzz-");
afterAll(() => work.cleanup());

const T0 = Date.UTC(2026, 10, 2, 12);
const NOW = () => new Date(T0 + 3 * 86_400_000);
const IDS = ["acks-default-value", "min-insync-config-name", "idempotent-producer-internals", "no-such-question"];

/** A store that every command reads: a few rounds of answers, their round records, and the caches they leave. */
async function healthyStore(dir: string): Promise<void> {
  const lines = Array.from({ length: 12 }, (_, i) =>
    JSON.stringify(
      makeAttempt(IDS[i % IDS.length] as string, i % 3 !== 0, new Date(T0 + i * 3_600_000), { id: `a${i}`, roundId: `r${i % 2}` }),
    ),
  );
  writeFileSync(join(dir, "attempts.jsonl"), `${lines.join("\n")}\n`);
  for (const args of [["stats"], ["flags"]]) expect((await run(args, { dataDir: dir, now: NOW })).code).toBe(0);
}

const damage = fc.record({
  file: fc.constantFrom("attempts.jsonl", "rounds.jsonl", "derived.json", "settings.json", "flags.jsonl", "exams/x.json"),
  line: fc.nat(),
  pick: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  to: fc.jsonValue({ maxDepth: 2 }),
  remove: fc.boolean(),
  bytes: fc.option(fc.uint8Array({ minLength: 1, maxLength: 4 }), { nil: undefined }),
});

/** One file changed: a JSON value inside one of its records, or a few raw bytes. */
function apply(dir: string, d: DamageShape): void {
  const file = join(dir, d.file);
  if (d.file.startsWith("exams/")) mkdirSync(join(dir, "exams"), { recursive: true });
  const text = existsSync(file) ? readFileSync(file, "utf8") : "{}\n";
  if (d.bytes) {
    const buf = Buffer.from(text);
    const at = buf.length ? d.line % buf.length : 0;
    writeFileSync(file, Buffer.concat([buf.subarray(0, at), Buffer.from(d.bytes), buf.subarray(at + d.bytes.length)]));
    return;
  }
  const lines = text.split("\n");
  const i = d.line % Math.max(1, lines.filter(Boolean).length);
  let parsed: unknown;
  try {
    parsed = JSON.parse(lines[i] || "{}");
  } catch {
    parsed = {};
  }
  lines[i] = JSON.stringify(mutate(parsed, d.pick, d.to, d.remove)) ?? "null";
  writeFileSync(file, lines.join("\n"));
}
type DamageShape = {
  file: string;
  line: number;
  pick: number[];
  to: unknown;
  remove: boolean;
  bytes?: Uint8Array;
};

const COMMANDS = [
  ["stats", "--json"],
  ["weak", "--json"],
  ["check", "--json"],
  ["history", "--json"],
  ["flags", "--json"],
  ["export"],
  ["quiz", "--id", "min-insync-config-name", "--json", "--no-follow-ups"],
];

describe("a store damaged at random", () => {
  it("never makes a command crash, and after doctor every kept attempt survives export, reset and import", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(damage, { minLength: 1, maxLength: 3 }), async (damages) => {
        const dir = join(work.dir, `s${n++}`);
        mkdirSync(dir);
        await healthyStore(dir);
        for (const d of damages) apply(dir, d);
        for (const args of COMMANDS) {
          const r = await run(args, { dataDir: dir, now: NOW, input: "min.insync.replicas\n" });
          expect({ args, damages, code: r.code, stderr: r.stderr }).toMatchObject({ code: expect.toSatisfy((c) => [0, 1, 2].includes(c)) });
          expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
        }
        const doctor = await run(["doctor"], { dataDir: dir, now: NOW });
        expect({ damages, code: doctor.code, out: doctor.stdout + doctor.stderr }).toMatchObject({ code: 0 });
        const exported = await run(["export"], { dataDir: dir, now: NOW });
        expect({ damages, code: exported.code, stderr: exported.stderr }).toMatchObject({ code: 0 });
        const reset = await run(["reset", "--yes"], { dataDir: dir, now: NOW });
        expect({ damages, code: reset.code, stderr: reset.stderr }).toMatchObject({ code: 0 });
        const backup = /kafka-prep import "?([^"\s]+)/.exec(reset.stdout + reset.stderr)?.[1];
        expect(backup).toBeDefined();
        const imported = await run(["import", backup as string], { dataDir: dir, now: NOW });
        expect({ damages, code: imported.code, stderr: imported.stderr }).toMatchObject({ code: 0 });
        const after = await run(["export"], { dataDir: dir, now: NOW });
        expect(JSON.parse(after.stdout).attempts).toEqual(JSON.parse(exported.stdout).attempts);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 25), seed: Number(process.env.FUZZ_SEED ?? 20261203) },
    );
  });
});

describe("an export file damaged at random", () => {
  it("is imported or refused with a message, never a crash, and the store keeps what it held", async () => {
    const source = join(work.dir, "export-source");
    mkdirSync(source);
    await healthyStore(source);
    const exported = JSON.parse((await run(["export"], { dataDir: source, now: NOW })).stdout) as Record<string, unknown>;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(damage, { minLength: 1, maxLength: 3 }), async (damages) => {
        const dir = join(work.dir, `i${n++}`);
        mkdirSync(dir);
        await healthyStore(dir);
        const before = (await run(["export"], { dataDir: dir, now: NOW })).stdout;
        let doc: unknown = exported;
        for (const d of damages) doc = mutate(doc, d.pick, d.to, d.remove);
        let text: Buffer = Buffer.from(JSON.stringify(doc) ?? "null");
        for (const d of damages) if (d.bytes) text = insertBytes(text, d.line, d.bytes);
        const file = join(dir, "damaged-export.json");
        writeFileSync(file, text);
        const r = await run(["import", file], { dataDir: dir, now: NOW });
        expect({ damages, code: r.code, stderr: r.stderr }).toMatchObject({ code: expect.toSatisfy((c) => [0, 2].includes(c)) });
        expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
        const after = JSON.parse((await run(["export"], { dataDir: dir, now: NOW })).stdout) as { attempts: { id: string }[] };
        // Nothing the store held is lost, whatever the file held.
        const had = (JSON.parse(before) as { attempts: { id: string }[] }).attempts.map((a) => a.id);
        expect(after.attempts.map((a) => a.id)).toEqual(expect.arrayContaining(had));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 25), seed: Number(process.env.FUZZ_SEED ?? 20261203) },
    );
  });
});

describe("a kafka-prep.yaml damaged at random", () => {
  it("makes check work or name the problem in the file, never crash", async () => {
    const dir = join(work.dir, "config-store");
    mkdirSync(dir);
    await healthyStore(dir);
    const good = { level: ["beginner"], topic: ["producers"], minScore: 70, interviewDate: "2026-12-20", junit: "report.xml" };
    const undamaged = join(work.dir, "c-good");
    mkdirSync(undamaged);
    writeFileSync(join(undamaged, "kafka-prep.yaml"), stringify(good));
    expect([0, 1]).toContain((await run(["check", "--json"], { dataDir: dir, now: NOW, cwd: undamaged })).code);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(damage, { minLength: 1, maxLength: 2 }), async (damages) => {
        const cwd = join(work.dir, `c${n++}`);
        mkdirSync(cwd);
        let value: unknown = good;
        for (const d of damages) value = mutate(value, d.pick, d.to, d.remove);
        writeFileSync(join(cwd, "kafka-prep.yaml"), stringify(value));
        const r = await run(["check", "--json"], { dataDir: dir, now: NOW, cwd });
        expect({ damages, code: r.code, stderr: r.stderr }).toMatchObject({ code: expect.toSatisfy((c) => [0, 1, 2].includes(c)) });
        expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
        if (r.code === 2) expect({ damages, stderr: r.stderr }).toMatchObject({ stderr: expect.stringMatching(/kafka-prep\.yaml/) });
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 25), seed: Number(process.env.FUZZ_SEED ?? 20261203) },
    );
  });
});
