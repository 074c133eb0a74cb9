/**
 * Emergency department and trauma notes through the whole analyzer: what an ED coder sees every shift (falls,
 * open fractures, unspecified injuries beside named ones, symptoms of an injury, words that are no finding).
 */
import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../../utils/coding/types';
import { codedOf, compiled, suggestionsOf } from '../../helpers/knowledge';

const run = (text: string): Suggestion[] => suggestionsOf(`EMERGENCY DEPARTMENT NOTE\n${text}\n`, 'outpatient');
const coded = (text: string): string[] => codedOf(`EMERGENCY DEPARTMENT NOTE\n${text}\n`, 'outpatient');

describe.skipIf(!compiled)('emergency and trauma notes', () => {
  it('does not code one fall as R29.6 Repeated falls; recurrent falls are', () => {
    expect(coded('HPI: She fell at home and fractured her right wrist.')).not.toContain('R296');
    expect(coded('HPI: Mechanical fall from standing. Left ankle sprain.')).not.toContain('R296');
    expect(coded('HPI: She has recurrent falls.')).toContain('R296');
  });

  it('reads "slipped on ice and fell" as the fall on same level due to ice (W00.0), not the unspecified W00.9', () => {
    const codes = coded('HPI: He slipped on ice and fell, with a closed fracture of the left radial head.');
    expect(codes).toContain('W000XXA');
    expect(codes).not.toContain('W009XXA');
  });

  it('does not read a tetanus toxoid as tetanus (A35)', () => {
    const codes = coded('HPI: Laceration of the left hand. ED course: Tetanus toxoid given. Wound sutured.');
    expect(codes.filter((c) => /^A3[3-5]/.test(c))).toEqual([]);
    expect(codes.some((c) => c.startsWith('S61'))).toBe(true);
  });

  it('does not read a hematoma block as a contusion or other injury', () => {
    const codes = coded('ASSESSMENT: Closed Colles fracture of right radius.\nPLAN: Closed reduction under hematoma block.');
    expect(codes).toContain('S52531A');
    expect(codes.filter((c) => c.startsWith('T148') || /^S\d\dX?0/.test(c))).toEqual([]);
  });

  it('does not code the plan’s "pain control" as R52', () => {
    expect(coded('ASSESSMENT: Cervical strain.\nPLAN: Pain control with ibuprofen.')).not.toContain('R52');
  });

  it('reads "open" two words before "fracture" as an open fracture (7th character B)', () => {
    expect(coded('ASSESSMENT: Open displaced comminuted fracture of the left tibial shaft.')).toContain('S82252B');
    expect(coded('ASSESSMENT: Closed displaced comminuted fracture of the left tibial shaft.')).toContain('S82252A');
  });

  it('leaves out the unspecified injury of a region beside the named injury of that region', () => {
    const list = run('CC: Head injury.\nASSESSMENT: Concussion with loss of consciousness of 30 minutes or less.');
    const head = list.find((s) => s.code === 'S0990XA');
    expect(head?.status).toBe('not-coded');
    expect(head?.notCoded).toBe('less-specific');
    expect(list.find((s) => s.code === 'S060X1A')?.status).not.toBe('not-coded');
    expect(coded('ASSESSMENT: Burn of unspecified body region. Second degree burn of right forearm.')).not.toContain('T300');
  });

  it('codes a stab wound of the abdomen or chest as a laceration (Index: Stab - see Laceration), not an unspecified injury', () => {
    const abdomen = coded('ASSESSMENT: Stab wound of the abdomen.');
    expect(abdomen).toContain('S31119A');
    expect(abdomen).not.toContain('S3991XA');
    const chest = coded('ASSESSMENT: Stab wound of the chest.');
    expect(chest).toContain('S2191XA');
    expect(chest).not.toContain('S299XXA');
  });

  it('codes fractures of two or more ribs as multiple rib fractures, with the side written (S22.4-, S22.3-)', () => {
    const two = coded('ASSESSMENT: Nondisplaced fractures of left 5th and 6th ribs.');
    expect(two).toContain('S2242XA');
    expect(two.filter((c) => c.startsWith('S223'))).toEqual([]);
    expect(coded('ASSESSMENT: Fracture of right 4th rib.')).toContain('S2231XA');
    expect(coded('ASSESSMENT: Bilateral rib fractures.')).toContain('S2243XA');
  });

  it('does not code the swelling, neck pain or chest wall pain of a documented injury (Guidelines I.B.5)', () => {
    expect(coded('HPI: Left ankle swelling.\nASSESSMENT: Sprain of left ankle.')).not.toContain('R609');
    expect(coded('HPI: Neck pain after the collision.\nASSESSMENT: Cervical strain.')).not.toContain('M542');
    expect(coded('HPI: Left chest wall pain.\nASSESSMENT: Closed fracture of one rib, left side.')).not.toContain('R0789');
  });
});
