/**
 * Emergency and trauma notes, round 2: how the fall happened (External Cause Index), where, in what activity
 * and status the injury happened (Y92, Y93, Y99; Guidelines I.C.20.b, c, k), and the order of several burns
 * (I.C.19.d).
 */
import { describe, expect, it } from 'vitest';
import { firstRow } from '../../../utils/coding/external-cause-context';
import { codedOf, compiled, suggestionsOf } from '../../helpers/knowledge';

const ed = (text: string): string[] => codedOf(`EMERGENCY DEPARTMENT NOTE\n${text}\n`, 'outpatient');

describe('the first place row the sentences name', () => {
  const rows = [
    { code: 'Y92129', words: ['nursing home', 'SNF'], source: 'x' },
    { code: 'Y92009', words: ['at home'], source: 'x' },
  ];
  it('takes the rows in the pack’s order, reads upper-case words in upper case only, and gives the span', () => {
    const text = 'She fell at home. Lives at the nursing home.';
    const found = firstRow(rows, text, [{ start: 0, end: text.length }]);
    expect(found?.row.code).toBe('Y92129');
    expect(text.slice(found?.start, found?.end)).toBe('nursing home');
    expect(firstRow(rows, 'He fell at home.', [{ start: 0, end: 16 }])?.row.code).toBe('Y92009');
    expect(firstRow(rows, 'He fell at the snf.', [{ start: 0, end: 19 }])).toBeUndefined();
  });
});

describe.skipIf(!compiled)('how the fall happened (External Cause Index)', () => {
  it('reads a fall down or on the stairs as W10.9, not the unspecified fall W19', () => {
    const codes = ed('HPI: He fell down the stairs.\nASSESSMENT: Closed fracture of right patella.');
    expect(codes).toContain('W109XXA');
    expect(codes.filter((c) => c.startsWith('W19'))).toEqual([]);
    expect(ed('HPI: She fell on the steps.\nASSESSMENT: Closed fracture of right patella.')).toContain('W109XXA');
  });

  it('reads tripping over a rug that ended in a fall as W18.09; without a fall it is W22.8', () => {
    const fell = ed('HPI: She tripped over a rug and fell.\nASSESSMENT: Closed fracture of right patella.');
    expect(fell).toContain('W1809XA');
    expect(fell.filter((c) => c.startsWith('W19') || c.startsWith('W228'))).toEqual([]);
    expect(ed('HPI: He tripped over the carpet.\nASSESSMENT: Contusion of right knee.')).toContain('W228XXA');
  });
});

describe.skipIf(!compiled)('place, activity and status of the injury (Y92, Y93, Y99)', () => {
  it('codes the place the sentence of the fall names, once, after the cause', () => {
    const codes = ed('HPI: 76 y/o M fell out of bed at the nursing home overnight.\nASSESSMENT: Contusion of right shoulder.');
    expect(codes).toContain('W06XXXA');
    expect(codes.filter((c) => c.startsWith('Y92'))).toEqual(['Y92129']);
    expect(codes.indexOf('Y92129')).toBeGreaterThan(codes.indexOf('W06XXXA'));
    expect(codes.indexOf('Y92129')).toBeGreaterThan(codes.indexOf('S40011A'));
  });

  it('codes no place the note does not state (no Y92.9), and none from the plan’s “discharged home”', () => {
    const codes = ed('HPI: He fell from a ladder.\nASSESSMENT: Closed fracture of left calcaneus.\nPLAN: Discharged home with crutches.');
    expect(codes).toContain('W11XXXA');
    expect(codes.filter((c) => /^Y9[239]/.test(c))).toEqual([]);
  });

  it('codes the place only at the initial encounter, not at the follow-up visit (I.C.20.b)', () => {
    const codes = codedOf(
      'OFFICE VISIT\nHPI: Follow-up visit for a fracture of the right radial shaft after she fell at home. Healing well.\n',
      'outpatient',
    );
    expect(codes.some((c) => c.startsWith('S52') && c.endsWith('D'))).toBe(true);
    expect(codes.filter((c) => c.startsWith('Y92'))).toEqual([]);
  });

  it('codes the sport as the activity and a leisure activity as status Y99.8; the place only after a cause code (I.C.20.b)', () => {
    const codes = ed('HPI: 19 y/o F injured her left ankle while playing basketball at the high school.\nASSESSMENT: Sprain of left ankle, initial encounter.');
    expect(codes).toContain('Y9367');
    expect(codes).toContain('Y998');
    expect(codes.indexOf('Y9367')).toBeGreaterThan(codes.indexOf('S93402A'));
    expect(codes.filter((c) => c.startsWith('Y92'))).toEqual([]);
    const fell = ed('HPI: She fell down the stairs at the high school.\nASSESSMENT: Sprain of left ankle, initial encounter.');
    expect(fell).toContain('W109XXA');
    expect(fell).toContain('Y92213');
  });

  it('codes an injury at work as Y99.0, beside its cause; no status without a cause or activity', () => {
    const work = ed('HPI: He fell from a ladder at work.\nASSESSMENT: Closed fracture of left calcaneus.');
    expect(work).toContain('Y990');
    expect(work).not.toContain('Y998');
    const alone = ed('HPI: Injured at work, mechanism unclear.\nASSESSMENT: Contusion of right knee, initial encounter.');
    expect(alone.filter((c) => c.startsWith('Y99'))).toEqual([]);
  });
});

