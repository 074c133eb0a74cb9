/**
 * Scoring a student's codes against a case's answer key. Pure: the case, the codes in the order the
 * student listed them, and (optionally) the code model for validity on the date of service.
 *
 * - Exact match: the key's code. Category-level match: same 3-character category, partial credit.
 * - Sequencing: the principal / first-listed code must come first; codes the key marks `after`
 *   another (manifestation after etiology, R65.2- after the infection) must follow it.
 * - Missing and extra codes; an extra code that a distractor of the case names is explained by it.
 * - Duplicates are ignored with a note (I.B.12); input that is not a code is ignored with a note.
 * - With a catalog: codes that are headers, or not valid on the date (another fiscal year), are flagged.
 */
import type { CodeCatalog, CodeState, LookupResult } from '../codes/catalog';
import { displayCode, hasCodeShape, normalizeCode } from '../codes/code-format';
import { chapterOfCode } from './chapters';
import { DISTRACTOR_LABELS, principalLabel, scoreMessages } from './messages';
import type { AnswerCode, Distractor, PracticeCase } from './schema';

/** All weights in one place. */
export const SCORING = Object.freeze({
  /** Credit for the key's exact code. */
  exact: 1,
  /** Credit for a code of the right 3-character category (a less specific code, a header, another year's code). */
  category: 0.5,
  /** Each extra code adds one to the possible code points (so extras lower the score). */
  extraPenalty: 1,
  /** Share of the total for codes and for sequencing. */
  codeWeight: 0.8,
  sequencingWeight: 0.2,
  /** Codes beyond this many are not scored. */
  maxCodes: 50,
});

export type KeyVerdict = 'exact' | 'category' | 'missing';
export type StudentVerdict = 'exact' | 'category' | 'extra' | 'duplicate' | 'invalid';

export interface KeyCodeResult {
  /** The key's code, dotted. */
  code: string;
  verdict: KeyVerdict;
  optional: boolean;
  /** Whether the code counts toward the possible points (an optional code counts only when given). */
  counted: boolean;
  credit: number;
  /** The student's code matched to it, dotted. */
  student?: string;
  phrase: string;
  rationale: string;
  guidelines: readonly string[];
  explanation: string;
}

export interface StudentCodeResult {
  /** As typed. */
  input: string;
  /** Dotless, upper case ('' when not a code). */
  code: string;
  display: string;
  /** Position among the scored codes (0 = first listed); null for duplicates and invalid input. */
  position: number | null;
  verdict: StudentVerdict;
  /** The key code it was matched to. */
  key?: string;
  /** Validity on the date of service, when a catalog was given. */
  state?: CodeState;
  title?: string;
  distractor?: Distractor;
  explanation: string;
  /** Problems with the code itself (header, not valid on the date, manifestation listed first). */
  flags: string[];
}

export interface OrderCheck {
  code: string;
  after: string;
  kept: boolean;
  explanation: string;
}

export interface ScoreReport {
  caseId: string;
  setting: PracticeCase['setting'];
  dateOfService: string;
  /** 0..100. */
  score: number;
  codes: { earned: number; possible: number };
  sequencing: {
    principal: 'correct' | 'wrong' | 'missing' | 'none';
    earned: number;
    possible: number;
    explanation: string;
    order: OrderCheck[];
  };
  exact: string[];
  category: Array<{ student: string; key: string }>;
  missing: string[];
  extra: string[];
  keyResults: KeyCodeResult[];
  studentResults: StudentCodeResult[];
  /** Notes about the input as a whole (duplicates ignored, invalid input, no code set). */
  notes: string[];
  /** Whether codes were checked against a code set. */
  validated: boolean;
  summary: string;
}

/**
 * What scoring needs from the code model: one lookup per code. A `CodeCatalog` satisfies it; the
 * practice page, which has no catalog, passes the answers of 'codes/lookup' fetched beforehand.
 */
export type CodeLookup = Pick<CodeCatalog, 'lookup'>;

const dot = (code: string) => displayCode('icd10cm', code);
const category = (code: string) => code.slice(0, 3);

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

interface Entry {
  result: StudentCodeResult;
  lookup?: LookupResult;
  matched?: number;
}

