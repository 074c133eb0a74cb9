import { describe, expect, it } from 'vitest';
import { buildLexicon, nodePath } from '../../../utils/nlp/lexicon';
import { parseAbbreviations } from '../../../utils/search/abbreviations';
import { asset, c, codesOf, FIXTURE_INDEX, fixtureLexicon, mentionsOf, term } from './mention-fixtures';

/** The root node of the first main term of this title. */
function rootOf(lex: ReturnType<typeof fixtureLexicon>, title: string): number {
  for (const list of lex.heads.values()) for (const e of list) if (lex.mainTitle(e.main) === title) return lex.root(e.main);
  throw new Error(`no main term ${title}`);
}

describe('buildLexicon: empty input', () => {
  it('builds an empty lexicon from no assets and finds nothing', () => {
    const lex = buildLexicon([]);
    expect(lex.stats.mains).toBe(0);
    expect(mentionsOf('Pneumonia.', lex)).toEqual([]);
  });
});

describe('buildLexicon: main terms', () => {
  const lex = fixtureLexicon();

  it('finds a main term by each of its forms ("Diabetes, diabetic")', () => {
    expect(lex.heads.has('diabete')).toBe(true);
    expect(codesOf('She is diabetic.', lex)).toEqual([['E119']]);
  });

  it('keeps a qualifier optional when several main terms share the head ("Fracture, traumatic")', () => {
    expect(codesOf('fracture of the femoral neck', lex)).toEqual([['S720']]);
  });

  it('reads the qualifier when the note writes it ("pathological fracture")', () => {
    expect(codesOf('pathological fracture of the femur', lex)).toEqual([['M8445']]);
  });

  it('requires the qualifier of a main term that is alone with its head ("Effect, adverse")', () => {
    expect(codesOf('no effect of the drug', lex)).toEqual([]);
    expect(codesOf('adverse effect of the drug', lex)).toEqual([['T887']]);
  });

  it('compiles a main term only when it is first used', () => {
    const fresh = fixtureLexicon();
    const before = fresh.stats.nodes;
    mentionsOf('Hypertension.', fresh);
    expect(fresh.stats.nodes).toBeGreaterThan(before);
  });
});

describe('buildLexicon: codes', () => {
  const lex = fixtureLexicon();

  it('drops the dot and the "more characters" dash', () => {
    expect(lex.nodes[rootOf(lex, 'Pneumonia')]?.codes).toEqual(['J189']);
  });

  it('skips invalid codes and follows mapped ones', () => {
    const gout = rootOf(lex, 'Gout');
    const [old, renamed] = (lex.nodes[gout]?.kids ?? []).map((k) => lex.nodes[k]);
    expect(old?.codes).toBeUndefined();
    expect(renamed?.codes).toEqual(['M1000']);
  });

  it('puts the manifestation code after the etiology code', () => {
    expect(codesOf('amyloidosis of the heart', lex)).toEqual([['E854', 'I43']]);
  });
});

describe('buildLexicon: see and see also', () => {
  const lex = fixtureLexicon();

  it('follows "see" to the named subterm', () => {
    const [m] = mentionsOf('deglutition pneumonia', lex);
    expect(m?.codes).toEqual(['J690']);
    expect(m?.path).toEqual(['Pneumonia', 'aspiration']);
  });

  it('follows "see also" when the main term has no code and no subterm fits', () => {
    expect(codesOf('hepatomegaly', lex)).toEqual([['R160']]);
  });

  it('keeps a subterm of its own before the "see also"', () => {
    expect(codesOf('congenital hepatomegaly', lex)).toEqual([['Q447']]);
  });

  it('reads "code to Diabetes, by type, with hyperglycemia" under the type the note names', () => {
    expect(codesOf('type 2 diabetes out of control', lex)).toEqual([['E1165']]);
  });

  it('ignores "see condition" without failing the build', () => {
    const lex2 = buildLexicon([asset('index', [term('Massive', { see: ['condition'] }), ...FIXTURE_INDEX])]);
    expect(lex2.stats.mains).toBe(FIXTURE_INDEX.length + 1);
    expect(codesOf('massive', lex2)).toEqual([]);
  });

  it('follows "see" to the one main term whose printed title begins with the target ("see Stride" → "Stride abnormality")', () => {
    const lex2 = buildLexicon([
      asset('index', [
        term('Stride abnormality', { codes: [c('R26.89')] }),
        term('Upset', {}, [term('stride', { see: ['Stride'] }), term('shuffle', { see: ['Shuffle'] })]),
        term('Shuffle board injury', { codes: [c('S99.919')] }),
        term('Shuffle dance injury', { codes: [c('S99.929')] }),
      ]),
    ]);
    expect(codesOf('stride upset', lex2)).toEqual([['R2689']]);
    // Two main terms begin with the target: the coder cannot tell which one, neither do we.
    expect(codesOf('shuffle upset', lex2)).toEqual([]);
  });

  it('follows "see" to the subterm printed as the part named, not a comma title above it that holds the part', () => {
    const lex2 = buildLexicon([
      asset('index', [
        term('Fever', { codes: [c('R50.9')] }, [term('sylvatic, yellow', { codes: [c('A95.0')] }), term('yellow', { codes: [c('A95.9')] })]),
        term('Yellow', {}, [term('fever', { see: ['Fever, yellow'] })]),
      ]),
    ]);
    expect(codesOf('yellow fever', lex2)).toEqual([['A959']]);
  });

  it('ends a "see" loop', () => {
    const loop = buildLexicon([
      asset('index', [
        term('Alpha', {}, [term('beta', { see: ['Gamma, delta'] })]),
        term('Gamma', {}, [term('delta', { see: ['Alpha, beta'] })]),
      ]),
    ]);
    expect(codesOf('alpha beta', loop)).toEqual([]);
  });
});

