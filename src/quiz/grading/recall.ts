// Grading an open answer the way a fair interviewer does: every core key point must be there, and no claim may be
// wrong. Depth points add to the score; a contradicted point is not credited, and any contradiction fails the answer.
import type { QuestionOf } from "../../bank/schema.js";
import { stem } from "../../text/stem.js";
import {
  type CompiledPhrase,
  compilePhrase,
  type Hits,
  matchPhrase,
  newPhraseSet,
  type PhraseSet,
  type Prepared,
  prepare,
  scan,
} from "./phrases.js";
import { RULES, type Rule } from "./rules.js";

export interface Contradiction {
  /** The words of the answer that make the wrong claim. */
  claim: string;
  /** Why it is wrong. */
  why: string;
  /** The key point it contradicts (its index), when it is one. */
  keyPoint?: number;
  /** The Kafka-wide rule it breaks, when it is one. */
  rule?: string;
}

export interface PointResult {
  point: string;
  covered: boolean;
  core: boolean;
  matched?: string;
  contradicted?: Contradiction;
}

export interface RecallGrade {
  score: number;
  correct: boolean;
  keyPoints: PointResult[];
  contradictions: Contradiction[];
  /** Why an answer that covers its points still fails: a list of terms is not an explanation. */
  reason?: "contradiction" | "missing-core" | "share" | "keyword-list";
}

type KeyPoint = QuestionOf<"recall">["keyPoints"][number];
type WrongClaim = string | { phrases: string[]; why: string };

interface CompiledPoint {
  phrases: CompiledPhrase[];
  /**
   * The phrases whose denial in the answer contradicts the point: none when the point says what is not so ("no
   * per-message fsync"), and never a phrase with its own negation ("0 does not wait"). With a limit in the point
   * ("lost with TLS") or a denying verb in the phrase ("discard duplicates"), only a denial of that very word counts:
   * "it does not drop the duplicate" contradicts, "retries do not duplicate" agrees.
   */
  deniable: { phrase: CompiledPhrase; denier: boolean }[];
  wrong: { phrase: CompiledPhrase; why: string }[];
}

interface CompiledRule {
  rule: Rule;
  says: CompiledPhrase[];
  when?: CompiledPhrase[];
  unless: Set<string>;
}

interface Compiled {
  set: PhraseSet;
  points: CompiledPoint[];
  /** The Kafka-wide rules that apply to this question. */
  rules: CompiledRule[];
  /** The prompt asks for a list, so a list of terms can answer it. */
  listQuestion: boolean;
}

const cache = new WeakMap<object, Compiled>();

/**
 * Words that make a point a limit or a pitfall ("lost with TLS", "parallel processing breaks order", "the active
 * segment is left alone"): an answer that denies its phrases ("it doesn't work with TLS") says the point, not its
 * opposite.
 */
const LIMITS = new Set(
  [
    ...["lose", "lost", "loss", "break", "fail", "failed", "miss", "missing", "cannot", "limit", "limited", "pitfall"],
    ...["unless", "except", "lack", "instead", "rather", "risk", "stall", "block", "differ", "unlike", "versus", "alone"],
    ...["off", "offline", "hide", "mask"],
  ].map((w) => stem(w)),
);
/**
 * Verbs that deny in their own meaning: "retries do not duplicate" says what "deduplicate retries" says. A phrase
 * with one of them is not contradicted by a negation.
 */
const DENYING = new Set(
  [
    ...["remove", "discard", "drop", "delete", "prevent", "avoid", "stop", "skip", "ignore", "reject", "fence", "refuse"],
    ...["deny", "disable", "deduplicate", "dedup", "dedupe"],
  ].map((w) => stem(w)),
);

const wrongClaims = (kp: KeyPoint): { phrases: string[]; why: string }[] =>
  ((kp.not ?? []) as WrongClaim[]).map((w) =>
    typeof w === "string" ? { phrases: [w], why: `The answer says the opposite of: ${kp.point}.` } : w,
  );

/**
 * Qualifiers that count only as written: "used" ("ZooKeeper used to hold the metadata") stems like "use", and "using
 * the entity id as the key" is no claim about the past.
 */
const AS_WRITTEN: ReadonlySet<string> = new Set(["used"]);

