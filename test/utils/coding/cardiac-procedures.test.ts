/**
 * Cardiac procedures of an inpatient stay as a coder reads a cath lab report and a CABG operative note:
 * the coronary arteries a PCI treats, the side of a heart catheterization, the harvest and the pump of a
 * CABG, and the coronary branches that are no disease. Through the whole pipeline; needs the compiled
 * code sets (ICD-10-PCS FY2026, so a date of service in FY2026).
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled, fateOf } from '../../helpers/knowledge';

const DATE = '2026-06-01';
const coded = (note: string) => codedOf(note, 'inpatient', DATE);
const fate = (note: string, code: string) => fateOf(note, code, 'inpatient', DATE);
const pci = (note: string) => coded(note).filter((c) => c.startsWith('027'));

describe.skipIf(!compiled)('a PCI is coded by the number of coronary arteries treated (ICD-10-PCS B4.4)', () => {
  it.each([
    ['PROCEDURE: PCI of the proximal LAD and mid RCA with two drug-eluting stents.\n', '027135Z'],
    ['PROCEDURE: PCI of the LAD, circumflex and RCA with three drug-eluting stents.\n', '027236Z'],
    ['PROCEDURE: PCI of the LAD, diagonal, OM and RCA with four drug-eluting stents.\n', '027337Z'],
    ['PROCEDURE: PCI of two vessels with 2 DES.\n', '027135Z'],
    ['PROCEDURE: PCI of the LAD with a drug-eluting stent.\n', '027034Z'],
  ])('%j → %s', (note, code) => {
    expect(pci(note)).toEqual([code]);
  });

  it('codes the stent told again in the narrative once, in the code counting both arteries', () => {
    const note =
      'PROCEDURES: PCI of the LAD and RCA with 2 DES.\nINTERVENTION: A 3.0 x 18 mm drug-eluting stent was deployed in the LAD.\n';
    expect(pci(note)).toEqual(['027135Z']);
    expect(fate(note, '027034Z')).toBe('not-coded/included-in-other-code');
  });

  it('keeps a bare-metal stent of another artery beside a drug-eluting one', () => {
    const note = 'PROCEDURES:\n1. PCI of the LAD with a drug-eluting stent.\n2. Bare-metal stent placement in the RCA.\n';
    expect(pci(note)).toEqual(expect.arrayContaining(['027034Z', '02703DZ']));
  });
});

describe.skipIf(!compiled)('a heart catheterization is coded by its side (ICD-10-PCS 4A023N-)', () => {
  it.each([
    ['PROCEDURES: Left heart catheterization.\n', '4A023N7'],
    ['PROCEDURES: Right heart catheterization.\n', '4A023N6'],
    ['PROCEDURES: Right and left heart catheterization.\n', '4A023N8'],
    ['PROCEDURES: Cardiac catheterization.\n', '4A023N7'],
  ])('%j → %s', (note, code) => {
    expect(coded(note).filter((c) => c.startsWith('4A023'))).toEqual([code]);
  });

  it('codes the left ventriculography of a cath beside the coronary angiography (ICD-10-PCS B2151ZZ)', () => {
    const codes = coded('PROCEDURES:\n1. Left heart catheterization.\n2. Coronary angiography.\n3. Left ventriculography.\n');
    expect(codes).toEqual(expect.arrayContaining(['4A023N7', 'B2111ZZ', 'B2151ZZ']));
  });
});

describe.skipIf(!compiled)('a CABG operative note: harvest and pump (ICD-10-PCS B3.9, table 5A1)', () => {
  const note =
    'PROCEDURE: Coronary artery bypass grafting. Endoscopic harvest of the left greater saphenous vein. Cardiopulmonary bypass.\n' +
    'DESCRIPTION: The LIMA was anastomosed to the LAD. Vein grafts were placed to the OM and PDA.\n';

  it('codes the vein harvest by side and approach and the cardiopulmonary bypass', () => {
    const codes = coded(note);
    expect(codes).toContain('06BQ4ZZ');
    expect(codes).toContain('5A1221Z');
  });

  it('reads OM and PDA among the coronary arteries as branches, not otitis media or a patent ductus', () => {
    expect(fate(note, 'Q250')).toMatch(/^not-coded/);
    expect(coded(note).filter((c) => c.startsWith('H66') || c === 'Q250')).toEqual([]);
  });

  it('codes no injury of the harvested vein', () => {
    expect(coded(note).filter((c) => c.startsWith('S85') || c.startsWith('S75'))).toEqual([]);
  });

  it('still codes a patent ductus arteriosus and otitis media where they are the condition', () => {
    expect(coded('ASSESSMENT: Premature infant with a hemodynamically significant PDA.\n')).toContain('Q250');
    expect(coded('ASSESSMENT: Recurrent OM, referred to ENT.\n').some((c) => c.startsWith('H669'))).toBe(true);
  });
});

describe.skipIf(!compiled)('mechanical circulatory support (ICD-10-PCS 02H, 5A0)', () => {
  it('codes an Impella as the insertion and the impeller assistance', () => {
    expect(coded('HOSPITAL COURSE: An Impella CP was placed for cardiogenic shock.\n')).toEqual(expect.arrayContaining(['02HA3RZ', '5A0221D']));
  });

  it('codes an intra-aortic balloon pump', () => {
    expect(coded('HOSPITAL COURSE: An intra-aortic balloon pump was placed.\n')).toContain('5A02210');
  });
});

describe.skipIf(!compiled)('a reinfarction within four weeks is I22 beside the I21 of the first (Guidelines I.C.9.e.4)', () => {
  it.each([
    ['ASSESSMENT: Recurrent NSTEMI.\nHPI: Anterior STEMI 2 weeks ago.\n', 'I222', 'I214'],
    ['ASSESSMENT: Recurrent inferior STEMI.\nHPI: Anterior STEMI 10 days ago.\n', 'I221', 'I2119'],
    ['ASSESSMENT: Reinfarction, anterior STEMI of the LAD.\nHPI: Inferior STEMI 3 weeks ago.\n', 'I220', 'I2102'],
  ])('%j → %s, not %s', (note, subsequent, first) => {
    const codes = coded(note);
    expect(codes).toContain(subsequent);
    expect(codes).not.toContain(first);
    expect(codes.some((c) => c.startsWith('I21'))).toBe(true);
  });

  it('leaves a first NSTEMI in I21', () => {
    const codes = coded('ASSESSMENT: Acute NSTEMI. Recurrent chest pain overnight.\n');
    expect(codes).toContain('I214');
    expect(codes.filter((c) => c.startsWith('I22'))).toEqual([]);
  });
});

describe.skipIf(!compiled)('one STEMI told by its wall and by its artery is coded once, at the artery (Guidelines I.C.9.e.1)', () => {
  it('drops I21.09 beside I21.02', () => {
    const note = 'DIAGNOSES:\n1. Acute anterior STEMI.\nHOSPITAL COURSE: Emergent cath showed the STEMI was due to a proximal LAD occlusion.\n';
    const codes = coded(note).filter((c) => c.startsWith('I21'));
    expect(codes).toEqual(['I2102']);
  });

  it('keeps I21.19 where no artery is named', () => {
    expect(coded('DIAGNOSES:\n1. Acute inferior STEMI.\n').filter((c) => c.startsWith('I21'))).toEqual(['I2119']);
  });
});

describe.skipIf(!compiled)('rhythm diagnoses as cardiologists write them', () => {
  it('reads tachy-brady syndrome as sick sinus syndrome (Index: Bradycardia, tachycardia syndrome I49.5)', () => {
    const codes = coded('ASSESSMENT: Tachy-brady syndrome, for pacemaker.\n');
    expect(codes).toContain('I495');
    expect(codes).not.toContain('I519');
  });

  it('reads long-standing persistent atrial fibrillation as I48.11 (Tabular I48.11)', () => {
    const codes = coded('ASSESSMENT: Long-standing persistent atrial fibrillation.\n').filter((c) => c.startsWith('I48'));
    expect(codes).toEqual(['I4811']);
  });

  it('keeps persistent atrial fibrillation not called longstanding as I48.19', () => {
    expect(coded('ASSESSMENT: Persistent atrial fibrillation, on apixaban.\n').filter((c) => c.startsWith('I48'))).toEqual(['I4819']);
  });
});
