/**
 * Conditions a note names that the reader missed outright (nothing of their category suggested):
 * table rows that refer on to another row, Latin forms of a site, and the ways a case history says
 * the patient takes a drug now. The neoplasm tests need the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { findLongTermDrugs } from '../../../utils/coding/long-term-drugs';
import { detectSections } from '../../../utils/nlp/sections';
import { splitSentences } from '../../../utils/nlp/sentences';
import { compiled, suggestionsOf } from '../../helpers/knowledge';

/** The Z79 codes (dotless) the drugs of a note support, in note order, once each. */
function drugCodes(text: string): string[] {
  const sections = detectSections(text);
  return [...new Set(findLongTermDrugs(text, sections, splitSentences(text, { sections })).map((u) => u.code))];
}

describe('drugs a case history says the patient takes now (Guidelines I.C.21.c.3)', () => {
  it('reads the drugs of "the usual treatment was …" as current', () => {
    expect(drugCodes('The usual treatment was bisoprolol, apixaban and omeprazole.')).toEqual(['Z7901']);
  });

  it('reads "anticoagulated with" as current anticoagulant use', () => {
    expect(drugCodes('She has a mechanical mitral valve, anticoagulated with warfarin.')).toEqual(['Z7901']);
  });

  it('reads dicumarol as an anticoagulant (Long-term drug therapy, anticoagulants Z79.01)', () => {
    expect(drugCodes('He remains under treatment with dicumarol for recurrent deep vein thrombosis.')).toEqual(['Z7901']);
  });

  it('still leaves an antibiotic "in treatment with" uncoded without a long-term cue', () => {
    expect(drugCodes('She is in treatment with amoxicillin for otitis media.')).toEqual([]);
  });
});

describe.skipIf(!compiled)('secondary neoplasm sites read through the Table of Neoplasms', () => {
  const coded = (text: string) =>
    suggestionsOf(text, 'inpatient')
      .filter((s) => s.status !== 'not-coded' && s.kind === 'diagnosis')
      .map((s) => s.code);

  it('reads the site of a lymph node row the table refers on ("node, see also lymph gland": axillary C77.3)', () => {
    const codes = coded('Melanoma of the back. Biopsy shows metastatic melanoma in the axillary lymph nodes.');
    expect(codes).toContain('C773');
    expect(codes).not.toContain('C7989');
  });

  it('reads intra-abdominal nodes named by their organ (lymph gland, hepatic C77.2)', () => {
    const codes = coded('Gallbladder carcinoma with metastases to the hepatic lymph nodes.');
    expect(codes).toContain('C772');
    expect(codes).not.toContain('C779');
  });

  it('reads "<site> cancer with <site> metastases" as the primary site and a secondary one (I.C.2)', () => {
    const codes = coded('Assessment: Rectal adenocarcinoma with lung metastases.');
    expect(codes).toEqual(expect.arrayContaining(['C20', 'C7800']));
    expect(codes).not.toContain('C3490');
  });

  it('keeps the site adjective of the primary before "with" ("gastric … with liver metastases": C16.9, C78.7)', () => {
    const codes = coded('Assessment: Gastric adenocarcinoma with liver metastases.');
    expect(codes).toEqual(expect.arrayContaining(['C169', 'C787']));
    expect(codes).not.toContain('C229');
  });

  it('reads no secondary site from "with no … metastases"', () => {
    const codes = coded('Assessment: Colon cancer with no liver metastases.');
    expect(codes).toContain('C189');
    expect(codes).not.toContain('C787');
  });

  it('reads "wheelchair-bound" as dependence on a wheelchair (Index Dependence, on, wheelchair Z99.3)', () => {
    expect(coded('History: spina bifida, wheelchair-bound since childhood.')).toContain('Z993');
  });

  it('reads "confined to a wheelchair" as Z99.3 too', () => {
    expect(coded('History: multiple sclerosis; confined to a wheelchair for ten years.')).toContain('Z993');
  });

  it('reads peritoneal carcinomatosis as Carcinomatosis, peritonei C78.6, not disseminated C80.0', () => {
    const codes = coded('Ovarian cancer with peritoneal carcinomatosis.');
    expect(codes).toContain('C786');
    expect(codes).not.toContain('C800');
  });
});
