/**
 * Synthetic, PHI-free analysis fixtures for the mock `AnalysisClient`: a short note, and the
 * `AnalysisResult` the pipeline would give it for a setting, a date and the coder's context flips.
 * The few guideline decisions the panel displays are scripted here (negated and hypothetical not
 * coded, uncertain coded inpatient only, history and family to Z codes, Excludes1 flagged, headers
 * incomplete with choices, validity by date) so panel tests can watch the suggestions change; the
 * real rules live in utils/coding/.
 */
import type { CodeState } from '../../utils/codes/catalog';
import type { CodeSystem } from '../../utils/codes/types';
import type {
  AnalysisResult,
  AnalysisSettings,
  ContextLabel,
  Mention,
  MentionContext,
  NotCodedReason,
  Suggestion,
} from '../../utils/coding/types';
import type { SectionCategory } from '../../utils/nlp/types';
import type { ContextOverrides } from './analysis-client';

/** A made-up visit note: no real patient. */
export const SYNTHETIC_NOTE = [
  'CHIEF COMPLAINT: Cough and fever.',
  'HISTORY OF PRESENT ILLNESS: Patient with type 2 diabetes with hyperglycemia and hypertension presents with cough. Denies chest pain. History of colon polyps.',
  'FAMILY HISTORY: Mother with breast cancer.',
  'PROBLEM LIST: Type 1 diabetes.',
  'ASSESSMENT AND PLAN:',
  '1. Possible pneumonia; chest x-ray ordered.',
  '2. Type 2 diabetes with hyperglycemia: adjust insulin.',
  '3. Hypertension: continue lisinopril.',
  '4. Fracture of right femoral neck after a fall.',
  '5. Colonoscopy performed today.',
].join('\n');

interface FixtureCode {
  system: CodeSystem;
  code: string;
  display: string;
  title: string;
  hcc?: string;
  specificity?: string;
  /** Billable completions of a header. */
  choices?: Suggestion['choices'];
  /** First day the code is valid (new codes), for the validity-by-date path. */
  validFrom?: string;
}

interface FixtureConcept {
  /** Found in the text (first occurrence, any case). */
  phrase: string;
  /** The words of the phrase that are the condition (default: the whole phrase). */
  words?: string;
  detected: ContextLabel;
  trigger?: string;
  section: SectionCategory;
  kind: 'diagnosis' | 'procedure';
  path: string[];
  code: FixtureCode;
  /** Inpatient procedure code (ICD-10-PCS); `code` is the outpatient one (HCPCS). */
  inpatient?: FixtureCode;
  history?: FixtureCode;
  family?: FixtureCode;
  /** Codes (dotless) this one has an Excludes1 conflict with, when they are suggested too. */
  excludes1?: string[];
}

const T2DM: FixtureCode = {
  system: 'icd10cm',
  code: 'E1165',
  display: 'E11.65',
  title: 'Type 2 diabetes mellitus with hyperglycemia',
  hcc: '37',
};

