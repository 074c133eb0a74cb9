/**
 * The procedure matcher on procedures said as actions: word forms ("placed" → "placement"), auxiliaries
 * among the phrase's words ("stent was placed"), and a duration that decides among an entry's codes.
 * Sentences are our own.
 */
import { describe, expect, it } from 'vitest';
import { compileProcedures, findProcedureMentions } from '../../../utils/nlp/mention-procedures';
import { readTokens } from '../../../utils/nlp/mentions';
import { type ProcedureFile, parseProcedures, procedureMessages } from '../../../utils/nlp/procedures';
import { fixtureLexicon } from './mention-fixtures';

const lex = fixtureLexicon();
const file = (more: Partial<ProcedureFile> = {}): ProcedureFile =>
  parseProcedures({
    version: 1,
    description: 'test',
    source: 'test',
    procedures: [
      { id: 'stent', literal: 'drug-eluting stent placement', synonyms: [], icd10pcs: ['027034Z'], hcpcs: [] },
      {
        id: 'vent',
        literal: 'mechanical ventilation',
        synonyms: ['ventilated'],
        icd10pcs: ['5A1935Z', '5A1945Z', '5A1955Z'],
        hcpcs: [],
        byHours: [
          { code: '5A1935Z', below: 24 },
          { code: '5A1945Z', atMost: 96 },
          { code: '5A1955Z' },
        ],
      },
    ],
    ...more,
  });
const forms: Partial<ProcedureFile> = { wordForms: [{ word: 'placed', base: 'placement' }], fillers: ['was'] };
const hits = (sentence: string, f: ProcedureFile) =>
  findProcedureMentions(compileProcedures(lex, readTokens, f), readTokens(lex, sentence, 0, 80)).map((h) => `${h.entry.id} ${h.codes.join(' ')}`);

describe('procedure matcher: actions read as the procedure', () => {
  it('does not read "placed" as "placement" without a word form', () => {
    expect(hits('A drug-eluting stent was placed.', file())).toEqual([]);
  });

  it('reads "a drug-eluting stent was placed" as drug-eluting stent placement', () => {
    expect(hits('A drug-eluting stent was placed in the left circumflex.', file(forms))).toEqual(['stent 027034Z']);
  });

  it('lets auxiliaries sit among the words without counting them', () => {
    expect(hits('A drug-eluting stent was then successfully placed.', file(forms))).toEqual(['stent 027034Z']);
  });

  it('still needs the words close: three other words among them is too many', () => {
    expect(hits('A drug-eluting stent was then very carefully successfully placed.', file(forms))).toEqual([]);
  });

  it('rejects a word form that is not one lower-case word', () => {
    expect(() => file({ wordForms: [{ word: 'was placed', base: 'placement' }] })).toThrow(/Invalid procedure file/);
  });
});

describe('procedure matcher: a duration decides the code', () => {
  it.each([
    ['She was ventilated for 12 hours.', 'vent 5A1935Z'],
    ['She was ventilated for 3 days.', 'vent 5A1945Z'],
    ['She was ventilated for 96 hours.', 'vent 5A1945Z'],
    ['She was ventilated for six days.', 'vent 5A1955Z'],
    ['She was ventilated.', 'vent 5A1935Z 5A1945Z 5A1955Z'],
    ['She was ventilated; extubated on day 3.', 'vent 5A1935Z 5A1945Z 5A1955Z'],
  ])('%s → %s', (sentence, expected) => {
    expect(hits(sentence, file())).toEqual([expected]);
  });

  it('rejects a band whose code the entry does not list', () => {
    const bad = { id: 'x', literal: 'ventilated', synonyms: [], icd10pcs: ['5A1935Z'], hcpcs: [], byHours: [{ code: '5A1945Z' }] };
    expect(() => parseProcedures({ version: 1, description: 't', source: 't', procedures: [bad] })).toThrow(
      procedureMessages.invalid('x', procedureMessages.bandNotListed('5A1945Z')),
    );
  });
});

