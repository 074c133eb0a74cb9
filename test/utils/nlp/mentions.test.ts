import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCompiledAssets } from '../../../scripts/codesets/compiled';
import type { Mention } from '../../../utils/coding/types';
import { buildLexicon, type Lexicon } from '../../../utils/nlp/lexicon';
import { findMentions, readTokens } from '../../../utils/nlp/mentions';
import { detectSections } from '../../../utils/nlp/sections';
import { splitSentences } from '../../../utils/nlp/sentences';
import { fixtureLexicon, mentionsOf } from './mention-fixtures';

const COMPILED = resolve(import.meta.dirname, '../../../public/codesets/catalog.json');

/** The mention whose codes include `code` (first one), or undefined. */
function withCode(mentions: Mention[], code: string): Mention | undefined {
  return mentions.find((m) => m.codes.includes(code));
}

describe('findMentions: the contract', () => {
  const lex = fixtureLexicon();

  it('returns nothing for an empty text', () => {
    expect(findMentions('', { sections: [], sentences: [], lexicon: lex })).toEqual([]);
  });

  it('gives exact offsets: text, span and evidence point at what the note wrote', () => {
    const text = 'Assessment:  Acute on chronic systolic heart failure.';
    const [m] = mentionsOf(text, lex);
    expect(m?.text).toBe(text.slice(m?.span.start, m?.span.end));
    expect(m?.text).toBe('Acute on chronic systolic heart failure');
    expect(m?.evidence.map((e) => text.slice(e.start, e.end))).toEqual(['Acute', 'chronic', 'systolic', 'heart', 'failure']);
  });

  it('numbers mentions m0, m1, … in text order', () => {
    const ms = mentionsOf('Hypertension. Lobar pneumonia.', lex);
    expect(ms.map((m) => m.id)).toEqual(['m0', 'm1']);
    expect(ms.map((m) => m.codes[0])).toEqual(['I10', 'J181']);
  });

  it('keeps distinct conditions of one sentence apart', () => {
    expect(mentionsOf('Hypertension and type 2 diabetes.', lex).map((m) => m.codes)).toEqual([['I10'], ['E119']]);
  });

  it('sets the section of the sentence', () => {
    const [m] = mentionsOf('PAST MEDICAL HISTORY:  Hypertension.', lex);
    expect(m?.section).toBe('past_medical_history');
  });

  it('gives full confidence to a compact reading and less to scattered words', () => {
    const [tight] = mentionsOf('lobar pneumonia', lex);
    const [loose] = mentionsOf('pneumonia in the upper and lower lobar segments', lex);
    expect(tight?.confidence).toBe(1);
    expect(loose?.confidence).toBeLessThan(1);
  });
});

describe('findMentions: context', () => {
  const lex = fixtureLexicon();

  it('flags a negated mention', () => {
    expect(mentionsOf('No evidence of pneumonia.', lex)[0]?.context.negated).toBe(true);
  });

  it('flags a historical mention', () => {
    expect(mentionsOf('History of pneumonia.', lex)[0]?.context.historical).toBe(true);
  });

  it('gives a mention under Family History to the family', () => {
    expect(mentionsOf('FAMILY HISTORY:  Hypertension.', lex)[0]?.context.experiencer).toBe('family');
  });

  it('flags a possible mention', () => {
    expect(mentionsOf('Possible pneumonia.', lex)[0]?.context.possible).toBe(true);
  });

  it('shifts trigger offsets to the note', () => {
    const text = 'Cough.  No pneumonia.';
    const trigger = mentionsOf(text, lex)[0]?.context.triggers[0];
    expect(trigger && text.slice(trigger.start, trigger.end)).toBe('No');
  });

  it('leaves an affirmed mention affirmed', () => {
    const c = mentionsOf('Pneumonia.', lex)[0]?.context;
    expect(c).toEqual({ negated: false, possible: false, historical: false, hypothetical: false, experiencer: 'patient', triggers: [] });
  });
});

