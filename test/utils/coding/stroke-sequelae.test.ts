/**
 * Stroke and its residual deficits read as a coder would: a deficit the note says follows a cerebral
 * infarction is a sequela (I69.3-, Guidelines I.C.9.d) with the side and dominance of I.C.6.a, not the
 * G81 / R47 code of the deficit beside a current stroke (I63.-); a deficit of the acute stroke keeps its own
 * code. Through the whole pipeline; needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { compiled, fateOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('stroke sequelae', () => {
  it('codes hemiparesis following a cerebral infarction as I69.35- with the side, not G81.9- and a current stroke', () => {
    const note = 'ASSESSMENT:\n1. Right hemiparesis following cerebral infarction.\n';
    expect(fateOf(note, 'I69351')).toBe('suggested');
    expect(fateOf(note, 'G8191')).toBe('absent');
    expect(fateOf(note, 'I639')).toBe('not-coded/not-a-finding');
  });

  it('defaults the left side to nondominant and keeps documented dominance', () => {
    expect(fateOf('ASSESSMENT:\n1. Left hemiparesis following old stroke.\n', 'I69354')).toBe('suggested');
    expect(fateOf('ASSESSMENT:\n1. Right dominant side hemiparesis following cerebral infarction.\n', 'I69351')).toBe('suggested');
    expect(fateOf('ASSESSMENT:\n1. Hemiplegia following stroke.\n', 'I69359')).toBe('suggested');
  });

  it('keeps the deficit of an acute stroke as its own code', () => {
    const note = 'ASSESSMENT:\n1. Right hemiparesis following acute ischemic stroke.\n';
    expect(fateOf(note, 'G8191')).toBe('suggested');
    expect(fateOf(note, 'I69351')).toBe('absent');
  });

  it('codes aphasia and dysarthria following a stroke as I69.320 / I69.322, and dysphagia with its phase', () => {
    expect(fateOf('ASSESSMENT:\n1. Aphasia following stroke.\n', 'I69320')).toBe('suggested');
    expect(fateOf('ASSESSMENT:\n1. Aphasia following stroke.\n', 'R4701')).toBe('absent');
    expect(fateOf('ASSESSMENT:\n1. Dysarthria following stroke.\n', 'I69322')).toBe('suggested');
    const dysphagia = 'ASSESSMENT:\n1. Dysphagia, oropharyngeal phase, after prior stroke.\n';
    expect(fateOf(dysphagia, 'I69391')).toBe('suggested');
    expect(fateOf(dysphagia, 'R1312')).toBe('suggested');
  });

  it('codes no history of cerebral infarction without residual deficit beside a sequela', () => {
    const note = 'ASSESSMENT:\n1. Left hemiparesis following old cerebral infarction.\n';
    expect(fateOf(note, 'I69354')).toBe('suggested');
    expect(fateOf(note, 'Z8673')).not.toBe('suggested');
  });
});
