import { loadBank } from "../bank/bank.js";
import { matches } from "../bank/filter.js";
import type { Level, Topic } from "../bank/schema.js";
import type { GlobalOptions } from "../cli.js";
import { CliError } from "../errors.js";
import { ankiDeck } from "../progress/anki.js";
import { buildExport } from "../progress/exchange.js";
import { writeAtomic } from "../progress/jsonl.js";
import { openStore, resolveDataDir } from "../progress/store.js";
import { weakQuestionIds, weakTopics } from "../progress/weak.js";

interface Options extends GlobalOptions {
  anki?: string;
  level?: Level[];
  topic?: Topic[];
  weak?: boolean;
}

export async function run(file: string | undefined, opts: Options, now = new Date()): Promise<number> {
  if (opts.anki) return anki(opts.anki, opts, now);
  if (opts.weak || opts.level?.length || opts.topic?.length) {
    throw new CliError('--weak, --level and --topic go with --anki; "kafka-prep export [file]" always saves all progress.');
  }
  const store = openStore(resolveDataDir(opts));
  const doc = buildExport(store, now);
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  if (!file || file === "-") {
    process.stdout.write(text);
    return 0;
  }
  writeAtomic(file, text, true);
  process.stderr.write(
    `Saved ${doc.attempts.length} attempts and ${doc.rounds.length} rounds to ${file}. Restore or merge it with "kafka-prep import ${file}".\n`,
  );
  return 0;
}

async function anki(file: string, opts: Options, now: Date): Promise<number> {
  const { questions } = await loadBank(opts);
  let chosen = questions.filter((q) => matches(q, opts));
  if (opts.weak) {
    const store = openStore(resolveDataDir(opts));
    const { cards, summary } = store.derived();
    const input = { summary, cards, questions, now };
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
  writeAtomic(file, ankiDeck(chosen), true);
  process.stderr.write(
    `Wrote ${chosen.length} notes to ${file}. In Anki: File > Import, choose the file; the fields are front, back and tags.\n`,
  );
  return 0;
}
