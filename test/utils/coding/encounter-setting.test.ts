import { describe, expect, it } from 'vitest';
import { defaultEncounterSettings, inferSetting, parseEncounterSettings } from '../../../utils/coding/encounter-setting';
import { detectSections } from '../../../utils/nlp/sections';

const hint = (text: string) => inferSetting(text, detectSections(text));

describe('inferSetting', () => {
  it('reads a discharge summary as inpatient, naming its cues', () => {
    const h = hint('DISCHARGE SUMMARY\nAdmission date: 10/12/2026\nHOSPITAL COURSE:\nDiuresed with IV furosemide.');
    expect(h?.setting).toBe('inpatient');
    expect(h?.cues).toEqual(expect.arrayContaining(['admission date', 'discharge summary']));
    // The heading "HOSPITAL COURSE" and the words "hospital course" count once.
    expect(h?.cues.filter((c) => c.toLowerCase() === 'hospital course')).toHaveLength(1);
  });

  it('reads a clinic follow-up as outpatient', () => {
    expect(hint('Established patient seen in clinic for a follow-up visit of hypertension. Return to clinic in 3 months.')?.setting).toBe('outpatient');
  });

  it('proposes nothing from a single cue, or when both settings are named as much', () => {
    expect(hint('Chest pain for two days. Progress note.')).toBeUndefined();
    expect(hint('Outpatient clinic visit after a hospital course for pneumonia; discharge summary reviewed.')).toBeUndefined();
  });

  it('matches whole words only ("inpatients" in a sentence about others is no cue)', () => {
    // One real cue ("discharge summary"); "inpatients" must not count as a second.
    expect(hint('The discharge summary of her husband was reviewed; she volunteers with inpatients.')).toBeUndefined();
    expect(hint('The discharge summary was reviewed; she is an inpatient.')?.setting).toBe('inpatient');
  });

  it('validates its rule pack and refuses an unknown key', () => {
    expect(defaultEncounterSettings().settings.map((s) => s.setting)).toEqual(['inpatient', 'outpatient']);
    expect(() => parseEncounterSettings({ ...defaultEncounterSettings(), extra: 1 })).toThrow('encounter-settings.json');
  });
});