/** Every rule's phrases in one set, compiled once, so an answer is scanned for all of them in one pass. */
let ruleSet: { set: PhraseSet; rules: CompiledRule[] } | undefined;

function compiledRules(): { set: PhraseSet; rules: CompiledRule[] } {
  if (!ruleSet) {
    const set = newPhraseSet();
    const rules = RULES.map((rule) => ({
      rule,
      says: rule.says.map((p) => compilePhrase(set, p, true)),
      when: rule.when?.map((p) => compilePhrase(set, p)),
      unless: new Set((rule.unless ?? []).map((w) => (AS_WRITTEN.has(w) ? `=${w}` : stem(w)))),
    }));
    ruleSet = { set, rules };
  }
  return ruleSet;
}

/** The question's phrases, wrong claims and rules, compiled once per question object. */
function compile(q: QuestionOf<"recall">): Compiled {
  let c = cache.get(q);
  if (c) return c;
  const set = newPhraseSet();
  const given = promptStems(q.prompt);
  const points = q.keyPoints.map((kp) => ({
    phrases: ownPhrases(set, kp.phrases, given),
    deniable: deniable(set, kp, given),
    wrong: wrongClaims(kp).flatMap((w) => w.phrases.map((p) => ({ phrase: compilePhrase(set, p, true), why: w.why }))),
  }));
  // A rule applies when the question is about its subject and the model answer does not trip it.
  const all = compiledRules();
  const about = prepare(`${q.prompt}\n${q.answer}`);
  const aboutHits = scan(about, all.set);
  const model = prepare(q.answer);
  const modelHits = scan(model, all.set);
  // Their phrases join the question's own, so an answer is scanned once for both.
  const rules = all.rules
    .filter((r) => (!r.when || r.when.some((p) => matchPhrase(about, aboutHits, p))) && !findRule(model, modelHits, r))
    .map((r) => ({ ...r, says: r.rule.says.map((p) => compilePhrase(set, p, true)) }));
  c = { set, points, rules, listQuestion: LIST_PROMPT.test(q.prompt) };
  cache.set(q, c);
  return c;
}

/** A point's phrases that a negation in the answer can contradict (see CompiledPoint.deniable). */
function deniable(set: PhraseSet, kp: KeyPoint, given: ReadonlySet<string>): CompiledPoint["deniable"] {
  const point = prepare(kp.point).tokens;
  if (point.some((t) => t.neg)) return [];
  const limit = point.some((t) => LIMITS.has(t.stem));
  return ownPhrases(set, kp.phrases, given).map((phrase) => ({
    phrase,
    denier: limit || prepare(phrase.text).tokens.some((t) => DENYING.has(t.stem)),
  }));
}

/** Whether the answer's token j is a limit or a denying verb inside a negation's scope: "does not drop", "cannot lose". */
function deniesItself(answer: Prepared, j: number): boolean {
  const t = answer.tokens[j];
  return answer.scope[j] >= 0 && (LIMITS.has(t.stem) || DENYING.has(t.stem));
}

/** The stems of the prompt's content words. */
function promptStems(prompt: string): Set<string> {
  return new Set(
    prepare(prompt)
      .tokens.filter((t) => t.kind === "word" && !t.stop && !t.neg)
      .map((t) => t.stem),
  );
}

/**
 * A point's phrases without the variants the prompt already says ("poll loop" for "Describe the poll loop"), which an
 * answer that only restates the question would match; a point whose every variant is in the prompt keeps them all.
 */
function ownPhrases(set: PhraseSet, phrases: readonly string[], given: ReadonlySet<string>): CompiledPhrase[] {
  const own = phrases.map((p) => compilePhrase(set, p, false, given));
  return own.some((p) => p.variants.length > 0) ? own : phrases.map((p) => compilePhrase(set, p));
}

/** The answer's words from the first to the last matched token, as a claim to show. */
function claimText(answer: Prepared, at: number[]): string {
  const from = at[0];
  const to = at[at.length - 1];
  return answer.tokens
    .slice(from, to + 1)
    .filter((t) => t.kind === "word" && !t.joined)
    .map((t) => t.raw)
    .join(" ");
}