describe('buildLexicon: the index walk', () => {
  const lex = fixtureLexicon();

  it('passes through "with" to the subterm the note names', () => {
    expect(codesOf('pneumonia with lung abscess', lex)).toEqual([['J851']]);
  });

  it('passes through "in (due to)"', () => {
    expect(codesOf('pneumonia due to measles', lex)).toEqual([['B052']]);
  });

  it('takes subterm words in any order ("lobar pneumonia", "pneumonia, lobar")', () => {
    expect(codesOf('lobar pneumonia', lex)).toEqual([['J181']]);
    expect(codesOf('Pneumonia, lobar.', lex)).toEqual([['J181']]);
  });

  it('chooses the deepest path the words support', () => {
    expect(codesOf('acute on chronic systolic heart failure', lex)).toEqual([['I5023']]);
  });

  it('counts a nonessential modifier as evidence', () => {
    const [m] = mentionsOf('urinary tract infection', lex);
    expect(m?.codes).toEqual(['N390']);
    expect(m?.evidence.map((e) => 'urinary tract infection'.slice(e.start, e.end))).toEqual(['urinary', 'tract', 'infection']);
  });

  it('stops a subterm at the next listed condition ("pneumonia, hypertension")', () => {
    expect(codesOf('Lobar hypertension, pneumonia.', lex)).toEqual([['I10'], ['J189']]);
  });

  it('reads an eponym only capitalised and next to its main term', () => {
    expect(codesOf("Good's syndrome", lex)).toEqual([['D838']]);
    expect(codesOf('a syndrome in good general condition', lex)).toEqual([]);
  });

  it("reads a possessive the Index prints in lower case as a plain word, written in lower case (\"miner's asthma\")", () => {
    const lex2 = buildLexicon([
      asset('index', [term('Asthma, asthmatic', { codes: [c('J45.909')] }, [term("miner's", { codes: [c('J60')] }), term("Millar's", { codes: [c('J38.5')] })])]),
    ]);
    expect(codesOf("She has miner's asthma.", lex2)).toEqual([['J60']]);
    // A capitalised possessive is still a person's name.
    expect(codesOf("The millar's asthma.", lex2)).toEqual([['J45909']]);
  });

  it('needs a subterm for an ambiguous head ("general anesthesia" is a procedure)', () => {
    expect(codesOf('under general anesthesia', lex)).toEqual([]);
    expect(codesOf('anesthesia of the skin', lex)).toEqual([['R200']]);
  });
});

describe('buildLexicon: Table of Neoplasms', () => {
  const lex = fixtureLexicon();

  it('reads the site and the column the morphology names', () => {
    expect(codesOf('carcinoma of the lung', lex)).toEqual([['C349']]);
  });

  it('uses a code of the morphology entry itself first', () => {
    expect(codesOf('hepatocellular carcinoma', lex)).toEqual([['C220']]);
  });

  it('reads "metastatic to" as a secondary site after the primary', () => {
    expect(codesOf('carcinoma of the lung metastatic to the liver', lex)).toEqual([['C349', 'C787']]);
  });

  it('reads "benign" from the text', () => {
    expect(codesOf('benign neoplasm of the lung', lex)).toEqual([['D143']]);
  });

  it('gives the unspecified site without a site', () => {
    expect(codesOf('carcinoma', lex)).toEqual([['C801']]);
  });
});

