import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type Question, questionSchema } from "../../src/bank/schema.js";
import { type Answer, grade } from "../../src/quiz/grade.js";
import { builtinFromYaml } from "../helpers/bank.js";
import { ROOT } from "../helpers/cli.js";

/**
 * A real answer with the verdict a fair interviewer gives it. Two formats: the original fixture files hold their own
 * questions and `expect: { correct, covered }`; the tuning and held-out files answer bank questions by id with
 * `kind`, `correct` and `why`.
 */
interface Row {
  file: string;
  question: Question;
  answer: Answer;
  correct: boolean;
  kind: string;
  covered?: number[];
}

const DIR = join(ROOT, "test", "fixtures", "grading");
const TUNING = join(DIR, "tuning");
const HELDOUT = join(DIR, "heldout");
const HELDOUT_FRESH = join(DIR, "heldout-fresh");
const HELDOUT_THIRD = join(DIR, "heldout-3");
const HELDOUT_FOURTH = join(DIR, "heldout-4");
const HELDOUT_FIFTH = join(DIR, "heldout-5");
const HELDOUT_SIXTH = join(DIR, "heldout-6");

const bank = builtinFromYaml();
const bankById = new Map(bank.questions.map((q) => [q.id, q]));

const yamlFiles = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".yaml"))
        .sort()
    : [];

function loadDir(dir: string, label: string): Row[] {
  const docs = yamlFiles(dir).map((file) => ({ file: `${label}${file}`, doc: parse(readFileSync(join(dir, file), "utf8")) }));
  const own = new Map<string, Question>();
  for (const { doc } of docs) for (const q of doc.questions ?? []) own.set(q.id, questionSchema.parse(q));
  return docs.flatMap(({ file, doc }) =>
    (doc.cases ?? []).map(
      (c: { question: unknown; answer: Answer; expect?: { correct: boolean; covered?: number[] }; correct?: boolean; kind?: string }) => {
        const id = String(c.question);
        const question = typeof c.question === "string" ? (own.get(id) ?? bankById.get(id)) : questionSchema.parse(c.question);
        if (!question) throw new Error(`${file}: no question ${id}`);
        const correct = c.expect?.correct ?? c.correct;
        if (typeof correct !== "boolean") throw new Error(`${file}: a case of ${id} has no verdict`);
        return { file, question, answer: c.answer, correct, kind: c.kind ?? "mixed", covered: c.expect?.covered };
      },
    ),
  );
}

interface Figures {
  total: number;
  agreed: number;
  falsePasses: number;
  wrongAnswers: number;
  falseFails: number;
  rightAnswers: number;
  /** Per kind: cases, agreed, false passes, false fails. */
  kinds: Map<string, { n: number; agreed: number; falsePass: number; falseFail: number }>;
  disagreements: { row: Row; got: boolean; index: number }[];
}

function measure(rows: Row[]): Figures {
  const f: Figures = {
    total: rows.length,
    agreed: 0,
    falsePasses: 0,
    wrongAnswers: 0,
    falseFails: 0,
    rightAnswers: 0,
    kinds: new Map(),
    disagreements: [],
  };
  rows.forEach((row, index) => {
    const got = grade(row.question, row.answer).correct;
    const k = f.kinds.get(row.kind) ?? { n: 0, agreed: 0, falsePass: 0, falseFail: 0 };
    f.kinds.set(row.kind, k);
    k.n++;
    if (row.correct) f.rightAnswers++;
    else f.wrongAnswers++;
    if (got === row.correct) {
      f.agreed++;
      k.agreed++;
      return;
    }
    if (got) {
      f.falsePasses++;
      k.falsePass++;
    } else {
      f.falseFails++;
      k.falseFail++;
    }
    f.disagreements.push({ row, got, index });
  });
  return f;
}

const pct = (a: number, b: number) => `${b ? ((100 * a) / b).toFixed(1) : "-"}%`;

/** The figures of a tuning set, with a line per kind of answer. */
function summary(name: string, f: Figures): string {
  const lines = [
    `${name}: agreement ${f.agreed}/${f.total} = ${pct(f.agreed, f.total)}; ` +
      `false passes ${f.falsePasses}/${f.wrongAnswers} wrong answers (${pct(f.falsePasses, f.total)} of all); ` +
      `false fails ${f.falseFails}/${f.rightAnswers} right answers`,
  ];
  for (const [kind, k] of [...f.kinds].sort()) {
    lines.push(
      `  ${kind.padEnd(16)} ${String(k.n).padStart(4)} cases, ${pct(k.agreed, k.n).padStart(6)} agree, ${k.falsePass} false pass, ${k.falseFail} false fail`,
    );
  }
  return lines.join("\n");
}

/** What the held-out set must reach: the grader's goal. */
const HELDOUT_TARGET = { agreement: 0.92, falsePasses: 0.03 };
/** What it reached when last measured (85.7%, 4.0%, 6): a regression floor until the target is met. */
const HELDOUT_FLOOR = { agreement: 0.856, falsePasses: 0.041, terseFails: 6 };
/** The fresh set when last measured (80.7%, 12.0%, 4): a regression floor too. */
const FRESH_FLOOR = { agreement: 0.82, falsePasses: 0.107, terseFails: 4 };

