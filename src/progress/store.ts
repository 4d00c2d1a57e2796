import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type Conf from "conf";
import envPaths from "env-paths";
import { CliError, EXIT } from "../errors.js";
import { packageRoot } from "../paths.js";
import { CONFIDENCE, RATINGS } from "../quiz/ratings.js";
import { type Card, fromStoredCard, review, type StoredCard, toStoredCard } from "../quiz/schedule.js";
import { DEFAULT_SETTINGS, type Settings } from "./defaults.js";
import {
  appendLines,
  DamagedFileError,
  jsonErrorLine,
  type LineCheck,
  type LineProblem,
  REPAIR_HINT,
  readJsonl,
  readJsonlTail,
  writeAtomic,
} from "./jsonl.js";
import { tryLock, withLock } from "./lock.js";
import { addAttempt, addRound, emptyRoundSummary, emptySummary, type RoundSummary, type Summary, summarizeRounds } from "./summary.js";
import type { Attempt, Round } from "./types.js";

declare const KAFKA_PREP_VERSION: string | undefined;

/** The version of the store's layout. Raise it with a new entry in STORE_MIGRATIONS when the files change shape. */
export const STORE_VERSION = 1;
const DERIVED_VERSION = 1;
/** Unsaved history (in bytes, about 200 answers) after which recording an answer also saves derived.json. */
const CHECKPOINT_BYTES = 64 * 1024;

export const FILES = {
  settings: "settings.json",
  attempts: "attempts.jsonl",
  rounds: "rounds.jsonl",
  /** Derived state (cards and summary), rebuildable from the history at any time. */
  derived: "derived.json",
  lock: ".lock",
  backups: "backups",
} as const;

export type { Settings };
export { DEFAULT_SETTINGS };

export interface SettingsFile extends Settings {
  storeVersion: number;
}

/** Settings migrations, keyed by the kafka-prep version that introduced them; conf runs them whenever it opens
 * settings.json to change it (openSettings). Changes to the layout of the store go in STORE_MIGRATIONS. */
export const SETTINGS_MIGRATIONS: Record<string, (conf: Conf<SettingsFile>) => void> = {};

/** Layout migrations, from the version in the key to the next one. Each runs under the store lock. */
export const STORE_MIGRATIONS: Record<number, (dir: string, settings: Record<string, unknown>) => void> = {
  // Stores written before the layout was versioned: stamp the version and rebuild the derived card cache.
  0: (dir, settings) => {
    writeAtomic(join(dir, FILES.settings), JSON.stringify({ ...settings, storeVersion: 1 }, undefined, "\t"), true);
    rmSync(join(dir, FILES.derived), { force: true });
  },
};

export function appVersion(): string {
  if (typeof KAFKA_PREP_VERSION === "string") return KAFKA_PREP_VERSION;
  return JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")).version;
}

