/**
 * Common procedures as notes name them (`assets/rules/procedures.json`), with their ICD-10-PCS codes
 * (inpatient) and HCPCS Level II codes where one exists (outpatient). CPT is licensed and not shipped:
 * CPT support comes from a user-imported file (STYLE.md, Cautions).
 *
 * Validated on load (STYLE.md convention 3): unknown keys rejected, codes of the right shape, no
 * phrase claimed by two procedures. That every code exists in the code sets is checked by the tests
 * against the order files.
 */
import * as v from 'valibot';
import data from '../../assets/rules/procedures.json';

export interface ProcedureEntry {
  /** Stable id (`appendectomy-laparoscopic`). */
  id: string;
  /** The procedure as a clinician writes it (`laparoscopic appendectomy`). */
  literal: string;
  /** Other ways notes name it (`lap appy`, `laparoscopic appendicectomy`). */
  synonyms: string[];
  /** ICD-10-PCS codes, most usual first. */
  icd10pcs: string[];
  /** HCPCS Level II codes, where the service has one. */
  hcpcs: string[];
  /** What the code choice assumes (approach, device, body part), in plain words. */
  note?: string;
  /**
   * A duration in the sentence decides among the codes ("ventilated for 3 days" → 24 to 96 hours): the
   * first band whose bound holds; a band without a bound takes the rest.
   */
  byHours?: HoursBand[];
  /**
   * The body part has sides (ICD-10-PCS body-part values "Knee Joint, Right" / "Left"): the side written
   * with the phrase decides the code. A side PCS has no bilateral value for is coded once per side
   * (ICD-10-PCS Guidelines B4.3); no side written leaves the choice to the coder.
   */
  bySide?: SideCodes;
  /**
   * Words that decide among the codes ("drug-eluting" or "bare-metal" stent, "diagnostic" or
   * "therapeutic" paracentesis, the bone of an ORIF, the lobe and approach of a lobectomy): each group is
   * one ICD-10-PCS character, its choices the values the words say. The groups and the side narrow the
   * codes together; what no word decides is left to the coder (one incomplete suggestion with the choices).
   */
  byWords?: WordGroup[];
}

/**
 * The ICD-10-PCS character a group of words decides: body part (4th), approach (5th), device (6th),
 * qualifier (7th); depth: the deepest layer removed, which gives the body system and the body part of an
 * excisional debridement (ICD-10-PCS Guidelines B3.5).
 */
export type ProcedureAspect = 'body part' | 'approach' | 'device' | 'qualifier' | 'depth';

/** What a sentence may leave open among a procedure's codes: one of them is coded, the coder chooses. */
export type ProcedureOpen = 'side' | 'duration' | ProcedureAspect;

export interface WordGroup {
  decides: ProcedureAspect;
  /**
   * Several values written are each coded (body parts: one code per body part, ICD-10-PCS Guidelines
   * B3.2a); without it, several values written contradict each other and the coder chooses.
   */
  each?: boolean;
  /**
   * The choices may share codes: sites with one soft-tissue body-part value and bones of their own (the
   * sacrum and the coccyx both have buttock skin). Without it, a code in two choices is an error.
   */
  shared?: boolean;
  /**
   * The choices go from the shallowest layer to the deepest, and of several written the deepest decides
   * ("skin and subcutaneous tissue": subcutaneous tissue; ICD-10-PCS Guidelines B3.5).
   */
  deepest?: boolean;
  /**
   * Things the value counts, each with the ways notes name it (the coronary arteries a PCI treats: "LAD",
   * "left anterior descending"). Where no choice's words are written, the number of different things
   * named near the phrase picks the choice at that place (the first for one; the last for that many or
   * more): "PCI of the LAD and RCA" treats two arteries (ICD-10-PCS Guidelines B4.4).
   */
  counts?: string[][];
  /** The values: words as notes write them (read like the phrases) and the codes they keep. */
  choices: WordChoice[];
}

export interface WordChoice {
  /** None only for an assumed choice that no word names: ICD-10-PCS's "No Qualifier" when cement is not written. */
  words: string[];
  codes: string[];
  /**
   * The value taken when no choice of the group is written: what a note leaves unsaid because it is the
   * usual case ("PCI of the LAD with a drug-eluting stent" places one stent; ICD-10-PCS counts the stents
   * in the device value only when there are more). At most one per group.
   */
  assumed?: boolean;
}

export type Side = 'right' | 'left' | 'bilateral';

