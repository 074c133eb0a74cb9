import { describe, expect, it } from 'vitest';
import {
  ccMccMessages,
  cliMessages,
  engineMessages,
  lintMessages,
  logMessages,
  packMessages,
  queryText,
} from '../../../utils/cdi/messages';

/** Every user-facing CDI string, verbatim: a wording change must be a deliberate edit here too. */
describe('CDI messages', () => {
  it.each([
    [lintMessages.emptyQuery, 'The query is empty.'],
    [
      lintMessages.noIndicators,
      'The query cites no clinical indicators. List the findings from the record that prompted it (value, where it was found, quoted text).',
    ],
    [lintMessages.missingOther, 'The options have no "Other (please specify)" choice.'],
    [lintMessages.missingUndetermined, 'The options have no "Clinically undetermined" choice.'],
    [
      lintMessages.yesNoNewDiagnosis,
      'Yes/no question outside the allowed uses (present on admission, confirming a diagnosis documented elsewhere in the record, cause and effect, conflicting documentation): a yes/no question must not introduce a new diagnosis. Use multiple choice or an open question.',
    ],
    [
      lintMessages.leading('consider documenting'),
      'Leading wording: "consider documenting". Present the indicators and let the provider choose; do not suggest the answer.',
    ],
    [
      lintMessages.financial('DRG', 'DRG'),
      'Mentions DRG ("DRG"): a query never refers to payment, reimbursement, DRG, CC/MCC, HCC/RAF, SOI/ROM, quality scores, denials or money.',
    ],
    [lintMessages.indicatorNotInNote('Na 128'), 'Indicator not found in the note: "Na 128".'],
    [
      lintMessages.indicatorWithoutLocation('Na 128'),
      'Indicator without its source: "Na 128". Say where in the record it was found and quote it.',
    ],
    [
      lintMessages.singleOption,
      'Only one clinical option besides "Other" and "Clinically undetermined": list the clinically reasonable alternatives.',
    ],
    [lintMessages.noQuestion, 'No question found: ask the provider something (a line ending with "?").'],
    [
      lintMessages.codeInQuery('N17.9'),
      'Diagnosis code "N17.9" in the query: ask about the clinical condition; providers document diagnoses, not codes.',
    ],
    [queryText.citation('Sodium 128 mmol/L', 'Labs', 'Na 128'), 'Sodium 128 mmol/L (Labs: "Na 128")'],
    [queryText.documentedCitation('Assessment', 'CHF'), 'Documented (Assessment): "CHF"'],
    [queryText.documentedInQuestion('CHF', 'Assessment'), '"CHF" (Assessment)'],
    [packMessages.duplicateId('rule', 'x'), 'duplicate rule id "x"'],
    [packMessages.duplicateName('x'), 'indicator name "x" is defined twice'],
    [packMessages.unknownIndicator('x'), 'names indicator "x", which cdi-indicators.json does not define'],
    [packMessages.unknownConcept('x'), 'names concept "x", which is not in "concepts"'],
    [packMessages.unknownScore('x'), 'names score "x", which is not in "scores"'],
    [packMessages.unknownTemplate('x'), 'names template "x", which query-templates.json does not define'],
    [packMessages.unknownTherapy('x'), 'device names therapy "x", which is not a term'],
    [packMessages.badPattern('(', 'bad'), 'pattern /(/ does not compile (bad)'],
    [packMessages.emptyPattern('a*'), 'pattern /a*/ matches the empty string'],
    [packMessages.noOptions, 'a multiple-choice or yes/no template needs options'],
    [packMessages.missingOther, 'options must end with an "Other (please specify)" choice'],
    [packMessages.missingUndetermined, 'options must include "Clinically undetermined"'],
    [
      packMessages.yesNoWithoutBasis,
      'a yes/no template needs "yesNoBasis" (present-on-admission, confirm-documented, cause-and-effect or conflicting-documentation)',
    ],
    [packMessages.basisOnNonYesNo, '"yesNoBasis" is only for yes/no templates'],
    [packMessages.unknownPlaceholder('x'), 'unknown placeholder {x} (allowed: {documented}, {condition})'],
    [packMessages.badPlausible, 'plausible.min must be below plausible.max'],
    [packMessages.apartSame, '"apart" needs two different concepts'],
    [ccMccMessages.empty, 'The CC/MCC file is empty.'],
    [ccMccMessages.badColumns(3), 'line 3: expected two columns "code,cc_mcc"'],
    [ccMccMessages.badCode(3, 'x'), 'line 3: "x" is not an ICD-10-CM code'],
    [ccMccMessages.badValue(3, 'x'), 'line 3: "x" is neither CC nor MCC'],
    [ccMccMessages.conflicting(3, 'N17.9', 'cc'), 'line 3: N17.9 is already listed as CC'],
    [engineMessages.unknownRule('x'), 'No CDI rule "x".'],
    [engineMessages.unknownTemplate('x'), 'No query template "x".'],
    [logMessages.badStatusOrder('answered', 'sent'), 'A query cannot go from "answered" back to "sent".'],
    [logMessages.badDate('x'), '"x" is not a date (YYYY-MM-DD).'],
    [logMessages.invalidEntry('options'), 'Query log entry rejected: options'],
    [cliMessages.usage, 'usage: npm run lint-query -- query.txt [--note note.txt] [--json]'],
    [cliMessages.cannotRead('q.txt', 'ENOENT'), 'cannot read q.txt: ENOENT'],
    [cliMessages.clean('q.txt'), 'q.txt: no problems found'],
    [cliMessages.summary(1, 2), '1 error, 2 warnings (copying blocked)'],
    [cliMessages.summary(0, 1), '0 errors, 1 warning'],
    [cliMessages.finding('q.txt', 3, 4, 'error', 'financial-term', 'm'), 'q.txt:3:4  error  financial-term  m'],
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('keeps the fixed headings of a drafted query', () => {
    expect(queryText).toMatchObject({
      indicatorsHeading: 'Clinical indicators found in the record:',
      questionLabel: 'Question:',
      optionsHeading: 'Response options:',
      checkbox: '[ ]',
      noSection: 'Note text',
    });
    expect(logMessages.csvHeader.join(',')).toBe(
      'id,date,updated,rule,template,condition,options,lint_ok,lint_errors,lint_warnings,status',
    );
  });
});
