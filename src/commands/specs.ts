// Every command as data: its summary, arguments, options and examples. The CLI's parser and help, each command's
// options type, kafka-prep.yaml's schema and the README's tables are built from this one file.
import { DEFAULT_SETTINGS } from "../progress/defaults.js";
import { EXAM_PRESETS, PRESET_NAMES } from "../quiz/presets.js";
import { DEFAULT_SECONDS } from "../quiz/round.js";
import { defineCommand, levelOption, MAX_CLOCK_SECONDS, opt, topicOption, typeOption } from "./options.js";

/** Seeds are 32-bit: a larger one gave the same round as a smaller one. */
const MAX_SEED = 4_294_967_295;

const byType = Object.entries(DEFAULT_SECONDS)
  .map(([type, s]) => `${type} ${s}`)
  .join(", ");

export const quiz = defineCommand({
  name: "quiz",
  summary: "a timed round of questions; every answer graded, explained and recorded",
  handlesInterrupt: true,
  options: {
    level: levelOption(),
    topic: topicOption(),
    type: typeOption(),
    count: opt.int("<n>", "questions in the round", { min: 1, max: 500 }, { short: "n", default: 10 }),
    time: opt.int(
      "<seconds>",
      "seconds per question; 0 for untimed",
      { min: 0, max: MAX_CLOCK_SECONDS },
      { defaultText: `by type: ${byType}` },
    ),
    roundTime: opt.int("<seconds>", "end the round after this many seconds", { min: 1, max: MAX_CLOCK_SECONDS }),
    weak: opt.flag("only questions from weak topics"),
    new: opt.flag("only questions never answered"),
    due: opt.flag("only reviews that are due"),
    id: opt.list("<id...>", "exactly these questions (comma-separated or repeated)", undefined, { what: "question id" }),
    seed: opt.int("<n>", "make the choice and order of questions reproducible", { min: 0, max: MAX_SEED }),
    confidence: opt.flag('ask "how sure are you?" before each answer is revealed'),
    followUps: opt.negatable("skip the deeper follow-up questions"),
    repeat: opt.negatable("do not ask a missed question again later in the round"),
    shuffle: opt.negatable(
      "show choices in the question file's order, so a letter always picks the same one (steps to order stay shuffled)",
    ),
    editor: opt.flag("write recall answers in $EDITOR (the file opens with the question as # lines, left out of the answer)"),
    recallPass: opt.share("for recall questions without core points: the share of key points that passes (0 to 1)", {
      defaultText: `${DEFAULT_SETTINGS.recallPass}, or recallPass in settings.json`,
    }),
    flash: opt.flag(
      "flashcards: answer aloud, then see the model answer and tick the key points you said; recorded as your own grade (recall questions unless --type says otherwise)",
    ),
    json: opt.flag("print the round as JSON (answers read from stdin)"),
  },
  examples: [
    "kafka-prep quiz",
    "kafka-prep quiz --level advanced --count 5",
    "kafka-prep quiz --topic producers --type mcq,cloze",
    "kafka-prep quiz --weak",
    "kafka-prep quiz --flash --topic streams",
    "printf '1 2\\nall good\\n' | kafka-prep quiz --flash --count 2",
    "kafka-prep quiz --id acks-all-meaning --time 0",
    "printf 'b\\n' | kafka-prep quiz --id acks-all-meaning --no-follow-ups --no-shuffle --json",
  ],
});

export const explain = defineCommand({
  name: "explain",
  summary: "explain a Kafka concept or config, with related questions and sources",
  args: [{ name: "term", help: "what to look up; typos, abbreviations and several words are fine", variadic: true }],
  options: {
    full: opt.flag("show everything, not just one screen"),
    json: opt.flag("print the matches as JSON"),
  },
  examples: [
    "kafka-prep explain acks",
    "kafka-prep explain min insync",
    "kafka-prep explain EOS",
    "kafka-prep explain kstream vs ktable",
    "kafka-prep explain",
  ],
});

const t = DEFAULT_SETTINGS.check;
export const check = defineCommand({
  name: "check",
  summary: "pass or fail per topic from your history, with an exit code and JSON or JUnit reports",
  handlesInterrupt: true,
  options: {
    level: levelOption({ config: true }),
    topic: topicOption({ config: true }),
    minScore: opt.percent("recent accuracy a topic needs", { defaultText: String(t.minScore), config: true }),
    minCoverage: opt.percent("share of a topic's questions attempted", { defaultText: String(t.minCoverage), config: true }),
    minRecall: opt.percent("predicted recall on the interview date", { defaultText: String(t.minRecall), config: true }),
    interviewDate: opt.date("predict recall on this date and plan reviews until then", { config: true }),
    all: opt.flag("list every topic, passing ones included (by default: the failing ones, unpractised ones by name)"),
    json: opt.flag("print the report as JSON"),
    junit: opt.string("<file>", "also write a JUnit XML report", { config: true }),
    config: opt.string("<file>", "read settings from this YAML file", { defaultText: "./kafka-prep.yaml when present" }),
    exam: opt.flag(
      "a timed mock exam instead: an intro, then one clock; move back and forth, flag questions, review and submit; no feedback until the end",
      { config: true },
    ),
    preset: opt.choice("<name>", `a mock exam of a known shape (implies --exam). ${EXAM_PRESETS.ccdak.about}`, PRESET_NAMES, {
      what: "preset",
      config: true,
    }),
    type: typeOption("with --exam: only these question types"),
    count: opt.int("<n>", "questions in the exam", { min: 1, max: 500 }, { short: "n", defaultText: "20, ccdak 60", config: true }),
    timeLimit: opt.duration('time for the whole exam, such as "30m"', { defaultText: "30m, ccdak 90m", config: true }),
    pass: opt.percent("score the exam needs to pass", { defaultText: "80, ccdak 70", config: true }),
    seed: opt.int("<n>", "make the exam's questions reproducible", { min: 0, max: MAX_SEED }),
  },
  examples: [
    "kafka-prep check",
    "kafka-prep check --all",
    "kafka-prep check --level advanced --interview-date 2026-12-03",
    "kafka-prep check --json --junit report.xml",
    "kafka-prep check --exam --level intermediate --count 20 --time-limit 30m",
    "kafka-prep check --preset ccdak",
    "kafka-prep check --exam --type mcq,multi --count 10 --time-limit 15m",
  ],
});

