import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, toNormalizedOffset, toOriginalSpan } from '../../../utils/nlp/normalize';

describe('normalize', () => {
  it('returns an empty view for empty text', () => {
    const n = normalize('');
    expect(n.text).toBe('');
    expect(Array.from(n.origin)).toEqual([0]);
  });

  it.each([
    ['lower case', 'HYPERTENSION', 'hypertension'],
    ['accents folded', 'Café Ménière', 'cafe meniere'],
    ['combining marks dropped', 'e\u0301dema', 'edema'],
    ['compatibility forms (ligature, full width)', '\ufb01brosis ＣＨＦ', 'fibrosis chf'],
    ['whitespace runs collapsed', 'no \t\n  fever', 'no fever'],
    ['no-break and ideographic spaces', 'no\u00a0fever\u3000today', 'no fever today'],
    ['zero-width and bidi marks dropped', 'hyper\u200btension \u200fno\u202e', 'hypertension no'],
    ['soft hyphen dropped', 'hyper\u00adtension', 'hypertension'],
    ['typographic quotes and dashes', 'Crohn’s – “flare”', 'crohn\'s - "flare"'],
    ['control characters become a space', 'a\u0000\u0001b', 'a b'],
  ])('%s', (_name, input, expected) => {
    expect(normalize(input).text).toBe(expected);
  });

  it('maps a normalised span back to every original character, including collapsed space and marks', () => {
    const source = 'Hx of  Crohn’s   DISEASE';
    const n = normalize(source);
    const at = n.text.indexOf("crohn's disease");
    const span = toOriginalSpan(n, at, at + "crohn's disease".length);
    expect(source.slice(span.start, span.end)).toBe('Crohn’s   DISEASE');
  });

  it('ends a mapped span after trailing combining marks', () => {
    const source = 'cafe\u0301 noir';
    const n = normalize(source);
    const span = toOriginalSpan(n, 0, 4);
    expect(source.slice(span.start, span.end)).toBe('cafe\u0301');
  });

  it('maps expansions (one source character, several normalised ones) to the whole source character', () => {
    const n = normalize('x\ufb01y');
    expect(n.text).toBe('xfiy');
    expect(toOriginalSpan(n, 1, 3)).toEqual({ start: 1, end: 2 });
    expect(toOriginalSpan(n, 1, 2)).toEqual({ start: 1, end: 2 });
  });

  it('keeps astral characters (emoji) whole', () => {
    const source = 'pain 😀 score';
    const n = normalize(source);
    const i = n.text.indexOf('😀');
    const span = toOriginalSpan(n, i, i + 2);
    expect(source.slice(span.start, span.end)).toBe('😀');
  });

  it('accepts CJK, RTL text and lone surrogates without throwing', () => {
    const source = '患者 发热 \u05d7\u05d5\u05dd \u200f\ud800x\udc00 🩺';
    const n = normalize(source);
    expect(n.text.length).toBeGreaterThan(0);
    expect(n.origin[n.text.length]).toBe(source.length);
  });

  it('finishes on 5 MB of text', () => {
    const source = 'No evidence of PNEUMONIA.   Café au lait spots.\n'.repeat(110_000);
    expect(source.length).toBeGreaterThan(5_000_000);
    const n = normalize(source);
    expect(n.text.startsWith('no evidence of pneumonia. cafe au lait')).toBe(true);
  });

  it('finishes on 5 MB of binary garbage', () => {
    let seed = 7;
    const units = new Uint16Array(5_000_000);
    for (let i = 0; i < units.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      units[i] = seed & 0xffff;
    }
    let source = '';
    for (let i = 0; i < units.length; i += 8192) source += String.fromCharCode(...units.subarray(i, i + 8192));
    const n = normalize(source);
    expect(n.origin[n.text.length]).toBe(source.length);
  });
});

describe('offset map (property tests)', () => {
  const anyText = fc.string({ unit: 'grapheme', maxLength: 80 });
  const binaryText = fc.string({ unit: 'binary', maxLength: 80 });

  it('is non-decreasing, inside the source, and ends at the source length', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, binaryText), (source) => {
        const n = normalize(source);
        expect(n.origin.length).toBe(n.text.length + 1);
        expect(n.origin[n.text.length]).toBe(source.length);
        for (let i = 0; i < n.text.length; i++) {
          const o = n.origin[i] ?? -1;
          expect(o).toBeGreaterThanOrEqual(i === 0 ? 0 : (n.origin[i - 1] ?? 0));
          expect(o).toBeLessThan(source.length);
        }
      }),
    );
  });

  it('round-trips: each normalised character comes from the original characters its span covers', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, binaryText), (source) => {
        const n = normalize(source);
        for (let i = 0; i < n.text.length; i++) {
          const span = toOriginalSpan(n, i, i + 1);
          expect(span.start).toBeLessThan(span.end);
          const again = normalize(source.slice(span.start, span.end)).text;
          expect(again.includes(n.text[i] ?? '')).toBe(true);
          // The first normalised character of a source character maps straight back.
          if (i === 0 || n.origin[i] !== n.origin[i - 1]) expect(toNormalizedOffset(n, span.start)).toBe(i);
        }
      }),
    );
  });

  it('round-trips words written with any case, accents and spacing', () => {
    const word = fc.constantFrom('fever', 'chest pain', 'crohn disease', 'edema', 'mi');
    const noise = fc.constantFrom(' ', '  ', '\n', '\t ', ' \u200b');
    fc.assert(
      fc.property(fc.array(fc.tuple(word, noise), { minLength: 1, maxLength: 6 }), fc.boolean(), (parts, upper) => {
        const source = parts.map(([w, s]) => (upper ? w.toUpperCase() : w).replace('e', upper ? 'É' : 'é') + s).join('');
        const n = normalize(source);
        for (const [w] of parts) {
          const at = n.text.indexOf(w);
          expect(at).toBeGreaterThanOrEqual(0);
          const span = toOriginalSpan(n, at, at + w.length);
          expect(normalize(source.slice(span.start, span.end)).text).toBe(w);
        }
      }),
    );
  });
});
