/**
 * The hand-written search yardstick (`bench/search-queries.json`): what a coder types and the code(s)
 * a coder would pick for that text, written without reference to the engine. Validated on load.
 */
import * as v from 'valibot';

export const QUERY_GROUPS = ['abbreviation', 'misspelling'] as const;
export const QUERY_SYSTEMS = ['icd10cm', 'icd10pcs', 'hcpcs'] as const;

const text = v.pipe(
  v.string(),
  v.check((s) => s.length > 0 && s === s.trim(), 'must not be blank or padded with spaces'),
);

export const searchQuerySchema = v.strictObject({
  /** As typed in the search box. */
  query: text,
  /** Dotless codes; any of them in the results counts as a hit. */
  expected: v.pipe(
    v.array(v.pipe(v.string(), v.regex(/^[A-Z0-9]{3,7}$/, 'codes are dotless, upper case, 3 to 7 characters'))),
    v.nonEmpty('needs at least one expected code'),
    v.check((list) => new Set(list).size === list.length, 'repeats an expected code'),
  ),
  group: v.picklist(QUERY_GROUPS),
  system: v.picklist(QUERY_SYSTEMS),
  /** A misspelling that is itself a real word ("prostrate cancer"), so no unknown word flags it. */
  realWordError: v.optional(v.literal(true)),
  /** Why these codes: the guideline default or the reading of a vague query. */
  note: v.optional(text),
});

export const searchQueryFileSchema = v.strictObject({
  version: v.literal(1),
  source: text,
  queries: v.array(searchQuerySchema),
});

export type SearchQuery = v.InferOutput<typeof searchQuerySchema>;
export type SearchQueryFile = v.InferOutput<typeof searchQueryFileSchema>;

/** Validate the query file; throws naming the query (position and text) and the field. */
export function parseSearchQueries(json: unknown): SearchQueryFile {
  const result = v.safeParse(searchQueryFileSchema, json);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const keys = issue?.path?.map((p) => p.key) ?? [];
  const index = keys[0] === 'queries' && typeof keys[1] === 'number' ? keys[1] : undefined;
  const raw = index === undefined ? undefined : (json as { queries?: Array<{ query?: unknown }> }).queries?.[index]?.query;
  const where = index === undefined ? 'file' : `query ${index}${typeof raw === 'string' ? ` "${raw}"` : ''}`;
  const field = keys
    .slice(index === undefined ? 0 : 2)
    .map(String)
    .join('.');
  throw new Error(`Invalid search query file: ${where}${field ? `: ${field}` : ''}: ${issue?.message ?? 'bad shape'}`);
}
