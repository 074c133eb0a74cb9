import { beforeAll, describe, expect, it } from 'vitest';
import data from '../../../assets/rules/coding.json';
import { type AnalysisKnowledge, analyze } from '../../../utils/coding/analyze';
import { chooseSeventh, presentPart, type SeventhOption, withImpliedWords } from '../../../utils/coding/injury-encounter';
import { defaultCodingRules, parseCodingRules } from '../../../utils/coding/rule-pack';
import { compiled, compiledKnowledge } from '../../helpers/knowledge';

const rules = defaultCodingRules().injuryEncounter;
const option = (char: string, meaning: string): SeventhOption => ({ char, meaning, code: `S0181X${char}` });
/** The 7th characters of most injuries (S01 open wound of head). */
const INJURY = [option('A', 'initial encounter'), option('D', 'subsequent encounter'), option('S', 'sequela')];
/** The 7th characters of a fracture with open types (S52). */
const FRACTURE = [
  ['A', 'initial encounter for closed fracture'],
  ['B', 'initial encounter for open fracture type I or II (includes: initial encounter for open fracture NOS)'],
  ['C', 'initial encounter for open fracture type IIIA, IIIB, or IIIC'],
  ['D', 'subsequent encounter for closed fracture with routine healing'],
  ['E', 'subsequent encounter for open fracture type I or II with routine healing'],
  ['G', 'subsequent encounter for closed fracture with delayed healing'],
  ['K', 'subsequent encounter for closed fracture with nonunion'],
  ['M', 'subsequent encounter for open fracture type I or II with nonunion'],
  ['P', 'subsequent encounter for closed fracture with malunion'],
  ['S', 'sequela'],
].map(([c, m]) => option(c as string, m as string));
/** The 7th characters of a fracture without open types (S02 skull, S12 neck). */
const PLAIN_FRACTURE = [
  ['A', 'initial encounter for closed fracture'],
  ['B', 'initial encounter for open fracture'],
  ['D', 'subsequent encounter for fracture with routine healing'],
  ['G', 'subsequent encounter for fracture with delayed healing'],
  ['K', 'subsequent encounter for fracture with nonunion'],
  ['P', 'subsequent encounter for fracture with malunion'],
  ['S', 'sequela'],
].map(([c, m]) => option(c as string, m as string));

/** The 7th character chosen for the injury in `sentence` (the first of the note), or undefined. */
const seventh = (options: SeventhOption[], sentence: string, rest = '') =>
  chooseSeventh(options, [sentence], `${sentence} ${rest}`, rules)?.option.char;