function findRule(answer: Prepared, places: Hits, r: CompiledRule): number[] | undefined {
  const accept = (at: number[]) => !qualified(answer, at, HEDGES) && !qualified(answer, at, r.unless);
  for (const p of r.says) {
    const at = matchPhrase(answer, places, p, "contradiction", accept);
    if (at) return at;
  }
  return undefined;
}

/**
 * Words that make a sentence talk about a wrong claim rather than make it: a condition ("if you commit before
 * processing, a crash loses records"), a hypothesis ("would", "could"), a warning ("avoid", "mistake", "risk"),
 * the past ("previously", "replaced"), or another system ("unlike RabbitMQ, where the broker pushes"). A wrong
 * claim in such a sentence is not held against the answer.
 */
const HEDGES = new Set(
  [
    ...[
      "if",
      "would",
      "could",
      "might",
      "otherwise",
      "risk",
      "mistake",
      "wrong",
      "avoid",
      "prevent",
      "unless",
      "myth",
      "misconception",
      "pitfall",
    ],
    ...[
      "previously",
      "formerly",
      "deprecated",
      "replaced",
      "legacy",
      "unlike",
      "traditional",
      "rabbitmq",
      "activemq",
      "jms",
      "pulsar",
      "sqs",
    ],
  ].map((w) => stem(w)),
);
/**
 * Words of a diagnosis, where a denied phrase is a hypothesis to check ("rule out that it cannot reach the
 * controller"), not a claim.
 */
const DIAGNOSIS = new Set(["whether", "rule", "cause", "causes", "check", "suspect", "symptom", "symptoms"].map((w) => stem(w)));

/** How far a qualifier may stand from the claim: the sentence, but no further than this many tokens either way. */
const QUALIFIER_REACH = 40;

/** Whether the sentence of a match has a word that makes it about something else: the past, another system, a hypothesis. */
function qualified(answer: Prepared, at: number[], unless: Set<string>): boolean {
  if (!unless.size) return false;
  const { tokens } = answer;
  const first = at[0];
  const last = at[at.length - 1];
  for (let i = first; i >= 0 && i > first - QUALIFIER_REACH && !SENTENCE_END.has(tokens[i].raw); i--) {
    if (unless.has(tokens[i].stem) || unless.has(`=${tokens[i].raw}`)) return true;
  }
  for (let i = first + 1; i < tokens.length && i < last + QUALIFIER_REACH && !SENTENCE_END.has(tokens[i].raw); i++) {
    if (unless.has(tokens[i].stem) || unless.has(`=${tokens[i].raw}`)) return true;
  }
  return false;
}

const SENTENCE_END = new Set([".", "!", "?", ";"]);

/**
 * Words that hold a sentence together: articles, auxiliaries, pronouns, "to", "of". Explanations have them, even
 * terse ones; a string of key terms does not.
 */
const GRAMMAR = new Set(
  (
    "a an the is are was were be been being am do does did can could will would shall should may might must has have had " +
    "it its they them their this that these those which who whom to of for with by as at or then there we you i he she our your"
  ).split(" "),
);

/**
 * An answer that strings key terms together (keyword salad) explains nothing: a stretch of this many words with no
 * punctuation or conjunction and under this share of grammar words. Measured on the bank: no model answer has such
 * a stretch (they break every 20 words at most), while a shuffle of a question's phrase words is one long stretch
 * with under 10%. A list with commas is how people answer "which metrics would you watch", so it is not one.
 * Numbers and the rest of a config name after its first word count for neither side.
 */
const LIST_RUN = 16;
const LIST_GRAMMAR = 0.1;
/**
 * A list with commas ("heartbeats, session.timeout.ms, coordinator, rebalance") is one too when every item is a
 * few words and the whole answer has under 5% grammar words. A list answer to a list question ("URP, active
 * controller count, consumer lag per group, disk usage, JMX to Prometheus with alerts") still has a "to" or a "with";
 * an explanation, however terse, has more.
 */
