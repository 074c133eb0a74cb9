/**
 * Query linter (issue 6): live, pure, run on every edit and before copying. It reads any query text
 * (a Chartcode draft or one written by hand) and reports, after the AHIMA/ACDIS Guidelines for
 * Achieving a Compliant Query Practice (2022 update):
 *
 * errors (block copying)
 * - `empty-query`; `no-indicators`: no clinical indicators cited;
 * - `missing-other` / `missing-undetermined`: options without "Other" or "Clinically undetermined";
 * - `yes-no-new-diagnosis`: a yes/no question that is not about present on admission, a diagnosis
 *   documented elsewhere, cause and effect or conflicting documentation;
 * - `leading-wording`: "please document", "consider documenting", "meets criteria", "are you treating"...;
 * - `financial-term`: payment, reimbursement, DRG, CC/MCC, HCC/RAF, SOI/ROM, quality scores, denials, money
 *   (anywhere, quotes included: impact data must never reach a query);
 * - `indicator-not-in-note`: a quoted indicator (or, without a quote, a number) the note does not contain;
 * warnings
 * - `indicator-without-location`, `single-option`, `no-question`, `code-in-query`.
 *
 * Structure is read from the text: a heading naming indicators (`Clinical indicators:`) opens a list of
 * items; checkbox lines (`[ ]`, `☐`, `( )`) or a heading naming options (`Response options:`) give the
 * options; lines with `?` are the question. Leading-wording checks skip text quoted from the record
 * inside indicator items (a dietitian's "meets ASPEN criteria" is evidence, not the writer's wording).
 */
import { lintMessages } from './messages';
import { defaultCdiPacks } from './rules';
import type { IndicatorPack, LintCode, LintFinding, LintPhrase, LintResult, QueryKind, TemplatePack } from './types';

export interface LintOptions {
  /** The note the query is about: quoted indicators must be found in it. */
  note?: string;
  templates?: TemplatePack;
  /** The indicator pack whose units say which conversions a summary may apply to a quoted value. */
  indicators?: IndicatorPack;
}

interface Line {
  text: string;
  start: number;
}

interface Item {
  text: string;
  start: number;
}

const INDICATOR_HEAD =
  /^(?:clinical\s+)?(?:indicators?|findings|information|evidence|data)(?:\s+(?:found\s+)?(?:in|from)\s+the\s+(?:medical\s+|health\s+)?record)?|^(?:documentation|findings)\s+(?:in|from)\s+the\s+(?:medical\s+|health\s+)?record|^supporting\s+(?:clinical\s+)?(?:information|indicators|documentation)|^the\s+(?:medical\s+|health\s+)?record\s+(?:shows|contains|documents)/i;
const OPTIONS_HEAD =
  /^(?:response\s+)?options?|^(?:possible\s+)?responses?|^please\s+(?:select|choose|indicate)|^select\s+(?:one|all|the)|^choose\s+(?:one|from)|^answers?/i;
const QUESTION_HEAD = /^(?:question|query|clarification\s+requested)/i;
const HEADING = /^\s*(?:#+\s*)?([A-Za-z][A-Za-z0-9 /&()'-]{0,70}?)\s*:\s*(.*)$/;
const BULLET = /^\s*(?:[-*•·▪‣◦●]|\d{1,2}[.)]|[a-zA-Z][.)])\s+/;
const CHECKBOX = /^\s*(?:[-*]\s*)?(?:\[\s?[xX✓]?\s?\]|☐|☑|□|■|○|◯|\(\s?\))\s*/;
const OTHER = /^(?:other|others)\b/i;
const UNDETERMINED =
  /\b(?:clinically\s+)?(?:undetermined|unable\s+to\s+(?:clinically\s+)?determine|cannot\s+be\s+(?:clinically\s+)?determined|unknown|indeterminate)\b/i;