/** The codes of each side; `bilateral` only where ICD-10-PCS has a bilateral body-part value. */
export interface SideCodes {
  right: string[];
  left: string[];
  bilateral?: string[];
}

/** One band of a duration: `below` (exclusive) or `atMost` (inclusive) hours. */
export interface HoursBand {
  code: string;
  below?: number;
  atMost?: number;
}

/** A word as notes write an action ("placed", "removed", "laparoscopically") and the phrase word it reads as. */
export interface ProcedureWordForm {
  word: string;
  base: string;
}

export interface ProcedureFile {
  version: 1;
  description: string;
  source: string;
  /** Verb and adverb forms read as the phrase's noun or adjective ("stent was placed" meets "stent placement"). */
  wordForms?: ProcedureWordForm[];
  /** Auxiliaries that may sit among a phrase's words without counting as other words ("stent was placed"). */
  fillers?: string[];
  /** Words that may not sit among a phrase's words: they deny the rest ("colonoscopy without biopsy" is no colonoscopy with biopsy). */
  breaks?: string[];
  /** Words that say a side ("right", "left", "bilateral"), as the reader gives them ("rt" reads as "right"). */
  sideWords?: Record<Side, string[]>;
  /**
   * An inspection done to achieve another procedure of the same sentence is not coded separately
   * (ICD-10-PCS Guidelines B3.11a): `separators` are the words that set two procedures of a sentence
   * apart ("EGD and colonoscopy with biopsy": the EGD is an inspection of its own).
   */
  inspectionWithin?: { source: string; separators: string[] };
  procedures: ProcedureEntry[];
}

/** Every message about the procedure file, in one place (tests assert the wording). */
export const procedureMessages = {
  invalid: (where: string, why: string) => `Invalid procedure file: ${where}: ${why}`,
  duplicateId: (id: string) => `id "${id}" is used twice`,
  duplicatePhrase: (phrase: string, other: string) => `phrase "${phrase}" is already a phrase of "${other}"`,
  noCodes: 'needs at least one ICD-10-PCS or HCPCS code',
  bandNotListed: (code: string) => `duration band code ${code} is not one of the entry's ICD-10-PCS codes`,
  sideNotListed: (code: string) => `side code ${code} is not one of the entry's ICD-10-PCS codes`,
  wordsNotListed: (code: string) => `word choice code ${code} is not one of the entry's ICD-10-PCS codes`,
  wordsOverlap: (code: string, decides: string) => `code ${code} is in two choices of the ${decides} group`,
  wordsUncovered: (code: string, decides: string) => `code ${code} is in no choice of the ${decides} group`,
  assumedTwice: (decides: string) => `the ${decides} group has more than one assumed choice`,
  wordsMissing: (decides: string) => `a choice of the ${decides} group has no words and is not the assumed one`,
} as const;

const phrase = v.pipe(
  v.string(),
  v.minLength(2),
  v.maxLength(120),
  v.check((s) => s === s.trim() && !/\s{2}/.test(s), 'no padding or double spaces'),
);

/** A choice's words: a phrase, or one letter where notes write a unit ("5 L"). */
const choicePhrase = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(60),
  v.check((s) => s === s.trim() && !/\s{2}/.test(s), 'no padding or double spaces'),
);

const word = v.pipe(v.string(), v.regex(/^[a-z]+$/, 'one lower-case word'));
const pcsCode = v.pipe(v.string(), v.regex(/^[0-9A-HJ-NP-Z]{7}$/, 'a 7-character ICD-10-PCS code'));
const sideCodes = v.pipe(v.array(pcsCode), v.minLength(1));