/** --data-dir, then $KAFKA_PREP_HOME, then the OS config folder conf uses (env-paths). */
export function resolveDataDir(opts: { dataDir?: string } = {}, env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (opts.dataDir) return resolve(opts.dataDir);
  const home = env.KAFKA_PREP_HOME;
  if (home) return resolve(home);
  return envPaths("kafka-prep").config;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A cheap check of each history line (zod for 100,000 lines is too slow for `stats`); import and doctor use zod. */
export const checkAttempt: LineCheck = (v) => {
  if (!isObject(v)) return "expected a JSON object";
  if (typeof v.id !== "string" || !v.id) return '"id" is missing';
  if (typeof v.questionId !== "string" || !v.questionId) return '"questionId" is missing';
  if (typeof v.at !== "string" || Number.isNaN(Date.parse(v.at))) return '"at" must be an ISO date and time';
  if (typeof v.correct !== "boolean") return '"correct" must be true or false';
  if (typeof v.score !== "number" || !(v.score >= 0 && v.score <= 1)) return '"score" must be a number from 0 to 1';
  if (!RATINGS.includes(v.rating as never)) return `"rating" must be one of ${RATINGS.join(", ")}`;
  if (typeof v.level !== "string") return '"level" is missing';
  if (!Array.isArray(v.topics)) return '"topics" must be a list';
  if (typeof v.ms !== "number" || v.ms < 0) return '"ms" must be a number of milliseconds';
  if (v.confidence !== undefined && !CONFIDENCE.includes(v.confidence as never))
    return `"confidence" must be one of ${CONFIDENCE.join(", ")}`;
  return undefined;
};

export const checkRound: LineCheck = (v) => {
  if (!isObject(v)) return "expected a JSON object";
  if (typeof v.id !== "string" || !v.id) return '"id" is missing';
  if (typeof v.startedAt !== "string" || Number.isNaN(Date.parse(v.startedAt))) return '"startedAt" must be an ISO date and time';
  if (typeof v.endedAt !== "string" || Number.isNaN(Date.parse(v.endedAt))) return '"endedAt" must be an ISO date and time';
  if (typeof v.score !== "number" || !(v.score >= 0 && v.score <= 1)) return '"score" must be a number from 0 to 1';
  return undefined;
};

function normalizeAttempt(a: Attempt): Attempt {
  if (a.skipped === undefined) a.skipped = false;
  if (a.timedOut === undefined) a.timedOut = false;
  return a;
}

/** Bytes of attempts.jsonl and rounds.jsonl already applied to the derived state. */
interface Applied {
  attempts: number;
  rounds: number;
}

interface DerivedFile {
  version: number;
  applied: Applied;
  cards: Record<string, StoredCard>;
  summary: Summary;
  rounds: RoundSummary;
}

export interface Derived {
  cards: Map<string, Card>;
  summary: Summary;
  rounds: RoundSummary;
}

/** Replays attempts in time order: cards and summary are derived state, rebuildable from the history at any time. */
export function replay(attempts: Attempt[], desiredRetention = DEFAULT_SETTINGS.desiredRetention): Derived {
  const sorted = attempts.map((a, i) => ({ a, t: Date.parse(a.at), i })).sort((x, y) => x.t - y.t || x.i - y.i);
  const derived: Derived = { cards: new Map(), summary: emptySummary(), rounds: emptyRoundSummary() };
  for (const { a } of sorted) apply(derived, a, desiredRetention);
  return derived;
}

function apply(d: Derived, a: Attempt, desiredRetention: number): void {
  d.cards.set(a.questionId, review(d.cards.get(a.questionId), a.rating, new Date(a.at), desiredRetention));
  addAttempt(d.summary, a);
}

function readSettingsFile(file: string): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const line = jsonErrorLine(text, err) ?? 1;
    throw new DamagedFileError(file, [{ file, line, message: text.trim() ? "not valid JSON" : "the file is empty" }]);
  }
  if (!isObject(value)) throw new DamagedFileError(file, [{ file, line: 1, message: "expected a JSON object" }]);
  return value;
}

function checkSettings(file: string, s: Record<string, unknown>): void {
  const bad = (key: string, what: string) =>
    new CliError(`${file}: "${key}" ${what}. Fix the value or delete the key to use the default.`, EXIT.usage);
  const num = (v: unknown, key: string, min: number, max: number) => {
    if (v !== undefined && !(typeof v === "number" && v >= min && v <= max)) throw bad(key, `must be a number from ${min} to ${max}`);
  };
  num(s.recallPass, "recallPass", 0, 1);
  num(s.desiredRetention, "desiredRetention", 0.5, 0.99);
  if (s.check !== undefined) {
    if (!isObject(s.check)) throw bad("check", "must be an object");
    for (const k of ["minScore", "minCoverage", "minRecall"]) num(s.check[k], `check.${k}`, 0, 100);
  }
}

function newerStoreError(file: string, version: unknown): CliError {
  return new CliError(
    `${file} was written by a newer kafka-prep (store version ${String(version)}; this one reads up to ${STORE_VERSION}). ` +
      'Nothing was changed. Update kafka-prep ("npm install -g kafka-prep@latest") or use another folder with --data-dir.',
    EXIT.usage,
  );
}

function semverParts(v: string): number[] {
  return v
    .split(/[.+-]/)
    .slice(0, 3)
    .map((n) => Number.parseInt(n, 10) || 0);
}

function semverMax(a: string, b: string): string {
  const x = semverParts(a);
  const y = semverParts(b);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i] ? a : b;
  return a;
}

/** A new store's settings.json, as conf writes it. Created only if absent (a hard link cannot replace a file),
 * so two processes starting at once cannot overwrite each other's. */