describe('chooseSeventh: the encounter by the meaning of the 7th character (Guidelines I.C.19.a)', () => {
  it.each([
    ['She presents to the ED with a laceration of the scalp.', 'A'],
    ['Laceration of the left forearm, sutured.', 'A'],
    ['Scalp laceration, initial encounter.', 'A'],
    ['Here for follow-up of the scalp laceration.', 'D'],
    ['Scalp laceration, sutures removed today, healing well.', 'D'],
    ['Scar of the scalp, a late effect of the laceration.', 'S'],
    ['Contracture as a sequela of the burn of the hand.', 'S'],
  ])('“%s” → %s', (sentence, char) => {
    expect(seventh(INJURY, sentence)).toBe(char);
  });

  it('reads the words of the whole visit in the note when the injury’s sentence says none', () => {
    expect(seventh(INJURY, 'Laceration of the left forearm.', 'She was brought to the emergency department by her son.')).toBe('A');
    expect(seventh(INJURY, 'Laceration of the left forearm.', 'Seen for suture removal.')).toBe('D');
  });

  it('takes the injury’s own sentence before the rest of the note', () => {
    expect(seventh(INJURY, 'Laceration of the forearm, here for follow-up visit.', 'Sutured in the ED last week.')).toBe('D');
  });

  it('leaves the character to the coder when nothing says the encounter', () => {
    expect(seventh(INJURY, 'Laceration of the left forearm.')).toBeUndefined();
  });

  it('leaves it to the coder when the words disagree', () => {
    expect(seventh(INJURY, 'Laceration of the forearm.', 'Presented to the ED. Staples removed.')).toBeUndefined();
  });

  it('does not read advice for a later visit as this one (“return for suture removal”)', () => {
    expect(seventh(INJURY, 'Laceration of the forearm, sutured; return in 10 days for suture removal.')).toBe('A');
    expect(seventh(INJURY, 'Laceration of the forearm.', 'Will follow up with orthopedics for cast removal.')).toBeUndefined();
    expect(presentPart('Sutured. Return in 10 days for suture removal.', rules)).not.toMatch(/removal/);
  });

  it('reads “ED” in upper case only', () => {
    expect(seventh(INJURY, 'Laceration of the forearm.', 'Medication: ed drug.')).toBeUndefined();
  });

  it('gives the reason with the note’s own words and the guideline', () => {
    const reading = chooseSeventh(INJURY, ['She presents to the ED with a scalp laceration.'], 'She presents to the ED with a scalp laceration.', rules);
    expect(reading?.reason).toMatch(/^ 7th character A: active treatment, .*“presents to”/);
    expect(reading?.reason).toContain('“ED”');
    expect(reading?.reason).toContain('Guidelines I.C.19.a');
  });
});

describe('chooseSeventh: fractures (Guidelines I.C.19.c.1)', () => {
  it.each([
    ['Fracture of the right radius, presented to the ED.', 'A'],
    ['Open fracture of the right radius, taken to surgery.', 'B'],
    ['Open fracture of the right radius, Gustilo type IIIB, taken to surgery.', 'C'],
    ['Follow-up visit for the fracture of the right radius.', 'D'],
    ['Fracture of the right radius with delayed union.', 'G'],
    ['Nonunion of the fracture of the right radius.', 'K'],
    ['Malunion of the fracture of the right radius.', 'P'],
    ['Open fracture of the right radius, now with nonunion.', 'M'],
  ])('“%s” → %s', (sentence, char) => {
    expect(seventh(FRACTURE, sentence)).toBe(char);
  });

  it('codes a fracture not said open or closed as closed, and says so', () => {
    const reading = chooseSeventh(FRACTURE, ['Fracture of the radius, splinted.'], 'Fracture of the radius, splinted.', rules);
    expect(reading?.option.char).toBe('A');
    expect(reading?.reason).toMatch(/closed fracture, not said otherwise/);
  });

  it('does not read an open reduction as an open fracture', () => {
    expect(seventh(FRACTURE, 'Fracture of the radius, open reduction and internal fixation.')).toBe('A');
    expect(seventh(FRACTURE, 'Open reduction of the fracture of the radius.')).toBe('A');
  });

  it('reads the meanings of categories without open types (S02: D is routine healing, not closed)', () => {
    expect(seventh(PLAIN_FRACTURE, 'Follow-up visit for the skull fracture.')).toBe('D');
    expect(seventh(PLAIN_FRACTURE, 'Open skull fracture, presented to the ED.')).toBe('B');
    expect(seventh(PLAIN_FRACTURE, 'Skull fracture with nonunion.')).toBe('K');
  });
});

describe('withImpliedWords: a fracture not said displaced or nondisplaced is displaced (Guidelines I.C.19.c.1)', () => {
  it('adds “displaced” to the sentence of a fracture that says neither', () => {
    expect(withImpliedWords('S5202', 'Fracture of the right olecranon.', rules)).toMatch(/\bdisplaced$/);
  });

  it('reads “non-displaced” and “undisplaced” as the Tabular’s “nondisplaced”, and adds nothing', () => {
    expect(withImpliedWords('S5202', 'Non-displaced fracture of the right olecranon.', rules)).toBe('nondisplaced fracture of the right olecranon.');
    expect(withImpliedWords('S5202', 'Undisplaced fracture of the olecranon.', rules)).not.toMatch(/\bdisplaced\b/);
  });

  it('leaves the sentences of other codes as written', () => {
    expect(withImpliedWords('S0181', 'Laceration of the scalp.', rules)).toBe('Laceration of the scalp.');
  });
});

