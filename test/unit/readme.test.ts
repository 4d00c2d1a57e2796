import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { updateReadme } from "../../src/readme.js";
import { builtinFromYaml } from "../helpers/bank.js";
import { ROOT } from "../helpers/cli.js";

describe("the README", () => {
  it("has its command list, options, check settings and exit codes as the specs make them (npm run docs)", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(updateReadme(readme), 'README.md is out of date: run "npm run docs"').toBe(readme);
  });

  it("notices a stale part", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const stale = readme.replace("| 130 | interrupted", "| 131 | interrupted");
    expect(updateReadme(stale)).toBe(readme);
    expect(stale).not.toBe(readme);
  });

  it("gives the glossary's size as the bank has it", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toContain(`The glossary has\n${builtinFromYaml().glossary.length} entries`);
  });
});