/** The third set (126 answers to 42 recall questions no earlier set used), written from prompts and model answers
 * only: 81.7% / 13.5% before the clause-negation and core-marking work, 84.1% / 8.7% after; a regression floor. */
const THIRD_FLOOR = { agreement: 0.841, falsePasses: 0.088, terseFails: 3 };
/** The fourth set (154 answers to 60 random recall questions), written from prompts and model answers only and
 * graded first with the grader as it stood (86.4%, 7.1%, 5; 87.0%, 7.1%, 4 since a move away from ZooKeeper is not
 * read as ZooKeeper holding the metadata); a regression floor. */
const FOURTH_FLOOR = { agreement: 0.876, falsePasses: 0.065, terseFails: 4 };

/** The fifth set (154 answers to 60 random recall questions), written from prompts and model answers only and
 * graded first with the grader as it stood (84.4%, 12.3%, 2: most false passes are negations and keyword salads);
 * a regression floor. */
const FIFTH_FLOOR = { agreement: 0.857, falsePasses: 0.111, terseFails: 2 };

/** The sixth set (174 answers to 29 recall questions, six kinds each), written from prompts and model answers only
 * and graded first with the grader as it stood (85.1%, 5.7%, 7: most false passes are negations, most false fails
 * paraphrases and terse answers); a regression floor. */
const SIXTH_FLOOR = { agreement: 0.856, falsePasses: 0.052, terseFails: 7 };

const short = (a: Answer) => (typeof a === "string" ? a.replace(/\s+/g, " ").slice(0, 100) : JSON.stringify(a));

describe("grader agreement with a fair interviewer", () => {
  const fixtures = loadDir(DIR, "");
  const tuning = [...fixtures, ...loadDir(TUNING, "tuning/")];

  it("has a tuning set of at least 200 answers over recall questions of the bank and every other open type", () => {
    expect(tuning.length).toBeGreaterThanOrEqual(200);
    const bankRecall = new Set(tuning.filter((r) => bankById.has(r.question.id) && r.question.type === "recall").map((r) => r.question.id));
    expect(bankRecall.size).toBeGreaterThanOrEqual(40);
    for (const type of ["cloze", "multi", "order"])
      expect(
        tuning.some((r) => r.question.type === type),
        type,
      ).toBe(true);
  });

  it("agrees on the tuning set: at least 94%, at most 3% false passes", () => {
    const f = measure(tuning);
    console.log(summary("tuning set", f));
    if (f.disagreements.length) {
      console.log(
        `disagreements:\n${f.disagreements.map((d) => `  ${d.row.file} ${d.row.question.id} [${d.row.kind}]: expected ${d.row.correct}, got ${d.got}: ${short(d.row.answer)}`).join("\n")}`,
      );
    }
    expect(f.agreed / f.total).toBeGreaterThanOrEqual(0.94);
    expect(f.falsePasses / f.total).toBeLessThanOrEqual(0.03);
  });

  it("ticks the key points the interviewer ticked on the original fixtures", () => {
    let same = 0;
    let total = 0;
    for (const row of fixtures) {
      const g = grade(row.question, row.answer);
      if (!g.keyPoints || !row.covered) continue;
      g.keyPoints.forEach((k, i) => {
        total++;
        if (k.covered === row.covered?.includes(i)) same++;
      });
    }
    console.log(`key point agreement: ${same}/${total} = ${pct(same, total)}`);
    expect(same / total).toBeGreaterThanOrEqual(0.9);
  });

  it("passes every fixture recall question's own model answer", () => {
    const questions = new Map(fixtures.map((r) => [r.question.id, r.question]));
    for (const q of questions.values()) if (q.type === "recall") expect(grade(q, q.answer).score, q.id).toBe(1);
  });

  // The held-out answers were written by someone who saw only the prompts and model answers. Nobody tunes phrases
  // or the lexicon while looking at them: this prints the four aggregate figures only, never an answer, an id or a
  // per-answer verdict. The first set's totals guided which whole changes were kept while the grader was improved;
  // the fresh set was written afterwards and had never been graded before its floor was set.
  for (const set of [
    { name: "held-out set", rows: loadDir(HELDOUT, "heldout/"), floor: HELDOUT_FLOOR },
    { name: "fresh held-out set", rows: loadDir(HELDOUT_FRESH, "heldout-fresh/"), floor: FRESH_FLOOR },
    { name: "third held-out set", rows: loadDir(HELDOUT_THIRD, "heldout-3/"), floor: THIRD_FLOOR },
    { name: "fourth held-out set", rows: loadDir(HELDOUT_FOURTH, "heldout-4/"), floor: FOURTH_FLOOR },
    { name: "fifth held-out set", rows: loadDir(HELDOUT_FIFTH, "heldout-5/"), floor: FIFTH_FLOOR },
    { name: "sixth held-out set", rows: loadDir(HELDOUT_SIXTH, "heldout-6/"), floor: SIXTH_FLOOR },
  ]) {
    it.runIf(set.rows.length > 0)(`agrees on the ${set.name} at least as well as it did when last measured`, () => {
      const f = measure(set.rows);
      const terseFails = f.disagreements.filter((d) => d.row.kind === "terse" && d.row.correct).length;
      console.log(
        `${set.name}: agreement ${f.agreed}/${f.total} = ${pct(f.agreed, f.total)}; ` +
          `false passes ${f.falsePasses}/${f.wrongAnswers} wrong answers (${pct(f.falsePasses, f.total)} of all); ` +
          `false fails ${f.falseFails}/${f.rightAnswers} right answers; terse right answers failed ${terseFails}`,
      );
      // Per kind of answer, counts only: which kinds of mistake are left, never which answers.
      for (const [kind, k] of [...f.kinds].sort())
        console.log(`  ${kind.padEnd(16)} ${String(k.n).padStart(4)} cases, ${k.falsePass} false pass, ${k.falseFail} false fail`);
      const agreement = f.agreed / f.total;
      const falsePasses = f.falsePasses / f.total;
      const met = agreement >= HELDOUT_TARGET.agreement && falsePasses <= HELDOUT_TARGET.falsePasses && terseFails === 0;
      console.log(
        `${set.name} target (agreement >= ${HELDOUT_TARGET.agreement * 100}%, false passes <= ${HELDOUT_TARGET.falsePasses * 100}%, ` +
          `no terse right answer failed): ${met ? "met" : `NOT met (${terseFails} terse right answers failed)`}`,
      );
      // The floor is what the grader reached when last measured; raise it as the grader improves, up to the target.
      expect(agreement).toBeGreaterThanOrEqual(set.floor.agreement);
      expect(falsePasses).toBeLessThanOrEqual(set.floor.falsePasses);
      expect(terseFails, "terse right answers graded wrong").toBeLessThanOrEqual(set.floor.terseFails);
    });
  }
});

