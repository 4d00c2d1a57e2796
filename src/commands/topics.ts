import { LEVELS, TOPICS } from "../bank/constants.js";
import type { Context } from "../context.js";
import { drillCommand } from "../ui/drill.js";
import { table } from "../ui/table.js";
import type { OptionsOf } from "./options.js";
import { bankFor } from "./shared.js";
import type { topics } from "./specs.js";

export async function run(opts: OptionsOf<typeof topics>, ctx: Context): Promise<number> {
  const questions = (await bankFor(opts, ctx)).entries;
  const rows = TOPICS.map((topic) => {
    const counts = Object.fromEntries(LEVELS.map((l) => [l, questions.filter((q) => q.level === l && q.topics.includes(topic)).length]));
    return { topic, total: questions.filter((q) => q.topics.includes(topic)).length, levels: counts };
  });
  if (opts.json) {
    ctx.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const columns = [
    { header: "topic" },
    ...LEVELS.map((l) => ({ header: l.slice(0, 5), align: "right" as const })),
    { header: "total", align: "right" as const },
  ];
  const lines = table(
    columns,
    rows.map((r) => [r.topic, ...LEVELS.map((l) => String(r.levels[l])), String(r.total)]),
  );
  ctx.stdout.write(`${lines.join("\n")}\n\nDrill one: ${drillCommand({ topic: "<topic>" })}\n`);
  return 0;
}
