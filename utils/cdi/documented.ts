/**
 * STAND-IN, to be replaced by the note analyzer (issue 4): the few diagnosis phrases the CDI rules
 * care about, found with their context, as `Suggestion`s. It lets the CDI engine, its tests and its
 * evaluation run before `analyze()` lands; `analyzeCdi` takes the real analyzer as a parameter and
 * uses this only when none is given.
 *
 * What it is: a fixed phrase table (heart failure by type and acuity, sepsis and infections,
 * respiratory failure, malnutrition, encephalopathy and mental status, AKI/ATN/CKD, anemia, pressure
 * injury by site and stage, obesity, hyponatremia, pneumonia by organism, MI type / demand ischemia /
 * myocardial injury / elevated troponin), matched per sentence, with ConText (`applyContext`) and
 * section defaults for the context label. What it is not: the Alphabetic Index, the coding guidelines,
 * code validity by date, or anything outside that list. Its codes are FY2026 ICD-10-CM codes (checked
 * by a test against the compiled code list when it is built); `state` is always 'unknown'.
 */
import type { AnalysisSettings, ContextLabel, NotCodedReason, Suggestion } from '../coding/types';
import { applyContext } from '../nlp/context';
import { detectSections, sectionAt } from '../nlp/sections';
import { splitSentences } from '../nlp/sentences';
import type { Span } from '../nlp/types';

interface Phrase {
  /** Regular expression source, matched case-insensitively on word boundaries. */
  re: string;
  code: string;
  title: string;
}

const HF_NOUN = '(?:congestive\\s+)?(?:heart|cardiac)\\s+failure|chf|hf';
const ACUITIES: Array<[string, string, string]> = [
  ['acute\\s+on\\s+chronic', '3', 'Acute on chronic'],
  ['acute(?:\\s+decompensated)?', '1', 'Acute'],
  ['chronic(?:\\s+compensated)?', '2', 'Chronic'],
  ['', '0', 'Unspecified'],
];
const HF_TYPES: Array<[string, string, string]> = [
  [`(?:combined\\s+)?systolic\\s+and\\s+diastolic\\s+(?:${HF_NOUN})`, 'I504', 'combined systolic and diastolic heart failure'],
  [`systolic\\s+(?:${HF_NOUN})|hfref|heart\\s+failure\\s+with\\s+reduced\\s+(?:ejection\\s+fraction|ef)`, 'I502', 'systolic heart failure'],
  [
    `diastolic\\s+(?:${HF_NOUN})|hfpef|heart\\s+failure\\s+with\\s+preserved\\s+(?:ejection\\s+fraction|ef)`,
    'I503',
    'diastolic heart failure',
  ],
];

function heartFailurePhrases(): Phrase[] {
  const out: Phrase[] = [];
  for (const [type, prefix, title] of HF_TYPES) {
    for (const [acuity, digit, word] of ACUITIES) {
      out.push({ re: acuity === '' ? `(?:${type})` : `${acuity}\\s+(?:${type})`, code: `${prefix}${digit}`, title: `${word} ${title}` });
    }
  }
  // Acuity without a type still codes to I50.9 (heart failure, unspecified).
  out.push({
    re: `(?:(?:acute\\s+on\\s+chronic|acute|chronic|decompensated)\\s+)?(?:${HF_NOUN})`,
    code: 'I509',
    title: 'Heart failure, unspecified',
  });
  return out;
}

