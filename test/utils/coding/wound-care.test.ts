/**
 * Wound care and nutrition as a coder reads them: a wound's depth ("down to bone") is no site and no
 * osteomyelitis, it gives the pressure ulcer's stage or the chronic ulcer's severity; the cellulitis of an
 * ulcer's own phrase is at the ulcer's site; weight loss is part of malnutrition. Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { defaultCodingRules, parseCodingRules } from '../../../utils/coding/rule-pack';
import { compileWordForms } from '../../../utils/nlp/mention-text';
import { compiled, suggestionsOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('wound care and nutrition', () => {
  const run = (text: string) => suggestionsOf(text, 'inpatient', '2026-09-15');
  const coded = (text: string) =>
    run(text)
      .filter((s) => s.status === 'suggested' || s.status === 'incomplete')
      .map((s) => s.code);

  it('reads "down to bone" as the depth of the ulcer, not osteomyelitis or a bone of the heel', () => {
    const codes = coded('ASSESSMENT:\nChronic ulcer of the right heel down to bone.\n');
    expect(codes).toContain('L97416');
    expect(codes.filter((c) => c.startsWith('M86') || c.startsWith('S92'))).toEqual([]);
  });

  it('gives a pressure ulcer of unspecified stage stage 4 when bone or muscle is exposed, stage 3 at the fat', () => {
    expect(coded('ASSESSMENT:\nPressure ulcer of the left hip with exposed bone.\n')).toContain('L89224');
    expect(coded('ASSESSMENT:\nPressure ulcer of the sacrum down to muscle.\n')).toContain('L89154');
    expect(coded('ASSESSMENT:\nPressure ulcer of the right buttock to the level of subcutaneous tissue.\n')).toContain('L89313');
    // A written stage stays as written.
    expect(coded('ASSESSMENT:\nStage 2 pressure ulcer of the sacrum, no exposed bone.\n')).toContain('L89152');
  });

  it('gives a pressure ulcer the stage written beside its site when the Index entry leaves the stage open (L89.15-)', () => {
    const codes = coded('DISCHARGE DIAGNOSES:\n1. Stage 2 pressure ulcer of coccyx\n2. Stage 4 pressure ulcer of sacrum\n');
    expect(codes).toEqual(expect.arrayContaining(['L89152', 'L89154']));
    expect(codes).not.toContain('L89159');
  });

  it('reads the NPIAP pressure injuries as pressure ulcers, not injuries', () => {
    const codes = coded('HOSPITAL COURSE:\nAdmitted with multiple pressure injuries. Nurse documented a deep tissue pressure injury of the right heel.\n');
    expect(codes).toContain('L89616');
    expect(codes.filter((c) => c.startsWith('T07') || c.startsWith('L97'))).toEqual([]);
  });

  it('gives a non-pressure chronic ulcer the severity of its written depth', () => {
    expect(coded('ASSESSMENT:\nChronic ulcer of the left lower leg with fat layer exposed.\n')).toContain('L97922');
    expect(coded('ASSESSMENT:\nChronic ulcer of the left lower leg.\n')).toContain('L97929');
  });

  it('puts the cellulitis of an ulcer at the ulcer’s site', () => {
    expect(coded('ASSESSMENT:\nStage 4 pressure ulcer of the sacrum with surrounding cellulitis.\n')).toEqual(
      expect.arrayContaining(['L89154', 'L03312']),
    );
    expect(coded('ASSESSMENT:\nDiabetic ulcer of the left heel with cellulitis.\n')).toContain('L03116');
    expect(coded('ASSESSMENT:\nCellulitis.\n')).toContain('L0390');
  });

  const procedure = (text: string) =>
    run(`PROCEDURES:\n${text}\n`)
      .filter((s) => s.system === 'icd10pcs' && s.status !== 'not-coded')
      .map((s) => ({ code: s.code, status: s.status, choices: s.choices?.map((c) => c.code) ?? [] }));

  it('codes an excisional debridement to the deepest layer at the site written (PCS B3.5), never a default site', () => {
    expect(procedure('Excisional debridement of the sacral ulcer down to bone.')).toEqual([{ code: '0QB10ZZ', status: 'suggested', choices: [] }]);
    expect(procedure('Excisional debridement of the right heel ulcer to the level of subcutaneous tissue.')[0]).toMatchObject({
      code: '0JBQ0ZZ',
      status: 'suggested',
    });
    // Skin and subcutaneous tissue written: the deeper layer decides.
    expect(procedure('Excisional debridement of skin and subcutaneous tissue of the left heel.')[0]).toMatchObject({ code: '0JBR0ZZ' });
    expect(procedure('Nonexcisional debridement of the left foot ulcer down to subcutaneous tissue.')[0]).toMatchObject({ code: '0JDR0ZZ' });
  });

  it('leaves a debridement whose site or depth is not written incomplete, with the layers or sites to choose', () => {
    const noDepth = procedure('Excisional debridement of the sacral ulcer.');
    expect(noDepth).toHaveLength(1);
    expect(noDepth[0]?.status).toBe('incomplete');
    expect(noDepth[0]?.choices).toEqual(expect.arrayContaining(['0HB8XZZ', '0JB90ZZ', '0QB10ZZ']));
    const noSite = run('PROCEDURES:\nExcisional debridement down to bone.\n').find((s) => s.system === 'icd10pcs');
    expect(noSite?.status).toBe('incomplete');
    expect(noSite?.reason).toMatch(/body part is not written/);
    expect(noSite?.choices?.map((c) => c.code)).toEqual(expect.arrayContaining(['0QB10ZZ', '0QBL0ZZ']));
    expect(noSite?.choices?.map((c) => c.code)).not.toContain('0JBN0ZZ');
  });

  it('does not code weight loss beside the malnutrition it is part of', () => {
    const list = run('ASSESSMENT:\nSevere protein-calorie malnutrition with 12% weight loss in 3 months.\n');
    expect(list.find((s) => s.code === 'E43')?.status).toBe('suggested');
    expect(list.find((s) => s.code === 'R634')).toMatchObject({ status: 'not-coded', notCoded: 'integral-symptom' });
  });
});

describe('wound rules as data', () => {
  it('reads a wound depth as one word naming no site, on the word-form table', () => {
    const depths = compileWordForms().depths;
    expect(depths.find((d) => d.keys.join(' ') === 'down to bone')?.reads).toBe('depth-bone');
    expect(depths.some((d) => d.keys.join(' ') === 'to bone')).toBe(false);
  });

  it('takes a sentence narrowing with either a code or a last character, not both', () => {
    const row = { literal: 'x', source: 'y', codes: ['L89*'], words: ['down to bone'], unless: [] };
    expect(() => parseCodingRules({ ...defaultCodingRules(), sentenceNarrowing: [{ ...row, code: 'L89154' }] })).not.toThrow();
    expect(() => parseCodingRules({ ...defaultCodingRules(), sentenceNarrowing: [{ ...row, replaceLast: { from: '9', to: '4' } }] })).not.toThrow();
    expect(() => parseCodingRules({ ...defaultCodingRules(), sentenceNarrowing: [{ ...row, code: 'L89154', replaceLast: { from: '9', to: '4' } }] })).toThrow(
      /either code or replaceLast/,
    );
    expect(() => parseCodingRules({ ...defaultCodingRules(), sentenceNarrowing: [row] })).toThrow(/either code or replaceLast/);
  });
});
