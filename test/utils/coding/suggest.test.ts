import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCompiledAssets } from '../../../scripts/codesets/compiled';
import { CodeCatalog, catalogDataFromAssets } from '../../../utils/codes/catalog';
import type { IndexTerm } from '../../../utils/codes/types';
import { HistoryIndex } from '../../../utils/coding/history';
import { defaultCodingRules, parseCodingRules } from '../../../utils/coding/rule-pack';
import { type CodingKnowledge, suggest } from '../../../utils/coding/suggest';
import type { AnalysisSettings, Mention, MentionContext, Suggestion } from '../../../utils/coding/types';
import type { SectionCategory } from '../../../utils/nlp/types';

const compiled = existsSync(resolve(import.meta.dirname, '../../../public/codesets/catalog.json'));
const inpatient: AnalysisSettings = { setting: 'inpatient', dateOfService: '2026-11-01' };
const outpatient: AnalysisSettings = { setting: 'outpatient', dateOfService: '2026-11-01' };

const affirmed: MentionContext = {
  negated: false,
  possible: false,
  historical: false,
  hypothetical: false,
  experiencer: 'patient',
  triggers: [],
};

/** A note and one mention per [phrase, codes, context] in it. */
function note(sentences: Array<[phrase: string, codes: string[], context?: Partial<MentionContext>, section?: SectionCategory]>): {
  text: string;
  mentions: Mention[];
} {
  let text = '';
  const mentions: Mention[] = sentences.map(([phrase, codes, context, section], i) => {
    const sentenceStart = text.length;
    text += `Patient has ${phrase}. `;
    const start = sentenceStart + 'Patient has '.length;
    return {
      id: `m${i}`,
      span: { start, end: start + phrase.length },
      evidence: [{ start, end: start + phrase.length }],
      text: phrase,
      sentence: { start: sentenceStart, end: text.length - 1 },
      section: section ?? 'assessment',
      source: 'index',
      system: 'icd10cm',
      path: [phrase],
      codes,
      confidence: 1,
      context: { ...affirmed, ...context },
    };
  });
  return { text, mentions };
}