export const stats = defineCommand({
  name: "stats",
  summary: "progress: accuracy and mastery per level and topic, round scores, streak, reviews due",
  options: { level: levelOption(), topic: topicOption(), json: opt.flag("print the statistics as JSON") },
  examples: ["kafka-prep stats", "kafka-prep stats --level advanced", "kafka-prep stats --json"],
});

export const weak = defineCommand({
  name: "weak",
  summary: "the weakest topics and questions, why, and the command that drills them",
  options: { json: opt.flag("print them as JSON") },
  examples: ["kafka-prep weak", "kafka-prep weak --json"],
});

export const history = defineCommand({
  name: "history",
  summary: "every answer given to one question, graded and timed, and its review schedule",
  args: [{ name: "id", help: "the question's id (kafka-prep list --search finds it)", required: true }],
  options: { json: opt.flag("print the answers and the schedule as JSON") },
  examples: ["kafka-prep history acks-all-meaning", "kafka-prep history acks-all-meaning --json"],
});

export const flags = defineCommand({
  name: "flags",
  summary: "the answers you flagged: where the grader was wrong, or the question itself is",
  options: { json: opt.flag("print them as JSON") },
  examples: ["kafka-prep flags", "kafka-prep flags --json"],
});

export const list = defineCommand({
  name: "list",
  summary: "list the questions in the bank, or find them by the words in them",
  options: {
    level: levelOption(),
    topic: topicOption(),
    type: typeOption(),
    search: opt.string("<words>", "only questions with these words in their prompt, answers, explanation or topics, best match first"),
    json: opt.flag("print the full question objects as JSON"),
  },
  examples: [
    "kafka-prep list --level expert",
    "kafka-prep list --topic streams --type recall",
    'kafka-prep list --search "consumer lag"',
    "kafka-prep list --json",
  ],
});

export const topics = defineCommand({
  name: "topics",
  summary: "every topic with its question count per level",
  options: { json: opt.flag("print them as JSON") },
  examples: ["kafka-prep topics", "kafka-prep topics --json"],
});

export const validate = defineCommand({
  name: "validate",
  summary: "check question files: schema, ids, references and sources, each problem with its file:line:column",
  args: [{ name: "paths", help: "files or folders (default: the built-in bank and any --questions packs)", variadic: true }],
  options: {
    json: opt.flag("print the problems as JSON"),
    all: opt.flag("check the built-in files again even when the build already checked them as they are"),
  },
  examples: [
    "kafka-prep validate",
    "kafka-prep validate my-pack/",
    "kafka-prep validate questions/producers.yaml --json",
    "kafka-prep validate --all",
  ],
});

const exportSpec = defineCommand({
  name: "export",
  summary: "save all progress as one JSON file, or write questions as an Anki deck",
  args: [{ name: "file", help: "where to write (default: standard output)" }],
  options: {
    anki: opt.string("<file>", "write an Anki deck of the bank instead (plain-text import; cloze questions as cloze notes)"),
    level: levelOption(),
    topic: topicOption(),
    weak: opt.flag("with --anki: only the weak questions (as kafka-prep weak lists them)"),
    deck: opt.string("<name>", "with --anki: the Anki deck the notes go to", { defaultText: '"Kafka interview prep"' }),
    force: opt.flag("replace the file when it already exists"),
  },
  examples: [
    "kafka-prep export backup.json",
    "kafka-prep export --anki weak.txt --weak",
    "kafka-prep export --anki deck.txt --level advanced --deck 'Kafka::advanced'",
    "kafka-prep export --anki deck.txt --force",
  ],
});

export { exportSpec as export };

const importSpec = defineCommand({
  name: "import",
  summary: "merge progress from an exported JSON file; attempts already present are not duplicated",
  args: [{ name: "file", help: "a file written by kafka-prep export", required: true }],
  options: {},
  examples: ["kafka-prep import backup.json"],
});

export { importSpec as import };

export const doctor = defineCommand({
  name: "doctor",
  summary: "check the progress store and repair it: keeps every readable attempt, backs up damaged files",
  options: {},
  examples: ["kafka-prep doctor"],
});

export const reset = defineCommand({
  name: "reset",
  summary: "erase all progress (a backup is kept)",
  handlesInterrupt: true,
  options: { yes: opt.flag("do not ask for confirmation", { short: "y" }) },
  examples: ["kafka-prep reset", "kafka-prep reset --yes"],
});
