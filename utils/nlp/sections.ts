/**
 * Sectionizer: finds the headers of a clinical note and the section each one opens.
 *
 * A header is a known heading (`sections.json`) or a line-initial ALL-CAPS phrase ending in `:`,
 * at a header position: the start of the text or of a line, after sentence punctuation (the
 * `.,HEADER:,` run-ons of MTSamples transcriptions), or after a column gap of two spaces. Accepted forms:
 * - `Past Medical History:` / `PMH:` / `A/P:` — a known heading and a colon, any case (headings the pack
 *   writes in capitals, which are abbreviations such as `PE` or `CC`, must be written in capitals);
 * - `PREOPERATIVE DIAGNOSES,1. …` / `PHYSICAL EXAMINATION,GENERAL: …` — a known heading in capitals followed by a comma;
 * - a known heading alone on its line;
 * - `TOURNIQUET TIME:` — any other ALL-CAPS phrase with a colon: a sub-header when it sits in an exam,
 *   review of systems, findings or labs section (`containers`), otherwise a section of category `unknown`.
 * A header that ends with a known heading of two or more words (`HIS SOCIAL HISTORY:`) takes its category.
 *
 * Pure, linear in the text (each header position looks at most 80 characters ahead).
 */
import { defaultSectionRules } from './rules';
import type { Section, SectionCategory, SectionRulePack, Span } from './types';

interface HeaderDef {
  title: string;
  category: SectionCategory;
  subsection: boolean;
  /** Written in capitals in the pack (an abbreviation): must be written in capitals in the note. */
  capsOnly: boolean;
}

export interface CompiledSections {
  readonly pack: SectionRulePack;
  /** Lower-case heading (whitespace collapsed) → definition. */
  readonly byKey: ReadonlyMap<string, HeaderDef>;
  readonly containers: ReadonlySet<SectionCategory>;
}

const compiledCache = new WeakMap<SectionRulePack, CompiledSections>();

function headerKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s*\((?:e?s)\)\s*$/, '') // DIAGNOSIS(ES), DIAGNOSIS (ES)
    .replace(/\s*([/&])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export function compileSectionRules(pack: SectionRulePack = defaultSectionRules()): CompiledSections {
  const cached = compiledCache.get(pack);
  if (cached) return cached;
  const byKey = new Map<string, HeaderDef>();
  for (const rule of pack.rules) {
    for (const written of [rule.literal, ...rule.variants]) {
      byKey.set(headerKey(written), {
        title: rule.literal,
        category: rule.category,
        subsection: rule.subsection === true,
        capsOnly: written === written.toUpperCase() && /[A-Z]/.test(written),
      });
    }
  }
  const compiled: CompiledSections = { pack, byKey, containers: new Set(pack.containers) };
  compiledCache.set(pack, compiled);
  return compiled;
}

/**
 * A header candidate at a header position: up to 60 characters of heading text, then `:`, `,` or the
 * end of the line. The lookbehind lists the header positions (line start, after punctuation, after a
 * two-space or tab column gap).
 */
const CANDIDATE = /(?:^|(?<=[.,;:!?)\]\t]|[ ]{2}))[ \t,]*([A-Za-z][A-Za-z0-9 &/()'#-]{0,60}?)[ \t]*(:(?![0-9])|,|$)/gm;

const CAPS_HEADER = /^[A-Z0-9 &/()'#-]+$/;

/** Last words that name a section on their own, whatever precedes them. */
const HEAD_WORDS = new Set([
  'impression',
  'impressions',
  'assessment',
  'diagnosis',
  'diagnoses',
  'findings',
  'plan',
  'recommendations',
  'medications',
  'allergies',
  'procedure',
  'procedures',
  'indications',
  'complications',
  'disposition',
]);

interface FoundHeader {
  header: Span;
  /** Where the body may start (after the header and its `:`, `,` and spaces). */
  after: number;
  def: HeaderDef | undefined;
  text: string;
}

function isUpper(c: string): boolean {
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

function lineStartBefore(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/**
 * Does a list comma ("bleeding, MI, PE, …") stand just before `index`? MTSamples run-on headers follow a
 * sentence's end (`.,PHYSICAL EXAMINATION,`) or a header's colon (`: ,`), never a word and its comma.
 */
function afterListComma(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return text[i] === ',' && /[\p{L}\p{N})]/u.test(text[i - 1] ?? '');
}

function classify(compiled: CompiledSections, raw: string): HeaderDef | undefined {
  const key = headerKey(raw);
  const exact = compiled.byKey.get(key);
  if (exact && (!exact.capsOnly || raw === raw.toUpperCase())) return exact;
  // HIS SOCIAL HISTORY, PATIENT'S PAST MEDICAL HISTORY: the last words of a capitalised header name the
  // section (in mixed case, `His past medical history: asthma` is a sentence). A single last word only
  // when it is unambiguous (ENDOSCOPIC IMPRESSION, yes; LEGAL HISTORY, no).
  if (raw !== raw.toUpperCase()) return undefined;
  const words = key.split(' ');
  for (let i = 1; i < words.length; i++) {
    const suffix = words.slice(i).join(' ');
    if (i === words.length - 1 && !HEAD_WORDS.has(suffix)) continue;
    const def = compiled.byKey.get(suffix);
    if (def && !def.capsOnly) return def;
  }
  return undefined;
}

function findHeaders(text: string, compiled: CompiledSections): FoundHeader[] {
  const found: FoundHeader[] = [];
  CANDIDATE.lastIndex = 0;
  let m: RegExpExecArray | null = CANDIDATE.exec(text);
  while (m !== null) {
    const raw = m[1] ?? '';
    const terminator = m[2] ?? '';
    const start = m.index + m[0].indexOf(raw);
    const end = start + raw.trimEnd().length;
    const caps = CAPS_HEADER.test(raw) && /[A-Z]/.test(raw);
    const def = classify(compiled, raw);
    let accept = false;
    if (terminator === ':') {
      accept = def !== undefined || (caps && (raw.match(/[A-Z]/g)?.length ?? 0) >= 4);
    } else if (terminator === ',') {
      // "DVT, PE, incontinence": a capital word between two list commas is an item, not a heading.
      accept = def !== undefined && caps && !afterListComma(text, start);
    } else {
      // Alone on its line: `Past Medical History` followed by a line break.
      accept = def !== undefined && lineStartBefore(text, start) && isUpper(raw.charAt(0));
    }
    if (accept) {
      const headerEnd = terminator === ':' ? m.index + m[0].length : end;
      let after = m.index + m[0].length;
      // The `:,` / `: ,` artefacts of transcriptions belong to the header, not the body.
      while (after < text.length && /[ \t,:]/.test(text[after] ?? '')) after++;
      found.push({ header: { start, end: headerEnd }, after, def, text: raw.trim() });
      CANDIDATE.lastIndex = Math.max(headerEnd, m.index + 1);
    } else {
      // A rejected candidate may hide a header inside it; continue just after its start.
      CANDIDATE.lastIndex = start + 1;
    }
    if (m[0].length === 0) CANDIDATE.lastIndex++;
    m = CANDIDATE.exec(text);
  }
  return found;
}

function trimSpan(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /[\s,]/.test(text[s] ?? '')) s++;
  while (e > s && /[\s,]/.test(text[e - 1] ?? '')) e--;
  return { start: s, end: e };
}

/**
 * Split a note into sections. Text before the first header is a section of category `unknown` with
 * no header (omitted when blank). Sections are in text order and do not overlap.
 *
 * @example detectSections('HPI: cough.\nPMH: asthma.').map((s) => s.category)
 *   // ['history_of_present_illness', 'past_medical_history']
 */
export function detectSections(text: string, rules: SectionRulePack | CompiledSections = defaultSectionRules()): Section[] {
  if (text.length === 0) return [];
  const compiled = 'byKey' in rules ? rules : compileSectionRules(rules);
  const headers = findHeaders(text, compiled);
  const sections: Section[] = [];
  const first = headers[0]?.header.start ?? text.length;
  const lead = trimSpan(text, 0, first);
  if (lead.end > lead.start) {
    sections.push({ category: 'unknown', header: null, body: lead, title: '', subsection: false });
  }
  /** Category of the enclosing top-level section, for sub-headers. */
  let parent: SectionCategory | undefined;
  headers.forEach((h, i) => {
    const next = headers[i + 1]?.header.start ?? text.length;
    const body = trimSpan(text, Math.min(h.after, next), next);
    let category: SectionCategory;
    let subsection = false;
    const inContainer = parent !== undefined && compiled.containers.has(parent);
    if (h.def === undefined) {
      // Unknown ALL-CAPS header: a body-system line inside an exam, otherwise a new unknown section.
      if (inContainer && parent !== undefined) {
        category = parent;
        subsection = true;
      } else {
        category = 'unknown';
        parent = 'unknown';
      }
    } else if (h.def.subsection) {
      if (inContainer && parent !== undefined) {
        category = parent;
      } else {
        category = h.def.category;
        parent = h.def.category;
      }
      subsection = true;
    } else {
      category = h.def.category;
      parent = h.def.category;
    }
    sections.push({ category, header: h.header, body, title: h.def?.title ?? h.text, subsection });
  });
  return sections;
}

/** The section holding `offset` (binary search; `undefined` before the first section or in a gap). */
export function sectionAt(sections: readonly Section[], offset: number): Section | undefined {
  let lo = 0;
  let hi = sections.length - 1;
  let best: Section | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = sections[mid];
    if (s === undefined) break;
    const start = s.header?.start ?? s.body.start;
    if (start <= offset) {
      best = s;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}
