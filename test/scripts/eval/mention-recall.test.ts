import { describe, expect, it } from 'vitest';
import { type CaseResult, parseCodiEsp, score } from '../../../scripts/eval/mention-recall';

const line = (id: string, codes: string[], split = 'dev') =>
  JSON.stringify({
    id,
    text: 'Synthetic case.',
    split,
    codes: [...codes.map((code) => ({ system: 'ICD-10-CM', code })), { system: 'ICD-10-PCS', code: 'BW03ZZZ' }],
  });

describe('parseCodiEsp', () => {
  it('keeps ICD-10-CM codes, dotless, and drops procedures', () => {
    const [c] = parseCodiEsp(line('a', ['J18.9', 'N39.0']));
    expect(c?.gold).toEqual(['J189', 'N390']);
  });

  it('skips blank lines', () => {
    expect(parseCodiEsp(`${line('a', ['J18.9'])}\n\n${line('b', ['I10'])}\n`).map((c) => c.id)).toEqual(['a', 'b']);
  });
});

describe('score', () => {
  const result = (gold: string[], codes: string[]): CaseResult => ({
    c: { id: 'x', text: '', split: 'dev', gold },
    codes: new Set(codes),
    ms: 1,
  });

  it('counts exact, prefix (header above the gold code) and category hits', () => {
    const r = score([result(['J189', 'S72001A', 'I5023'], ['J189', 'S7200', 'I509'])]);
    expect([r.exact.micro, r.prefix.micro, r.category.micro]).toEqual([0.333, 0.667, 1]);
  });

  it('averages per case for macro', () => {
    const r = score([result(['J189'], ['J189']), result(['I10', 'E119'], [])]);
    expect([r.exact.micro, r.exact.macro]).toEqual([0.333, 0.5]);
  });
});
