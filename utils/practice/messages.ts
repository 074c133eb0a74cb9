/**
 * Every user-facing sentence of practice mode in one place (as Fuse keeps its error messages), so the
 * wording is consistent and tests can assert it verbatim. Codes arrive already in display form.
 */
import type { Setting } from '../coding/types';
import type { DistractorKind } from './schema';

export const caseMessages = {
  unknownKey: (key: string) => `unknown key "${key}"`,
  missing: 'is missing',
  idNotFileName: (id: string, file: string) => `id "${id}" does not match the file name ${file}`,
  phraseNotInNote: (phrase: string) => `phrase "${phrase}" does not occur in the note`,
  duplicateCode: (code: string, first: number) => `${code} is already answer[${first}]`,
  afterNotEarlier: (code: string) => `"after" names ${code}, which is not earlier in the answer`,
  firstOptional: 'the principal or first-listed code cannot be optional',
  externalFirst: (code: string) => `${code} is an external cause code and can never be listed first (I.C.20.a.6)`,
  distractorInKey: (code: string) => `distractor code ${code} is also in the answer`,
  unknownGuideline: (ref: string) => `"${ref}" is not a guideline section listed in utils/practice/guidelines.ts`,
  notOneOf: (found: string, allowed: readonly string[]) => `"${found}" is not one of ${allowed.join(', ')}`,
  duplicateId: (id: string) => `id "${id}" is used by another case`,
} as const;

/** Labels for the reasons a mention is not coded, as the student reads them. */
export const DISTRACTOR_LABELS: Readonly<Record<DistractorKind, string>> = Object.freeze({
  negated: 'negated',
  'ruled-out': 'ruled out',
  'uncertain-outpatient': 'uncertain diagnosis in an outpatient note',
  hypothetical: 'not a current condition',
  'other-experiencer': "a family member's condition",
  'integral-symptom': 'a symptom integral to the diagnosis',
  'history-no-code': 'history only',
  'before-this-stay': 'a procedure done before this stay',
  'not-valid-on-date': 'not valid on the date of service',
  'superseded-by-combination': 'already included in a combination code',
  'other-clinician': 'documented by another clinician only, not the provider',
  'no-code-set-for-date': 'no code set loaded for the date of service',
  'guideline-excludes': 'not assigned here by the guidelines',
  'less-specific': 'less specific than the documentation supports',
  'included-in-other-code': 'already said by another code',
  'not-a-finding': 'named, not found (a test, a treatment, a goal, a measure)',
  'abnormal-finding': 'abnormal finding not called significant',
  'no-code-query': 'a term with no code: query the provider',
});

export const principalLabel = (setting: Setting) => (setting === 'inpatient' ? 'principal diagnosis' : 'first-listed diagnosis');

export const scoreMessages = {
  keyExact: (code: string, phrase: string) => `${code} is correct: supported by "${phrase}".`,
  keyCategory: (student: string, key: string, category: string, because: string) =>
    `${student} is in the right category (${category}) but the key has ${key} because ${because}.`,
  keyMissing: (key: string, because: string, phrase: string) => `Missing ${key}: the key has it because ${because} ("${phrase}").`,
  keyOptionalMissing: (key: string, because: string) => `Optional, not counted: ${key} would add that ${because}.`,
  keyOptionalGiven: (key: string) => `${key} is optional; giving it correctly counts in your favour.`,
  extraDistractor: (code: string, label: string, phrase: string, explanation: string) =>
    `${code} is not in the key (${label}: "${phrase}"). ${explanation}`,
  extraNearDistractor: (code: string, near: string, label: string, phrase: string, explanation: string) =>
    `${code} is not in the key; like ${near} (${label}: "${phrase}"): ${explanation}`,
  extraSameCategory: (code: string, category: string, key: string) =>
    `${code} is not in the key; category ${category} is already covered by ${key}.`,
  extra: (code: string) => `${code} is not in the key.`,
  duplicate: (code: string) =>
    `${code} was entered more than once; the repeat was ignored (each code is reported once per encounter, I.B.12).`,
  duplicatesIgnored: (count: number) =>
    `${count} repeated code${count === 1 ? ' was' : 's were'} ignored (each code is reported once per encounter, I.B.12).`,
  invalid: (input: string) => `"${input}" is not an ICD-10-CM code and was ignored.`,
  tooMany: (max: number) => `Only the first ${max} codes were scored.`,
  billableBefore: (years: string) => `It was billable in ${years}: check the code set of the date of service.`,
  notValidated: 'Codes were not checked against a code set (none loaded): validity on the date of service is not shown.',
  principalCorrect: (code: string, label: string) => `${code} is correctly listed first as the ${label}.`,
  principalCategory: (student: string, key: string, label: string) =>
    `Sequencing is right: ${student} stands first for the ${label} (the key has ${key}).`,
  principalWrong: (key: string, first: string, label: string, refs: string) =>
    `The ${label} is ${key} (${refs}), but ${first} is listed first.`,
  principalMissing: (key: string, label: string) => `The ${label} ${key} is missing, so sequencing cannot be credited.`,
  noCodes: 'No codes were entered.',
  externalFirst: (code: string) => `${code} is an external cause code: it can never be listed first (I.C.20.a.6).`,
  manifestationFirst: (code: string) =>
    `${code} is a manifestation code ("in diseases classified elsewhere"): it is never listed first (I.A.13).`,
  orderKept: (code: string, after: string) => `${code} correctly follows ${after}.`,
  orderBroken: (code: string, after: string) => `${code} must be listed after ${after}.`,
  summary: (score: number, exact: number, category: number, missing: number, extra: number) =>
    `Score ${score}/100: ${exact} exact, ${category} category-level, ${missing} missing, ${extra} extra.`,
} as const;

