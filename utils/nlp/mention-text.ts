/**
 * Words as the mention matcher sees them, on both sides: Alphabetic Index titles when the lexicon is
 * built, and note sentences when it is matched. The same function makes both, so "Failure, renal" and
 * "renal failure" meet on the same keys:
 * - folded (case, accents) and lightly stemmed with the search engine's `stem` (plurals);
 * - read through the word-form table (`assets/rules/word-forms.json`): "renal" is read as "kidney",
 *   "septic" as "sepsis", "fell" as "fall", "II" as "2";
 * - hyphenated prefixes joined ("non-traumatic" = "nontraumatic"), a possessive `'s` dropped
 *   ("Crohn's" = "Crohns" = "Crohn").
 *
 * Pure: no `browser`, no DOM. The word-form table is validated on load (STYLE.md convention 3).
 */
import * as v from 'valibot';
import formsJson from '../../assets/rules/word-forms.json';
import { CONNECTOR_WORDS, foldText, stem } from '../search/text';

// ---------------------------------------------------------------------------------------------
// Word-form table
// ---------------------------------------------------------------------------------------------

export const WORD_FORM_KINDS = ['site-adjective', 'condition-adjective', 'inflection'] as const;

export interface WordForm {
  /** As written in notes (`renal`, `septic`, `fell`). */
  word: string;
  /** What the index files it under (`kidney`, `sepsis`, `fall`); may be two words (`bile duct`). */
  base: string;
  kind: (typeof WORD_FORM_KINDS)[number];
}

export interface WordFormFile {
  version: 1;
  description: string;
  source: string;
  /** Generic words of index subterms that notes leave out ("lumbar region" written "lumbar"): optional. */
  optionalWords: string[];
  /**
   * Main terms that in notes mostly name an anatomical part, a procedure or an ordinary thing
   * ("general anesthesia", "the optic nerve", "stress test"): a mention needs one of their subterms.
   */
  ambiguousHeads: string[];
  /** Main terms ConText reads as context ("history of"): the coding rules code the condition's history. */
  contextHeads: string[];
  /**
   * An artificial opening the index files under Status ("Status, colostomy Z93.3") is a status in the
   * present tense too ("has an ileostomy", "tracheostomy in place"): `present` words say the patient has it;
   * `made` words say it is made or closed in this episode (then it is a procedure, not a status).
   */
  openings?: { present: string[]; made: string[] };
  /**
   * Nouns naming a hospital department or its staff ("the Infectious Diseases Department", "followed by
   * the Pain Unit", "specialists in infectious diseases"): the specialty written before them, or after
   * them and "of" / "in", names where the patient is seen, not a condition the patient has.
   */
  careUnits?: string[];
  /**
   * Nouns naming a laboratory test, read like `careUnits`: "tumor markers", "markers of inflammation"
   * name a test for the condition, not the condition (Abnormal, tumor marker NEC R97.8 needs a result).
   */
  testNouns?: string[];
  /** Organism names the Index prints with a capital that are no eponym ("klebsiella", "pseudomonas"). */
  organisms?: string[];
  /**
   * Condition adjectives that name their base condition only when no condition follows them ("the patient
   * is septic", "septic picture"): written before a condition ("septic arthritis", "septic bursitis") they
   * say what kind of that condition it is (Arthritis, septic — see Arthritis, pyogenic), not the base itself,
   * except before the conditions in `keptBefore` that are a form of the base ("septic shock" is severe sepsis).
   */
  modifierAdjectives?: Array<{ word: string; keptBefore: string[] }>;
  /**
   * Code prefixes of chapter 21 whose bare main term names a status of the patient, not an encounter
   * reason ("Pseudophakia" Z96.1, "DNR" Z66): read without a subterm.
   */
  statusCodes?: string[];
  /**
   * How deep a wound goes, as notes write it ("ulcer down to bone", "exposed tendon"), by layer: each
   * phrase is read as one word (`depth-bone`) that names no site, so "down to bone" is not Ulcer, bone
   * (osteomyelitis) nor "heel" plus "bone" the calcaneus; the coding rules read the depth itself.
   */
  woundDepths?: { source: string } & Partial<Record<WoundLayer, string[]>>;
  /**
   * Where a pain radiates to is not its site ("chest pain radiating to the jaw" is chest pain, not jaw
   * pain): after one of these phrases the reader starts a new clause, so the words on either side do
   * not make one mention.
   */
  radiation?: { source: string; phrases: string[] };
  forms: WordForm[];
}

