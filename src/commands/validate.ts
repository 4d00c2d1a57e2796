import { existsSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import chalk from "chalk";
import { builtinAsParsed, familyIds, loadBank, packDirs } from "../bank/bank.js";
import { fingerprint, questionFiles } from "../bank/compiled.js";
import type { LoadResult } from "../bank/load.js";
import type { Context } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import { packageRoot } from "../paths.js";
import { count, thousands } from "../ui/format.js";
import type { OptionsOf } from "./options.js";
import { pathFrom } from "./shared.js";
import type { validate } from "./specs.js";

/** Lint the whole bank, or only the given files and folders (checked against the rest of the bank). */
export async function run(opts: OptionsOf<typeof validate>, ctx: Context): Promise<number> {
  const paths = opts.paths.map((p) => pathFrom(ctx, p));
  const missing = opts.paths.filter((_, i) => !existsSync(paths[i]));
  if (missing.length) {
    throw new CliError(
      `no such file or folder: ${missing.join(", ")}. Give question files (.yaml) or folders of them, relative to ${ctx.cwd}, or no path to check the whole bank.`,
      EXIT.usage,
    );
  }
  const packs = packDirs(
    (opts.questions ?? []).map((p) => pathFrom(ctx, p)),
    ctx.env,
  );
  const builtinDir = join(packageRoot(), "questions");
  const inBuiltin = (p: string) => !relative(builtinDir, p).startsWith("..");
  // The build checked the built-in files as they are now (their content hash says so): they need no second look,
  // unless asked for with --all or named on the command line.
  const trusted = opts.builtin !== false && !opts.all && !paths.some(inBuiltin) && fingerprint() !== undefined;
  const display = (file: string) => {
    const rel = relative(ctx.cwd, file);
    return rel && !rel.startsWith("..") ? rel : file;
  };
  // The YAML loader and zod are loaded only when there are files to read.
  const yaml = trusted && !packs.length && !paths.length ? undefined : await import("../bank/load.js");
  const requested = yaml && paths.length ? new Set(yaml.findYamlFiles(paths).files.map((f) => display(f))) : undefined;
  let result: LoadResult;
  let builtinFiles: string[] = [];
  if (trusted) {
    const builtin = await loadBank({ env: {} });
    const base = yaml && builtinAsParsed(builtin, yaml.builtinLocation);
    const rest = base && yaml?.loadFromYaml([...packs, ...paths], { manifest: builtin.manifest, base });
    builtinFiles = questionFiles(builtinDir).map((f) => display(join(builtinDir, f)));
    result = {
      files: rest?.files ?? [],
      problems: rest?.problems ?? [],
      questions: [...builtin.entries.filter((e) => e.type !== "scenario"), ...(rest?.questions ?? [])] as LoadResult["questions"],
      glossary: [...builtin.glossary, ...(rest?.glossary ?? [])],
      sources: rest?.sources ?? [],
      byFile: rest?.byFile ?? [],
    };
  } else {
    const { builtinQuestionsDir, loadFromYaml } = yaml as typeof import("../bank/load.js");
    const withBuiltin = opts.builtin !== false;
    const reserved = withBuiltin ? familyIds((await import("../scenarios/index.js")).families.map((f) => f.id)) : undefined;
    result = loadFromYaml([...(withBuiltin ? [builtinQuestionsDir()] : []), ...packs, ...paths], { reserved });
  }
  const problems = requested ? result.problems.filter((p) => requested.has(p.file) || !p.line) : result.problems;
  // A folder with no question file in it is a wrong path, not a pack that passes.
  for (const path of paths)
    if (yaml && statSync(path, { throwIfNoEntry: false })?.isDirectory() && !yaml.findYamlFiles([path]).files.length)
      problems.push({
        file: yaml.display(path),
        line: 0,
        col: 0,
        path: "",
        message: "no question files (*.yaml) in this folder; point validate at the folder that holds them",
      });
  const files = requested ? [...requested] : [...builtinFiles, ...result.files.map((f) => display(f))];
  // What the files asked about hold; the rest of the bank is only what they are checked against.
  const checked = requested ? result.byFile.filter((f) => requested.has(f.file)) : undefined;
  const counts = {
    files: files.length,
    questions: checked ? checked.reduce((n, f) => n + f.questions, 0) : result.questions.length,
    glossary: checked ? checked.reduce((n, f) => n + f.glossary, 0) : result.glossary.length,
  };
  if (opts.json) {
    ctx.stdout.write(`${JSON.stringify({ ok: problems.length === 0, ...counts, problems }, null, 2)}\n`);
  } else if (problems.length) {
    for (const p of problems) ctx.stdout.write(`${yaml?.formatProblem(p)}\n`);
    const broken = new Set(problems.map((p) => p.file)).size;
    const total = Math.max(files.length, broken);
    ctx.stdout.write(`${chalk.red("✗")} ${count(problems.length, "problem")} in ${thousands(broken)} of ${count(total, "file")}\n`);
  } else {
    const note = trusted && !requested ? chalk.dim(" (the built-in files as the build checked them; --all reads them again)") : "";
    ctx.stdout.write(
      `${chalk.green("✓")} ${count(counts.files, "file")} checked: ${count(counts.questions, "question")}, ${count(counts.glossary, "glossary entry", "glossary entries")}, no problems${note}\n`,
    );
  }
  return problems.length ? EXIT.failed : EXIT.ok;
}
