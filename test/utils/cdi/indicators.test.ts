import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractIndicators, isActive } from '../../../utils/cdi/indicators';
import type { Indicator } from '../../../utils/cdi/types';

const one = (text: string, name: string): Indicator => {
  const found = extractIndicators(text).filter((i) => i.name === name && !i.derived);
  expect(found, `${name} in ${JSON.stringify(text)}`).toHaveLength(1);
  return found[0] as Indicator;
};

describe('extractIndicators: the forms real notes use (issue 6)', () => {
  it.each([
    ['Cr 2.1 (baseline 0.9)', 'creatinine', 2.1, 'mg/dL', 'Cr 2.1 (baseline 0.9)'],
    ['Na 128', 'sodium', 128, 'mmol/L', 'Na 128'],
    ['lactate 4.2', 'lactate', 4.2, 'mmol/L', 'lactate 4.2'],
    ['Hgb 7.1 from 9.8', 'hemoglobin', 7.1, 'g/dL', 'Hgb 7.1 from 9.8'],
    ['BNP 1,450', 'bnp', 1450, 'pg/mL', 'BNP 1,450'],
    ['T 38.9 C / 102 F', 'temperature', 38.9, 'C', 'T 38.9 C'],
    ['HR 118', 'heart_rate', 118, 'bpm', 'HR 118'],
    ['RR 28', 'resp_rate', 28, '/min', 'RR 28'],
    ['BP 84/50', 'bp', 84, 'mmHg', 'BP 84/50'],
    ['MAP 58', 'map', 58, 'mmHg', 'MAP 58'],
    ['SpO2 86% on RA', 'spo2', 86, '%', 'SpO2 86% on RA'],
    ['FiO2 60%', 'fio2', 60, '%', 'FiO2 60%'],
    ['BMI 42.3', 'bmi', 42.3, 'kg/m2', 'BMI 42.3'],
    ['albumin 2.1', 'albumin', 2.1, 'g/dL', 'albumin 2.1'],
    ['eating 25% of meals', 'intake', 25, '%', 'eating 25% of meals'],
    ['NT-proBNP 8,420', 'nt_probnp', 8420, 'pg/mL', 'NT-proBNP 8,420'],
    ['troponin 0.45', 'troponin', 0.45, 'ng/mL', 'troponin 0.45'],
    ['hs-troponin 85 ng/L', 'hs_troponin', 85, 'ng/L', 'hs-troponin 85 ng/L'],
    ['WBC 18.2', 'wbc', 18.2, 'K/uL', 'WBC 18.2'],
    ['bands 12%', 'bands', 12, '%', 'bands 12%'],
    ['PaO2 55', 'pao2', 55, 'mmHg', 'PaO2 55'],
    ['PaCO2 62', 'paco2', 62, 'mmHg', 'PaCO2 62'],
    ['pH 7.28', 'ph', 7.28, undefined, 'pH 7.28'],
    ['glucose 450', 'glucose', 450, 'mg/dL', 'glucose 450'],
    ['weight 68 kg', 'weight', 68, 'kg', 'weight 68 kg'],
  ])('%s', (text, name, value, unit, quote) => {
    const i = one(text, name);
    expect(i.value).toBe(value);
    expect(i.unit).toBe(unit);
    expect(i.quote).toBe(quote);
    expect(text.slice(i.span.start, i.span.end)).toBe(quote);
  });

  it('reads a baseline and an earlier value into the series', () => {
    expect(one('Cr 2.1 (baseline 0.9)', 'creatinine').series?.map((p) => [p.role, p.value])).toEqual([
      ['baseline', 0.9],
      ['current', 2.1],
    ]);
    expect(one('Hgb 7.1 from 9.8', 'hemoglobin').series?.map((p) => [p.role, p.value])).toEqual([
      ['earlier', 9.8],
      ['current', 7.1],
    ]);
  });

  it('reads a comparison after a time word, and a baseline named again, as one mention', () => {
    const text = 'Creatinine 2.6 mg/dL today, up from 1.4 mg/dL on admission; baseline creatinine 0.9 mg/dL in August.';
    const creatinine = extractIndicators(text).filter((i) => i.name === 'creatinine');
    expect(creatinine.map((i) => i.series?.map((p) => [p.role, p.value]))).toEqual([
      [
        ['baseline', 0.9],
        ['earlier', 1.4],
        ['current', 2.6],
      ],
    ]);
  });

  it('reads "H&H 12.0 and 36" as one hemoglobin/hematocrit pair, not a fall to 3.6', () => {
    const hgb = one('H&H 12.0 and 36.', 'hemoglobin');
    expect([hgb.value, hgb.value2, hgb.series]).toEqual([12, 36, undefined]);
    expect(one('H&H 10 and 33, down from 13 and 39.', 'hemoglobin').series?.map((p) => p.value)).toEqual([13, 10]);
    // Without the pair's name, "and" still lists two hemoglobin values.
    expect(one('Hgb 7.1 and 6.8 today.', 'hemoglobin').series?.map((p) => p.value)).toEqual([7.1, 6.8]);
  });

  it('takes the value at its own place in a list of names and values ("BUN and creatinine of 27 and 1.9")', () => {
    const cr = one('BUN and creatinine are of 27 and 1.9.', 'creatinine');
    expect([cr.value, cr.unit, cr.series]).toEqual([1.9, 'mg/dL', undefined]);
    expect(one('Creatinine and BUN of 1.9 and 27.', 'creatinine').value).toBe(1.9);
    expect(one('Sodium, potassium and creatinine of 131, 4.2 and 2.3.', 'sodium').value).toBe(131);
    // Names and values that do not line up: nothing is read rather than a guess.
    expect(extractIndicators('BUN and creatinine of 27, 1.9 and 3.1.').filter((i) => i.name === 'creatinine')).toEqual([]);
    // A value after each name is read the usual way.
    expect(one('BUN 27, creatinine 1.9.', 'creatinine').value).toBe(1.9);
  });

  it('reads the usual wordings of aspiration and swallowing trouble, negated when denied', () => {
    for (const text of ['Signs of aspiration with thin liquids.', 'Choking on thin liquids at lunch.', 'Modified barium swallow: silent aspiration.']) {
      expect(extractIndicators(text).some((i) => i.name === 'aspiration_risk' && !i.context.negated)).toBe(true);
    }
    expect(extractIndicators('No signs of aspiration.').find((i) => i.name === 'aspiration_risk')?.context.negated).toBe(true);
  });

  it('does not read a differential count after a platelet count as a later platelet value', () => {
    const platelets = one('platelets 267,000, 7 stabs, 68 segs.', 'platelets');
    expect([platelets.value, platelets.series]).toEqual([267, undefined]);
  });

  it('leaves out of the series an earlier value written as months ago (outside any KDIGO window)', () => {
    expect(one('Cr 1.6 today vs 1.0 six months ago.', 'creatinine').series).toBeUndefined();
    expect(one('Cr 1.6 today vs 1.0 two days ago.', 'creatinine').series?.map((p) => p.value)).toEqual([1, 1.6]);
  });

  it('reads trends written with arrows, "from ... to", "now" and lists', () => {
    expect(one('Troponin 0.04 -> 0.32 -> 0.28', 'troponin').series?.map((p) => p.value)).toEqual([0.04, 0.32, 0.28]);
    expect(one('Creatinine increased from 0.9 to 2.1.', 'creatinine').series?.map((p) => p.value)).toEqual([0.9, 2.1]);
    expect(one('Cr 1.0 on admission, 1.1 today.', 'creatinine').series?.map((p) => p.value)).toEqual([1, 1.1]);
    expect(one('Trop I 0.03, 0.05, 0.04.', 'troponin').series?.map((p) => p.value)).toEqual([0.03, 0.05, 0.04]);
    expect(one('H/H 7.8/23.4, down from 10.2/30.6', 'hemoglobin').series?.map((p) => p.value)).toEqual([10.2, 7.8]);
  });

  it('keeps a list of other labs apart (Na 128, K 4.1)', () => {
    expect(one('Na 128, K 4.1, Cr 0.9', 'sodium').series).toBeUndefined();
  });

  it('converts units and infers Fahrenheit only when Celsius is implausible', () => {
    expect(one('Tmax 102.3', 'temperature').value).toBeCloseTo(39.06, 1);
    expect(one('temp 101.2 F', 'temperature')).toMatchObject({ unit: 'C', writtenUnit: 'F' });
    expect(one('creatinine 150 umol/L', 'creatinine').value).toBeCloseTo(1.7, 1);
    expect(one('WBC 18,200', 'wbc').value).toBe(18.2);
    expect(one('FiO2 0.6', 'fio2').value).toBe(60);
  });

  it('drops values implausible for the measure (albumin 25 g is a dose)', () => {
    expect(extractIndicators('Albumin 25 g IV given.').filter((i) => i.name === 'albumin')).toEqual([]);
  });

  it('reads decades, ranges and comparators as bounds', () => {
    expect(one('tachycardic to the 130s', 'heart_rate')).toMatchObject({ low: 130, high: 139 });
    expect(one('EF 25-30%', 'ef')).toMatchObject({ low: 25, high: 30 });
    expect(one('troponin <0.01', 'troponin')).toMatchObject({ low: 0, high: 0.01 });
  });

  it('reads the oxygen device with SpO2 and the flow alone', () => {
    expect(one('sats 88% on 4L NC', 'spo2').attributes).toEqual({ device: 'nasal cannula', flowLpm: 4 });
    expect(one('now on 4L NC', 'oxygen')).toMatchObject({ quote: '4L NC', attributes: { flowLpm: 4, device: 'nasal cannula' } });
    expect(one('SpO2 90% on high flow 50 L, FiO2 60%', 'spo2').attributes?.device).toBe('high-flow nasal cannula');
  });

  it('reads a medication with its route, stated or implied', () => {
    expect(one('started on IV Lasix 40 mg BID', 'furosemide')).toMatchObject({
      route: 'IV',
      routeSource: 'stated',
      quote: 'IV Lasix 40 mg',
    });
    expect(one('norepinephrine drip', 'norepinephrine')).toMatchObject({ route: 'IV', quote: 'norepinephrine drip' });
    expect(one('Levophed at 8 mcg/min', 'norepinephrine')).toMatchObject({ route: 'IV', routeSource: 'implied' });
    expect(one('home furosemide 20 mg PO daily', 'furosemide').route).toBe('PO');
    expect(one('lactulose 30 mL every 2 hours', 'lactulose').route).toBeUndefined();
    expect(one('Transfused 2 units PRBC overnight.', 'prbc').attributes).toEqual({ units: 2 });
  });

  it('skips medications listed under Allergies', () => {
    expect(extractIndicators('ALLERGIES: vancomycin (rash).\nPLAN: cefepime.').map((i) => i.name)).toEqual(['cefepime']);
  });

  it('reads pressure-injury stage, site and present-on-admission', () => {
    expect(one('stage 3 pressure injury sacrum, present on admission', 'pressure_injury').attributes).toEqual({
      stage: '3',
      site: 'sacral region',
      poa: 'Y',
    });
    expect(one('Unstageable pressure injury of the left heel.', 'pressure_injury').attributes).toEqual({
      stage: 'unstageable',
      site: 'left heel',
    });
    expect(one('Stage II decubitus, hospital-acquired.', 'pressure_injury').attributes).toEqual({ stage: '2', poa: 'N' });
  });

  it('reads blood gases and derives MAP and PaO2/FiO2', () => {
    const abg = extractIndicators('ABG 7.28/62/55 on FiO2 50%.');
    expect(abg.filter((i) => !i.derived).map((i) => [i.name, i.value])).toEqual([
      ['paco2', 62],
      ['pao2', 55],
      ['ph', 7.28],
      ['fio2', 50],
    ]);
    expect(abg.find((i) => i.name === 'pf_ratio')).toMatchObject({ value: 110, derived: true });
    expect(extractIndicators('BP 84/50').find((i) => i.name === 'map')).toMatchObject({ value: 61, derived: true });
  });

  it('reads culture organisms, not screening swabs', () => {
    expect(one('Sputum culture grew Pseudomonas aeruginosa.', 'culture_organism').attributes).toEqual({
      organism: 'Pseudomonas aeruginosa',
      specimen: 'sputum',
    });
    expect(extractIndicators('MRSA nares screen positive.').filter((i) => i.name === 'culture_organism')).toEqual([]);
  });

  it('reads weight loss with its period and percentage', () => {
    expect(one('Lost 15 lb over 3 months. Weight 60 kg.', 'weight_loss').attributes).toEqual({ periodDays: 90, percent: 10.2 });
    expect(one('10% weight loss in 6 months', 'weight_loss')).toMatchObject({
      value: 10,
      unit: '%',
      attributes: { periodDays: 180, percent: 10 },
    });
  });

  it('reads times: admission, hospital day, dates', () => {
    expect(one('Creatinine 1.1 on admission.', 'creatinine').time).toMatchObject({ text: 'admission', day: 1, basis: 'hospital' });
    expect(one('HD 3: Cr 1.6', 'creatinine').time).toMatchObject({ day: 3, basis: 'hospital' });
    expect(one('Cr 1.6 on 3/14 06:00', 'creatinine').time).toMatchObject({ basis: 'calendar', hour: 6 });
  });
});