/** The layers a wound's depth is written to, shallow to deep (ICD-10-PCS Guidelines B3.5). */
export const WOUND_LAYERS = ['subcutaneous', 'fascia', 'muscle', 'tendon', 'bone'] as const;
export type WoundLayer = (typeof WOUND_LAYERS)[number];

/** Every message about the word-form table, in one place (tests assert the wording). */
export const wordFormMessages = {
  invalid: (where: string, why: string) => `Invalid word-form file: ${where}: ${why}`,
  duplicate: (word: string) => `"${word}" is listed twice`,
  selfBase: (word: string) => `"${word}" is its own base`,
} as const;

const lowerText = v.pipe(v.string(), v.minLength(1), v.maxLength(60), v.regex(/^[a-z0-9][a-z0-9 -]*$/, 'lower-case words'));

export const wordFormFileSchema = v.strictObject({
  version: v.literal(1),
  description: v.pipe(v.string(), v.minLength(1)),
  source: v.pipe(v.string(), v.minLength(1)),
  optionalWords: v.array(lowerText),
  ambiguousHeads: v.array(lowerText),
  contextHeads: v.array(lowerText),
  openings: v.optional(v.strictObject({ present: v.array(lowerText), made: v.array(lowerText) })),
  careUnits: v.optional(v.array(lowerText)),
  testNouns: v.optional(v.array(lowerText)),
  statusCodes: v.optional(v.array(v.pipe(v.string(), v.regex(/^Z[0-9][0-9A-Z.]*$/, 'a Z code prefix, dotted as the Index prints it')))),
  /**
   * Names of organisms the Index prints with a capital (Escherichia, Klebsiella, Pseudomonas): a genus, not a
   * person's name, so notes write it in lower case too and anywhere in the clause ("klebsiella pneumonia").
   */
  organisms: v.optional(v.array(lowerText)),
  modifierAdjectives: v.optional(v.array(v.strictObject({ word: lowerText, keptBefore: v.array(lowerText) }))),
  woundDepths: v.optional(
    v.strictObject({
      source: v.pipe(v.string(), v.minLength(1)),
      ...Object.fromEntries(WOUND_LAYERS.map((layer) => [layer, v.optional(v.array(lowerText))])),
    }),
  ),
  radiation: v.optional(v.strictObject({ source: v.pipe(v.string(), v.minLength(1)), phrases: v.array(lowerText) })),
  forms: v.array(v.strictObject({ word: lowerText, base: lowerText, kind: v.picklist(WORD_FORM_KINDS) })),
});

/** Validate a word-form table; throws with the entry and the reason. */
export function parseWordForms(json: unknown): WordFormFile {
  const result = v.safeParse(wordFormFileSchema, json);
  if (!result.success) {
    const issue = result.issues[0];
    const where = (issue.path ?? []).map((p) => String(p.key)).join('.') || 'file';
    throw new Error(wordFormMessages.invalid(where, issue.message));
  }
  const seen = new Set<string>();
  for (const f of result.output.forms) {
    if (seen.has(f.word)) throw new Error(wordFormMessages.invalid(f.word, wordFormMessages.duplicate(f.word)));
    if (f.word === f.base) throw new Error(wordFormMessages.invalid(f.word, wordFormMessages.selfBase(f.word)));
    seen.add(f.word);
  }
  return result.output as WordFormFile;
}

export const defaultWordForms: WordFormFile = parseWordForms(formsJson);

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

/** Prefixes written with or without a hyphen: "non-traumatic" and "nontraumatic" are one word. */
const JOINED_PREFIXES = new Set([
  'non',
  'post',
  'pre',
  'sub',
  'intra',
  'extra',
  'peri',
  'hyper',
  'hypo',
  'anti',
  'semi',
  'multi',
  'para',
  'retro',
  'trans',
  'inter',
  'micro',
  'macro',
  'poly',
  'pseudo',
]);

const ASCII = /^[\x20-\x7e]*$/;

