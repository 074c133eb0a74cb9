/**
 * A chemotherapy visit read as a coder would: the encounter code first (I.C.2.e.2), liver metastases as
 * the secondary neoplasm, not a liver neoplasm "not specified as primary or secondary". Needs the
 * compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { compiled, suggestionsOf } from '../../helpers/knowledge';

const NOTE = `ONCOLOGY CLINIC NOTE
62-year-old woman with adenocarcinoma of the left lower lobe of the lung, here for cycle 3 of carboplatin and pemetrexed chemotherapy. She has known metastases to the liver.
ASSESSMENT:
1. Adenocarcinoma of the left lower lobe with liver metastases.
2. Encounter for antineoplastic chemotherapy.
3. Anemia due to antineoplastic chemotherapy.
`;

/** The diagnosis codes an outpatient note's analysis codes, in the list's order. */
const coded = (text: string) =>
  suggestionsOf(text, 'outpatient')
    .filter((s) => s.status !== 'not-coded' && s.kind === 'diagnosis')
    .map((s) => s.code);

describe.skipIf(!compiled)('a chemotherapy visit', () => {
  it('lists the encounter for chemotherapy first, then the neoplasm and its complications (I.C.2.e.2)', () => {
    const codes = coded(NOTE);
    expect(codes[0]).toBe('Z5111');
    expect(codes).toEqual(expect.arrayContaining(['C3432', 'C787', 'D6481']));
  });

  it('codes liver metastases as the secondary neoplasm only (C22.9 Excludes1)', () => {
    expect(coded(NOTE)).not.toContain('C229');
  });

  it('does not take a course of radiotherapy the history tells of for the reason of the visit', () => {
    expect(coded('She received radiotherapy to the pelvis in 2019.\nAssessment: cervical cancer.')).not.toContain('Z510');
  });
});

describe.skipIf(!compiled)('a leukemia or myeloma in remission (Tabular C90-C95 in remission codes)', () => {

  it('codes the in-remission code, not a personal history of leukemia (Z85.6)', () => {
    const codes = coded('Assessment: Chronic lymphocytic leukemia, in remission.');
    expect(codes).toContain('C9111');
    expect(codes).not.toContain('Z856');
    expect(coded('Assessment: Multiple myeloma in remission.')).toContain('C9001');
  });

  it('keeps a solid cancer the note calls history a personal history', () => {
    expect(coded('History of colon cancer s/p resection 2020, no evidence of recurrence.')).toContain('Z85038');
  });
});

describe.skipIf(!compiled)('a leukemia the note says is not in remission (Tabular C90-C95 fifth/sixth character 0)', () => {
  it('codes CLL not in remission C91.10, not the in-remission C91.11', () => {
    for (const text of ['Assessment: CLL, not in remission, on ibrutinib.', 'Chronic lymphocytic leukemia, not in remission.']) {
      const codes = coded(text);
      expect(codes).toContain('C9110');
      expect(codes).not.toContain('C9111');
    }
    expect(coded('Assessment: Multiple myeloma with failed remission.')).toContain('C9000');
  });

  it('never defaults a bare leukemia to its in-remission code (C95.91)', () => {
    const all = suggestionsOf('Assessment: leukemia.', 'outpatient').map((s) => s.code);
    expect(all).not.toContain('C9591');
  });

  it('drops the unspecified leukemia (C95.9-) beside the named kind', () => {
    expect(coded('Assessment: CLL, not in remission.').filter((c) => c.startsWith('C959'))).toEqual([]);
  });
});

describe.skipIf(!compiled)('a visit for a cycle of chemotherapy the note does not title an encounter (I.C.2.e.2)', () => {
  it('codes Z51.11 first-listed from the chemotherapy given at the visit, the cancer after it', () => {
    const codes = coded('REASON FOR VISIT: C2D1 carboplatin/paclitaxel chemotherapy.\nASSESSMENT: Ovarian cancer, right.');
    expect(codes[0]).toBe('Z5111');
    expect(codes).toContain('C561');
  });

  it('does not code the encounter for chemotherapy that is past or only planned', () => {
    expect(coded('HPI: She completed 6 cycles of chemotherapy in 2020.\nASSESSMENT: Breast cancer, left.')).not.toContain('Z5111');
    expect(coded('ASSESSMENT: Lung cancer. Will start chemotherapy next cycle.')).not.toContain('Z5111');
  });
});

describe.skipIf(!compiled)('a pathological fracture due to a neoplasm (Index Fracture, pathological, due to neoplastic disease M84.5-)', () => {
  const inpatient = (text: string) =>
    suggestionsOf(text, 'inpatient')
      .filter((s) => s.status !== 'not-coded' && s.kind === 'diagnosis')
      .map((s) => s.code);

  it('codes the fracture in neoplastic disease at its site and side, not the pathological fracture NEC', () => {
    const codes = inpatient('ASSESSMENT: Pathological fracture of left femoral neck due to metastatic breast cancer.');
    expect(codes.some((c) => c.startsWith('M84552'))).toBe(true);
    expect(codes.some((c) => c.startsWith('M8445'))).toBe(false);
  });

  it('keeps a pathological fracture with no neoplasm named a pathological fracture NEC', () => {
    const codes = inpatient('ASSESSMENT: Pathological fracture of the right humerus.');
    expect(codes.some((c) => c.startsWith('M84421'))).toBe(true);
    expect(codes.some((c) => c.startsWith('M845'))).toBe(false);
  });
});

describe.skipIf(!compiled)('a pathological fracture is no traumatic fracture (Tabular M84.4 Excludes1; I.C.13.c)', () => {
  const inpatient = (text: string) =>
    suggestionsOf(text, 'inpatient')
      .filter((s) => s.status !== 'not-coded' && s.kind === 'diagnosis')
      .map((s) => s.code);

  it('codes no S72 fracture, and no hip pain, beside the pathological fracture of the femoral neck', () => {
    const codes = inpatient(
      'HPI: Left hip pain. X-ray shows pathologic fracture of the left femoral neck through a lytic metastatic lesion.\nASSESSMENT: Pathological fracture of left femoral neck due to metastatic breast cancer.',
    );
    expect(codes.some((c) => c.startsWith('M84552'))).toBe(true);
    expect(codes.some((c) => c.startsWith('S72'))).toBe(false);
    expect(codes.some((c) => c.startsWith('M2555'))).toBe(false);
    expect(codes.some((c) => c.startsWith('M8450'))).toBe(false);
  });

  it('reads "pathologic" as the Index\'s "pathological", with its site and side', () => {
    expect(inpatient('Pathologic fracture of the right humerus.').some((c) => c.startsWith('M84421'))).toBe(true);
  });
});

describe.skipIf(!compiled)('a personal history of cancer beside the same cancer current (I.C.2.d)', () => {
  it('does not code Z85.3 when the breast cancer is coded as current', () => {
    const codes = suggestionsOf(
      'PMH: Breast cancer dx 2022 s/p lumpectomy.\nASSESSMENT: Metastatic cancer of the left breast to bone, on letrozole.',
      'inpatient',
    )
      .filter((s) => s.status !== 'not-coded' && s.kind === 'diagnosis')
      .map((s) => s.code);
    expect(codes.some((c) => c.startsWith('C50'))).toBe(true);
    expect(codes).not.toContain('Z853');
  });

  it('keeps the history of a cancer of another site', () => {
    const codes = coded('History of prostate cancer s/p prostatectomy 2015.\nAssessment: CLL, not in remission.');
    expect(codes).toContain('Z8546');
  });
});
