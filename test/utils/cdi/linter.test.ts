import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadQueries } from '../../../scripts/eval/cdi';
import { canCopy, lineColumn, lintQuery, parseQuery } from '../../../utils/cdi/linter';
import { lintMessages } from '../../../utils/cdi/messages';

const OK = `Clinical clarification: kidney function

Clinical indicators found in the record:
- Creatinine 2.1 mg/dL (Labs: "Cr 2.1 (baseline 0.9)")

Question: Based on your clinical judgment, can you clarify the diagnosis, if any, that the findings above represent?

Response options:
[ ] Acute kidney injury
[ ] Chronic kidney disease without acute injury
[ ] Other (please specify)
[ ] Clinically undetermined`;

const NOTE = 'LABS: Cr 2.1 (baseline 0.9), BUN 48.';
const codes = (text: string, note?: string) => lintQuery(text, note === undefined ? {} : { note }).errors.map((e) => e.code);

describe('lintQuery', () => {
  it('passes a compliant multiple-choice query', () => {
    const r = lintQuery(OK, { note: NOTE });
    expect(r).toMatchObject({ ok: true, errors: [], warnings: [], kind: 'multiple-choice', indicatorCount: 1, optionCount: 4 });
    expect(canCopy(r)).toBe(true);
  });

  it('reports an empty query', () => {
    expect(lintQuery('  \n').errors).toEqual([{ code: 'empty-query', severity: 'error', message: 'The query is empty.' }]);
  });

  it('reports a query without indicators', () => {
    const r = lintQuery(OK.replace(/Clinical indicators[\s\S]*?\n\n/, ''));
    expect(r.errors).toEqual([
      {
        code: 'no-indicators',
        severity: 'error',
        message:
          'The query cites no clinical indicators. List the findings from the record that prompted it (value, where it was found, quoted text).',
      },
    ]);
    expect(canCopy(r)).toBe(false);
  });

  it('reports missing Other and Clinically undetermined', () => {
    const r = lintQuery(OK.replace('[ ] Other (please specify)\n', '').replace('\n[ ] Clinically undetermined', ''));
    expect(r.errors.map((e) => e.message)).toEqual([
      'The options have no "Other (please specify)" choice.',
      'The options have no "Clinically undetermined" choice.',
    ]);
  });

  it('accepts "Unable to determine" for undetermined', () => {
    expect(codes(OK.replace('Clinically undetermined', 'Unable to determine'))).toEqual([]);
  });

  it('refuses a yes/no question that introduces a diagnosis', () => {
    const text = OK.replace(/Question: .*/, 'Question: Does the patient have acute kidney injury?')
      .replace('[ ] Acute kidney injury', '[ ] Yes')
      .replace('[ ] Chronic kidney disease without acute injury', '[ ] No');
    const r = lintQuery(text);
    expect(r.kind).toBe('yes-no');
    expect(r.errors).toEqual([
      {
        code: 'yes-no-new-diagnosis',
        severity: 'error',
        message:
          'Yes/no question outside the allowed uses (present on admission, confirming a diagnosis documented elsewhere in the record, cause and effect, conflicting documentation): a yes/no question must not introduce a new diagnosis. Use multiple choice or an open question.',
        span: { start: text.indexOf('Does'), end: text.indexOf('Does') + 'Does the patient have acute kidney injury?'.length },
      },
    ]);
  });

  it.each([
    ['present on admission', 'Was the pressure injury present at the time of admission?'],
    ['cause and effect', 'Is the acute kidney injury related to the sepsis?'],
    ['a diagnosis documented elsewhere', 'The ED note documents pneumonia; is the pneumonia documented in the ED note confirmed?'],
    ['conflicting documentation', 'The record has conflicting heart failure types; is it systolic?'],
  ])('allows a yes/no question about %s', (_basis, question) => {
    const text = OK.replace(/Question: .*/, `Question: ${question}`)
      .replace('[ ] Acute kidney injury', '[ ] Yes')
      .replace('[ ] Chronic kidney disease without acute injury', '[ ] No');
    expect(codes(text)).toEqual([]);
  });

  it.each([
    ['please document', 'Please document acute kidney injury.'],
    ['consider documenting', 'Consider documenting AKI.'],
    ['meets criteria', 'The patient meets criteria for AKI.'],
    ['meets KDIGO criteria', 'The patient meets KDIGO AKI criteria.'],
    ['are you treating', 'Are you treating for AKI?'],
    ['do you agree', 'Do you agree this is AKI?'],
    ['should be documented', 'AKI should be documented.'],
    ['to capture', 'To capture severity, please clarify.'],
    ['supports the diagnosis of', 'This supports the diagnosis of AKI.'],
    ['it appears the patient has', 'It appears the patient has AKI.'],
  ])('reports leading wording: %s', (_name, sentence) => {
    const text = `${OK}\n${sentence}`;
    const r = lintQuery(text);
    expect(r.errors.map((e) => e.code)).toContain('leading-wording');
    const f = r.errors.find((e) => e.code === 'leading-wording');
    expect(f?.message).toBe(lintMessages.leading(text.slice(f?.span?.start, f?.span?.end)));
  });

  it('words the leading-wording message exactly', () => {
    expect(lintMessages.leading('please document')).toBe(
      'Leading wording: "please document". Present the indicators and let the provider choose; do not suggest the answer.',
    );
  });

  it("does not count text quoted from the record as the writer's wording", () => {
    const text = OK.replace(
      '- Creatinine 2.1 mg/dL (Labs: "Cr 2.1 (baseline 0.9)")',
      '- Dietitian (Nutrition note: "meets ASPEN criteria for severe malnutrition")',
    );
    expect(codes(text)).toEqual([]);
  });

  it.each([
    ['payment', 'This affects payment.'],
    ['reimbursement', 'Documentation drives reimbursement.'],
    ['DRG', 'It changes the DRG.'],
    ['MS-DRG', 'It changes the MS-DRG.'],
    ['CC', 'AKI is a CC.'],
    ['CC/MCC', 'CC/MCC capture matters.'],
    ['MCC', 'Septic shock is an MCC.'],
    ['HCC', 'CKD maps to an HCC.'],
    ['RAF', 'It raises the RAF.'],
    ['SOI/ROM', 'It raises SOI/ROM.'],
    ['severity of illness', 'It reflects severity of illness.'],
    ['risk of mortality', 'It changes the risk of mortality.'],
    ['quality score', 'Our quality scores depend on it.'],
    ['PSI', 'It avoids a PSI.'],
    ['denial', 'It prevents a denial.'],
    ['money', 'It is worth money.'],
    ['dollars', 'Worth 4000 dollars.'],
    ['$', 'Worth $4,000.'],
    ['risk adjustment', 'Needed for risk adjustment.'],
    ['Medicare', 'Medicare requires it.'],
  ])('reports a financial term: %s', (_name, sentence) => {
    expect([...new Set(codes(`${OK}\n${sentence}`))]).toEqual(['financial-term']);
  });

  it('words the financial message exactly', () => {
    expect(lintMessages.financial('MCC', 'MCC')).toBe(
      'Mentions MCC ("MCC"): a query never refers to payment, reimbursement, DRG, CC/MCC, HCC/RAF, SOI/ROM, quality scores, denials or money.',
    );
  });

  it('reports financial terms even inside quotes', () => {
    expect(codes(OK.replace('"Cr 2.1 (baseline 0.9)"', '"Cr 2.1, HCC 138"'))).toContain('financial-term');
  });

  it('does not mistake a volume in cc, quality of life or a lipid profile for a financial term', () => {
    expect(codes(`${OK}\nA 500 cc bolus was given; quality of life discussed; lipid profile normal.`)).toEqual([]);
  });

  it('reports an indicator not found in the note', () => {
    const text = OK.replace('"Cr 2.1 (baseline 0.9)"', '"Cr 3.4 (baseline 0.9)"');
    const r = lintQuery(text, { note: NOTE });
    expect(r.errors).toEqual([
      {
        code: 'indicator-not-in-note',
        severity: 'error',
        message: 'Indicator not found in the note: "Cr 3.4 (baseline 0.9)".',
        span: { start: text.indexOf('"Cr 3.4'), end: text.indexOf('"Cr 3.4') + '"Cr 3.4 (baseline 0.9)"'.length },
      },
    ]);
  });

  it('reports a summary value the quote beside it does not support (an edited number)', () => {
    const edited = OK.replace('- Creatinine 2.1 mg/dL (Labs:', '- Creatinine 3.8 mg/dL (Labs:');
    expect(codes(edited, NOTE)).toEqual(['indicator-not-in-note']);
    expect(codes(OK, NOTE)).toEqual([]);
  });

  it('accepts a summary in the canonical unit, a decade as a range, a decimal pair, counts per microlitre, pounds and roman stages', () => {
    const note = 'Febrile to 102.5, tachycardic to the 130s. H/H 7.8/23.4.';
    const query = (item: string) => OK.replace('- Creatinine 2.1 mg/dL (Labs: "Cr 2.1 (baseline 0.9)")', item);
    expect(codes(query('- Temperature 39.17 °C (Vitals: "Febrile to 102.5")'), note)).toEqual([]);
    expect(codes(query('- Heart rate 130-139 bpm (Vitals: "tachycardic to the 130s")'), note)).toEqual([]);
    expect(codes(query('- Hemoglobin 7.8/23.4 g/dL (Labs: "H/H 7.8/23.4")'), note)).toEqual([]);
    expect(codes(query('- Temperature 40.2 °C (Vitals: "Febrile to 102.5")'), note)).toEqual(['indicator-not-in-note']);
    const more = 'Platelets of 81,000. Weighs 285 pounds. Stage IV necrotic sacral decubitus.';
    expect(codes(query('- Platelets 81 K/uL (Labs: "Platelets of 81,000")'), more)).toEqual([]);
    expect(codes(query('- Weight 129.28 kg (Exam: "Weighs 285 pounds")'), more)).toEqual([]);
    expect(codes(query('- Pressure injury, stage 4, sacral region (Diagnosis: "Stage IV necrotic sacral decubitus")'), more)).toEqual([]);
    expect(codes(query('- Pressure injury, stage 3, sacral region (Diagnosis: "Stage IV necrotic sacral decubitus")'), more)).toEqual(['indicator-not-in-note']);
  });

  it('converts a quoted value only by a unit of the measure the quote names, not by any factor (a dropped digit is an invented value)', () => {
    const note = 'Glucose 450 mg/dL. BUN 26. WBC 18.2. Creatinine 133 umol/L. Hgb 78. Creat 150.';
    const query = (item: string) => OK.replace('- Creatinine 2.1 mg/dL (Labs: "Cr 2.1 (baseline 0.9)")', item);
    expect(codes(query('- Glucose 45 mg/dL (Labs: "Glucose 450 mg/dL")'), note)).toEqual(['indicator-not-in-note']);
    expect(codes(query('- BUN 2.6 mg/dL (Labs: "BUN 26")'), note)).toEqual(['indicator-not-in-note']);
    expect(codes(query('- WBC 1.8 K/uL (Labs: "WBC 18.2")'), note)).toEqual(['indicator-not-in-note']);
    // The units the note writes, or implies by a value implausible without them, still convert.
    expect(codes(query('- Creatinine 1.5 mg/dL (Labs: "Creatinine 133 umol/L")'), note)).toEqual([]);
    expect(codes(query('- Hemoglobin 7.8 g/dL (Labs: "Hgb 78")'), note)).toEqual([]);
    expect(codes(query('- Creatinine 1.7 mg/dL (Labs: "Creat 150")'), note)).toEqual([]);
  });

  it('checks the numbers of an unquoted indicator, not its dates', () => {
    const text = OK.replace('- Creatinine 2.1 mg/dL (Labs: "Cr 2.1 (baseline 0.9)")', '- Creatinine 2.1 per the labs on 3/12');
    expect(codes(text, NOTE)).toEqual([]);
    expect(codes(text.replace('2.1 per', '2.7 per'), NOTE)).toEqual(['indicator-not-in-note']);
  });

  it('matches quotes whatever their spacing, case and quote marks', () => {
    expect(codes(OK.replace('"Cr 2.1 (baseline 0.9)"', '“cr 2.1  (Baseline 0.9)”'), NOTE)).toEqual([]);
  });

  it('warns about an indicator without its source, a single option, no question and a code', () => {
    const text = `Clinical indicators:\n- Creatinine 2.1\n\nAcute kidney injury N17.9 is being considered.\n[ ] Acute kidney injury\n[ ] Other (please specify)\n[ ] Clinically undetermined`;
    const r = lintQuery(text);
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => [w.code, w.message])).toEqual([
      [
        'single-option',
        'Only one clinical option besides "Other" and "Clinically undetermined": list the clinically reasonable alternatives.',
      ],
      ['no-question', 'No question found: ask the provider something (a line ending with "?").'],
      ['indicator-without-location', 'Indicator without its source: "Creatinine 2.1". Say where in the record it was found and quote it.'],
      ['code-in-query', 'Diagnosis code "N17.9" in the query: ask about the clinical condition; providers document diagnoses, not codes.'],
    ]);
  });

  it('reads an open-ended query (no options needed)', () => {
    const text =
      'Clinical indicators:\n- WBC 19.4 (Labs: "WBC 19.4")\n\nBased on your clinical judgment, what diagnosis do these findings represent?';
    expect(lintQuery(text)).toMatchObject({ ok: true, kind: 'open-ended', optionCount: 0 });
  });

  it('reads inline Yes / No in the question', () => {
    const r = lintQuery('Clinical indicators: WBC 19.4 per the labs\n\nDoes the patient have sepsis? Yes / No');
    expect(r.kind).toBe('yes-no');
    expect(r.errors.map((e) => e.code)).toEqual(['missing-other', 'missing-undetermined', 'yes-no-new-diagnosis']);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.option(fc.string({ maxLength: 200 })), (text, note) => {
        const r = lintQuery(text, note === null ? {} : { note });
        expect(r.ok).toBe(r.errors.length === 0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseQuery', () => {
  it('reads indicator items, options and the question', () => {
    const p = parseQuery(OK);
    expect(p.indicators.map((i) => i.text)).toEqual(['Creatinine 2.1 mg/dL (Labs: "Cr 2.1 (baseline 0.9)")']);
    expect(p.options.map((o) => o.text)).toEqual([
      'Acute kidney injury',
      'Chronic kidney disease without acute injury',
      'Other (please specify)',
      'Clinically undetermined',
    ]);
    expect(p.questions).toHaveLength(1);
    for (const item of [...p.indicators, ...p.options]) expect(OK.slice(item.start, item.start + item.text.length)).toBe(item.text);
  });
});

describe('lineColumn', () => {
  it('gives 1-based positions', () => {
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab', 0)).toEqual({ line: 1, column: 1 });
  });
});

describe('query fixtures (test/fixtures/cdi/queries.json)', () => {
  const q = loadQueries();

  it('has at least 40 non-compliant and 20 compliant queries', () => {
    expect(q.noncompliant.length).toBeGreaterThanOrEqual(40);
    expect(q.compliant.length).toBeGreaterThanOrEqual(20);
  });

  it.each(q.compliant.map((c) => [c.id, c] as const))('compliant %s has no error', (_id, c) => {
    expect(lintQuery(c.text, c.note === undefined ? {} : { note: c.note }).errors).toEqual([]);
  });

  it.each(q.noncompliant.map((c) => [c.id, c] as const))('non-compliant %s is caught', (_id, c) => {
    const found = lintQuery(c.text, c.note === undefined ? {} : { note: c.note }).errors.map((e) => e.code);
    for (const v of c.violations ?? []) expect(found).toContain(v);
  });
});
