/**
 * Conditions a note names in words the reader missed outright (nothing of their category suggested):
 * a decline of kidney function told without a diagnosis, Romance-language and misspelt words for
 * conditions and organisms. The tests run the whole analyzer, so they need the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { compiled, fateOf, suggestionsOf } from '../../helpers/knowledge';

const coded = (text: string) =>
  suggestionsOf(text, 'inpatient')
    .filter((s) => s.status !== 'not-coded' && s.kind === 'diagnosis')
    .map((s) => s.code);

describe.skipIf(!compiled)('a decline of kidney function the note names without a diagnosis (Index Impaired, renal N28.9)', () => {
  it.each([
    'Labs on day three showed deterioration of renal function, creatinine 2.4 mg/dl.',
    'He was readmitted with worsening renal function after the contrast study.',
    'Renal function impairment was noted and the metformin was stopped.',
  ])('reads "%s" as N28.9', (text) => {
    expect(coded(text)).toContain('N289');
  });

  it('reads no impaired renal function from "no worsening of renal function"', () => {
    expect(coded('After the second dose there was no worsening of renal function.')).not.toContain('N289');
  });
});

describe.skipIf(!compiled)('condition and organism words in other spellings', () => {
  it('reads "enolism" as alcoholism (Index Alcoholism F10.20)', () => {
    expect(coded('Social history: chronic enolism, two packs a day of cigarettes.')).toContain('F1020');
  });

  it('reads the genus "pseudomona" as Pseudomonas (Infection, Pseudomonas NEC A49.8)', () => {
    expect(fateOf('He developed an infection by pseudomona that was treated with ceftazidime.', 'A498')).toBe('suggested');
  });
});
