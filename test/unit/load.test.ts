import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinAsParsed } from "../../src/bank/bank.js";
import {
  builtinLocation,
  builtinQuestionsDir,
  findYamlFiles,
  formatProblem,
  loadFromYaml,
  loadManifest,
  MAX_FILE_BYTES,
  parseQuestionFile,
} from "../../src/bank/load.js";
import { builtinFromYaml } from "../helpers/bank.js";
import { ROOT, tempDir } from "../helpers/cli.js";

const fixture = (name: string) => join(ROOT, "test", "fixtures", name);

/**
 * Packs read beside the built-in bank the way loadBank and validate read them: the bank (read once, see
 * helpers/bank.ts) handed to the loader as one file, its items placed by builtinLocation. Reading the bank's YAML
 * beside a pack is tested once, with the clash below.
 */
const withBuiltin = (paths: string[]) =>
  loadFromYaml(paths, { manifest: loadManifest(), base: builtinAsParsed(builtinFromYaml(), builtinLocation) });

function problemsOf(dir: string) {
  return loadFromYaml([fixture(dir)]).problems.map(formatProblem);
}

describe("loader", () => {
  it("loads the built-in bank with no problems", () => {
    const result = builtinFromYaml();
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
      /errors\.yaml:30:5 questions\[2\]\.choices: 2 choices are marked "correct: true" \(choices\[0\] and choices\[1\]\), but an mcq needs exactly one; keep it on the right choice only, or make the question type: multi/,
      /errors\.yaml:40:13 questions\[3\]\.prompt: expected exactly one blank "___", found 0/,
      /errors\.yaml:43:5 questions\[3\]: unknown field "colour"/,
      /questions\[4\]\.keyPoints: expected at least 3 key points/,
      /questions\[5\]\.prompt: must say how many to pick/,
      /questions\[6\]\.type: expected "type" to be one of/,
      /questions\[7\]\.explanation: missing required field/,
      /errors\.yaml:36:9 questions\[3\]\.id: duplicate id "cloze-no-blank", first defined at .*duplicate\.yaml:2:9; ids are unique across every file, so rename one of them/,
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
    const lines = withBuiltin([fixture("broken")]).problems.map(formatProblem);
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
    const broken = file([
      '{ url: "https://example.com/blog", title: "a blog" }',
      '{ url: "https://kafka.apache.org/documentation/" }',
      "{ doc: 000_1390a3d7602e6b05.txt }",
      "{ page: 12 }",
      '{ url: "http://example.com/plain", title: "not https" }',
    ]);
    // The built-in bank cites official references only.
    expect(parseQuestionFile("x.yaml", broken, { builtin: true }).problems.map(formatProblem)).toEqual([
      expect.stringMatching(/x\.yaml:10:\d+ questions\[0\]\.sources\[0\]\.url: the built-in bank cites only official references/),
      expect.stringMatching(/x\.yaml:11:\d+ questions\[0\]\.sources\[1\]: title: missing required field/),
      expect.stringMatching(/x\.yaml:12:\d+ questions\[0\]\.sources\[2\]: ref: missing required field/),
      expect.stringMatching(
        /x\.yaml:13:\d+ questions\[0\]\.sources\[3\]: expected a document source \{ doc, ref \} or a reference \{ url, title \}/,
      ),
      expect.stringMatching(/x\.yaml:14:\d+ questions\[0\]\.sources\[4\]\.url: expected an https URL/),
    ]);
    // A pack may cite any page over https.
    expect(parseQuestionFile("x.yaml", broken).problems.map(formatProblem)).toEqual([
      expect.stringMatching(/sources\[1\]: title: missing required field/),
      expect.stringMatching(/sources\[2\]: ref: missing required field/),
      expect.stringMatching(/sources\[3\]: expected a document source/),
      expect.stringMatching(/x\.yaml:14:\d+ questions\[0\]\.sources\[4\]\.url: expected an https URL/),
    ]);
  });

  it("tells a wrong value from a missing one, and says how to write it", () => {
    const parsed = parseQuestionFile(
      "x.yaml",
      [
        "questions:",
        "  - id: yes-no",
        "    level: beginner",
        "    topics: producers",
        "    type: truefalse",
        "    prompt: p",
        '    answer: "yes"',
        "    explanation: 42",
        '    sources: [{ url: "https://kafka.apache.org/documentation/", title: "docs" }]',
        "  - id: quoted",
        "    level: beginner",
        "    topics: [producers]",
        "    type: truefalse",
        "    prompt: q",
        '    answer: "false"',
        "    explanation: e",
        '    sources: [{ url: "https://kafka.apache.org/documentation/", title: "docs" }]',
        "  - id: missing",
        "    level: beginner",
        "    topics: [producers]",
        "    type: truefalse",
        "    prompt: r",
        "    explanation: e",
        '    sources: [{ url: "https://kafka.apache.org/documentation/", title: "docs" }]',
      ].join("\n"),
    );
    expect(parsed.problems.map(formatProblem)).toEqual([
      'x.yaml:4:13 questions[0].topics: expected a list, found the text "producers"; write it as [a, b] or as one "- item" line per entry',
      'x.yaml:7:13 questions[0].answer: expected true or false, found the text "yes"; write true or false (yes, no, on and off are read as text)',
      'x.yaml:8:18 questions[0].explanation: expected text, found the number 42; put it in quotes ("42") to keep it as text',
      'x.yaml:15:13 questions[1].answer: expected true or false, found the text "false"; remove the quotes',
      "x.yaml:18:5 questions[2].answer: missing required field (true or false)",
    ]);
  });

  it("says what is wrong with the YAML in an author's words: a number quoted as written, two documents, nesting without end", () => {
    const src = '    sources: [{ url: "https://kafka.apache.org/documentation/", title: "docs" }]';
    const numbers = parseQuestionFile(
      "n.yaml",
      [
        "questions:",
        "  - id: c-1",
        "    level: beginner",
        "    topics: [producers]",
        "    type: cloze",
        '    prompt: "The value is ___ ."',
        "    answers: [0x10, .inf]",
        "    explanation: e",
        src,
      ].join("\n"),
    );
    expect(numbers.problems.map(formatProblem)).toEqual([
      'n.yaml:7:15 questions[0].answers[0]: expected text, found the number 16; put it in quotes ("0x10") to keep it as text',
      'n.yaml:7:21 questions[0].answers[1]: expected text, found the number Infinity; put it in quotes (".inf") to keep it as text',
    ]);
    expect(parseQuestionFile("m.yaml", "questions: []\n---\nquestions: []\n").problems.map((p) => p.message)).toEqual([
      'YAML syntax: more than one document (a second "---"); keep one document per file',
    ]);
    const deep = parseQuestionFile("d.yaml", `questions: ${"[".repeat(5000)}${"]".repeat(5000)}\n`);
    expect(deep.problems.map((p) => p.message)).toEqual(["YAML syntax: nested far too deeply to be a question file; check the brackets"]);
  });

  it("suggests the field an unknown one is a typo of", () => {
    const parsed = parseQuestionFile(
      "t.yaml",
      [
        "questions:",
        "  - id: t-1",
        "    level: beginner",
        "    topics: [producers]",
        "    type: truefalse",
        "    prompt: p",
        "    answer: false",
        "    explanation: e",
        "    sorces: []",
        "    colour: red",
      ].join("\n"),
    );
    expect(parsed.problems.map((p) => p.message)).toContain(
      'unknown fields "sorces", "colour" (did you mean "sources" for "sorces"?); check the spelling against schemas/question-file.json',
    );
  });

  it("refuses two choices or two steps with the same text, at the second one", () => {
    const src = '    sources: [{ url: "https://kafka.apache.org/documentation/", title: "docs" }]';
    const parsed = parseQuestionFile(
      "x.yaml",
      [
        "questions:",
        "  - id: dup-choice",
        "    level: beginner",
        "    topics: [producers]",
        "    type: mcq",
        "    prompt: p",
        "    choices:",
        "      - { text: acks=all, correct: true }",
        "      - { text: acks=1 }",
        '      - { text: "ACKS=ALL " }',
        "    explanation: e",
        src,
        "  - id: dup-step",
        "    level: beginner",
        "    topics: [producers]",
        "    type: order",
        "    prompt: q",
        "    steps: [send, retry, send]",
        "    explanation: e",
        src,
      ].join("\n"),
    );
    expect(parsed.problems.map(formatProblem)).toEqual([
      'x.yaml:10:17 questions[0].choices[2].text: the same text as choices[0] ("ACKS=ALL"); each choice must differ from the others, or the person cannot tell them apart',
      'x.yaml:18:26 questions[1].steps[2]: the same text as steps[0] ("send"); each step must differ from the others, or the person cannot tell them apart',
    ]);
  });

  it("reads a pack's own documents from its sources: block and checks its citations against them", () => {
    const { dir, cleanup } = tempDir();
    try {
      const question = (id: string, sources: string[]) => [
        `  - id: ${id}`,
        "    level: beginner",
        "    topics: [producers]",
        "    type: truefalse",
        `    prompt: Statement ${id}.`,
        "    answer: true",
        "    explanation: e",
        "    sources:",
        ...sources.map((s) => `      - ${s}`),
      ];
      writeFileSync(
        join(dir, "a.yaml"),
        [
          "sources:",
          '  - { doc: my-notes.md, ref: ch1, title: "Chapter 1: producers" }',
          '  - { doc: 000_1390a3d7602e6b05.txt, ref: Q9, title: "a built-in one" }',
          "questions:",
          ...question("cites-notes", ["{ doc: my-notes.md, ref: ch1 }", '{ url: "https://example.com/notes", title: "Notes" }']),
          ...question("cites-missing-ref", ["{ doc: my-notes.md, ref: ch9 }"]),
          ...question("cites-unknown-doc", ["{ doc: other.md, ref: ch1 }"]),
        ].join("\n"),
      );
      // Declarations count across the pack's files; the same one twice is fine, a different title is not.
      writeFileSync(
        join(dir, "b.yaml"),
        [
          "sources:",
          '  - { doc: my-notes.md, ref: ch1, title: "Chapter 1: producers" }',
          '  - { doc: my-notes.md, ref: ch1, title: "Another title" }',
          "questions:",
          ...question("cites-from-b", ["{ doc: my-notes.md, ref: ch1 }"]),
        ].join("\n"),
      );
      const result = loadFromYaml([dir]);
      expect(result.problems.map(formatProblem)).toEqual([
        expect.stringMatching(/a\.yaml:3:5 sources\[1\]: "000_1390a3d7602e6b05\.txt" is one of the built-in source documents/),
        expect.stringMatching(
          /a\.yaml:\d+:\d+ questions\[1\]\.sources\[0\]: unknown ref "ch9" in my-notes\.md; the sources: blocks declare ch1/,
        ),
        expect.stringMatching(/a\.yaml:\d+:\d+ questions\[2\]\.sources\[0\]: unknown doc "other\.md"; declare it in a sources: block/),
        expect.stringMatching(/b\.yaml:3:5 sources\[1\]: my-notes\.md ref "ch1" is already declared at .*a\.yaml:2:5/),
      ]);
      expect(result.sources).toEqual([{ doc: "my-notes.md", ref: "ch1", title: "Chapter 1: producers" }]);
      expect(result.byFile.map((f) => f.questions)).toEqual([3, 1]);
    } finally {
      cleanup();
    }
  });

  it("keeps sources: blocks and unofficial references out of the built-in bank", () => {
    const parsed = parseQuestionFile("questions/x.yaml", 'sources:\n  - { doc: my-notes.md, ref: ch1, title: "t" }\n', {
      builtin: true,
    });
    expect(parsed.problems.map(formatProblem)).toEqual([
      "questions/x.yaml:2:5 sources[0]: the built-in bank lists its documents in sources/MANIFEST.yaml; a sources: block is for a pack's own documents",
    ]);
  });

  it("names the built-in file and line an id of a pack clashes with", () => {
    expect(builtinLocation("questions", "acks-all-meaning")).toMatch(/^questions\/producers\.yaml:\d+:9$/);
    const lines = loadFromYaml([builtinQuestionsDir(), fixture("clash")]).problems.map(formatProblem);
    expect(lines).toEqual([
      expect.stringMatching(
        /clash\.yaml:2:9 questions\[0\]\.id: duplicate id "acks-all-meaning": the built-in bank already has a question with this id \(.*questions\/producers\.yaml:\d+:9\); give this one another id, or use only your packs with --no-builtin/,
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
    const result = withBuiltin([fixture("good")]);
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

describe("finding question files", () => {
  it("follows a link back to a folder once, passes over a looping link and names a question file's broken link", () => {
    const { dir, cleanup } = tempDir("kafka-prep-find-");
    try {
      mkdirSync(join(dir, "sub"));
      writeFileSync(join(dir, "a.yaml"), "questions: []\n");
      writeFileSync(join(dir, "sub", "b.yml"), "questions: []\n");
      symlinkSync("..", join(dir, "sub", "up"));
      symlinkSync("loop", join(dir, "loop"));
      symlinkSync("missing.yaml", join(dir, "gone.yaml"));
      const { files, problems } = findYamlFiles([dir]);
      expect(files.map((f) => relative(realpathSync(dir), f))).toEqual(["a.yaml", join("sub", "b.yml")]);
      expect(problems).toEqual([
        expect.objectContaining({ file: join(dir, "gone.yaml"), message: "a link to a file that does not exist" }),
      ]);
      expect(findYamlFiles([join(dir, "nothing-here")]).problems).toEqual([expect.objectContaining({ message: "no such file or folder" })]);
    } finally {
      cleanup();
    }
  });
});
