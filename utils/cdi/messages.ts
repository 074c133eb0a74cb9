/**
 * Every user-facing string of CDI in one place (STYLE.md; Fuse.js keeps its messages the same way):
 * lint findings, the fixed parts of a drafted query, rule-pack and import errors, query-log errors and
 * the CLI's words. Tests assert these verbatim, so a wording change is a deliberate edit here.
 */
import type { QueryStatus } from './types';

/** Lint findings (issue 6). Errors block copying; warnings are shown. */
export const lintMessages = {
  emptyQuery: 'The query is empty.',
  noIndicators:
    'The query cites no clinical indicators. List the findings from the record that prompted it (value, where it was found, quoted text).',
  missingOther: 'The options have no "Other (please specify)" choice.',
  missingUndetermined: 'The options have no "Clinically undetermined" choice.',
  yesNoNewDiagnosis:
    'Yes/no question outside the allowed uses (present on admission, confirming a diagnosis documented elsewhere in the record, cause and effect, conflicting documentation): a yes/no question must not introduce a new diagnosis. Use multiple choice or an open question.',
  leading: (phrase: string) =>
    `Leading wording: "${phrase}". Present the indicators and let the provider choose; do not suggest the answer.`,
  financial: (phrase: string, literal: string) =>
    `Mentions ${literal} ("${phrase}"): a query never refers to payment, reimbursement, DRG, CC/MCC, HCC/RAF, SOI/ROM, quality scores, denials or money.`,
  indicatorNotInNote: (cited: string) => `Indicator not found in the note: "${cited}".`,
  indicatorWithoutLocation: (item: string) => `Indicator without its source: "${item}". Say where in the record it was found and quote it.`,
  singleOption: 'Only one clinical option besides "Other" and "Clinically undetermined": list the clinically reasonable alternatives.',
  noQuestion: 'No question found: ask the provider something (a line ending with "?").',
  codeInQuery: (code: string) =>
    `Diagnosis code "${code}" in the query: ask about the clinical condition; providers document diagnoses, not codes.`,
} as const;

/** Fixed parts of a drafted query (the linter reads the same headings back). */
export const queryText = {
  indicatorsHeading: 'Clinical indicators found in the record:',
  questionLabel: 'Question:',
  optionsHeading: 'Response options:',
  checkbox: '[ ]',
  /** `Creatinine 2.1 mg/dL — Labs: "Cr 2.1 (baseline 0.9)"`. */
  citation: (summary: string, section: string, quote: string) => `${summary} (${section}: "${quote}")`,
  documentedCitation: (section: string, quote: string) => `Documented (${section}): "${quote}"`,
  /** `{documented}` in a question: `"CHF" (Assessment)`. */
  documentedInQuestion: (quote: string, section: string) => `"${quote}" (${section})`,
  /** Section name when the note has no header before the text. */
  noSection: 'Note text',
  baseline: 'baseline',
  earlier: 'earlier',
  on: 'on',
  presentOnAdmission: 'present on admission',
  notPresentOnAdmission: 'not present on admission',
  stage: 'stage',
  /** How documented diagnoses are joined in a question: `"HFrEF" and "HFpEF"`. */
  and: ' and ',
} as const;

/** Rule-pack validation (assets/rules/cdi-*.json, query-templates.json). */
export const packMessages = {
  duplicateId: (kind: string, id: string) => `duplicate ${kind} id "${id}"`,
  duplicateName: (name: string) => `indicator name "${name}" is defined twice`,
  unknownIndicator: (name: string) => `names indicator "${name}", which cdi-indicators.json does not define`,
  unknownConcept: (name: string) => `names concept "${name}", which is not in "concepts"`,
  unknownScore: (name: string) => `names score "${name}", which is not in "scores"`,
  unknownTemplate: (id: string) => `names template "${id}", which query-templates.json does not define`,
  unknownTherapy: (name: string) => `device names therapy "${name}", which is not a term`,
  badPattern: (pattern: string, detail: string) => `pattern /${pattern}/ does not compile (${detail})`,
  emptyPattern: (pattern: string) => `pattern /${pattern}/ matches the empty string`,
  noOptions: 'a multiple-choice or yes/no template needs options',
  missingOther: 'options must end with an "Other (please specify)" choice',
  missingUndetermined: 'options must include "Clinically undetermined"',
  yesNoWithoutBasis:
    'a yes/no template needs "yesNoBasis" (present-on-admission, confirm-documented, cause-and-effect or conflicting-documentation)',
  basisOnNonYesNo: '"yesNoBasis" is only for yes/no templates',
  unknownPlaceholder: (name: string) => `unknown placeholder {${name}} (allowed: {documented}, {condition})`,
  badPlausible: 'plausible.min must be below plausible.max',
  conceptEmpty: 'a concept needs codes, or terms for a code-less item (a term listed for a query)',
  apartSame: '"apart" needs two different concepts',
} as const;

/** Importing a CMS CC/MCC list (`code,cc_mcc`). */
export const ccMccMessages = {
  empty: 'The CC/MCC file is empty.',
  badColumns: (line: number) => `line ${line}: expected two columns "code,cc_mcc"`,
  badCode: (line: number, code: string) => `line ${line}: "${code}" is not an ICD-10-CM code`,
  badValue: (line: number, value: string) => `line ${line}: "${value}" is neither CC nor MCC`,
  conflicting: (line: number, code: string, first: string) => `line ${line}: ${code} is already listed as ${first.toUpperCase()}`,
  mergeConflict: (code: string, kept: string, added: string) =>
    `${code} is ${kept.toUpperCase()} in the list already imported and ${added.toUpperCase()} in this file; remove the imported list first if it is wrong`,
} as const;

/** Drafting and looking up rules. */
export const engineMessages = {
  unknownRule: (id: string) => `No CDI rule "${id}".`,
  unknownTemplate: (id: string) => `No query template "${id}".`,
} as const;

/** Query log (issue 6): local, opt-in, no note text. */
export const logMessages = {
  badStatusOrder: (from: QueryStatus, to: QueryStatus) => `A query cannot go from "${from}" back to "${to}".`,
  unknownRule: engineMessages.unknownRule,
  unknownTemplate: engineMessages.unknownTemplate,
  badDate: (date: string) => `"${date}" is not a date (YYYY-MM-DD).`,
  invalidEntry: (detail: string) => `Query log entry rejected: ${detail}`,
  csvHeader: [
    'id',
    'date',
    'updated',
    'rule',
    'template',
    'condition',
    'options',
    'lint_ok',
    'lint_errors',
    'lint_warnings',
    'status',
  ] as const,
} as const;

/** `npm run lint-query`. */
export const cliMessages = {
  usage: 'usage: npm run lint-query -- query.txt [--note note.txt] [--json]',
  cannotRead: (file: string, detail: string) => `cannot read ${file}: ${detail}`,
  clean: (file: string) => `${file}: no problems found`,
  summary: (errors: number, warnings: number) =>
    `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${errors > 0 ? ' (copying blocked)' : ''}`,
  finding: (file: string, line: number, column: number, severity: string, code: string, message: string) =>
    `${file}:${line}:${column}  ${severity}  ${code}  ${message}`,
} as const;
