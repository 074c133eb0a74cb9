// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { CaseNote } from '../../../components/practice/CaseNote';
import { EngineSide } from '../../../components/practice/EngineSide';
import { ScoreView } from '../../../components/practice/ScoreView';
import { caseById } from '../../../utils/practice/cases';
import { compareWithEngine } from '../../../utils/practice/compare';
import { scoreAttempt } from '../../../utils/practice/scoring';

afterEach(cleanup);

const practice = caseById('end-01-type2-hyperglycemia');
if (!practice) throw new Error('case end-01 is missing');

describe('ScoreView', () => {
  it('shows the score, the partial credit in words and the extra code explained', () => {
    render(<ScoreView report={scoreAttempt(practice, ['E11.9', 'Z79.84', 'E11.319'])} />);
    expect(screen.getByRole('heading', { name: /Score: \d+\/100/ })).toBeTruthy();
    const key = screen.getByRole('list', { name: 'Answer key' });
    expect(
      within(key).getByText('E11.9 is in the right category (E11) but the key has E11.65 because hyperglycemia is documented.'),
    ).toBeTruthy();
    const others = screen.getByRole('list', { name: 'Codes not in the key' });
    expect(within(others).getByText(/E11.319 is not in the key \(negated: "no diabetic retinopathy"\)/)).toBeTruthy();
  });

  it('cites the guideline sections with their titles', () => {
    render(<ScoreView report={scoreAttempt(practice, ['E11.65'])} />);
    expect(screen.getAllByText(/I\.C\.4\.a Diabetes mellitus/).length).toBeGreaterThan(0);
  });
});

describe('CaseNote', () => {
  it('highlights the supporting phrases and shows the note as text', () => {
    const { container } = render(<CaseNote practiceCase={practice} phrases={practice.answer.map((a) => a.phrase)} />);
    const marks = [...container.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(['metformin 1000 mg twice daily', 'Type 2 diabetes mellitus with hyperglycemia']);
  });
});

describe('EngineSide', () => {
  it('labels the engine list as not an answer key', () => {
    render(<EngineSide comparison={compareWithEngine([], ['E11.65'])} />);
    expect(screen.getByRole('heading', { name: /not an answer key/ })).toBeTruthy();
    expect(screen.getByText('Only in your list: E11.65')).toBeTruthy();
  });
});
