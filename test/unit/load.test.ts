import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinQuestionsDir, formatProblem, loadFromYaml, MAX_FILE_BYTES, parseQuestionFile } from "../../src/bank/load.js";
import { ROOT, tempDir } from "../helpers/cli.js";

const fixture = (name: string) => join(ROOT, "test", "fixtures", name);

function problemsOf(dir: string) {
  return loadFromYaml([fixture(dir)]).problems.map(formatProblem);
}

describe("loader", () => {
  it("loads the built-in bank with no problems", () => {
    const result = loadFromYaml([builtinQuestionsDir()]);
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.questions.length).toBeGreaterThan(0);
  });

  it("reports every problem at once, each with file:line:column and field path", () => {
    const lines = problemsOf("broken");
    const expected = [
      /errors\.yaml:2:9 questions\[0\]\.id: must be kebab-case/,
      /errors\.yaml:7:5 questions\[0\]\.choices: expected at least 2 choices/,
      /errors\.yaml:14:12 questions\[1\]\.level: expected one of beginner, intermediate, advanced, expert/,
      /errors\.yaml:15:25 questions\[1\]\.topics\[1\]: expected one of architecture/,
      /errors\.yaml:30:5 questions\[2\]\.choices: expected exactly 1 correct choice, found 2/,
      /errors\.yaml:40:13 questions\[3\]\.prompt: expected exactly one blank "___", found 0/,
      /errors\.yaml:36:5 questions\[3\]: unknown field "colour"/,
      /questions\[4\]\.keyPoints: expected at least 3 key points/,
      /questions\[5\]\.prompt: must say how many to pick/,
      /questions\[6\]\.type: expected "type" to be one of/,
      /questions\[7\]\.explanation: missing required field/,
      /errors\.yaml:36:9 questions\[3\]\.id: duplicate id "cloze-no-blank", first defined at .*duplicate\.yaml:2:9/,
      /glossary\[0\]\.related\[0\]: no glossary entry has id "nothing-here"/,
      /glossary\[0\]\.questions\[0\]: no question has id "missing-question"/,
      /syntax\.yaml:4:\d+ YAML syntax/,
    ];
    for (const pattern of expected)
      expect(
        lines.some((l) => pattern.test(l)),
        `${pattern}\n${lines.join("\n")}`,
      ).toBe(true);
  });

  it("checks sources against the manifest and ids referenced by followUps", () => {
    const lines = loadFromYaml([fixture("broken"), builtinQuestionsDir()]).problems.map(formatProblem);
    expect(lines).toContainEqual(expect.stringMatching(/questions\[4\]\.followUps\[0\]: no question has id "does-not-exist"/));
    const sourced = parseQuestionFile(
      "x.yaml",
      [
        "questions:",
        "  - id: a-b",
        "    level: beginner",
        "    topics: [producers]",
        "    type: truefalse",
        "    prompt: p",
        "    answer: true",
        "    explanation: e",
        "    sources:",
        "      - { doc: 000_1390a3d7602e6b05.txt, ref: Q99 }",
        "      - { doc: nope.txt, ref: Q1 }",
      ].join("\n"),
    );
    expect(sourced.problems).toEqual([]);
    const all = loadFromYaml([fixture("broken")]).problems.map(formatProblem);
    expect(all).toContainEqual(expect.stringMatching(/questions\[1\]\.sources\[0\]: unknown ref "Q99" in 000_1390a3d7602e6b05\.txt/));
    expect(all).toContainEqual(expect.stringMatching(/questions\[1\]\.sources\[1\]: unknown doc "nope\.txt"/));
  });

  it("accepts official references as sources and says what is wrong with a bad one", () => {
    const file = (sources: string[]) =>
      [
        "questions:",
        "  - id: a-b",
        "    level: expert",
        "    topics: [replication]",
        "    type: truefalse",
        "    prompt: p",
        "    answer: true",
        "    explanation: e",
        "    sources:",
        ...sources.map((s) => `      - ${s}`),
      ].join("\n");
    const good = parseQuestionFile(
      "x.yaml",
      file([
        '{ url: "https://cwiki.apache.org/confluence/display/KAFKA/KIP-966%3A+Eligible+Leader+Replicas", title: "KIP-966: Eligible Leader Replicas" }',
        '{ url: "https://issues.apache.org/jira/browse/KAFKA-15583", title: "KAFKA-15583: high watermark and min.insync.replicas" }',
        '{ url: "https://kafka.apache.org/documentation/#producerconfigs_acks", title: "Producer configs: acks" }',
      ]),
    );
    expect(good.problems).toEqual([]);
    expect(good.questions[0]?.value.sources).toHaveLength(3);
    const bad = parseQuestionFile(
      "x.yaml",
      file([
        '{ url: "https://example.com/blog", title: "a blog" }',
        '{ url: "https://kafka.apache.org/documentation/" }',
        "{ doc: 000_1390a3d7602e6b05.txt }",
        "{ page: 12 }",
      ]),
    ).problems.map(formatProblem);
    expect(bad).toEqual([
      expect.stringMatching(/x\.yaml:10:\d+ questions\[0\]\.sources\[0\]\.url: expected an https URL of the Apache Kafka docs/),
      expect.stringMatching(/x\.yaml:11:\d+ questions\[0\]\.sources\[1\]: title: missing required field/),
      expect.stringMatching(/x\.yaml:12:\d+ questions\[0\]\.sources\[2\]: ref: missing required field/),
      expect.stringMatching(
        /x\.yaml:13:\d+ questions\[0\]\.sources\[3\]: expected a document source \{ doc, ref \} or an official reference \{ url, title \}/,
      ),
    ]);
  });

  it("refuses text that carries terminal control characters, naming the character", () => {
    const parsed = parseQuestionFile(
      "evil.yaml",
      [
        "questions:",
        "  - id: evil-one",
        "    level: beginner",
        "    topics: [producers]",
        "    type: mcq",
        '    prompt: "Which one? \\e[2J"',
        "    choices:",
        '      - { text: "a\\u0007", correct: true }',
        "      - { text: b }",
        "    explanation: e",
        '    sources: [{ url: "https://kafka.apache.org/documentation/", title: "docs" }]',
      ].join("\n"),
    );
    expect(parsed.problems.map(formatProblem)).toEqual([
      "evil.yaml:6:13 questions[0].prompt: contains the control character U+001B; remove it",
      "evil.yaml:8:17 questions[0].choices[0].text: contains the control character U+0007; remove it",
    ]);
  });

  it("accepts a pack that refers to built-in questions", () => {
    const result = loadFromYaml([builtinQuestionsDir(), fixture("good")]);
    expect(result.problems).toEqual([]);
    expect(result.questions.some((q) => q.id === "pack-leader-election")).toBe(true);
  });

  it("refuses alias bombs without expanding them", () => {
    const lines = problemsOf("bomb");
    expect(lines).toEqual([expect.stringMatching(/bomb\.yaml.*refused: too many YAML aliases/)]);
  });

  it("refuses files over the size limit", () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(join(dir, "huge.yaml"), `# ${"x".repeat(MAX_FILE_BYTES)}\nquestions: []\n`);
      expect(loadFromYaml([dir]).problems.map(formatProblem)).toEqual([
        expect.stringMatching(/huge\.yaml refused: .* over the 1048576-byte limit/),
      ]);
    } finally {
      cleanup();
    }
  });

  it("reports a missing path and an empty file", () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(join(dir, "empty.yaml"), "# nothing\n");
      const lines = loadFromYaml([dir, join(dir, "missing")]).problems.map(formatProblem);
      expect(lines).toContainEqual(expect.stringMatching(/missing no such file or folder/));
      expect(lines).toContainEqual(expect.stringMatching(/empty\.yaml(:1:1)? empty file/));
    } finally {
      cleanup();
    }
  });
});
