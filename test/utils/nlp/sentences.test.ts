import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../utils/nlp/sentences';

const texts = (text: string) => splitSentences(text).map((s) => s.text);

describe('splitSentences', () => {
  it('returns nothing for empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\t ,, ')).toEqual([]);
  });

  it('splits plain sentences with offsets into the original text', () => {
    const text = 'No fever.  Cough since Monday!  Any chills?';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual(['No fever.', 'Cough since Monday!', 'Any chills?']);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(sentences.map((s) => s.kind)).toEqual(['sentence', 'sentence', 'sentence']);
  });

  it.each([
    ['a title', 'Seen by Dr. Smith today. Stable.', ['Seen by Dr. Smith today.', 'Stable.']],
    [
      'Latin abbreviations',
      'Avoid NSAIDs, e.g. ibuprofen, i.e. all of them. Stop.',
      ['Avoid NSAIDs, e.g. ibuprofen, i.e. all of them.', 'Stop.'],
    ],
    [
      'dosing abbreviations',
      'Metformin 500 mg p.o. b.i.d. with meals. Return in 2 weeks.',
      ['Metformin 500 mg p.o. b.i.d. with meals.', 'Return in 2 weeks.'],
    ],
    ['a unit with a dot', 'Given 5 mg. of morphine. Pain improved.', ['Given 5 mg. of morphine.', 'Pain improved.']],
    ['decimal numbers', 'Temperature 38.5 today. Sodium 134.2 mmol/L.', ['Temperature 38.5 today.', 'Sodium 134.2 mmol/L.']],
    ['initials', 'Discussed with J. R. Jones. Agrees.', ['Discussed with J. R. Jones.', 'Agrees.']],
    ['ALL CAPS sentences', 'HYPERTENSION. DIABETES MELLITUS. GOUT.', ['HYPERTENSION.', 'DIABETES MELLITUS.', 'GOUT.']],
    ['a count before a full stop', 'Alert and oriented x 3. Neck supple.', ['Alert and oriented x 3.', 'Neck supple.']],
    ['a lower-case sentence start after a plain word', 'denies fever. cough for 2 days.', ['denies fever.', 'cough for 2 days.']],
  ])('handles %s', (_name, text, expected) => {
    expect(texts(text)).toEqual(expected);
  });

  it('keeps a wrapped transcription line in one sentence', () => {
    expect(texts('She will call if there is any increased\nshortness of breath, chest pain or\nDizziness.')).toEqual([
      'She will call if there is any increased\nshortness of breath, chest pain or\nDizziness.',
    ]);
  });

  it('splits numbered and bulleted lists into items', () => {
    const sentences = splitSentences('PLAN:\n1. Start aspirin\n2) Follow up in 2 weeks\n- Diet\n• Exercise');
    expect(sentences.map((s) => [s.kind, s.text])).toEqual([
      ['header', 'PLAN:'],
      ['list_item', '1. Start aspirin'],
      ['list_item', '2) Follow up in 2 weeks'],
      ['list_item', '- Diet'],
      ['list_item', '• Exercise'],
    ]);
  });

  it('splits an inline numbered list after a column gap', () => {
    expect(texts('POSTOPERATIVE DIAGNOSIS:  1) Normal esophagus    2) Retained food  3) s/p NJ tube')).toEqual([
      'POSTOPERATIVE DIAGNOSIS:',
      '1) Normal esophagus',
      '2) Retained food',
      '3) s/p NJ tube',
    ]);
  });

  it('reads the HEADER:, run-ons of MTSamples', () => {
    expect(
      texts(
        'ALLERGIES: , She has no known medicine allergies.,OBJECTIVE:,Vitals:  Weight 130 pounds.,PLAN:,1.  Try Zyrtec.  Nasonex given.,2.  Return in 3 weeks.',
      ),
    ).toEqual([
      'ALLERGIES:',
      'She has no known medicine allergies.',
      'OBJECTIVE:',
      'Vitals:',
      'Weight 130 pounds.',
      'PLAN:',
      '1.  Try Zyrtec.',
      'Nasonex given.',
      '2.  Return in 3 weeks.',
    ]);
  });

  it('keeps table rows apart', () => {
    const sentences = splitSentences('Sodium\t140\nPotassium\t4.1\nCreatinine\t1.2');
    expect(sentences.map((s) => [s.kind, s.text])).toEqual([
      ['line', 'Sodium\t140'],
      ['line', 'Potassium\t4.1'],
      ['line', 'Creatinine\t1.2'],
    ]);
  });

  it('breaks at blank lines', () => {
    expect(texts('Cough\n\nFever')).toEqual(['Cough', 'Fever']);
  });

  it('cuts a 1 MB line without punctuation into bounded segments', () => {
    const text = 'word '.repeat(200_000);
    const sentences = splitSentences(text, { maxLength: 2000 });
    expect(sentences.length).toBeGreaterThan(400);
    for (const s of sentences) expect(s.end - s.start).toBeLessThanOrEqual(2000);
  });

  it('finishes on 5 MB of note text and on binary garbage', () => {
    const note = 'HPI: No fever. Cough since Dr. Lee saw him.,PMH:,1.  Asthma.\n'.repeat(85_000);
    expect(note.length).toBeGreaterThan(5_000_000);
    expect(splitSentences(note).length).toBeGreaterThan(300_000);
    let garbage = '';
    for (let i = 0; i < 300_000; i++) garbage += String.fromCharCode((i * 104729) % 65536);
    const sentences = splitSentences(garbage);
    for (const s of sentences.slice(0, 1000)) expect(garbage.slice(s.start, s.end)).toBe(s.text);
  });

  it('accepts whitespace-only text and HTML source pasted as text', () => {
    expect(splitSentences(' \n \t\r\n ')).toEqual([]);
    const html = '<html><head><style>p{color:red}</style></head><body><p>No fever.</p><p>Cough.</p></body></html>';
    const sentences = splitSentences(html);
    expect(sentences.length).toBeGreaterThan(0);
    for (const s of sentences) expect(html.slice(s.start, s.end)).toBe(s.text);
  });

  it('accepts CJK, emoji and RTL marks', () => {
    expect(texts('患者发热。 No fever 😀. \u200fשלום.')).toEqual(['患者发热。 No fever 😀.', '\u200fשלום.']);
  });
});