/** Pressure ulcer codes by site and stage (6-character sites end 0 unstageable, 1-4, 6 deep tissue, 9 unspecified). */
function pressurePhrases(): Phrase[] {
  const sites: Array<[string, string]> = [
    ['sacr(?:um|al)(?:\\s+region)?|coccyx|coccygeal|sacrococcygeal', 'L8915'],
    ['right\\s+heel', 'L8961'],
    ['left\\s+heel', 'L8962'],
    ['heel', 'L8960'],
    ['buttock', 'L8930'],
  ];
  const stages: Array<[string, string]> = [
    ['stage\\s*(?:1|i|one)', '1'],
    ['stage\\s*(?:2|ii|two)', '2'],
    ['stage\\s*(?:3|iii|three)', '3'],
    ['stage\\s*(?:4|iv|four)', '4'],
    ['unstageable', '0'],
    ['deep\\s+tissue(?:\\s+pressure)?(?:\\s+injury)?', '6'],
  ];
  const noun = '(?:pressure\\s+(?:ulcer|injury|wound|sore)|decubitus(?:\\s+ulcer)?)';
  const out: Phrase[] = [];
  for (const [stage, digit] of stages) {
    for (const [site, prefix] of sites) {
      out.push({ re: `(?:${stage})\\s+(?:${site})\\s+${noun}`, code: `${prefix}${digit}`, title: 'Pressure ulcer' });
      out.push({
        re: `(?:${stage})\\s+${noun}\\s+(?:of|on|to|at|over)\\s+(?:the\\s+)?(?:${site})`,
        code: `${prefix}${digit}`,
        title: 'Pressure ulcer',
      });
    }
    const unspecifiedSite = digit === '0' ? '5' : digit;
    out.push({ re: `(?:${stage})\\s+${noun}`, code: `L899${unspecifiedSite}`, title: 'Pressure ulcer of unspecified site' });
  }
  for (const [site, prefix] of sites) {
    out.push({
      re: `(?:${site})\\s+${noun}|${noun}\\s+(?:of|on|to|at|over)\\s+(?:the\\s+)?(?:${site})`,
      code: `${prefix}9`,
      title: 'Pressure ulcer, unspecified stage',
    });
  }
  out.push({ re: noun, code: 'L8990', title: 'Pressure ulcer of unspecified site, unspecified stage' });
  return out;
}

