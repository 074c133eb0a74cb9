/**
 * Operative and procedure narratives (sentences written for these tests, in the style of US transcribed
 * operative notes): what the surgeon did is no injury and no external cause; the diagnosis sections and
 * the injuries the narrative calls injuries are still coded.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled } from '../../helpers/knowledge';

const narrative = (line: string) =>
  `POSTOPERATIVE DIAGNOSIS:\nInguinal hernia.\n\nDESCRIPTION OF PROCEDURE:\n${line}\n`;
const bare = (codes: string[]) => codes.map((c) => c.replace('.', ''));
const prefixed = (codes: string[], prefix: string) => bare(codes).filter((c) => c.startsWith(prefix));

describe.skipIf(!compiled)('an operative narrative tells the operation, not an external cause', () => {
  it.each([
    ['The small vessel was clamped and cut with Metzenbaum scissors.', 'W27'],
    ['The oscillating saw was used to cut the distal tibia.', 'W27'],
    ['A low pressure pneumoperitoneum was established with carbon dioxide.', 'W94'],
    ['The stomach was divided with three fires of the linear stapler.', 'X08'],
    ['We began by lifting up the transverse colon.', 'X50'],
    ['The vagina was flooded with iodine solution.', 'X38'],
    ['The head was then allowed to fall back onto the headrest.', 'W19'],
    ['Sponge, needle and instrument counts were correct at the close of the procedure.', 'Y65'],
  ])('%s codes no %s', (line, prefix) => {
    expect(prefixed(codedOf(narrative(line), 'outpatient'), prefix)).toEqual([]);
  });

  it('a fall the history tells is still an external cause', () => {
    const coded = bare(codedOf('HISTORY OF PRESENT ILLNESS:\nHe fell off a ladder at work and fractured his left wrist.\n', 'outpatient'));
    expect(coded.some((c) => c.startsWith('S52') || c.startsWith('S62'))).toBe(true);
    expect(coded.some((c) => c.startsWith('W11'))).toBe(true);
  });
});

describe.skipIf(!compiled)('a structure named or cut in an operation is no injury of it', () => {
  it.each([
    ['The ulnar nerve was identified, mobilized and transposed anteriorly.', 'S54'],
    ['The greater saphenous vein was stripped from the groin to the knee.', 'S85'],
    ['The wound was irrigated and the skin closed with staples.', 'T14'],
    ['A small hematoma was evacuated and hemostasis obtained.', 'T14'],
    ['The calculus was broken into fragments with the laser.', 'T14'],
    ['The anterior bladder neck was then cut at the six o\'clock position.', 'S1'],
  ])('%s codes no %s', (line, prefix) => {
    expect(prefixed(codedOf(narrative(line), 'outpatient'), prefix)).toEqual([]);
  });

  it('the injury the diagnosis names is still coded beside its narrative', () => {
    const note =
      'POSTOPERATIVE DIAGNOSIS:\nClosed fracture of the left distal radius.\n\nDESCRIPTION OF PROCEDURE:\nThe fracture was reduced and the wound was closed.\n';
    expect(prefixed(codedOf(note, 'outpatient'), 'S52')).not.toEqual([]);
  });

  it('a laceration the procedure repairs is still an injury', () => {
    const note = 'PROCEDURE:\nRepair of a 3 cm laceration of the left forearm.\n';
    expect(prefixed(codedOf(note, 'outpatient'), 'S51')).not.toEqual([]);
  });
});

describe.skipIf(!compiled)('frozen sections, cryoablation and consent are no conditions', () => {
  it('a frozen section is a pathology examination, not cold exposure', () => {
    expect(prefixed(codedOf('FINDINGS:\nThe node was sent for frozen section, which was benign.\n', 'outpatient'), 'T69')).toEqual([]);
    expect(prefixed(codedOf(narrative('The gland was frozen to minus 40 degrees in two cycles.'), 'outpatient'), 'T69')).toEqual([]);
  });

  it('cold exposure the history tells is still coded', () => {
    const coded = bare(codedOf('ASSESSMENT:\nFrostbite of the right hand after exposure to cold.\n', 'outpatient'));
    expect(coded.some((c) => c.startsWith('T33') || c.startsWith('T34'))).toBe(true);
  });

  it('complications explained at consent are no complication', () => {
    const note = 'INDICATIONS:\nThe risks and complications of the procedure were explained and consent was signed.\n';
    expect(prefixed(codedOf(note, 'outpatient'), 'T81')).toEqual([]);
  });

  it('injuries listed among the risks the patient accepts are not coded', () => {
    const note = narrative('He accepts the risks to include bleeding, infection and injury to the bladder or bowel.');
    expect(bare(codedOf(note, 'outpatient')).filter((c) => /^S3[67]/.test(c))).toEqual([]);
  });

  it('falling asleep is no fall', () => {
    expect(prefixed(codedOf('FINDINGS:\nShe fell asleep within five minutes.\n', 'outpatient'), 'W').filter((c) => c < 'W20')).toEqual([]);
  });
});

describe.skipIf(!compiled)('a narrative under an unrecognized heading', () => {
  const unheaded = (line: string) => `Left renal mass, seen in clinic.\n${line}\n`;

  it('cryoablation freezes the lesion, not the patient', () => {
    const line = 'Two freeze-thaw cycles were done and the lesion was frozen to minus 140 degrees.';
    expect(prefixed(codedOf(unheaded(line), 'outpatient'), 'T69')).toEqual([]);
  });

  it('scissors that cut the skin beside an incision are the surgeon\'s', () => {
    const line = 'After the incision was deepened, the skin edge was cut using scissors.';
    expect(prefixed(codedOf(unheaded(line), 'outpatient'), 'W27')).toEqual([]);
  });

  it('a thumb the patient cut with scissors is still an injury', () => {
    const note = 'HISTORY OF PRESENT ILLNESS:\nShe accidentally cut her left thumb with scissors while crafting at home, a 1 cm laceration.\n';
    expect(prefixed(codedOf(note, 'outpatient'), 'S61')).not.toEqual([]);
  });
});

describe.skipIf(!compiled)('cautery and anesthesia in the narrative', () => {
  it('a bed burned with the cautery is no burn', () => {
    const line = 'The liver bed was cauterized and the remaining mucosa was burned off.';
    expect(bare(codedOf(narrative(line), 'outpatient')).filter((c) => /^T(2\d|3[0-2])/.test(c))).toEqual([]);
  });

  it('the burn the diagnosis names is still coded', () => {
    const note = 'POSTOPERATIVE DIAGNOSIS:\nThird-degree burn of the right forearm.\n\nDESCRIPTION OF PROCEDURE:\nThe burn eschar was excised.\n';
    expect(prefixed(codedOf(note, 'outpatient'), 'T22')).not.toEqual([]);
  });

  it('the operation under the effects of anesthesia is no anesthesia complication', () => {
    const line = 'The patient was positioned under the effects of general endotracheal anesthesia.';
    expect(prefixed(codedOf(narrative(line), 'outpatient'), 'T88')).toEqual([]);
  });
});

