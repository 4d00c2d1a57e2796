// Run by the build: writes dist/bank.json and, with --schema, schemas/question-file.json.
import { writeFileSync } from "node:fs";
import { compileBank, schemaPath, schemaText } from "../src/bank/compile.js";
import { scenarioEntries, scenarioLinks } from "../src/quiz/scenario-question.js";

if (process.argv.includes("--schema")) writeFileSync(schemaPath(), schemaText());
process.exitCode = compileBank(scenarioEntries(), scenarioLinks()) ? 1 : 0;
