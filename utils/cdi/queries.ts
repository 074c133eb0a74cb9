/**
 * Query drafts (issue 6): a template from `query-templates.json` filled with the indicators an
 * opportunity cites, each with where in the note it was found (section and verbatim quote), and the
 * documentation it rests on. The draft's `text` is what the provider reads and what the linter checks;
 * the specialist edits that text in the side panel. Option codes stay in the template for the impact
 * view and never reach the text (`draftQuery` does not take impact data at all).
 */
import type { SectionCategory } from '../nlp/types';
import { engineMessages, queryText } from './messages';
import { defaultCdiPacks } from './rules';
import type { CitedIndicator, Indicator, Opportunity, QueryDraft, QueryTemplate, TemplatePack } from './types';

/** `history_of_present_illness` → `History of present illness`; the leading untitled text → `Note text`. */
export function sectionName(category: SectionCategory, title = ''): string {
  if (title.trim() !== '') return title.trim();
  if (category === 'unknown') return queryText.noSection;
  if (category === 'assessment_plan') return 'Assessment and plan';
  const words = category.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One line of note text, safe inside double quotes. */
export function quoteText(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/["“”]/g, "'").trim();
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Math.round(x * 100) / 100);
}

function unitText(unit: string | undefined): string {
  if (unit === undefined) return '';
  if (unit === '%') return '%';
  if (unit === 'C') return ' °C';
  return ` ${unit}`;
}

function valueText(i: Indicator): string {
  if (i.value === undefined) return '';
  const low = i.low ?? i.value;
  const high = i.high ?? i.value;
  let v: string;
  if (low === high) v = fmt(i.value);
  else if (low === 0 && Number.isFinite(high)) v = `< ${fmt(high)}`;
  else if (!Number.isFinite(high)) v = `> ${fmt(low)}`;
  else v = `${fmt(low)}-${fmt(high)}`;
  if (i.value2 !== undefined) v = `${v}/${fmt(i.value2)}`;
  return `${v}${unitText(i.unit)}`;
}

/** `Creatinine 2.1 mg/dL (baseline 0.9)`, `Furosemide IV 40 mg`, `Pressure injury, stage 3, sacral region, present on admission`. */
export function describeIndicator(i: Indicator): string {
  const parts: string[] = [i.label];
  const value = valueText(i);
  if (value !== '') parts.push(value);
  if (i.route !== undefined && i.kind === 'medication') parts.push(i.route);
  const a = i.attributes ?? {};
  if (a.dose !== undefined) parts.push(String(a.dose));
  if (a.flowLpm !== undefined) parts.push(`${queryText.on} ${fmt(Number(a.flowLpm))} L/min`);
  if (a.device !== undefined && a.device !== 'oxygen')
    parts.push(a.flowLpm !== undefined ? String(a.device) : `${queryText.on} ${a.device}`);
  if (a.fio2 !== undefined) parts.push(`FiO2 ${fmt(Number(a.fio2))}%`);
  let text = parts.join(' ');
  const extras: string[] = [];
  if (a.stage !== undefined)
    extras.push(a.stage === 'unstageable' || a.stage === 'deep tissue' ? String(a.stage) : `${queryText.stage} ${a.stage}`);
  if (a.site !== undefined) extras.push(String(a.site));
  if (a.poa === 'Y') extras.push(queryText.presentOnAdmission);
  if (a.poa === 'N') extras.push(queryText.notPresentOnAdmission);
  if (a.organism !== undefined) extras.push(a.specimen === undefined ? String(a.organism) : `${a.organism} (${a.specimen})`);
  if (a.severity !== undefined) extras.push(String(a.severity));
  if (extras.length > 0) text = `${text}, ${extras.join(', ')}`;
  const earlier = (i.series ?? []).filter((p) => p.role !== 'current');
  if (earlier.length > 0) {
    const baseline = earlier.filter((p) => p.role === 'baseline').map((p) => fmt(p.value));
    const before = earlier.filter((p) => p.role === 'earlier').map((p) => fmt(p.value));
    const notes: string[] = [];
    if (baseline.length > 0) notes.push(`${queryText.baseline} ${baseline.join(', ')}`);
    if (before.length > 0) notes.push(`${queryText.earlier} ${before.join(', ')}`);
    text = `${text} (${notes.join('; ')})`;
  }
  return text;
}

function cite(i: Indicator): CitedIndicator {
  return {
    indicatorId: i.id,
    summary: describeIndicator(i),
    section: sectionName(i.section, i.sectionTitle),
    quote: quoteText(i.quote),
    span: i.span,
  };
}

function fill(template: string, opportunity: Opportunity): string {
  const seen = new Set<string>();
  const documented = opportunity.documented
    .filter((d) => {
      const k = quoteText(d.quote).toLowerCase();
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .map((d) => queryText.documentedInQuestion(quoteText(d.quote), sectionName(d.section)));
  return template
    .replace(/\{documented\}/g, documented.length > 0 ? documented.join(queryText.and) : opportunity.condition.toLowerCase())
    .replace(/\{condition\}/g, opportunity.condition.toLowerCase());
}

/** The query as plain text: title, cited indicators, question, options, closing. */
export function renderQuery(d: Omit<QueryDraft, 'text'>): string {
  const lines: string[] = [d.title, '', queryText.indicatorsHeading];
  for (const i of d.indicators) lines.push(`- ${queryText.citation(i.summary, i.section, i.quote)}`);
  for (const doc of d.documented) lines.push(`- ${queryText.documentedCitation(doc.section, doc.quote)}`);
  lines.push('', `${queryText.questionLabel} ${d.question}`);
  if (d.options.length > 0) {
    lines.push('', queryText.optionsHeading);
    for (const o of d.options) lines.push(`${queryText.checkbox} ${o.text}`);
  }
  lines.push('', d.closing);
  return lines.join('\n');
}

/** Draft the query an opportunity calls for. Throws when the opportunity names a template the pack lacks. */
export function draftQuery(opportunity: Opportunity, templates: TemplatePack = defaultCdiPacks().templates): QueryDraft {
  const template: QueryTemplate | undefined = templates.templates.find((t) => t.id === opportunity.template);
  if (template === undefined) throw new Error(engineMessages.unknownTemplate(opportunity.template));
  const draft: Omit<QueryDraft, 'text'> = {
    opportunityId: opportunity.id,
    ruleId: opportunity.ruleId,
    templateId: template.id,
    condition: opportunity.condition,
    kind: template.kind,
    ...(template.yesNoBasis === undefined ? {} : { yesNoBasis: template.yesNoBasis }),
    title: fill(template.title, opportunity),
    question: fill(template.question, opportunity),
    indicators: opportunity.indicators.map(cite),
    documented: opportunity.documented.map((d) => ({ section: sectionName(d.section), quote: quoteText(d.quote) })),
    options: template.options.map((o) => ({ id: o.id, text: o.text })),
    closing: templates.closing,
  };
  return { ...draft, text: renderQuery(draft) };
}
