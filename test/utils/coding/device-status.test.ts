import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCompiledAssets } from '../../../scripts/codesets/compiled';
import { CodeCatalog, catalogDataFromAssets } from '../../../utils/codes/catalog';
import type { IndexTerm } from '../../../utils/codes/types';
import { findPresentDevices } from '../../../utils/coding/device-status';
import { defaultCodingRules, parseCodingRules } from '../../../utils/coding/rule-pack';
import { detectSections } from '../../../utils/nlp/sections';
import { splitSentences } from '../../../utils/nlp/sentences';
import data from '../../../assets/rules/coding.json';

const compiled = existsSync(resolve(import.meta.dirname, '../../../public/codesets/catalog.json'));
const rules = defaultCodingRules().presentDevices;

/** The device codes a note supports (its mentions not negated, the patient's). */
function codes(text: string): string[] {
  const sections = detectSections(text);
  return findPresentDevices(text, sections, splitSentences(text, { sections }), rules)
    .filter((m) => !m.context.negated && m.context.experiencer === 'patient')
    .map((m) => m.codes[0] as string);
}

describe('devices the patient has now (Index Presence, Guidelines I.C.21.c.3)', () => {
  it('reads "has a pacemaker"', () => {
    expect(codes('HPI: He has a pacemaker.')).toEqual(['Z950']);
  });

  it('reads an abbreviation in upper case only ("PPM", not "ppm" parts per million)', () => {
    expect(codes('HPI: S/p PPM for sick sinus syndrome.')).toEqual(['Z950']);
    expect(codes('HPI: Exhaled carbon monoxide 4 ppm.')).toEqual([]);
  });

  it('reads "ICD" as the defibrillator only in a cardiac sentence', () => {
    expect(codes('HPI: He has an ICD for ventricular tachycardia.')).toEqual(['Z95810']);
    expect(codes('HPI: He has an ICD.')).toEqual([]);
    expect(codes('HPI: Coded with ICD-10 for ventricular tachycardia.')).toEqual([]);
  });

  it('tells a xenogenic valve from a prosthetic one', () => {
    expect(codes('HPI: Bioprosthetic aortic valve.')).toEqual(['Z953']);
    expect(codes('HPI: Mechanical mitral valve.')).toEqual(['Z952']);
  });

  it('reads a side near the joint, not in the next clause', () => {
    expect(codes('HPI: She has a left total knee arthroplasty and bilateral inguinal hernias.')).toEqual(['Z96652']);
  });

  it('reads an infection of a cardiac device as its complication T82.7, not the status', () => {
    expect(codes('ASSESSMENT: Infection of the pacemaker pocket.')).toEqual(['T827']);
    expect(codes('ASSESSMENT: Pacemaker pocket infection.')).toEqual(['T827']);
    expect(codes('ASSESSMENT: Infected AICD generator.')).toEqual(['T827']);
  });

  it('reads a hematoma of the device pocket as T82.837, not a subdural hematoma of the same sentence', () => {
    expect(codes('ASSESSMENT: Pacemaker pocket hematoma.')).toEqual(['T82837']);
    expect(codes('ASSESSMENT: Hematoma of the AICD pocket.')).toEqual(['T82837']);
    expect(codes('ASSESSMENT: Pacemaker patient with subdural hematoma.')).toEqual(['Z950']);
  });

  it('reads a lead complication as the electrode, and a device displaced as the unspecified part', () => {
    expect(codes('ASSESSMENT: Pacemaker lead dislodgement.')).toEqual(['T82120']);
    expect(codes('ASSESSMENT: AICD lead fracture.')).toEqual(['T82110']);
    expect(codes('ASSESSMENT: Displaced pacemaker generator.')).toEqual(['T82129']);
  });

  it('reads "ICD" as the defibrillator in a device sentence with no heart word (pocket, generator, lead)', () => {
    expect(codes('ASSESSMENT: ICD pocket infection.')).toEqual(['T827']);
    expect(codes('ASSESSMENT: ICD generator change.')).toEqual(['Z95810']);
    expect(codes('ASSESSMENT: Reviewed the ICD list.')).toEqual([]);
  });

  it('reads a joint prosthesis complication with the side the words give (T84.5-, T84.0-)', () => {
    expect(codes('ASSESSMENT: Infected right knee prosthesis.')).toEqual(['T8453']);
    expect(codes('ASSESSMENT: Infected left TKA.')).toEqual(['T8454']);
    expect(codes('ASSESSMENT: Infected knee prosthesis.')).toEqual(['T845']);
    expect(codes('ASSESSMENT: Dislocated right hip prosthesis.')).toEqual(['T84020']);
    expect(codes('ASSESSMENT: Loosening of the left total knee arthroplasty.')).toEqual(['T84033']);
  });

  it('reads a prosthetic valve complication by the valve kind (T82.0-, T82.22-, T82.6, T82.7)', () => {
    expect(codes('ASSESSMENT: Paravalvular leak of the mechanical mitral valve.')).toEqual(['T8203']);
    expect(codes('ASSESSMENT: Paravalvular leak of the bioprosthetic aortic valve.')).toEqual(['T82223']);
    expect(codes('ASSESSMENT: Infected prosthetic aortic valve.')).toEqual(['T826']);
    expect(codes('ASSESSMENT: Bioprosthetic mitral valve regurgitation.')).toEqual([]);
  });

  it('reads the complications of lines, grafts and urinary catheters, never their presence', () => {
    expect(codes('ASSESSMENT: PICC line thrombosis.')).toEqual(['T82868']);
    expect(codes('ASSESSMENT: Central line infection.')).toEqual(['T80219']);
    expect(codes('ASSESSMENT: Tunneled dialysis catheter infection.')).toEqual(['T827']);
    expect(codes('ASSESSMENT: Infected aortobifemoral graft.')).toEqual(['T827']);
    expect(codes('ASSESSMENT: Bleeding from the Foley catheter.')).toEqual(['T8383']);
    expect(codes('ASSESSMENT: Foley catheter associated UTI.')).toEqual(['T83511']);
    expect(codes('HPI: PICC line in place. Foley catheter in place. Aortic graft in 2015.')).toEqual([]);
  });

  it('still reads the status beside a complication of another sentence, and none for a failing device', () => {
    expect(codes('HPI: He has a pacemaker. Chest wall cellulitis.')).toEqual(['Z950']);
    expect(codes('HPI: Pacemaker malfunction.')).toEqual([]);
  });

  it('reads a joint with no side written as the unspecified side (Guidelines I.B.13)', () => {
    expect(codes('HPI: She has a knee replacement.')).toEqual(['Z96659']);
    expect(codes('HPI: He has a total hip arthroplasty.')).toEqual(['Z96649']);
    expect(codes('HPI: He has a right total hip arthroplasty.')).toEqual(['Z96641']);
  });

  it('needs a present word for a device named by its operation ("knee replacement")', () => {
    expect(codes('HPI: Left total knee arthroplasty.')).toEqual([]);
  });

  it('does not read a device placed, failing or only wanted', () => {
    expect(codes('HPI: A pacemaker was placed today.')).toEqual([]);
    expect(codes('HPI: VP shunt malfunction.')).toEqual([]);
    expect(codes('HPI: He is a candidate for an AICD.')).toEqual([]);
  });

  it('reads a device placed in the past', () => {
    expect(codes('HPI: History of pacemaker placement in 2015.')).toEqual(['Z950']);
  });
});

