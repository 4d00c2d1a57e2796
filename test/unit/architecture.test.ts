import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

/**
 * The house drawn from imports, bottom to top: a module may import its own floor and the floors below, never above.
 * main → cli → commands → session → ui → progress → quiz, scenarios → bank → text, time and the leaf files.
 */
const FLOORS: [RegExp, number, string][] = [
  [/^src\/(time|text)\//, 0, "text, time"],
  [/^src\/(paths|errors|context)\.ts$/, 0, "leaf files"],
  [/^src\/bank\//, 1, "bank"],
  [/^src\/(quiz|scenarios)\//, 2, "quiz, scenarios"],
  [/^src\/progress\//, 3, "progress"],
  [/^src\/ui\//, 4, "ui"],
  [/^src\/messages\.ts$/, 4, "ui"],
  [/^src\/session\//, 5, "session"],
  [/^src\/commands\//, 6, "commands"],
  [/^src\/(cli|readme)\.ts$/, 7, "cli"],
  [/^src\/(main|entry)\.ts$/, 8, "main"],
];

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(`${dir}/${e.name}`) : e.name.endsWith(".ts") ? [`${dir}/${e.name}`] : [],
  );
}

const IMPORT = /(?:import|export)\s[^;]*?from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g;

function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  return [...text.matchAll(IMPORT)].map((m) => {
    const target = resolve(join(ROOT, dirname(file)), (m[1] ?? m[2]).replace(/\.js$/, ".ts"));
    return relative(ROOT, target);
  });
}

const floorOf = (file: string) => FLOORS.find(([re]) => re.test(file));

describe("the import graph", () => {
  const all = files("src");
  const graph = new Map(all.map((f) => [f, imports(f)]));

  it("places every module on a floor", () => {
    expect(all.filter((f) => !floorOf(f))).toEqual([]);
  });

  it("has no upward import", () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      const from = floorOf(file);
      for (const t of targets) {
        const to = floorOf(t);
        if (from && to && to[1] > from[1]) upward.push(`${file} (${from[2]}) imports ${t} (${to[2]})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("has no cycle", () => {
    // Tarjan's strongly connected components: any component of more than one module is a cycle.
    let index = 0;
    const stack: string[] = [];
    const on = new Set<string>();
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      on.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) continue;
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
        } else if (on.has(w)) low.set(v, Math.min(low.get(v) as number, idx.get(w) as number));
      }
      if (low.get(v) === idx.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          on.delete(w);
          scc.push(w);
        } while (w !== v);
        if (scc.length > 1) cycles.push(scc.sort());
      }
    };
    for (const f of all) if (!idx.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it("lets only main.ts end the process", () => {
    const exits = all.filter((f) => f !== "src/main.ts" && /process\.exit\s*\(/.test(readFileSync(join(ROOT, f), "utf8")));
    expect(exits).toEqual([]);
  });
});
