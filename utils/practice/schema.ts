/**
 * A practice case: a synthetic note written for the project and its answer key. Cases are JSON data
 * under `assets/cases/`, one file each, validated on load with a strict schema (STYLE.md convention 3):
 * unknown keys are refused, every guideline reference must be a section listed in `guidelines.ts`,
 * and every phrase of the key must occur verbatim in the note.
 */
import * as v from 'valibot';
import { displayCode, hasCodeShape, normalizeCode } from '../codes/code-format';
import { parseIsoDate } from '../codes/dates';
import type { Setting } from '../coding/types';
import { CHAPTER_IDS, type ChapterId } from './chapters';
import { GUIDELINE_REFS } from './guidelines';

export const SETTINGS = ['inpatient', 'outpatient'] as const satisfies readonly Setting[];

export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/**
 * Why a mention in the note is not coded (or not coded that way). The engine's reasons are among them: they follow the engine's
 * `NotCodedReason` (utils/coding/types.ts) so the practice view can show both with one vocabulary.
 */
export const DISTRACTOR_KINDS = [
  /** "denies fever", "no abscess". */
  'negated',
  /** Considered and excluded by the work-up: "pneumonia was ruled out". */
  'ruled-out',
  /** "suspected", "probable" in an outpatient note: code the symptoms instead (IV.H). */
  'uncertain-outpatient',
  /** A plan or a risk, not a current condition: "return if ...". */
  'hypothetical',
  /** A family member's condition, with no bearing on this encounter. */
  'other-experiencer',
  /** A sign or symptom routinely part of the diagnosis (I.B.5). */
  'integral-symptom',
  /** A past condition that no longer exists and needs no history code. */
  'history-no-code',
  /** A procedure done before this encounter: its status code is reported, not the procedure. */
  'before-this-stay',
  /** The code that was valid before, but not in the code set on the date of service. */
  'not-valid-on-date',
  /** Already included in a combination code of the key (I.B.9). */
  'superseded-by-combination',
  /** Written only by a clinician other than the provider (I.B.14). */
  'other-clinician',
  /** No code set loaded for the date of service. */
  'no-code-set-for-date',
  /** A guideline or a Tabular note says not to assign this code here. */
  'guideline-excludes',
  /** A real code for the condition, but the note supports a more specific one. */
  'less-specific',
  /** Another code of the key already says it: a status beside its complication, an allergy beside its drug (I.C.21.c.3). */
  'included-in-other-code',
  /** Words that name the code without finding it: a goal of care, a routine measure (I.B.4-5). */
  'not-a-finding',
  /** An abnormal result the provider did not call clinically significant (III.B). */
  'abnormal-finding',
  /** A nonspecific term the Index gives no code ("urosepsis"): the provider is queried (I.C.1.d.1.a.ii). */
  'no-code-query',
] as const;
export type DistractorKind = (typeof DISTRACTOR_KINDS)[number];

const text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));

/** A dotted ICD-10-CM code as printed in the Tabular List (`E11.65`, `S52.531A`, `I10`). */
const codeSchema = v.pipe(
  v.string(),
  v.check(
    (c) => hasCodeShape('icd10cm', normalizeCode(c)) && displayCode('icd10cm', normalizeCode(c)) === c,
    'write the code as printed, e.g. "E11.65"',
  ),
);

const guidelineList = v.pipe(v.array(v.picklist(GUIDELINE_REFS as [string, ...string[]])), v.minLength(1));

const answerCodeSchema = v.strictObject({
  code: codeSchema,
  /** The words of the note that support the code (verbatim, case-sensitive). */
  phrase: text(300),
  /** Completes "the key has E11.65 because ...": what the documentation adds. */
  because: text(300),
  /** Why this code and this position, in plain words. */
  rationale: text(1200),
  guidelines: guidelineList,
  /** Not required (external cause codes, weeks of gestation): credited when given, not missed when absent. */
  optional: v.optional(v.literal(true)),
  /** A code earlier in the key that this one must follow (manifestation after etiology, R65.2- after the infection). */
  after: v.optional(codeSchema),
});

const distractorSchema = v.strictObject({
  /** The words of the note the student might code (verbatim, case-sensitive). */
  phrase: text(300),
  kind: v.picklist(DISTRACTOR_KINDS),
  /** The code a student would be tempted to assign, if there is one. */
  code: v.optional(codeSchema),
  explanation: text(800),
  guidelines: guidelineList,
});

export const caseSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[a-z]+-[0-9]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case words, e.g. "end-01-type2-hyperglycemia"')),
  title: text(120),
  chapters: v.pipe(v.array(v.picklist(CHAPTER_IDS as [ChapterId, ...ChapterId[]])), v.minLength(1)),
  setting: v.picklist(SETTINGS),
  difficulty: v.picklist(DIFFICULTIES),
  dateOfService: v.pipe(
    v.string(),
    v.check((d) => parseIsoDate(d) === d, 'use a calendar date YYYY-MM-DD'),
  ),
  /** One line: what the case teaches. */
  teaches: text(300),
  note: text(20_000),
  /** Codes in sequence: the principal (inpatient) or first-listed (outpatient) diagnosis first. */
  answer: v.pipe(v.array(answerCodeSchema), v.minLength(1)),
  distractors: v.pipe(v.array(distractorSchema), v.minLength(1)),
});

export type PracticeCase = v.InferOutput<typeof caseSchema>;
export type AnswerCode = PracticeCase['answer'][number];
export type Distractor = PracticeCase['distractors'][number];
