// Run by the build: writes dist/bank.json and the other compiled files (kept as they are when neither the question
// files nor this compiler changed; --all compiles anyway) and, with --schema, schemas/question-file.json.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compileBank, schemaPath, schemaText } from "../src/bank/compile.js";
import { scenarioEntries, scenarioLinks } from "../src/quiz/scenario-question.js";

if (process.argv.includes("--schema")) writeFileSync(schemaPath(), schemaText());
const compiler = createHash("sha256")
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .digest("hex");
process.exitCode = compileBank(scenarioEntries(), scenarioLinks(), process.argv.includes("--all") ? undefined : compiler) ? 1 : 0;
