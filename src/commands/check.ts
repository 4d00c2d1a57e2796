import { writeFileSync } from "node:fs";
import chalk from "chalk";
import { LEVELS, TOPICS } from "../bank/constants.js";
import type { Context } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import { type Readiness, readiness, type TopicReadiness } from "../progress/readiness.js";
import { runRound } from "../session/round.js";
import { daysBetween, parseDay } from "../time/calendar.js";
import { drillCommand } from "../ui/drill.js";
import { count, escapeXml } from "../ui/format.js";
import { readConfig } from "./config.js";
import type { OptionsOf } from "./options.js";
import { bankFor, pathFrom } from "./shared.js";
import { check } from "./specs.js";
import { storeFor } from "./store.js";

type Options = OptionsOf<typeof check>;

function figures(r: TopicReadiness): string {
  const f = (x: number | null) => (x === null ? "  -" : `${String(Math.round(x)).padStart(3)}%`);
  return `coverage ${f(r.coverage)}  accuracy ${f(r.accuracy)}  recall ${f(r.recall)}`;
}

/** The command that brings a failing topic up. */
export function fixCommand(r: TopicReadiness): string {
  return drillCommand({ topic: r.topic, level: r.level, due: r.fix.due });
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
      out.push(r.pass ? line : `${line}\n      ${chalk.red(r.reasons.join("; "))} → ${chalk.cyan(fixCommand(r))}`);
    }
  }
  const t = report.thresholds;
  out.push(
    "",
    chalk.dim(`thresholds: accuracy ${t.minScore}%, coverage ${t.minCoverage}%, predicted recall ${t.minRecall}% on ${report.on}`),
  );
  if (report.plan && report.failed) {
    out.push(
      `Plan until ${date}: about ${count(report.plan.perDay, "question")} a day for ${count(report.plan.days, "day")} (${report.plan.total} in all: new questions, missed ones again and due reviews) brings every failing topic up.`,
    );
  }
  const summary = `${report.passed} passed, ${report.failed} failed`;
  out.push(report.failed ? chalk.red(summary) : chalk.green(summary));
  return `${out.join("\n")}\n`;
}

/** JUnit XML: a testsuite per level, a testcase per topic, a failure with the reason. */
export function junit(report: Readiness): string {
  const xml = escapeXml;
  const suites = LEVELS.map((level) => report.topics.filter((t) => t.level === level))
    .filter((rows) => rows.length)
    .map((rows) => {
      const failures = rows.filter((r) => !r.pass).length;
      const cases = rows.map((r) => {
        const name = `<testcase classname="kafka-prep.${r.level}" name="${xml(r.topic)}"`;
        if (r.pass) return `    ${name}>\n      <system-out>${xml(figures(r))}</system-out>\n    </testcase>`;
        return `    ${name}>\n      <failure message="${xml(r.reasons.join("; "))}" type="not-ready">${xml(`${figures(r)}\nFix: ${fixCommand(r)}`)}</failure>\n    </testcase>`;
      });
      return `  <testsuite name="${rows[0].level}" tests="${rows.length}" failures="${failures}" errors="0" skipped="0">\n${cases.join("\n")}\n  </testsuite>`;
    });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kafka-prep check" tests="${report.topics.length}" failures="${report.failed}">\n${suites.join("\n")}\n</testsuites>\n`;
}

export async function run(cli: Options, ctx: Context): Promise<number> {
  // The command line wins over kafka-prep.yaml, which wins over the defaults.
  const config = (await readConfig(check, cli.config && pathFrom(ctx, cli.config), ctx.cwd)) as Partial<Options>;
  const opts: Options = { ...cli };
  for (const [key, value] of Object.entries(config)) {
    if ((opts as Record<string, unknown>)[key] === undefined) (opts as Record<string, unknown>)[key] = value;
  }
  const bank = await bankFor(opts, ctx);
  const store = storeFor(opts, ctx);
  if (opts.exam) {
    return runRound(ctx, {
      bank,
      store,
      options: {
        level: opts.level,
        topic: opts.topic,
        count: opts.count ?? 20,
        time: 0,
        roundTime: opts.timeLimit ?? 30 * 60,
        followUps: false,
        seed: opts.seed,
        json: opts.json,
      },
      exam: { passPercent: opts.pass ?? 80 },
    });
  }
  const defaults = store.settings.check;
  const date = opts.interviewDate;
  const now = ctx.now();
  const day = date ? parseDay(date) : undefined;
  if (day && daysBetween(now, day) < 0) throw new CliError(`the interview date ${date} is in the past.`);
  // The interview is in the morning of that day.
  const on = day ? new Date(day.getFullYear(), day.getMonth(), day.getDate(), 9) : undefined;
  const { cards, summary } = store.derived();
  const report = readiness({
    questions: bank.entries,
    summary,
    cards,
    levels: opts.level ?? [...LEVELS],
    topics: opts.topic ?? [...TOPICS],
    thresholds: {
      minScore: opts.minScore ?? defaults.minScore,
      minCoverage: opts.minCoverage ?? defaults.minCoverage,
      minRecall: opts.minRecall ?? defaults.minRecall,
    },
    now,
    on,
  });
  if (!report.topics.length) throw new CliError("no questions match these levels and topics. See what exists: kafka-prep topics");
  if (opts.junit) {
    try {
      writeFileSync(pathFrom(ctx, opts.junit), junit(report));
    } catch (err) {
      throw new CliError(`cannot write the JUnit report to ${opts.junit}: ${(err as Error).message}`);
    }
  }
  const json = { ...report, topics: report.topics.map((r) => ({ ...r, fix: fixCommand(r) })), interviewDate: date ?? null };
  ctx.stdout.write(opts.json ? `${JSON.stringify(json, null, 2)}\n` : text(report, date));
  return report.failed ? EXIT.failed : EXIT.ok;
}
