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

describe('procedure matcher: the words decide among the codes (byWords)', () => {
  const chosen = parseProcedures({
    version: 1,
    description: 'test',
    source: 'test',
    sideWords: { right: ['right'], left: ['left'], bilateral: ['bilateral'] },
    breaks: ['without'],
    procedures: [
      {
        id: 'pci',
        literal: 'PCI',
        synonyms: [],
        icd10pcs: ['027034Z', '02703DZ'],
        hcpcs: [],
        byWords: [{ decides: 'device', choices: [{ words: ['drug-eluting'], codes: ['027034Z'] }, { words: ['bare-metal'], codes: ['02703DZ'] }] }],
      },
      {
        id: 'paracentesis',
        literal: 'paracentesis',
        synonyms: [],
        icd10pcs: ['0W9G3ZZ', '0W9G3ZX'],
        hcpcs: [],
        byWords: [{ decides: 'qualifier', choices: [{ words: ['therapeutic', 'liters'], codes: ['0W9G3ZZ'] }, { words: ['diagnostic'], codes: ['0W9G3ZX'] }] }],
      },
      { id: 'thoracentesis', literal: 'thoracentesis', synonyms: [], icd10pcs: ['0W993ZZ'], hcpcs: [] },
      {
        id: 'orif',
        literal: 'ORIF',
        synonyms: [],
        icd10pcs: ['0QSG04Z', '0QSH04Z', '0QSJ04Z', '0QSK04Z'],
        hcpcs: [],
        bySide: { right: ['0QSG04Z', '0QSJ04Z'], left: ['0QSH04Z', '0QSK04Z'] },
        byWords: [
          {
            decides: 'body part',
            each: true,
            choices: [
              { words: ['tibia', 'bimalleolar'], codes: ['0QSG04Z', '0QSH04Z'] },
              { words: ['fibula', 'bimalleolar'], codes: ['0QSJ04Z', '0QSK04Z'] },
            ],
          },
        ],
      },
      { id: 'colonoscopy-biopsy', literal: 'colonoscopy with biopsy', synonyms: [], icd10pcs: ['0DBE8ZX'], hcpcs: [] },
    ],
  });
  const read = (sentence: string) =>
    findProcedureMentions(compileProcedures(lex, readTokens, chosen), readTokens(lex, sentence, 0, 80)).map(
      (h) => `${h.entry.id} ${h.codes.join(' ')}${h.undecided ? ` (${h.undecided})` : ''}`,
    );

  it.each([
    ['PCI with a drug-eluting stent to the LAD.', ['pci 027034Z']],
    ['PCI of the circumflex with a bare-metal stent.', ['pci 02703DZ']],
    ['PCI of the LAD.', ['pci 027034Z 02703DZ (device)']],
    // Both written: the words contradict each other, the coder chooses.
    ['PCI with drug-eluting and bare-metal stents.', ['pci 027034Z 02703DZ (device)']],
    ['Diagnostic paracentesis.', ['paracentesis 0W9G3ZX']],
    ['Paracentesis with 4 liters removed.', ['paracentesis 0W9G3ZZ']],
    ['Paracentesis.', ['paracentesis 0W9G3ZZ 0W9G3ZX (qualifier)']],
    // The side and the bone narrow together; an `each` group codes every bone named (B3.2a).
    ['Left ORIF of the tibia.', ['orif 0QSH04Z']],
    ['ORIF of the right tibia and fibula.', ['orif 0QSG04Z 0QSJ04Z']],
    ['Left bimalleolar ORIF.', ['orif 0QSH04Z 0QSK04Z']],
    ['ORIF of the tibia.', ['orif 0QSG04Z 0QSH04Z (side)']],
    ['Right ORIF.', ['orif 0QSG04Z 0QSJ04Z (body part)']],
  ])('%s → %j', (sentence, expected) => {
    expect(read(sentence)).toEqual(expected);
  });

  it('does not take the words of a procedure listed after it', () => {
    expect(read('Therapeutic paracentesis and diagnostic thoracentesis.').sort()).toEqual(['paracentesis 0W9G3ZZ', 'thoracentesis 0W993ZZ']);
  });

  it('reads no phrase across a break word ("colonoscopy without biopsy")', () => {
    expect(read('Colonoscopy without biopsy.')).toEqual([]);
    expect(read('Colonoscopy with biopsy.')).toEqual(['colonoscopy-biopsy 0DBE8ZX']);
  });

  it.each([
    [[{ words: ['a'], codes: ['027034Z'] }, { words: ['b'], codes: ['02703ZZ'] }], procedureMessages.wordsNotListed('02703ZZ')],
    [[{ words: ['a'], codes: ['027034Z'] }, { words: ['b'], codes: ['027034Z', '02703DZ'] }], procedureMessages.wordsOverlap('027034Z', 'device')],
    [[{ words: ['a'], codes: ['027034Z'] }, { words: ['b'], codes: ['027034Z'] }], procedureMessages.wordsOverlap('027034Z', 'device')],
  ])('rejects choices that are not a partition of the codes (%#)', (choices, message) => {
    const bad = { id: 'x', literal: 'PCI', synonyms: [], icd10pcs: ['027034Z', '02703DZ'], hcpcs: [], byWords: [{ decides: 'device', choices }] };
    expect(() => parseProcedures({ version: 1, description: 't', source: 't', procedures: [bad] })).toThrow(procedureMessages.invalid('x', message));
  });

  describe('an assumed choice: the value a note leaves unsaid (one coronary stent)', () => {
    const stents = parseProcedures({
      version: 1,
      description: 'test',
      source: 'test',
      procedures: [
        {
          id: 'pci',
          literal: 'PCI',
          synonyms: ['drug-eluting stent placement'],
          icd10pcs: ['027034Z', '027035Z'],
          hcpcs: [],
          byWords: [{ decides: 'device', choices: [{ words: ['one stent'], codes: ['027034Z'], assumed: true }, { words: ['two drug-eluting'], codes: ['027035Z'] }] }],
        },
      ],
    });
    const readStents = (sentence: string) =>
      findProcedureMentions(compileProcedures(lex, readTokens, stents), readTokens(lex, sentence, 0, 80)).map(
        (h) => `${h.entry.id} ${h.codes.join(' ')}${h.undecided ? ` (${h.undecided})` : ''}`,
      );

    it.each([
      ['PCI of the LAD.', ['pci 027034Z']],
      ['PCI of the LAD with two drug-eluting stents.', ['pci 027035Z']],
      // Read twice in one sentence: the reading that decides is kept, the one named before its details gives way.
      ['PCI of the LAD was performed with placement of two drug-eluting stents.', ['pci 027035Z']],
    ])('%s → %j', (sentence, expected) => {
      expect(readStents(sentence)).toEqual(expected);
    });

    it('rejects two assumed choices in one group', () => {
      const bad = {
        id: 'x',
        literal: 'PCI',
        synonyms: [],
        icd10pcs: ['027034Z', '027035Z'],
        hcpcs: [],
        byWords: [{ decides: 'device', choices: [{ words: ['a'], codes: ['027034Z'], assumed: true }, { words: ['b'], codes: ['027035Z'], assumed: true }] }],
      };
      expect(() => parseProcedures({ version: 1, description: 't', source: 't', procedures: [bad] })).toThrow(
        procedureMessages.invalid('x', procedureMessages.assumedTwice('device')),
      );
    });
  });

  it('rejects a choice with no words unless it is the assumed one (the value no word names)', () => {
    const entry = (assumed: boolean) => ({
      id: 'x',
      literal: 'knee arthroplasty',
      synonyms: [],
      icd10pcs: ['0SRC0J9', '0SRC0JZ'],
      hcpcs: [],
      byWords: [{ decides: 'qualifier', choices: [{ words: ['cemented'], codes: ['0SRC0J9'] }, { words: [], codes: ['0SRC0JZ'], ...(assumed ? { assumed } : {}) }] }],
    });
    expect(() => parseProcedures({ version: 1, description: 't', source: 't', procedures: [entry(false)] })).toThrow(
      procedureMessages.invalid('x', procedureMessages.wordsMissing('qualifier')),
    );
    const file = parseProcedures({ version: 1, description: 't', source: 't', procedures: [entry(true)] });
    const readKnee = (sentence: string) => findProcedureMentions(compileProcedures(lex, readTokens, file), readTokens(lex, sentence, 0, 80)).map((h) => h.codes.join(' '));
    expect(readKnee('Knee arthroplasty, cemented.')).toEqual(['0SRC0J9']);
    expect(readKnee('Knee arthroplasty.')).toEqual(['0SRC0JZ']);
  });

  it('rejects a group that leaves a code in no choice', () => {
    const bad = {
      id: 'x',
      literal: 'PCI',
      synonyms: [],
      icd10pcs: ['027034Z', '02703DZ', '02703ZZ'],
      hcpcs: [],
      byWords: [{ decides: 'device', choices: [{ words: ['a'], codes: ['027034Z'] }, { words: ['b'], codes: ['02703DZ'] }] }],
    };
    expect(() => parseProcedures({ version: 1, description: 't', source: 't', procedures: [bad] })).toThrow(
      procedureMessages.invalid('x', procedureMessages.wordsUncovered('02703ZZ', 'device')),
    );
  });
});
