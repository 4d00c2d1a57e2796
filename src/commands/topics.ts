import { loadBank } from "../bank/bank.js";
import { LEVELS, TOPICS } from "../bank/constants.js";
import type { GlobalOptions } from "../cli.js";

interface Options extends GlobalOptions {
  json?: boolean;
}

export async function run(opts: Options): Promise<number> {
  const { questions } = await loadBank(opts);
  const rows = TOPICS.map((topic) => {
    const counts = Object.fromEntries(LEVELS.map((l) => [l, questions.filter((q) => q.level === l && q.topics.includes(topic)).length]));
    return { topic, total: questions.filter((q) => q.topics.includes(topic)).length, levels: counts };
  });
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const pad = Math.max(...TOPICS.map((t) => t.length));
  process.stdout.write(`${"topic".padEnd(pad)}  ${LEVELS.map((l) => l.slice(0, 5).padStart(5)).join(" ")}  total\n`);
  for (const r of rows) {
    process.stdout.write(
      `${r.topic.padEnd(pad)}  ${LEVELS.map((l) => String(r.levels[l]).padStart(5)).join(" ")}  ${String(r.total).padStart(5)}\n`,
    );
  }
  process.stdout.write(`\nDrill one: kafka-prep quiz --topic <topic>\n`);
  return 0;
}
