import chalk from "chalk";
import { LEVELS, TOPICS } from "../bank/constants.js";
import type { Context } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import { destinationReason } from "../messages.js";
import { dueTimes } from "../progress/due.js";
import { writeOutput } from "../progress/files.js";
import { type Readiness, readiness, type TopicReadiness } from "../progress/readiness.js";
import { EXAM_PRESETS } from "../quiz/presets.js";
import { MAX_PLAN_DAYS } from "../quiz/schedule.js";
import { dayKey, daysBetween, parseDay } from "../time/calendar.js";
import { drillCommand } from "../ui/drill.js";
import { count, escapeXml } from "../ui/format.js";
import { table } from "../ui/table.js";
import { wrap } from "../ui/wrap.js";
import { readConfig } from "./config.js";
import { flagName, type OptionsOf } from "./options.js";
import { bankFor, pathFrom } from "./shared.js";
import { check } from "./specs.js";
import { recoverExams, refuseStoreFile, storeFor } from "./store.js";

type Options = OptionsOf<typeof check>;

function figures(r: TopicReadiness): string {
  const f = (x: number | null) => (x === null ? "  -" : `${String(Math.round(x)).padStart(3)}%`);
  return `coverage ${f(r.coverage)}  accuracy ${f(r.accuracy)}  recall ${f(r.recall)}`;
}

/** The command that brings a failing topic up. */
export function fixCommand(r: TopicReadiness): string {
  return drillCommand({ topic: r.topic, level: r.level, due: r.fix.due });
}

const shown = (x: number | null) => (x === null ? "–" : `${Math.round(x)}%`);

/**
 * How far short a failing row falls, for ranking the weakest: what is known (accuracy, recall) before what is not yet
 * covered, each as its worst figure's share of its threshold.
 */
function shortfall(r: TopicReadiness, t: Readiness["thresholds"]): { rank: number; what: string } {
  const share = (x: number | null, min: number) => (min > 0 ? (x ?? 0) / min : 1);
  const known = [
    { share: share(r.accuracy, t.minScore), what: `accuracy ${shown(r.accuracy)}` },
    { share: share(r.recall, t.minRecall), what: `recall ${shown(r.recall)}` },
  ].reduce((a, b) => (b.share < a.share ? b : a));
  if (known.share < 1) return { rank: known.share, what: known.what };
  return { rank: 1 + share(r.coverage, t.minCoverage), what: `coverage ${shown(r.coverage)}` };
}

/** Which thresholds a failing row misses, by name: the figures beside it say by how much. */
function shortOn(r: TopicReadiness): string {
  if (!r.attempted) return "not practised yet";
  return r.reasons.map((x) => x.replace(/ .*$/, "").replace("predicted", "recall")).join(", ");
}

/** The one command to run next: the weakest practised failing topic's drill, else the first level with gaps. */
export function nextCommand(report: Readiness, dueNow: number): string {
  const failing = report.topics.filter((r) => !r.pass);
  if (!failing.length) return dueNow ? drillCommand({ due: true }) : "kafka-prep check --exam";
  const practised = failing.filter((r) => r.attempted);
  if (practised.length) {
    const [worst] = [...practised].sort((a, b) => shortfall(a, report.thresholds).rank - shortfall(b, report.thresholds).rank);
    return fixCommand(worst);
  }
  const level = LEVELS.find((l) => failing.some((r) => r.level === l));
  return drillCommand({ level });
}

/** Topic names that fit one line of `room` columns, with how many more there are. */
function fitNames(names: string[], room: number): string {
  let line = "";
  for (let i = 0; i < names.length; i++) {
    const more = names.length - i - 1;
    const next = `${line}${line ? ", " : ""}${names[i]}`;
    const tail = more ? `, … and ${more} more` : "";
    if (next.length + tail.length > room && line) return `${line}, … and ${names.length - i} more`;
    line = next;
  }
  return line;
}

