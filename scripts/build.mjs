// Bundles the CLI into dist/ and precompiles the built-in question bank.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { build } from "esbuild";

const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const shared = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
  define: { KAFKA_PREP_VERSION: JSON.stringify(pkg.version) },
  // Bundled CommonJS dependencies still call require().
  banner: { js: "import { createRequire as __kpRequire } from 'node:module'; const require = __kpRequire(import.meta.url);" },
};

// Build beside dist/ and swap it in, so a failed build leaves the last good one.
rmSync("dist.next", { recursive: true, force: true });
await build({
  ...shared,
  entryPoints: { cli: "src/entry.ts" },
  outdir: "dist.next",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  external: ["@lydell/node-pty"],
});
// The bank compiler, the progress store and the scenario engine on their own, for benchmarks and scripts.
await build({
  ...shared,
  entryPoints: {
    compile: "scripts/compile-bank.ts",
    store: "src/progress/store.ts",
    readme: "src/readme.ts",
    scenarios: "src/scenarios/index.ts",
  },
  outdir: "dist.next/tools",
});
// The compiled bank of the last build moves over; the compiler keeps it when nothing it depends on changed.
for (const f of ["bank.json", "glossary.json", "glossary-index.json", "questions.jsonl", "build-stamp.json"]) {
  if (existsSync(`dist/${f}`)) renameSync(`dist/${f}`, `dist.next/${f}`);
}
rmSync("dist", { recursive: true, force: true });
renameSync("dist.next", "dist");
try {
  execFileSync(process.execPath, ["dist/tools/compile.js", ...process.argv.slice(2)], { stdio: "inherit" });
} catch {
  // The problems are printed; the CLI reads the bank from YAML and reports them.
}
