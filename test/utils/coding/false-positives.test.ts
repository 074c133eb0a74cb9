/**
 * Codes a coder would not report from the words that gave them: an encounter code for chemotherapy the
 * narrative tells of, an unspecified pain whose site or finding is written. Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled, suggestionsOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('chemotherapy told of, not the reason for the encounter (I.C.2.e.2, I.C.2.f)', () => {
  it('does not code Z51.11 for cycles of chemotherapy the course tells of', () => {
    expect(codedOf('Four cycles of cisplatin chemotherapy were administered after the resection of the lung cancer.')).not.toContain('Z5111');
    expect(codedOf('She was treated with chemotherapy for her ovarian cancer, with a good response.')).not.toContain('Z5111');
  });

  it('still codes Z51.11 when the sentence says the encounter is for the chemotherapy', () => {
    expect(codedOf('Admitted for cycle 2 of R-CHOP chemotherapy for diffuse large B-cell lymphoma.')).toContain('Z5111');
  });
});

describe.skipIf(!compiled)('a tumor whose behavior the record documents (Tabular D49; Guidelines I.B.2, I.C.2)', () => {
  it('drops the unspecified-behavior D49.0 when the parotid tumor is a documented carcinoma', () => {
    const codes = codedOf('A mass was found: a tumor of the left parotid gland. Biopsy showed acinic cell carcinoma of the parotid gland.');
    expect(codes).toContain('C07');
    expect(codes).not.toContain('D490');
  });

  it('drops D49.1 beside a documented lung carcinoma', () => {
    const codes = codedOf('CT showed a lung tumor. Bronchoscopic biopsy confirmed squamous cell carcinoma of the upper lobe of the right lung.');
    expect(codes).toContain('C3411');
    expect(codes.filter((c) => c.startsWith('D491'))).toEqual([]);
  });

  it('keeps D49.0 when nothing tells the behavior of the tumor', () => {
    expect(codedOf('CT showed a tumor of the left parotid gland.')).toContain('D490');
  });
});

describe.skipIf(!compiled)('pain whose site or finding is written is not unspecified pain (Tabular R52 Excludes1: localized pain)', () => {
  it('codes pain of the thorax or a hemithorax as chest pain, not R52', () => {
    for (const text of ['He reported pain in the left hemithorax since yesterday.', 'She came in with sudden thoracic pain.']) {
      const codes = codedOf(text);
      expect(codes).toContain('R079');
      expect(codes).not.toContain('R52');
    }
  });

  it('keeps pain of the thoracic spine the spine code', () => {
    const codes = codedOf('He has had pain in the thoracic spine for a month.');
    expect(codes).toContain('M546');
    expect(codes).not.toContain('R079');
  });

  it('codes pain of a hemiscrotum as scrotal pain', () => {
    const codes = codedOf('The boy had pain and redness of the left hemiscrotum.');
    expect(codes).toContain('N5082');
    expect(codes).not.toContain('R52');
  });

  it('does not code R52 for a painful nodule', () => {
    expect(codedOf('A painful nodule was palpated on the shin.')).not.toContain('R52');
  });
});

describe.skipIf(!compiled)('necrotic or hemorrhagic areas of a lesion are the lesion (Guidelines I.B.4-5)', () => {
  it('does not code gangrene I96 for necrotic areas of a mass', () => {
    expect(codedOf('MRI showed a large pelvic mass with necrotic areas.')).not.toContain('I96');
  });

  it('does not code hemorrhage R58 for hemorrhagic zones of a specimen', () => {
    expect(codedOf('On gross examination the specimen showed hemorrhagic zones.')).not.toContain('R58');
  });

  it('keeps I96 for necrotic areas with no lesion named', () => {
    expect(codedOf('The toes showed necrotic areas.')).toContain('I96');
  });
});

describe.skipIf(!compiled)('a history the patient does not report is negated (ConText chain fillers)', () => {
  it('does not code a personal history of injury the patient did not report', () => {
    expect(codedOf('The patient did not report any previous trauma to the knee.')).not.toContain('Z87828');
    expect(codedOf('She does not remember previous trauma.')).not.toContain('Z87828');
  });

  it('keeps the history of injury that is reported', () => {
    expect(codedOf('He reported previous trauma to the left knee in 2010, fully healed.')).toContain('Z87828');
  });
});

describe.skipIf(!compiled)('a depression that is no mood disorder (Index Depression F32.A)', () => {
  it('does not code F32.A for the foveal depression or a depression questionnaire', () => {
    expect(codedOf('OCT showed a normal foveal depression in both eyes.')).not.toContain('F32A');
    expect(codedOf('The Beck depression inventory was completed at the visit.')).not.toContain('F32A');
  });

  it('keeps a depression the patient has', () => {
    expect(codedOf('She has a history of depression treated with sertraline.')).toContain('F32A');
  });
});

describe.skipIf(!compiled)('an infection read from "infectious" alone (Tabular B99.9; Guidelines I.B.2)', () => {
  it('does not code B99.9 for infectious parameters or serology', () => {
    expect(codedOf('Laboratory tests showed normal infectious parameters.')).not.toContain('B999');
  });

  it('drops B99.9 beside the infection the record names', () => {
    const codes = codedOf('An infectious process was suspected. Blood cultures grew Listeria and listerial meningitis was diagnosed.');
    expect(codes).toContain('A3211');
    expect(codes).not.toContain('B999');
  });

  it('keeps B99.9 when no infection is named', () => {
    expect(codedOf('Assessment: infectious disease, organism not yet identified.')).toContain('B999');
  });
});

describe.skipIf(!compiled)('a clot that is no arterial embolism (Index Clot, bladder N32.89; Clot - see also Embolism)', () => {
  it('does not code I74.9 for clots passed with hematuria', () => {
    const codes = codedOf('He had gross hematuria with clots.');
    expect(codes).toContain('R310');
    expect(codes).not.toContain('I749');
  });

  it('codes a clot filling the bladder as N32.89, not I74.9', () => {
    const codes = codedOf('Ultrasound showed a clot filling the bladder.');
    expect(codes).toContain('N3289');
    expect(codes).not.toContain('I749');
  });

  it('keeps I74.9 for a clot in an artery', () => {
    expect(codedOf('The femoral artery was occluded by a clot.')).toContain('I749');
  });
});

describe.skipIf(!compiled)('a pathological fracture of unwritten site (Index Fracture, pathological M84.40; Guidelines I.C.13.c)', () => {
  it('codes M84.40-, not the injury of unspecified body region T14.8', () => {
    const all = suggestionsOf('Two years later she developed a pathological fracture.').filter((s) => s.status !== 'not-coded');
    expect(all.map((s) => s.code)).toContain('M8440');
    expect(all.some((s) => s.code.startsWith('T14'))).toBe(false);
  });

  it('keeps T14 for a fracture from a fall with no site written', () => {
    const all = suggestionsOf('He sustained a fracture in a fall from a ladder.').filter((s) => s.status !== 'not-coded');
    expect(all.some((s) => s.code.startsWith('M84'))).toBe(false);
  });
});
