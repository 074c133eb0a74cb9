/**
 * The CDI pipeline in one call: indicators → documented diagnoses → opportunities → query drafts with
 * their lint results. Pure; the background service worker, the CLI, the tests and the evaluation all
 * call this. The documented diagnoses come from the analyzer passed in (`analyze(text, settings)`,
 * issue 4); until it lands, the stand-in `documentedFromText` is used.
 */
import type { AnalysisSettings, Setting, Suggestion } from '../coding/types';
import { detectSections } from '../nlp/sections';
import { splitSentences } from '../nlp/sentences';
import { documentedFromText } from './documented';
import { extractIndicators } from './indicators';
import { lintQuery } from './linter';
import { findOpportunities } from './opportunities';
import { draftQuery } from './queries';
import { type CdiPacks, defaultCdiPacks } from './rules';
import type { Indicator, LintResult, Opportunity, QueryDraft } from './types';

export type Analyze = (text: string, settings: AnalysisSettings) => { suggestions: Suggestion[] };

export interface CdiResult {
  indicators: Indicator[];
  documented: Suggestion[];
  opportunities: Opportunity[];
  drafts: Array<{ draft: QueryDraft; lint: LintResult }>;
}

export interface CdiOptions {
  /** The note analyzer; the stand-in `documentedFromText` when absent. */
  analyze?: Analyze;
  packs?: CdiPacks;
  /** ISO date of service, passed to the analyzer. */
  dateOfService?: string;
}

export function analyzeCdi(note: { text: string; setting: Setting }, options: CdiOptions = {}): CdiResult {
  const packs = options.packs ?? defaultCdiPacks();
  const sections = detectSections(note.text);
  const sentences = splitSentences(note.text, { sections });
  const indicators = extractIndicators(note.text, { pack: packs.indicators, sections, sentences });
  const analyze = options.analyze ?? documentedFromText;
  const documented = analyze(note.text, { setting: note.setting, dateOfService: options.dateOfService ?? '' }).suggestions;
  const opportunities = findOpportunities(note, indicators, documented, packs.opportunities);
  const drafts = opportunities.map((o) => {
    const draft = draftQuery(o, packs.templates);
    return { draft, lint: lintQuery(draft.text, { note: note.text, templates: packs.templates }) };
  });
  return { indicators, documented, opportunities, drafts };
}
