import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import chalk from "chalk";
import { z } from "zod";
import { loadBank } from "../bank/bank.js";
import { LEVELS, type Level, TOPICS, type Topic } from "../bank/constants.js";
import { display, formatProblem, parseYaml } from "../bank/load.js";
import type { GlobalOptions } from "../cli.js";
import { CliError, EXIT } from "../errors.js";
import { type Readiness, readiness, type TopicReadiness } from "../progress/readiness.js";
import { openStore, resolveDataDir } from "../progress/store.js";
import type { QuizOptions } from "./quiz.js";

interface CheckOptions extends GlobalOptions {
  level?: Level[];
  topic?: Topic[];
  minScore?: number;
  minCoverage?: number;
  minRecall?: number;
  interviewDate?: string;
  json?: boolean;
  junit?: string;
  config?: string;
  exam?: boolean;
  count?: number;
  timeLimit?: number;
  pass?: number;
  seed?: number;
}

const percent = z.number().min(0).max(100);
/** `kafka-prep.yaml`: the same settings as the flags, so a prep repository can run `kafka-prep check` bare. */
const configSchema = z.strictObject({
  level: z.array(z.enum(LEVELS)).optional(),
  topic: z.array(z.enum(TOPICS)).optional(),
  minScore: percent.optional(),
  minCoverage: percent.optional(),
  minRecall: percent.optional(),
  interviewDate: z
    .union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD"), z.date().transform((d) => d.toISOString().slice(0, 10))])
    .optional(),
  junit: z.string().optional(),
  exam: z
    .strictObject({ count: z.number().int().min(1).optional(), timeLimit: z.string().optional(), pass: percent.optional() })
    .optional(),
});
type Config = z.infer<typeof configSchema>;

function readConfig(path: string | undefined): Config {
  const file = path ?? (existsSync("kafka-prep.yaml") ? "kafka-prep.yaml" : undefined);
  if (!file) return {};
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new CliError(`cannot read the settings file ${file}.`);
  }
  const parsed = parseYaml(display(resolve(file)), text, configSchema);
  if (parsed.problems.length) {
    throw new CliError(`${parsed.problems.map(formatProblem).join("\n")}\nFix ${file} (see kafka-prep check --help) and run again.`);
  }
  return parsed.data ?? {};
}

function figures(r: TopicReadiness): string {
  const f = (x: number | null) => (x === null ? "  -" : `${String(Math.round(x)).padStart(3)}%`);
  return `coverage ${f(r.coverage)}  accuracy ${f(r.accuracy)}  recall ${f(r.recall)}`;
}

function text(report: Readiness, date: string | undefined): string {
  const out: string[] = [];
  const width = Math.max(...report.topics.map((t) => t.topic.length));
  for (const level of LEVELS) {
    const rows = report.topics.filter((t) => t.level === level);
    if (!rows.length) continue;
    out.push(chalk.bold(level));
    for (const r of rows) {
      const mark = r.pass ? chalk.green("✓") : chalk.red("✗");
      const line = `  ${mark} ${r.topic.padEnd(width)}  ${chalk.dim(figures(r))}`;
      out.push(r.pass ? line : `${line}\n      ${chalk.red(r.reasons.join("; "))} → ${chalk.cyan(r.fix)}`);
    }
  }
  const t = report.thresholds;
  out.push(
    "",
    chalk.dim(`thresholds: accuracy ${t.minScore}%, coverage ${t.minCoverage}%, predicted recall ${t.minRecall}% on ${report.on}`),
  );
  if (report.plan && report.failed) {
    out.push(
      `Plan until ${date}: about ${report.plan.perDay} question${report.plan.perDay === 1 ? "" : "s"} a day for ${report.plan.days} day${report.plan.days === 1 ? "" : "s"} (${report.plan.total} in all: new questions, missed ones again and due reviews) brings every failing topic up.`,
    );
  }
  const summary = `${report.passed} passed, ${report.failed} failed`;
  out.push(report.failed ? chalk.red(summary) : chalk.green(summary));
  return `${out.join("\n")}\n`;
}

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** JUnit XML: a testsuite per level, a testcase per topic, a failure with the reason. */
export function junit(report: Readiness): string {
  const suites = LEVELS.map((level) => report.topics.filter((t) => t.level === level))
    .filter((rows) => rows.length)
    .map((rows) => {
      const failures = rows.filter((r) => !r.pass).length;
      const cases = rows.map((r) => {
        const name = `<testcase classname="kafka-prep.${r.level}" name="${xml(r.topic)}"`;
        if (r.pass) return `    ${name}>\n      <system-out>${xml(figures(r))}</system-out>\n    </testcase>`;
        return `    ${name}>\n      <failure message="${xml(r.reasons.join("; "))}" type="not-ready">${xml(`${figures(r)}\nFix: ${r.fix}`)}</failure>\n    </testcase>`;
      });
      return `  <testsuite name="${rows[0].level}" tests="${rows.length}" failures="${failures}" errors="0" skipped="0">\n${cases.join("\n")}\n  </testsuite>`;
    });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kafka-prep check" tests="${report.topics.length}" failures="${report.failed}">\n${suites.join("\n")}\n</testsuites>\n`;
}

export async function run(opts: CheckOptions): Promise<number> {
  const config = readConfig(opts.config);
  if (opts.exam) {
    const { runRound } = await import("./quiz.js");
    const { durationArg } = await import("../cli.js");
    const timeLimit = opts.timeLimit ?? (config.exam?.timeLimit ? durationArg(config.exam.timeLimit) : 30 * 60);
    const quiz: QuizOptions = {
      ...opts,
      level: opts.level ?? config.level,
      topic: opts.topic ?? config.topic,
      count: opts.count ?? config.exam?.count ?? 20,
      time: 0,
      roundTime: timeLimit,
      followUps: false,
      json: opts.json,
    };
    return runRound(quiz, { passPercent: opts.pass ?? config.exam?.pass ?? 80 });
  }
  const bank = await loadBank(opts);
  const store = openStore(resolveDataDir(opts));
  const defaults = store.settings.check;
  const date = opts.interviewDate ?? config.interviewDate;
  const now = new Date();
  const on = date ? new Date(`${date}T09:00:00`) : undefined;
  if (on && on.getTime() < now.getTime() - 86_400_000) throw new CliError(`the interview date ${date} is in the past.`);
  const { cards, summary } = store.derived();
  const report = readiness({
    questions: bank.questions,
    summary,
    cards,
    levels: opts.level ?? config.level ?? [...LEVELS],
    topics: opts.topic ?? config.topic ?? [...TOPICS],
    thresholds: {
      minScore: opts.minScore ?? config.minScore ?? defaults.minScore,
      minCoverage: opts.minCoverage ?? config.minCoverage ?? defaults.minCoverage,
      minRecall: opts.minRecall ?? config.minRecall ?? defaults.minRecall,
    },
    now,
    on,
  });
  if (!report.topics.length) throw new CliError("no questions match these levels and topics. See what exists: kafka-prep topics");
  const junitFile = opts.junit ?? config.junit;
  if (junitFile) {
    try {
      writeFileSync(junitFile, junit(report));
    } catch (err) {
      throw new CliError(`cannot write the JUnit report to ${junitFile}: ${(err as Error).message}`);
    }
  }
  process.stdout.write(opts.json ? `${JSON.stringify({ ...report, interviewDate: date ?? null }, null, 2)}\n` : text(report, date));
  return report.failed ? EXIT.failed : EXIT.ok;
}
