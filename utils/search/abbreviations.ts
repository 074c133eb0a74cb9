/**
 * Clinical abbreviations, lay synonyms and variant spellings, read from
 * `assets/rules/abbreviations.json` and validated on load (STYLE convention 3: rules are typed data,
 * unknown keys rejected). Search uses the table to read "chf exac" as "congestive heart failure
 * exacerbation"; note analysis will use it to read the same shorthand in chart text.
 *
 * Pure: no `browser`, no Dexie, no DOM, so it runs the same in the worker, the CLI and the tests.
 */
import * as v from 'valibot';
import data from '../../assets/rules/abbreviations.json';

export const ABBREVIATION_KINDS = [
  /** Shorthand clinicians write: CHF, AKI, s/p. */
  'abbreviation',
  /** Lay or alternative wording a coder types: "heart attack", "water pill", a brand drug name. */
  'synonym',
  /** A legitimate variant spelling that misses the title words: British "haemorrhage", eponyms without the apostrophe ("alzheimers"). */
  'misspelling-prone',
] as const;
export type AbbreviationKind = (typeof ABBREVIATION_KINDS)[number];

export interface AbbreviationEntry {
  /** The literal as clinicians write it (`CHF`, `A-fib`, `s/p`, `heart attack`). */
  abbreviation: string;
  /** Lower-case phrases in the words of ICD-10-CM / PCS / HCPCS titles or index terms, best first. */
  expansions: string[];
  kind: AbbreviationKind;
  /** More than one clinical reading (PE: pulmonary embolism, pleural effusion, physical exam); `note` says which where. */
  ambiguous?: true;
  /**
   * Match only when written in capitals, because the lower-case form is an ordinary word:
   * `ALL` is acute lymphoblastic leukemia, "all" is not; `HIT` is heparin-induced thrombocytopenia, "hit by a car" is not.
   */
  caseSensitive?: true;
  /** Why the entry reads as it does: the senses of an ambiguous abbreviation, the guideline or index default. */
  note?: string;
}

export interface AbbreviationFile {
  version: 1;
  /** Who wrote the table and what the expansions were checked against. */
  source: string;
  entries: AbbreviationEntry[];
}

export interface AbbreviationTable {
  readonly version: 1;
  readonly source: string;
  readonly entries: readonly Readonly<AbbreviationEntry>[];
  /** Words in the longest abbreviation (`hardening of the arteries` = 4), for scanning text in n-grams. */
  readonly maxWords: number;
  /** The entry a token or short phrase names, or undefined. Tolerates case, dots, hyphens, slashes and spaces, and a plural `s`. */
  lookup(text: string): Readonly<AbbreviationEntry> | undefined;
  /** The expansions of a token or short phrase, best first; `[]` when it is not in the table. */
  expand(text: string): string[];
}

/** Every error this module raises, in one place (tests assert the wording). */
export const abbreviationMessages = {
  invalid: (where: string, why: string) => `Invalid abbreviation file: ${where}: ${why}`,
  entry: (index: number, abbreviation: unknown) =>
    typeof abbreviation === 'string' ? `entry ${index} "${abbreviation}"` : `entry ${index}`,
  unknownKey: (key: string) => `unknown key "${key}"`,
  missingKey: (key: string) => `missing "${key}"`,
  duplicate: (first: string, firstIndex: number) =>
    `same abbreviation as entry ${firstIndex} "${first}" (compared without case, dots, hyphens or spaces)`,
  version: 'must be 1',
  notText: 'must be text',
  blank: 'must not be blank or padded with spaces',
  noLetters: 'must contain a letter or digit',
  noExpansions: 'needs at least one expansion',
  expansionCase: 'expansions are lower case',
  repeatedExpansion: 'repeats an expansion',
  kind: `kind must be one of ${ABBREVIATION_KINDS.map((k) => `"${k}"`).join(', ')}`,
  onlyTrue: 'is either true or absent',
  ambiguousNeedsNote: 'an ambiguous entry needs a note saying which sense applies where',
  caseSensitiveNeedsCapitals: 'a caseSensitive abbreviation is written in capitals',
} as const;

/**
 * The lookup key: lower case, accents dropped, and everything but letters and digits removed,
 * so `A-fib`, `afib`, `a.fib` and `A fib` are one key, as are `C. diff` and `cdiff`.
 */
export function abbreviationKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** True when every letter in the text is a capital (and it has one). */
function writtenInCapitals(text: string): boolean {
  const letters = text.replace(/[^A-Za-z]/g, '');
  return letters.length > 0 && letters === letters.toUpperCase();
}

const M = abbreviationMessages;
const text = v.string(M.notText);
const trimmed = v.pipe(
  text,
  v.check((s) => s.length > 0 && s === s.trim() && !/\s{2}/.test(s), M.blank),
);
const expansion = v.pipe(
  trimmed,
  v.check((s) => s === s.toLowerCase(), M.expansionCase),
);

