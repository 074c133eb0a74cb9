/**
 * Cardiology and pulmonology readings a coder sees daily: the type of a myocardial infarction (I21.A1),
 * the kind of persistent atrial fibrillation (I48.19), a rapid ventricular response that is no ventricular
 * fibrillation, ECG "ST depressions" that are no depressive episode, "LAD" the artery, and the findings
 * integral to heart failure and infarction (Guidelines I.B.5, I.C.9.e.5). Through the whole pipeline;
 * needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled, suggestionsOf } from '../../helpers/knowledge';

const run = suggestionsOf;
const coded = codedOf;

describe.skipIf(!compiled)('myocardial infarction type (Guidelines I.C.9.e.5)', () => {
  it('codes a type 2 myocardial infarction I21.A1, not a STEMI', () => {
    const codes = coded('DIAGNOSES:\n1. Type 2 myocardial infarction in the setting of anemia.\n');
    expect(codes).toContain('I21A1');
    expect(codes.filter((c) => /^I21[0-49]/.test(c))).toEqual([]);
  });

  it('codes a type 2 NSTEMI I21.A1 only', () => {
    const codes = coded('ASSESSMENT: NSTEMI, type 2, from hypotension.\n');
    expect(codes).toContain('I21A1');
    expect(codes).not.toContain('I214');
  });

  it('codes an MI due to demand ischemia I21.A1 and drops the demand ischemia it includes (I24.8 Excludes1)', () => {
    const codes = coded('DIAGNOSES:\n1. Demand ischemia.\n2. MI due to demand ischemia from sepsis.\n');
    expect(codes).toContain('I21A1');
    expect(codes).not.toContain('I2489');
  });

  it('keeps a type 1 NSTEMI I21.4, and type 2 diabetes no reason for I21.A1', () => {
    expect(coded('DIAGNOSES:\n1. NSTEMI, type 1.\n')).toContain('I214');
    const codes = coded('ASSESSMENT: NSTEMI in a patient with type 2 diabetes mellitus.\n');
    expect(codes).toContain('I214');
    expect(codes).not.toContain('I21A1');
  });

  it('does not code an acute coronary syndrome beside the infarction it turned out to be', () => {
    const codes = coded('DIAGNOSES:\n1. Acute coronary syndrome.\n2. NSTEMI.\n');
    expect(codes).toContain('I214');
    expect(codes).not.toContain('I249');
  });
});

describe.skipIf(!compiled)('atrial fibrillation', () => {
  it('codes persistent atrial fibrillation I48.19 and longstanding persistent I48.11', () => {
    expect(coded('DIAGNOSES:\n1. Persistent atrial fibrillation on apixaban.\n')).toContain('I4819');
    const longstanding = coded('DIAGNOSES:\n1. Longstanding persistent atrial fibrillation.\n');
    expect(longstanding).toContain('I4811');
    expect(longstanding).not.toContain('I4819');
  });

  it('reads a rapid ventricular response as the rate of the atrial fibrillation, not ventricular fibrillation', () => {
    for (const note of [
      'ASSESSMENT: Atrial fibrillation with rapid ventricular response.\n',
      'ASSESSMENT: New onset AF with RVR, rate controlled with diltiazem.\n',
    ]) {
      const codes = coded(note);
      expect(codes).toContain('I4891');
      expect(codes).not.toContain('I4901');
    }
  });

  it('still codes ventricular fibrillation', () => {
    expect(coded('ASSESSMENT: Ventricular fibrillation arrest, defibrillated once.\n')).toContain('I4901');
  });
});

describe.skipIf(!compiled)('cardiac words that name another Index entry', () => {
  it('reads ST depressions as an abnormal ECG integral to the infarction, not a depressive episode', () => {
    const out = run('HOSPITAL COURSE: ECG with ST depressions in V4-V6.\nDIAGNOSES:\n1. NSTEMI.\n');
    const codes = out.filter((s) => s.status !== 'not-coded').map((s) => s.code);
    expect(codes.filter((c) => c.startsWith('F32') || c.startsWith('F33'))).toEqual([]);
    expect(codes).toContain('I214');
    expect(out.find((s) => s.code === 'R9431')?.notCoded).toBe('integral-symptom');
  });

  it('keeps a depression a depression', () => {
    expect(coded('ASSESSMENT: Depression, continue sertraline.\n').some((c) => c.startsWith('F32'))).toBe(true);
  });

  it('reads LAD as the artery, not leukocyte adhesion deficiency, unless the record names the deficiency', () => {
    expect(coded('PROCEDURE: Drug-eluting stent to the proximal LAD for 95% LAD stenosis.\n')).not.toContain('D711');
    expect(coded('DIAGNOSES: LAD (leukocyte adhesion deficiency) type I.\n')).toContain('D711');
  });
});

describe.skipIf(!compiled)('findings integral to heart failure and infarction (Guidelines I.B.5)', () => {
  it('does not code the pleural effusions of congestive heart failure', () => {
    const out = run('DIAGNOSES:\n1. Acute on chronic systolic heart failure.\n2. Bilateral pleural effusions due to CHF.\n');
    expect(out.find((s) => s.code === 'I5023')?.status).toBe('suggested');
    expect(out.find((s) => s.code === 'J90')?.notCoded).toBe('integral-symptom');
  });

  it('codes a pleural effusion without heart failure', () => {
    expect(coded('ASSESSMENT: Right pleural effusion, thoracentesis planned.\n')).toContain('J90');
  });

  it('does not code chest pain radiating to the left arm beside the infarction', () => {
    // Where a pain radiates is not its site (context-2): no arm pain is read from "radiating to the left arm".
    const radiating = run('HPI: Substernal chest pain radiating to the left arm.\nDIAGNOSES: NSTEMI.\n');
    expect(radiating.find((s) => s.code === 'M79602' && s.status !== 'not-coded')).toBeUndefined();
    // Arm pain written as a symptom of its own is integral to the infarction.
    const out = run('HPI: Substernal chest pain and left arm pain.\nDIAGNOSES: NSTEMI.\n');
    expect(out.find((s) => s.code === 'M79602')?.notCoded).toBe('integral-symptom');
  });

  it('does not code hypercapnia beside hypercapnic respiratory failure', () => {
    const out = run('ASSESSMENT: Acute on chronic hypercapnic respiratory failure due to COPD exacerbation.\n');
    expect(out.find((s) => s.code === 'J9622')?.status).not.toBe('not-coded');
    const hypercapnia = out.find((s) => s.code === 'R0689');
    if (hypercapnia) expect(hypercapnia.status).toBe('not-coded');
  });
});

describe.skipIf(!compiled)('the words a "without" governs are the absent condition', () => {
  it('codes a pulmonary embolism without acute cor pulmonale I26.99, and no cor pulmonale', () => {
    const codes = coded('IMPRESSION: Acute bilateral pulmonary embolism without acute cor pulmonale.\n');
    expect(codes).toContain('I2699');
    expect(codes.filter((c) => c.startsWith('I27') || c.startsWith('I260'))).toEqual([]);
  });

  it('reads pulmonary emboli without right heart strain as the emboli alone', () => {
    const codes = coded('IMPRESSION: CT showed bilateral segmental pulmonary emboli without right heart strain.\n');
    expect(codes).toContain('I2699');
    expect(codes.filter((c) => c.startsWith('I27') || c.startsWith('I74') || c.startsWith('I51'))).toEqual([]);
  });

  it('codes asthma without status asthmaticus as uncomplicated (J45.909), not J45.902', () => {
    const codes = coded('ASSESSMENT: Asthma without status asthmaticus.\n');
    expect(codes).toContain('J45909');
    expect(codes).not.toContain('J45902');
  });

  it('still codes asthma with status asthmaticus', () => {
    expect(coded('ASSESSMENT: Asthma with status asthmaticus.\n')).toContain('J45902');
  });
});

describe.skipIf(!compiled)('hypertensive crisis (I16, Guidelines I.C.9.a.11)', () => {
  it('codes a hypertensive emergency I16.1 with the hypertension, though the bundled Index prints a code that does not exist (I16.2)', () => {
    const codes = codedOf('ASSESSMENT: Hypertensive emergency with BP 230/130.\n');
    expect(codes).toContain('I161');
    expect(codes).toContain('I10');
    expect(codedOf('ASSESSMENT: Hypertension. Seen in the emergency department.\n')).not.toContain('I161');
  });
});
