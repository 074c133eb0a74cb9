import { describe, expect, it } from 'vitest';
import {
  compileWordForms,
  defaultWordForms,
  Gap,
  parseWordForms,
  splitWords,
  suffixFallback,
  wordFormMessages,
  wordKey,
  wordKeys,
} from '../../../utils/nlp/mention-text';

const file = (forms: unknown[], more: Record<string, unknown> = {}) => ({
  version: 1,
  description: 'test',
  source: 'test',
  optionalWords: [],
  ambiguousHeads: [],
  contextHeads: [],
  forms,
  ...more,
});

describe('word-form table', () => {
  it('loads and validates the shipped table', () => {
    expect(defaultWordForms.forms.length).toBeGreaterThan(200);
  });

  it('reads "renal" as kidney', () => {
    expect(compileWordForms().map.get('renal')).toEqual(['kidney']);
  });

  it('reads plurals the stemmer keeps ("kidneys", "airways", "staphylococci") as their singular', () => {
    const map = compileWordForms().map;
    expect(map.get(wordKey('kidneys'))).toEqual(['kidney']);
    expect(map.get(wordKey('airways'))).toEqual(['airway']);
    expect(map.get(wordKey('Staphylococci'))).toEqual(['staphylococcus']);
  });

  it('reads the British spelling leuco- as leuko- ("leucopenia") by the spelling fallback, not by table rows', () => {
    const vocab = new Set(['leukopenia', 'leukocytosis']);
    expect(suffixFallback(wordKey('Leucopenia'), (k) => vocab.has(k))).toBe('leukopenia');
    expect(compileWordForms().map.has(wordKey('leucopenia'))).toBe(false);
  });

  it('compiles the nouns that name a hospital department ("Pain Unit", "infectious diseases service")', () => {
    const units = compileWordForms().careUnits;
    expect(units.has('unit')).toBe(true);
    expect(units.has('service')).toBe(true);
    expect(units.has('clinic')).toBe(false);
  });

  it('compiles the nouns that name a laboratory test ("tumor markers")', () => {
    expect(compileWordForms().testNouns.has('markers')).toBe(true);
  });

  it('rejects an unknown key', () => {
    expect(() => parseWordForms(file([], { extra: 1 }))).toThrow(/Invalid word-form file/);
  });

  it('rejects an unknown kind', () => {
    expect(() => parseWordForms(file([{ word: 'renal', base: 'kidney', kind: 'noun' }]))).toThrow(/Invalid word-form file/);
  });

  it('rejects a word listed twice', () => {
    const forms = [
      { word: 'renal', base: 'kidney', kind: 'site-adjective' },
      { word: 'renal', base: 'kidney', kind: 'site-adjective' },
    ];
    expect(() => parseWordForms(file(forms))).toThrow(wordFormMessages.duplicate('renal'));
  });

  it('rejects a word that is its own base', () => {
    expect(() => parseWordForms(file([{ word: 'renal', base: 'renal', kind: 'site-adjective' }]))).toThrow(
      wordFormMessages.selfBase('renal'),
    );
  });
});

describe('words', () => {
  it('folds case and accents and stems plurals', () => {
    expect(wordKey('Fractures')).toBe('fracture');
    expect(wordKey('Ménière')).toBe('meniere');
  });

  it('gives the same keys to a title as to a note', () => {
    expect(wordKeys("Crohn's non-infective disease")).toEqual(splitWords("Crohn's non-infective disease").map((w) => w.key));
  });

  it('keeps offsets of the original text', () => {
    const text = 'Acute  renal, failure';
    expect(splitWords(text).map((w) => text.slice(w.start, w.end))).toEqual(['Acute', 'renal', 'failure']);
  });

  it('marks a comma as a soft gap and a semicolon as a hard one', () => {
    expect(splitWords('a, b; c').map((w) => w.gap)).toEqual([Gap.None, Gap.Soft, Gap.Hard]);
  });

  it('reads an unknown adjective as a known noun ("bronchitic" → bronchitis)', () => {
    expect(suffixFallback('bronchitic', (k) => k === 'bronchitis')).toBe('bronchitis');
  });

  it('reads an unknown plural the stemmer leaves ("edemas" → edema)', () => {
    expect(suffixFallback('edemas', (k) => k === 'edema')).toBe('edema');
  });

  it('reads British spellings as the American ones the index uses', () => {
    const vocab = new Set([
      'anemia',
      'edema',
      'esophagus',
      'diarrhea',
      'leukocytosis',
      'tumor',
      'fecal',
      'pediatric',
      'ischemic',
      'hypokalemia',
    ]);
    const known = (k: string) => vocab.has(k);
    const read = (w: string) => suffixFallback(wordKey(w), known);
    expect(
      ['anaemia', 'oedema', 'oesophagus', 'diarrhoea', 'leucocytosis', 'tumour', 'faecal', 'paediatric', 'ischaemic', 'hypokalaemia'].map(
        read,
      ),
    ).toEqual(['anemia', 'edema', 'esophagus', 'diarrhea', 'leukocytosis', 'tumor', 'fecal', 'pediatric', 'ischemic', 'hypokalemia']);
    // Then the adjective rules: "anaemic" is anemia.
    expect(read('anaemic')).toBe('anemia');
    // Words that only look British are left alone when the American reading is no word either.
    expect(read('undergoes')).toBeUndefined();
    expect(read('contour')).toBeUndefined();
  });
});
