/**
 * Conditions that got no suggestion at all because the note names them with a word the Index does not
 * print (translated or British wording, a drug name read as a condition). Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled, fateOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('recall of unread wordings (recall-4)', () => {
  it.each([
    'Assessment: acute left orchiepididymitis, started on antibiotics.',
    'Impression: right orchidoepididymitis.',
  ])('reads orchiepididymitis as epididymo-orchitis N45.3: %s', (text) => {
    expect(codedOf(text)).toContain('N453');
  });

  it('leaves a ruled-out orchiepididymitis not coded', () => {
    expect(fateOf('Scrotal ultrasound: orchiepididymitis was ruled out.', 'N453')).toMatch(/^not-coded/);
  });

  it.each([
    'Past medical history: hypertriglyceridemia on diet alone.',
    'Problem list: hypertriglyceridaemia.',
  ])('reads hypertriglyceridemia as pure hyperglyceridemia E78.1: %s', (text) => {
    expect(codedOf(text)).toContain('E781');
  });

  it.each([
    ['Assessment: enolic cirrhosis, Child-Pugh B.', 'K7030'],
    ['History: chronic ethylic liver disease.', 'K709'],
    ['Social history: ethylism for twenty years.', 'F1020'],
  ])('reads the translated alcohol adjectives: %s', (text, code) => {
    expect(codedOf(text)).toContain(code);
  });

  it('does not read an ethyl chloride spray as alcohol use', () => {
    expect(codedOf('Procedure: ethyl chloride spray before the injection.')).not.toContain('F1020');
  });

  it('reads oral hypoglycemic agents as a drug, not as hypoglycemia', () => {
    const coded = codedOf('History: type 2 diabetes on oral hypoglycemic agents.');
    expect(coded).toContain('E119');
    expect(coded.filter((c) => c.startsWith('E1164'))).toEqual([]);
  });

  it('still reads a hypoglycemic episode of a diabetic as hypoglycemia', () => {
    expect(codedOf('Assessment: type 2 diabetes with a hypoglycemic episode this morning.')).toContain('E11649');
  });
});

describe.skipIf(!compiled)('long-term drug therapy from narrative wording (recall-4)', () => {
  it.each([
    ['History: type 2 diabetes mellitus (DM) treated with metformin.', 'Z7984'],
    ['History: type 2 diabetes treated with oral hypoglycemic agents.', 'Z7984'],
    ['History: steroid-dependent asthma.', 'Z7952'],
    ['History: an insulin-dependent diabetic for thirty years.', 'Z794'],
    ['At admission she was under antiplatelet therapy.', 'Z7902'],
    ['He remains under tacrolimus treatment since the transplant.', 'Z79621'],
    ['Medications: oral corticoids.', 'Z7952'],
  ])('codes the drug the patient is kept on: %s', (text, code) => {
    expect(codedOf(text)).toContain(code);
  });

  it.each([
    ['The flare was treated with oral corticoids.', 'Z7952'],
    ['History: non-insulin-dependent diabetes mellitus.', 'Z794'],
  ])('does not code a past course or a negated dependence: %s', (text, code) => {
    expect(codedOf(text)).not.toContain(code);
  });
});

describe.skipIf(!compiled)('a superinfection is an infection (recall-4)', () => {
  it.each([
    ['Assessment: ulcerative colitis with a superinfection by cytomegalovirus.', 'B259'],
    ['Assessment: bacterial superinfection of the burn.', 'A499'],
  ])('reads the organism of a superinfection: %s', (text, code) => {
    expect(codedOf(text)).toContain(code);
  });

  it('leaves an absent superinfection not coded', () => {
    expect(codedOf('Exam: clean wound bed, no signs of bacterial superinfection.')).not.toContain('A499');
  });
});

describe.skipIf(!compiled)('cranial nerve palsies of the eye muscles (recall-4)', () => {
  it.each([
    ['Assessment: right abducens nerve palsy after the lumbar puncture.', 'H4921'],
    ['Assessment: left third cranial nerve palsy, pupil involving.', 'H4902'],
    ['Assessment: left trochlear nerve palsy.', 'H4912'],
    ['Assessment: left sixth nerve palsy.', 'H4922'],
  ])('codes the palsy of the nerve and its side: %s', (text, code) => {
    const coded = codedOf(text);
    expect(coded).toContain(code);
    expect(coded).not.toContain('G589');
  });

  it('leaves a palsy of another nerve to its own entry', () => {
    expect(codedOf('Assessment: left ulnar nerve palsy.').filter((c) => c.startsWith('H49'))).toEqual([]);
  });
});

describe.skipIf(!compiled)('"relative" as an adjective names no family member (recall-4)', () => {
  it('codes a relative lymphopenia as the patient’s', () => {
    const coded = codedOf('Labs: white cell count 7,700 with relative lymphopenia.');
    expect(coded).toContain('D72810');
    expect(coded.filter((c) => c.startsWith('Z83'))).toEqual([]);
  });

  it('still reads a relative with a disease as family history', () => {
    expect(codedOf('Family history: a relative with colon cancer.')).toContain('Z800');
  });
});
