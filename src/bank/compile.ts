import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { packageRoot } from "../paths.js";
import { count } from "../text/count.js";
import { type CompiledBank, familyIds } from "./bank.js";
import {
  type BuildStamp,
  buildStamp,
  buildStampPath,
  type CatalogEntry,
  type CompiledIndex,
  compiledBankPath,
  compiledCatalogPath,
  compiledCatalogText,
  compiledGlossaryPath,
  compiledGlossaryText,
  compiledIndexPath,
  type ScenarioLink,
} from "./compiled.js";
import { buildPlainIndex } from "./index-build.js";
import { builtinQuestionsDir, formatProblem, loadFromYaml, readManifestFile } from "./load.js";
import { questionFileJsonSchema } from "./schema.js";
import { surfaceForms } from "./search.js";

export function schemaPath(): string {
  return join(packageRoot(), "schemas", "question-file.json");
}

export function schemaText(): string {
  return `${JSON.stringify(questionFileJsonSchema(), null, 2)}\n`;
}

const outputs = () => [compiledBankPath(), compiledGlossaryPath(), compiledCatalogPath(), compiledIndexPath()];

/** The compiled files in dist/ are what this compiler makes of the question files as they are now. */
function upToDate(built: BuildStamp): boolean {
  try {
    const was = JSON.parse(readFileSync(buildStampPath(), "utf8")) as Partial<BuildStamp>;
    return was.hash === built.hash && was.compiler === built.compiler && outputs().every((f) => existsSync(f));
  } catch {
    return false;
  }
}

/** Validate the built-in bank and write its precompiled form; returns the number of problems. `scenarios`: the
 * generated question families, one catalogue entry each (the build passes them in). `compiler` names the code that
 * compiles (a hash of it): when neither it nor the question files changed since the last build, its files stay. */
export function compileBank(scenarios: CatalogEntry[] = [], links: ScenarioLink[] = [], compiler?: string): number {
  const built: BuildStamp = { ...buildStamp(), compiler };
  if (compiler && upToDate(built)) {
    // The files' times may differ (a fresh clone): the stamp is written again so the next start checks them cheaply.
    writeFileSync(buildStampPath(), JSON.stringify(built));
    return 0;
  }
  rmSync(buildStampPath(), { force: true });
  const stamp = built.hash;
  const manifest = readManifestFile();
  const result = loadFromYaml([builtinQuestionsDir()], { manifest, reserved: familyIds(scenarios.map((e) => e.id)) });
  if (result.problems.length) {
    for (const p of result.problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write(`${count(result.problems.length, "problem")} in questions/; the bank will be read from YAML at run time.\n`);
    return result.problems.length;
  }
  const bank: CompiledBank = { fingerprint: stamp, questions: result.questions, glossary: result.glossary, manifest };
  mkdirSync(dirname(compiledBankPath()), { recursive: true });
  writeFileSync(compiledBankPath(), JSON.stringify(bank));
  // explain reads only these: the glossary, and its search index when the query is not an exact name.
  writeFileSync(compiledGlossaryPath(), compiledGlossaryText(stamp, bank, links));
  writeFileSync(compiledCatalogPath(), compiledCatalogText(stamp, bank.questions, bank.manifest, scenarios));
  const index: CompiledIndex = { fingerprint: stamp, index: buildPlainIndex(bank.glossary), forms: surfaceForms(bank.glossary) };
  writeFileSync(compiledIndexPath(), JSON.stringify(index));
  // Written last: the other files count as built only once it names their hash.
  writeFileSync(buildStampPath(), JSON.stringify(built));
  return 0;
}
