import { displayCode } from '../codes/code-format';
import type { CodingKnowledge } from './suggest';
import type { Suggestion } from './types';

/**
 * A suggestion read from the note's text by a coding rule rather than from one mention (a long-term drug,
 * a coma score, a body mass index): the code set gives its title, state and HCC for the date.
 */
export function ruleSuggestion(
  k: CodingKnowledge,
  date: string,
  fields: Pick<Suggestion, 'code' | 'score' | 'reason' | 'evidence' | 'section'> &
    Partial<Pick<Suggestion, 'status' | 'choices' | 'mentionIds'>>,
): Suggestion {
  const info = k.catalog.lookup('icd10cm', fields.code, date);
  const hcc = info.hcc.find((h) => h.model === 'V28')?.hcc;
  return {
    display: displayCode('icd10cm', fields.code),
    title: info.title ?? '',
    system: 'icd10cm',
    kind: 'diagnosis',
    context: 'affirmed',
    status: 'suggested',
    state: info.state,
    mentionIds: [],
    ...fields,
    ...(hcc ? { hcc } : {}),
  };
}
