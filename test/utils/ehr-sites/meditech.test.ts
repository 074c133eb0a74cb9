import { beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../../helpers/ehr-read';

describe('Meditech-Expanse-like chart (tabs, fixed-width document)', () => {
  let read: Awaited<ReturnType<typeof readFixture>>;
  beforeAll(async () => {
    read = await readFixture('meditech/index.html');
  });

  it('is recognised and reads the open document only', () => {
    expect(read.adapter).toBe('meditech');
    expect(read.lines[0]).toBe('Discharge Summary · 10/18/2026 · D. Synthetic, MD (fictional)');
    expect(read.text).not.toContain('HIDDEN TAB ED NOTE');
  });

  it('keeps the fixed-width text line for line, blank lines and alignment included', () => {
    expect(read.text).toContain(
      'DISCHARGE DIAGNOSES:\n  1. COPD with acute exacerbation\n  2. Chronic respiratory failure with hypoxia, on 2 L home oxygen\n',
    );
    expect(read.text).toContain('LABS:           Admit    Discharge\n  WBC           13.2     9.8\n');
  });

  it('reads the signature component through its shadow root and named slots', () => {
    expect(read.lines).toContain('Signed electronically by D. Synthetic, MD on 10/18/2026 11:20.');
  });

  it.each(['ACTIONS TEXT', 'NAV TEXT', 'SYNTHETIC, Carol'])('does not read %s', (secret) => {
    expect(read.text).not.toContain(secret);
  });
});
