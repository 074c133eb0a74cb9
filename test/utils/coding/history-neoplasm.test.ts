/**
 * The history of a cancer told with its metastases is the primary's history (Guidelines I.C.2.d,
 * I.C.21.c.4: Z85 by the primary site), not the secondary site's words. Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled } from '../../helpers/knowledge';

describe.skipIf(!compiled)('history of a cancer with metastases', () => {
  it('gives the history of the primary site, not of the site it spread to', () => {
    const coded = codedOf('PMH: History of prostate adenocarcinoma with bone metastases.');
    expect(coded).toContain('Z8546');
    expect(coded).not.toContain('Z85830');
  });

  it('gives the family history of the primary site', () => {
    const coded = codedOf('Family history: mother had breast cancer with liver metastases.');
    expect(coded).toContain('Z803');
    expect(coded).not.toContain('Z800');
  });

  it('still reads a history of bone cancer as Z85.830', () => {
    expect(codedOf('PMH: history of osteosarcoma of the femur.')).toContain('Z85830');
  });
});
