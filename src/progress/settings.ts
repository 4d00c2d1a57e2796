// settings.json: one table of what each setting may be, read by hand (light), written whole and atomically.
// conf was dropped: reading had to stay light for stats and weak, so conf only ever wrote, and two ways to handle
// one small file was one too many. Settings migrations are store migrations (migrations.ts).
import { DEFAULT_SETTINGS, type Settings } from "./defaults.js";
import { DamagedFileError, FileTooLargeError, InvalidSettingError } from "./errors.js";
import { readSmall, writeAtomic } from "./files.js";
import { isObject } from "./records.js";

/** The version of the store's layout, kept in settings.json. */
export const STORE_VERSION = 1;
/** settings.json is a few hundred bytes; anything near this is not settings. */
export const MAX_SETTINGS_BYTES = 64 * 1024;

export interface SettingsFile extends Settings {
  storeVersion: number;
}

/** Every setting: where it lives and its range. */
export const SETTING_RANGES: { key: string; path: string[]; min: number; max: number }[] = [
  { key: "recallPass", path: ["recallPass"], min: 0, max: 1 },
  { key: "desiredRetention", path: ["desiredRetention"], min: 0.5, max: 0.99 },
  { key: "check.minScore", path: ["check", "minScore"], min: 0, max: 100 },
  { key: "check.minCoverage", path: ["check", "minCoverage"], min: 0, max: 100 },
  { key: "check.minRecall", path: ["check", "minRecall"], min: 0, max: 100 },
];

export interface SettingProblem {
  key: string;
  expected: string;
}

/** What is wrong with the values of a parsed settings.json: unknown keys are kept and not judged. */
export function settingsProblems(raw: Record<string, unknown>): SettingProblem[] {
  const out: SettingProblem[] = [];
  if (raw.check !== undefined && !isObject(raw.check)) out.push({ key: "check", expected: "must be an object" });
  for (const r of SETTING_RANGES) {
    const parent = r.path.length > 1 ? raw[r.path[0]] : raw;
    if (!isObject(parent)) continue;
    const v = parent[r.path[r.path.length - 1]];
    if (v !== undefined && !(typeof v === "number" && v >= r.min && v <= r.max)) {
      out.push({ key: r.key, expected: `must be a number from ${r.min} to ${r.max}` });
    }
  }
  const version = raw.storeVersion;
  if (version !== undefined && !(Number.isSafeInteger(version) && (version as number) >= 0)) {
    out.push({ key: "storeVersion", expected: "must be a whole number" });
  }
  return out;
}

/** The settings in force: defaults for whatever the file leaves out. Assumes settingsProblems found nothing. */
export function settingsFrom(raw: Record<string, unknown>): Settings {
  const check = isObject(raw.check) ? raw.check : {};
  const pick = (v: unknown, d: number) => (typeof v === "number" ? v : d);
  return {
    recallPass: pick(raw.recallPass, DEFAULT_SETTINGS.recallPass),
    desiredRetention: pick(raw.desiredRetention, DEFAULT_SETTINGS.desiredRetention),
    check: {
      minScore: pick(check.minScore, DEFAULT_SETTINGS.check.minScore),
      minCoverage: pick(check.minCoverage, DEFAULT_SETTINGS.check.minCoverage),
      minRecall: pick(check.minRecall, DEFAULT_SETTINGS.check.minRecall),
    },
  };
}

/** The 1-based line of a JSON.parse error position. */
function errorLine(text: string, err: unknown): number {
  const message = err instanceof Error ? err.message : "";
  const explicit = /line (\d+)/.exec(message);
  if (explicit) return Number(explicit[1]);
  const pos = /position (\d+)/.exec(message);
  if (pos) return text.slice(0, Number(pos[1])).split("\n").length;
  return text.split("\n").length;
}

/** settings.json parsed; undefined when it does not exist. Damage is a DamagedFileError. */
export function readSettingsFile(path: string): Record<string, unknown> | undefined {
  return readSettings(path)?.value;
}

/** settings.json parsed, with its text (for the lines of what is wrong in it). */
function readSettings(path: string): { value: Record<string, unknown>; text: string } | undefined {
  let buf: Buffer | undefined;
  try {
    buf = readSmall(path, MAX_SETTINGS_BYTES);
  } catch (err) {
    if (!(err instanceof FileTooLargeError)) throw err;
    throw new DamagedFileError(path, [{ file: path, line: 1, message: `the file is larger than ${MAX_SETTINGS_BYTES} bytes` }], "settings");
  }
  if (buf === undefined) return undefined;
  let text = buf.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = text.trim() ? "not valid JSON" : "the file is empty";
    throw new DamagedFileError(path, [{ file: path, line: errorLine(text, err), message }], "settings");
  }
  if (!isObject(value)) throw new DamagedFileError(path, [{ file: path, line: 1, message: "expected a JSON object" }], "settings");
  return { value, text };
}

/** The line of a setting ("check.minCoverage") in the file's text: each part of the key found after the one before
 * it; line 1 when it cannot be told. */
function keyLine(text: string, key: string): number {
  let at = 0;
  for (const part of key.split(".")) {
    const i = text.indexOf(JSON.stringify(part), at);
    if (i < 0) return 1;
    at = i;
  }
  return text.slice(0, at).split("\n").length;
}

/** settings.json read and checked, defaults filled in. */
export function loadSettings(path: string): { raw: Record<string, unknown>; settings: Settings } {
  const read = readSettings(path);
  const raw = read?.value ?? {};
  const problems = settingsProblems(raw);
  if (problems.length) {
    const text = read?.text ?? "";
    throw new DamagedFileError(
      path,
      problems.map((p) => ({ file: path, line: keyLine(text, p.key), message: `"${p.key}" ${p.expected}` })),
      "settings",
    );
  }
  return { raw, settings: settingsFrom(raw) };
}

/** The content of a new store's settings.json. */
export function defaultSettingsFile(): SettingsFile {
  return { ...structuredClone(DEFAULT_SETTINGS), storeVersion: STORE_VERSION };
}

export function writeSettings(path: string, raw: object): void {
  writeAtomic(path, `${JSON.stringify(raw, undefined, "\t")}\n`);
}

/** `raw` with `patch` applied; refuses a value out of range. */
export function patchSettings(path: string, raw: Record<string, unknown>, patch: Partial<Settings>): Record<string, unknown> {
  const next: Record<string, unknown> = { ...raw, ...patch };
  if (patch.check) next.check = { ...(isObject(raw.check) ? raw.check : {}), ...patch.check };
  const problem = settingsProblems(next)[0];
  if (problem) throw new InvalidSettingError(path, problem.key, problem.expected);
  return next;
}

/** A damaged settings file made usable again: the good values kept, the bad ones dropped (so their defaults apply). */
export function repairedSettings(raw: Record<string, unknown>): { raw: Record<string, unknown>; dropped: SettingProblem[] } {
  const dropped = settingsProblems(raw);
  const out = structuredClone(raw);
  for (const p of dropped) {
    if (p.key === "check" || p.key === "storeVersion") {
      delete out[p.key];
      continue;
    }
    const range = SETTING_RANGES.find((r) => r.key === p.key);
    if (!range) continue;
    const parent = range.path.length > 1 ? out[range.path[0]] : out;
    if (isObject(parent)) delete parent[range.path[range.path.length - 1]];
  }
  return { raw: out, dropped };
}