export const FIXTURE_CONCEPTS: readonly FixtureConcept[] = [
  {
    phrase: 'type 2 diabetes with hyperglycemia',
    detected: 'affirmed',
    section: 'history_of_present_illness',
    kind: 'diagnosis',
    path: ['Diabetes', 'type 2', 'with', 'hyperglycemia'],
    code: T2DM,
    excludes1: ['E109'],
  },
  {
    phrase: 'hypertension',
    detected: 'affirmed',
    section: 'history_of_present_illness',
    kind: 'diagnosis',
    path: ['Hypertension'],
    code: { system: 'icd10cm', code: 'I10', display: 'I10', title: 'Essential (primary) hypertension' },
    family: {
      system: 'icd10cm',
      code: 'Z8249',
      display: 'Z82.49',
      title: 'Family history of ischemic heart disease and other diseases of the circulatory system',
    },
  },
  {
    phrase: 'denies chest pain',
    words: 'chest pain',
    detected: 'negated',
    trigger: 'Denies',
    section: 'history_of_present_illness',
    kind: 'diagnosis',
    path: ['Pain', 'chest'],
    code: { system: 'icd10cm', code: 'R079', display: 'R07.9', title: 'Chest pain, unspecified' },
  },
  {
    phrase: 'history of colon polyps',
    words: 'colon polyps',
    detected: 'historical',
    trigger: 'History of',
    section: 'history_of_present_illness',
    kind: 'diagnosis',
    path: ['Polyp', 'colon'],
    code: { system: 'icd10cm', code: 'K635', display: 'K63.5', title: 'Polyp of colon' },
    history: {
      system: 'icd10cm',
      code: 'Z860100',
      display: 'Z86.0100',
      title: 'Personal history of colon polyps, unspecified',
      validFrom: '2023-10-01',
    },
  },
  {
    phrase: 'mother with breast cancer',
    words: 'breast cancer',
    detected: 'family',
    trigger: 'Mother',
    section: 'family_history',
    kind: 'diagnosis',
    path: ['Cancer', 'breast'],
    code: {
      system: 'icd10cm',
      code: 'C50919',
      display: 'C50.919',
      title: 'Malignant neoplasm of unspecified site of unspecified female breast',
    },
    family: { system: 'icd10cm', code: 'Z803', display: 'Z80.3', title: 'Family history of malignant neoplasm of breast' },
  },
  {
    // Contradicts the type 2 diabetes above: E10 and E11 exclude each other (Excludes1), a query case.
    phrase: 'type 1 diabetes',
    detected: 'affirmed',
    section: 'problem_list',
    kind: 'diagnosis',
    path: ['Diabetes', 'type 1'],
    code: { system: 'icd10cm', code: 'E109', display: 'E10.9', title: 'Type 1 diabetes mellitus without complications' },
    excludes1: ['E1165'],
  },
  {
    phrase: 'possible pneumonia',
    words: 'pneumonia',
    detected: 'possible',
    trigger: 'Possible',
    section: 'assessment_plan',
    kind: 'diagnosis',
    path: ['Pneumonia'],
    code: {
      system: 'icd10cm',
      code: 'J189',
      display: 'J18.9',
      title: 'Pneumonia, unspecified organism',
      specificity: 'Document the organism (bacterial, viral, a named organism) for a more specific code.',
    },
  },
  {
    phrase: 'fracture of right femoral neck',
    detected: 'affirmed',
    section: 'assessment_plan',
    kind: 'diagnosis',
    path: ['Fracture', 'femur', 'neck'],
    code: {
      system: 'icd10cm',
      code: 'S72001',
      display: 'S72.001',
      title: 'Fracture of unspecified part of neck of right femur',
      specificity: 'Document the encounter (initial, subsequent, sequela) and whether the fracture is open.',
      choices: [
        {
          code: 'S72001A',
          display: 'S72.001A',
          title: 'Fracture of unspecified part of neck of right femur, initial encounter for closed fracture',
        },
        {
          code: 'S72001B',
          display: 'S72.001B',
          title: 'Fracture of unspecified part of neck of right femur, initial encounter for open fracture type I or II',
        },
        {
          code: 'S72001D',
          display: 'S72.001D',
          title: 'Fracture of unspecified part of neck of right femur, subsequent encounter for closed fracture with routine healing',
        },
      ],
    },
  },
  {
    phrase: 'colonoscopy',
    detected: 'affirmed',
    section: 'assessment_plan',
    kind: 'procedure',
    path: ['Colonoscopy'],
    code: {
      system: 'hcpcs',
      code: 'G0121',
      display: 'G0121',
      title: 'Colorectal cancer screening; colonoscopy on individual not meeting criteria for high risk',
    },
    inpatient: {
      system: 'icd10pcs',
      code: '0DJD8ZZ',
      display: '0DJD8ZZ',
      title: 'Inspection of Lower Intestinal Tract, Via Natural or Artificial Opening Endoscopic',
    },
  },
];

