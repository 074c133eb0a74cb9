import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeCdi } from '../../../utils/cdi/analyze';
import { createLogEntry, logToCsv, parseLogEntry, setStatus } from '../../../utils/cdi/log';
import { logMessages } from '../../../utils/cdi/messages';
import type { LintResult } from '../../../utils/cdi/types';

const lint: LintResult = {
  ok: false,
  errors: [{ code: 'indicator-not-in-note', severity: 'error', message: 'Indicator not found in the note: "Jane Doe, MRN 123".' }],
  warnings: [],
  kind: 'multiple-choice',
  indicatorCount: 1,
  optionCount: 4,
};

describe('createLogEntry', () => {
  it('keeps the rule, template, condition, options, lint codes and dates', () => {
    const e = createLogEntry({ id: 'q1', date: '2026-03-14', ruleId: 'aki-indicators', templateId: 'aki-kidney-function', lint });
    expect(e).toEqual({
      id: 'q1',
      date: '2026-03-14',
      ruleId: 'aki-indicators',
      templateId: 'aki-kidney-function',
      condition: 'Acute kidney injury',
      options: [
        'Acute kidney injury (please specify the cause if known)',
        'Acute tubular necrosis',
        'Acute kidney injury on chronic kidney disease (please specify the CKD stage)',
        'Chronic kidney disease without acute kidney injury (please specify the stage)',
        'Creatinine variation without clinical significance',
        'Other (please specify)',
        'Clinically undetermined',
      ],
      lintResult: { ok: false, errors: ['indicator-not-in-note'], warnings: [] },
      status: 'drafted',
      updated: '2026-03-14',
    });
  });

  it('refuses unknown rules, templates and dates', () => {
    const base = { id: 'q', date: '2026-03-14', ruleId: 'aki-indicators', templateId: 'aki-kidney-function', lint };
    expect(() => createLogEntry({ ...base, ruleId: 'x' })).toThrow('No CDI rule "x".');
    expect(() => createLogEntry({ ...base, templateId: 'y' })).toThrow('No query template "y".');
    expect(() => createLogEntry({ ...base, date: 'March 14' })).toThrow('"March 14" is not a date (YYYY-MM-DD).');
  });

  it('can never hold note text, whatever the note, the draft edits or the lint messages', () => {
    const words = fc.constantFrom(
      'Jane',
      'Doe',
      'MRN',
      '4417',
      'Cr',
      '2.1',
      'baseline',
      'stage',
      'sacrum',
      'lives',
      'alone',
      'Main',
      'Street',
    );
    fc.assert(
      fc.property(fc.array(words, { minLength: 3, maxLength: 12 }), (parts) => {
        const secret = `ZQX${parts.join('')}QXZ`;
        const note = `HPI: ${secret}. Labs: Cr 2.1 (baseline 0.9). ${secret}`;
        const { drafts } = analyzeCdi({ text: note, setting: 'inpatient' });
        for (const { draft, lint: l } of drafts) {
          const edited = { ...l, errors: [...l.errors, { code: 'leading-wording' as const, severity: 'error' as const, message: secret }] };
          const entry = createLogEntry({ id: 'q1', date: '2026-03-14', ruleId: draft.ruleId, templateId: draft.templateId, lint: edited });
          expect(JSON.stringify(entry)).not.toContain('ZQX');
          expect(logToCsv([entry])).not.toContain('ZQX');
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('setStatus', () => {
  const e = createLogEntry({ id: 'q1', date: '2026-03-14', ruleId: 'aki-indicators', templateId: 'aki-kidney-function', lint });

  it('moves forward only', () => {
    const sent = setStatus(e, 'sent', '2026-03-15');
    expect(sent).toMatchObject({ status: 'sent', updated: '2026-03-15', date: '2026-03-14' });
    expect(setStatus(setStatus(sent, 'answered', '2026-03-16'), 'agreed', '2026-03-16').status).toBe('agreed');
    expect(() => setStatus(sent, 'drafted', '2026-03-16')).toThrow(logMessages.badStatusOrder('sent', 'drafted'));
    expect(logMessages.badStatusOrder('sent', 'drafted')).toBe('A query cannot go from "sent" back to "drafted".');
  });
});

describe('parseLogEntry', () => {
  const e = createLogEntry({ id: 'q1', date: '2026-03-14', ruleId: 'aki-indicators', templateId: 'aki-kidney-function', lint });

  it('accepts an entry as written', () => {
    expect(parseLogEntry(JSON.parse(JSON.stringify(e)))).toEqual(e);
  });

  it('rejects an extra field (such as note text)', () => {
    expect(() => parseLogEntry({ ...e, note: 'HPI: ...' })).toThrow(/^Query log entry rejected: note: /);
  });

  it("rejects a condition or options that are not the rule pack's words", () => {
    expect(() => parseLogEntry({ ...e, condition: 'Jane Doe' })).toThrow('Query log entry rejected: condition');
    expect(() => parseLogEntry({ ...e, options: [...e.options.slice(0, -1), 'Jane Doe'] })).toThrow('Query log entry rejected: options');
  });
});

describe('logToCsv', () => {
  it('writes a header and one quoted row per entry', () => {
    const e = createLogEntry({ id: 'q1', date: '2026-03-14', ruleId: 'aki-indicators', templateId: 'aki-kidney-function', lint });
    const csv = logToCsv([e]);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe('id,date,updated,rule,template,condition,options,lint_ok,lint_errors,lint_warnings,status');
    expect(row).toBe(
      'q1,2026-03-14,2026-03-14,aki-indicators,aki-kidney-function,Acute kidney injury,Acute kidney injury (please specify the cause if known) | Acute tubular necrosis | Acute kidney injury on chronic kidney disease (please specify the CKD stage) | Chronic kidney disease without acute kidney injury (please specify the stage) | Creatinine variation without clinical significance | Other (please specify) | Clinically undetermined,no,indicator-not-in-note,,drafted',
    );
  });

  it('quotes commas and guards against spreadsheet formulas', () => {
    const e = createLogEntry({ id: 'q1', date: '2026-03-14', ruleId: 'pressure-injury-poa', templateId: 'pressure-injury-poa', lint });
    const csv = logToCsv([{ ...e, condition: '=HYPERLINK("x")' }]);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain(
      '"Yes, present at the time of admission | No, developed after admission | Other (please specify) | Clinically undetermined"',
    );
  });
});
