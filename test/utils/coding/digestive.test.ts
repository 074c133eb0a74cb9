/**
 * Digestive system and general surgery read as a coder would: appendicitis by its perforation, peritonitis
 * and abscess (K35.2-/K35.3-, FY2021 on), gallstones with cholecystitis as one code (K80.-, Guidelines
 * I.A.15 'with'), and a main term the Index sends elsewhere ("Cholelithiasis — see Calculus, gallbladder").
 * Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import type { Setting } from '../../../utils/coding/types';
import { codedOf, compiled } from '../../helpers/knowledge';

describe.skipIf(!compiled)('digestive system coding', () => {
  const coded = (text: string, setting: Setting = 'inpatient') => codedOf(text, setting).sort();

  it('codes perforated appendicitis with localized peritonitis as K35.32, with abscess as K35.33, and drops the peritonitis (K65 Excludes1)', () => {
    expect(coded('DISCHARGE DIAGNOSES: Acute appendicitis with perforation and localized peritonitis.')).toEqual(['K3532']);
    expect(coded('FINDINGS: Perforated appendix, no abscess.')).toEqual(['K3532']);
    expect(coded('ASSESSMENT: Ruptured appendicitis with periappendiceal abscess.')).toEqual(['K3533']);
    expect(coded('FINDINGS: Gangrenous appendix with localized purulent peritonitis, not perforated.')).toEqual(['K3531']);
    expect(coded('DIAGNOSIS: Acute appendicitis with generalized peritonitis, perforated.')).toEqual(['K35201']);
    expect(coded('DIAGNOSIS: Acute appendicitis, nonperforated.')).toEqual(['K3580']);
  });

  it('codes gallstones with cholecystitis as one K80 code, within a sentence or across the record', () => {
    expect(coded('ASSESSMENT: Acute calculous cholecystitis.')).toEqual(['K8000']);
    expect(coded('ASSESSMENT: Acute acalculous cholecystitis.')).toEqual(['K810']);
    expect(coded('ASSESSMENT: Acute cholecystitis. Ultrasound shows gallstones.')).toEqual(['K8000']);
    expect(coded('ASSESSMENT: Chronic cholecystitis. Cholelithiasis.')).toEqual(['K8010']);
    expect(coded('ASSESSMENT: Acute cholecystitis with choledocholithiasis.')).toEqual(['K8042']);
    expect(coded('ASSESSMENT: Cholelithiasis and choledocholithiasis.')).toEqual(['K8070']);
  });

  it('follows the see of a main term written as printed whose subterms the note does not write', () => {
    expect(coded('ASSESSMENT: Cholelithiasis.')).toEqual(['K8020']);
    expect(coded('ASSESSMENT: Choledocholithiasis.')).toEqual(['K8050']);
    expect(coded('ASSESSMENT: Choledocholithiasis with acute cholangitis.')).toEqual(['K8032']);
    // "declined" is not the main term Decline (see Deterioration, R53.81).
    expect(coded('Influenza vaccine was declined.', 'outpatient')).toEqual([]);
  });
  it('codes diverticular disease of the colon to the large intestine, with abscess as K57.20, and drops the intestinal abscess (K63.0 Excludes1)', () => {
    expect(coded('ASSESSMENT: Acute diverticulitis of sigmoid colon with abscess.')).toEqual(['K5720']);
    expect(coded('CT: acute sigmoid diverticulitis, no abscess or perforation.')).toEqual(['K5732']);
    expect(coded('IMPRESSION: Sigmoid diverticulosis.')).toEqual(['K5730']);
    expect(coded('IMPRESSION: Diverticulosis.')).toEqual(['K5790']);
  });

  it('codes opioid-induced constipation as drug induced (K59.03) with the adverse effect, and C. difficile colitis as A04.7-', () => {
    expect(coded('ASSESSMENT: Opioid-induced constipation from oxycodone.', 'outpatient')).toEqual(['K5903', 'T402X5A']);
    expect(coded('ASSESSMENT: Constipation.', 'outpatient')).toEqual(['K5900']);
    expect(coded('DIAGNOSES: Clostridioides difficile colitis.')).toEqual(['A0472']);
    expect(coded('DIAGNOSES: Recurrent C. diff colitis.')).toEqual(['A0471']);
  });

  it('codes an incarcerated hernia with obstruction once (K40.30), without the bowel obstruction or its obstipation, and cirrhosis with ascites once', () => {
    expect(coded('DIAGNOSIS: Incarcerated right inguinal hernia with small bowel obstruction. Right inguinal hernia. Vomiting and obstipation.')).toEqual(['K4030']);
    expect(coded('DIAGNOSES: Alcoholic cirrhosis of liver with ascites. Alcoholic cirrhosis.')).toEqual(['K7031']);
  });
});
