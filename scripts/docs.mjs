// `npm run docs`: writes the README's generated parts (commands, options, check settings, exit codes) from the specs.
import { readFileSync, writeFileSync } from "node:fs";

const { updateReadme } = await import("../dist/tools/readme.js");
const before = readFileSync("README.md", "utf8");
const after = updateReadme(before);
if (after !== before) writeFileSync("README.md", after);
console.log(after === before ? "README.md is up to date." : "README.md updated.");
