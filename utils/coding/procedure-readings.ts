/**
 * One procedure read in several sentences of a note ("PROCEDURE: Left total knee arthroplasty." and
 * "a cemented total knee arthroplasty was performed"): the sentences describe one procedure, so what each
 * writes (the side in one, the cement in the other) decides its code together, as a coder reads the
 * operative report whole. The same root operation on the same body part is coded once (ICD-10-PCS
 * Guidelines B3.2); readings that contradict each other (right and left) are two procedures and stay apart.
 */
import type { Mention } from './types';

/** The codes a reading allows: those its words leave open, the assumed value not yet taken. */
function allowed(m: Mention): readonly string[] {
  return m.written ?? m.codes;
}

/** A reading that leaves nothing open: its codes were all written (a bilateral knee gives two). */
function settled(m: Mention): boolean {
  return m.undecided === undefined && m.written === undefined;
}

/**
 * The affirmed ICD-10-PCS readings of each procedure, combined: where every reading of it allows a common
 * set of codes, each reading becomes it, so the suggestions merge into one: decided when the set is no larger
 * than a reading that leaves nothing open codes, otherwise still open to the coder among fewer choices.
 * Readings with nothing in common stay as they were.
 */
export function withProcedureReadingsCombined(mentions: readonly Mention[]): Mention[] {
  const byProcedure = new Map<string, Mention[]>();
  for (const m of mentions) {
    const { negated, possible, historical, hypothetical, experiencer } = m.context;
    const done = !negated && !possible && !historical && !hypothetical && experiencer === 'patient';
    if (m.source !== 'procedure' || m.system !== 'icd10pcs' || !done) continue;
    const key = m.path[0] ?? '';
    byProcedure.set(key, [...(byProcedure.get(key) ?? []), m]);
  }
  const combined = new Map<Mention, Pick<Mention, 'codes' | 'undecided'>>();
  for (const readings of byProcedure.values()) {
    if (readings.length < 2 || readings.every(settled)) continue;
    let common = [...allowed(readings[0] as Mention)];
    for (const m of readings.slice(1)) common = common.filter((c) => allowed(m).includes(c));
    if (common.length === 0) continue;
    // An assumed value still holds where no reading writes otherwise (No Qualifier when no cement is named).
    for (const m of readings) {
      if (m.written === undefined) continue;
      const assumed = common.filter((c) => m.codes.includes(c));
      if (assumed.length > 0) common = assumed;
    }
    // As many codes as a reading that leaves nothing open codes (two for "bilateral" where PCS has no bilateral value).
    const expected = Math.max(1, ...readings.filter((m) => m.undecided === undefined).map((m) => m.codes.length));
    // Still open (no side written anywhere): one reading, its choices narrowed by what the others write.
    const open = common.length > expected ? readings.find((m) => m.undecided !== undefined)?.undecided : undefined;
    for (const m of readings) combined.set(m, { codes: common, ...(open ? { undecided: open } : {}) });
  }
  if (combined.size === 0) return [...mentions];
  return mentions.map((m) => {
    const reading = combined.get(m);
    if (!reading) return m;
    const { undecided: _open, written: _allowed, ...rest } = m;
    return { ...rest, ...reading };
  });
}
