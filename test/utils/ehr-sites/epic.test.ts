import { beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../../helpers/ehr-read';

describe('Epic-like note viewer (nested iframes, collapsible sections)', () => {
  let read: Awaited<ReturnType<typeof readFixture>>;
  beforeAll(async () => {
    read = await readFixture('epic/index.html');
  });

  it('is recognised from the shell and read from the nested note frames', () => {
    expect(read.adapter).toBe('epic');
    expect(read.lines[0]).toBe('Progress Notes · Hospital Medicine');
    expect(read.lines[1]).toBe('Date of Service: 10/14/2026 · Author: B. Sample, MD (fictional)');
  });

  it('keeps each section header on its own line', () => {
    for (const header of ['Interval History', 'Review of Systems', 'Objective', 'History', 'Assessment and Plan'])
      expect(read.lines).toContain(header);
  });

  it('reads the rich text, shadow-root vitals with slotted content, and the open details', () => {
    expect(read.lines).toContain(
      'Mrs. Testpatient is a 72-year-old woman on hospital day 2 for community-acquired pneumonia of the right lower lobe.',
    );
    expect(read.lines).toContain('Vitals: Temp 38.4 C, HR 104, BP 128/76, SpO2 91% on 2 L nasal cannula.');
    expect(read.lines).toContain('Exam: crackles at the right base; no edema.');
    expect(read.lines).toContain('Labs: WBC 14.1, sodium 129, lactate 1.1.');
    expect(read.lines).toContain('Azithromycin 500 mg by mouth daily');
    expect(read.lines).toContain('Hyponatremia: sodium 129, likely SIADH from pneumonia; fluid restriction 1.2 L.');
  });

  it.each([
    'HIDDEN ACTIVITY',
    'COLLAPSED ROS',
    'COLLAPSED DETAILS',
    'COLLAPSED BY HEIGHT',
    'CLOSED SHADOW',
    'OPACITY ZERO',
    'INVISIBLE PARENT',
    'ARIA HIDDEN',
    'VISUALLY HIDDEN',
    'TOOLBAR TEXT',
    'SECTION TOOLS',
    'TESTPATIENT, Ada',
  ])('does not read %s', (secret) => {
    expect(read.text).not.toContain(secret);
  });
});
