/**
 * Body mass index (Z68.-): the value the note records, in the band the Tabular titles give ("Body mass
 * index [BMI] 32.0-32.9, adult" Z68.32), coded only beside an associated diagnosis the provider documents,
 * such as obesity or malnutrition (Guidelines I.B.14). The value may come from any clinician's note.
 */
import { extractIndicators } from '../cdi/indicators';
import { defaultCdiPacks } from '../cdi/rules';
import type { IndicatorPack } from '../cdi/types';
import type { Section, Sentence } from '../nlp/types';
import { matchesPattern } from './patterns';
import { bySuggestionRank, type CodingKnowledge, ruleSuggestion } from './suggest';
import type { AnalysisSettings, Suggestion } from './types';

interface Band {
  code: string;
  low: number;
  high: number;
}

const BMI_CATEGORY = 'Z68';
/** "… [BMI] 32.0-32.9, adult", "… 19.9 or less, adult", "… 70 or greater, adult". */
const ADULT_BAND = /(\d+(?:\.\d+)?)\s*(?:-\s*(\d+(?:\.\d+)?)|or (less|greater)),\s*adult\b/i;

const bandsByDate = new Map<string, Band[]>();
/** The adult bands of the code set for the date, from the titles of Z68's billable codes. */
export function adultBands(k: CodingKnowledge, date: string): Band[] {
  const cached = bandsByDate.get(date);
  if (cached) return cached;
  const bands: Band[] = [];
  const visit = (code: string) => {
    for (const child of k.catalog.children('icd10cm', code, date)) {
      if (!child.billable) {
        visit(child.code);
        continue;
      }
      const m = ADULT_BAND.exec(child.title);
      if (!m) continue;
      const a = Number(m[1]);
      if (m[3] === 'less') bands.push({ code: child.code, low: 0, high: a });
      else if (m[3] === 'greater') bands.push({ code: child.code, low: a, high: Number.POSITIVE_INFINITY });
      else bands.push({ code: child.code, low: a, high: Number(m[2]) });
    }
  };
  visit(BMI_CATEGORY);
  if (bandsByDate.size > 8) bandsByDate.clear();
  bandsByDate.set(date, bands);
  return bands;
}

/** The band of a value: values are recorded to one decimal, so 32.95 is read as 32.9's band (the first band whose top it does not pass by a tenth). */
export function bandOf(bands: readonly Band[], value: number): Band | undefined {
  return bands.find((b) => value >= b.low && value < b.high + 0.1);
}

/** The patient's age in years where the note states it ("a 45-year-old", "aged 17", "62 yo"). */
export function statedAge(text: string): number | undefined {
  const m = /\b(\d{1,3})[-\s](?:years?|yrs?)[-\s]old\b|\baged?\s*:?\s*(\d{1,3})\b|\b(\d{1,3})\s*(?:yo|y\/o|y\.o\.)(?!\w)/i.exec(text.slice(0, 2000));
  const age = m ? Number(m[1] ?? m[2] ?? m[3]) : Number.NaN;
  return Number.isFinite(age) && age <= 120 ? age : undefined;
}

let bmiPack: IndicatorPack | undefined;
function bmiOnly(): IndicatorPack {
  if (!bmiPack) {
    const pack = defaultCdiPacks().indicators;
    bmiPack = { ...pack, measures: pack.measures.filter((m) => m.name === 'bmi'), medications: [], terms: [], devices: [], organisms: [], pressureSites: [] };
  }
  return bmiPack;
}

const BMI_WORDS = /\b(?:bmi|body mass index)\b/i;

/**
 * Add the BMI code beside its associated diagnosis; the bare "body mass index" mention (Z68, no band) is
 * then read by it. Without an associated diagnosis, or for a patient under the adult age, no BMI is coded.
 */
export function withBodyMassIndex(
  suggestions: readonly Suggestion[],
  text: string,
  structure: { sections: readonly Section[]; sentences: readonly Sentence[] },
  settings: AnalysisSettings,
  k: CodingKnowledge,
): Suggestion[] {
  if (!BMI_WORDS.test(text)) return [...suggestions];
  const rule = k.rules.bodyMassIndex;
  const bare = (s: Suggestion) => s.system === 'icd10cm' && s.code.startsWith(BMI_CATEGORY) && s.status !== 'not-coded';
  const associated = suggestions.find(
    (s) => s.status !== 'not-coded' && s.system === 'icd10cm' && s.context !== 'family' && rule.withDiagnoses.some((p) => matchesPattern(s.code, p)),
  );
  const age = statedAge(text);
  const value = associated && (age === undefined || age >= rule.adultFromAge) ? latestBmi(text, structure) : undefined;
  const band = value && bandOf(adultBands(k, settings.dateOfService), value.value);
  const out = suggestions.filter((s) => !bare(s) || (band && s.code === band.code));
  if (!band || !value || !associated || out.some((s) => s.code === band.code)) return out;
  const info = k.catalog.lookup('icd10cm', band.code, settings.dateOfService);
  if (info.state !== 'billable') return out;
  out.push(
    ruleSuggestion(k, settings.dateOfService, {
      code: band.code,
      score: associated.score * 0.8,
      reason: `BMI ${value.value} recorded (“${value.quote}”), with ${associated.display} ${associated.title}: ${rule.literal} (${rule.source}).`,
      evidence: [{ start: value.span.start, end: value.span.end, text: value.quote }],
      section: value.section,
    }),
  );
  return out.sort(bySuggestionRank);
}

/** The last BMI value the note records, present and affirmed (the most recent measurement). */
function latestBmi(text: string, structure: { sections: readonly Section[]; sentences: readonly Sentence[] }) {
  const found = extractIndicators(text, { pack: bmiOnly(), sections: structure.sections, sentences: structure.sentences }).filter(
    (i) => i.value !== undefined && !i.context.negated && !i.context.hypothetical,
  );
  const last = found[found.length - 1];
  return last?.value === undefined ? undefined : { value: last.value, quote: last.quote, span: last.span, section: last.section };
}