/** The words of every phrase of a question in a shuffled order that a seed fixes. */
function salad(q: Extract<Question, { type: "recall" }>, seed: number): string {
  const words = q.keyPoints.flatMap((k) => k.phrases.flatMap((p) => p.split(/\s+/)));
  let s = seed;
  for (let i = words.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [words[i], words[j]] = [words[j], words[i]];
  }
  return words.join(" ");
}

describe("built-in bank recall questions", () => {
  const recall = bank.questions.filter((q): q is Extract<Question, { type: "recall" }> => q.type === "recall");

  it("pass their own model answer: every core point covered and no wrong claim found", () => {
    const broken = recall.flatMap((q) => {
      const g = grade(q, q.answer);
      if (g.correct) return [];
      const missed = (g.keyPoints ?? []).filter((k) => !k.covered).map((k) => `"${k.point}"${k.core ? " (core)" : ""}`);
      const wrong = (g.contradictions ?? []).map((c) => `wrong claim "${c.claim}"`);
      return [`${q.id}: ${(g.score * 100).toFixed(0)}% ${g.reason ?? ""}, misses ${[...missed, ...wrong].join("; ")}`];
    });
    expect(broken, `recall questions whose model answer fails:\n${broken.join("\n")}`).toEqual([]);
  });

  it("mark at most four core points each", () => {
    const many = recall.filter((q) => q.keyPoints.filter((k) => k.core).length > 4).map((q) => q.id);
    expect(many).toEqual([]);
  });

  it("hold no Kafka-wide wrong claim in their own model answers, explanations and glossary", () => {
    // A question every rule applies to: it is about idempotence, sequence numbers and KRaft, and claims nothing.
    const probe: Extract<Question, { type: "recall" }> = {
      ...recall[0],
      id: "probe",
      prompt: "Explain the idempotent producer, its sequence numbers and producer id, and KRaft's Raft log.",
      answer: "The idempotent producer and the Raft log.",
    };
    const texts = [
      ...bank.questions.flatMap((q) => [q.explanation, q.type === "recall" ? q.answer : ""]),
      ...bank.glossary.map((g) => `${g.summary}\n${g.details}`),
    ].filter(Boolean);
    expect(grade(probe, "The consumer keeps the sequence number.").contradictions?.[0]?.rule).toBe("sequence-numbers-on-broker");
    const found = texts.flatMap((t) => (grade(probe, t).contradictions ?? []).flatMap((c) => (c.rule ? [`${c.rule}: "${c.claim}"`] : [])));
    expect([...new Set(found)]).toEqual([]);
  });

  it("do not pass an answer that only repeats the question", () => {
    const echoed = recall.flatMap((q) => (grade(q, q.prompt).correct ? [q.id] : []));
    expect(echoed, `recall questions passed by their own prompt: ${echoed.join(", ")}`).toEqual([]);
  });

  it("do not pass a keyword salad of their own phrases' words in shuffled order", () => {
    const passed = recall.flatMap((q) => [1, 2, 3].flatMap((seed) => (grade(q, salad(q, seed)).correct ? [`${q.id} (seed ${seed})`] : [])));
    expect(passed, `recall questions passed by a keyword salad: ${passed.join(", ")}`).toEqual([]);
  });
});
