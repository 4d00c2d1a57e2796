import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { editorProblem } from "../../src/ui/editor.js";
import { tempDir } from "../helpers/cli.js";

const work = tempDir();
afterAll(() => work.cleanup());
const bin = join(work.dir, "bin");
mkdirSync(bin);
for (const name of ["myedit", "my editor"]) {
  writeFileSync(join(bin, name), "#!/bin/sh\n");
  chmodSync(join(bin, name), 0o755);
}
writeFileSync(join(bin, "notexec"), "#!/bin/sh\n");

describe("the editor quiz --editor opens", () => {
  it("is found on PATH, by path, relative to the working folder, with arguments, and quoted", () => {
    for (const env of [
      { EDITOR: "myedit", PATH: `/nowhere:${bin}` },
      { EDITOR: "myedit --wait -n", PATH: bin },
      { EDITOR: join(bin, "myedit") },
      { EDITOR: "bin/myedit" },
      { EDITOR: `"${join(bin, "my editor")}" --wait` },
      { VISUAL: "myedit", EDITOR: "nosuch", PATH: bin },
    ])
      expect(editorProblem(env, work.dir), JSON.stringify(env)).toBeUndefined();
  });

  it("is named with where it came from when it cannot start: missing, not executable, or vim when nothing is set", () => {
    expect(editorProblem({ EDITOR: "nosuch --wait", PATH: bin }, work.dir)).toMatch(
      /^--editor cannot start the editor "nosuch --wait" \(from \$EDITOR\): no such program\./,
    );
    expect(editorProblem({ VISUAL: "nosuch", EDITOR: "myedit", PATH: bin }, work.dir)).toContain('"nosuch" (from $VISUAL)');
    expect(editorProblem({ EDITOR: join(bin, "notexec") }, work.dir)).toContain("no such program");
    expect(editorProblem({ EDITOR: bin }, work.dir)).toContain("no such program");
    expect(editorProblem({ PATH: bin }, work.dir)).toContain('"vim" (neither $VISUAL nor $EDITOR is set)');
  });
});
