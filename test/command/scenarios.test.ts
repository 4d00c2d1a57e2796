import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { correctGiven, formatGiven, instance } from "../../src/scenarios/index.js";
import { tempDir } from "../helpers/cli.js";
import { run } from "../helpers/run.js";

let data: { dir: string; cleanup: () => void };
beforeEach(() => {
  data = tempDir();
});
afterEach(() => data.cleanup());

const history = () =>
  readFileSync(join(data.dir, "attempts.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));

/** The right answer to an instance, typed as a person would. */
const rightAnswer = (id: string) => {
  const inst = instance(id);
  return formatGiven(inst, correctGiven(inst.answer));
};

describe("scenario questions in a round", () => {
  it("repeats an instance by id, grades the computed answer and records it under its family", async () => {
    const id = "partitions-needed#8141";
    const r = await run(["quiz", "--id", id, "--json"], { input: `${rightAnswer(id)}\n`, dataDir: data.dir });
    expect(r.code).toBe(0);
    const round = JSON.parse(r.stdout);
    expect(round.results[0]).toMatchObject({ id: "partitions-needed", instance: id, type: "scenario", correct: true });
    // The question is wrapped to the width, like the rest of the output.
    expect(r.stderr.replace(/\s+/g, " ")).toContain(instance(id).prompt);
    expect(history()[0]).toMatchObject({ questionId: "partitions-needed", instance: id, correct: true });
  });

  it("names the mistake a wrong pick reflects, and shows the reasoning", async () => {
    // An instance with choices: each wrong option carries the mistake that leads to it.
    let id = "";
    for (let seed = 0; !id; seed++) {
      const inst = instance(`offset-reset#${seed * 4 + 1}`);
      if (inst.answer.kind === "choice") id = inst.id;
    }
    const inst = instance(id);
    if (inst.answer.kind !== "choice") throw new Error("not a choice");
    const wrong = inst.answer.options.findIndex((o) => o.mistake);
    const letter = String.fromCharCode(97 + wrong);
    const r = await run(["quiz", "--id", id], { input: `${letter}\n`, dataDir: data.dir });
    expect(r.stdout).toMatch(/✗ Wrong/);
    expect(r.stdout).toContain("That answer comes from a common mistake:");
    expect(r.stdout.replace(/\s+/g, " ")).toContain(inst.answer.options[wrong].mistake?.text.replace(/\s+/g, " ").slice(0, 40));
    expect(r.stdout).toMatch(/How it works out:\n {2}1\. /);
    const json = await run(["quiz", "--id", id, "--json"], { input: `${letter}\n`, dataDir: data.dir });
    expect(JSON.parse(json.stdout).results[0].mistake).toBe(inst.answer.options[wrong].mistake?.text);
  });

  it("draws a fresh instance for a family id, and only scenarios with --type scenario", async () => {
    const a = JSON.parse((await run(["quiz", "--id", "lag", "--json", "--seed", "1"], { dataDir: data.dir })).stdout);
    const b = JSON.parse((await run(["quiz", "--id", "lag", "--json", "--seed", "2"], { dataDir: data.dir })).stdout);
    expect(a.unanswered).toEqual(["lag"]);
    const only = JSON.parse((await run(["quiz", "--type", "scenario", "--count", "5", "--json"], { dataDir: data.dir })).stdout);
    expect(only.total).toBe(5);
    expect(only.unanswered.every((id: string) => !id.includes("#"))).toBe(true);
    expect(a.seed).not.toBe(b.seed);
  });

  it("mixes about one in four scenarios into an ordinary round from intermediate up, none in a beginner round", async () => {
    const mixed = JSON.parse((await run(["quiz", "--count", "8", "--seed", "3", "--json"], { dataDir: data.dir })).stdout);
    const families = new Set([
      "durability",
      "consumer-assignment",
      "ordering",
      "delivery-semantics",
      "lag",
      "capacity",
      "partitions-needed",
      "compaction",
      "transactions",
      "group-liveness",
      "keyed-partitioning",
      "offset-reset",
    ]);
    expect(mixed.unanswered.filter((id: string) => families.has(id))).toHaveLength(2);
    const beginner = JSON.parse((await run(["quiz", "--level", "beginner", "--count", "8", "--json"], { dataDir: data.dir })).stdout);
    expect(beginner.unanswered.filter((id: string) => families.has(id))).toHaveLength(0);
  });

  it("refuses a bad scenario id with a clear message", async () => {
    const r = await run(["quiz", "--id", "lag#00"], { dataDir: data.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/seed "00" must be an integer/);
    const unknown = await run(["quiz", "--id", "nosuch#4"], { dataDir: data.dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no scenario family "nosuch"/);
  });
});

describe("scenario families elsewhere", () => {
  it("are listed by list and topics, and counted as questions by stats", async () => {
    const list = await run(["list", "--type", "scenario"], { dataDir: data.dir });
    expect(list.stdout).toMatch(/^partitions-needed {2}intermediate|^partitions-needed {2}beginner/m);
    expect(list.stdout).toMatch(/12 questions/);
    const id = "capacity#8";
    await run(["quiz", "--id", id], { input: `${rightAnswer(id)}\n`, dataDir: data.dir });
    const stats = JSON.parse((await run(["stats", "--json", "--topic", "storage"], { dataDir: data.dir })).stdout);
    expect(stats.answered).toBeGreaterThanOrEqual(1);
  });
});

describe("scenario ids on --id", () => {
  it("asks one instance of a family a round and names the one left out", async () => {
    const r = await run(["quiz", "--id", "lag#1,lag#2", "--time", "0", "--json"], { dataDir: data.dir, input: "" });
    expect(r.stderr).toContain("Left out lag#2: a round asks one instance of each scenario family.");
    expect(r.stderr).toContain("kafka-prep quiz --id lag#2");
    expect(JSON.parse(r.stdout).total).toBe(1);
  });

  it("says that filters do not narrow the questions named with --id", async () => {
    const r = await run(["quiz", "--id", "acks-all-meaning", "--level", "expert", "--time", "0", "--json"], {
      dataDir: data.dir,
      input: "",
    });
    expect(r.stderr).toContain("Note: --level does not narrow --id: the questions named are asked as they are.");
    expect(JSON.parse(r.stdout).unanswered[0]).toBe("acks-all-meaning");
  });

  it("says what a seed must be when the part after # is not one", async () => {
    for (const id of ["lag#-1", "lag#abc", "lag#1e9", "lag#"]) {
      const r = await run(["quiz", "--id", id, "--time", "0"], { dataDir: data.dir, input: "" });
      expect({ id, code: r.code }).toEqual({ id, code: 2 });
      expect(r.stderr).toContain(`"${id}": the seed after # must be a whole number from 0 to 4294967295`);
    }
  });
});
