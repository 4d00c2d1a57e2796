// Finding questions by the words in them, for `list --search` and for suggestions when an id is mistyped. The words
// are the explain search's own (terms.ts): the same splitting of config names, stop words and light stemming.
import type { CatalogEntry } from "./compiled.js";
import type { Question } from "./schema.js";
import { normalizeWord, words } from "./terms.js";

/** Where a word was found, and how much a match there counts: the prompt and topics say what a question is about. */
export type Field = "id" | "topics" | "prompt" | "answer" | "explanation";
const WEIGHT: Record<Field, number> = { id: 3, topics: 3, prompt: 3, answer: 2, explanation: 1 };

export interface Hit {
  id: string;
  /** How many of the query's words it has. */
  matched: number;
  score: number;
  /** Where they were found, in field order. */
  fields: Field[];
}

/** A question's searchable text by field: the answer fields of its type, or only what the catalogue has. */
export function fieldsOf(q: Question | CatalogEntry): Record<Field, string> {
  const full = q as Partial<Question> & CatalogEntry;
  const answer: string[] = [];
  if ("choices" in full && full.choices) answer.push(...full.choices.map((c) => `${c.text} ${c.why ?? ""}`));
  if ("answers" in full && full.answers) answer.push(...full.answers);
  if ("steps" in full && full.steps) answer.push(...full.steps);
  if (full.type === "recall" && "answer" in full && typeof full.answer === "string") answer.push(full.answer);
  if ("keyPoints" in full && full.keyPoints) answer.push(...full.keyPoints.map((k) => k.point));
  return {
    id: q.id,
    topics: q.topics.join(" "),
    prompt: q.prompt,
    answer: answer.join(" "),
    explanation: [full.explanation ?? "", full.note ?? ""].join(" "),
  };
}

/** The words of a text in order, normalized, stop words dropped. */
function sequence(text: string): string[] {
  return words(text)
    .parts.map(normalizeWord)
    .filter((w): w is string => w !== null);
}

/** The words of a text as search compares them: normalized, stop words dropped, compounds also joined. */
function terms(text: string): string[] {
  const out = new Set(sequence(text));
  for (const w of words(text).joined) {
    const n = normalizeWord(w);
    if (n) out.add(n);
  }
  return [...out];
}

/** Whether `phrase` appears in `seq` as consecutive words. */
function hasPhrase(seq: string[], phrase: string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= seq.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (seq[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/** How well a query word matches a text's words: 1 for the word itself, 0.6 for the start of a longer one. */
function closeness(term: string, words: Set<string>): number {
  if (words.has(term)) return 1;
  if (term.length >= 4) for (const w of words) if (w.startsWith(term)) return 0.6;
  return 0;
}

/**
 * The questions that have every word of the query, best first (by where the words are: prompt and topics before
 * answers before explanations). When none has all of them, those with the most.
 */
export function searchQuestions(questions: readonly (Question | CatalogEntry)[], query: string): Hit[] {
  const wanted = terms(query);
  if (!wanted.length) return [];
  const phrase = sequence(query);
  const hits: Hit[] = [];
  for (const q of questions) {
    const fields = Object.entries(fieldsOf(q)).map(([name, text]) => ({
      name: name as Field,
      words: new Set(terms(text)),
      seq: sequence(text),
    }));
    let matched = 0;
    let score = 0;
    const found = new Set<Field>();
    for (const term of wanted) {
      let best = 0;
      for (const f of fields) {
        const c = closeness(term, f.words) * WEIGHT[f.name];
        if (c > 0) found.add(f.name);
        best = Math.max(best, c);
      }
      if (best > 0) matched++;
      score += best;
    }
    // The words together, as typed ("consumer lag"), count once more, by the best field they are together in.
    if (phrase.length > 1) score += Math.max(0, ...fields.filter((f) => hasPhrase(f.seq, phrase)).map((f) => WEIGHT[f.name]));
    if (matched) hits.push({ id: q.id, matched, score, fields: fields.map((f) => f.name).filter((n) => found.has(n)) });
  }
  const most = Math.max(0, ...hits.map((h) => h.matched));
  return hits.filter((h) => h.matched === most).sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** How many words a query has once stop words are dropped: to say "all of them" or "some of them". */
export function queryWords(query: string): number {
  return terms(query).length;
}
