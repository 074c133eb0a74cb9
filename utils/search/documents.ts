/**
 * What search looks through: one document per title, inclusion term, Alphabetic Index path and
 * table cell, each pointing at a code. Built from the assets active in IndexedDB (or compiled files
 * in Node); columnar so it serialises compactly and loads without per-object overhead.
 */
import { normalizeCode } from '../codes/code-format';
import type { Asset, AssetKind, CodeRecord, CodeSystem, HccRecord, IndexCode, IndexTerm, TabularNode } from '../codes/types';
import { tokenize } from './text';
import type { MatchSource } from './types';

export const SYSTEMS: readonly CodeSystem[] = ['icd10cm', 'icd10pcs', 'hcpcs', 'cpt'];
export const SOURCES: readonly MatchSource[] = ['code', 'title', 'inclusion', 'index', 'eindex', 'neoplasm', 'drug'];

export interface SearchDocs {
  system: Uint8Array;
  source: Uint8Array;
  /** Dotless code; '' for a pure cross-reference ("see ..."). */
  code: string[];
  /** The text shown as matched (title, inclusion term, index path). */
  text: string[];
  /** Searchable words not shown in `text`: nonessential modifiers, the table column heading. */
  extra: string[];
  /** Table column heading (neoplasm, drug) or '' */
  column: string[];
  /** "see" / "see also" target for cross-references, or '' */
  see: string[];
  /**
   * Words of the index main term ("Failure, failed" = 2): its variant forms count as one unit, so
   * "heart failure" matches "Failure, failed, heart" completely. 0 for titles and inclusion terms.
   */
  mainWords: Uint8Array;
}

export interface CodeInfo {
  /** code → [title, billable] per system, newest code list. */
  titles: Array<Map<string, [string, boolean]>>;
  /** ICD-10-CM category (3 characters, no dot) → chapter number. */
  chapterOfCategory: Map<string, string>;
  /** ICD-10-CM code → CMS-HCC V28 category. */
  hccV28: Map<string, string>;
}

class DocsBuilder {
  readonly docs: SearchDocs = { system: new Uint8Array(0), source: new Uint8Array(0), code: [], text: [], extra: [], column: [], see: [], mainWords: new Uint8Array(0) };
  private systems: number[] = [];
  private sources: number[] = [];
  private mainWords: number[] = [];

  add(system: CodeSystem, source: MatchSource, code: string, text: string, extra = '', column = '', see = '', mainWords = 0): void {
    this.mainWords.push(Math.min(255, mainWords));
    this.systems.push(SYSTEMS.indexOf(system));
    this.sources.push(SOURCES.indexOf(source));
    this.docs.code.push(code);
    this.docs.text.push(text);
    this.docs.extra.push(extra);
    this.docs.column.push(column);
    this.docs.see.push(see);
  }

  finish(): SearchDocs {
    this.docs.system = Uint8Array.from(this.systems);
    this.docs.source = Uint8Array.from(this.sources);
    this.docs.mainWords = Uint8Array.from(this.mainWords);
    return this.docs;
  }
}

/** The newest asset of a kind per system (an imported FY2028 list wins over the bundled FY2027). */
function newest(assets: readonly Asset[], kind: AssetKind, system?: CodeSystem): Asset | undefined {
  return assets
    .filter((a) => a.header.kind === kind && (!system || a.header.system === system))
    .sort((a, b) => (a.header.effectiveFrom < b.header.effectiveFrom ? 1 : -1))[0];
}

/** Codes an index entry points at in the target year: itself if valid, its successors if mapped. */
function targetCodes(entry: IndexCode): string[] {
  if (entry.status === 'valid') return [normalizeCode(entry.code)];
  if (entry.status === 'mapped') return (entry.mappedTo ?? []).map(normalizeCode);
  return [];
}

const paren = (words: readonly string[] | undefined) => (words?.length ? ` (${words.join(') (')})` : '');

function addIndexTerms(builder: DocsBuilder, source: MatchSource, terms: readonly IndexTerm[], columns: readonly string[] | undefined): void {
  let mainWords = 0;
  const walk = (term: IndexTerm, path: string[]) => {
    // Only comma-separated variant forms ("Failure, failed") are one unit; "Pneumocystis carinii pneumonia" is not.
    if (path.length === 0) mainWords = term.title.includes(',') ? tokenize(term.title).length : 0;
    const here = [...path, term.title];
    const text = here.join(', ');
    const nemod = (term.nemod ?? []).join(' ');
    let pointed = false;
    for (const entry of [...(term.codes ?? []), ...(term.manif ?? [])]) {
      for (const code of targetCodes(entry)) {
        builder.add('icd10cm', source, code, text + paren(term.nemod), nemod, '', '', mainWords);
        pointed = true;
      }
    }
    (term.cells ?? []).forEach((cell, col) => {
      if (!cell) return;
      const column = columns?.[col] ?? '';
      for (const code of targetCodes(cell)) {
        builder.add('icd10cm', source, code, text + paren(term.nemod), `${nemod} ${column}`.trim(), column, '', mainWords);
        pointed = true;
      }
    });
    if (!pointed) {
      for (const target of [...(term.see ?? []), ...(term.seeAlso ?? [])]) builder.add('icd10cm', source, '', text + paren(term.nemod), nemod, '', target, mainWords);
    }
    for (const child of term.children ?? []) walk(child, here);
  };
  for (const term of terms) {
    // The neoplasm table's main term ("Neoplasm, neoplastic") heads every site path.
    walk(term, []);
  }
}

export function buildDocuments(assets: readonly Asset[]): { docs: SearchDocs; info: CodeInfo } {
  const builder = new DocsBuilder();
  const titles = SYSTEMS.map(() => new Map<string, [string, boolean]>());
  for (const system of SYSTEMS) {
    const list = newest(assets, 'codes', system) as Asset<CodeRecord> | undefined;
    if (!list) continue;
    const map = titles[SYSTEMS.indexOf(system)] as Map<string, [string, boolean]>;
    for (const [code, billable, , long] of list.records) {
      map.set(code, [long, billable === 1]);
      builder.add(system, 'title', code, long);
    }
  }

  const chapterOfCategory = new Map<string, string>();
  const tabular = newest(assets, 'tabular') as Asset<TabularNode> | undefined;
  if (tabular) {
    const byId = new Map(tabular.records.map((n) => [n.id, n]));
    for (const node of tabular.records) {
      if (node.kind !== 'diag') continue;
      if (node.id.length === 3) {
        let up = node.parent ? byId.get(node.parent) : undefined;
        while (up && up.kind !== 'chapter') up = up.parent ? byId.get(up.parent) : undefined;
        if (up) chapterOfCategory.set(node.id, up.id.replace('chapter:', ''));
      }
      for (const note of node.notes) {
        if (note.type === 'inclusionTerm') builder.add('icd10cm', 'inclusion', normalizeCode(node.id), note.text);
      }
    }
  }

  for (const kind of ['index', 'eindex', 'neoplasm', 'drug'] as const) {
    const asset = newest(assets, kind) as Asset<IndexTerm> | undefined;
    if (asset) addIndexTerms(builder, kind, asset.records, asset.header.columns);
  }

  const hccV28 = new Map<string, string>();
  for (const [code, hcc, model] of (newest(assets, 'hcc')?.records ?? []) as HccRecord[]) if (model === 'V28') hccV28.set(code, hcc);

  return { docs: builder.finish(), info: { titles, chapterOfCategory, hccV28 } };
}
