/**
 * Women's health and breast oncology visits read as a coder would: the receptor status beside a breast
 * cancer (Tabular C50, Z17), the mammographic density category (R92.3-), a BRCA mutation as genetic
 * susceptibility (Z15.01), atrophic vaginitis (N95.2), and words that name a condition without the
 * patient having it (an HPV test, the risks counselled). Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { findReceptorStatus } from '../../../utils/coding/receptor-status';
import { defaultCodingRules } from '../../../utils/coding/rule-pack';
import { compiled, suggestionsOf } from '../../helpers/knowledge';

/** The diagnosis codes an outpatient note's analysis codes, in the list's order. */
const coded = (text: string) =>
  suggestionsOf(text, 'outpatient')
    .filter((s) => s.status !== 'not-coded' && s.kind === 'diagnosis')
    .map((s) => s.code);

describe('the receptor status phrases (pure reader)', () => {
  const rules = defaultCodingRules().receptorStatus;
  const codes = (text: string) => findReceptorStatus(text, [], rules).map((f) => f.code);

  it.each([
    ['Invasive ductal carcinoma, ER+/PR+/HER2-.', ['Z170']],
    ['Tumor was ER-positive, PR negative.', ['Z170']],
    ['Pathology: ER negative, PR negative, HER2 3+.', ['Z171']],
    ['Triple-negative breast cancer.', ['Z171']],
    ['ER-/PR-/HER2+ carcinoma.', ['Z171']],
    ['Seen in the ER for chest pain.', []],
  ])('%s', (text, expected) => {
    expect(codes(text)).toEqual(expected);
  });
});

describe.skipIf(!compiled)('a breast cancer follow-up', () => {
  it('codes the estrogen receptor status beside the cancer (Tabular C50: use additional code Z17.0, Z17.1)', () => {
    const codes = coded('Assessment: Malignant neoplasm of upper-outer quadrant of left female breast, ER positive, HER2 negative.');
    expect(codes).toEqual(expect.arrayContaining(['C50412', 'Z170']));
    expect(codes.indexOf('C50412')).toBeLessThan(codes.indexOf('Z170'));
  });

  it('codes a triple-negative cancer ER negative', () => {
    expect(coded('Assessment: Triple negative carcinoma of the right breast, on chemotherapy.')).toContain('Z171');
  });

  it('codes no receptor status without a breast cancer (Z17: code first C50)', () => {
    expect(coded('Assessment: ER positive. Hypertension.')).not.toContain('Z170');
  });

  it('does not read a relative\'s receptor status', () => {
    expect(coded('FAMILY HISTORY: Sister with ER negative breast cancer.\nASSESSMENT: Carcinoma of the left breast.')).not.toContain('Z171');
  });
});

describe.skipIf(!compiled)('a screening mammogram report', () => {
  it.each([
    ['The breasts are heterogeneously dense, which may obscure small masses.', 'R92333'],
    ['The breasts are extremely dense (ACR D).', 'R92343'],
    ['There are scattered areas of fibroglandular density. Breast density: dense breasts, ACR B.', 'R92323'],
    ['The breasts are almost entirely fatty. Breast density: dense breasts category A.', 'R92313'],
  ])('codes the density category the report states: %s', (text, code) => {
    const codes = coded(`SCREENING MAMMOGRAM\nFINDINGS: ${text}\nIMPRESSION: BI-RADS 1: Negative.`);
    expect(codes).toContain(code);
    expect(codes).not.toContain('R9230');
  });
});

describe.skipIf(!compiled)('genetic susceptibility and family history', () => {
  it('reads a BRCA1 mutation as genetic susceptibility to breast cancer (Z15.01), not the cancer', () => {
    const codes = coded('Assessment: BRCA1 gene mutation carrier, referred for risk-reducing surgery.');
    expect(codes).toContain('Z1501');
    expect(codes.some((c) => c.startsWith('C50'))).toBe(false);
  });

  it('does not code the cancer a genetic susceptibility is to', () => {
    expect(coded('Assessment: Genetic susceptibility to malignant neoplasm of breast.').some((c) => c.startsWith('C50'))).toBe(false);
  });
});