export const progressMessages = {
  neverTried: (title: string) => `Not tried yet: ${title}.`,
  weak: (title: string, mean: number, count: number) =>
    `${title}: average ${mean} over your last ${count} attempt${count === 1 ? '' : 's'}.`,
  strong: (title: string, mean: number) => `${title}: average ${mean}; keep it fresh.`,
} as const;

/** The practice page's own sentences (components/practice/), asserted verbatim by its tests. */
export const practiceViewMessages = {
  caseCount: (shown: number, total: number) =>
    shown === total ? `${total} cases` : `${shown} of ${total} ${total === 1 ? 'case' : 'cases'} match the filters`,
  noCasesMatch: 'No case matches these filters. Clear a filter to see more.',
  emptyWorksheet: 'No codes yet. Search, then press Enter on a billable code to add it.',
  submitNeedsCodes: 'Add at least one code to submit.',
  notScoredSystem: (codes: string) => `Only ICD-10-CM diagnosis codes are scored; not scored: ${codes}.`,
  moved: (code: string, position: number) => `Moved ${code} to position ${position}.`,
  removed: (code: string) => `Removed ${code}.`,
  scored: (score: number) => `Scored ${score}/100. The explanations follow the score.`,
  saved: 'Saved to your progress on this device.',
  saveFailed: (why: string) => `The score is shown but could not be saved to your progress: ${why}`,
  loadFailed: (why: string) => `Your earlier progress could not be read: ${why}`,
  droppedAttempts: (count: number) => `${count} stored ${count === 1 ? 'attempt was' : 'attempts were'} unreadable and left out.`,
  engineLoading: 'Asking Chartcode’s engine for its suggestions…',
  engineUnavailable: 'Engine suggestions unavailable.',
  engineUnavailableWhy: (why: string) => `Engine suggestions unavailable: ${why}`,
  engineNotAKey:
    'These are what Chartcode’s automatic engine suggests for this note. They are not the answer key and can be wrong; the key above is what you are scored against.',
  pageIntro:
    'Code the note open in an EHR tab with the search below, then compare your worksheet with Chartcode’s suggestions for that note. A real note has no answer key: this comparison is not a score, and nothing from the page is saved.',
  pageIdle: 'Code the note first, then compare: the engine’s list appears here, beside your worksheet.',
  pageLoading: 'Reading the note of the current tab…',
  pageNotAKey:
    'These are what Chartcode’s automatic engine suggests for the note. They are not an answer key and can be wrong: check each against the note and the guidelines.',
  pageSource: (origin: string) => `Compared with the note read from ${origin}.`,
  noAttempts: 'No attempts yet. Choose a case, code it and submit: your scores appear here.',
  attemptsSummary: (count: number, mean: number) => `${count} ${count === 1 ? 'attempt' : 'attempts'}, average score ${mean}.`,
  resetAsk: (count: number) =>
    `Delete all ${count} ${count === 1 ? 'attempt' : 'attempts'} from this device? This cannot be undone; export a CSV first to keep a copy.`,
  resetDone: 'Progress reset: all attempts were deleted.',
  resetFailed: (why: string) => `Progress could not be reset: ${why}`,
  exported: (count: number) => `Exported ${count} ${count === 1 ? 'attempt' : 'attempts'} as CSV.`,
  partialCredit: (exact: number, category: number) =>
    `Exact codes earn ${exact} point each; a code of the right 3-character category earns ${category} point (partial credit). Each extra code adds a point to the total possible, so extras lower the score.`,
} as const;
