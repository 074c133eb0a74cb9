import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCompiledAssets } from '../../../scripts/codesets/compiled';
import { defaultProcedures, parseProcedures, procedureMessages } from '../../../utils/nlp/procedures';
import { compileProcedures } from '../../../utils/nlp/mention-procedures';
import { readTokens } from '../../../utils/nlp/mentions';
import { fixtureLexicon, mentionsOf } from './mention-fixtures';

const PCS_ORDER = resolve(import.meta.dirname, '../../../../shared/data/icd10pcs/fy2026/icd10pcs_order_2026.txt.gz');
const COMPILED = resolve(import.meta.dirname, '../../../public/codesets/catalog.json');

const entry = (more: Record<string, unknown> = {}) => ({
  id: 'x-ray',
  literal: 'chest x-ray',
  synonyms: [],
  icd10pcs: ['BW03ZZZ'],
  hcpcs: [],
  ...more,
});
const file = (procedures: unknown[]) => ({ version: 1, description: 'test', source: 'test', procedures });

describe('procedure file', () => {
  it('loads the shipped file with at least 60 procedures', () => {
    expect(defaultProcedures.procedures.length).toBeGreaterThanOrEqual(60);
  });

  it('rejects an unknown key', () => {
    expect(() => parseProcedures(file([entry({ cpt: ['71045'] })]))).toThrow(/Invalid procedure file/);
  });

  it('rejects a code of the wrong shape', () => {
    expect(() => parseProcedures(file([entry({ icd10pcs: ['BW03ZZ'] })]))).toThrow(/Invalid procedure file/);
  });

  it('rejects a phrase claimed by two procedures', () => {
    expect(() => parseProcedures(file([entry(), entry({ id: 'cxr', synonyms: ['Chest X-ray'] })]))).toThrow(
      procedureMessages.invalid('cxr', procedureMessages.duplicatePhrase('chest x-ray', 'x-ray')),
    );
  });

  it('rejects a procedure with no code', () => {
    expect(() => parseProcedures(file([entry({ icd10pcs: [] })]))).toThrow(procedureMessages.invalid('x-ray', procedureMessages.noCodes));
  });
});

describe.skipIf(!existsSync(PCS_ORDER))('procedure codes against the FY2026 ICD-10-PCS order file', () => {
  it('names only valid codes (flag 1 at column 15)', () => {
    const valid = new Set<string>();
    for (const line of gunzipSync(readFileSync(PCS_ORDER)).toString('latin1').split('\n')) {
      if (line[14] === '1') valid.add(line.slice(6, 13).trim());
    }
    const invalid = defaultProcedures.procedures.flatMap((p) => p.icd10pcs.filter((c) => !valid.has(c)).map((c) => `${p.id} ${c}`));
    expect(invalid).toEqual([]);
  });

  it('files each side code under the side its title names (body-part values "Right", "Left", "Bilateral")', () => {
    const titles = new Map<string, string>();
    for (const line of gunzipSync(readFileSync(PCS_ORDER)).toString('latin1').split('\n')) {
      if (line[14] === '1') titles.set(line.slice(6, 13).trim(), line.slice(77).trim());
    }
    const says = (code: string, word: string) => new RegExp(`\\b${word}\\b`).test(titles.get(code) ?? '');
    const wrong: string[] = [];
    let sided = 0;
    for (const p of defaultProcedures.procedures) {
      if (!p.bySide) continue;
      sided++;
      for (const c of p.bySide.right) if (!says(c, 'Right') || says(c, 'Left')) wrong.push(`${p.id} right ${c}`);
      for (const c of p.bySide.left) if (!says(c, 'Left') || says(c, 'Right')) wrong.push(`${p.id} left ${c}`);
      for (const c of p.bySide.bilateral ?? []) if (!says(c, 'Bilateral')) wrong.push(`${p.id} bilateral ${c}`);
    }
    expect(sided).toBeGreaterThanOrEqual(25);
    expect(wrong).toEqual([]);
  });
});

describe.skipIf(!existsSync(COMPILED))('procedure codes against the compiled HCPCS code set', () => {
  it('names only HCPCS codes of the set', () => {
    const hcpcs = readCompiledAssets(undefined, ['codes']).find((a) => a.header.system === 'hcpcs');
    const known = new Set((hcpcs?.records ?? []).map((r) => (r as [string])[0]));
    const unknown = defaultProcedures.procedures.flatMap((p) => p.hcpcs.filter((c) => !known.has(c)).map((c) => `${p.id} ${c}`));
    expect(unknown).toEqual([]);
  });
});

describe('procedure mentions', () => {
  const lex = fixtureLexicon();

  it('finds a procedure by its literal', () => {
    expect(mentionsOf('She underwent laparoscopic cholecystectomy.', lex).map((m) => m.codes)).toEqual([['0FT44ZZ']]);
  });

  it('finds it written the other way round', () => {
    expect(mentionsOf('Cholecystectomy, laparoscopic.', lex).map((m) => m.codes)).toEqual([['0FT44ZZ']]);
  });

  it('prefers the longer phrase ("laparoscopic appendectomy" over "appendectomy")', () => {
    expect(mentionsOf('Laparoscopic appendectomy.', lex).map((m) => m.path[0])).toEqual(['laparoscopic appendectomy']);
  });

  it('marks procedure mentions with source procedure and system icd10pcs', () => {
    const [m] = mentionsOf('Chest x-ray was clear.', lex);
    expect([m?.source, m?.system]).toEqual(['procedure', 'icd10pcs']);
  });

  it('compiles the phrases with the lexicon reader', () => {
    expect(compileProcedures(lex, readTokens).byId.size).toBe(defaultProcedures.procedures.length);
  });
});
