/**
 * Complications of devices through the whole pipeline: the complication's words are read once, as the
 * complication of the device the note names (Index Complication(s), <device>, <complication>), and the
 * device's Presence status yields to it (Guidelines I.C.21.c.3). Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../../utils/coding/types';
import { codedOf, compiled, suggestionsOf } from '../../helpers/knowledge';

const run = (text: string): Suggestion[] => suggestionsOf(text);
const coded = (text: string): string[] => codedOf(text);

describe.skipIf(!compiled)('device complications through the pipeline', () => {
  it('codes a pacemaker pocket hematoma as T82.837-, not the status nor an injury of an unspecified region', () => {
    const list = run('ASSESSMENT: Pacemaker pocket hematoma.\n');
    const hematoma = list.find((s) => s.code === 'T82837');
    expect(hematoma?.status).toBe('incomplete');
    expect(hematoma?.choices?.map((c) => c.code)).toEqual(['T82837A', 'T82837D', 'T82837S']);
    expect(coded('ASSESSMENT: Pacemaker pocket hematoma.\n').filter((c) => c === 'Z950' || c.startsWith('T148'))).toEqual([]);
  });

  it('codes an infected knee prosthesis by its side, not as pyogenic arthritis', () => {
    const codes = coded('ASSESSMENT: Infected right knee prosthesis.\n');
    expect(codes).toContain('T8453');
    expect(codes.filter((c) => c.startsWith('M00') || c.startsWith('Z966'))).toEqual([]);
  });

  it('reads a cardiac generator pocket as the pacemaker’s, not a neurostimulator’s (T85.734)', () => {
    const codes = coded('ASSESSMENT: Infected pacemaker generator pocket.\n');
    expect(codes).toContain('T827');
    expect(codes.filter((c) => c.startsWith('T857'))).toEqual([]);
  });

  it('codes an ICD pocket infection as the device infection, the bare infection yielding to it', () => {
    const list = run('ASSESSMENT: ICD pocket infection.\n');
    expect(list.filter((s) => s.status !== 'not-coded').map((s) => s.code)).toEqual(['T827']);
  });

  it('keeps the infection the Tabular asks for beside a catheter infection (use additional code)', () => {
    const codes = coded('ASSESSMENT: Catheter-associated urinary tract infection from the indwelling urinary catheter.\n');
    expect(codes).toEqual(expect.arrayContaining(['T83511', 'N390']));
  });

  it('reads no body site from the device’s name ("Foley" is no urethra: no urethritis N34.2)', () => {
    const codes = coded('ASSESSMENT: Urinary tract infection due to the Foley catheter.\n');
    expect(codes).toContain('T83511');
    expect(codes.filter((c) => c.startsWith('N34'))).toEqual([]);
  });

  it('keeps an Index reading that is itself the device’s complication (T80.211 from Infection, central line-associated)', () => {
    expect(coded('ASSESSMENT: Bloodstream central line-associated infection.\n')).toContain('T80211');
  });

  it('still codes a status beside a complication of another device line, not its complication again', () => {
    const codes = coded('ASSESSMENT: Infected left TKA.\nHPI: S/p right THA in 2015.\n');
    expect(codes).toEqual(expect.arrayContaining(['T8454', 'Z96641']));
    expect(codes.filter((c) => c.startsWith('Z86'))).toEqual([]);
  });
});