function text(report: Readiness, opts: { date?: string; all?: boolean; width: number; dueNow: number }): string {
  const t = report.thresholds;
  const out: string[] = [];
  const total = report.topics.length;
  const failing = report.topics.filter((r) => !r.pass);
  const practised = failing.filter((r) => r.attempted);
  const unpractised = failing.filter((r) => !r.attempted);

  // The short answer first: ready or not, where it is weakest, and the one thing to do.
  if (!failing.length) out.push(chalk.green(`✓ Ready: all ${count(total, "topic")} pass on ${report.on}.`));
  else {
    const none = report.passed === 0 && !practised.length ? "; none practised yet" : "";
    out.push(chalk.red(`✗ Not ready: ${report.passed} of ${count(total, "topic")} pass, ${failing.length} fail${none}.`));
  }
  const weakest = [...practised]
    .map((r) => ({ r, s: shortfall(r, t) }))
    .sort((a, b) => a.s.rank - b.s.rank)
    .slice(0, 3);
  if (weakest.length)
    out.push(wrap(`Weakest: ${weakest.map(({ r, s }) => `${r.topic} (${r.level}) ${s.what}`).join("; ")}`, opts.width, 2));
  out.push(`Next: ${chalk.cyan(nextCommand(report, opts.dueNow))}`);

  const rows = opts.all ? report.topics : practised;
  if (rows.length) {
    out.push("", chalk.bold(opts.all ? `Every topic (${total})` : `Failing (${practised.length} practised)`));
    let level = "";
    const cells = rows.map((r) => {
      const first = r.level !== level;
      level = r.level;
      const mark = r.pass ? chalk.green("✓") : chalk.red("✗");
      return [
        mark,
        first ? r.level : "",
        r.topic,
        shown(r.coverage),
        shown(r.accuracy),
        shown(r.recall),
        r.pass ? "" : chalk.red(shortOn(r)),
      ];
    });
    out.push(
      ...table(
        [
          { header: "" },
          { header: "level" },
          { header: "topic" },
          { header: "coverage", align: "right" },
          { header: "accuracy", align: "right" },
          { header: "recall", align: "right" },
          { header: "short on" },
        ],
        cells,
        2,
        chalk.dim,
      ),
    );
  }
  if (!opts.all && unpractised.length) {
    out.push("", chalk.bold(`Not practised yet (${unpractised.length})`));
    const levelWidth = Math.max(...LEVELS.map((l) => l.length));
    for (const l of LEVELS) {
      const names = unpractised.filter((r) => r.level === l).map((r) => r.topic);
      if (!names.length) continue;
      const every = names.length > 1 && names.length === report.topics.filter((r) => r.level === l).length;
      const list = every ? `all ${names.length} topics` : fitNames(names, Math.max(20, opts.width - levelWidth - 4));
      out.push(`  ${l.padEnd(levelWidth)}  ${list}`);
    }
  }

  const rule = `A topic passes with coverage ${t.minCoverage}%, accuracy ${t.minScore}% and predicted recall ${t.minRecall}% on ${report.on}.`;
  out.push("", chalk.dim(wrap(`${rule}${opts.all || !failing.length ? "" : " Every topic: kafka-prep check --all"}`, opts.width)));
  if (practised.length)
    out.push(
      chalk.dim(
        wrap("Drill a failing topic: kafka-prep quiz --topic <topic> --level <level> (--due when only recall is short).", opts.width),
      ),
    );
  if (report.plan && report.failed) {
    const plan = `Plan until ${opts.date}: about ${count(report.plan.perDay, "question")} a day for ${count(report.plan.days, "day")} (${report.plan.total} in all: new questions, missed ones again and due reviews) brings every failing topic up.`;
    out.push(wrap(plan, opts.width));
  }
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
  // An option of the other mode would be quietly ignored (an exam passes at --pass, not --min-score): refused.
  const given = (keys: readonly (keyof Options)[]) =>
    keys.filter((k) => cli[k] !== undefined && cli[k] !== false).map((k) => `--${flagName(k)}`);
  // Where a setting came from, so a message names what to change: the option, or the line of the settings file.
  const from = (key: keyof Options, flag: string) =>
    cli[key] === undefined && config[key] !== undefined ? `${key} in ${cli.config ?? "kafka-prep.yaml"}` : flag;
  const exam = !!(opts.exam || opts.preset);
  const examFrom = [opts.exam && from("exam", "--exam"), opts.preset && from("preset", "--preset")].filter(Boolean).join(" and ");
  const stray = exam
    ? given(["minScore", "minCoverage", "minRecall", "interviewDate", "junit", "all"])
    : given(["type", "count", "timeLimit", "pass", "seed"]);
  if (stray.length)
    throw new CliError(
      exam
        ? `${stray.join(", ")} ${stray.length > 1 ? "belong" : "belongs"} to the readiness check, not to an exam (an exam passes at --pass). Leave ${stray.length > 1 ? "them" : "it"} out, or drop ${examFrom}.`
        : `${stray.join(", ")} ${stray.length > 1 ? "go" : "goes"} with --exam (a timed mock exam); the readiness check reads your history as it is. Add --exam, or leave ${stray.length > 1 ? "them" : "it"} out.`,
    );
  if (opts.preset && cli.type)
    throw new CliError(
      `--preset ${opts.preset} sets the question types itself; leave --type out, or use --exam without a preset to choose them.`,
    );
  const bank = await bankFor(opts, ctx);
  const store = storeFor(opts, ctx);
  await recoverExams(ctx, store, bank);
  if (exam) {
    const preset = opts.preset ? EXAM_PRESETS[opts.preset] : undefined;
    // The exam (rounds, grading, scenarios) is loaded only for an exam: the readiness report needs none of it.
    const { runExam } = await import("../session/exam.js");
    return runExam(ctx, {
      bank,
      store,
      options: {
        level: opts.level,
        topic: opts.topic,
        type: opts.type ?? preset?.types,
        count: opts.count ?? preset?.count ?? 20,
        seed: opts.seed,
        json: opts.json,
      },
      exam: {
        passPercent: opts.pass ?? preset?.passPercent ?? 80,
        seconds: opts.timeLimit ?? preset?.seconds ?? 30 * 60,
        preset: preset?.about,
      },
    });
  }
  const defaults = store.settings.check;
  const date = opts.interviewDate;
  const now = ctx.now();
  const day = date ? parseDay(date) : undefined;
  if (day && daysBetween(now, day) < 0) {
    throw new CliError(
      `the interview date ${date} (${from("interviewDate", "--interview-date")}) is in the past; today is ${dayKey(now)}. Give the day of the interview, today or later.`,
    );
  }
  if (day && daysBetween(now, day) > MAX_PLAN_DAYS) {
    throw new CliError(
      `the interview date ${date} (${from("interviewDate", "--interview-date")}) is more than ten years away; plans reach ${MAX_PLAN_DAYS} days ahead. Give a nearer date.`,
    );
  }
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
  if (!report.topics.length) {
    const asked = [opts.level?.length ? `--level ${opts.level.join(",")}` : "", opts.topic?.length ? `--topic ${opts.topic.join(",")}` : ""]
      .filter(Boolean)
      .join(" ");
    throw new CliError(`no questions match ${asked || "the bank"}. See which levels and topics have questions: kafka-prep topics`);
  }
  if (opts.junit !== undefined) {
    if (!opts.junit.trim())
      throw new CliError(
        `${from("junit", "--junit")} was given an empty path, so no JUnit report was written. Name the file (for example --junit report.xml), or leave the option out.`,
      );
    const path = pathFrom(ctx, opts.junit);
    refuseStoreFile(opts.junit, path, opts, ctx);
    try {
      const text = junit(report);
      writeOutput(path, (out) => out.write(text));
    } catch (err) {
      const reason = destinationReason(err);
      if (!reason) throw err;
      throw new CliError(
        `cannot write the JUnit report to ${opts.junit} (${from("junit", "--junit")}): ${reason}. Give a file in a folder that exists and that you can write to.`,
      );
    }
  }
  const { dueAt } = dueTimes({ cards, summary, ids: bank.entries.map((q) => q.id) });
  const dueNow = [...dueAt.values()].filter((d) => d.getTime() <= now.getTime()).length;
  const next = nextCommand(report, dueNow);
  const json = { ...report, topics: report.topics.map((r) => ({ ...r, fix: fixCommand(r) })), interviewDate: date ?? null, next };
  ctx.stdout.write(opts.json ? `${JSON.stringify(json, null, 2)}\n` : text(report, { date, all: opts.all, width: ctx.width, dueNow }));
  return report.failed ? EXIT.failed : EXIT.ok;
}