describe('procedure matcher: the side written decides the body part (ICD-10-PCS B4.3)', () => {
  const sided = parseProcedures({
    version: 1,
    description: 'test',
    source: 'test',
    sideWords: { right: ['right'], left: ['left'], bilateral: ['bilateral'] },
    procedures: [
      {
        id: 'tka',
        literal: 'total knee arthroplasty',
        synonyms: ['knee replacement'],
        icd10pcs: ['0SRC0JZ', '0SRD0JZ'],
        hcpcs: [],
        bySide: { right: ['0SRC0JZ'], left: ['0SRD0JZ'] },
      },
      {
        id: 'nephrectomy',
        literal: 'nephrectomy',
        synonyms: [],
        icd10pcs: ['0TT00ZZ', '0TT10ZZ', '0TT20ZZ'],
        hcpcs: [],
        bySide: { right: ['0TT00ZZ'], left: ['0TT10ZZ'], bilateral: ['0TT20ZZ'] },
      },
      { id: 'arthroscopy', literal: 'knee arthroscopy', synonyms: [], icd10pcs: ['0SJC4ZZ', '0SJD4ZZ'], hcpcs: [], bySide: { right: ['0SJC4ZZ'], left: ['0SJD4ZZ'] } },
    ],
  });
  const read = (sentence: string) =>
    findProcedureMentions(compileProcedures(lex, readTokens, sided), readTokens(lex, sentence, 0, 80)).map(
      (h) => `${h.entry.id} ${h.codes.join(' ')}${h.undecided ? ` (${h.undecided})` : ''}`,
    );

  it.each([
    ['Left total knee arthroplasty.', ['tka 0SRD0JZ']],
    ['He underwent a right total knee arthroplasty.', ['tka 0SRC0JZ']],
    ['Total knee arthroplasty of the left knee was performed.', ['tka 0SRD0JZ']],
    ['Total knee arthroplasty, right.', ['tka 0SRC0JZ']],
    ['Right nephrectomy.', ['nephrectomy 0TT00ZZ']],
    ['Nephrectomy on the left.', ['nephrectomy 0TT10ZZ']],
    // PCS has a bilateral kidney value; it has none for the knee, so each side is coded (B4.3).
    ['Bilateral nephrectomy.', ['nephrectomy 0TT20ZZ']],
    ['Right and left nephrectomy.', ['nephrectomy 0TT20ZZ']],
    ['Bilateral total knee arthroplasty.', ['tka 0SRC0JZ 0SRD0JZ']],
  ])('%s → %j', (sentence, expected) => {
    expect(read(sentence)).toEqual(expected);
  });

  it('leaves the side open, with both codes, when none is written', () => {
    expect(read('She underwent total knee arthroplasty without complication.')).toEqual(['tka 0SRC0JZ 0SRD0JZ (side)']);
  });

  it('reads "left" after the phrase only as a side behind a preposition or set off: "the knee replacement left him stiff" says none', () => {
    expect(read('The knee replacement left him stiff.')).toEqual(['tka 0SRC0JZ 0SRD0JZ (side)']);
  });

  it('gives each procedure of a list its own side, and none to one written without', () => {
    expect(read('Right knee arthroscopy and left total knee arthroplasty.').sort()).toEqual(['arthroscopy 0SJC4ZZ', 'tka 0SRD0JZ']);
    expect(read('Right knee arthroscopy and total knee arthroplasty.').sort()).toEqual(['arthroscopy 0SJC4ZZ', 'tka 0SRC0JZ 0SRD0JZ (side)']);
  });

  it('rejects a side code the entry does not list', () => {
    const bad = { id: 'x', literal: 'nephrectomy', synonyms: [], icd10pcs: ['0TT00ZZ'], hcpcs: [], bySide: { right: ['0TT00ZZ'], left: ['0TT10ZZ'] } };
    expect(() => parseProcedures({ version: 1, description: 't', source: 't', procedures: [bad] })).toThrow(
      procedureMessages.invalid('x', procedureMessages.sideNotListed('0TT10ZZ')),
    );
  });
});

describe('procedure matcher: one written word names one procedure once', () => {
  const joints = (): ProcedureFile =>
    parseProcedures({
      version: 1,
      description: 'test',
      source: 'test',
      procedures: [
        { id: 'hip', literal: 'hip arthroplasty', synonyms: [], icd10pcs: ['0SR90JZ'], hcpcs: [] },
        { id: 'knee', literal: 'knee arthroplasty', synonyms: [], icd10pcs: ['0SRC0JZ'], hcpcs: [] },
      ],
    });
  /** Each hit with the words it took. */
  const spans = (sentence: string) =>
    findProcedureMentions(compileProcedures(lex, readTokens, joints()), readTokens(lex, sentence, 0, 80)).map(
      (h) => `${h.entry.id} ${h.words.join(',')}`,
    );

  it('reads "knee arthroplasty" once, not again across the comma with the hip\'s word', () => {
    // Words: right(0) hip(1) arthroplasty(2) left(3) knee(4) arthroplasty(5).
    expect(spans('Right hip arthroplasty, left knee arthroplasty.').sort()).toEqual(['hip 1,2', 'knee 4,5']);
  });

  it('still reads two procedures that share a word ("hip and knee arthroplasty")', () => {
    expect(spans('Hip and knee arthroplasty.').map((s) => s.split(' ')[0]).sort()).toEqual(['hip', 'knee']);
  });
});
