import { readFileSync } from "node:fs";
import { compiledBankPath, fingerprint } from "../bank/compiled.js";
import type { Question } from "../bank/schema.js";

/** The bank's questions for progress reports. The precompiled dist/bank.json is read directly when it is
 * current and no packs are added, so `stats` and `weak` do not load the YAML parser and zod. */
export async function bankQuestions(opts: { questions?: string[]; builtin?: boolean } = {}): Promise<Question[]> {
  if (!opts.questions?.length && !process.env.KAFKA_PREP_QUESTIONS && opts.builtin !== false) {
    try {
      const bank = JSON.parse(readFileSync(compiledBankPath(), "utf8")) as { fingerprint?: string; questions?: Question[] };
      if (bank.questions && bank.fingerprint === fingerprint()) return bank.questions;
    } catch {
      // Missing or unreadable: the full loader below reports any real problem.
    }
  }
  const { loadBank } = await import("../bank/bank.js");
  return loadBank(opts).questions;
}
