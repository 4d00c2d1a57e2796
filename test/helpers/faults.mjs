// Fault injection for process tests, loaded only with `node --import test/helpers/faults.mjs`: the product has no
// hook of its own, so nothing in production can turn one on. It wraps node:fs for the child process and updates
// the ESM bindings the bundled CLI imports. Configured by KAFKA_PREP_TEST_FAULTS (JSON):
//   dir            the data folder the faults apply to
//   readOnly       "EROFS" or "EACCES": every change under `dir` fails with that code
//   diskBytes      the disk holds only this many more bytes under `dir`: a write past it is cut short, then ENOSPC
//   renameDelayMs  sleep before renaming a file over one matching `renameMatch` (slows doctor between read and rename)
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

const cfg = JSON.parse(process.env.KAFKA_PREP_TEST_FAULTS ?? "{}");
const dir = cfg.dir ? fs.realpathSync(cfg.dir) : undefined;
const under = (p) => dir !== undefined && typeof p === "string" && (p === dir || p.startsWith(`${dir}/`) || p.startsWith(`${cfg.dir}/`));
const fail = (code, syscall, path) => Object.assign(new Error(`${code}: injected fault, ${syscall} '${path}'`), { code, syscall, path, errno: -1 });
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const writes = (flags) =>
  typeof flags === "number" ? (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT)) !== 0 : /[wa+]/.test(flags ?? "r");

const orig = {};
const wrap = (name, fn) => {
  orig[name] = fs[name];
  fs[name] = fn;
};
const fdPath = new Map();
let budget = typeof cfg.diskBytes === "number" ? cfg.diskBytes : undefined;

wrap("openSync", function (path, flags, mode) {
  if (cfg.readOnly && under(String(path)) && writes(flags)) throw fail(cfg.readOnly, "open", String(path));
  const fd = orig.openSync.call(this, path, flags, mode);
  fdPath.set(fd, String(path));
  return fd;
});
wrap("closeSync", function (fd) {
  fdPath.delete(fd);
  return orig.closeSync.call(this, fd);
});
wrap("writeSync", function (fd, buffer, ...rest) {
  if (budget !== undefined && under(fdPath.get(fd))) {
    const length = typeof buffer === "string" ? Buffer.byteLength(buffer) : (rest[1] ?? buffer.length - (rest[0] ?? 0));
    if (budget <= 0) throw fail("ENOSPC", "write", fdPath.get(fd));
    if (length > budget && typeof buffer !== "string") {
      const n = orig.writeSync.call(this, fd, buffer, rest[0] ?? 0, budget, ...rest.slice(2));
      budget -= n;
      return n;
    }
    budget -= length;
  }
  return orig.writeSync.call(this, fd, buffer, ...rest);
});
for (const name of ["writeFileSync", "appendFileSync", "mkdirSync", "linkSync", "unlinkSync", "rmSync", "ftruncateSync", "utimesSync", "symlinkSync"]) {
  wrap(name, function (path, ...rest) {
    if (cfg.readOnly && under(String(path))) {
      if (name === "mkdirSync" && orig.existsSync?.(path)) return orig[name].call(this, path, ...rest);
      throw fail(cfg.readOnly, name.replace(/Sync$/, ""), String(path));
    }
    return orig[name].call(this, path, ...rest);
  });
}
orig.existsSync = fs.existsSync;
wrap("renameSync", function (from, to) {
  if (cfg.readOnly && (under(String(from)) || under(String(to)))) throw fail(cfg.readOnly, "rename", String(to));
  if (cfg.renameDelayMs && new RegExp(cfg.renameMatch ?? "attempts\\.jsonl$").test(String(to))) {
    if (cfg.renameSignal) orig.writeFileSync(cfg.renameSignal, "renaming");
    Atomics.wait(sleeper, 0, 0, cfg.renameDelayMs);
  }
  return orig.renameSync.call(this, from, to);
});
syncBuiltinESMExports();