describe.skipIf(!compiled)('several burns (Guidelines I.C.19.d)', () => {
  it('codes burns of the same site and side at the highest degree only (I.C.19.d.2)', () => {
    const codes = ed('ASSESSMENT: Second degree burn of right thigh. Third degree burn of right thigh. Second degree burn of left thigh.');
    expect(codes).toContain('T24311A');
    expect(codes).not.toContain('T24211A');
    // The other side is another site.
    expect(codes).toContain('T24212A');
  });

  it('sequences the burn of the highest degree first, even when the assessment lists it later (I.C.19.d.1)', () => {
    const codes = ed('ASSESSMENT:\n1. First degree burn of right hand.\n2. Third degree burn of right thigh.\n3. Second degree burn of left forearm.');
    const burns = codes.filter((c) => /^T2[0-5]/.test(c));
    expect(burns).toEqual(['T24311A', 'T22212A', 'T23101A']);
  });

  it('does not code the erythema of a burn (a first degree burn is erythema)', () => {
    expect(ed('Exam: Erythema of right hand.\nASSESSMENT: First degree burn of right hand.')).not.toContain('L539');
  });
});

describe.skipIf(!compiled)('multiple injuries (Guidelines I.C.19.b)', () => {
  it('does not code a contusion or abrasion beside a more severe injury of the same region and side (I.C.19.b.1)', () => {
    const codes = ed('ASSESSMENT: Contusion of right knee. Closed fracture of right patella. Contusion of left knee.');
    expect(codes).toContain('S82001A');
    expect(codes).not.toContain('S8001XA');
    expect(codes).toContain('S8002XA');
  });

  it('leaves no Excludes1 conflict with the superficial injury it left out', () => {
    const list = suggestionsOf('EMERGENCY DEPARTMENT NOTE\nASSESSMENT: Abrasion of forehead. Laceration of scalp.\n', 'outpatient');
    expect(list.find((s) => s.code === 'S0101XA')?.status).toBe('suggested');
    expect(list.find((s) => s.code === 'S0081XA')?.status).toBe('not-coded');
  });

  it('does not code chest or abdominal pain, bruising or shoulder pain beside the injury of that region (I.B.5)', () => {
    const codes = ed(
      'HPI: Chest pain. Abdominal pain. R shoulder pain. Ecchymosis R shoulder.\nASSESSMENT: Multiple fractures of ribs, left side. Laceration of spleen. Contusion of right shoulder.',
    );
    expect(codes).toContain('S2242XA');
    expect(codes.filter((c) => ['R079', 'R109', 'R58', 'M25519', 'M25511'].includes(c))).toEqual([]);
  });

  it('codes the pneumothorax of a trauma once, as traumatic (J93 Excludes1 S27.0)', () => {
    const list = suggestionsOf('H&P\nCT: small left pneumothorax.\nASSESSMENT: Traumatic pneumothorax, left.\nPLAN: Admit to trauma ICU.\n');
    expect(list.find((s) => s.code === 'S270XXA')?.status).toBe('suggested');
    expect(list.find((s) => s.code === 'J939')?.status).toBe('not-coded');
  });
});
