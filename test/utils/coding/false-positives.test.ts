/**
 * Codes a coder would not report from the words that gave them: an encounter code for chemotherapy the
 * narrative tells of, an unspecified pain whose site or finding is written. Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled } from '../../helpers/knowledge';

describe.skipIf(!compiled)('chemotherapy told of, not the reason for the encounter (I.C.2.e.2, I.C.2.f)', () => {
  it('does not code Z51.11 for cycles of chemotherapy the course tells of', () => {
    expect(codedOf('Four cycles of cisplatin chemotherapy were administered after the resection of the lung cancer.')).not.toContain('Z5111');
    expect(codedOf('She was treated with chemotherapy for her ovarian cancer, with a good response.')).not.toContain('Z5111');
  });

  it('still codes Z51.11 when the sentence says the encounter is for the chemotherapy', () => {
    expect(codedOf('Admitted for cycle 2 of R-CHOP chemotherapy for diffuse large B-cell lymphoma.')).toContain('Z5111');
  });
});
