/**
 * Words of US transcribed notes read as conditions no coder would assign, round 3 (sentences written for these
 * tests): "sick" in a history, a work injury that says who pays, the bleeding an operation stops, a thing that
 * slips out of the hands, an infant handed to the nurse, the fit of an implant. Each case has its positive
 * control: the condition documented as a diagnosis is still coded.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled } from '../../helpers/knowledge';

const hpi = (line: string) => `HISTORY OF PRESENT ILLNESS:\n${line}\n`;
const procedure = (line: string) => `DESCRIPTION OF PROCEDURE:\n${line}\n`;
const course = (line: string) => `HOSPITAL COURSE:\n${line}\n`;
const assessment = (line: string) => `ASSESSMENT:\n${line}\n`;
const codes = (text: string) => codedOf(text, 'outpatient').map((c) => c.replace('.', ''));
const startingWith = (text: string, prefix: RegExp) => codes(text).filter((c) => prefix.test(c));

describe.skipIf(!compiled)('US notes 3: words that name no condition the patient has', () => {
  it.each([
    [hpi('The boy has had sick contacts at school and feels sick today.'), /^R69/],
    [hpi('His wife called in sick to drive him here. He has been sick for a week with a cough.'), /^R69/],
    [hpi('He strained his low back lifting boxes; this is a work-related injury seen for workers compensation.'), /^T1490/],
    [hpi('She twisted her right ankle in an injury at work last Monday.'), /^T1490/],
    [procedure('Bleeding from the wound edges was controlled with electrocautery and hemostasis was obtained.'), /^R58/],
    [procedure('Pressure was held until the bleeding stopped.'), /^R58/],
    [course('There was some bleeding at the port site, which was controlled with a suture.'), /^R58/],
    [hpi('She notices that cups slip out of her hands when she holds them.'), /^W01/],
    [hpi('His feeding tube slipped out last night.'), /^W01/],
    [course('The cord was doubly clamped and cut and the baby was handed to the nurse.'), /^(S6|W2)/],
    [procedure('The trial stem was placed and had an excellent fit. The graft was trimmed to fit the defect.'), /^R56/],
  ])('%s codes nothing matching %s', (text, prefix) => {
    expect(startingWith(text, prefix)).toEqual([]);
  });

  it.each([
    [assessment('Sick sinus syndrome, for pacemaker placement.'), /^I495/],
    [assessment('Sprain of the right ankle.'), /^S934/],
    [assessment('Hemorrhage, source not yet identified.'), /^R58/],
    [hpi('She slipped on the wet floor and fell, striking her knee.'), /^W01/],
    [assessment('Laceration of the left hand. He is right-handed.'), /^S6141/],
    [hpi('She had a seizure at home this morning, a fit with shaking of all four limbs.'), /^R56/],
  ])('control: %s still codes %s', (text, prefix) => {
    expect(startingWith(text, prefix).length).toBeGreaterThan(0);
  });
});

describe.skipIf(!compiled)('an operative narrative keeps the injury that brought the patient to the operation', () => {
  it('a fall the procedure section tells as the history is coded with its injury', () => {
    const text = procedure('The patient is a 70-year-old roofer who fell from a ladder and fractured his right wrist. He was brought to the operating room.');
    expect(startingWith(text, /^W11/).length).toBeGreaterThan(0);
    expect(startingWith(text, /^S52|^S62/).length).toBeGreaterThan(0);
    expect(startingWith(procedure('He presents after a fall at home in which he struck his head.'), /^W(01|18|19)/).length).toBeGreaterThan(0);
  });

  it('the things that fall in the operation itself are still no fall', () => {
    expect(startingWith(procedure('The head was allowed to fall back into extension. The stone fell into the basket.'), /^W/)).toEqual([]);
  });
});
