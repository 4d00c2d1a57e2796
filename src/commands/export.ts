import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { matches } from "../bank/filter.js";
import type { Context } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import { destinationReason } from "../messages.js";
import { ANKI_DECK, ankiDeck } from "../progress/anki.js";
import { exportTo } from "../progress/exchange.js";
import { isStream, writeOutput } from "../progress/files.js";
import { weakQuestionIds } from "../progress/weak.js";
import type { AnyQuestion } from "../quiz/question.js";
import { count } from "../ui/format.js";
import type { OptionsOf } from "./options.js";
import { bankFor, pathFrom } from "./shared.js";
import type { export as exportSpec } from "./specs.js";
import { recoverExamsBeforeCopy, refuseStoreFile, storeFor } from "./store.js";

type Options = OptionsOf<typeof exportSpec>;

/** Writes a file named on the command line; a destination that cannot take it is said to be one, with the path as
 * given (the progress store is not what is wrong). */
function writeTo(file: string, path: string, what: string, write: () => void): void {
  try {
    write();
  } catch (err) {
    const failed = (err as { path?: unknown }).path;
    // The file itself, the file written aside beside it, or its folder; a store that cannot be read says so itself.
    const here = typeof failed === "string" && (failed === path || dirname(failed) === dirname(path) || failed === dirname(path));
    const reason = here ? destinationReason(err) : undefined;
    if (!reason) throw err;
    throw new CliError(`cannot write ${what} to ${file}: ${reason}. Give a file in a folder that exists and that you can write to.`);
  }
}

/** Nothing is overwritten unless asked: an export is often the only copy of a history. */
function refuseOverwrite(file: string, path: string, force: boolean | undefined): void {
  if (!force && existsSync(path)) {
    throw new CliError(`${file} already exists, so nothing was written. Add --force to replace it, or give another file name.`);
  }
}

export async function run(opts: Options, ctx: Context): Promise<number> {
  if (opts.anki) return anki(opts.anki, opts, ctx);
  if (opts.weak || opts.level?.length || opts.topic?.length || opts.deck !== undefined) {
    throw new CliError('--weak, --level, --topic and --deck go with --anki <file>; "kafka-prep export [file]" always saves all progress.');
  }
  const path = opts.file && opts.file !== "-" ? pathFrom(ctx, opts.file) : undefined;
  if (path && opts.file) refuseStoreFile(opts.file, path, opts, ctx);
  const stream = !!path && isStream(path);
  if (path && opts.file && !stream) refuseOverwrite(opts.file, path, opts.force);
  const store = storeFor(opts, ctx);
  await recoverExamsBeforeCopy(opts, ctx, store);
  if (!path || !opts.file) {
    // Streamed in pieces of about 1 MB, so a history of any size never sits in memory whole.
    let pending = "";
    exportTo(
      store,
      (text) => {
        pending += text;
        if (pending.length >= 1 << 20) {
          ctx.stdout.write(pending);
          pending = "";
        }
      },
      ctx.now(),
    );
    ctx.stdout.write(pending);
    return EXIT.ok;
  }
  let counts = { attempts: 0, rounds: 0 };
  writeTo(opts.file, path, "the export", () =>
    writeOutput(path, (out) => {
      counts = exportTo(store, (text) => out.write(text), ctx.now());
    }),
  );
  const saved = `${count(counts.attempts, "attempt")} and ${count(counts.rounds, "round")}`;
  ctx.stderr.write(
    stream
      ? `Wrote ${saved} to ${opts.file}.\n`
      : `Saved ${saved} to ${opts.file}. Restore or merge it with "kafka-prep import ${opts.file}".\n`,
  );
  return EXIT.ok;
}

async function anki(file: string, opts: Options, ctx: Context): Promise<number> {
  const path = pathFrom(ctx, file);
  refuseStoreFile(file, path, opts, ctx);
  const stream = isStream(path);
  if (!stream) refuseOverwrite(file, path, opts.force);
  const bank = await bankFor(opts, ctx);
  let chosen = bank.entries.filter((q) => matches(q, opts));
  if (opts.weak) {
    // Only the weak questions themselves, not every question of a weak topic.
    const { cards, summary } = storeFor(opts, ctx).derived();
    const weak = new Set(weakQuestionIds({ summary, cards, questions: bank.entries, now: ctx.now() }));
    chosen = chosen.filter((q) => weak.has(q.id));
    if (!chosen.length) {
      throw new CliError(
        `No question is weak right now${opts.level?.length || opts.topic?.length ? " among these filters" : ""}, so the deck would be empty and was not written. Answer some rounds first ("kafka-prep quiz"), or drop --weak.`,
        EXIT.failed,
      );
    }
  }
  if (!chosen.length)
    throw new CliError("No questions match these filters; the deck was not written. See what exists: kafka-prep topics", 1);
  // Each scenario family is one note: an instance drawn from the family's own name, so the deck is the same each time.
  const families = chosen.filter((e) => e.type === "scenario");
  const scenarios = families.length ? await import("../quiz/scenario-question.js") : undefined;
  const random = families.length ? await import("../quiz/random.js") : undefined;
  const questions: AnyQuestion[] = chosen
    .map((e) =>
      e.type === "scenario"
        ? scenarios?.scenarioFor(e.id, opts.level, random?.rng(random.hashSeed(e.id)) ?? Math.random)
        : bank.question(e.id),
    )
    .filter((q) => q !== undefined);
  const deck = opts.deck ?? ANKI_DECK;
  const text = ankiDeck(questions, deck);
  writeTo(file, path, "the deck", () => writeOutput(path, (out) => out.write(text)));
  const cloze = questions.filter((q) => q.type === "cloze").length;
  ctx.stderr.write(
    `Wrote ${count(questions.length, "note")} to ${file} for the Anki deck "${deck}"${cloze ? ` (${count(cloze, "cloze note")})` : ""}. In Anki 2.1.55 or newer: File > Import and choose the file; the deck, note types (Basic, Cloze) and tags come with it, and importing a newer export updates these notes instead of adding copies.\n`,
  );
  return EXIT.ok;
}