/** Read the student's list: ignore blanks, flag what is not a code, ignore repeats. */
function readInput(studentCodes: unknown, notes: string[]): Entry[] {
  const raw = Array.isArray(studentCodes) ? studentCodes : [];
  const entries: Entry[] = [];
  const seen = new Set<string>();
  let scored = 0;
  for (const item of raw) {
    const input = typeof item === 'string' ? item.trim() : '';
    if (input === '') continue;
    const code = normalizeCode(input);
    if (!hasCodeShape('icd10cm', code)) {
      const shown = input.slice(0, 40);
      entries.push({
        result: {
          input,
          code: '',
          display: shown,
          position: null,
          verdict: 'invalid',
          explanation: scoreMessages.invalid(shown),
          flags: [],
        },
      });
      continue;
    }
    if (seen.has(code)) {
      entries.push({
        result: {
          input,
          code,
          display: dot(code),
          position: null,
          verdict: 'duplicate',
          explanation: scoreMessages.duplicate(dot(code)),
          flags: [],
        },
      });
      continue;
    }
    if (scored >= SCORING.maxCodes) {
      if (!notes.includes(scoreMessages.tooMany(SCORING.maxCodes))) notes.push(scoreMessages.tooMany(SCORING.maxCodes));
      continue;
    }
    seen.add(code);
    entries.push({ result: { input, code, display: dot(code), position: scored++, verdict: 'extra', explanation: '', flags: [] } });
  }
  return entries;
}

/** Flags from the code model: a header, a code of another year, an unknown code. */
function stateFlags(lookup: LookupResult): string[] {
  if (lookup.state === 'billable') return [];
  const flags = [lookup.reason];
  const before = lookup.billableIn.filter((y) => y !== lookup.fiscalYear);
  if (lookup.state === 'header' && before.length > 0) flags.push(scoreMessages.billableBefore(before.map((y) => `FY${y}`).join(', ')));
  return flags;
}

/**
 * Score a student's codes for a case. `studentCodes` are in the student's order, with or without
 * dots, any case; anything else in the list is reported, never thrown.
 */
export function scoreAttempt(practiceCase: PracticeCase, studentCodes: readonly string[], catalog?: CodeLookup): ScoreReport {
  const c = practiceCase;
  const notes: string[] = [];
  const entries = readInput(studentCodes, notes);
  const valid = entries.filter((e) => e.result.position !== null);

  if (catalog) {
    for (const e of valid) {
      e.lookup = catalog.lookup('icd10cm', e.result.code, c.dateOfService);
      e.result.state = e.lookup.state;
      if (e.lookup.title) e.result.title = e.lookup.title;
      e.result.flags.push(...stateFlags(e.lookup));
    }
  } else {
    notes.push(scoreMessages.notValidated);
  }
  const duplicates = entries.filter((e) => e.result.verdict === 'duplicate').length;
  const invalid = entries.filter((e) => e.result.verdict === 'invalid').length;
  if (duplicates > 0) notes.push(scoreMessages.duplicatesIgnored(duplicates));
  if (invalid > 0) notes.push(...entries.filter((e) => e.result.verdict === 'invalid').map((e) => e.result.explanation));

  // Match: exact codes first, then, key order, the closest remaining code of the same category.
  const key = c.answer.map((a) => normalizeCode(a.code));
  const keyMatch: Array<Entry | undefined> = key.map(() => undefined);
  key.forEach((k, i) => {
    const e = valid.find((v) => v.matched === undefined && v.result.code === k);
    if (e) {
      e.matched = i;
      keyMatch[i] = e;
    }
  });
  key.forEach((k, i) => {
    if (keyMatch[i]) return;
    let best: Entry | undefined;
    for (const e of valid) {
      if (e.matched !== undefined || category(e.result.code) !== category(k)) continue;
      if (!best || commonPrefix(e.result.code, k) > commonPrefix(best.result.code, k)) best = e;
    }
    if (best) {
      best.matched = i;
      keyMatch[i] = best;
    }
  });

  const keyResults: KeyCodeResult[] = c.answer.map((a, i) => keyResult(a, keyMatch[i]));
  for (const e of valid) {
    if (e.matched === undefined) explainExtra(e, c, key);
    else {
      const a = c.answer[e.matched] as AnswerCode;
      e.result.key = a.code;
      e.result.verdict = e.result.code === key[e.matched] ? 'exact' : 'category';
      e.result.explanation = keyResults[e.matched]?.explanation ?? '';
    }
  }

  // Codes.
  const extras = valid.filter((e) => e.matched === undefined);
  const earned = keyResults.reduce((sum, r) => sum + r.credit, 0);
  const possible = keyResults.filter((r) => r.counted).length + extras.length * SCORING.extraPenalty;

  // Sequencing.
  const label = principalLabel(c.setting);
  const first = valid[0];
  const principalKey = c.answer[0] as AnswerCode;
  const principalEntry = keyMatch[0];
  let principal: ScoreReport['sequencing']['principal'];
  let seqExplanation: string;
  if (!first) {
    principal = 'none';
    seqExplanation = scoreMessages.noCodes;
  } else if (!principalEntry) {
    principal = 'missing';
    seqExplanation = scoreMessages.principalMissing(principalKey.code, label);
  } else if (principalEntry === first) {
    principal = 'correct';
    seqExplanation =
      principalEntry.result.verdict === 'exact'
        ? scoreMessages.principalCorrect(principalKey.code, label)
        : scoreMessages.principalCategory(principalEntry.result.display, principalKey.code, label);
  } else {
    principal = 'wrong';
    seqExplanation = scoreMessages.principalWrong(principalKey.code, first.result.display, label, principalKey.guidelines.join(', '));
  }
  if (first && principal !== 'correct') {
    if (chapterOfCode(first.result.code) === 'external') first.result.flags.push(scoreMessages.externalFirst(first.result.display));
    else if (/\bin (?:other )?diseases classified elsewhere/i.test(first.lookup?.title ?? ''))
      first.result.flags.push(scoreMessages.manifestationFirst(first.result.display));
  }
  const order: OrderCheck[] = [];
  c.answer.forEach((a, i) => {
    if (a.after === undefined) return;
    const j = c.answer.findIndex((b) => b.code === a.after);
    const later = keyMatch[i]?.result.position;
    const earlier = keyMatch[j]?.result.position;
    if (later == null || earlier == null) return;
    const kept = later > earlier;
    order.push({
      code: a.code,
      after: a.after,
      kept,
      explanation: kept ? scoreMessages.orderKept(a.code, a.after) : scoreMessages.orderBroken(a.code, a.after),
    });
  });
  const seqEarned = (principal === 'correct' ? 1 : 0) + order.filter((o) => o.kept).length;
  const seqPossible = 1 + order.length;

  const score =
    valid.length === 0 || possible === 0
      ? 0
      : Math.round(100 * (SCORING.codeWeight * (earned / possible) + SCORING.sequencingWeight * (seqEarned / seqPossible)));

  const exact = keyResults.filter((r) => r.verdict === 'exact').map((r) => r.code);
  const categoryMatches = keyResults.filter((r) => r.verdict === 'category').map((r) => ({ student: r.student as string, key: r.code }));
  const missing = keyResults.filter((r) => r.verdict === 'missing' && r.counted).map((r) => r.code);
  const extra = extras.map((e) => e.result.display);
  return {
    caseId: c.id,
    setting: c.setting,
    dateOfService: c.dateOfService,
    score,
    codes: { earned, possible },
    sequencing: { principal, earned: seqEarned, possible: seqPossible, explanation: seqExplanation, order },
    exact,
    category: categoryMatches,
    missing,
    extra,
    keyResults,
    studentResults: entries.map((e) => e.result),
    notes,
    validated: catalog !== undefined,
    summary: scoreMessages.summary(score, exact.length, categoryMatches.length, missing.length, extra.length),
  };
}

