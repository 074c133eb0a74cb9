import { beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../../helpers/ehr-read';

describe('generic adapter on a plain clinic page', () => {
  let read: Awaited<ReturnType<typeof readFixture>>;
  beforeAll(async () => {
    read = await readFixture('generic/index.html');
  });

  it('reads the main content and a same-origin iframe', () => {
    expect(read.adapter).toBe('generic');
    expect(read.lines[0]).toBe('Visit Summary');
    expect(read.lines).toContain('Essential hypertension, not at goal: increase lisinopril to 20 mg daily.');
    expect(read.lines).toContain('Patient denies chest pain or shortness of breath.');
    expect(read.lines).toContain('Handout: a low-sodium diet helps lower blood pressure.');
  });

  // SLIDE OUT (a transform) and MAX HEIGHT (a used height of 0) need layout: checked in Chromium.
  it.each([
    'HEADER TEXT',
    'NAV MENU TEXT',
    'SIDEBAR TEXT',
    'FOOTER TEXT',
    'VISUALLY HIDDEN',
    'OFFSCREEN LEFT',
    'TEMPLATE TEXT',
    'NOSCRIPT',
    'SCRIPT TEXT',
  ])('does not read %s', (secret) => {
    expect(read.text).not.toContain(secret);
  });
});

describe('generic adapter on the demo discharge summary', () => {
  let read: Awaited<ReturnType<typeof readFixture>>;
  beforeAll(async () => {
    read = await readFixture('demo/discharge-summary.html');
  });

  it('reads the note in order, with its section headers as lines', () => {
    expect(read.lines.slice(0, 2)).toEqual([
      'Discharge Summary',
      'Hospital Medicine · Inpatient admission · Synthetic demonstration record, not a real patient',
    ]);
    const order = [
      'Principal Diagnosis',
      'Secondary Diagnoses',
      'History of Present Illness',
      'Hospital Course',
      'Pertinent Results',
      'Family History',
      'Follow-up',
    ];
    const at = order.map((h) => read.lines.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it.each([
    'Acute on chronic systolic (congestive) heart failure, LVEF 30%.',
    'Type 2 diabetes mellitus with hyperglycemia.',
    'Because of tachycardia, hypoxemia and his history of DVT, CT angiography of the chest was obtained and was negative for pulmonary embolism.',
    'Mother with colon cancer diagnosed at age 62. Father with coronary artery disease.',
    'Creatinine\t2.1\t1.3\t0.7–1.3 mg/dL',
  ])('reads “%s”', (line) => {
    expect(read.lines).toContain(line);
  });

  it('does not read the banner, the tabs, the footer or the collapsed prior note', () => {
    for (const secret of ['DEMO-000123', 'Medications\nSummary', 'COLLAPSED PRIOR NOTE', 'Synthetic page written'])
      expect(read.text).not.toContain(secret);
  });
});
