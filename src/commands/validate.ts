import { existsSync } from "node:fs";
import chalk from "chalk";
import { packDirs } from "../bank/bank.js";
import { builtinQuestionsDir, display, findYamlFiles, formatProblem, loadFromYaml } from "../bank/load.js";
import type { Context } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import { count } from "../ui/format.js";
import type { OptionsOf } from "./options.js";
import { pathFrom } from "./shared.js";
import type { validate } from "./specs.js";

/** Lint the whole bank, or only the given files and folders (checked against the rest of the bank). */
export function run(opts: OptionsOf<typeof validate>, ctx: Context): number {
  const paths = opts.paths.map((p) => pathFrom(ctx, p));
  const missing = opts.paths.filter((_, i) => !existsSync(paths[i]));
  if (missing.length) throw new CliError(`no such file or folder: ${missing.join(", ")}`, EXIT.usage);
  const packs = packDirs(
    (opts.questions ?? []).map((p) => pathFrom(ctx, p)),
    ctx.env,
  );
  const requested = paths.length ? new Set(findYamlFiles(paths).files.map((f) => display(f))) : undefined;
  const result = loadFromYaml([...(opts.builtin === false ? [] : [builtinQuestionsDir()]), ...packs, ...paths]);
  const problems = requested ? result.problems.filter((p) => requested.has(p.file) || !p.line) : result.problems;
  const files = requested ? [...requested] : result.files.map((f) => display(f));
  const counts = { files: files.length, questions: result.questions.length, glossary: result.glossary.length };
  if (opts.json) {
    ctx.stdout.write(`${JSON.stringify({ ok: problems.length === 0, ...counts, problems }, null, 2)}\n`);
  } else if (problems.length) {
    for (const p of problems) ctx.stdout.write(`${formatProblem(p)}\n`);
    const broken = new Set(problems.map((p) => p.file)).size;
    const checked = Math.max(files.length, broken);
    ctx.stdout.write(`${chalk.red("✗")} ${count(problems.length, "problem")} in ${broken} of ${count(checked, "file")}\n`);
  } else {
    ctx.stdout.write(
      `${chalk.green("✓")} ${count(counts.files, "file")} checked: ${count(counts.questions, "question")}, ${count(counts.glossary, "glossary entry", "glossary entries")}, no problems\n`,
    );
  }
  return problems.length ? EXIT.failed : EXIT.ok;
}