function keyResult(a: AnswerCode, match: Entry | undefined): KeyCodeResult {
  const base = { code: a.code, optional: a.optional === true, phrase: a.phrase, rationale: a.rationale, guidelines: a.guidelines };
  if (!match) {
    return {
      ...base,
      verdict: 'missing',
      counted: !a.optional,
      credit: 0,
      explanation: a.optional ? scoreMessages.keyOptionalMissing(a.code, a.because) : scoreMessages.keyMissing(a.code, a.because, a.phrase),
    };
  }
  const student = match.result.display;
  if (match.result.code === normalizeCode(a.code)) {
    const explanation = scoreMessages.keyExact(a.code, a.phrase) + (a.optional ? ` ${scoreMessages.keyOptionalGiven(a.code)}` : '');
    return { ...base, verdict: 'exact', counted: true, credit: SCORING.exact, student, explanation };
  }
  const flags = match.result.flags.length > 0 ? ` ${match.result.flags.join(' ')}` : '';
  return {
    ...base,
    verdict: 'category',
    counted: true,
    credit: SCORING.category,
    student,
    explanation: scoreMessages.keyCategory(student, a.code, category(normalizeCode(a.code)), a.because) + flags,
  };
}

function explainExtra(e: Entry, c: PracticeCase, key: string[]): void {
  const code = e.result.code;
  const display = e.result.display;
  const exact = c.distractors.find((d) => d.code !== undefined && normalizeCode(d.code) === code);
  const near = exact ? undefined : c.distractors.find((d) => d.code !== undefined && category(normalizeCode(d.code)) === category(code));
  const sameCategoryKey = c.answer.find((_a, i) => category(key[i] as string) === category(code));
  let explanation: string;
  if (exact) {
    e.result.distractor = exact;
    explanation = scoreMessages.extraDistractor(display, DISTRACTOR_LABELS[exact.kind], exact.phrase, exact.explanation);
  } else if (sameCategoryKey) {
    explanation = scoreMessages.extraSameCategory(display, category(code), sameCategoryKey.code);
  } else if (near?.code) {
    e.result.distractor = near;
    explanation = scoreMessages.extraNearDistractor(display, near.code, DISTRACTOR_LABELS[near.kind], near.phrase, near.explanation);
  } else {
    explanation = scoreMessages.extra(display);
  }
  e.result.explanation = e.result.flags.length > 0 ? `${explanation} ${e.result.flags.join(' ')}` : explanation;
}