const NOT_CODED_TEXT: Readonly<Record<NotCodedReason, string>> = {
  negated: 'Documented as absent: negated conditions are not coded.',
  'ruled-out': 'Ruled out: not coded.',
  'uncertain-outpatient': 'Uncertain diagnoses are not coded in outpatient settings; code the symptoms instead (Guidelines IV.H).',
  hypothetical: 'A possibility, not a condition the patient has: not coded.',
  'other-experiencer': 'About someone other than the patient: not coded for the patient.',
  'integral-symptom': 'A symptom integral to a confirmed diagnosis is not coded separately (Guidelines I.B.5).',
  'history-no-code': 'A past condition with no personal-history code: not coded.',
  'before-this-stay': 'A procedure done before this stay: not coded for it.',
  'not-valid-on-date': 'Not valid on the date of service.',
  'superseded-by-combination': 'Included in a combination code (Guidelines I.B.9).',
  'less-specific': 'A more specific code is supported and listed instead (Guidelines I.B.2).',
  'included-in-other-code': 'Already said by another code on the list.',
  'not-a-finding': 'Named, not found (a test or its specimen, a treatment, a goal, a measure): not coded.',
  'other-clinician': 'Documented only by another clinician: query the provider (Guidelines I.B.14).',
  'no-code-set-for-date': 'No code set loaded for the date of service: cannot be verified.',
  'no-code-query': 'A nonspecific term with no code (urosepsis): query the provider (Guidelines I.C.1.d.1.a.ii).',
};

function contextOf(label: ContextLabel, trigger: string | undefined, start: number): MentionContext {
  return {
    negated: label === 'negated',
    possible: label === 'possible',
    historical: label === 'historical',
    hypothetical: label === 'hypothetical',
    experiencer: label === 'family' ? 'family' : label === 'other' ? 'other' : 'patient',
    triggers: trigger ? [{ literal: trigger, category: label, start, end: start + trigger.length }] : [],
  };
}

function stateOn(code: FixtureCode, date: string): CodeState {
  if (code.choices) return 'header';
  if (code.validFrom && date < code.validFrom) return 'invalid-on-date';
  return 'billable';
}