const entrySchema = v.pipe(
  v.strictObject({
    abbreviation: v.pipe(
      trimmed,
      v.check((s) => abbreviationKey(s).length > 0, M.noLetters),
    ),
    expansions: v.pipe(
      v.array(expansion),
      v.nonEmpty(M.noExpansions),
      v.check((list) => new Set(list).size === list.length, M.repeatedExpansion),
    ),
    kind: v.picklist(ABBREVIATION_KINDS, M.kind),
    ambiguous: v.optional(v.literal(true, M.onlyTrue)),
    caseSensitive: v.optional(v.literal(true, M.onlyTrue)),
    note: v.optional(trimmed),
  }),
  v.check((e) => !e.ambiguous || e.note !== undefined, M.ambiguousNeedsNote),
  v.check((e) => !e.caseSensitive || writtenInCapitals(e.abbreviation), M.caseSensitiveNeedsCapitals),
);

export const abbreviationFileSchema = v.strictObject({
  version: v.literal(1, M.version),
  source: trimmed,
  entries: v.array(entrySchema),
});

/** Turn the first valibot issue into a sentence naming the entry (by position and abbreviation) and the field. */
function describeIssue(issue: v.BaseIssue<unknown>, json: unknown): string {
  const path = issue.path ?? [];
  const keys = path.map((p) => p.key);
  let where = 'file';
  let rest = keys;
  if (keys[0] === 'entries' && typeof keys[1] === 'number') {
    const raw = (json as { entries?: unknown[] }).entries?.[keys[1]];
    where = M.entry(keys[1], (raw as { abbreviation?: unknown } | undefined)?.abbreviation);
    rest = keys.slice(2);
  }
  let why = issue.message;
  if (issue.kind === 'schema' && issue.type === 'strict_object') {
    // valibot reports an extra key with expected "never" and the key as input, a missing one with input undefined.
    const key = String(keys[keys.length - 1]);
    if (issue.expected === 'never') why = M.unknownKey(String(issue.input));
    else if (issue.input === undefined && issue.expected?.startsWith('"')) why = M.missingKey(key);
    if (issue.expected === 'never' || issue.input === undefined) rest = rest.slice(0, -1);
  }
  const field = rest.map(String).join('.');
  return M.invalid(where, field ? `${field}: ${why}` : why);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Validate an abbreviation file and build its lookup table. Throws an Error naming the first bad
 * entry (its position and abbreviation) and field, or the two entries that share a key.
 */
export function parseAbbreviations(json: unknown): AbbreviationTable {
  const result = v.safeParse(abbreviationFileSchema, json);
  if (!result.success) {
    const first = result.issues[0];
    throw new Error(first ? describeIssue(first, json) : M.invalid('file', 'bad shape'));
  }
  const file = deepFreeze(result.output as AbbreviationFile);

  const byKey = new Map<string, { entry: Readonly<AbbreviationEntry>; index: number }>();
  let maxWords = 1;
  file.entries.forEach((entry, index) => {
    const key = abbreviationKey(entry.abbreviation);
    const seen = byKey.get(key);
    if (seen) throw new Error(M.invalid(M.entry(index, entry.abbreviation), M.duplicate(seen.entry.abbreviation, seen.index)));
    byKey.set(key, { entry, index });
    maxWords = Math.max(maxWords, entry.abbreviation.split(/\s+/).length);
  });

  const find = (input: string, key: string): Readonly<AbbreviationEntry> | undefined => {
    const entry = byKey.get(key)?.entry;
    if (!entry) return undefined;
    return entry.caseSensitive && !writtenInCapitals(input) ? undefined : entry;
  };

  const lookup = (input: string): Readonly<AbbreviationEntry> | undefined => {
    const key = abbreviationKey(input);
    if (!key) return undefined;
    const exact = find(input, key);
    if (exact) return exact;
    // A plural ("PVCs", "utis", "uti's"). The stem must be capitals or at least three characters,
    // so that "has" is not read as HA (headache).
    const stem = input.trim().replace(/['’]?s$/, '');
    if (stem === input.trim()) return undefined;
    const stemKey = abbreviationKey(stem);
    if (stemKey.length < 3 && !writtenInCapitals(stem)) return undefined;
    return stemKey ? find(stem, stemKey) : undefined;
  };

  return Object.freeze({
    version: file.version,
    source: file.source,
    entries: file.entries,
    maxWords,
    lookup,
    expand: (input: string) => [...(lookup(input)?.expansions ?? [])],
  });
}

/** The shipped table. Parsing ~800 entries takes about a millisecond; a bad data edit fails here, and in the tests. */
export const abbreviationTable: AbbreviationTable = parseAbbreviations(data);
