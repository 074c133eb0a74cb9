/**
 * The contract of note analysis (issue 4): mentions found in the text, and the suggestions the
 * coding rules make of them. Plain data; every offset is into the ORIGINAL note text.
 */
import type { CodeState } from '../codes/catalog';
import type { CodeSystem } from '../codes/types';
import type { ProcedureOpen } from '../nlp/procedures';
import type { SectionCategory, Span } from '../nlp/types';

/** How a mention was found. */
export type MentionSource = 'index' | 'title' | 'inclusion' | 'abbreviation' | 'neoplasm' | 'drug' | 'eindex' | 'procedure';

/** The context of a mention, from ConText and the section it sits in. */
export interface MentionContext {
  negated: boolean;
  possible: boolean;
  historical: boolean;
  hypothetical: boolean;
  experiencer: 'patient' | 'family' | 'other';
  /** Trigger phrases that set the flags (for the reason shown to the coder). */
  triggers: Array<{ literal: string; category: string; start: number; end: number }>;
}

/** A condition or procedure named in the note, with the codes the classification gives it. */
export interface Mention {
  /** Stable within one analysis: `m<index>`. */
  id: string;
  /** From the first to the last matched word. */
  span: Span;
  /** The words that matched (main term, subterms, modifiers), for highlighting. */
  evidence: Span[];
  /** `text.slice(span.start, span.end)`. */
  text: string;
  sentence: Span;
  section: SectionCategory;
  source: MentionSource;
  system: CodeSystem;
  /** Alphabetic Index path that led to the code (`['Pneumonia', 'aspiration']`), or the title / term matched. */
  path: string[];
  /** Dotless codes the path points to, etiology first then manifestation; may be headers (`S7200`). */
  codes: string[];
  /** 0..1: how much of the index path or title the text supports. */
  confidence: number;
  context: MentionContext;
  /**
   * A procedure whose sentence leaves open which of its `codes` applies (no side written for a body part
   * with sides, no duration for ventilation, no word for the device, approach, body part or purpose the
   * codes differ by): one of them is coded, and the coder chooses.
   */
  undecided?: ProcedureOpen;
  /** A procedure one of whose values was assumed, not written: the codes its written words allow. */
  written?: string[];
}

export type Setting = 'inpatient' | 'outpatient';

export type ContextLabel = 'affirmed' | 'negated' | 'possible' | 'historical' | 'hypothetical' | 'family' | 'other';

export type SuggestionStatus = 'suggested' | 'incomplete' | 'conflict' | 'not-coded';

/** Why a mention is listed but not coded (the user may override). */
export type NotCodedReason =
  | 'negated'
  | 'ruled-out'
  | 'uncertain-outpatient'
  | 'hypothetical'
  | 'other-experiencer'
  | 'integral-symptom'
  | 'history-no-code'
  /** A procedure done before this stay: not reported for it; its status or history code is (UHDDS, I.C.21.c.3). */
  | 'before-this-stay'
  | 'not-valid-on-date'
  | 'superseded-by-combination'
  /** The record supports a more specific code of the same condition, which is coded instead (I.B.2). */
  | 'less-specific'
  /** Another code on the list already says it: a device or transplant status beside its complication, a drugless allergy beside the drug's Z88 (I.C.21.c.3). */
  | 'included-in-other-code'
  /** Words that name the code without finding it: a goal ("discussed weight loss"), a measure ("estimated blood loss"), a surgical wound. */
  | 'not-a-finding'
  /** Written only in a nursing, wound-care, dietitian or therapy note: the provider must document it (I.B.14). */
  | 'other-clinician'
  /** A term the Index gives no code ("Urosepsis - code to condition"): the provider is queried for the condition meant (I.C.1.d.1.a.ii). */
  | 'no-code-query'
  /** No code set of the system covers the date of service (e.g. FY2027 ICD-10-PCS not imported): cannot be verified. */
  | 'no-code-set-for-date';

export interface Suggestion {
  /** Dotless. */
  code: string;
  display: string;
  title: string;
  system: CodeSystem;
  kind: 'diagnosis' | 'procedure';
  /** 0..1, for ranking. */
  score: number;
  /** Plain words: why this code, from which words, under which guideline. */
  reason: string;
  evidence: Array<Span & { text: string }>;
  context: ContextLabel;
  section: SectionCategory;
  status: SuggestionStatus;
  notCoded?: NotCodedReason;
  /** Billable state on the date of service. */
  state: CodeState;
  /** For incomplete codes: the billable completions (7th characters or more characters). */
  choices?: Array<{ code: string; display: string; title: string }>;
  /** Documentation that would allow a more specific code (laterality, acuity, type, organism). */
  specificity?: string;
  /** Codes among the suggestions this one has an Excludes1 conflict with. */
  conflictsWith?: string[];
  /** Mentions this suggestion rests on. */
  mentionIds: string[];
  /** CMS-HCC V28 category, for the coder/CDI specialist only. */
  hcc?: string;
}

export interface AnalysisSettings {
  setting: Setting;
  dateOfService: string;
}

export interface AnalysisResult {
  suggestions: Suggestion[];
  mentions: Mention[];
  sections: Array<{ category: SectionCategory; title: string; header: Span | null; body: Span }>;
  /** Characters analysed (the text may have been cut to the size cap). */
  analysedLength: number;
  warnings: string[];
  tookMs: number;
  /** The setting the note's headings and wording point to, when they point clearly (the coder decides). */
  settingHint?: { setting: Setting; cues: string[] };
}