const keyCache = new Map<string, string>();

/** Folded, stemmed form of one word (no word-form table): the key both sides share. */
export function wordKey(word: string): string {
  const cached = keyCache.get(word);
  if (cached !== undefined) return cached;
  const folded = ASCII.test(word) ? word.toLowerCase() : foldText(word).replace(/[^\p{L}\p{N}]+/gu, '');
  const key = stem(folded);
  // Bounded: pasted garbage must not grow the cache without limit.
  if (keyCache.size < 100_000) keyCache.set(word, key);
  return key;
}

export function isConnector(key: string): boolean {
  return CONNECTOR_WORDS.has(key);
}

/** Compiled word-form table: word key → base key(s). */
export interface WordForms {
  readonly map: ReadonlyMap<string, readonly string[]>;
  /** Word keys read as nonessential modifiers in index titles. */
  readonly optional: ReadonlySet<string>;
  /** Head keys that make a mention only with a subterm. */
  readonly ambiguousHeads: ReadonlySet<string>;
  /** Head keys that are not walked at all. */
  readonly contextHeads: ReadonlySet<string>;
  /** Lower-case words and phrases: an artificial opening the patient has, or one made or closed now. */
  readonly openings: { readonly present: readonly string[]; readonly made: readonly string[] };
  /** Lower-case nouns naming a hospital department or its staff ("department", "unit", "specialists"). */
  readonly careUnits: ReadonlySet<string>;
  /** Lower-case nouns naming a laboratory test ("markers"). */
  readonly testNouns: ReadonlySet<string>;
  /** Word keys of organism names the Index capitalises that are no eponym (`organisms`). */
  readonly organisms: ReadonlySet<string>;
  /** Word keys of condition adjectives that modify a condition written after them (`modifierAdjectives`). */
  readonly modifierAdjectives: ReadonlyMap<string, ReadonlySet<string>>;
  /** Z code prefixes whose bare main term is a status in itself (`statusCodes`). */
  readonly statusCodes: readonly string[];
  /** `woundDepths`: each phrase's word keys and the one word it reads as (`depth-bone`), longest first. */
  readonly depths: ReadonlyArray<{ readonly keys: readonly string[]; readonly reads: string }>;
  /** The same phrases by their first word key, longest first: the reader looks up each word once. */
  readonly depthsByFirst: ReadonlyMap<string, ReadonlyArray<{ readonly keys: readonly string[]; readonly reads: string }>>;
  /** `radiation` phrases as word keys, by their first word key, longest first. */
  readonly radiationByFirst: ReadonlyMap<string, ReadonlyArray<readonly string[]>>;
}

/** The word a wound-depth phrase reads as ("down to bone" → `depth-bone`). */
export const depthWord = (layer: WoundLayer): string => `depth-${layer}`;

export function compileWordForms(file: WordFormFile = defaultWordForms): WordForms {
  const map = new Map<string, string[]>();
  for (const f of file.forms) {
    const base = f.base
      .split(/[\s-]+/)
      .filter(Boolean)
      .map((w) => wordKey(w));
    map.set(wordKey(f.word), base);
  }
  const canon = (w: string) => map.get(wordKey(w))?.join(' ') ?? wordKey(w);
  const depths = WOUND_LAYERS.flatMap((layer) =>
    (file.woundDepths?.[layer] ?? []).map((phrase) => ({ keys: splitWords(phrase).map((w) => w.key), reads: depthWord(layer) })),
  ).sort((a, b) => b.keys.length - a.keys.length);
  const depthsByFirst = new Map<string, typeof depths>();
  for (const d of depths) depthsByFirst.set(d.keys[0] ?? '', [...(depthsByFirst.get(d.keys[0] ?? '') ?? []), d]);
  const radiationByFirst = new Map<string, string[][]>();
  const radiation = (file.radiation?.phrases ?? []).map((phrase) => splitWords(phrase).map((w) => w.key)).sort((x, y) => y.length - x.length);
  for (const keys of radiation) radiationByFirst.set(keys[0] ?? '', [...(radiationByFirst.get(keys[0] ?? '') ?? []), keys]);
  return {
    map,
    optional: new Set(file.optionalWords.map(wordKey)),
    ambiguousHeads: new Set(file.ambiguousHeads.map(canon)),
    contextHeads: new Set(file.contextHeads.map(canon)),
    openings: file.openings ?? { present: [], made: [] },
    careUnits: new Set(file.careUnits ?? []),
    testNouns: new Set(file.testNouns ?? []),
    organisms: new Set((file.organisms ?? []).map(wordKey)),
    modifierAdjectives: new Map((file.modifierAdjectives ?? []).map((m) => [wordKey(m.word), new Set(m.keptBefore.map(wordKey))])),
    statusCodes: file.statusCodes ?? [],
    depths,
    depthsByFirst,
    radiationByFirst,
  };
}

