import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCases } from '../../../utils/practice/cases';
import { GUIDELINE_SECTIONS, GUIDELINES_EDITION, guidelineLabel } from '../../../utils/practice/guidelines';
import { CODESET_DIR, readCodesetText } from '../../helpers/codeset-dir';

const GUIDELINES_FILE = GUIDELINES_EDITION.file;
const hasGuidelines = existsSync(resolve(CODESET_DIR, GUIDELINES_FILE));

describe('guidelineLabel', () => {
  it('adds the section title', () => {
    expect(guidelineLabel('I.C.4.a')).toBe('I.C.4.a Diabetes mellitus');
    expect(guidelineLabel('IV.H')).toBe('IV.H Uncertain diagnosis (outpatient)');
  });

  it('returns an unknown reference unchanged', () => {
    expect(guidelineLabel('IX.Z')).toBe('IX.Z');
  });
});

describe('the section table', () => {
  it('uses the guidelines outline for every reference', () => {
    const outline = /^(?:I\.[ABC](?:\.\d{1,2})?(?:\.[a-z])?(?:\.\d{1,2})?(?:\.[a-z])?|II(?:\.[A-K])?|III(?:\.[A-C])?|IV(?:\.[A-Q])?)$/;
    expect(Object.keys(GUIDELINE_SECTIONS).filter((ref) => !outline.test(ref))).toEqual([]);
  });

  it('has every entry cited by some case or scoring message (no dead entries)', () => {
    // Cited in scoring messages: repeats (I.B.12), manifestation first (I.A.13), external cause first (I.C.20.a.6).
    const cited = new Set([
      'I.B.12',
      'I.A.13',
      'I.C.20.a.6',
      ...allCases().flatMap((c) => [...c.answer, ...c.distractors].flatMap((x) => x.guidelines)),
    ]);
    expect(Object.keys(GUIDELINE_SECTIONS).filter((ref) => !cited.has(ref))).toEqual([]);
  });
});

describe.skipIf(!hasGuidelines)('the section quotes, against the guidelines text', () => {
  const normalise = (t: string) =>
    t
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/ICD-10-CM Official Guidelines for Coding and Reporting\s+FY \d{4}\s+Page \d+ of \d+/g, ' ')
      .replace(/\s+/g, ' ')
      .toLowerCase();

  it('quote text that occurs in the guidelines', () => {
    const text = normalise(readCodesetText(GUIDELINES_FILE));
    const missing = Object.entries(GUIDELINE_SECTIONS)
      .filter(([, s]) => !text.includes(normalise(s.quote)))
      .map(([ref]) => ref);
    expect(missing).toEqual([]);
  });
});