const TERMS_MIN = 6;
const TERMS_GRAMMAR = 0.05;
const TERMS_CLAUSE = 5;
function keywordList(answer: Prepared, listQuestion: boolean): boolean {
  let words = 0;
  let grammar = 0;
  let allWords = 0;
  let allGrammar = 0;
  let longestClause = 0;
  let clause = 0;
  for (const t of answer.tokens) {
    if (t.kind === "break") {
      if (words >= LIST_RUN && grammar / words < LIST_GRAMMAR) return true;
      words = 0;
      grammar = 0;
      clause = 0;
      continue;
    }
    if (t.digit || t.joined || t.namePart) continue;
    words++;
    allWords++;
    if (++clause > longestClause) longestClause = clause;
    // Grammar words are all stop words, so most words need no lookup.
    if (t.stop && GRAMMAR.has(t.raw)) {
      grammar++;
      allGrammar++;
    }
  }
  if (words >= LIST_RUN && grammar / words < LIST_GRAMMAR) return true;
  // A short list: terms a few words each between commas, and almost no grammar word in the whole answer.
  return !listQuestion && allWords >= TERMS_MIN && allGrammar / allWords < TERMS_GRAMMAR && longestClause <= TERMS_CLAUSE;
}

/** Prompts that ask for a list ("Which metrics would you monitor", "What are Kafka's main limitations"), where one is the answer. */
const LIST_PROMPT =
  /^\s*(which|name|list|summari[sz]e)\b|\bwhat are (the|its|kafka's) (main|key)\b|\bwhich (metrics|settings|configs|layers|tools|components|controls)\b/i;

/**
 * Pass: every core point covered, no contradiction, and sentences rather than a list of terms. A question with no
 * core points passes on the share of points covered (pass, 0.6 by default).
 */
export function gradeRecall(q: QuestionOf<"recall">, answer: string | null, pass: number): RecallGrade {
  const c = compile(q);
  const text = answer === null ? null : prepare(answer);
  // A list of terms has no clauses, so it states no claim either: it is graded for coverage and fails.
  const list = text !== null && keywordList(text, c.listQuestion);
  const places = text ? scan(text, c.set) : undefined;
  const contradictions: Contradiction[] = [];
  const keyPoints: PointResult[] = q.keyPoints.map((kp, i) => {
    const core = kp.core === true;
    if (!text || !places) return { point: kp.point, covered: false, core };
    const point = c.points[i];
    let contradicted: Contradiction | undefined;
    for (const w of list ? [] : point.wrong) {
      const at = matchPhrase(text, places, w.phrase, "contradiction", (m) => !qualified(text, m, HEDGES));
      if (at) {
        contradicted = { claim: claimText(text, at), why: w.why, keyPoint: i };
        break;
      }
    }
    // A core phrase said inside a negated clause denies the point: "the broker does not assign the producer id". Depth
    // points are left alone: their phrases are often said in passing about another case, and a passing remark should
    // not fail an answer.
    if (core && !contradicted && !list) {
      for (const { phrase: p, denier } of point.deniable) {
        const accept = (m: number[]) =>
          !qualified(text, m, HEDGES) && !qualified(text, m, DIAGNOSIS) && (!denier || m.some((j) => deniesItself(text, j)));
        const at = matchPhrase(text, places, p, "negated", accept);
        if (at) {
          contradicted = { claim: claimText(text, at), why: `The answer denies: ${kp.point}.`, keyPoint: i };
          break;
        }
      }
    }
    if (contradicted) {
      contradictions.push(contradicted);
      return { point: kp.point, covered: false, core, contradicted };
    }
    const matched = point.phrases.find((p) => matchPhrase(text, places, p));
    return matched ? { point: kp.point, covered: true, core, matched: matched.text } : { point: kp.point, covered: false, core };
  });
  if (text && places && !list) {
    for (const r of c.rules) {
      const at = findRule(text, places, r);
      if (at) contradictions.push({ claim: claimText(text, at), why: r.rule.why, rule: r.rule.id });
    }
  }
  const score = keyPoints.length ? keyPoints.filter((k) => k.covered).length / keyPoints.length : 0;
  const cores = keyPoints.filter((k) => k.core);
  // A small epsilon so 3 of 5 passes a 0.6 mark despite floating point.
  const reason =
    text === null
      ? "missing-core"
      : contradictions.length
        ? "contradiction"
        : cores.length
          ? cores.every((k) => k.covered)
            ? undefined
            : "missing-core"
          : score >= pass - 1e-9
            ? undefined
            : "share";
  return {
    score,
    correct: text !== null && reason === undefined && !list,
    keyPoints,
    contradictions,
    ...(list ? { reason: "keyword-list" as const } : reason && text !== null ? { reason } : {}),
  };
}
