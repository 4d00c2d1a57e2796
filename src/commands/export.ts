import { matches } from "../bank/filter.js";
import type { Context } from "../context.js";
import { CliError } from "../errors.js";
import { ankiDeck } from "../progress/anki.js";
import { buildExport } from "../progress/exchange.js";
import { writeAtomic } from "../progress/jsonl.js";
import { weakQuestionIds, weakTopics } from "../progress/weak.js";
import type { AnyQuestion } from "../quiz/question.js";
import { count } from "../ui/format.js";
import type { OptionsOf } from "./options.js";
import { bankFor, pathFrom } from "./shared.js";
import type { export as exportSpec } from "./specs.js";
import { storeFor } from "./store.js";

type Options = OptionsOf<typeof exportSpec>;

export async function run(opts: Options, ctx: Context): Promise<number> {
  if (opts.anki) return anki(opts.anki, opts, ctx);
  if (opts.weak || opts.level?.length || opts.topic?.length) {
    throw new CliError('--weak, --level and --topic go with --anki; "kafka-prep export [file]" always saves all progress.');
  }
  const store = storeFor(opts, ctx);
  const doc = buildExport(store, ctx.now());
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  if (!opts.file || opts.file === "-") {
    ctx.stdout.write(text);
    return 0;
  }
  writeAtomic(pathFrom(ctx, opts.file), text, true);
  ctx.stderr.write(
    `Saved ${count(doc.attempts.length, "attempt")} and ${count(doc.rounds.length, "round")} to ${opts.file}. Restore or merge it with "kafka-prep import ${opts.file}".\n`,
  );
  return 0;
}

async function anki(file: string, opts: Options, ctx: Context): Promise<number> {
  const bank = await bankFor(opts, ctx);
  // Each scenario family is one note: an instance drawn from the family's own name, so the deck is the same each time.
  const { scenarioFor } = await import("../quiz/scenario-question.js");
  const { hashSeed, rng } = await import("../quiz/random.js");
  const families = bank.entries.filter((e) => e.type === "scenario" && matches(e, opts));
  const scenarios = families.map((e) => scenarioFor(e.id, opts.level, rng(hashSeed(e.id)))).filter((q) => q !== undefined);
  const questions: AnyQuestion[] = [...bank.questions, ...scenarios];
  let chosen = questions.filter((q) => matches(q, opts));
  if (opts.weak) {
    const store = storeFor(opts, ctx);
    const { cards, summary } = store.derived();
    const input = { summary, cards, questions, now: ctx.now() };
    const topics = new Set(weakTopics(input).map((t) => t.topic));
    const ids = new Set(weakQuestionIds(input));
    chosen = chosen.filter((q) => ids.has(q.id) || q.topics.some((t) => topics.has(t)));
    if (!chosen.length) {
      throw new CliError(
        'Nothing is weak yet, so the deck would be empty. Answer some rounds first ("kafka-prep quiz"), or drop --weak.',
        1,
      );
    }
  }
  if (!chosen.length) throw new CliError("No questions match these filters; the deck was not written.", 1);
  writeAtomic(pathFrom(ctx, file), ankiDeck(chosen), true);
  ctx.stderr.write(
    `Wrote ${count(chosen.length, "note")} to ${file}. In Anki: File > Import, choose the file; the fields are front, back and tags.\n`,
  );
  return 0;
}