describe('findMentions: bad input', () => {
  const lex = fixtureLexicon();
  const run = (text: string) => {
    const sections = detectSections(text);
    const sentences = splitSentences(text, { sections });
    return findMentions(text, { sections, sentences, lexicon: lex });
  };

  it.each([
    ['only white space', ' \n\t \r\n '],
    ['binary garbage', String.fromCharCode(...Array.from({ length: 4000 }, (_, i) => (i * 7919) % 65536))],
    ['emoji, CJK and RTL marks', '😀 肺炎 \u200fpneumonia\u200f مرض 🫁 hypertension'],
    ['HTML source', '<html><body><div class="a">Pneumonia</div><script>var x = "<b>hypertension</b>";</script></body></html>'],
    ['lone surrogates', '\ud800pneumonia\udfff'],
  ])('does not throw on %s', (_, text) => {
    expect(() => run(text)).not.toThrow();
  });

  it('still reads a condition among emoji and RTL marks', () => {
    expect(run('😀 \u200fpneumonia\u200f').map((m) => m.codes)).toEqual([['J189']]);
  });

  it('finishes a 1 MB single line in bounded time', () => {
    const line = 'pneumonia with lung abscess and hypertension '.repeat(23_000);
    const t0 = performance.now();
    const ms = run(line);
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(ms.length).toBeGreaterThan(0);
  });

  it('finishes 5 MB of text in bounded time', () => {
    const text = 'The patient has pneumonia. No fever.\n'.repeat(140_000);
    const t0 = performance.now();
    run(text);
    expect(performance.now() - t0).toBeLessThan(60_000);
  });

  it('never throws and keeps offsets inside the text on any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const text = `${s} pneumonia ${s}`;
        for (const m of run(text)) {
          expect(m.span.start).toBeGreaterThanOrEqual(0);
          expect(m.span.end).toBeLessThanOrEqual(text.length);
          expect(m.text).toBe(text.slice(m.span.start, m.span.end));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('readTokens', () => {
  const lex = fixtureLexicon();

  it('reads the word-form table on both sides ("renal" is read as kidney)', () => {
    expect(readTokens(lex, 'renal failure', 0, 100).map((t) => t.w)).toEqual(['kidney', 'failure']);
  });

  it('joins a hyphenated prefix ("non-traumatic")', () => {
    expect(readTokens(lex, 'non-traumatic', 0, 100).map((t) => t.w)).toEqual(['nontraumatic']);
  });

  it('reads a roman numeral after stage, type or grade as its number, and not elsewhere', () => {
    expect(readTokens(lex, 'stage V disease', 0, 100).map((t) => t.w)).toEqual(['stage', '5', 'disease']);
    expect(readTokens(lex, 'grade IIIb', 0, 100).map((t) => t.w)).toEqual(['grade', '3b']);
    expect(readTokens(lex, 'vitamin D v', 0, 100).map((t) => t.w)).not.toContain('5');
  });

  it('reads an amount of body weight after a loss word as a loss of weight', () => {
    expect(readTokens(lex, 'lost 10 kg', 0, 100).map((t) => t.w)).toEqual(['loss', '10', 'weight']);
    expect(readTokens(lex, 'lost 10 mL', 0, 100).map((t) => t.w)).not.toContain('weight');
  });

  it('starts a new clause segment at a comma and at "and"', () => {
    expect(readTokens(lex, 'a b, c and d', 0, 100).map((t) => t.seg)).toEqual([0, 0, 1, 1, 2]);
  });
});

describe.skipIf(!existsSync(COMPILED))('findMentions on the compiled FY2027 code sets', () => {
  let lex: Lexicon;
  beforeAll(() => {
    lex = buildLexicon(readCompiledAssets(undefined, ['index', 'eindex', 'drug', 'neoplasm', 'tabular', 'codes']));
  });

  it('reads "without" as without: no "with" subterm from the words it governs, and its own subterms still found', () => {
    const codes = (t: string) => mentionsOf(t, lex).flatMap((m) => m.codes);
    expect(codes('Type 2 diabetes mellitus without complications.')).toEqual(['E119']);
    expect(codes('Migraine without aura.')).toContain('G43009');
    // A later "with" takes its words again.
    expect(codes('Type 2 diabetes without retinopathy but with hyperglycemia.')).toContain('E1165');
  });

  it('a list item opened by a denial is a finding of its own: its words are not read with the item before', () => {
    const codes = (t: string) => mentionsOf(t, lex).flatMap((m) => m.codes);
    // "joint" belongs to the tenderness; "no effusion" is not a joint effusion (M25.4-).
    expect(codes('Knee: medial joint line tenderness, no effusion.').filter((c) => c.startsWith('M254'))).toEqual([]);
    // The denied item is still read, and negated.
    const denied = withCode(mentionsOf('Abdomen soft, no hepatosplenomegaly.', lex), 'R162');
    expect(denied?.context.negated).toBe(true);
    // An item without a denial still continues the clause ("Diabetes mellitus, type 2").
    expect(codes('Diabetes mellitus, type 2, on metformin.')).toContain('E119');
  });

  it('an "Other …" title names no phrase: "diabetes mellitus" is not E13 other specified diabetes', () => {
    const codes = mentionsOf('Diabetes mellitus without complications.', lex).flatMap((m) => m.codes);
    expect(codes).not.toContain('E139');
    expect(codes).toContain('E119');
  });

  it('reads a small-s plural of an abbreviation ("UTIs"), not a capital S that belongs to another ("GCS 15" is no GC)', () => {
    expect(mentionsOf('Recurrent UTIs.', lex).flatMap((m) => m.codes)).toContain('N390');
    expect(mentionsOf('Alert, GCS 15.', lex)).toEqual([]);
    // A findings list puts "GCS 15." in a sentence of its own: capitals, but no sentence of words.
    expect(mentionsOf('Exam: Alert. GCS 15. Pupils equal.', lex)).toEqual([]);
    expect(mentionsOf('RECURRENT UTIS.', lex).flatMap((m) => m.codes)).toContain('N390');
  });

  /** British spellings reach the index's American entries, sites included. */
  it.each([
    ['tumour of the oesophagus', 'D490'],
    ['leucocytosis', 'D72829'],
    ['oesophagitis', 'K209'],
    ['hypokalaemia', 'E876'],
  ])('British spelling: "%s" → %s', (sentence, code) => {
    expect(withCode(mentionsOf(`${sentence}.`, lex), code)?.codes).toContain(code);
  });

  it('reads the words two titles share as the code titled unspecified, not the one titled other (R10.9, not R10.8)', () => {
    const codes = mentionsOf('She reports abdominal and shoulder pain since Monday.', lex).flatMap((m) => m.codes);
    expect(codes).toContain('R109');
    expect(codes).not.toContain('R108');
  });

  /** One rule, one sentence, one assertion: the sentence names the condition with this code. */
  it.each([
    ['aspiration pneumonia', 'J690'],
    ['pneumonia due to Streptococcus pneumoniae', 'J13'],
    ['type 2 diabetes with hyperglycemia', 'E1165'],
    ['acute on chronic systolic heart failure', 'I5023'],
    ['acute on chronic systolic congestive heart failure', 'I5023'],
    ['CHF', 'I509'],
    ['COPD with acute exacerbation', 'J441'],
    ['urinary tract infection', 'N390'],
    ['acute kidney injury', 'N179'],
    ['hypertension', 'I10'],
    ['essential hypertension', 'I10'],
    ['lung cancer', 'C3490'],
    ['metastatic adenocarcinoma of the lung', 'C349'],
    ['fracture of the right femoral neck', 'S7200'],
    // "end" in a subterm is a generic noun notes leave out: "distal radius" is the distal end (Fracture,
    // traumatic, radius, distal end, see lower end), "proximal humerus" the proximal (upper) end.
    ['fracture of the right distal radius', 'S5250'],
    ['proximal humerus fracture', 'S4220'],
    ['fracture of the distal ulna', 'S5260'],
    ['renal failure', 'N19'],
    ['liver metastases', 'C787'],
    ['hepatomegaly', 'R160'],
    ['HIV infection', 'B20'],
    ['diabetic nephropathy', 'E1121'],
    ['smoker', 'F17200'],
    // A subterm "vision, visual" lists forms of one stem: either word reads it (Loss, vision, visual);
    // "one eye" is read from the eye a note names, "one" being a generic word (Loss, vision, one eye, left).
    ['loss of vision', 'H547'],
    ['loss of vision in the left eye', 'H5462'],
    ['visual loss in the right eye', 'H5461'],
    ['blindness of the left eye', 'H5442'],
    // "visual" is read as vision (Decrease, vision NEC).
    ['decreased visual acuity', 'H547'],
    // Oxygen used at home is long-term supplemental oxygen (Dependence, on, oxygen).
    ['she uses home oxygen', 'Z9981'],
    ['on LTOT', 'Z9981'],
    // "level" in a subterm is a generic noun notes leave out (Elevated, transaminase level).
    ['elevated transaminases', 'R740'],
    // "kidneys" is a plural the stemmer keeps (-ys): the word-form table reads it as kidney.
    ['simple cysts in both kidneys', 'N281'],
    ['a marked leucopenia after chemotherapy', 'D72819'],
    // Coagulase-negative and viridans group organisms are the "specified NEC" ones of their genus.
    ['two blood cultures grew coagulase-negative staphylococci', 'B957'],
    ['the valve culture grew Streptococcus mitis', 'B954'],
    // A roman numeral after stage / type is its number, on both sides (the index writes "type I").
    ['chronic kidney disease stage IV', 'N184'],
    ['known type I diabetes mellitus', 'E109'],
    ['glycogen storage disease type II', 'E7402'],
    // A lettered stage answers to its bare number when the index lists no lettered subterm (stage 3 N18.3-).
    ['moderate CKD stage 3b on follow-up', 'N183'],
    ['chronic kidney disease stage IIIa', 'N183'],
    // A main term printed without a code takes the one Tabular code titled as it is (Sciatica M54.3-).
    ['she reports sciatica since the fall', 'M543'],
    ['an asymptomatic rectocele', 'N816'],
    // An amount of body weight after a loss word is a loss of weight (Loss, weight).
    ['she has lost 6 kg over the past two months', 'R634'],
    ['a loss of about 9 kilograms since spring', 'R634'],
    ['loss of 4-5 kg', 'R634'],
    ['since the summer he has lost some weight', 'R634'],
  ])('"%s" → %s', (text, code) => {
    expect(withCode(mentionsOf(text, lex), code)?.codes).toContain(code);
  });

  it('reads "metastatic adenocarcinoma of the lung" as primary lung with secondary of unspecified site', () => {
    expect(mentionsOf('metastatic adenocarcinoma of the lung', lex)[0]?.codes).toEqual(['C349', 'C799']);
  });

  it('reads "metastatic <site> cancer" as a cancer from that site (Index: Metastasis, cancer, from specified site), not a secondary there', () => {
    const codes = (t: string) => mentionsOf(t, lex).flatMap((m) => m.codes);
    expect(codes('Metastatic breast cancer, on docetaxel.')).not.toContain('C7981');
    expect(codes('Metastatic lung cancer.')).toEqual(expect.arrayContaining(['C349', 'C799']));
    expect(codes('Metastatic lung cancer.')).not.toContain('C780');
    const brain = codes('Lung cancer of the right upper lobe metastatic to the brain.');
    expect(brain).toEqual(expect.arrayContaining(['C341', 'C7931']));
    expect(brain.some((c) => c.startsWith('C780'))).toBe(false);
    // The site a metastasis went to stays secondary.
    expect(codes('Liver metastases.')).toContain('C787');
  });

  it('reads "secondary to" as the cause of what comes before it, not a secondary form of what follows', () => {
    const codes = (t: string) => mentionsOf(t, lex).flatMap((m) => m.codes);
    expect(codes('renal failure secondary to longstanding hypertension')).not.toContain('I159');
    expect(codes('anemia secondary to a kidney tumor').some((c) => c.startsWith('C79'))).toBe(false);
    expect(codes('hypertension secondary to renal artery stenosis')).toContain('I159');
  });

  it('keeps "hypertension and type 2 diabetes" two mentions', () => {
    expect(mentionsOf('hypertension and type 2 diabetes', lex).map((m) => m.codes[0])).toEqual(['I10', 'E119']);
  });

  it('highlights the abbreviation itself', () => {
    const text = 'Admitted with CHF exacerbation.';
    const m = withCode(mentionsOf(text, lex), 'I509');
    expect(m && text.slice(m.span.start, m.span.end)).toBe('CHF');
  });

  it('reads a negated condition as negated', () => {
    expect(withCode(mentionsOf('No evidence of pneumonia.', lex), 'J189')?.context.negated).toBe(true);
  });

  it('gives a procedure its ICD-10-PCS and HCPCS mentions', () => {
    const ms = mentionsOf('Screening colonoscopy was performed.', lex).filter((m) => m.source === 'procedure');
    expect(ms.map((m) => [m.system, m.codes[0]])).toEqual([
      ['icd10pcs', '0DJD8ZZ'],
      ['hcpcs', 'G0121'],
    ]);
  });

  it('does not read the pronoun in "his disease" as His disease (trench fever)', () => {
    expect(withCode(mentionsOf('Later his disease progressed.', lex), 'A790')).toBeUndefined();
  });

  it('does not read a capital at the start of a sentence as an eponym', () => {
    expect(withCode(mentionsOf('His disease progressed.', lex), 'A790')).toBeUndefined();
  });

  it.each([
    ['Pain was controlled with analgesia.', 'R200'],
    // A loss measured in other units is no weight loss, nor a weight without a loss word.
    ['Blood loss of 300 mL during surgery.', 'R634'],
    ['He weighs 80 kg and lost his job.', 'R634'],
    ['She has tried to lose weight with diets.', 'R634'],
    ['Arterial blood gas was normal.', 'R143'],
    ['The strain was sensitive to amoxicillin.', 'T7840'],
    ['The patient was standing.', 'X501'],
    ['The urine was blue.', 'O906'],
    ['PSA was 4 ng/ml.', 'L4050'],
  ])('reads no condition in "%s" (not %s)', (text, code) => {
    expect(withCode(mentionsOf(text, lex), code)).toBeUndefined();
  });

  it('reads an organism named alone as its organism code (B95-B97)', () => {
    expect(withCode(mentionsOf('Blood cultures grew Staphylococcus aureus.', lex), 'B9561')).toBeDefined();
  });

  it('reads a genus written as its initial ("E. coli")', () => {
    expect(withCode(mentionsOf('Urine culture grew E. coli.', lex), 'B9620')).toBeDefined();
  });

  it('adds no organism code inside a condition whose code names the organism', () => {
    expect(withCode(mentionsOf('Pneumonia due to Streptococcus pneumoniae.', lex), 'B953')).toBeUndefined();
  });

  it('does not read a section heading written as a label ("Allergies:") as a condition', () => {
    expect(mentionsOf('Allergies: penicillin.', lex).filter((m) => m.codes.some((c) => c.startsWith('T784')))).toEqual([]);
  });

  it('does not read a specialty named as a department ("the infection service") as a condition', () => {
    expect(withCode(mentionsOf('She was seen by the infection service.', lex), 'B999')).toBeUndefined();
    expect(withCode(mentionsOf('He was followed by specialists in infection.', lex), 'B999')).toBeUndefined();
    expect(withCode(mentionsOf('She had an infection.', lex), 'B999')).toBeDefined();
  });

  it('reads "lymph node metastases" through the table\'s "node, see also lymph gland" (C77.9)', () => {
    expect(withCode(mentionsOf('Lymph node metastases.', lex), 'C779')).toBeDefined();
  });

  it.each([
    ['The patient was icteric.', 'R17'],
    // Cachexia E43 since the FY2024 Index (it was R64).
    ['He was cachectic.', 'E43'],
    ['She was diaphoretic.', 'R61'],
    ['He was somnolent.', 'R400'],
  ])('reads the adjective in "%s" as its condition (%s)', (text, code) => {
    expect(withCode(mentionsOf(text, lex), code)).toBeDefined();
  });

  it('does not read "does" as the plural of DOE (dyspnea on exertion)', () => {
    expect(withCode(mentionsOf('He does not smoke.', lex), 'R0600')).toBeUndefined();
  });

  it('does not read the adjective "ischemic" alone as a circulatory disorder (I99.8)', () => {
    expect(withCode(mentionsOf('Ischemic lesions were seen.', lex), 'I998')).toBeUndefined();
  });

  it('drops a main term read alone inside a title phrase of the same clause, not across "and"', () => {
    const codes = (t: string) => mentionsOf(t, lex).flatMap((m) => m.codes);
    // Pain, joint, knee needs "joint"; the Tabular title "Pain in right knee" reads the sentence whole.
    expect(codes('HPI: Pain in the right knee.')).toEqual(['M25561']);
    expect(codes('HPI: right knee pain for two weeks.')).toEqual(['M25561']);
    // Two list items are two conditions, whatever a title joins ("Hypertensive heart disease").
    expect(codes('PMH: hypertension and ischemic heart disease.')).toEqual(expect.arrayContaining(['I10', 'I259']));
  });

  it('prefers, among subterms the word-form table reads alike, the one printed as the note writes it', () => {
    const codes = (t: string) => mentionsOf(t, lex).flatMap((m) => m.codes);
    // Stenosis, aortic (valve) I35.0 and Stenosis, aorta Q25.1 (coarctation) both read "aorta".
    expect(codes('Echocardiogram: severe aortic stenosis.')).toEqual(['I350']);
    // Hemorrhage, cerebral, cerebrum gives no code of its own: the walk goes on at Hemorrhage, brain.
    expect(codes('CT: massive cerebral hemorrhage.')).toEqual(['I619']);
  });

  it('prefers, among subterms the word-form table reads alike, the one printed as the note writes the noun', () => {
    const codes = (t: string) => mentionsOf(t, lex).flatMap((m) => m.codes);
    // Injury, liver S36.119 and Injury, hepatic (its artery, duct and vein) both read "liver".
    expect(codes('CT showed a liver injury after the fall.')).toContain('S36119');
    // Ischemia, heart I25.9 and Ischemia, cardiac (a "see" in parentheses, no code) both read "heart".
    expect(codes('Stress test consistent with heart ischemia.')).toContain('I259');
    // Abscess, nose J34.0 and Abscess, nasal J32.9 (sinus) both read "nose".
    expect(codes('Drained an abscess of the nose.')).toEqual(['J340']);
  });

  it('reads the words of a main term again below the entry its "see" names ("ruptured abdominal aortic aneurysm")', () => {
    const codes = (t: string) => mentionsOf(t, lex).flatMap((m) => m.codes);
    // Rupture, aneurysm — see Aneurysm: Aneurysm, aorta, abdominal, ruptured I71.30 (FY2023 Index; I71.3
    // before), not I71.40 (without rupture).
    expect(codes('CT angiography: ruptured abdominal aortic aneurysm.')).toEqual(['I7130']);
    // Perforation, ulcer — see Ulcer: Ulcer, duodenum, with perforation K26.5, not K26.9.
    expect(codes('Laparotomy for a perforated duodenal ulcer.')).toContain('K265');
    // Strangulation, hemorrhoids — see Hemorrhoids: Hemorrhoids, strangulated K64.8, not K64.9.
    expect(codes('Exam: strangulated hemorrhoids.')).toEqual(['K648']);
  });

  it('reads each coordinated subterm of one entry ("thrombosis of the renal vein and inferior vena cava")', () => {
    const codes = (t: string) => mentionsOf(t, lex).flatMap((m) => m.codes);
    expect(codes('Doppler: thrombosis of renal vein and inferior vena cava.')).toEqual(expect.arrayContaining(['I823', 'I82220']));
    // A list may run past the walk's window of eight words.
    expect(codes('Phlebography: thrombosis of the left renal vein and also of the inferior vena cava.')).toEqual(
      expect.arrayContaining(['I823', 'I82220']),
    );
    // Pain, lumbar region M54.50 since the FY2022 Index (M54.5 before).
    expect(codes('She reported abdominal and lumbar pain.')).toEqual(expect.arrayContaining(['R109', 'M5450']));
    // Side by side with no "and" or comma, the second word qualifies the first: the splenic vein is a vein.
    expect(codes('Thrombosis of the splenic vein.')).not.toContain('D735');
  });

  it('reads every site of a list of three, whichever the walk finds first ("liver, retroperitoneal and mediastinal metastases")', () => {
    const codes = mentionsOf('Staging CT: liver, retroperitoneal and mediastinal metastases.', lex).flatMap((m) => m.codes);
    expect(codes).toEqual(expect.arrayContaining(['C787', 'C786', 'C781']));
  });

  it('reads one secondary site per coordinated site ("liver and lung metastases")', () => {
    expect(mentionsOf('Liver and lung metastases.', lex)[0]?.codes).toEqual(expect.arrayContaining(['C787', 'C780']));
  });

  it('keeps the site after "from" primary ("liver metastases from colon cancer")', () => {
    expect(withCode(mentionsOf('Liver metastases from colon cancer.', lex), 'C785')).toBeUndefined();
  });

  it('reads "decreased vision" through the inflection of Decrease (H54.7)', () => {
    expect(withCode(mentionsOf('She had decreased vision.', lex), 'H547')).toBeDefined();
  });

  it('reads "sweating" and "sweaty" as diaphoresis (R61)', () => {
    expect(withCode(mentionsOf('He woke up with chest pressure and sweating.', lex), 'R61')).toBeDefined();
    expect(withCode(mentionsOf('On arrival she was sweaty and anxious.', lex), 'R61')).toBeDefined();
  });

  it('reads "distended" as distension ("the abdomen was distended": R14.0)', () => {
    expect(withCode(mentionsOf('By evening her abdomen was distended.', lex), 'R140')).toBeDefined();
  });

  it('reads "macroscopic" as gross and "microhematuria" as microscopic hematuria (R31.0, R31.29)', () => {
    expect(withCode(mentionsOf('After the catheter change the urine showed macroscopic hematuria.', lex), 'R310')).toBeDefined();
    expect(withCode(mentionsOf('The dipstick found microhematuria without protein.', lex), 'R3129')).toBeDefined();
  });

  it('reads "feverish" as fever and "apathetic" as apathy (R50.9, R45.3)', () => {
    expect(withCode(mentionsOf('The toddler felt feverish overnight.', lex), 'R509')).toBeDefined();
    expect(withCode(mentionsOf('Since the move he seems apathetic.', lex), 'R453')).toBeDefined();
  });

  it('does not read "general anesthesia" as a condition', () => {
    expect(mentionsOf('The procedure was done under general anesthesia.', lex).filter((m) => m.system === 'icd10cm')).toEqual([]);
  });
});