/** The fixture concepts found in `text`, as the matcher would report them (ids in text order). */
export function fixtureMentions(text: string, overrides: ContextOverrides = {}): Array<{ mention: Mention; concept: FixtureConcept }> {
  const lower = text.toLowerCase();
  const found = FIXTURE_CONCEPTS.map((concept) => ({ concept, at: lower.indexOf(concept.phrase) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => a.at - b.at);
  return found.map(({ concept, at }, i) => {
    const id = `m${i}`;
    const wordsAt = at + concept.phrase.indexOf(concept.words ?? concept.phrase);
    const wordsEnd = wordsAt + (concept.words ?? concept.phrase).length;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const lineEnd = text.indexOf('\n', at);
    const label = overrides[id] ?? concept.detected;
    const mention: Mention = {
      id,
      span: { start: wordsAt, end: wordsEnd },
      evidence: [{ start: wordsAt, end: wordsEnd }],
      text: text.slice(wordsAt, wordsEnd),
      sentence: { start: lineStart, end: lineEnd < 0 ? text.length : lineEnd },
      section: concept.section,
      source: concept.kind === 'procedure' ? 'procedure' : 'index',
      system: concept.code.system,
      path: concept.path,
      codes: [concept.code.code],
      confidence: 1,
      context: contextOf(label, concept.trigger, at),
    };
    return { mention, concept };
  });
}

/**
 * What the pipeline would suggest for `text`: every fixture concept found, decided by its context
 * (the coder's override first), the setting and the date.
 */
export function fixtureAnalysis(text: string, settings: AnalysisSettings, overrides: ContextOverrides = {}): AnalysisResult {
  const found = fixtureMentions(text, overrides);
  const suggestions: Suggestion[] = [];
  for (const { mention, concept } of found) {
    const label = overrides[mention.id] ?? concept.detected;
    const evidence = mention.evidence.map((span) => ({ ...span, text: text.slice(span.start, span.end) }));
    const make = (code: FixtureCode, status: Suggestion['status'], reason: string, notCoded?: NotCodedReason): Suggestion => {
      const state = stateOn(code, settings.dateOfService);
      const suggestion: Suggestion = {
        code: code.code,
        display: code.display,
        title: code.title,
        system: code.system,
        kind: concept.kind,
        score: status === 'not-coded' ? 0.4 : 0.9 - suggestions.length * 0.01,
        reason,
        evidence,
        context: label,
        section: concept.section,
        status:
          code.choices && status === 'suggested'
            ? 'incomplete'
            : state === 'invalid-on-date' && status === 'suggested'
              ? 'not-coded'
              : status,
        state,
        mentionIds: [mention.id],
      };
      if (state === 'invalid-on-date' && status === 'suggested') suggestion.notCoded = 'not-valid-on-date';
      else if (notCoded) suggestion.notCoded = notCoded;
      if (code.choices) suggestion.choices = code.choices;
      if (code.specificity) suggestion.specificity = code.specificity;
      if (code.hcc) suggestion.hcc = code.hcc;
      return suggestion;
    };
    const notCoded = (reason: NotCodedReason) => make(concept.code, 'not-coded', NOT_CODED_TEXT[reason], reason);
    const quoted = `“${mention.text}”`;

    if (concept.kind === 'procedure') {
      if (label !== 'affirmed' && label !== 'historical' && label !== 'possible') {
        suggestions.push(
          make(concept.code, 'not-coded', 'A procedure not performed is not coded.', label === 'negated' ? 'negated' : 'hypothetical'),
        );
      } else if (settings.setting === 'inpatient' && concept.inpatient) {
        suggestions.push(make(concept.inpatient, 'suggested', `Procedure ${quoted} (inpatient: ICD-10-PCS).`));
      } else {
        suggestions.push(make(concept.code, 'suggested', `Procedure ${quoted} (outpatient: HCPCS Level II).`));
      }
      continue;
    }
    switch (label) {
      case 'affirmed':
        suggestions.push(make(concept.code, 'suggested', `${quoted} → Index: ${concept.path.join(', ')}.`));
        break;
      case 'possible':
        suggestions.push(
          settings.setting === 'inpatient'
            ? make(
                concept.code,
                'suggested',
                `${quoted} is documented as uncertain; coded as if established for an inpatient admission (Guidelines II.H).`,
              )
            : notCoded('uncertain-outpatient'),
        );
        break;
      case 'negated':
        suggestions.push(notCoded(concept.trigger && /rule/i.test(concept.trigger) ? 'ruled-out' : 'negated'));
        break;
      case 'hypothetical':
        suggestions.push(notCoded('hypothetical'));
        break;
      case 'historical':
        suggestions.push(
          concept.history
            ? make(
                concept.history,
                'suggested',
                `History of ${quoted}: Index History, personal. Personal history codes (Guidelines I.C.21.c.4).`,
              )
            : notCoded('history-no-code'),
        );
        break;
      case 'family':
        suggestions.push(
          concept.family
            ? make(concept.family, 'suggested', `Family history of ${quoted}: Index History, family (Guidelines I.C.21.c.4).`)
            : notCoded('other-experiencer'),
        );
        break;
      case 'other':
        suggestions.push(notCoded('other-experiencer'));
        break;
    }
  }
  // Excludes1 (Guidelines I.A.12.a): flagged when both codes are suggested.
  const coded = new Set(suggestions.filter((s) => s.status === 'suggested').map((s) => s.code));
  for (const { concept, mention } of found) {
    const clash = (concept.excludes1 ?? []).filter((code) => coded.has(code));
    const own = suggestions.find((s) => s.mentionIds.includes(mention.id) && s.code === concept.code.code && s.status === 'suggested');
    if (own && clash.length > 0) {
      own.status = 'conflict';
      own.conflictsWith = clash;
      own.reason = `${own.reason} Excludes1: not coded together with ${clash.join(', ')}.`;
    }
  }
  return {
    suggestions,
    mentions: found.map(({ mention }) => mention),
    sections: [],
    analysedLength: text.length,
    warnings: [],
    tookMs: 1,
  };
}
