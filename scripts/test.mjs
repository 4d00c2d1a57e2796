// The whole check behind `npm test`: type check, lint, build and the tests. The type check and the lint need
// nothing from the others, so they run beside the build and the tests instead of before them; the tests wait only
// for the build (the process tests run the built CLI). The output of the type check and the lint is kept and shown
// if they fail. Arguments are
// passed on to vitest.
import { spawn } from "node:child_process";

const bin = (name) => `node_modules/.bin/${name}`;

/** Runs a command; resolves to its exit code and, when `quiet`, what it printed. */
function step(name, command, args, quiet) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    if (quiet) {
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
    }
    child.on("error", (e) => resolve({ name, code: 1, output: `${output}${e.message}\n`, seconds: 0 }));
    child.on("close", (code, signal) => resolve({ name, code: code ?? (signal ? 1 : 0), output, seconds: (Date.now() - started) / 1000 }));
  });
}

const typecheck = step("typecheck (tsc --noEmit)", bin("tsc"), ["--noEmit"], true);
const lint = step("lint (biome check .)", bin("biome"), ["check", "."], true);
const build = await step("build", process.execPath, ["scripts/build.mjs"], false);
const tests = build.code === 0 ? await step("tests (vitest run)", bin("vitest"), ["run", ...process.argv.slice(2)], false) : undefined;
const steps = [build, await typecheck, await lint, ...(tests ? [tests] : [])];

const failed = steps.filter((s) => s.code !== 0);
for (const s of failed) if (s.output) process.stderr.write(`\n── ${s.name} failed ──\n${s.output}`);
process.stderr.write(
  `\n${steps.map((s) => `${s.name}: ${s.code === 0 ? "ok" : `failed (exit ${s.code})`}, ${s.seconds.toFixed(1)} s`).join("\n")}\n`,
);
if (!tests) process.stderr.write("tests not run: the build failed\n");
process.exit(failed.length ? 1 : 0);
