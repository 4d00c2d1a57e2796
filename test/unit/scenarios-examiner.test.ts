// The computed answers against a person working the scenarios out: test/fixtures/scenarios-examiner.yaml holds 96
// instances (every family at every level it offers) solved by an independent examiner from the prompt alone, without
// the generator, its answers or its steps. Each of the examiner's answers, given as a person would give it, must be
// graded right.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { gradeAnswer } from "../../src/scenarios/answers.js";
import { families, instance } from "../../src/scenarios/index.js";
import type { Given } from "../../src/scenarios/types.js";
import { ROOT } from "../helpers/cli.js";

interface Solved {
  id: string;
  choice?: string;
  number?: number;
  yesno?: "yes" | "no";
  why: string;
}

const solved = (parse(readFileSync(join(ROOT, "test/fixtures/scenarios-examiner.yaml"), "utf8")) as { instances: Solved[] }).instances;

describe("scenario answers agree with an independent examiner", () => {
  it("covers every family at every level it offers", () => {
    const seen = new Set(solved.map((s) => `${s.id.split("#")[0]} ${instance(s.id).level}`));
    for (const f of families) for (const level of f.levels) expect(seen.has(`${f.id} ${level}`), `${f.id} ${level}`).toBe(true);
  });

  it.each(solved.map((s) => [s.id, s] as const))("%s", (_id, s) => {
    const i = instance(s.id);
    let given: Given;
    if (s.choice !== undefined) {
      expect(i.answer.kind).toBe("choice");
      const index = i.answer.kind === "choice" ? i.answer.options.findIndex((o) => o.text === s.choice) : -1;
      expect(index, `option "${s.choice}" among the choices`).toBeGreaterThanOrEqual(0);
      given = { kind: "choice", index };
    } else if (s.number !== undefined) given = { kind: "number", value: s.number };
    else given = { kind: "yesno", value: s.yesno === "yes" };
    expect(gradeAnswer(i, given), `the examiner: ${s.why}`).toMatchObject({ correct: true });
  });
});