/** Words a roman numeral after them is a number of ("stage V", "type I", "grade IIIb"). */
const NUMBERED_WORDS = new Set(['stage', 'grade', 'type', 'class', 'phase', 'degree']);
const ROMAN = /^(i{1,3}|iv|vi{0,3}|ix|x)([abc]?)$/;
const ROMAN_VALUES: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10 };

/**
 * A roman numeral right after stage, grade, type, class, phase or degree, as the number key ("stage V"
 * chronic kidney disease is stage 5, "type I" diabetes type 1, "stage IIIb" 3b); on both sides, so the
 * index's "type I" and a note's "type 1" meet. Alone, "I" and "V" stay words.
 */
export function numberAfter(prevKey: string | undefined, key: string): string | undefined {
  if (prevKey === undefined || !NUMBERED_WORDS.has(prevKey)) return undefined;
  const roman = ROMAN.exec(key);
  return roman ? `${ROMAN_VALUES[roman[1] as string]}${roman[2]}` : undefined;
}

/**
 * A numbered stage or grade with a letter ("stage 3b", "stage IIIb" read as 3b): also its bare
 * number, which the coder looks up when the Index lists no lettered subterm (Disease, kidney,
 * chronic, stage 3 N18.3-: the Tabular gives N18.32 stage 3b). Undefined when it has no letter.
 */
export function bareNumberAfter(prevKey: string | undefined, key: string): string | undefined {
  if (prevKey === undefined || !NUMBERED_WORDS.has(prevKey)) return undefined;
  const lettered = /^(\d+)[abc]$/.exec(key);
  return lettered ? lettered[1] : undefined;
}

/**
 * Suffix rules for a note word the lexicon does not know: an adjective read as its noun when that noun
 * is a lexicon word ("bronchitic" → bronchitis, "hypoxemic" → hypoxemia, "calculi" → calculus).
 * Only for unknown words, so a word the index itself uses keeps its own meaning.
 */
const SUFFIX_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // Plurals the light stemmer leaves alone ("edemas", "hemangiomas", "carcinomas").
  [/as$/, 'a'],
  // "hemiscrotum", "hemiabdomen": the half of a site is the site.
  [/^hemi/, ''],
  [/itic$/, 'itis'],
  [/otic$/, 'osis'],
  [/ptic$/, 'psis'],
  [/lytic$/, 'lysis'],
  [/emic$/, 'emia'],
  [/uric$/, 'uria'],
  [/ic$/, 'ia'],
  [/ic$/, 'y'],
  [/ic$/, 'ism'],
  [/ae$/, 'a'],
  [/i$/, 'us'],
  [/ices$/, 'ix'],
  [/ice$/, 'ix'],
  [/ides$/, 'is'],
  [/omata$/, 'oma'],
  // "hysterectomized", "tracheostomized": the patient who has had the procedure.
  [/omi[sz]ed$/, 'omy'],
  [/ed$/, ''],
  [/ed$/, 'e'],
  [/ing$/, ''],
  [/ing$/, 'e'],
];

/**
 * British spellings of medical words, read as the American spellings the index uses ("anaemia",
 * "oedema", "oesophagus", "diarrhoea", "faecal", "paediatric", "leucocytosis", "tumour").
 */
const BRITISH_SPELLINGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/aem/g, 'em'],
  [/oe(?=[adlst])/g, 'e'],
  [/ae(?=[cdst])/g, 'e'],
  [/leuc/g, 'leuk'],
  [/our$/, 'or'],
];

function americanSpelling(key: string): string {
  let out = key;
  for (const [re, to] of BRITISH_SPELLINGS) out = out.replace(re, to);
  return out;
}

