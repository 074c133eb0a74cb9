import { describe, expect, it } from 'vitest';
import { loadCases } from '../../../scripts/eval/cdi';
import { analyzeCdi } from '../../../utils/cdi/analyze';
import { extractIndicators } from '../../../utils/cdi/indicators';
import { queryText } from '../../../utils/cdi/messages';
import { describeIndicator, draftQuery, quoteText, sectionName } from '../../../utils/cdi/queries';
import { defaultCdiPacks } from '../../../utils/cdi/rules';

const NOTE = `HISTORY OF PRESENT ILLNESS: 74-year-old man with three days of vomiting.
LABS: Cr 2.1 (baseline 0.9), BUN 48.
ASSESSMENT AND PLAN: Gastroenteritis with dehydration, IV fluids.`;

describe('draftQuery', () => {
  const { drafts } = analyzeCdi({ text: NOTE, setting: 'inpatient' });
  const draft = drafts[0]?.draft;

  it('drafts the AKI query with the creatinine cited from its section, verbatim', () => {
    expect(draft?.templateId).toBe('aki-kidney-function');
    expect(draft?.indicators).toEqual([
      {
        indicatorId: 'i0',
        summary: 'Creatinine 2.1 mg/dL (baseline 0.9)',
        section: 'Laboratory Data',
        quote: 'Cr 2.1 (baseline 0.9)',
        span: { start: 79, end: 100 },
      },
    ]);
    expect(NOTE.slice(79, 100)).toBe('Cr 2.1 (baseline 0.9)');
  });

  it('renders the whole query as the provider reads it', () => {
    expect(draft?.text).toBe(
      [
        'Clinical clarification: kidney function',
        '',
        'Clinical indicators found in the record:',
        '- Creatinine 2.1 mg/dL (baseline 0.9) (Laboratory Data: "Cr 2.1 (baseline 0.9)")',
        '',
        'Question: Based on your clinical judgment, can you clarify the diagnosis, if any, that the kidney function findings above represent?',
        '',
        'Response options:',
        '[ ] Acute kidney injury (please specify the cause if known)',
        '[ ] Acute tubular necrosis',
        '[ ] Acute kidney injury on chronic kidney disease (please specify the CKD stage)',
        '[ ] Chronic kidney disease without acute kidney injury (please specify the stage)',
        '[ ] Creatinine variation without clinical significance',
        '[ ] Other (please specify)',
        '[ ] Clinically undetermined',
        '',
        'The options are listed in no particular order. Your response, in the progress notes or discharge summary, becomes part of the medical record.',
      ].join('\n'),
    );
    expect(drafts[0]?.lint.ok).toBe(true);
  });

  it('fills {documented} with the documented words and their section', () => {
    const r = analyzeCdi({ text: 'Assessment: CHF exacerbation. Echo EF 30%. Lasix 40 mg IV BID.', setting: 'inpatient' });
    expect(r.drafts[0]?.draft.question).toBe(
      'The record documents "CHF" (Assessment). Based on your clinical judgment and the findings above, can the type and acuity of the heart failure be further specified?',
    );
    expect(r.drafts[0]?.draft.text).toContain('- Documented (Assessment): "CHF"');
  });

  it('drafts the present-on-admission query as yes/no with its basis', () => {
    const r = analyzeCdi({ text: 'Assessment: Stage 4 sacral pressure ulcer.', setting: 'inpatient' });
    expect(r.drafts[0]?.draft).toMatchObject({ kind: 'yes-no', yesNoBasis: 'present-on-admission' });
    expect(r.drafts[0]?.lint).toMatchObject({ ok: true, kind: 'yes-no' });
  });

  it('throws for a template the pack lacks', () => {
    const [o] = analyzeCdi({ text: NOTE, setting: 'inpatient' }).opportunities;
    if (o === undefined) throw new Error('no opportunity');
    expect(() => draftQuery({ ...o, template: 'gone' })).toThrow('No query template "gone".');
  });
});

describe('every draft of every synthetic case', () => {
  const drafts = loadCases().flatMap((c) => analyzeCdi({ text: c.note, setting: c.setting }).drafts.map((d) => ({ id: c.id, ...d })));
  const codes = new Set(defaultCdiPacks().templates.templates.flatMap((t) => t.options.flatMap((o) => o.codes ?? [])));

  it.each(drafts.map((d) => [`${d.id} ${d.draft.ruleId}`, d] as const))('%s passes the linter against its note', (_name, d) => {
    expect(d.lint.errors).toEqual([]);
    expect(d.draft.indicators.length + d.draft.documented.length).toBeGreaterThan(0);
  });

  it('never writes an option code into a query', () => {
    for (const d of drafts) for (const code of codes) expect(d.draft.text.includes(code), `${d.id} ${code}`).toBe(false);
  });

  it('offers Other and Clinically undetermined in every query with options', () => {
    for (const d of drafts) {
      const texts = d.draft.options.map((o) => o.text);
      expect(texts).toContain('Other (please specify)');
      expect(texts).toContain('Clinically undetermined');
    }
  });
});

describe('helpers', () => {
  it('names sections in words', () => {
    expect(sectionName('history_of_present_illness')).toBe('History of present illness');
    expect(sectionName('assessment_plan')).toBe('Assessment and plan');
    expect(sectionName('unknown')).toBe(queryText.noSection);
    expect(sectionName('labs', 'Laboratory Data')).toBe('Laboratory Data');
  });

  it('keeps quotes on one line and free of double quotes', () => {
    expect(quoteText('Cr 2.1\n  "high"')).toBe("Cr 2.1 'high'");
  });

  it.each([
    ['SpO2 86% on 4L NC', 'spo2', 'SpO2 86% on 4 L/min nasal cannula'],
    ['BP 84/50', 'bp', 'Blood pressure 84/50 mmHg'],
    ['EF 25-30%', 'ef', 'LV ejection fraction 25-30%'],
    ['troponin <0.01', 'troponin', 'Troponin (conventional) < 0.01 ng/mL'],
    ['started IV Lasix 40 mg', 'furosemide', 'Furosemide IV 40 mg'],
    ['stage 3 pressure injury sacrum, POA', 'pressure_injury', 'Pressure injury, stage 3, sacral region, present on admission'],
    ['Hgb 7.1 from 9.8', 'hemoglobin', 'Hemoglobin 7.1 g/dL (earlier 9.8)'],
    ['T 38.9 C', 'temperature', 'Temperature 38.9 °C'],
  ])('describes %s', (text, name, summary) => {
    const i = extractIndicators(text).find((x) => x.name === name);
    expect(i && describeIndicator(i)).toBe(summary);
  });
});
