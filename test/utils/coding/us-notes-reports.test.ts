/**
 * Imaging, study and laboratory wording in US reports (sentences written for these tests, in the style of
 * radiology, echo, EEG, nerve conduction and lab reports): a report's technique, anatomy, units, lab names
 * and denials are no findings (Guidelines IV.K: code the findings the interpreting physician confirms), and
 * a report's differential or a condition it could not exclude is uncertain (IV.H).
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled, fateOf } from '../../helpers/knowledge';

const findings = (line: string) => `FINDINGS:\n${line}\n`;
const impression = (line: string) => `IMPRESSION:\n${line}\n`;
const coded = (text: string) => codedOf(text, 'outpatient').map((c) => c.replace('.', ''));

describe.skipIf(!compiled)('technique, anatomy and units of a study are no findings', () => {
  it.each([
    ['Twenty-two mCi of technetium-99m sestamibi was given intravenously at rest.', /^G3184$/],
    ['The aortic arch and descending aorta are of normal caliber.', /^M314$/],
    ['Hyperventilation was performed for three minutes and produced no change in the background.', /^R064$/],
    ['Intermittent sharp waves are brought out by hyperventilation during the recording.', /^R064$/],
    ['The tip of the conus medullaris lies at the L1-L2 level.', /^Q148$/],
    ['A small conus branch arises from the proximal right coronary artery.', /^Q148$/],
    ['The median nerve has normal signal and caliber at the wrist.', /^S54|^S64/],
    ['The ulnar nerve sensory amplitude is within normal limits.', /^S54|^S64/],
    ['At C5-C6 there is moderate loss of disc space height with endplate spurring.', /^R29890$/],
    ['Regadenoson was given and at peak hyperemic effect the tracer was injected.', /^R6889$/],
    ['After a skin wheal was raised with 1% lidocaine, a 22-gauge needle was advanced.', /^L509$/],
    ['An ET tube terminates 4 cm above the carina.', /^D473$/],
    ['Dense spontaneous echo contrast (smoke) fills the left atrial appendage.', /^F17|^Z720$|^Z87891$/],
    ['Symmetric calcification is seen in the globus pallidus on both sides.', /^F458$/],
    ['The aortic valve is thickened and calcified with mildly restricted opening.', /^I700$/],
    ['L2-L3: minimal vacuum change in the disc without stenosis.', /^N0[0-7]0$/],
    ['The circumflex gives off a large OM with a 40% lesion.', /^H6[56]/],
    ['The great saphenous vein shows reflux lasting 3 seconds after calf compression.', /^K21/],
    ['The urinary bladder is well distended with urine and its wall is smooth.', /^N3289$/],
    ['There is mild intrahepatic biliary ductal dilatation.', /^H046/],
    ['Muscle contraction artifact obscures the temporal leads.', /^M624/],
    ['Topical lidocaine was used to provide skin anesthesia before the injection.', /^R200$/],
    ['The apnea-hypopnea index was 4 per hour.', /^R0681$/],
    ['Trace fluid in the glenohumeral joint is within physiologic limits.', /^M254/],
  ])('%s', (line, pattern) => {
    expect(coded(findings(line)).filter((c) => pattern.test(c))).toEqual([]);
  });

  it('keeps the conditions the same words name when the report finds them', () => {
    expect(coded(impression('Mild cognitive impairment (MCI).'))).toContain('G3184');
    expect(coded(impression('Aortic arch syndrome.'))).toContain('M314');
    expect(coded(impression('Traumatic laceration of the ulnar nerve at the forearm.')).some((c) => c.startsWith('S540'))).toBe(true);
    expect(coded(impression('Chronic hyperventilation with respiratory alkalosis.'))).toContain('R064');
    expect(coded(impression('Gastroesophageal reflux.'))).toContain('K219');
    expect(coded(impression('Cigarette smoker, one pack per day.')).some((c) => c.startsWith('F172'))).toBe(true);
    expect(coded(impression('Calcification of the abdominal aorta.'))).toContain('I700');
    expect(coded(impression('Moderate obstructive sleep apnea, apnea-hypopnea index 22 per hour.'))).toContain('G4733');
    expect(coded(impression('Large right knee joint effusion.')).some((c) => c.startsWith('M2546'))).toBe(true);
  });
});

describe.skipIf(!compiled)('coronary anatomy in a catheterization report', () => {
  it.each([
    ['The dominant right coronary artery gives off a large PDA and two posterolateral branches.', /^Q250$/],
    ['There are mild luminal irregularities in the left circumflex system.', /^E349$/],
    ['Lidocaine 2% was used to infiltrate the skin over the right femoral artery.', /^L986$/],
    ['The second obtuse marginal artery has a 70% stenosis at its origin.', /^I7[0-9]|^I998$/],
    ['The left anterior descending artery is occluded after the first diagonal.', /^I7[0-9]|^I998$/],
  ])('%s', (line, pattern) => {
    expect(coded(findings(line)).filter((c) => pattern.test(c))).toEqual([]);
  });

  it('keeps a ductus, an endocrine disorder and a stenosis of a limb artery', () => {
    expect(coded(impression('Patent ductus arteriosus in a premature newborn.'))).toContain('Q250');
    expect(coded(impression('Endocrine disorder, unspecified.'))).toContain('E349');
    expect(coded(findings('The right common femoral artery has a 70% stenosis.')).some((c) => c.startsWith('I7'))).toBe(true);
  });
});

describe.skipIf(!compiled)('a report that denies a finding, or names the protocol it was done by', () => {
  it.each([
    ['The kidneys fail to demonstrate hydronephrosis or calculus.', 'N1330'],
    ['The lungs are clear of consolidation, pleural effusion or pneumothorax.', 'J90'],
    ['This essentially excludes obstructive coronary artery disease.', 'I2510'],
    ['The stress test is negative for inducible myocardial ischemia.', 'I259'],
  ])('%s: %s negated', (line, code) => {
    expect(fateOf(findings(line), code, 'outpatient')).toBe('not-coded/negated');
  });

  it.each([
    ['Helical images were obtained per pulmonary embolism protocol.', 'I2699'],
    ['Noncontrast CT of the abdomen per renal stone protocol.', 'N200'],
  ])('%s: %s not coded', (line, code) => {
    expect(coded(`TECHNIQUE:\n${line}\n`)).not.toContain(code);
  });

  it('a finding the impression names is still coded', () => {
    expect(coded(impression('Small right pleural effusion.'))).toContain('J90');
    expect(coded(impression('Acute pulmonary embolism in the right lower lobe.'))).toContain('I2699');
  });
});

describe.skipIf(!compiled)("a report's differential is uncertain: outpatient codes none of it (IV.H)", () => {
  it.each([
    ['A low-grade neoplasm could not be excluded.', 'D499'],
    ['Differential considerations include meningioma and schwannoma.', 'D329'],
    ['Lymphoma and toxoplasmosis were in the differential.', 'B589'],
    ['A mucinous pancreatic neoplasm must be considered.', 'D490'],
  ])('%s', (line, code) => {
    expect(fateOf(impression(line), code, 'outpatient')).toBe('not-coded/uncertain-outpatient');
  });

  it('the same condition stated as found is coded', () => {
    expect(coded(impression('Meningioma of the left convexity.'))).toContain('D329');
  });
});

describe.skipIf(!compiled)('a laboratory test named for a disease is no disease', () => {
  it.each([
    ['An acute hepatitis panel was ordered.', /^K75|^B1[5-9]/],
    ['An HIV test was sent.', /^B20$/],
    ['A lupus anticoagulant panel is pending.', /^D686/],
    ['Hepatitis C antibody was nonreactive.', /^B1[89]/],
    ['HIV, ANA, and Lyme studies were unremarkable.', /^B20$|^A692/],
  ])('%s', (line, pattern) => {
    expect(coded(`LABS:\n${line}\n`).filter((c) => pattern.test(c))).toEqual([]);
  });

  it('the disease the provider diagnoses is still coded', () => {
    expect(coded(impression('Chronic hepatitis C.'))).toContain('B182');
    expect(coded(impression('HIV disease on antiretroviral therapy.'))).toContain('B20');
  });
});