export function suffixFallback(key: string, known: (k: string) => boolean): string | undefined {
  if (key.length < 5) return undefined;
  const american = americanSpelling(key);
  if (american !== key) {
    const candidate = stem(american);
    if (known(candidate)) return candidate;
    const further = suffixFallback(candidate, known);
    if (further !== undefined) return further;
  }
  for (const [re, to] of SUFFIX_RULES) {
    if (!re.test(key)) continue;
    const candidate = stem(key.replace(re, to));
    if (candidate.length >= 3 && known(candidate)) return candidate;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

/**
 * How strongly the text between two words separates them: none; soft (a comma, a bracket, a full
 * stop inside a segment, a line break); hard (`;`, `:`, a dash or bullet used as a separator).
 */
export const Gap = { None: 0, Soft: 1, Hard: 2 } as const;
export type Gap = (typeof Gap)[keyof typeof Gap];

export interface RawWord {
  /** Key (folded, stemmed), before the word-form table. */
  key: string;
  start: number;
  end: number;
  /** Separation from the previous word. */
  gap: Gap;
  /** The word as written (for case-sensitive abbreviations). */
  raw: string;
}

const WORD_RE = /[\p{L}\p{N}]+(?:['’][sS](?![\p{L}\p{N}]))?/gu;
const ASCII_WORD_RE = /[A-Za-z0-9]+(?:'[sS](?![A-Za-z0-9]))?/g;

/**
 * Words of `text` with offsets (plus `base`), possessive `'s` kept inside the word's span but not its key,
 * hyphenated prefixes joined. At most `maxWords` words are read (the caller caps work per sentence).
 */
export function splitWords(text: string, base = 0, maxWords = 4000): RawWord[] {
  const out: RawWord[] = [];
  const re = ASCII.test(text) ? ASCII_WORD_RE : WORD_RE;
  re.lastIndex = 0;
  let prevEnd = 0;
  let m: RegExpExecArray | null = re.exec(text);
  while (m !== null && out.length < maxWords) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    let core = raw.length > 2 && (raw.endsWith('s') || raw.endsWith('S')) ? raw.replace(/['’][sS]$/, '') : raw;
    const between = text.slice(prevEnd, start);
    // "non-traumatic": join a known prefix to the next word when only a hyphen separates them.
    const prev = out[out.length - 1];
    if (prev && between === '-' && JOINED_PREFIXES.has(prev.key)) {
      prev.key = wordKey(prev.raw + core);
      prev.raw = prev.raw + '-' + core;
      prev.end = end;
      prevEnd = end;
      m = re.exec(text);
      continue;
    }
    let gap: Gap = Gap.None;
    if (out.length > 0 && between.length > 0 && !/^[ \t'"]*$/.test(between)) gap = gapOf(between);
    if (core.length === 0) core = raw;
    out.push({ key: wordKey(core), start: base + start, end: base + end, gap, raw: core });
    prevEnd = end;
    m = re.exec(text);
  }
  return out;
}

const PREFIX_HYPHEN = new RegExp(`\\b(${[...JOINED_PREFIXES].join('|')})-(?=[\\p{L}\\p{N}])`, 'giu');
const POSSESSIVE = /['’]s(?![\p{L}\p{N}])/giu;
const ASCII_WORDS = /[A-Za-z0-9]+/g;
const WORDS = /[\p{L}\p{N}]+/gu;

/**
 * Word keys of a short text (an index title), the same keys `splitWords` gives, without offsets: the
 * fast path for building the lexicon.
 */
export function wordKeys(text: string): string[] {
  let t = text;
  if (t.includes('-')) t = t.replace(PREFIX_HYPHEN, '$1');
  if (t.includes("'") || t.includes('’')) t = t.replace(POSSESSIVE, '');
  const words = t.match(ASCII.test(t) ? ASCII_WORDS : WORDS);
  if (!words) return [];
  return words.map(wordKey);
}

function gapOf(between: string): Gap {
  if (/[;:{}]|\s[-–—]\s|\u2022/.test(between)) return Gap.Hard;
  if (/[,.\n\r!?()[\]]/.test(between)) return Gap.Soft;
  return Gap.None;
}
