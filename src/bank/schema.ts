import { z } from "zod";
import { firstControl } from "../text/control.js";
import { LEVELS, type Level, QUESTION_TYPES, type QuestionType, TOPICS, type Topic } from "./constants.js";

export type { Level, QuestionType, Topic };
export { LEVELS, QUESTION_TYPES, TOPICS };

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** A cloze prompt marks its one blank with three or more underscores. */
export const BLANK = /_{3,}/g;
const HOW_MANY = /select all that apply|\b(choose|pick|select) (two|three|four|five|2|3|4|5)\b/i;

const id = z.string().regex(KEBAB, "must be kebab-case: lowercase letters, digits and single dashes");
const text = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .check((ctx) => {
    // Question files come from anyone: their text is printed, so it may not carry terminal commands.
    const c = firstControl(ctx.value);
    if (c !== undefined) {
      const code = `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
      ctx.issues.push({ code: "custom", input: ctx.value, message: `contains the control character ${code}; remove it` });
    }
  });

export const docSourceSchema = z.strictObject({
  doc: text.describe("A source document's file name, as listed in the manifest"),
  ref: text.describe("The item's ref in that document, as listed in the manifest"),
});

/** Official references: the Apache Kafka documentation, a KIP, or a KAFKA JIRA issue. */
const OFFICIAL_URL = [
  /^https:\/\/kafka\.apache\.org\/[\w./#%?=&+-]*$/,
  /^https:\/\/cwiki\.apache\.org\/confluence\/display\/KAFKA\/KIP-\d+[\w.%+:()-]*$/,
  /^https:\/\/issues\.apache\.org\/jira\/browse\/KAFKA-\d+$/,
];

/** The built-in bank cites only these; a pack may cite any https page. */
export const isOfficialUrl = (u: string): boolean => OFFICIAL_URL.some((re) => re.test(u));

export const OFFICIAL_URL_RULE =
  "the built-in bank cites only official references: an https URL of the Apache Kafka docs (kafka.apache.org/...), a KIP (cwiki.apache.org/confluence/display/KAFKA/KIP-...) or a JIRA issue (issues.apache.org/jira/browse/KAFKA-...)";

/** Any https address with a host name. */
function isWebAddress(u: string): boolean {
  if (/\s/.test(u)) return false;
  try {
    const url = new URL(u);
    return url.protocol === "https:" && url.hostname.includes(".");
  } catch {
    return false;
  }
}

export const urlSourceSchema = z.strictObject({
  url: z
    .string()
    .trim()
    .refine(isWebAddress, 'expected an https URL, such as "https://kafka.apache.org/documentation/#producerconfigs_acks"')
    .describe(
      "A reference over https: in the built-in bank a kafka.apache.org documentation page, a KIP or a KAFKA JIRA issue; in a pack any web page",
    ),
  title: text.describe('What the reference is, as shown: "KIP-966: Eligible Leader Replicas"'),
});

/** A question cites an item of the source documents, or a reference on the web. */
export const sourceSchema = z.union([docSourceSchema, urlSourceSchema]);

/** A document a pack declares at the top of a file, so that its questions cite it as the built-in ones cite theirs. */
export const declaredSourceSchema = z.strictObject({
  doc: text.describe('The document\'s name, as questions cite it: "my-notes.md"'),
  ref: text.describe('A part of it, such as a chapter or question number: "ch1"'),
  title: text.describe("What that part is, as shown after an answer"),
});

const base = {
  id: id.describe("Unique across every file, kebab-case"),
  level: z.enum(LEVELS),
  topics: z.array(z.enum(TOPICS)).min(1, "expected at least 1 topic"),
  prompt: text,
  explanation: text.describe("Why the answer is right; shown after every attempt"),
  sources: z.array(sourceSchema).min(1, "expected at least 1 source"),
  followUps: z.array(id).optional().describe("Ids of deeper questions an interviewer would ask next"),
  note: text.optional().describe("A correction of a source statement, naming the Kafka version"),
};

const choice = z.strictObject({
  text,
  correct: z.boolean().optional(),
  why: text.optional().describe("Why this choice is right or wrong"),
});

/** Reports an item whose text repeats an earlier one's: two choices (or steps) a person cannot tell apart. */
function distinct(
  texts: readonly string[],
  path: (i: number) => PropertyKey[],
  what: string,
): { code: "custom"; input: unknown; path: PropertyKey[]; message: string }[] {
  const first = new Map<string, number>();
  const issues: ReturnType<typeof distinct> = [];
  texts.forEach((t, i) => {
    const key = t.trim().replace(/\s+/g, " ").toLowerCase();
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, i);
    else
      issues.push({
        code: "custom",
        input: t,
        path: path(i),
        message: `the same text as ${what}[${earlier}] ("${t.trim().slice(0, 60)}"); each ${what === "steps" ? "step" : "choice"} must differ from the others, or the person cannot tell them apart`,
      });
  });
  return issues;
}

const mcq = z
  .strictObject({
    ...base,
    type: z.literal("mcq"),
    choices: z.array(choice).min(2, "expected at least 2 choices").max(8, "expected at most 8 choices"),
  })
  .check((ctx) => {
    ctx.issues.push(
      ...distinct(
        ctx.value.choices.map((c) => c.text),
        (i) => ["choices", i, "text"],
        "choices",
      ),
    );
    const correct = ctx.value.choices.flatMap((c, i) => (c.correct ? [i] : []));
    if (correct.length === 0) {
      ctx.issues.push({
        code: "custom",
        input: ctx.value.choices,
        path: ["choices"],
        message: 'no choice is marked right; an mcq needs exactly one: add "correct: true" to the right choice',
      });
    } else if (correct.length > 1) {
      const which = correct.map((i) => `choices[${i}]`);
      ctx.issues.push({
        code: "custom",
        input: ctx.value.choices,
        path: ["choices"],
        message: `${correct.length} choices are marked "correct: true" (${which.slice(0, -1).join(", ")} and ${which.at(-1)}), but an mcq needs exactly one; keep it on the right choice only, or make the question type: multi for several right answers`,
      });
    }
  });

const multi = z
  .strictObject({
    ...base,
    type: z.literal("multi"),
    choices: z.array(choice).min(3, "expected at least 3 choices").max(8, "expected at most 8 choices"),
  })
  .check((ctx) => {
    ctx.issues.push(
      ...distinct(
        ctx.value.choices.map((c) => c.text),
        (i) => ["choices", i, "text"],
        "choices",
      ),
    );
    const n = ctx.value.choices.filter((c) => c.correct).length;
    if (n < 2 || n === ctx.value.choices.length) {
      ctx.issues.push({
        code: "custom",
        input: ctx.value.choices,
        path: ["choices"],
        message: `expected at least 2 correct and 1 wrong choice, found ${n} correct of ${ctx.value.choices.length}`,
      });
    }
    if (!HOW_MANY.test(ctx.value.prompt)) {
      ctx.issues.push({
        code: "custom",
        input: ctx.value.prompt,
        path: ["prompt"],
        message: 'must say how many to pick ("choose two") or "select all that apply"',
      });
    }
  });

const truefalse = z.strictObject({
  ...base,
  type: z.literal("truefalse"),
  answer: z.boolean().describe("Whether the statement in prompt is true"),
});

const cloze = z
  .strictObject({
    ...base,
    type: z.literal("cloze"),
    answers: z.array(text).min(1, "expected at least 1 accepted answer"),
  })
  .check((ctx) => {
    const blanks = ctx.value.prompt.match(BLANK)?.length ?? 0;
    if (blanks !== 1) {
      ctx.issues.push({
        code: "custom",
        input: ctx.value.prompt,
        path: ["prompt"],
        message: `expected exactly one blank "___", found ${blanks}`,
      });
    }
  });

const order = z
  .strictObject({
    ...base,
    type: z.literal("order"),
    steps: z.array(text).min(3, "expected at least 3 steps").max(9, "expected at most 9 steps").describe("In the correct order"),
  })
  .check((ctx) => {
    ctx.issues.push(...distinct(ctx.value.steps, (i) => ["steps", i], "steps"));
  });

export const keyPointSchema = z.strictObject({
  point: text.describe("What the answer must cover, as shown in the checklist"),
  core: z.boolean().optional().describe("A passing answer must cover this point; the others show depth"),
  phrases: z
    .array(text)
    .min(1, "expected at least 1 phrase")
    .describe("Alternatives; one matching phrase covers the point. Every word of a phrase must appear, near each other"),
  not: z
    .array(
      z.union([
        text,
        z.strictObject({
          phrases: z
            .array(text)
            .min(1, "expected at least 1 phrase")
            .describe("Ways the wrong claim is put; one matching phrase is enough"),
          why: text.describe("Why the claim is wrong, shown to the person"),
        }),
      ]),
    )
    .optional()
    .describe(
      "Wrong claims interviewers hear about this point (wrong subject, scope or value): a phrase, or { phrases, why }. One stated plainly loses the point and fails the answer",
    ),
});

const recall = z.strictObject({
  ...base,
  type: z.literal("recall"),
  answer: text.describe("A model answer"),
  keyPoints: z.array(keyPointSchema).min(3, "expected at least 3 key points").max(7, "expected at most 7 key points"),
});

export const questionSchema = z.discriminatedUnion("type", [mcq, multi, truefalse, cloze, order, recall]);

export const glossarySchema = z.strictObject({
  id: id.describe("Unique among glossary entries, kebab-case"),
  term: text,
  kind: z.enum(["concept", "config"]).default("concept"),
  scope: z.enum(["producer", "consumer", "broker", "topic", "streams", "connect", "client"]).optional(),
  aliases: z.array(text).default([]),
  topics: z.array(z.enum(TOPICS)).min(1, "expected at least 1 topic"),
  summary: text.describe("One line"),
  details: text,
  default: z.string().optional().describe("For configs: the current default value"),
  since: z.string().optional().describe("For configs: the Kafka version that set the current default or added it"),
  tradeoff: text.optional().describe("For configs: what raising or lowering it trades off"),
  note: text.optional().describe("Where common interview material is outdated, with the Kafka version"),
  related: z.array(id).default([]).describe("Glossary ids"),
  questions: z.array(id).default([]).describe("Question ids"),
  sources: z.array(sourceSchema).default([]),
});

export const questionFileSchema = z.strictObject({
  sources: z
    .array(declaredSourceSchema)
    .optional()
    .describe(
      "A pack's own documents, which its questions cite as { doc, ref }; the built-in bank lists its documents in sources/MANIFEST.yaml",
    ),
  questions: z.array(questionSchema).optional(),
  glossary: z.array(glossarySchema).optional(),
});

export type Source = z.infer<typeof sourceSchema>;
export type DocSource = z.infer<typeof docSourceSchema>;
export type UrlSource = z.infer<typeof urlSourceSchema>;
export type DeclaredSource = z.infer<typeof declaredSourceSchema>;
export type Question = z.infer<typeof questionSchema>;
export type KeyPoint = z.infer<typeof keyPointSchema>;
export type GlossaryEntry = z.infer<typeof glossarySchema>;
export type QuestionFile = z.infer<typeof questionFileSchema>;
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

export interface Bank {
  questions: Question[];
  glossary: GlossaryEntry[];
}

/** The JSON Schema editors use to validate and complete question files. */
export function questionFileJsonSchema(): unknown {
  return z.toJSONSchema(questionFileSchema, { io: "input", unrepresentable: "any" });
}