describe('the presentDevices rules', () => {
  it('refuses a device without names', () => {
    const broken = structuredClone(data) as { presentDevices: { devices: Array<{ names: string[] }> } };
    (broken.presentDevices.devices[0] as { names: string[] }).names = [];
    expect(() => parseCodingRules(broken)).toThrow(/presentDevices\.devices\.0\.names/);
  });

  describe.skipIf(!compiled)('against the code sets', () => {
    const assets = compiled ? readCompiledAssets(undefined, ['index', 'codes']) : [];
    const catalog = new CodeCatalog(catalogDataFromAssets(assets));
    const index = (assets.find((a) => a.header.kind === 'index')?.records ?? []) as IndexTerm[];
    const dotless = (c: string) => c.replace(/[.-]/g, '');
    /** The codes at an Index path, titles compared without their nonessential modifiers. */
    const codesAt = (path: readonly string[]): string[] => {
      const bare = (t: string) => t.replace(/\s*\([^)]*\)/g, '').toLowerCase();
      let terms: IndexTerm[] = index;
      let term: IndexTerm | undefined;
      for (const part of path) {
        term = terms.find((t) => bare(t.title) === part.toLowerCase());
        if (!term) return [];
        terms = term.children ?? [];
      }
      return (term?.codes ?? []).map((c) => dotless(c.code));
    };

    it('every device code is billable in FY2027', () => {
      expect(rules.devices.filter((d) => catalog.stateOf('icd10cm', d.code, '2026-11-01') !== 'billable').map((d) => d.code)).toEqual([]);
    });

    /** The codes at an Index path as printed ("T84.5-": the Tabular gives the rest, the side). */
    const printedAt = (path: readonly string[]): string[] => {
      const bare = (t: string) => t.replace(/\s*\([^)]*\)/g, '').toLowerCase();
      let terms: IndexTerm[] = index;
      let term: IndexTerm | undefined;
      for (const part of path) {
        term = terms.find((t) => bare(t.title) === part.toLowerCase());
        if (!term) return [];
        terms = term.children ?? [];
      }
      return (term?.codes ?? []).map((c) => c.code);
    };

    it('every device complication names the Index entry its code comes from, and the code exists', () => {
      const complications = rules.devices.flatMap((d) => d.complications ?? []);
      expect(complications.length).toBeGreaterThan(0);
      // The Index's code itself, or one the Tabular completes where the Index prints a dash (T84.5- → T84.53).
      const fromIndex = (x: (typeof complications)[number]) =>
        printedAt(x.index).some((c) => x.code === dotless(c) || (c.endsWith('-') && x.code.startsWith(dotless(c))));
      expect(complications.filter((x) => !fromIndex(x)).map((x) => `${x.index.join(', ')} → ${x.code}`)).toEqual([]);
      expect(complications.filter((x) => catalog.stateOf('icd10cm', x.code, '2026-11-01') !== 'header').map((x) => x.code)).toEqual([]);
    });

    it('every device names the Index entry its code comes from', () => {
      const wrong = rules.devices.filter((d) => !codesAt(d.index).some((c) => d.code.startsWith(c)));
      expect(wrong.map((d) => `${d.index.join(', ')} → ${d.code}`)).toEqual([]);
    });
  });
});
