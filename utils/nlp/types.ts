/**
 * Plain data shared by the note-analysis stages (issue 4). Every offset is a UTF-16 index into the
 * ORIGINAL note text (`text.slice(start, end)`), never into a normalised copy, so the page can
 * highlight evidence exactly where the clinician wrote it.
 */

/** A half-open character range `[start, end)` into the original text. */
export interface Span {
  start: number;
  end: number;
}

// ---------------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------------

/**
 * What a section of a note is about. Coding rules read these: a condition under Past Medical History
 * is history (Z86–Z87), under Family History it belongs to a relative (Z80–Z84), under
 * Assessment/Plan it is what the encounter treated (DESIGN.md §5).
 */
export const SECTION_CATEGORIES = [
  'chief_complaint',
  'history_of_present_illness',
  'past_medical_history',
  'past_surgical_history',
  'family_history',
  'social_history',
  'medications',
  'allergies',
  'review_of_systems',
  'physical_exam',
  'vital_signs',
  'labs',
  'imaging',
  'findings',
  'assessment',
  'plan',
  'assessment_plan',
  'problem_list',
  'diagnoses',
  'admission_diagnoses',
  'discharge_diagnoses',
  'preoperative_diagnoses',
  'postoperative_diagnoses',
  'procedures',
  'operative_details',
  'complications',
  'indications',
  'hospital_course',
  'subjective',
  'objective',
  'patient_instructions',
  'disposition',
  'immunizations',
  // Notes by clinicians other than the provider (nursing, wound care, dietitian, therapy): ICD-10-CM
  // Official Guidelines I.B.14 let them supply a pressure-ulcer stage or a BMI, never the diagnosis.
  'clinician_notes',
  'unknown',
] as const;

export type SectionCategory = (typeof SECTION_CATEGORIES)[number];

/** One section: its header (absent for text before the first header) and its body. */
export interface Section {
  category: SectionCategory;
  /** The header as written, e.g. `PAST MEDICAL HISTORY:`; absent for leading text without a header. */
  header: Span | null;
  /** From after the header (and its `:` / `,` artefacts) to the next top-level header. */
  body: Span;
  /** Canonical name of the matched header rule (`Past Medical History`), or the header text for unknown headers. */
  title: string;
  /**
   * Body-system sub-headers (`HEENT:`, `LUNGS:`) inside an exam or review of systems keep the
   * category of the section they sit in; they are listed so a sentence can name them.
   */
  subsection: boolean;
}

// ---------------------------------------------------------------------------------------------
// Sentences
// ---------------------------------------------------------------------------------------------

export interface Sentence extends Span {
  /** `text.slice(start, end)`, trimmed of surrounding whitespace and the `,` artefacts of transcriptions. */
  text: string;
  /** What ended this segment: punctuation, a line break, a list item, a section header, or the end. */
  kind: 'sentence' | 'line' | 'list_item' | 'header';
}

// ---------------------------------------------------------------------------------------------
// ConText
// ---------------------------------------------------------------------------------------------

export const CONTEXT_CATEGORIES = [
  'NEGATED_EXISTENCE',
  'POSSIBLE_EXISTENCE',
  'HISTORICAL',
  'HYPOTHETICAL',
  'FAMILY',
  'OTHER_EXPERIENCER',
  'TERMINATE',
  'PSEUDO',
] as const;
export type ContextCategory = (typeof CONTEXT_CATEGORIES)[number];

export const CONTEXT_DIRECTIONS = ['forward', 'backward', 'bidirectional', 'terminate', 'pseudo'] as const;
export type ContextDirection = (typeof CONTEXT_DIRECTIONS)[number];

/** What a ConText target names: a condition (the default) or a procedure. */
export const CONTEXT_TARGET_KINDS = ['condition', 'procedure'] as const;
export type ContextTargetKind = (typeof CONTEXT_TARGET_KINDS)[number];


/** One ConText trigger, as written in `assets/rules/context.json`. */
export interface ContextRule {
  /** The phrase as a clinician writes it (`no evidence of`); matched case- and accent-insensitively on word boundaries. */
  literal: string;
  category: ContextCategory;
  /** `forward`: modifies what follows; `backward`: what precedes; `terminate` / `pseudo` for those categories. */
  direction: ContextDirection;
  /** A regular expression (JS syntax, matched on the normalised lower-case text) used instead of the literal. */
  pattern?: string;
  /** At most this many words of scope, counted from the trigger. */
  maxScope?: number;
  /**
   * Only targets of these kinds are modified, and for other targets the trigger is not there at all
   * (as medspaCy's `allowed_types`): "declined" negates a procedure ("she declined intubation") but says
   * nothing of a condition ("renal function declined"). Default: every kind.
   */
  targets?: ContextTargetKind[];
  /** Where the phrase comes from (published trigger category, guideline, or "project"). */
  source?: string;
}

/**
 * A section whose mentions carry a context by default (medspaCy's sectionizer does the same):
 * Past Medical History → historical, Family History → family, Patient Instructions → hypothetical.
 */
export interface SectionContextRule {
  section: SectionCategory;
  category: 'HISTORICAL' | 'HYPOTHETICAL' | 'FAMILY' | 'OTHER_EXPERIENCER';
  /** When true, a sentence naming the condition as current (`currentCues`) keeps it current. */
  unlessCurrent?: boolean;
  source?: string;
}

export interface ContextRulePack {
  version: number;
  description?: string;
  rules: ContextRule[];
  sectionRules: SectionContextRule[];
  /** Words that say a condition listed under a history section is present now (`currently`, `active`). */
  currentCues: string[];
  /**
   * Words that may sit between two triggers of different categories without ending the first one's
   * scope, so `no history of DVT` stays negated (`any`, `known`).
   */
  chainFillers: string[];
  /**
   * Categories whose `maxScope` does not count chain fillers: a time phrase dates its whole clause, and
   * "Two years ago she had a fall with a fracture of the wrist" reaches the fracture as "two years ago she
   * fell and fractured her wrist" does ("had", "a", "with" say nothing). Negation and experiencer cues stay
   * local: their scopes count every word.
   */
  scopeSkipsFillers?: ContextCategory[];
}

export interface ContextTrigger {
  literal: string;
  category: ContextCategory;
  /** Offsets into the sentence text given to `applyContext`. */
  start: number;
  end: number;
}

export type Experiencer = 'patient' | 'family' | 'other';

export interface ContextResult {
  negated: boolean;
  possible: boolean;
  historical: boolean;
  hypothetical: boolean;
  experiencer: Experiencer;
  /** The triggers that modified this target (plus a zero-width entry for a section default). */
  triggers: ContextTrigger[];
}

// ---------------------------------------------------------------------------------------------
// Section rule pack
// ---------------------------------------------------------------------------------------------

export interface SectionRule {
  /** Canonical, human-readable header (`Past Medical History`). */
  literal: string;
  category: SectionCategory;
  /** Other spellings and abbreviations of the same header (`PMH`, `PMHx`, `Medical History`). */
  variants: string[];
  /** A body-system sub-header (`HEENT`): keeps the enclosing section's category when it has one. */
  subsection?: boolean;
  source?: string;
}

export interface SectionRulePack {
  version: number;
  description?: string;
  rules: SectionRule[];
  /**
   * Sections in which an unknown ALL-CAPS header (`GENITALIA:`, `LEFT KNEE:`) is a sub-header of the
   * same section rather than a new section of unknown category.
   */
  containers: SectionCategory[];
}