describe.skipIf(!compiled)('coding rules on the official code sets', () => {
  let k: CodingKnowledge;
  const run = (sentences: Parameters<typeof note>[0], settings = inpatient): Suggestion[] => {
    const { text, mentions } = note(sentences);
    return suggest(mentions, settings, text, k);
  };
  const status = (list: Suggestion[], code: string) => list.find((s) => s.code === code);

  beforeAll(() => {
    const assets = readCompiledAssets();
    const index = assets.find((a) => a.header.kind === 'index')?.records as IndexTerm[];
    k = { catalog: new CodeCatalog(catalogDataFromAssets(assets)), history: new HistoryIndex(index), rules: defaultCodingRules() };
  });

  it('suggests an affirmed billable code with its evidence', () => {
    const [s] = run([['acute kidney injury', ['N179']]]);
    expect(s).toMatchObject({ code: 'N179', display: 'N17.9', status: 'suggested', context: 'affirmed', state: 'billable' });
    expect(s?.evidence[0]?.text).toBe('acute kidney injury');
  });

  it('does not code a negated condition, and says so', () => {
    const [s] = run([
      [
        'pulmonary embolism',
        ['I2699'],
        { negated: true, triggers: [{ literal: 'no evidence of', category: 'NEGATED_EXISTENCE', start: 0, end: 1 }] },
      ],
    ]);
    expect(s).toMatchObject({ status: 'not-coded', notCoded: 'negated' });
  });

  it('a ruled-out condition is listed as ruled out', () => {
    const [s] = run([
      ['pneumonia', ['J189'], { negated: true, triggers: [{ literal: 'ruled out', category: 'NEGATED_EXISTENCE', start: 0, end: 1 }] }],
    ]);
    expect(s?.notCoded).toBe('ruled-out');
  });

  it('codes an uncertain diagnosis inpatient but not outpatient (II.H vs IV.H)', () => {
    expect(status(run([['pneumonia', ['J189'], { possible: true }]], inpatient), 'J189')?.status).toBe('suggested');
    expect(status(run([['pneumonia', ['J189'], { possible: true }]], outpatient), 'J189')).toMatchObject({
      status: 'not-coded',
      notCoded: 'uncertain-outpatient',
    });
  });

  it('family history goes to Z80-Z84 from the Index', () => {
    expect(run([['breast cancer', ['C50919'], { experiencer: 'family' }]])[0]?.code).toBe('Z803');
    expect(run([['diabetes mellitus', ['E119'], { experiencer: 'family' }]])[0]?.code).toBe('Z833');
  });

  it('says a PCS code is unverifiable, not invalid, when no ICD-10-PCS code set covers the date (FY2027 not loaded)', () => {
    const { text, mentions } = note([['Chest x-ray', ['BW03ZZZ'], {}, 'hospital_course']]);
    const procedure = mentions.map((m) => ({ ...m, source: 'procedure' as const, system: 'icd10pcs' as const }));
    const [s] = suggest(procedure, inpatient, text, k);
    expect(s).toMatchObject({
      code: 'BW03ZZZ',
      status: 'not-coded',
      notCoded: 'no-code-set-for-date',
      title: 'Plain Radiography of Chest',
    });
    expect(s?.reason).toContain('Billable in FY2026');
    const [then] = suggest(procedure, { setting: 'inpatient', dateOfService: '2026-03-01' }, text, k);
    expect(then?.status).toBe('suggested');
  });

  it('lists a diagnosis written only by another clinician as not coded, and codes it once the provider documents it (I.B.14)', () => {
    const nurseOnly = run([['stage 3 pressure ulcer of sacral region', ['L89153'], {}, 'clinician_notes']]);
    expect(status(nurseOnly, 'L89153')).toMatchObject({ status: 'not-coded', notCoded: 'other-clinician' });
    const both = run([
      ['stage 3 pressure ulcer of sacral region', ['L89153'], {}, 'clinician_notes'],
      ['stage 3 pressure ulcer of sacral region', ['L89153'], {}, 'assessment_plan'],
    ]);
    expect(status(both, 'L89153')?.status).toBe('suggested');
  });

  it('a past condition gets its personal-history code; a chronic one stays coded', () => {
    expect(run([['pulmonary embolism', ['I2699'], { historical: true }]])[0]?.code).toBe('Z86711');
    const htn = run([['hypertension', ['I10'], { historical: true }, 'past_medical_history']])[0];
    expect(htn).toMatchObject({ code: 'I10', status: 'suggested' });
    expect(htn?.reason).toMatch(/chronic/);
  });

  it('prefers combination codes: diabetes + CKD, hypertension + heart failure + CKD', () => {
    const dm = run([
      ['type 2 diabetes', ['E119']],
      ['chronic kidney disease stage 3a', ['N1831']],
    ]);
    expect(status(dm, 'E1122')?.status).toBe('suggested');
    expect(status(dm, 'E119')).toMatchObject({ status: 'not-coded', notCoded: 'superseded-by-combination' });
    expect(status(dm, 'N1831')?.status).toBe('suggested');
    const htn = run([
      ['hypertension', ['I10']],
      ['chronic systolic heart failure', ['I5022']],
      ['CKD stage 4', ['N184']],
    ]);
    expect(status(htn, 'I130')?.status).toBe('suggested');
    expect(status(htn, 'I10')?.status).toBe('not-coded');
    expect(status(htn, 'I110')).toBeUndefined();
  });

  it('drops a symptom integral to a confirmed diagnosis (I.B.5)', () => {
    const list = run([
      ['fever', ['R509']],
      ['pneumonia', ['J189']],
    ]);
    expect(status(list, 'R509')).toMatchObject({ status: 'not-coded', notCoded: 'integral-symptom' });
    expect(status(list, 'J189')?.status).toBe('suggested');
  });

  it('keeps the symptom when the diagnosis is only uncertain, outpatient', () => {
    const list = run(
      [
        ['fever', ['R509']],
        ['pneumonia', ['J189'], { possible: true }],
      ],
      outpatient,
    );
    expect(status(list, 'R509')?.status).toBe('suggested');
  });

  it('flags Excludes1 pairs', () => {
    // J44 excludes1 chronic bronchitis NOS (J42).
    const list = run([
      ['COPD', ['J449']],
      ['chronic bronchitis', ['J42']],
    ]);
    expect(status(list, 'J449')?.status).toBe('conflict');
    expect(status(list, 'J449')?.conflictsWith).toContain('J42');
    expect(status(list, 'J42')?.conflictsWith).toContain('J449');
  });

  it('marks a code needing a 7th character incomplete, with the choices', () => {
    const [s] = run([['fracture of the right femoral neck', ['S72001']]]);
    expect(s?.status).toBe('incomplete');
    expect(s?.choices?.map((c) => c.code)).toEqual(expect.arrayContaining(['S72001A', 'S72001D', 'S72001S']));
  });

  it('narrows a header with the sentence’s words, else takes the unspecified code with a prompt', () => {
    const lateral = run([['left femoral neck fracture', ['S7200']]])[0];
    expect(lateral?.code).toBe('S72002');
    const hf = run([['systolic heart failure', ['I502']]])[0];
    expect(hf?.code).toBe('I5020');
    expect(hf?.specificity).toMatch(/I50\.21 Acute systolic/);
  });

  it('narrows an unspecified code by what its sentence documents, and keeps it when nothing more is documented', () => {
    expect(run([['stage 2 pressure ulcer of sacrum', ['L89159']]])[0]?.code).toBe('L89152');
    expect(run([['pneumonia', ['J189']]])[0]?.code).toBe('J189');
    expect(run([['acute on chronic systolic heart failure', ['I509']]])[0]?.code).toBe('I5023');
  });

  it('narrows with a plural in -as as with its singular ("paresthesias": R20.9 → R20.2)', () => {
    expect(run([['tingling paresthesias of the feet', ['R209']]])[0]?.code).toBe('R202');
    expect(run([['paresthesia of the feet', ['R209']]])[0]?.code).toBe('R202');
  });

  it('never suggests a code not valid on the date as final', () => {
    const [s] = run([['dilated cardiomyopathy', ['I420']]]);
    // I42.0 became a header in FY2027 with I42.00 as the unspecified child.
    expect(s?.code).toBe('I4200');
    const old = run([['qualitative platelet defect', ['D691']]], { setting: 'inpatient', dateOfService: '2024-01-01' })[0];
    expect(old?.state).not.toBe('billable');
  });

  it('shows the HCC V28 category to the coder', () => {
    expect(run([['chronic systolic heart failure', ['I5022']]])[0]?.hcc).toBe('226');
  });

  it('does not code an examination done while caring for a condition as an encounter for examination (I.C.21.c.13)', () => {
    expect(status(run([['physical examination', ['Z0000'], {}, 'physical_exam']]), 'Z0000')).toBeUndefined();
  });

  it('codes an examination the note gives as the reason for the visit', () => {
    expect(status(run([['routine general medical examination', ['Z0000'], {}, 'chief_complaint']]), 'Z0000')?.status).toBe('suggested');
  });

  it('codes nausea with vomiting as the combination R11.2', () => {
    const list = run([
      ['nausea', ['R110']],
      ['vomiting', ['R1110']],
    ]);
    expect(status(list, 'R112')?.status).toBe('suggested');
  });

  it('does not read "without nausea" as supported by a sentence that names nausea', () => {
    expect(run([['nausea and vomiting', ['R1110']]])[0]?.code).toBe('R1110');
  });

  it('drops a neoplasm of unspecified site when the record gives the site (I.B.2)', () => {
    const list = run([
      ['tumor', ['D499']],
      ['renal tumor', ['D49512']],
    ]);
    expect(status(list, 'D499')).toMatchObject({ status: 'not-coded', notCoded: 'less-specific' });
  });

  it('keeps C80.1 beside secondary sites only: the primary site is unknown (I.C.2)', () => {
    const list = run([
      ['carcinoma', ['C801']],
      ['liver metastases', ['C787']],
    ]);
    expect(status(list, 'C801')?.status).toBe('suggested');
  });

  it('gives a past symptom no personal-history code through the plural mark of "Seizure(s)"', () => {
    const { text, mentions } = note([['seizures', ['R569'], { historical: true }]]);
    const m = { ...(mentions[0] as Mention), path: ['Seizure(s)'] };
    expect(suggest([m], inpatient, text, k)[0]?.code).not.toBe('Z87440');
  });

  it('keeps an unspecified organism beside another organism of its category (B96.20 beside B96.1)', () => {
    const list = run([
      ['Escherichia coli', ['B9620']],
      ['Klebsiella pneumoniae', ['B961']],
    ]);
    expect(status(list, 'B9620')?.status).toBe('suggested');
  });

  it('reads "the kidney injury" after "acute kidney injury" as that injury, not a traumatic one', () => {
    const list = run([
      ['acute kidney injury', ['N179']],
      ['kidney injury', ['S3700']],
    ]);
    expect(list.some((s) => s.code.startsWith('S37'))).toBe(false);
  });

  it('keeps alcohol dependence listed as history coded (F10.20), not alcohol abuse (F10.10)', () => {
    const dependence = run([['chronic alcoholism', ['F1020'], { historical: true }, 'past_medical_history']])[0];
    expect(dependence).toMatchObject({ code: 'F1020', status: 'suggested' });
    expect(run([['alcohol abuse', ['F1010'], { historical: true }, 'past_medical_history']])[0]?.status).toBe('not-coded');
  });

  it('reads "a fracture" before "fracture of the femur" as that fracture', () => {
    const list = run([
      ['a fracture', ['T148XXA']],
      ['fracture of the femur', ['S7290XA']],
    ]);
    expect(list.some((s) => s.code.startsWith('T14'))).toBe(false);
  });

  it('keeps a disease named first in fewer words a diagnosis of its own ("hypertension" before "portal hypertension")', () => {
    const list = run([
      ['hypertension', ['I10'], {}, 'past_medical_history'],
      ['portal hypertension', ['K766']],
    ]);
    expect(status(list, 'I10')?.status).toBe('suggested');
    expect(status(list, 'K766')?.status).toBe('suggested');
  });

  it('keeps a chronic condition listed as history coded whatever its subcategory (E78.5)', () => {
    expect(run([['hyperlipidemia', ['E785'], { historical: true }, 'past_medical_history']])[0]).toMatchObject({
      code: 'E785',
      status: 'suggested',
    });
  });

  it('codes enlarged lymph nodes of a named region as localized (R59.0)', () => {
    expect(run([['cervical lymphadenopathy', ['R591']]])[0]?.code).toBe('R590');
  });

  it('keeps generalized lymphadenopathy generalized', () => {
    expect(run([['generalized cervical and inguinal lymphadenopathy', ['R591']]])[0]?.code).toBe('R591');
  });

  it('takes the eye of a visual loss from the words beside it, and keeps H54.7 when no eye is named', () => {
    expect(run([['sudden loss of vision in the left eye', ['H547']]])[0]?.code).toBe('H5462');
    expect(run([['blurred vision loss, right eye', ['H547']]])[0]?.code).toBe('H5461');
    expect(run([['bilateral vision loss', ['H547']]])[0]?.code).toBe('H543');
    expect(run([['progressive vision loss', ['H547']]])[0]?.code).toBe('H547');
  });

  it('codes a hemiplegia of a documented side as dominant on the right and nondominant on the left (I.C.6.a)', () => {
    expect(run([['left hemiparesis', ['G8190']]])[0]?.code).toBe('G8194');
    expect(run([['right-sided spastic hemiplegia', ['G8110']]])[0]?.code).toBe('G8111');
    expect(run([['hemiparesis', ['G8190']]])[0]?.code).toBe('G8190');
  });

  it('codes pain in both legs as right leg and left leg pain', () => {
    const list = run([['aching pain in both legs', ['M79609']]]);
    expect(list.map((s) => s.code).sort()).toEqual(['M79604', 'M79605']);
    expect(run([['pain in the left lower limb', ['M79609']]])[0]?.code).toBe('M79605');
  });

  it('codes joint or limb pain of both sides as right and left, there being no bilateral code', () => {
    const codes = (phrase: string, code: string) =>
      run([[phrase, [code]]])
        .map((s) => s.code)
        .sort();
    expect(codes('aching in both knees', 'M25569')).toEqual(['M25561', 'M25562']);
    expect(codes('bilateral shoulder pain', 'M25519')).toEqual(['M25511', 'M25512']);
    expect(codes('pain in the ankles on standing', 'M25579')).toEqual(['M25571', 'M25572']);
    expect(codes('burning pain in both feet', 'M79673')).toEqual(['M79671', 'M79672']);
    expect(codes('cramping pain in the calves', 'M79669')).toEqual(['M79661', 'M79662']);
    // One joint, side not documented: unspecified, as before.
    expect(codes('hip pain after the fall', 'M25559')).toEqual(['M25559']);
  });

  it('reads musculoskeletal pain by region: osteoarticular, cervical, dorsal spine, lumbosciatic, low back pain with sciatica', () => {
    expect(run([['diffuse osteoarticular pain', ['R52']]])[0]?.code).toBe('M2550');
    expect(run([['pain in the cervical region', ['R52']]])[0]?.code).toBe('M542');
    expect(run([['pain in the occipital and cervical areas', ['R52']]])[0]?.code).toBe('M542');
    expect(run([['pain on cervical motion during the exam', ['R52']]])[0]?.code).toBe('R52');
    // "Cervical" of the cervix or of a lymph node is no neck pain.
    expect(run([['pain of the uterine cervix', ['R52']]])[0]?.code).toBe('R52');
    expect(run([['pain over the dorsal spine', ['R52']]])[0]?.code).toBe('M546');
    expect(run([['dorsal spine pain', ['M549']]])[0]?.code).toBe('M546');
    expect(run([['pain over the dorsal aspect of the foot', ['R52']]])[0]?.code).toBe('R52');
    expect(run([['lumbosciatic pain', ['R52']]])[0]?.code).toBe('M5440');
    expect(run([['left lumbosciatic pain', ['R52']]])[0]?.code).toBe('M5442');
    expect(run([['low back pain radiating as sciatica', ['M5450']]])[0]?.code).toBe('M5440');
    expect(run([['low back pain with right sciatica', ['M5450']]])[0]?.code).toBe('M5441');
    expect(run([['low back pain without sciatica', ['M5450']]])[0]?.code).toBe('M5450');
  });

  it('codes effusion or stiffness of both joints as right and left; ankle and foot pain together as the ankle and foot joints', () => {
    const codes = (phrase: string, code: string) =>
      run([[phrase, [code]]])
        .map((s) => s.code)
        .sort();
    expect(codes('effusion of both knees', 'M25469')).toEqual(['M25461', 'M25462']);
    expect(codes('morning stiffness in the hands', 'M25649')).toEqual(['M25641', 'M25642']);
    expect(codes('stiffness of the feet', 'M25676')).toEqual(['M25674', 'M25675']);
    expect(codes('left ankle and foot pain', 'M79672')).toEqual(['M25572']);
    // The foot alone stays limb pain; a fractured ankle beside foot pain is not ankle joint pain.
    expect(codes('left foot pain', 'M79672')).toEqual(['M79672']);
    expect(codes('foot pain after the ankle fracture', 'M79673')).toEqual(['M79673']);
  });

  it('reads pain on the back of the foot, hand or neck as pain of that part, not back pain', () => {
    expect(run([['tender swelling on the back of the left hand', ['M549']]])[0]?.code).toBe('M79642');
    expect(run([['burning on the back of the foot', ['M549']]])[0]?.code).toBe('M79673');
    expect(run([['weak left ankle and burning on the back of the foot', ['M549']]])[0]?.code).toBe('M79673');
    expect(run([['aching in the back of the neck', ['M549']]])[0]?.code).toBe('M542');
    expect(run([['back pain after lifting', ['M549']]])[0]?.code).toBe('M549');
  });

  it('reads pain at the root of the thigh as thigh pain, and a nerve root pain as radiculopathy', () => {
    expect(run([['pain felt at the root of the thigh', ['M5410']]])[0]?.code).toBe('M79659');
    expect(run([['pain radiating to the root of the left thigh', ['M5410']]])[0]?.code).toBe('M79652');
    expect(run([['pain along the S1 nerve root', ['M5410']]])[0]?.code).toBe('M5410');
  });

  it('drops a code whose title says less than a sibling coded beside it (I50.22 beside I50.23), and keeps unrelated siblings', () => {
    const list = run([
      ['chronic systolic heart failure', ['I5022'], { historical: true }, 'history_of_present_illness'],
      ['acute on chronic systolic heart failure', ['I5023']],
    ]);
    expect(status(list, 'I5023')?.status).toBe('suggested');
    expect(status(list, 'I5022')).toMatchObject({ status: 'not-coded', notCoded: 'less-specific' });
    const knees = run([
      ['pain in right knee', ['M25561']],
      ['pain in left knee', ['M25562']],
    ]);
    expect(
      knees
        .filter((s) => s.status === 'suggested')
        .map((s) => s.code)
        .sort(),
    ).toEqual(['M25561', 'M25562']);
  });

  it('takes the region of abdominal pain or tenderness from the words beside it, and keeps R10.9 when none is named', () => {
    expect(run([['abdominal pain in the right upper quadrant', ['R109']]])[0]?.code).toBe('R1011');
    expect(run([['epigastric abdominal pain', ['R109']]])[0]?.code).toBe('R1013');
    expect(run([['abdominal pain in the right iliac fossa', ['R109']]])[0]?.code).toBe('R1031');
    expect(run([['diffuse abdominal pain', ['R109']]])[0]?.code).toBe('R1084');
    expect(run([['abdominal tenderness in the left lower quadrant', ['R10819']]])[0]?.code).toBe('R10814');
    expect(run([['intermittent abdominal pain', ['R109']]])[0]?.code).toBe('R109');
  });

  it('reads pain named by an abdominal region as abdominal pain of that region, not R52 (Tabular R52 Excludes1: code to pain by site)', () => {
    expect(run([['pain in the right hypochondrium', ['R52']]])[0]?.code).toBe('R1011');
    expect(run([['hypogastric pain', ['R52']]])[0]?.code).toBe('R1030');
    expect(run([['mesogastric pain', ['R52']]])[0]?.code).toBe('R1033');
    expect(run([['pain in the left iliac fossa', ['R52']]])[0]?.code).toBe('R1032');
    expect(run([['generalized pain', ['R52']]])[0]?.code).toBe('R52');
  });

  it('codes paresthesia as R20.2 Paresthesia of skin, and another disturbance of sensation as R20.9', () => {
    expect(run([['tingling paresthesias of the fingers', ['R209']]])[0]?.code).toBe('R202');
    expect(run([['altered sensation of the fingers', ['R209']]])[0]?.code).toBe('R209');
  });

  it('ranks a code the words name above the unspecified default of a header they did not narrow', () => {
    const list = run([
      ['systolic heart failure', ['I502']],
      ['lobar pneumonia', ['J181']],
    ]);
    expect(list.map((x) => x.code).slice(0, 2)).toEqual(['J181', 'I5020']);
  });

  it('does not code a follow-up visit the note does not give as the reason for the encounter (Z09)', () => {
    expect(status(run([['follow-up', ['Z09'], {}, 'hospital_course']]), 'Z09')).toBeUndefined();
  });

  it('gives past trauma no history code of a brain injury the note does not name', () => {
    const { text, mentions } = note([['trauma', ['T1490'], { historical: true }]]);
    const m = { ...(mentions[0] as Mention), path: ['Trauma, traumatism'] };
    expect(suggest([m], inpatient, text, k).map((x) => x.code)).not.toContain('Z87820');
  });

  it('codes a past status whose code states it ("status post nephrectomy", Z90.5)', () => {
    expect(run([['status post nephrectomy', ['Z905'], { historical: true }]])[0]).toMatchObject({ code: 'Z905', status: 'suggested' });
  });

  it('does not code a screening recommended for later as an encounter for screening (I.C.21.c.5)', () => {
    expect(status(run([['screening colonoscopy', ['Z1211'], {}, 'plan']]), 'Z1211')).toBeUndefined();
  });

  it('codes a screening the note gives as the reason for the visit', () => {
    expect(status(run([['screening colonoscopy', ['Z1211'], {}, 'chief_complaint']]), 'Z1211')?.status).toBe('suggested');
  });

  it('ranks by how well the words read the condition: a scattered reading falls below a compact one', () => {
    const { text, mentions } = note([
      ['pneumonia in the upper and lower lobar segments', ['J181']],
      ['hypertension', ['I10'], {}, 'physical_exam'],
    ]);
    const scattered = { ...(mentions[0] as Mention), confidence: 0.4 };
    expect(suggest([scattered, mentions[1] as Mention], inpatient, text, k).map((x) => x.code)).toEqual(['I10', 'J181']);
  });

  it('drops a bacterial infection of unspecified site when the organism is coded as the cause of a site-coded infection', () => {
    const list = run([
      ['urinary tract infection', ['N390']],
      ['a urine culture growing Proteus mirabilis', ['B964'], {}, 'labs'],
      ['infection with Proteus mirabilis', ['A498']],
    ]);
    expect(status(list, 'A498')).toMatchObject({ status: 'not-coded', notCoded: 'less-specific' });
    expect(status(list, 'B964')?.status).toBe('suggested');
    expect(status(run([['infection with Proteus mirabilis', ['A498']]]), 'A498')?.status).toBe('suggested');
  });

  it('the shipped rule pack validates and a bad one is refused with its place', () => {
    expect(defaultCodingRules().combinations.length).toBeGreaterThan(10);
    expect(() => parseCodingRules({ ...defaultCodingRules(), extra: 1 })).toThrow(/coding\.json/);
    expect(() =>
      parseCodingRules({ ...defaultCodingRules(), integralSymptoms: [{ symptom: 'not a code', diagnoses: ['J18*'], source: 'x' }] }),
    ).toThrow(/integralSymptoms\.0\.symptom: not a code pattern/);
    const rows = defaultCodingRules().integralSymptoms;
    expect(() => parseCodingRules({ ...defaultCodingRules(), integralSymptoms: [...rows, { ...rows[0] }] })).toThrow(/listed twice/);
  });
});
