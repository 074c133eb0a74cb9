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

  it('codes a subdural hematoma the note calls nontraumatic or without trauma as I62.0- by its age, not S06.5-', () => {
    for (const note of [
      'DIAGNOSES:\n1. Nontraumatic chronic subdural hematoma.\n',
      'DIAGNOSES:\n1. Small left chronic subdural hematoma without history of trauma.\n',
      'DIAGNOSES:\n1. Spontaneous chronic subdural hematoma.\n',
    ]) {
      expect(fateOf(note, 'I6203')).toBe('suggested');
      expect(fateOf(note, 'S065X9A')).toBe('absent');
    }
    expect(fateOf('DIAGNOSES:\n1. Acute subdural hematoma after a fall from standing.\n', 'I6201')).toBe('absent');
  });

  it('codes a nontraumatic intracerebral hemorrhage by its site', () => {
    expect(fateOf('DIAGNOSES:\n1. Nontraumatic intracerebral hemorrhage of the left basal ganglia.\n', 'I610')).toBe('suggested');
    expect(fateOf('DIAGNOSES:\n1. Nontraumatic intracerebral hemorrhage of the left thalamus.\n', 'I619')).toBe('absent');
    expect(fateOf('DIAGNOSES:\n1. Intracerebral hemorrhage in the right temporal lobe.\n', 'I611')).toBe('suggested');
  });

  it('codes the initial NIH stroke scale score beside an acute cerebral infarction, and not without one', () => {
    const stroke = 'HPI: Acute right-sided weakness. NIHSS on arrival 14. Repeat NIHSS 6.\nASSESSMENT:\n1. Acute ischemic stroke.\n';
    expect(fateOf(stroke, 'R29714')).toBe('suggested');
    expect(fateOf(stroke, 'R29706')).toBe('absent');
    expect(fateOf('HPI: Transient left arm numbness, resolved. NIHSS 0.\nASSESSMENT:\n1. Transient ischemic attack.\n', 'R29700')).toBe('absent');
  });

  it('codes a stroke the sentence puts down to an occluded named artery as I63 by artery, side and mechanism, not I66 beside I63.9', () => {
    const embolic = 'ASSESSMENT:\n1. Acute ischemic stroke due to embolic occlusion of the left middle cerebral artery.\n';
    expect(fateOf(embolic, 'I63412')).toBe('suggested');
    expect(fateOf(embolic, 'I6602')).toBe('absent');
    expect(fateOf(embolic, 'I639')).not.toBe('suggested');
    expect(fateOf('ASSESSMENT:\n1. Acute stroke due to thrombosis of the right middle cerebral artery.\n', 'I63311')).toBe('suggested');
    expect(fateOf('ASSESSMENT:\n1. Acute cerebral infarction from occlusion of the right carotid artery.\n', 'I63231')).toBe('suggested');
  });

  it('keeps an occluded artery with no stroke, or with a past stroke, as the occlusion', () => {
    expect(fateOf('ASSESSMENT:\n1. Occlusion of the left middle cerebral artery, no infarct on MRI.\n', 'I6602')).toBe('suggested');
    expect(fateOf('ASSESSMENT:\n1. Stenosis of the right carotid artery, history of stroke.\n', 'I63231')).toBe('absent');
  });

  it('codes a stroke thrombectomy as extirpation from an intracranial artery, with a stent retriever when named', () => {
    const note = 'PROCEDURE: Endovascular thrombectomy of the left MCA, TICI 2b.\nASSESSMENT: Acute ischemic stroke.\n';
    expect(fateOf(note, '03CG3ZZ', 'inpatient', '2026-09-01')).toBe('suggested');
    const retriever = 'PROCEDURE: Mechanical thrombectomy with stent retriever, left M1.\nASSESSMENT: Acute ischemic stroke.\n';
    expect(fateOf(retriever, '03CG3Z7', 'inpatient', '2026-09-01')).toBe('suggested');
  });

  it('codes tPA given at the referring hospital as Z92.82 and not as a procedure of this stay; tPA given here is the procedure', () => {
    const transfer = 'HPI: Transferred from outside hospital after receiving tPA there for acute left-sided weakness.\nASSESSMENT: Acute ischemic stroke.\n';
    expect(fateOf(transfer, 'Z9282', 'inpatient', '2026-09-01')).toBe('suggested');
    expect(fateOf(transfer, '3E03317', 'inpatient', '2026-09-01')).toBe('not-coded/before-this-stay');
    const here = 'HPI: Acute left hemiparesis. IV tPA given in our ED, then transferred to the ICU.\nASSESSMENT: Acute ischemic stroke.\n';
    expect(fateOf(here, '3E03317', 'inpatient', '2026-09-01')).toBe('suggested');
    expect(fateOf(here, 'Z9282', 'inpatient', '2026-09-01')).toBe('absent');
  });
});
