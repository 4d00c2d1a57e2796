// The editor `quiz --editor` opens ($VISUAL, then $EDITOR, then vim, as the editor prompt picks it), checked before
// the first question: an editor that cannot start would stall the round on its first open answer.
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";

/** Why the editor cannot be started, or undefined when it can. */
export function editorProblem(env: Readonly<Record<string, string | undefined>>, cwd: string): string | undefined {
  const from = env.VISUAL ? "$VISUAL" : env.EDITOR ? "$EDITOR" : undefined;
  const command = (env.VISUAL || env.EDITOR || "vim").trim();
  const bin = /^"([^"]+)"|^'([^']+)'|^(\S+)/.exec(command);
  const name = bin?.[1] ?? bin?.[2] ?? bin?.[3] ?? "";
  const runnable = (path: string) => {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  };
  const found = name.includes("/")
    ? runnable(isAbsolute(name) ? name : join(cwd, name))
    : (env.PATH ?? "").split(delimiter).some((dir) => dir && runnable(join(dir, name)));
  if (found) return undefined;
  const what = from ? `"${command}" (from ${from})` : `"vim" (neither $VISUAL nor $EDITOR is set)`;
  return `--editor cannot start the editor ${what}: no such program. Set EDITOR to one that is installed (for example EDITOR=nano), or leave --editor out to type answers in the terminal.`;
}
