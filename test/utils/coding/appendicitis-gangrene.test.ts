/**
 * Gangrenous acute appendicitis with nothing more written is K35.891 (FY2021 on), which names the gangrene, so
 * Gangrene NEC I96 is not coded beside it (Tabular I96 Excludes1). Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled } from '../../helpers/knowledge';

describe.skipIf(!compiled)('gangrenous appendicitis (Tabular K35.89-, I96 Excludes1; Guidelines I.B.2, I.B.9)', () => {
  it('codes gangrenous appendicitis as K35.891, without K35.80 or I96', () => {
    const codes = codedOf('ASSESSMENT:\n1. Gangrenous appendicitis.\n');
    expect(codes).toContain('K35891');
    expect(codes).not.toContain('K3580');
    expect(codes).not.toContain('I96');
  });

  it('leaves acute appendicitis with no gangrene written K35.80', () => {
    expect(codedOf('ASSESSMENT:\n1. Acute appendicitis.\n')).toContain('K3580');
  });

  it('gives a perforated gangrenous appendicitis its perforation code, not K35.891', () => {
    const codes = codedOf('ASSESSMENT:\n1. Perforated gangrenous appendicitis.\n');
    expect(codes).toContain('K3532');
    expect(codes).not.toContain('K35891');
  });
});