describe.skipIf(!compiled)('a well-woman visit', () => {
  it('does not read an HPV cotest done with the Pap as a papillomavirus infection (B97.7)', () => {
    expect(coded('Assessment: Routine gynecological exam without abnormal findings. Pap smear with HPV cotesting collected.')).not.toContain('B977');
  });

  it('does not code a risk the counselling names (IV.H)', () => {
    expect(coded('Plan: start combined oral contraceptive pill. Discussed risks including VTE and stroke.')).not.toContain('I8290');
  });

  it('codes atrophic vaginitis as postmenopausal atrophic vaginitis N95.2, not acute vaginitis', () => {
    const codes = coded('Assessment: Atrophic vaginitis, start vaginal estradiol cream.');
    expect(codes).toContain('N952');
    expect(codes).not.toContain('N760');
  });
});

describe.skipIf(!compiled)('contraceptive management (Z30.-)', () => {
  it('codes the surveillance of an injectable contraceptive Z30.42, not its initial prescription', () => {
    const codes = coded('Assessment: Depo-Provera injection given today, surveillance of injectable contraceptive.');
    expect(codes).toContain('Z3042');
    expect(codes).not.toContain('Z30013');
  });

  it('keeps the initial prescription when the pill is started', () => {
    expect(coded('Assessment: Encounter for initial prescription of contraceptive pills, Sprintec started.')).toContain('Z30011');
  });

  it('does not code the IUD in place (Z97.5) at the visit that inserts it (Z30.430)', () => {
    const codes = coded('Assessment: Encounter for insertion of intrauterine contraceptive device. Mirena IUD inserted without difficulty.');
    expect(codes).toContain('Z30430');
    expect(codes).not.toContain('Z975');
  });
});

describe.skipIf(!compiled)('examination and menopause', () => {
  it('codes one examination at a well-woman visit: the gynecological examination, not also Z00.00', () => {
    const codes = coded('CC: Annual well-woman exam.\nASSESSMENT:\n1. Routine gynecological exam without abnormal findings.');
    expect(codes).toContain('Z01419');
    expect(codes).not.toContain('Z0000');
  });

  it('reads an asymptomatic postmenopausal state as Z78.0 (Tabular Z78.0: postmenopausal status NOS)', () => {
    expect(coded('Assessment: Asymptomatic postmenopausal state.')).toContain('Z780');
  });

  it('does not code Z78.0 beside symptomatic menopause N95.1 (Z78.0 Excludes1)', () => {
    const codes = coded('Assessment: Postmenopausal status. Menopausal hot flashes, start venlafaxine.');
    expect(codes).toContain('N951');
    expect(codes).not.toContain('Z780');
  });
});

describe.skipIf(!compiled)('a breast cancer the sentence does not call female', () => {
  it('takes the sex the note states and the side its words give (C50.9 → C50.912)', () => {
    const codes = coded('HPI: 52 yo F seen for follow-up. She is on letrozole.\nASSESSMENT:\n1. Invasive ductal carcinoma of the left breast, ER+.');
    expect(codes).toContain('C50912');
    expect(codes).not.toContain('C509');
  });

  it('leaves it incomplete when the note does not state the sex', () => {
    expect(coded('ASSESSMENT:\n1. Invasive ductal carcinoma of the left breast.')).not.toContain('C50912');
  });
});

describe.skipIf(!compiled)('a breast lump at a clock position', () => {
  it('reads 10 o\'clock of the right breast as its upper outer quadrant (N63.11)', () => {
    expect(coded('Assessment: Palpable mass in the right breast at 10 o\'clock.')).toContain('N6311');
  });

  it('reads 10 o\'clock of the left breast as its upper inner quadrant (N63.22)', () => {
    expect(coded('Assessment: Palpable lump in the left breast at 10 o\'clock.')).toContain('N6322');
  });
});