const YES_NO = /^(?:yes|no)\b/i;
const QUOTED = /"([^"\n]+)"|“([^”\n]+)”/g;
const CODE = /(?<![\p{L}\p{N}.])(?:[A-TV-Z][0-9][0-9AB]\.[0-9A-TV-Z]{1,4}|[A-TV-Z][0-9][0-9AB][0-9A-TV-Z]{2,4})(?![\p{L}\p{N}])/gu;
const LOCATION =
  /"[^"]+"|“[^”]+”|\b(?:in|per|from|on|see)\s+(?:the\s+)?(?:[\p{L}&/]+\s+){0,3}(?:note|notes|h&p|labs?|section|assessment|plan|report|flowsheets?|mar|record|results?|exam|vitals|consult|summary|orders?)\b|\bon\s+\d{1,2}\/\d{1,2}/iu;

function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const part of text.split('\n')) {
    out.push({ text: part.replace(/\r$/, ''), start });
    start += part.length + 1;
  }
  return out;
}

function fold(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[“”"‘’`']/g, "'")
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

function phraseRegex(p: LintPhrase): RegExp {
  if (p.pattern !== undefined) return new RegExp(p.pattern, p.caseSensitive ? 'gu' : 'giu');
  const body = p.literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ +/g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, p.caseSensitive ? 'gu' : 'giu');
}

const regexCache = new WeakMap<LintPhrase, RegExp>();
function regexFor(p: LintPhrase): RegExp {
  let re = regexCache.get(p);
  if (!re) {
    re = phraseRegex(p);
    regexCache.set(p, re);
  }
  re.lastIndex = 0;
  return re;
}

interface Parsed {
  indicators: Item[];
  options: Item[];
  questions: Item[];
}

/** Read the structure of a query: indicator items, options, question lines. */
export function parseQuery(text: string): Parsed {
  const indicators: Item[] = [];
  const options: Item[] = [];
  const questions: Item[] = [];
  let block: 'none' | 'indicators' | 'options' = 'none';
  let bulletsSeen = false;
  for (const line of lines(text)) {
    const t = line.text;
    if (t.trim() === '') {
      if (block === 'options' && options.length > 0) block = 'none';
      continue;
    }
    const checkbox = CHECKBOX.exec(t);
    if (checkbox) {
      options.push({ text: t.slice(checkbox[0].length).trim(), start: line.start + checkbox[0].length });
      block = 'options';
      continue;
    }
    const heading = BULLET.test(t) ? null : HEADING.exec(t);
    if (heading) {
      const name = (heading[1] ?? '').trim();
      const rest = heading[2] ?? '';
      const restStart = line.start + t.length - rest.length;
      if (INDICATOR_HEAD.test(name)) {
        block = 'indicators';
        bulletsSeen = false;
        if (rest.trim() !== '') {
          let offset = restStart;
          for (const piece of rest.split(';')) {
            if (piece.trim() !== '') indicators.push({ text: piece.trim(), start: offset + piece.indexOf(piece.trim()) });
            offset += piece.length + 1;
          }
        }
        continue;
      }
      if (OPTIONS_HEAD.test(name)) {
        block = 'options';
        if (rest.trim() !== '') {
          let offset = restStart;
          for (const piece of rest.split(/[;/]/)) {
            if (piece.trim() !== '') options.push({ text: piece.trim(), start: offset + piece.indexOf(piece.trim()) });
            offset += piece.length + 1;
          }
        }
        continue;
      }
      if (QUESTION_HEAD.test(name)) {
        block = 'none';
        if (rest.trim() !== '') questions.push({ text: rest.trim(), start: restStart });
        continue;
      }
    }
    const bullet = BULLET.exec(t);
    if (block === 'indicators') {
      if (bullet) {
        bulletsSeen = true;
        indicators.push({ text: t.slice(bullet[0].length).trim(), start: line.start + bullet[0].length });
        continue;
      }
      if (!bulletsSeen && !t.includes('?')) {
        indicators.push({ text: t.trim(), start: line.start + t.indexOf(t.trim()) });
        continue;
      }
      block = 'none';
    }
    if (block === 'options') {
      const body = bullet ? t.slice(bullet[0].length) : t;
      options.push({ text: body.trim(), start: line.start + t.indexOf(body.trim()) });
      continue;
    }
    if (t.includes('?')) questions.push({ text: t.trim(), start: line.start + t.indexOf(t.trim()) });
  }
  // `Yes / No` written inside the question, with no option list.
  if (options.length === 0) {
    for (const q of questions) {
      const m = /\b(yes)\s*(?:\/|or)\s*(no)\b/i.exec(q.text);
      if (m) {
        options.push({ text: 'Yes', start: q.start + m.index });
        options.push({ text: 'No', start: q.start + m.index + m[0].length - 2 });
      }
    }
  }
  return { indicators, options, questions };
}

function quotedSpans(item: Item): Array<{ text: string; start: number; end: number }> {
  const out: Array<{ text: string; start: number; end: number }> = [];
  QUOTED.lastIndex = 0;
  for (let m = QUOTED.exec(item.text); m !== null; m = QUOTED.exec(item.text)) {
    out.push({ text: m[1] ?? m[2] ?? '', start: item.start + m.index, end: item.start + m.index + m[0].length });
  }
  return out;
}

/** Numbers in a text; digits glued to letters (`SpO2`, `kg/m2`) are names, not values, unless `loose` (`130s`, `22K`). */
function numbersIn(text: string, loose = false): number[] {
  const re = loose ? /\d+(?:,\d{3})*(?:\.\d+)?/g : /(?<![A-Za-z\d.])\d+(?:,\d{3})*(?:\.\d+)?(?![A-Za-z\d])/g;
  return (text.match(re) ?? []).map((n) => Number(n.replace(/,/g, '')));
}

/**
 * The values a quote stands for in the measure's canonical unit, by the indicator pack's own units
 * (assets/rules/cdi-indicators.json), so a summary in the canonical unit can be checked against the
 * value as written: °F→°C, creatinine µmol/L→mg/dL, glucose mmol/L→mg/dL, hemoglobin g/L→g/dL,
 * pounds→kg, counts per microlitre written in full (`platelets 81,000` → 81). As the extractor does, a
 * unit is converted only for a measure the quote names, when the quote writes that unit, or writes no
 * unit of the measure and the number is implausible as it stands (102.5 is no Celsius temperature).
 * Otherwise any number would vouch for a tenth or a thousandth of itself ('Glucose 45' beside
 * "glucose 450 mg/dL").
 */
function convertedValues(quote: string, numbers: readonly number[], pack: IndicatorPack): number[] {
  const out: number[] = [];
  const has = (words: readonly string[] | undefined, flags: string) =>
    (words ?? []).some((w) => new RegExp(`(?<![\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, flags).test(quote));
  for (const m of pack.measures) {
    if (!has(m.synonyms, 'iu') && !has(m.abbreviations, 'u')) continue;
    const units = m.units ?? [];
    const written = units.filter((u) => has(u.synonyms, 'iu') || has([u.unit], 'iu'));
    for (const x of numbers) {
      const implausible = x < m.plausible.min || x > m.plausible.max;
      for (const u of units) {
        if (u.factor === undefined && u.offset === undefined) continue;
        if (written.includes(u) || (written.length === 0 && implausible)) out.push(x * (u.factor ?? 1) + (u.offset ?? 0));
      }
      if (written.length === 0 && implausible) for (const d of m.rescale ?? []) out.push(x / d);
    }
  }
  return out;
}

/** Stage IV, grade III: the value a roman numeral stands for, as the summary writes it. */
const ROMAN: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6 };

/**
 * True when the summary before a quote states a value the quote does not support: every number must
 * equal one quoted (after a conversion, at the summary's precision); a range `130-139` from "130s"
 * needs one end.
 */
function summaryInvents(summary: string, quoted: readonly number[], converted: readonly number[]): boolean {
  const matches = (n: number) => {
    // The summary's precision, or a thousandth of the value for a converted one (129.28 kg from 285 lb).
    const tolerance = Math.max(0.5 * 10 ** -((String(n).split('.')[1] ?? '').length), Math.abs(n) * 1e-3) + 1e-9;
    return quoted.includes(n) || converted.some((x) => Math.abs(x - n) <= tolerance);
  };
  const ranges = /(?<![A-Za-z\d.])(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)(?![A-Za-z\d])/g;
  const rest = summary.replace(ranges, (whole, a: string, b: string) => (matches(Number(a)) || matches(Number(b)) ? ' ' : whole));
  return numbersIn(rest).some((n) => !matches(n));
}

/** Dates, clock times and hospital days say when, not what: only the values are looked up. */
function stripWhen(text: string): string {
  // A date is not part of a decimal (`7.8/23.4` is a hemoglobin/hematocrit pair, not 8/23).
  return text.replace(/(?<![\d.])\d{1,2}\/\d{1,2}(?:\/\d{2,4})?(?![\d.])|\b\d{1,2}:\d{2}\b|\b(?:hd|day|pod)\s*#?\s*\d+\b/gi, ' ');
}

function numberFound(note: string, n: string): boolean {
  const plain = n.replace(/,/g, '');
  const re = new RegExp(`(?<![\\d.])${plain.replace('.', '\\.')}(?![\\d])`);
  return re.test(note.replace(/(\d),(\d{3})/g, '$1$2'));
}

function finding(code: LintCode, severity: 'error' | 'warning', message: string, start?: number, end?: number): LintFinding {
  return start === undefined || end === undefined ? { code, severity, message } : { code, severity, message, span: { start, end } };
}

/**
 * Lint a query. `ok` is false when any error is found (copying is blocked).
 *
 * @example lintQuery('Please document sepsis.').errors.map((e) => e.code)
 *   // ['no-indicators', 'leading-wording']
 */
export function lintQuery(text: string, options: LintOptions = {}): LintResult {
  const templates = options.templates ?? defaultCdiPacks().templates;
  const indicatorPack = options.indicators ?? defaultCdiPacks().indicators;
  const lexicon = templates.lint;
  const errors: LintFinding[] = [];
  const warnings: LintFinding[] = [];
  if (text.trim() === '') {
    errors.push(finding('empty-query', 'error', lintMessages.emptyQuery));
    return { ok: false, errors, warnings, kind: 'open-ended', indicatorCount: 0, optionCount: 0 };
  }
  const parsed = parseQuery(text);
  const clinical = parsed.options.filter((o) => !OTHER.test(o.text) && !UNDETERMINED.test(o.text));
  let kind: QueryKind = 'open-ended';
  if (parsed.options.length > 0) kind = clinical.length > 0 && clinical.every((o) => YES_NO.test(o.text)) ? 'yes-no' : 'multiple-choice';

  if (parsed.indicators.length === 0) errors.push(finding('no-indicators', 'error', lintMessages.noIndicators));
  if (parsed.options.length > 0) {
    if (!parsed.options.some((o) => OTHER.test(o.text))) errors.push(finding('missing-other', 'error', lintMessages.missingOther));
    if (!parsed.options.some((o) => UNDETERMINED.test(o.text)))
      errors.push(finding('missing-undetermined', 'error', lintMessages.missingUndetermined));
  }
  if (kind === 'yes-no') {
    const about = parsed.questions.length > 0 ? parsed.questions.map((q) => q.text).join('\n') : text;
    const allowed = lexicon.yesNoBasis.some((p) => regexFor(p).test(about));
    if (!allowed) {
      const q = parsed.questions[0];
      errors.push(
        finding(
          'yes-no-new-diagnosis',
          'error',
          lintMessages.yesNoNewDiagnosis,
          q?.start,
          q === undefined ? undefined : q.start + q.text.length,
        ),
      );
    }
  }
  if (kind === 'multiple-choice' && clinical.length === 1) warnings.push(finding('single-option', 'warning', lintMessages.singleOption));
  if (parsed.questions.length === 0) warnings.push(finding('no-question', 'warning', lintMessages.noQuestion));

  // Leading wording: everywhere except text quoted from the record inside indicator items.
  const exempt = parsed.indicators.flatMap(quotedSpans);
  const inExempt = (s: number, e: number) => exempt.some((x) => s >= x.start && e <= x.end);
  for (const p of lexicon.leading) {
    const re = regexFor(p);
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      if (inExempt(m.index, m.index + m[0].length)) continue;
      errors.push(finding('leading-wording', 'error', lintMessages.leading(m[0]), m.index, m.index + m[0].length));
    }
  }
  // Payment, codes' weights, scores, money: everywhere, quotes included.
  const seen = new Set<number>();
  for (const p of lexicon.financial) {
    const re = regexFor(p);
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      if (seen.has(m.index)) continue;
      seen.add(m.index);
      errors.push(finding('financial-term', 'error', lintMessages.financial(m[0], p.literal), m.index, m.index + m[0].length));
    }
  }
  if (options.note !== undefined) {
    const note = fold(options.note);
    for (const item of parsed.indicators) {
      const quotes = quotedSpans(item);
      if (quotes.length > 0) {
        let quoteMissing = false;
        for (const q of quotes) {
          const wanted = fold(q.text).replace(/[.,;:]+$/, '');
          if (wanted !== '' && !note.includes(wanted)) {
            errors.push(finding('indicator-not-in-note', 'error', lintMessages.indicatorNotInNote(q.text), q.start, q.end));
            quoteMissing = true;
          }
        }
        if (quoteMissing) continue;
        // The summary before the quote must not carry a value of its own: an edited "Creatinine 3.8"
        // beside a true quote of 2.4 would otherwise pass. Its numbers must be in the quote or the note.
        const outside = quotes.reduceRight((t, q) => t.slice(0, q.start - item.start) + t.slice(q.end - item.start), item.text);
        const quotedText = quotes.map((q) => q.text).join(' ');
        const romans = [...quotedText.matchAll(/\b(?:stage|grade|class|type)\s+(i{1,3}|iv|v|vi)\b/gi)].map((m) => ROMAN[(m[1] ?? '').toLowerCase()] ?? 0);
        const quotedNumbers = numbersIn(quotedText, true);
        const quoted = [...quotedNumbers, ...romans];
        if (summaryInvents(stripWhen(outside), quoted, convertedValues(quotedText, quotedNumbers, indicatorPack))) {
          errors.push(finding('indicator-not-in-note', 'error', lintMessages.indicatorNotInNote(item.text), item.start, item.start + item.text.length));
        }
        continue;
      }
      const values = stripWhen(item.text);
      const numbers = values.match(/\d+(?:,\d{3})*(?:\.\d+)?/g) ?? [];
      const missing = numbers.find((n) => !numberFound(options.note ?? '', n));
      if (missing !== undefined) {
        errors.push(
          finding('indicator-not-in-note', 'error', lintMessages.indicatorNotInNote(item.text), item.start, item.start + item.text.length),
        );
      }
    }
  }
  for (const item of parsed.indicators) {
    if (!LOCATION.test(item.text)) {
      warnings.push(
        finding(
          'indicator-without-location',
          'warning',
          lintMessages.indicatorWithoutLocation(item.text),
          item.start,
          item.start + item.text.length,
        ),
      );
    }
  }
  CODE.lastIndex = 0;
  for (let m = CODE.exec(text); m !== null; m = CODE.exec(text)) {
    if (inExempt(m.index, m.index + m[0].length)) continue;
    warnings.push(finding('code-in-query', 'warning', lintMessages.codeInQuery(m[0]), m.index, m.index + m[0].length));
  }
  errors.sort((a, b) => (a.span?.start ?? -1) - (b.span?.start ?? -1));
  return { ok: errors.length === 0, errors, warnings, kind, indicatorCount: parsed.indicators.length, optionCount: parsed.options.length };
}

/** Copying is allowed only without errors. */
export function canCopy(result: LintResult): boolean {
  return result.ok;
}

/** 1-based line and column of an offset, for the CLI and the editor's gutter. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}
