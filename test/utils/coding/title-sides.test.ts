import { beforeAll, describe, expect, it } from 'vitest';
import data from '../../../assets/rules/coding.json';
import { type AnalysisKnowledge, analyze } from '../../../utils/coding/analyze';
import { onOtherSides, sidesOf } from '../../../utils/coding/title-sides';
import { defaultCodingRules, parseCodingRules } from '../../../utils/coding/rule-pack';
import { compiled, compiledKnowledge } from '../../helpers/knowledge';

const rules = defaultCodingRules().titleSides;

describe('sidesOf: the sides a Tabular title names', () => {
  it.each([
    ['Laceration without foreign body of left forearm, initial encounter', ['left']],
    ['Unspecified fracture of the lower end of right radius, initial encounter for closed fracture', ['right']],
    ['Bilateral primary osteoarthritis of knee', ['left', 'right']],
    ['Unspecified fracture of forearm', []],
  ])('“%s” → %j', (title, sides) => {
    expect([...sidesOf(title, rules)].sort()).toEqual(sides);
  });
});

describe('onOtherSides: two titles on sides that do not meet', () => {
  it('is true for the left and the right', () => {
    expect(onOtherSides('Laceration of left forearm', 'Fracture of right radius', rules)).toBe(true);
  });

  it('is false for the same side, a bilateral code, or a code naming no side', () => {
    expect(onOtherSides('Laceration of left forearm', 'Fracture of left radius', rules)).toBe(false);
    expect(onOtherSides('Bilateral osteoarthritis of knee', 'Osteoarthritis of right knee', rules)).toBe(false);
    expect(onOtherSides('Laceration of left forearm', 'Fracture of forearm', rules)).toBe(false);
  });

  it('refuses a side word that is not one lower-case word', () => {
    const titleSides = { ...data.titleSides, words: [{ word: 'Right side', sides: ['right'] }] };
    expect(() => parseCodingRules({ ...data, titleSides })).toThrow(/one lower-case word/);
  });
});


describe.skipIf(!compiled)('applyExcludes1: an Excludes1 pair is on the same side when both codes name one (Guidelines I.A.12.a)', () => {
  let knowledge: AnalysisKnowledge;
  beforeAll(() => {
    knowledge = compiledKnowledge();
  });
  const run = (text: string) => analyze(text, { setting: 'outpatient', dateOfService: '2026-11-01' }, knowledge).suggestions;

  it('does not flag a laceration of the left forearm beside a fracture of the right forearm (S51 Excludes1 S52)', () => {
    const list = run('HPI: She presents to the ED.\nAssessment: Laceration of the left forearm. Fracture of the right forearm.\n');
    const laceration = list.find((s) => s.code.startsWith('S51812'));
    expect(laceration?.status).toBe('suggested');
    expect(laceration?.conflictsWith).toBeUndefined();
  });

  it('still flags the pair on the same side (an open fracture, S52.92XB)', () => {
    const list = run('HPI: She presents to the ED.\nAssessment: Laceration of the left forearm. Open fracture of the left forearm.\n');
    expect(list.find((s) => s.code.startsWith('S51812'))?.status).toBe('conflict');
  });
});
