/**
 * Findings the provider names in other words than the Alphabetic Index: "pale" for Pallor (R23.1),
 * "adenomegaly" for Adenopathy (R59.-), "increased transaminases" for Elevated, transaminase level (R74.0-),
 * "hypertransaminasemia" for Transaminasemia. Read through the word-form table (assets/rules/word-forms.json);
 * "pale" naming a shade, a specimen, the optic disc or the stools is no skin pallor (coding.json notFindings).
 * Through the whole pipeline; needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled, fateOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('a pale patient has pallor (Index: Pallor R23.1)', () => {
  it.each([
    ['On examination she looked pale and tired.\n'],
    ['Exam: pale conjunctivae, no jaundice.\n'],
  ])('codes R23.1 for %j', (note) => {
    expect(codedOf(note)).toContain('R231');
  });

  it.each([
    ['Fundoscopy: both optic discs were pale.\n'],
    ['He reports pale stools for two weeks.\n'],
    ['The culture grew pale yellow colonies after 48 hours.\n'],
    ['Histology: large cells with pale foamy cytoplasm.\n'],
  ])('does not code skin pallor for %j', (note) => {
    expect(codedOf(note)).not.toContain('R231');
  });
});

describe.skipIf(!compiled)('adenomegaly is an enlarged lymph node (Index: Adenopathy R59.9)', () => {
  it('codes a localized one R59.0', () => {
    expect(codedOf('Neck: a firm left cervical adenomegaly of 2 cm.\n')).toContain('R590');
  });

  it('keeps a negated one uncoded', () => {
    expect(fateOf('Neck: no adenomegaly.\n', 'R599')).toBe('not-coded/negated');
  });
});

describe.skipIf(!compiled)('an increase named as a finding is an elevation (Index: Elevated, elevation)', () => {
  it.each([
    ['Labs showed increased transaminases.\n'],
    ['Labs showed an increase in transaminase levels.\n'],
    ['He was admitted with hypertransaminasemia.\n'],
  ])('codes the liver transaminase elevation R74.01 for %j', (note) => {
    expect(codedOf(note)).toContain('R7401');
  });

  it('codes both elevations when the note names the transaminases and LDH (R74.01, R74.02)', () => {
    const codes = codedOf('Labs: elevated transaminases and lactic dehydrogenase.\n');
    expect(codes).toContain('R7401');
    expect(codes).toContain('R7402');
  });

  it('codes an increase in leukocytes as an elevated white cell count (D72.829)', () => {
    expect(codedOf('Blood count showed an increase in leukocytes.\n')).toContain('D72829');
  });

  it('names no elevation for an increase of something the Index does not file under Elevated', () => {
    expect(codedOf('There was an increased risk of falls at home.\n').filter((c) => /^(R7|D72|R03)/.test(c))).toEqual([]);
  });
});

describe.skipIf(!compiled)('a plural of a word ending in -ache is the same symptom (the stemmer cuts "-ches" to "-ch")', () => {
  it.each([
    ['She complains of frequent headaches.\n', 'R519'],
    ['He reports toothaches since the fall.\n', 'K0889'],
  ])('reads %j as %s', (note, code) => {
    expect(codedOf(note)).toContain(code);
  });
});

describe.skipIf(!compiled)('words for a scant urine output or a poor appetite the Index does not list', () => {
  it('reads oligoanuria as oliguria (Index: Oliguria R34; Anuria R34)', () => {
    expect(codedOf('After surgery she developed oligoanuria.\n')).toContain('R34');
  });

  it('reads hyporexia, a decreased appetite, as anorexia (Index: Anorexia R63.0)', () => {
    expect(codedOf('He reports hyporexia and fatigue for a month.\n')).toContain('R630');
  });
});