export const procedureFileSchema = v.strictObject({
  version: v.literal(1),
  description: v.pipe(v.string(), v.minLength(1)),
  source: v.pipe(v.string(), v.minLength(1)),
  wordForms: v.optional(v.array(v.strictObject({ word: word, base: word }))),
  fillers: v.optional(v.array(word)),
  breaks: v.optional(v.array(word)),
  sideWords: v.optional(v.strictObject({ right: v.array(word), left: v.array(word), bilateral: v.array(word) })),
  inspectionWithin: v.optional(v.strictObject({ source: v.pipe(v.string(), v.minLength(1)), separators: v.pipe(v.array(word), v.minLength(1)) })),
  procedures: v.array(
    v.strictObject({
      id: v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case words joined by hyphens')),
      literal: phrase,
      synonyms: v.array(phrase),
      icd10pcs: v.array(v.pipe(v.string(), v.regex(/^[0-9A-HJ-NP-Z]{7}$/, 'a 7-character ICD-10-PCS code'))),
      hcpcs: v.array(v.pipe(v.string(), v.regex(/^[A-V][0-9]{4}$/, 'a HCPCS Level II code'))),
      note: v.optional(v.pipe(v.string(), v.minLength(1))),
      byHours: v.optional(
        v.array(
          v.strictObject({
            code: v.pipe(v.string(), v.regex(/^[0-9A-HJ-NP-Z]{7}$/, 'a 7-character ICD-10-PCS code')),
            below: v.optional(v.pipe(v.number(), v.minValue(0))),
            atMost: v.optional(v.pipe(v.number(), v.minValue(0))),
          }),
        ),
      ),
      bySide: v.optional(v.strictObject({ right: sideCodes, left: sideCodes, bilateral: v.optional(sideCodes) })),
      byWords: v.optional(
        v.pipe(
          v.array(
            v.strictObject({
              decides: v.picklist(['body part', 'approach', 'device', 'qualifier', 'depth']),
              each: v.optional(v.boolean()),
              shared: v.optional(v.boolean()),
              deepest: v.optional(v.boolean()),
              counts: v.optional(v.pipe(v.array(v.pipe(v.array(choicePhrase), v.minLength(1))), v.minLength(2))),
              choices: v.pipe(
                v.array(v.strictObject({ words: v.array(choicePhrase), codes: sideCodes, assumed: v.optional(v.boolean()) })),
                v.minLength(2),
              ),
            }),
          ),
          v.minLength(1),
        ),
      ),
    }),
  ),
});

function phraseKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Validate a procedure file; throws naming the entry and the problem. */
export function parseProcedures(json: unknown): ProcedureFile {
  const result = v.safeParse(procedureFileSchema, json);
  if (!result.success) {
    const issue = result.issues[0];
    const where = (issue.path ?? []).map((p) => String(p.key)).join('.') || 'file';
    throw new Error(procedureMessages.invalid(where, issue.message));
  }
  const file = result.output as ProcedureFile;
  const ids = new Set<string>();
  const phrases = new Map<string, string>();
  for (const p of file.procedures) {
    if (ids.has(p.id)) throw new Error(procedureMessages.invalid(p.id, procedureMessages.duplicateId(p.id)));
    ids.add(p.id);
    if (p.icd10pcs.length === 0 && p.hcpcs.length === 0) throw new Error(procedureMessages.invalid(p.id, procedureMessages.noCodes));
    for (const band of p.byHours ?? [])
      if (!p.icd10pcs.includes(band.code)) throw new Error(procedureMessages.invalid(p.id, procedureMessages.bandNotListed(band.code)));
    const sided = p.bySide ? [...p.bySide.right, ...p.bySide.left, ...(p.bySide.bilateral ?? [])] : [];
    for (const code of sided)
      if (!p.icd10pcs.includes(code)) throw new Error(procedureMessages.invalid(p.id, procedureMessages.sideNotListed(code)));
    for (const group of p.byWords ?? []) {
      const seen = new Set<string>();
      for (const code of group.choices.flatMap((c) => c.codes)) {
        if (!p.icd10pcs.includes(code)) throw new Error(procedureMessages.invalid(p.id, procedureMessages.wordsNotListed(code)));
        if (seen.has(code) && !group.shared) throw new Error(procedureMessages.invalid(p.id, procedureMessages.wordsOverlap(code, group.decides)));
        seen.add(code);
      }
      if (group.choices.filter((c) => c.assumed).length > 1) throw new Error(procedureMessages.invalid(p.id, procedureMessages.assumedTwice(group.decides)));
      if (group.choices.some((c) => c.words.length === 0 && !c.assumed))
        throw new Error(procedureMessages.invalid(p.id, procedureMessages.wordsMissing(group.decides)));
      const uncovered = p.icd10pcs.find((code) => !seen.has(code));
      if (uncovered) throw new Error(procedureMessages.invalid(p.id, procedureMessages.wordsUncovered(uncovered, group.decides)));
    }
    for (const s of [p.literal, ...p.synonyms]) {
      const key = phraseKey(s);
      const other = phrases.get(key);
      if (other !== undefined) throw new Error(procedureMessages.invalid(p.id, procedureMessages.duplicatePhrase(s, other)));
      phrases.set(key, p.id);
    }
  }
  return file;
}

export const defaultProcedures: ProcedureFile = parseProcedures(data);
