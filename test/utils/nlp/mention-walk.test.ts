import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCompiledAssets } from '../../../scripts/codesets/compiled';
import { buildLexicon, type Lexicon } from '../../../utils/nlp/lexicon';
import { asset, c, mentionsOf, term } from './mention-fixtures';

const COMPILED = resolve(import.meta.dirname, '../../../public/codesets/catalog.json');

const codes = (text: string, lex: Lexicon) => mentionsOf(text, lex).flatMap((m) => m.codes);

describe('walk: ties between siblings that match the same words', () => {
  // The "or" sibling is printed first, as in the Index (Embolism, intraspinal venous sinuses or veins G08).
  const lex = buildLexicon([
    asset('index', [
      term('Embolism', { codes: [c('I74.9')] }, [
        term('intraspinal venous sinuses or veins', { codes: [c('G08')] }),
        term('vein', { codes: [c('I82.90')] }),
      ]),
    ]),
  ]);

  it('takes the sibling that adds no word the note does not write, not the first printed', () => {
    expect(codes('embolism of vein', lex)).toEqual(['I8290']);
  });

  it('still takes the "or" sibling when the note writes its own words', () => {
    expect(codes('embolism of intraspinal venous sinuses', lex)).toEqual(['G08']);
  });
});

describe('walk: a word the reader rewrote is also found as written', () => {
  // "adynamic" is no head word: the reader's suffix rule reads it as Adynamia, the Index prints it under Ileus.
  const lex = buildLexicon([
    asset('index', [
      term('Adynamia', { codes: [c('G72.3')] }),
      term('Ileus', { codes: [c('K56.7')] }, [term('adynamic', { codes: [c('K56.0')] })]),
    ]),
  ]);

  it('finds "adynamic" under Ileus (Ileus, adynamic K56.0)', () => {
    expect(mentionsOf('adynamic ileus', lex).find((m) => m.codes.includes('K560'))?.path).toEqual(['Ileus', 'adynamic']);
  });

  it("drops the adjective's own reading (Adynamia) when it is the modifier of that longer reading", () => {
    expect(codes('adynamic ileus', lex)).toEqual(['K560']);
  });

  it('keeps the adjective read alone', () => {
    expect(codes('adynamic', lex)).toEqual(['G723']);
  });
});

describe.skipIf(!existsSync(COMPILED))('walk on the compiled FY2027 code sets', () => {
  let lex: Lexicon;
  beforeAll(() => {
    lex = buildLexicon(readCompiledAssets(undefined, ['index', 'eindex', 'drug', 'neoplasm', 'tabular', 'codes']));
  });

  it.each([
    // Embolism, vein I82.90, not Embolism, intraspinal venous sinuses or veins G08.
    ['embolism of vein', 'I8290', 'G08'],
    // Transplant, tissue Z94.9, not Transplant, specified organ or tissue NEC Z94.89.
    ['tissue transplant', 'Z949', 'Z9489'],
    // Yellow, fever — see Fever, yellow A95.9, not Fever, sylvatic, yellow A95.0 printed above it.
    ['yellow fever', 'A959', 'A950'],
    // A possessive printed in lower case is a trade, not a person's name: no capital needed.
    ["miner's pneumoconiosis", 'J60', 'J64'],
    ["he has writer's cramp", 'F488', 'R252'],
    ["left tailor's bunion", 'M2162', 'M2161'],
    // An adjective the reader rewrites is found under the condition it modifies, and its own reading yields.
    ['adynamic ileus', 'K560', 'G723'],
    ['xerotic keratitis', 'H168', 'H169'],
    ['cholemic nephrosis', 'K767', 'R17'],
    ['hypercalcemic nephropathy', 'N2589', 'N289'],
  ])('"%s" → %s, not %s', (text, want, not) => {
    const got = codes(text, lex);
    expect(got).toContain(want);
    expect(got).not.toContain(not);
  });

  it.each([
    // The word-form table reads "septic" as sepsis on both sides: Shock, septic R65.21 and Sepsis A41.9
    // (R65.21: code first the underlying infection).
    ['septic shock', ['R6521', 'A419']],
    ['traumatic hemothorax', ['S271']],
  ])('"%s" keeps %j', (text, want) => {
    expect(codes(text, lex)).toEqual(expect.arrayContaining(want));
  });
});