const PHRASES: Phrase[] = [
  ...heartFailurePhrases(),
  { re: 'septic\\s+shock', code: 'R6521', title: 'Severe sepsis with septic shock' },
  { re: 'severe\\s+sepsis', code: 'R6520', title: 'Severe sepsis without septic shock' },
  // A term with no code (Guidelines I.C.1.d.1.a.ii): listed as the analyzer lists it, for the query.
  { re: 'uro-?sepsis', code: '', title: 'Urosepsis: no code' },
  { re: 'sepsis|septicemia', code: 'A419', title: 'Sepsis, unspecified organism' },
  { re: 'aspiration\\s+pneumonia|aspiration\\s+pneumonitis', code: 'J690', title: 'Pneumonitis due to inhalation of food and vomit' },
  { re: 'mrsa\\s+pneumonia|pneumonia\\s+due\\s+to\\s+mrsa', code: 'J15212', title: 'Pneumonia due to MRSA' },
  { re: 'pseudomonas\\s+pneumonia|pneumonia\\s+due\\s+to\\s+pseudomonas', code: 'J151', title: 'Pneumonia due to Pseudomonas' },
  { re: 'klebsiella\\s+pneumonia|pneumonia\\s+due\\s+to\\s+klebsiella', code: 'J150', title: 'Pneumonia due to Klebsiella pneumoniae' },
  { re: 'pneumococcal\\s+pneumonia', code: 'J13', title: 'Pneumonia due to Streptococcus pneumoniae' },
  { re: 'gram[-\\s]negative\\s+pneumonia|bacterial\\s+pneumonia', code: 'J159', title: 'Unspecified bacterial pneumonia' },
  { re: 'viral\\s+pneumonia', code: 'J129', title: 'Viral pneumonia, unspecified' },
  { re: 'lobar\\s+pneumonia', code: 'J181', title: 'Lobar pneumonia, unspecified organism' },
  {
    re: '(?:community[-\\s]acquired\\s+|hospital[-\\s]acquired\\s+|healthcare[-\\s]associated\\s+)?pneumonia|cap|hcap',
    code: 'J189',
    title: 'Pneumonia, unspecified organism',
  },
  { re: 'urinary\\s+tract\\s+infection|uti', code: 'N390', title: 'Urinary tract infection, site not specified' },
  { re: 'pyelonephritis', code: 'N10', title: 'Acute pyelonephritis' },
  { re: 'cellulitis', code: 'L0390', title: 'Cellulitis, unspecified' },
  { re: 'cholecystitis', code: 'K819', title: 'Cholecystitis, unspecified' },
  { re: 'bacteremia', code: 'R7881', title: 'Bacteremia' },
  {
    re: 'c\\.?\\s?diff(?:icile)?(?:\\s+colitis)?|clostridi(?:um|oides)\\s+difficile(?:\\s+colitis)?',
    code: 'A0472',
    title: 'Enterocolitis due to C. difficile',
  },
  {
    re: 'acute\\s+on\\s+chronic\\s+(?:hypoxic|hypoxemic)\\s+respiratory\\s+failure',
    code: 'J9621',
    title: 'Acute and chronic respiratory failure with hypoxia',
  },
  {
    re: 'acute\\s+on\\s+chronic\\s+(?:hypercapnic|hypercarbic)\\s+respiratory\\s+failure',
    code: 'J9622',
    title: 'Acute and chronic respiratory failure with hypercapnia',
  },
  { re: 'acute\\s+on\\s+chronic\\s+respiratory\\s+failure', code: 'J9620', title: 'Acute and chronic respiratory failure, unspecified' },
  {
    re: 'acute\\s+(?:hypoxic|hypoxemic)\\s+respiratory\\s+failure|acute\\s+respiratory\\s+failure\\s+with\\s+hypox(?:ia|emia)',
    code: 'J9601',
    title: 'Acute respiratory failure with hypoxia',
  },
  {
    re: 'acute\\s+(?:hypercapnic|hypercarbic)\\s+respiratory\\s+failure|acute\\s+respiratory\\s+failure\\s+with\\s+hypercapnia',
    code: 'J9602',
    title: 'Acute respiratory failure with hypercapnia',
  },
  { re: 'acute\\s+respiratory\\s+failure', code: 'J9600', title: 'Acute respiratory failure, unspecified' },
  { re: 'chronic\\s+(?:hypoxic|hypoxemic)\\s+respiratory\\s+failure', code: 'J9611', title: 'Chronic respiratory failure with hypoxia' },
  { re: 'chronic\\s+respiratory\\s+failure', code: 'J9610', title: 'Chronic respiratory failure, unspecified' },
  { re: '(?:hypoxic|hypoxemic)\\s+respiratory\\s+failure', code: 'J9691', title: 'Respiratory failure, unspecified, with hypoxia' },
  {
    re: '(?:hypercapnic|hypercarbic)\\s+respiratory\\s+failure',
    code: 'J9692',
    title: 'Respiratory failure, unspecified, with hypercapnia',
  },
  { re: 'respiratory\\s+failure', code: 'J9690', title: 'Respiratory failure, unspecified' },
  {
    re: 'severe\\s+(?:protein[-\\s]calorie\\s+)?malnutrition|severely\\s+malnourished',
    code: 'E43',
    title: 'Unspecified severe protein-calorie malnutrition',
  },
  {
    re: 'moderate\\s+(?:protein[-\\s]calorie\\s+)?malnutrition|moderately\\s+malnourished',
    code: 'E440',
    title: 'Moderate protein-calorie malnutrition',
  },
  {
    re: 'mild\\s+(?:protein[-\\s]calorie\\s+)?malnutrition|mildly\\s+malnourished',
    code: 'E441',
    title: 'Mild protein-calorie malnutrition',
  },
  { re: '(?:protein[-\\s]calorie\\s+)?malnutrition|malnourished|pcm', code: 'E46', title: 'Unspecified protein-calorie malnutrition' },
  { re: 'hepatic\\s+encephalopathy', code: 'K7682', title: 'Hepatic encephalopathy' },
  { re: 'toxic(?:[-\\s]metabolic)?\\s+encephalopathy', code: 'G928', title: 'Other toxic encephalopathy' },
  { re: '(?:metabolic|septic)\\s+encephalopathy', code: 'G9341', title: 'Metabolic encephalopathy' },
  { re: 'hypertensive\\s+encephalopathy', code: 'I674', title: 'Hypertensive encephalopathy' },
  { re: 'encephalopathy', code: 'G9340', title: 'Encephalopathy, unspecified' },
  { re: 'altered\\s+mental\\s+status|ams', code: 'R4182', title: 'Altered mental status, unspecified' },
  { re: 'delirium|acute\\s+confusion|confusion', code: 'R410', title: 'Disorientation, unspecified' },
  { re: 'acute\\s+tubular\\s+necrosis|atn', code: 'N170', title: 'Acute kidney failure with tubular necrosis' },
  {
    re: 'acute\\s+kidney\\s+injury|aki|acute\\s+renal\\s+failure|acute\\s+kidney\\s+failure|acute\\s+renal\\s+injury',
    code: 'N179',
    title: 'Acute kidney failure, unspecified',
  },
  { re: '(?:acute\\s+)?(?:renal|kidney)\\s+insufficiency', code: 'N289', title: 'Disorder of kidney and ureter, unspecified' },
  { re: 'end[-\\s]stage\\s+renal\\s+disease|esrd|end[-\\s]stage\\s+kidney\\s+disease', code: 'N186', title: 'End stage renal disease' },
  {
    re: '(?:ckd|chronic\\s+kidney\\s+disease)\\s*,?\\s*stage\\s*(?:3|iii)[ab]?',
    code: 'N1830',
    title: 'Chronic kidney disease, stage 3 unspecified',
  },
  { re: 'ckd|chronic\\s+kidney\\s+disease', code: 'N189', title: 'Chronic kidney disease, unspecified' },
  { re: 'acute\\s+blood\\s+loss\\s+anemia|abla|acute\\s+posthemorrhagic\\s+anemia', code: 'D62', title: 'Acute posthemorrhagic anemia' },
  { re: 'chronic\\s+blood\\s+loss\\s+anemia', code: 'D500', title: 'Iron deficiency anemia secondary to blood loss (chronic)' },
  { re: 'iron\\s+deficiency\\s+anemia|ida', code: 'D509', title: 'Iron deficiency anemia, unspecified' },
  { re: 'anemia\\s+(?:of|in)\\s+(?:ckd|chronic\\s+kidney\\s+disease)', code: 'D631', title: 'Anemia in chronic kidney disease' },
  {
    re: 'anemia\\s+of\\s+chronic\\s+(?:disease|inflammation)',
    code: 'D638',
    title: 'Anemia in other chronic diseases classified elsewhere',
  },
  { re: 'anemia|anaemia', code: 'D649', title: 'Anemia, unspecified' },
  ...pressurePhrases(),
  {
    re: 'morbid(?:ly)?\\s+obes(?:ity|e)|severe\\s+obesity|severely\\s+obese',
    code: 'E6601',
    title: 'Morbid (severe) obesity due to excess calories',
  },
  { re: '(?:class\\s*(?:3|iii)\\s+obesity|obesity,?\\s+class\\s*(?:3|iii))', code: 'E66813', title: 'Obesity, class 3' },
  { re: '(?:class\\s*(?:2|ii)\\s+obesity|obesity,?\\s+class\\s*(?:2|ii))', code: 'E66812', title: 'Obesity, class 2' },
  { re: '(?:class\\s*(?:1|i)\\s+obesity|obesity,?\\s+class\\s*(?:1|i))', code: 'E66811', title: 'Obesity, class 1' },
  { re: 'obesity|obese', code: 'E669', title: 'Obesity, unspecified' },
  { re: 'overweight', code: 'E663', title: 'Overweight' },
  { re: 'siadh|syndrome\\s+of\\s+inappropriate\\s+(?:secretion\\s+of\\s+)?antidiuretic\\s+hormone', code: 'E222', title: 'SIADH' },
  { re: 'hyponatremia|hyponatraemia', code: 'E871', title: 'Hypo-osmolality and hyponatremia' },
  { re: 'type\\s*(?:2|ii)\\s+(?:mi|nstemi|stemi|myocardial\\s+infarction)', code: 'I21A1', title: 'Myocardial infarction type 2' },
  {
    re: 'nstemi|non[-\\s]st[-\\s]elevation\\s+(?:mi|myocardial\\s+infarction)|type\\s*(?:1|i)\\s+(?:mi|myocardial\\s+infarction)',
    code: 'I214',
    title: 'NSTEMI',
  },
  { re: 'stemi|st[-\\s]elevation\\s+(?:mi|myocardial\\s+infarction)', code: 'I213', title: 'STEMI of unspecified site' },
  { re: '(?:acute\\s+)?myocardial\\s+infarction|mi', code: 'I219', title: 'Acute myocardial infarction, unspecified' },
  { re: 'demand\\s+ischemia', code: 'I2489', title: 'Other forms of acute ischemic heart disease' },
  { re: '(?:non[-\\s]?ischemic\\s+)?myocardial\\s+injury', code: 'I5A', title: 'Non-ischemic myocardial injury (non-traumatic)' },
  {
    re: '(?:elevated|rising|positive)\\s+troponins?|troponin\\s+(?:elevation|leak)|troponinemia',
    code: 'R7989',
    title: 'Other specified abnormal findings of blood chemistry',
  },
];

