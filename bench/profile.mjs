// Where a command's time goes, from V8 CPU profiles of a few runs: compiling and loading modules, Node's own
// internals, garbage collection, and kafka-prep's code (with its libraries, bundled) by function. The start-up bench
// prints this for every command that misses its target, beside the same profile of a bare `node -e 0`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";

const LOADING = /^node:internal\/(modules|vm)|^node:internal\/bootstrap/;
const LOADER_FUNCTIONS = new Set(["compileSourceTextModule", "compileForInternalLoader", "wrapSafe", "(program)"]);

/** Self time per category and per app function, averaged over `runs` profiled runs of `node ...args`. */
export function profile(args, { runs = 5, env, input, cwd } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "kafka-prep-profile-"));
  const total = { loading: 0, node: 0, gc: 0, app: 0, all: 0 };
  const functions = new Map();
  const files = new Map();
  try {
    for (let i = 0; i < runs; i++) {
      const out = join(dir, String(i));
      spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-interval", "100", "--cpu-prof-dir", out, ...args], {
        env,
        cwd,
        input: input ?? "",
        stdio: ["pipe", "ignore", "ignore"],
      });
      const name = readdirSync(out).find((f) => f.endsWith(".cpuprofile"));
      if (!name) continue;
      const p = JSON.parse(readFileSync(join(out, name), "utf8"));
      const byId = new Map(p.nodes.map((n) => [n.id, n]));
      for (let s = 0; s < p.samples.length; s++) {
        const ms = (p.timeDeltas[s] ?? 0) / 1000 / runs;
        const { functionName, url, lineNumber } = byId.get(p.samples[s]).callFrame;
        total.all += ms;
        if (functionName === "(garbage collector)") total.gc += ms;
        else if (functionName === "(idle)") total.all -= ms;
        else if (LOADER_FUNCTIONS.has(functionName) || LOADING.test(url)) total.loading += ms;
        else if (url.startsWith("file:")) {
          total.app += ms;
          const key = `${functionName || "(top level)"} (${basename(url)}:${lineNumber + 1})`;
          functions.set(key, (functions.get(key) ?? 0) + ms);
          if (!files.has(url)) files.set(url, statSync(fileURLToPath(url)).size);
        } else total.node += ms;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const top = [...functions].sort((a, b) => b[1] - a[1]).slice(0, 4);
  const kb = [...files.values()].reduce((a, b) => a + b, 0) / 1024;
  return { ...total, top, files: files.size, kb };
}

const ms = (x) => `${x.toFixed(0)} ms`;

/** One line: where the command spends more than bare Node does. */
export function describeGap(command, bare) {
  const extra = (k) => Math.max(0, command[k] - bare[k]);
  const top = command.top.map(([f, t]) => `${f} ${ms(t)}`).join(", ");
  return (
    `CPU over bare node: loading and compiling ${ms(extra("loading"))} (${command.files} JS files, ${command.kb.toFixed(0)} KB), ` +
    `node internals ${ms(extra("node"))}, GC ${ms(extra("gc"))}, kafka-prep and bundled libraries ${ms(command.app)}` +
    (top ? ` (most: ${top})` : "")
  );
}

/**
 * Where the CPU time of `fn` goes in this process, averaged over `runs` calls, from a V8 CPU profile: garbage
 * collection and the functions with the most self time. `where(url, line)` names a function's place (a bundle's
 * source module, for example); by default the file and line.
 */
export async function profileCall(fn, { runs = 3, where = (url, line) => `${basename(url)}:${line}` } = {}) {
  const { Session } = await import("node:inspector/promises");
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 500 });
    await session.post("Profiler.start");
    for (let i = 0; i < runs; i++) fn();
    const { profile: p } = await session.post("Profiler.stop");
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const functions = new Map();
    let all = 0;
    let gc = 0;
    for (let s = 0; s < p.samples.length; s++) {
      const t = (p.timeDeltas[s] ?? 0) / 1000 / runs;
      const { functionName, url, lineNumber } = byId.get(p.samples[s]).callFrame;
      if (functionName === "(idle)" || functionName === "(program)" || functionName === "(root)") continue;
      all += t;
      if (functionName === "(garbage collector)") gc += t;
      else if (!url)
        all -= t; // the profiler's own work
      else {
        const key = `${functionName || "(anonymous)"} (${where(url, lineNumber + 1)})`;
        functions.set(key, (functions.get(key) ?? 0) + t);
      }
    }
    return { all, gc, top: [...functions].sort((a, b) => b[1] - a[1]).slice(0, 5) };
  } finally {
    session.disconnect();
  }
}

/** One line for `profileCall`'s result, in shares of the profiled time (profiling itself slows the call down). */
export function describeCall(p) {
  const pct = (t) => `${Math.round((100 * t) / p.all)}%`;
  const top = p.top[0]?.[1] ?? 0;
  const spread = top < 0.25 * p.all ? `; no function has more than ${pct(top)}: the cost is spread over the work done for each word` : "";
  return `GC ${pct(p.gc)}; most self time: ${p.top.map(([f, t]) => `${f} ${pct(t)}`).join(", ")}${spread}`;
}
