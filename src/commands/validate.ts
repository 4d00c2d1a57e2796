import { existsSync } from "node:fs";
import chalk from "chalk";
import { packDirs } from "../bank/bank.js";
import { builtinQuestionsDir, display, findYamlFiles, formatProblem, loadFromYaml } from "../bank/load.js";
import type { GlobalOptions } from "../cli.js";
import { CliError, EXIT } from "../errors.js";

interface Options extends GlobalOptions {
  json?: boolean;
}

/** Lint the whole bank, or only the given files and folders (checked against the rest of the bank). */
export function run(paths: string[], opts: Options): number {
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length) throw new CliError(`no such file or folder: ${missing.join(", ")}`, EXIT.usage);
  const packs = packDirs(opts.questions);
  const requested = paths.length ? new Set(findYamlFiles(paths).files.map(display)) : undefined;
  const result = loadFromYaml([builtinQuestionsDir(), ...packs, ...paths]);
  const problems = requested ? result.problems.filter((p) => requested.has(p.file) || !p.line) : result.problems;
  const files = requested ? [...requested] : result.files.map(display);
  const counts = { files: files.length, questions: result.questions.length, glossary: result.glossary.length };
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ ok: problems.length === 0, ...counts, problems }, null, 2)}\n`);
  } else if (problems.length) {
    for (const p of problems) process.stdout.write(`${formatProblem(p)}\n`);
    const broken = new Set(problems.map((p) => p.file)).size;
    const checked = Math.max(files.length, broken);
    process.stdout.write(
      `${chalk.red("✗")} ${problems.length} problem${problems.length === 1 ? "" : "s"} in ${broken} of ${checked} file${checked === 1 ? "" : "s"}\n`,
    );
  } else {
    process.stdout.write(
      `${chalk.green("✓")} ${counts.files} file${counts.files === 1 ? "" : "s"} checked: ${counts.questions} questions, ${counts.glossary} glossary entries, no problems\n`,
    );
  }
  return problems.length ? EXIT.failed : EXIT.ok;
}