describe('buildLexicon: abbreviations', () => {
  const table = parseAbbreviations({
    version: 1,
    source: 'test',
    entries: [
      { abbreviation: 'UTI', expansions: ['urinary tract infection'], kind: 'abbreviation' },
      {
        abbreviation: 'PE',
        expansions: ['pulmonary embolism', 'physical examination'],
        kind: 'abbreviation',
        ambiguous: true,
        note: 'two senses',
      },
    ],
  });

  it('reads an abbreviation as its expansion, highlighting the abbreviation', () => {
    const lex = fixtureLexicon({ abbreviations: table });
    const [m] = mentionsOf('History of UTI.', lex);
    expect(m?.codes).toEqual(['N390']);
    expect(m?.source).toBe('abbreviation');
    expect(m?.text).toBe('UTI');
  });

  it('skips abbreviations marked ambiguous unless asked', () => {
    expect(fixtureLexicon({ abbreviations: table }).abbreviations.has('pe')).toBe(false);
    expect(fixtureLexicon({ abbreviations: table, ambiguousAbbreviations: true }).abbreviations.has('pe')).toBe(true);
  });

  it('accepts a lookup with only expand()', () => {
    const lex = fixtureLexicon({ abbreviations: { expand: (t: string) => (t === 'CHF' ? ['congestive heart failure'] : []) } });
    expect(lex.abbreviations.get('chf')?.expansion).toBe('congestive heart failure');
  });
});

describe('nodePath', () => {
  it('lists the titles from the main term down', () => {
    const lex = fixtureLexicon();
    const root = rootOf(lex, 'Failure');
    const heart = lex.nodes[root]?.kids?.[0] ?? -1;
    expect(nodePath(lex, heart)).toEqual(['Failure', 'heart']);
  });
});

describe('buildLexicon: codes named by the fixture', () => {
  it('keeps the codes as strings of the target year', () => {
    const lex = buildLexicon([asset('index', [term('Example', { codes: [c('A00.0')] })])]);
    expect(codesOf('example', lex)).toEqual([['A000']]);
  });
});

describe('buildLexicon: organism codes (B95-B97) from their titles', () => {
  const lex = buildLexicon([
    asset('index', [term('Example', { codes: [c('A00.0')] })]),
    asset('codes', [
      ['B952', 1, '', 'Enterococcus as the cause of diseases classified elsewhere'],
      ['B957', 1, '', 'Other staphylococcus as the cause of diseases classified elsewhere'],
      ['B958', 1, '', 'Unspecified staphylococcus as the cause of diseases classified elsewhere'],
    ]),
  ]);

  it('reads an organism a note names alone, in one word, and in the plural ("enterococci")', () => {
    expect(codesOf('The wound swab grew Enterococcus.', lex)).toEqual([['B952']]);
    expect(codesOf('Urine culture: enterococci over 100,000 colonies.', lex)).toEqual([['B952']]);
  });

  it('reads a genus without species as its unspecified code, not "other"', () => {
    expect(codesOf('Staphylococci were isolated from the catheter tip.', lex)).toEqual([['B958']]);
  });
});

describe('buildLexicon: "specified organ NEC — see Disease, by site"', () => {
  const lex = buildLexicon([
    asset('index', [
      term('Mass', {}, [term('kidney', { codes: [c('N28.89')] }), term('specified organ NEC', { see: ['Disease, by site'] })]),
      term('Disease, diseased', {}, [term('testis', { codes: [c('N50.9')] })]),
    ]),
  ]);

  it('reads a mass of an organ the main term does not list under Disease ("testicular mass")', () => {
    expect(codesOf('A firm testicular mass was palpated.', lex)).toEqual([['N509']]);
  });

  it('keeps an organ the main term lists under it ("renal mass")', () => {
    expect(codesOf('Ultrasound showed a renal mass.', lex)).toEqual([['N2889']]);
  });
});

describe('buildLexicon: Excludes1 notes name where a condition is classified', () => {
  const codes = asset('codes', [
    ['R40', 0, '', 'Somnolence, stupor and coma'],
    ['R400', 1, '', 'Somnolence'],
    ['R4182', 1, '', 'Altered mental status, unspecified'],
  ]);
  const tabular = asset('tabular', [
    {
      id: 'R41.82',
      kind: 'diag',
      title: 'Altered mental status, unspecified',
      notes: [
        { type: 'excludes1', text: 'altered level of consciousness (R40.-)', year: 2021 },
        { type: 'excludes1', text: 'altered mental status due to known condition - code to condition', year: 2021 },
        { type: 'excludes2', text: 'transient confusion state (R99.-)', year: 2021 },
      ],
      parent: 'R41.8',
    },
  ]);
  const lex = buildLexicon([codes, tabular]);

  it('reads "altered level of consciousness (R40.-)" under R41.82 as a phrase of R40', () => {
    expect(codesOf('Altered level of consciousness.', lex)).toEqual([['R40']]);
  });

  it('takes no phrase from an Excludes2 note or one naming a code the year does not have', () => {
    expect(codesOf('Transient confusion state.', lex)).toEqual([]);
  });
});
