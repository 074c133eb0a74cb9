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
