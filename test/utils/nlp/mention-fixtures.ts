/**
 * Hand-made code-set assets for the mention tests: a few main terms written the way the compiled
 * Alphabetic Index, Table of Neoplasms and code list look, so that each index-walk rule has one
 * small case. All synthetic.
 */
import type { Asset, AssetKind, CodeRecord, IndexCode, IndexTerm } from '../../../utils/codes/types';
import { buildLexicon, type Lexicon, type LexiconOptions } from '../../../utils/nlp/lexicon';
import { findMentions } from '../../../utils/nlp/mentions';
import { detectSections } from '../../../utils/nlp/sections';
import { splitSentences } from '../../../utils/nlp/sentences';
import type { Mention } from '../../../utils/coding/types';

export function asset<R>(kind: AssetKind, records: R[], columns?: string[]): Asset<R> {
  return {
    header: {
      format: 'chartcode-codeset',
      formatVersion: 1,
      id: `icd10cm-${kind}-2027`,
      system: 'icd10cm',
      kind,
      fiscalYear: 2027,
      contentYear: 2027,
      effectiveFrom: '2026-10-01',
      effectiveTo: '2027-09-30',
      sources: [],
      builtAt: '2026-11-01T00:00:00.000Z',
      count: records.length,
      checksum: '',
      stats: {},
      ...(columns ? { columns } : {}),
    },
    records,
  };
}

/** A valid index code. */
export const c = (code: string): IndexCode => ({ code, status: 'valid' });

export function term(title: string, more: Partial<IndexTerm> = {}, children?: IndexTerm[]): IndexTerm {
  return { title, ...more, ...(children ? { children } : {}) };
}

/** The fixture index: each main term exercises one rule of the walk. */
export const FIXTURE_INDEX: IndexTerm[] = [
  term('Pneumonia', { nemod: ['acute'], codes: [c('J18.9')] }, [
    term('with', {}, [term('lung abscess', { codes: [c('J85.1')] })]),
    term('aspiration', { codes: [c('J69.0')] }),
    term('deglutition', { see: ['Pneumonia, aspiration'] }),
    term('in (due to)', {}, [term('measles', { codes: [c('B05.2')] })]),
    term('lobar', { codes: [c('J18.1')] }),
  ]),
  term('Diabetes, diabetic', { nemod: ['mellitus'], codes: [c('E11.9')] }, [
    term('type 2', { codes: [c('E11.9')] }, [term('with', {}, [term('hyperglycemia', { codes: [c('E11.65')] })])]),
    term('out of control - code to Diabetes, by type, with hyperglycemia'),
    term('with', {}, [term('hyperglycemia', { codes: [c('E11.65')] })]),
  ]),
  term('Infection, infected, infective', { codes: [c('B99.9')] }, [term('urinary', { nemod: ['tract'], codes: [c('N39.0')] })]),
  term('Amyloidosis', { codes: [c('E85.9')] }, [term('heart', { codes: [c('E85.4')], manif: [c('I43')] })]),
  term('Hepatomegaly', { seeAlso: ['Hypertrophy, liver'] }, [term('congenital', { codes: [c('Q44.7')] })]),
  term('Hypertrophy, hypertrophic', {}, [term('liver', { codes: [c('R16.0')] })]),
  term('Fracture, traumatic', { codes: [c('T14.8')] }, [
    term('femur, femoral', { codes: [c('S72.9-')] }, [term('neck', { codes: [c('S72.0-')] })]),
  ]),
  term('Fracture, pathological', { codes: [c('M84.40')] }, [term('femur', { codes: [c('M84.45-')] })]),
  term('Effect, adverse', {}, [term('drug', { codes: [c('T88.7')] })]),
  term('Anesthesia, anesthetic', { codes: [c('R20.0')] }, [term('skin', { codes: [c('R20.0')] })]),
  term('Carcinoma', { seeAlso: ['Neoplasm, by site, malignant'] }, [term('hepatocellular', { codes: [c('C22.0')] })]),
  term('Failure', {}, [
    term('heart', { nemod: ['acute'], codes: [c('I50.9')] }, [
      term('congestive', { codes: [c('I50.9')] }),
      term('systolic', { nemod: ['congestive'], codes: [c('I50.20')] }, [
        term('acute', { codes: [c('I50.21')] }, [term('and chronic', { nemod: ['on'], codes: [c('I50.23')] })]),
      ]),
    ]),
  ]),
  term('Gout', { codes: [c('M10.9')] }, [
    term('old code', { codes: [{ code: 'M10.99', status: 'invalid' }] }),
    term('renamed', { codes: [{ code: 'X00.0', status: 'mapped', mappedTo: ['M10.00'] }] }),
  ]),
  term('Syndrome', {}, [term("Good's", { codes: [c('D83.8')] })]),
  term('Hypertension, hypertensive', { codes: [c('I10')] }),
];

/** The fixture Table of Neoplasms: columns Malignant Primary … Unspecified Behavior. */
export const NEOPLASM_COLUMNS = [
  'Malignant Primary',
  'Malignant Secondary',
  'Ca in situ',
  'Benign',
  'Uncertain Behavior',
  'Unspecified Behavior',
];
export const FIXTURE_NEOPLASM: IndexTerm[] = [
  term('Neoplasm, neoplastic', { cells: [c('C80.1'), c('C79.9'), c('D09.9'), c('D36.9'), c('D48.9'), c('D49.9')] }, [
    term('lung', { cells: [c('C34.9-'), c('C78.0-'), c('D02.2-'), c('D14.3-'), c('D38.1'), c('D49.1')] }),
    term('liver', { cells: [c('C22.9'), c('C78.7'), c('D01.5'), c('D13.4'), c('D37.6'), c('D49.0')] }),
  ]),
];

export const FIXTURE_CODES: CodeRecord[] = [
  ['J189', 1, '', 'Pneumonia, unspecified organism'],
  ['J851', 1, '', 'Abscess of lung with pneumonia'],
  ['N390', 1, '', 'Urinary tract infection, site not specified'],
];

export function fixtureAssets(): Asset[] {
  return [asset('index', FIXTURE_INDEX), asset('neoplasm', FIXTURE_NEOPLASM, NEOPLASM_COLUMNS), asset('codes', FIXTURE_CODES)];
}

export function fixtureLexicon(options: LexiconOptions = {}): Lexicon {
  return buildLexicon(fixtureAssets(), options);
}

/** Mentions of a text, with sections and sentences from the shipped rules. */
export function mentionsOf(text: string, lexicon: Lexicon): Mention[] {
  const sections = detectSections(text);
  const sentences = splitSentences(text, { sections });
  return findMentions(text, { sections, sentences, lexicon });
}

/** The codes of the mentions of a text (ICD-10-CM only), in text order. */
export function codesOf(text: string, lexicon: Lexicon): string[][] {
  return mentionsOf(text, lexicon)
    .filter((m) => m.system === 'icd10cm')
    .map((m) => m.codes);
}