/** Abbreviations that are only diagnoses when written in capitals (`AMS`, not `ams`). */
const CAPS_ONLY = new Set([
  'ams',
  'aki',
  'atn',
  'chf',
  'hf',
  'uti',
  'cap',
  'hcap',
  'esrd',
  'ckd',
  'abla',
  'ida',
  'mi',
  'pcm',
  'siadh',
  'hfref',
  'hfpef',
]);

let compiled: RegExp[] | undefined;

/** One regular expression per phrase: a single alternation of all of them is ten times slower in V8. */
function matchers(): RegExp[] {
  compiled ??= PHRASES.map((p) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${p.re})(?![\\p{L}\\p{N}])`, 'giu'));
  return compiled;
}

function dotted(code: string): string {
  return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

function label(ctx: ReturnType<typeof applyContext>[number] | undefined): ContextLabel {
  if (ctx === undefined) return 'affirmed';
  if (ctx.experiencer === 'family') return 'family';
  if (ctx.experiencer === 'other') return 'other';
  if (ctx.negated) return 'negated';
  if (ctx.hypothetical) return 'hypothetical';
  if (ctx.possible) return 'possible';
  if (ctx.historical) return 'historical';
  return 'affirmed';
}

function notCoded(context: ContextLabel, settings: AnalysisSettings): NotCodedReason | undefined {
  switch (context) {
    case 'negated':
      return 'negated';
    case 'hypothetical':
      return 'hypothetical';
    case 'family':
    case 'other':
      return 'other-experiencer';
    case 'historical':
      return 'history-no-code';
    case 'possible':
      return settings.setting === 'inpatient' ? undefined : 'uncertain-outpatient';
    default:
      return undefined;
  }
}

/**
 * STAND-IN for `analyze(text, settings).suggestions` (issue 4): diagnoses the CDI rules care about,
 * with context. Same signature as the analyzer's entry point so either can be passed to `analyzeCdi`.
 */
export function documentedFromText(text: string, settings: AnalysisSettings): { suggestions: Suggestion[] } {
  const sections = detectSections(text);
  const sentences = splitSentences(text, { sections });
  const suggestions: Suggestion[] = [];
  const res = matchers();
  for (const sentence of sentences) {
    if (sentence.kind === 'header') continue;
    // Every phrase's matches, then leftmost first and, at one position, the earlier (more specific) phrase.
    const all: Array<Span & { phrase: Phrase; order: number }> = [];
    res.forEach((re, order) => {
      const phrase = PHRASES[order];
      if (phrase === undefined) return;
      re.lastIndex = 0;
      for (let m = re.exec(sentence.text); m !== null; m = re.exec(sentence.text)) {
        const written = m[0];
        if (written.length === 0) {
          re.lastIndex++;
          continue;
        }
        if (CAPS_ONLY.has(written.toLowerCase()) && written !== written.toUpperCase() && !/^HF[rp]EF$/i.test(written)) continue;
        all.push({ start: m.index, end: m.index + written.length, phrase, order });
      }
    });
    all.sort((a, b) => a.start - b.start || a.order - b.order);
    const hits: Array<Span & { phrase: Phrase }> = [];
    for (const h of all) {
      const last = hits[hits.length - 1];
      if (last && h.start < last.end) continue;
      hits.push(h);
    }
    if (hits.length === 0) continue;
    const section = sectionAt(sections, sentence.start);
    const category = section?.category ?? 'unknown';
    const contexts = applyContext(sentence.text, hits, undefined, { section: category });
    hits.forEach((h, i) => {
      const context = label(contexts[i]);
      const reason = notCoded(context, settings);
      const start = sentence.start + h.start;
      const end = sentence.start + h.end;
      const codeless = h.phrase.code === '';
      suggestions.push({
        code: h.phrase.code,
        display: codeless ? '—' : dotted(h.phrase.code),
        title: h.phrase.title,
        system: 'icd10cm',
        kind: 'diagnosis',
        score: 0.5,
        reason: `Stand-in phrase match (utils/cdi/documented.ts), not the coding analyzer: "${text.slice(start, end)}"`,
        evidence: [{ start, end, text: text.slice(start, end) }],
        context,
        section: category,
        status: reason === undefined && !codeless ? 'suggested' : 'not-coded',
        ...(reason === undefined ? (codeless ? { notCoded: 'no-code-query' as const } : {}) : { notCoded: reason }),
        state: 'unknown',
        mentionIds: [],
      });
    });
  }
  return { suggestions };
}

/** The fallback's phrase codes, for the test that checks them against the compiled code list. */
export function standInCodes(): string[] {
  return [...new Set(PHRASES.map((p) => p.code).filter((code) => code !== ''))];
}