describe('extractIndicators: context', () => {
  it('flags negated findings and therapies (No JVD, not on pressors)', () => {
    const list = extractIndicators('No JVD. Not on pressors.');
    expect(list.map((i) => [i.name, i.context.negated])).toEqual([
      ['jvd', true],
      ['pressors', true],
    ]);
    expect(list.some(isActive)).toBe(false);
  });

  it('does not negate a number (Denies pain, HR 118)', () => {
    expect(isActive(one('Denies chest pain, HR 118.', 'heart_rate'))).toBe(true);
  });

  it('treats a planned therapy as hypothetical', () => {
    expect(one('Will start BiPAP if work of breathing worsens.', 'bipap').context.hypothetical).toBe(true);
    expect(one('Consider BiPAP overnight.', 'bipap').context.hypothetical).toBe(true);
    expect(one('Placed on BiPAP in the ED.', 'bipap').context.hypothetical).toBe(false);
  });

  it('does not read a transfusion threshold or consent as a transfusion', () => {
    expect(one('Transfusion threshold Hgb < 7.', 'prbc').context.hypothetical).toBe(true);
  });

  it('leaves out words that name other things (ECG vent. rate, bleeding risk)', () => {
    expect(extractIndicators('ECG: Vent. rate 88 BPM. Bleeding risk discussed.').map((i) => i.name)).toEqual([]);
  });

  it('treats a history as historical', () => {
    expect(one('History of stage 3 sacral pressure ulcer, healed.', 'pressure_injury').context.historical).toBe(true);
  });
});

describe('extractIndicators: robustness', () => {
  it('returns nothing for an empty note', () => {
    expect(extractIndicators('')).toEqual([]);
  });

  it('quotes exactly what its span covers, in text order, for any text', () => {
    const piece = fc.constantFrom(
      'Cr 2.1 (baseline 0.9)',
      'Na 128',
      ' ',
      '\n',
      'No JVD.',
      'SpO2 86% on RA',
      'IV Lasix',
      'BP 84/50',
      '1,450',
      'x',
      '(',
      '%',
      '/',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 8 })), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const list = extractIndicators(text);
        for (const i of list) {
          expect(text.slice(i.span.start, i.span.end)).toBe(i.quote);
          expect(i.span.start).toBeGreaterThanOrEqual(0);
          expect(i.span.end).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
