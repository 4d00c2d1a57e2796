import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { builtinQuestionsDir, loadFromYaml } from "../../src/bank/load.js";
import { type Question, questionSchema } from "../../src/bank/schema.js";
import { type Answer, grade } from "../../src/quiz/grade.js";
import { ROOT } from "../helpers/cli.js";

/** A real answer with the verdict a fair examiner gives it; covered lists the key points (0-based) they would tick. */
interface Row {
  file: string;
  question: Question;
  answer: Answer;
  expect: { correct: boolean; covered?: number[] };
}

const DIR = join(ROOT, "test", "fixtures", "grading");

function loadTable(): Row[] {
  const docs = readdirSync(DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((file) => ({ file, doc: parse(readFileSync(join(DIR, file), "utf8")) }));
  const byId = new Map<string, Question>();
  for (const { doc } of docs) for (const q of doc.questions ?? []) byId.set(q.id, questionSchema.parse(q));
  return docs.flatMap(({ file, doc }) =>
    (doc.cases ?? []).map((c: { question: unknown; answer: Answer; expect: Row["expect"] }) => {
      const question = typeof c.question === "string" ? byId.get(c.question) : questionSchema.parse(c.question);
      if (!question) throw new Error(`${file}: no fixture question ${String(c.question)}`);
      return { file, question, answer: c.answer, expect: c.expect };
    }),
  );
}

const short = (a: Answer) => (typeof a === "string" ? a.replace(/\s+/g, " ").slice(0, 90) : JSON.stringify(a));

describe("grader agreement with an examiner", () => {
  const rows = loadTable();

  it("has a table of at least 60 real answers over at least 6 recall questions and every other open type", () => {
    const recall = rows.filter((r) => r.question.type === "recall");
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(new Set(recall.map((r) => r.question.id)).size).toBeGreaterThanOrEqual(6);
    for (const type of ["cloze", "multi", "order"])
      expect(
        rows.some((r) => r.question.type === type),
        type,
      ).toBe(true);
  });

  it("agrees with the examiner's verdict on at least 90% of answers", () => {
    const disagreements: string[] = [];
    let pointsSame = 0;
    let pointsTotal = 0;
    for (const row of rows) {
      const g = grade(row.question, row.answer);
      if (g.correct !== row.expect.correct) {
        const got = g.keyPoints ? ` (covered ${g.keyPoints.flatMap((k, i) => (k.covered ? [i] : [])).join(",") || "none"})` : "";
        disagreements.push(
          `  ${row.file} ${row.question.id}: expected ${row.expect.correct}, got ${g.correct}${got}: ${short(row.answer)}`,
        );
      }
      if (g.keyPoints && row.expect.covered) {
        g.keyPoints.forEach((k, i) => {
          pointsTotal++;
          if (k.covered === row.expect.covered?.includes(i)) pointsSame++;
        });
      }
    }
    const agreed = rows.length - disagreements.length;
    console.log(`grader agreement: ${agreed}/${rows.length} = ${((100 * agreed) / rows.length).toFixed(1)}%`);
    console.log(`key point agreement: ${pointsSame}/${pointsTotal} = ${((100 * pointsSame) / pointsTotal).toFixed(1)}%`);
    if (disagreements.length) console.log(`disagreements:\n${disagreements.join("\n")}`);
    expect(agreed / rows.length).toBeGreaterThanOrEqual(0.9);
  });

  it("passes every fixture recall question's own model answer", () => {
    const questions = new Map(rows.map((r) => [r.question.id, r.question]));
    for (const q of questions.values()) {
      if (q.type === "recall") expect(grade(q, q.answer).score, q.id).toBe(1);
    }
  });
});

describe("built-in bank recall questions", () => {
  const bank = loadFromYaml([builtinQuestionsDir()]);

  it("cover at least 60% of their key points with their own model answer", () => {
    const broken = bank.questions.flatMap((q) => {
      if (q.type !== "recall") return [];
      const g = grade(q, q.answer);
      if (g.correct) return [];
      const missed = (g.keyPoints ?? []).filter((k) => !k.covered).map((k) => `"${k.point}"`);
      return [`${q.id}: ${(g.score * 100).toFixed(0)}%, model answer misses ${missed.join("; ")}`];
    });
    expect(broken, `recall questions whose model answer fails their own key points:\n${broken.join("\n")}`).toEqual([]);
  });

  it("do not pass an answer that only repeats the question", () => {
    const echoed = bank.questions.flatMap((q) => (q.type === "recall" && grade(q, q.prompt).correct ? [q.id] : []));
    expect(echoed, `recall questions passed by their own prompt: ${echoed.join(", ")}`).toEqual([]);
  });
});