function createSettings(file: string): void {
  const data = JSON.stringify(
    { ...DEFAULT_SETTINGS, storeVersion: STORE_VERSION, __internal__: { migrations: { version: appVersion() } } },
    undefined,
    "\t",
  );
  const tmp = `${file}.${process.pid}.new.tmp`;
  writeFileSync(tmp, data);
  try {
    linkSync(tmp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EPERM" || code === "ENOTSUP" || code === "ENOSYS") {
      // Folders without hard links (some network and FAT drives): create-if-absent instead.
      try {
        writeFileSync(file, data, { flag: "wx" });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
    } else if (code !== "EEXIST") {
      throw err;
    }
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** settings.json through conf, which runs SETTINGS_MIGRATIONS; imported on demand because it is large. */
export async function openSettings(dir: string): Promise<Conf<SettingsFile>> {
  const { default: Conf } = await import("conf");
  const file = join(dir, FILES.settings);
  const raw = readSettingsFile(file);
  if (raw && Number(raw.storeVersion) > STORE_VERSION) throw newerStoreError(file, raw.storeVersion);
  const recorded = isObject(raw?.__internal__) && isObject(raw.__internal__.migrations) ? raw.__internal__.migrations.version : undefined;
  // conf would stamp an older version over a newer one's; never move it backwards.
  const projectVersion = typeof recorded === "string" ? semverMax(appVersion(), recorded) : appVersion();
  try {
    return new Conf<SettingsFile>({
      cwd: dir,
      configName: "settings",
      projectName: "kafka-prep",
      projectVersion,
      migrations: SETTINGS_MIGRATIONS,
      defaults: { ...DEFAULT_SETTINGS, storeVersion: STORE_VERSION },
    });
  } catch (err) {
    throw new CliError(`${file} could not be read: ${(err as Error).message}\n${REPAIR_HINT}`, EXIT.usage);
  }
}

export interface Store {
  readonly dir: string;
  readonly files: { settings: string; attempts: string; rounds: string; derived: string };
  /** Current settings, defaults filled in. */
  readonly settings: Settings;
  /** Changes settings through conf (loaded only here, so reading commands start faster). */
  updateSettings(patch: Partial<Settings>): Promise<void>;
  /** Appends one attempt to the history and updates that question's card. */
  recordAttempt(attempt: Attempt): void;
  recordRound(round: Round): void;
  /** The whole history; throws a DamagedFileError naming file and line when a line is unreadable. */
  attempts(): Attempt[];
  rounds(): Round[];
  /** FSRS card per question id, from the cache, brought up to date with any attempts it has not seen. */
  cards(): Map<string, Card>;
  /** Cards, attempt summary and round summary together, from one read of the cache. */
  derived(): Derived;
  /** Per-question aggregates of the whole history, for stats and weak topics. */
  summary(): Summary;
  /** Rebuilds cards and summary from the whole history and saves them. */
  rebuild(): Derived;
  /** Runs `fn` holding the store's lock; throws when another process holds it for too long. */
  locked<T>(fn: () => T): T;
}

/** Opens (and creates, migrates or refuses) the progress store in `dir`. */
export function openStore(dir: string): Store {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const why =
      (err as NodeJS.ErrnoException).code === "EEXIST" || (err as NodeJS.ErrnoException).code === "ENOTDIR"
        ? "it is a file, not a folder"
        : (err as Error).message;
    throw new CliError(`cannot use ${dir} for progress: ${why}. Choose another folder with --data-dir or KAFKA_PREP_HOME.`, EXIT.usage);
  }
  const files = {
    settings: join(dir, FILES.settings),
    attempts: join(dir, FILES.attempts),
    rounds: join(dir, FILES.rounds),
    derived: join(dir, FILES.derived),
  };
  const lockFile = join(dir, FILES.lock);

  const locked = <T>(fn: () => T): T => {
    const release = tryLock(lockFile, 10_000);
    if (!release) {
      throw new CliError(`Another kafka-prep is still writing to ${dir} (lock file ${lockFile}). Try again in a moment.`, EXIT.usage);
    }
    try {
      return fn();
    } finally {
      release();
    }
  };

  migrate(dir, files, locked);

  if (!existsSync(files.settings)) createSettings(files.settings);

  const readSettings = (): Settings => {
    const s = (readSettingsFile(files.settings) ?? {}) as Partial<SettingsFile>;
    checkSettings(files.settings, s as Record<string, unknown>);
    return {
      recallPass: s.recallPass ?? DEFAULT_SETTINGS.recallPass,
      desiredRetention: s.desiredRetention ?? DEFAULT_SETTINGS.desiredRetention,
      check: { ...DEFAULT_SETTINGS.check, ...(s.check ?? {}) },
    };
  };
  const retention = () => readSettings().desiredRetention;

  const attempts = (): Attempt[] => {
    const { records, problems } = readJsonl<Attempt>(files.attempts, checkAttempt);
    if (problems.length) throw new DamagedFileError(files.attempts, problems);
    return records.map(normalizeAttempt);
  };

  const loadCache = (): DerivedFile | undefined => {
    try {
      const c = JSON.parse(readFileSync(files.derived, "utf8")) as DerivedFile;
      if (c.version !== DERIVED_VERSION || !isObject(c.applied) || !isObject(c.cards) || !isObject(c.summary) || !isObject(c.rounds)) {
        return undefined;
      }
      return c;
    } catch {
      // The cache is derived; a missing or damaged one is simply rebuilt.
      return undefined;
    }
  };

  /** This process's copy of the derived state: reused while derived.json is the file it last read or wrote,
   * so recording an answer does not parse and rewrite the whole cache each time. */
  let memo: { derived: Derived; applied: Applied; disk: Applied; stamp: string } | undefined;

  const stampOf = (file: string) => {
    try {
      const st = statSync(file);
      return `${st.ino}:${st.size}:${st.mtimeMs}`;
    } catch {
      return "missing";
    }
  };

  const saveCache = ({ cards, summary, rounds }: Derived, applied: Applied) => {
    const out: DerivedFile = { version: DERIVED_VERSION, applied, cards: {}, summary, rounds };
    for (const [id, card] of cards) out.cards[id] = toStoredCard(card);
    writeAtomic(files.derived, JSON.stringify(out));
    memo = { derived: { cards, summary, rounds }, applied: { ...applied }, disk: { ...applied }, stamp: stampOf(files.derived) };
  };
  const sizeOf = (file: string) => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  };

  const readRounds = (): { records: Round[]; bytes: number } => {
    const { records, problems, bytes } = readJsonl<Round>(files.rounds, checkRound);
    if (problems.length) throw new DamagedFileError(files.rounds, problems);
    return { records, bytes };
  };

  const rebuild = (): { derived: Derived; applied: Applied } => {
    const { records, problems, bytes } = readJsonl<Attempt>(files.attempts, checkAttempt);
    if (problems.length) throw new DamagedFileError(files.attempts, problems);
    const derived = replay(records.map(normalizeAttempt), retention());
    const rounds = readRounds();
    derived.rounds = summarizeRounds(rounds.records);
    return { derived, applied: { attempts: bytes, rounds: rounds.bytes } };
  };

  /** The derived state brought up to date: only the history lines it has not seen are read and applied. */
  const current = (): { derived: Derived; applied: Applied; changed: boolean } => {
    const stamp = stampOf(files.derived);
    if (!memo || memo.stamp !== stamp) {
      const cache = loadCache();
      if (cache) {
        const derived: Derived = { cards: new Map(), summary: cache.summary, rounds: cache.rounds };
        for (const [id, c] of Object.entries(cache.cards)) derived.cards.set(id, fromStoredCard(c));
        memo = { derived, applied: { ...cache.applied }, disk: { ...cache.applied }, stamp };
      } else {
        memo = undefined;
      }
    }
    const size: Applied = { attempts: sizeOf(files.attempts), rounds: sizeOf(files.rounds) };
    const restart = () => {
      const fresh = rebuild();
      memo = { ...fresh, disk: { attempts: -1, rounds: -1 }, stamp };
      return { derived: fresh.derived, applied: { ...fresh.applied }, changed: true };
    };
    // A history that shrank was rewritten (doctor, import, reset): start again from it.
    if (!memo || memo.applied.attempts > size.attempts || memo.applied.rounds > size.rounds) return restart();
    const m = memo;
    if (m.applied.attempts < size.attempts) {
      const tail = readJsonlTail<Attempt>(files.attempts, m.applied.attempts, checkAttempt);
      // The tail does not know its line numbers; the full read reports them.
      if (tail.problems.length || tail.partial) return restart();
      const r = retention();
      for (const a of tail.records) apply(m.derived, normalizeAttempt(a), r);
      m.applied.attempts = tail.bytes;
    }
    if (m.applied.rounds < size.rounds) {
      const tail = readJsonlTail<Round>(files.rounds, m.applied.rounds, checkRound);
      if (tail.problems.length || tail.partial) return restart();
      for (const r of tail.records) addRound(m.derived.rounds, r);
      m.applied.rounds = tail.bytes;
    }
    const changed = m.applied.attempts !== m.disk.attempts || m.applied.rounds !== m.disk.rounds;
    return { derived: m.derived, applied: { ...m.applied }, changed };
  };

  /** The cards are copied (cheap); the summaries are not (a deep copy costs stats 15 ms), so they reflect
   * answers this same process records later. */
  const snapshot = (d: Derived): Derived => ({ cards: new Map(d.cards), summary: d.summary, rounds: d.rounds });

  const derived = (): Derived => {
    const { derived, applied, changed } = current();
    if (changed) withLock(lockFile, () => saveCache(derived, applied), 200);
    return snapshot(derived);
  };

  /** After an append, under the lock: update the derived state, and save it once enough is unsaved
   * (or always, `force`). Unsaved state is never lost: the history has it, and the next read catches up. */
  const refresh = (force: boolean) => {
    try {
      const { derived, applied } = current();
      const unsaved = memo ? applied.attempts - memo.disk.attempts : Number.POSITIVE_INFINITY;
      if (force || unsaved < 0 || unsaved >= CHECKPOINT_BYTES || memo?.disk.rounds !== applied.rounds) saveCache(derived, applied);
    } catch (err) {
      if (!(err instanceof DamagedFileError)) throw err;
    }
  };

  const rebuildAndSave = (): Derived =>
    locked(() => {
      const { derived, applied } = rebuild();
      saveCache(derived, applied);
      return snapshot(derived);
    });

  return {
    dir,
    files,
    get settings() {
      return readSettings();
    },
    async updateSettings(patch) {
      const current = readSettings();
      const next = { ...current, ...patch, check: { ...current.check, ...(patch.check ?? {}) } };
      checkSettings(files.settings, next as unknown as Record<string, unknown>);
      const conf = await openSettings(dir);
      conf.set({ ...next, storeVersion: STORE_VERSION });
      // The schedule depends on the target retention.
      if (next.desiredRetention !== current.desiredRetention) rebuildAndSave();
    },
    recordAttempt(attempt) {
      const line = JSON.stringify(attempt);
      // The history is the truth: if the lock cannot be had, the line is still written and the cache catches up later.
      const release = tryLock(lockFile, 3_000);
      try {
        appendLines(files.attempts, [line]);
        if (release) refresh(false);
      } finally {
        release?.();
      }
    },
    recordRound(round) {
      const release = tryLock(lockFile, 3_000);
      try {
        appendLines(files.rounds, [JSON.stringify(round)]);
        if (release) refresh(true);
      } finally {
        release?.();
      }
    },
    attempts,
    rounds() {
      return readRounds().records;
    },
    derived,
    cards() {
      return new Map(current().derived.cards);
    },
    summary() {
      return structuredClone(current().derived.summary);
    },
    rebuild: rebuildAndSave,
    locked,
  };
}

function migrate(dir: string, files: { settings: string; attempts: string }, locked: <T>(fn: () => T) => T): void {
  const raw = readSettingsFile(files.settings);
  let version: number;
  if (raw === undefined) {
    // A new store is written at the current version; history without settings predates versioning.
    if (!existsSync(files.attempts)) return;
    version = 0;
  } else {
    version = raw.storeVersion === undefined ? 0 : Number(raw.storeVersion);
    if (!Number.isInteger(version) || version < 0) {
      throw new DamagedFileError(files.settings, [{ file: files.settings, line: 1, message: '"storeVersion" must be a whole number' }]);
    }
  }
  if (version > STORE_VERSION) throw newerStoreError(files.settings, version);
  if (version === STORE_VERSION) return;
  locked(() => {
    let v = version;
    while (v < STORE_VERSION) {
      const step = STORE_MIGRATIONS[v];
      if (!step) throw new CliError(`${files.settings}: no migration from store version ${v}.`, EXIT.usage);
      step(dir, readSettingsFile(files.settings) ?? {});
      v++;
    }
  });
}

export type { LineProblem };
