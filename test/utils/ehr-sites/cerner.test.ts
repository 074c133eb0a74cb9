import { beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../../helpers/ehr-read';

// happy-dom does not load <frame>s, so the viewer frame is read on its own here; the whole frameset
// is read in real Chromium (test/e2e/ehr-reader.e2e.test.ts).
describe('Cerner-like document viewer (frames, layout and result tables)', () => {
  let read: Awaited<ReturnType<typeof readFixture>>;
  beforeAll(async () => {
    read = await readFixture('cerner/doc-view.html');
  });

  it('is recognised and reads the title, then the document', () => {
    expect(read.adapter).toBe('cerner');
    expect(read.lines[0]).toBe('Cardiology Consultation');
  });

  it('keeps label and value cells on one line, tab-separated', () => {
    expect(read.lines).toContain('Reason for Consult:\tNew atrial fibrillation with rapid ventricular response.');
    expect(read.lines).toContain(
      'Plan:\tStart apixaban 5 mg twice daily and metoprolol tartrate 25 mg every 6 hours. Replete potassium. Transthoracic echocardiogram.',
    );
  });

  it('reads a result table row by row', () => {
    expect(read.lines).toContain('Test\tResult\tUnits\tReference');
    expect(read.lines).toContain('Potassium\t3.4\tmmol/L\t3.5-5.1');
    expect(read.lines).toContain('3. No evidence of acute coronary syndrome; troponin negative twice.');
  });

  it.each(['HIDDEN ROW', 'ACTIONS TEXT', 'CROSS ORIGIN FRAME TEXT'])('does not read %s', (secret) => {
    expect(read.text).not.toContain(secret);
  });
});
