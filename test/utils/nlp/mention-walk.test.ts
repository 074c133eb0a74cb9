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
  ])('"%s" → %s, not %s', (text, want, not) => {
    const got = codes(text, lex);
    expect(got).toContain(want);
    expect(got).not.toContain(not);
  });
});