describe('coding.json injuryEncounter', () => {
  it('refuses a facet default that is none of its choices', () => {
    const facets = data.injuryEncounter.facets.map((f, i) => (i === 1 ? { ...f, default: 'greenstick fracture' } : f));
    expect(() => parseCodingRules({ ...data, injuryEncounter: { ...data.injuryEncounter, facets } })).toThrow(/default 'greenstick fracture'/);
  });

  it('refuses a meaning in upper case (meanings are read lower case)', () => {
    const facets = data.injuryEncounter.facets.map((f, i) =>
      i === 0 ? { ...f, choices: f.choices.map((c, j) => (j === 0 ? { ...c, meaning: 'Initial encounter' } : c)) } : f,
    );
    expect(() => parseCodingRules({ ...data, injuryEncounter: { ...data.injuryEncounter, facets } })).toThrow(/lower case/);
  });
});


describe.skipIf(!compiled)('analyze: an emergency visit for injuries, with their 7th characters', () => {
  let knowledge: AnalysisKnowledge;
  beforeAll(() => {
    knowledge = compiledKnowledge();
  });
  const run = (text: string) => analyze(text, { setting: 'outpatient', dateOfService: '2026-11-01' }, knowledge).suggestions;

  it('completes the injuries of an emergency visit with A, and their external cause follows', () => {
    const list = run('HPI: She presents to the ED after a fall from a ladder.\nAssessment: Laceration of the left forearm, sutured.\n');
    const laceration = list.find((s) => s.code.startsWith('S51812'));
    expect(laceration).toMatchObject({ code: 'S51812A', status: 'suggested' });
    expect(laceration?.reason).toContain('“sutured”');
    expect(laceration?.reason).not.toContain('Needs a 7th character');
    expect(list.find((s) => s.code.startsWith('W11'))?.code).toBe('W11XXXA');
  });

  it('codes a fracture at its follow-up visit with the 7th character of routine healing', () => {
    const list = run('Assessment: Follow-up visit for a transverse fracture of the right radial shaft, healing well.\n');
    // Not said displaced or not: displaced (I.C.19.c.1); not said open: closed, with routine healing.
    expect(list.find((s) => s.code.startsWith('S523'))?.code).toBe('S52321D');
  });

  it('reads an emergency visit as a coder does: the injuries of this visit with A, the healed past fracture as history', () => {
    const list = run(
      'Two years ago she had a fall with a fracture of the left wrist.\n' +
        'She presents to the ED after tripping on a rug at home, with a displaced fracture of the right distal radius. Closed reduction and splinting were performed.\n' +
        'Laceration of the left forearm, sutured.\n',
    );
    const codes = list.filter((s) => s.status !== 'not-coded').map((s) => s.code);
    // Fracture, traumatic, radius, distal end (see lower end), closed, active treatment (I.C.19.a, I.C.19.c.1).
    expect(codes).toContain('S52501A');
    expect(codes).toContain('S51812A');
    // "Two years ago" dates the whole clause: a healed fracture is a personal history (I.C.21.c.4).
    expect(codes).toContain('Z8781');
    expect(codes.filter((c) => c.startsWith('S62'))).toEqual([]);
  });

  it('keeps the injury incomplete, with its choices, when the note does not say the encounter', () => {
    const [s] = run('Assessment: Laceration of the left forearm.\n').filter((x) => x.code.startsWith('S51812'));
    expect(s?.status).toBe('incomplete');
    expect(s?.choices?.map((c) => c.code)).toEqual(['S51812A', 'S51812D', 'S51812S']);
  });
});
