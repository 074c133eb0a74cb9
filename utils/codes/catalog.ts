/**
 * The code model: what a code means on a date of service. Pure over plain asset data, so the
 * service worker (records from IndexedDB) and Node (CLI, tests, benchmarks) share it.
 */
import { displayCode, hasCodeShape, normalizeCode } from './code-format';
import { isWithin, parseIsoDate } from './dates';
import {
  type InheritedNote,
  type TabularTree,
  ancestors as tabularAncestors,
  findTabularNode,
  indexTabular,
  inheritedNotes,
  seventhCharacters,
} from './tabular-tree';
import type {
  AddendaRecord,
  Asset,
  AssetHeader,
  CodeRecord,
  CodeSystem,
  ConversionRecord,
  HccRecord,
  PoaExemptRecord,
  SeventhCharacter,
  TabularNode,
} from './types';

/**
 * billable: valid for claims on that date. header: a category or subcategory that needs more
 * characters. invalid-on-date: a code of the classification, but not in the code set in force on
 * that date (added later or deleted). unknown: not a code of any loaded year, malformed, or no code
 * set covers the date.
 */
export type CodeState = 'billable' | 'header' | 'invalid-on-date' | 'unknown';

export interface CodeRef {
  code: string;
  display: string;
  title: string;
  billable: boolean;
}

export interface HccInfo {
  model: HccRecord[2];
  hcc: string;
  label: string;
}

export interface LookupResult {
  system: CodeSystem;
  /** What the caller asked for, untouched. */
  input: string;
  /** Upper case, no dot. */
  code: string;
  display: string;
  state: CodeState;
  /** Plain-words explanation of the state, for the UI. */
  reason: string;
  dateOfService: string;
  /** Year of the code set used for the date (absent when none covers it). */
  fiscalYear?: number;
  title?: string;
  shortTitle?: string;
  /** Fiscal years (among those loaded) in which the code is billable. */
  billableIn: number[];
  /** For a deleted or retired code: codes of the date's code set that replaced it. */
  replacedBy: CodeRef[];
  /** Tabular ancestors, nearest first, down to the chapter (ids like `E11`, `section:E08-E13`, `chapter:4`). */
  ancestors: Array<{ id: string; title: string }>;
  /** Every tabular note that applies, nearest first, each tagged with its node and source year. */
  notes: InheritedNote[];
  /** Year the tabular notes come from (the data README: older than the code list). */
  notesYear?: number;
  /** For a code that takes a 7th character: the choices valid in the date's code set. */
  seventh: Array<SeventhCharacter & { code: string }>;
  /** Direct children in the date's code set. */
  children: CodeRef[];
  hcc: HccInfo[];
  poaExempt: boolean;
}

export interface CatalogData {
  codeLists: Array<Asset<CodeRecord>>;
  tabular?: Asset<TabularNode>;
  conversion?: Asset<ConversionRecord>;
  addenda?: Array<Asset<AddendaRecord>>;
  hcc?: Asset<HccRecord>;
  poaExempt?: Asset<PoaExemptRecord>;
}

/** One code list (a system and year) with lookups built once. */
class CodeList {
  readonly header: AssetHeader;
  readonly byCode = new Map<string, CodeRecord>();
  private childrenOf?: Map<string, string[]>;

  constructor(asset: Asset<CodeRecord>) {
    this.header = asset.header;
    for (const record of asset.records) this.byCode.set(record[0], record);
  }

  /** Direct children: codes whose longest proper prefix present in the list is `code`. */
  children(code: string): string[] {
    if (!this.childrenOf) {
      const map = new Map<string, string[]>();
      for (const candidate of this.byCode.keys()) {
        for (let length = candidate.length - 1; length >= 3; length--) {
          const parent = candidate.slice(0, length);
          if (this.byCode.has(parent)) {
            const list = map.get(parent) ?? [];
            list.push(candidate);
            map.set(parent, list);
            break;
          }
        }
      }
      for (const list of map.values()) list.sort();
      this.childrenOf = map;
    }
    return this.childrenOf.get(code) ?? [];
  }
}

export class CodeCatalog {
  private readonly lists: CodeList[];
  private readonly tree?: TabularTree;
  private readonly notesYear?: number;
  private readonly replacements = new Map<string, string[]>();
  private readonly hccByCode = new Map<string, HccInfo[]>();
  private readonly poaExempt = new Set<string>();
  /** Answers already given: the analysis asks about the same few codes many times per note. */
  private readonly answers = new Map<string, LookupResult>();

  constructor(data: CatalogData) {
    // Newest effective date first, so a 1 April update wins over the October release it amends.
    this.lists = data.codeLists.map((a) => new CodeList(a)).sort((a, b) => (a.header.effectiveFrom < b.header.effectiveFrom ? 1 : -1));
    if (data.tabular) {
      this.tree = indexTabular(data.tabular.records);
      this.notesYear = data.tabular.header.contentYear;
    }
    for (const [current, previous] of data.conversion?.records ?? []) {
      for (const old of previous) this.addReplacement(old, current);
    }
    // Addenda: a code deleted in a year is replaced by the codes added under it that year.
    for (const addenda of data.addenda ?? []) {
      const added = addenda.records.filter((r) => r[0] === 'add').map((r) => r[1]);
      for (const [action, code] of addenda.records) {
        if (action !== 'delete') continue;
        for (const candidate of added) if (candidate !== code && candidate.startsWith(code)) this.addReplacement(code, candidate);
      }
    }
    for (const [code, hcc, model, label] of data.hcc?.records ?? []) {
      const list = this.hccByCode.get(code) ?? [];
      list.push({ model, hcc, label });
      this.hccByCode.set(code, list);
    }
    for (const [code] of data.poaExempt?.records ?? []) this.poaExempt.add(code);
  }

  private addReplacement(old: string, current: string): void {
    const list = this.replacements.get(old) ?? [];
    if (!list.includes(current)) list.push(current);
    this.replacements.set(old, list);
  }

  /** The loaded code-set versions (for the options page and the CLI). */
  versions(): AssetHeader[] {
    return this.lists.map((l) => l.header);
  }

  /** The code list in force for a system on a date, if one is loaded. */
  private listFor(system: CodeSystem, isoDate: string): CodeList | undefined {
    return this.lists.find((l) => l.header.system === system && isWithin(isoDate, l.header.effectiveFrom, l.header.effectiveTo));
  }

  private ref(list: CodeList, system: CodeSystem, code: string): CodeRef {
    const record = list.byCode.get(code);
    return { code, display: displayCode(system, code), title: record?.[3] ?? '', billable: record?.[1] === 1 };
  }

  /** Only the state of a code on a date: cheap, for search results. */
  stateOf(system: CodeSystem, rawCode: string, dateOfService: string): CodeState {
    const code = normalizeCode(rawCode);
    const list = this.listFor(system, dateOfService);
    const record = list?.byCode.get(code);
    if (record) return record[1] === 1 ? 'billable' : 'header';
    if (!list) return 'unknown';
    return this.lists.some((l) => l.header.system === system && l.byCode.has(code)) ? 'invalid-on-date' : 'unknown';
  }

  /** Direct children of a code in the code set in force on the date. */
  children(system: CodeSystem, rawCode: string, dateOfService: string): CodeRef[] {
    const list = this.listFor(system, dateOfService);
    if (!list) return [];
    const code = normalizeCode(rawCode);
    return list.children(code).map((c) => this.ref(list, system, c));
  }

  /**
   * Everything about a code on a date of service. Never throws: malformed input, an unknown code
   * or a date no code set covers come back as a typed answer with the reason.
   */
  lookup(system: CodeSystem, rawCode: string, dateOfService: string): LookupResult {
    if (typeof rawCode !== 'string' || typeof dateOfService !== 'string') return this.answer(system, rawCode, dateOfService);
    const key = `${system} ${rawCode} ${dateOfService}`;
    let answer = this.answers.get(key);
    if (!answer) {
      // The catalog never changes once built, so an answer stays true; it is shared, hence frozen.
      answer = frozenAnswer(this.answer(system, rawCode, dateOfService));
      if (this.answers.size >= MAX_REMEMBERED_ANSWERS) this.answers.clear();
      this.answers.set(key, answer);
    }
    return answer;
  }

  private answer(system: CodeSystem, rawCode: string, dateOfService: string): LookupResult {
    const code = normalizeCode(typeof rawCode === 'string' ? rawCode : '');
    const date = parseIsoDate(typeof dateOfService === 'string' ? dateOfService : '') ?? '';
    const base: LookupResult = {
      system,
      input: rawCode,
      code,
      display: displayCode(system, code),
      state: 'unknown',
      reason: '',
      dateOfService: date,
      billableIn: [],
      replacedBy: [],
      ancestors: [],
      notes: [],
      seventh: [],
      children: [],
      hcc: [],
      poaExempt: false,
    };
    if (!date) return { ...base, reason: `"${String(dateOfService)}" is not a date of service (use YYYY-MM-DD).` };
    if (!hasCodeShape(system, code)) return { ...base, reason: `"${String(rawCode).slice(0, 40)}" does not look like a code of ${systemName(system)}.` };

    const inYears = this.lists.filter((l) => l.header.system === system && l.byCode.has(code));
    const billableIn = [...new Set(inYears.filter((l) => l.byCode.get(code)?.[1] === 1).map((l) => l.header.fiscalYear))].sort();
    const list = this.listFor(system, date);
    const withTabular = system === 'icd10cm' && this.tree ? this.tabularDetail(code) : undefined;
    const result: LookupResult = {
      ...base,
      billableIn,
      hcc: this.hccByCode.get(code) ?? [],
      poaExempt: this.poaExempt.has(code),
      ...(withTabular ?? {}),
    };
    if (!list) {
      const loaded = this.lists.filter((l) => l.header.system === system).map((l) => `${l.header.effectiveFrom}..${l.header.effectiveTo}`);
      return { ...result, reason: `No ${systemName(system)} code set loaded covers ${date}${loaded.length ? ` (loaded: ${loaded.join(', ')})` : ''}.` };
    }
    result.fiscalYear = list.header.fiscalYear;
    const record = list.byCode.get(code);
    const replacedBy = (this.replacements.get(code) ?? []).filter((c) => list.byCode.has(c)).map((c) => this.ref(list, system, c));
    if (!record) {
      if (inYears.length === 0) {
        return { ...result, replacedBy, reason: `${displayCode(system, code)} is not in any loaded ${systemName(system)} code set.` };
      }
      const years = inYears.map((l) => `FY${l.header.fiscalYear}`).sort().join(', ');
      return {
        ...result,
        state: 'invalid-on-date',
        replacedBy,
        title: inYears[0]?.byCode.get(code)?.[3],
        reason: `${displayCode(system, code)} is not valid on ${date} (FY${list.header.fiscalYear} code set); it exists in ${years}.${replacedBy.length ? ` Replaced by ${replacedBy.map((r) => r.display).join(', ')}.` : ''}`,
      };
    }
    const [, billable, short, long] = record;
    const children = list.children(code).map((c) => this.ref(list, system, c));
    const seventh = (result.seventh ?? []).flatMap((s) => {
      const full = `${code.padEnd(6, 'X')}${s.char}`;
      return list.byCode.get(full)?.[1] === 1 ? [{ ...s, code: full }] : [];
    });
    const common = { ...result, fiscalYear: list.header.fiscalYear, title: long, shortTitle: short || long, children, seventh, replacedBy: billable ? [] : replacedBy };
    if (billable === 1) {
      return { ...common, state: 'billable', seventh: [], reason: `${displayCode(system, code)} is billable on ${date} (FY${list.header.fiscalYear}).` };
    }
    const hint = seventh.length > 0 ? `a 7th character (${seventh.map((s) => s.char).join(', ')})` : 'more characters';
    return { ...common, state: 'header', reason: `${displayCode(system, code)} is a header on ${date}: it needs ${hint} to be billable.` };
  }

  private tabularDetail(code: string): Pick<LookupResult, 'ancestors' | 'notes' | 'seventh' | 'notesYear'> | undefined {
    const tree = this.tree;
    if (!tree) return undefined;
    const node = findTabularNode(tree, code);
    if (!node) return undefined;
    const up = [...(normalizeCode(node.id) === code ? [] : [node]), ...tabularAncestors(tree, node.id)];
    return {
      ancestors: up.map((n) => ({ id: n.id, title: n.title })),
      notes: inheritedNotes(tree, code),
      ...(this.notesYear !== undefined ? { notesYear: this.notesYear } : {}),
      // Choices are filtered against the date's code list in lookup(); `code` is filled there.
      seventh: code.length < 7 ? seventhCharacters(tree, code).map((s) => ({ ...s, code: '' })) : [],
    };
  }
}

/** Enough for every code a session looks at; the memory stays bounded when dates of service vary. */
const MAX_REMEMBERED_ANSWERS = 50_000;

/** A lookup answer and the lists and records in it, read-only. */
function frozenAnswer(answer: LookupResult): LookupResult {
  for (const value of Object.values(answer)) {
    if (!Array.isArray(value)) continue;
    for (const item of value) if (typeof item === 'object' && item !== null) Object.freeze(item);
    Object.freeze(value);
  }
  return Object.freeze(answer);
}

export function systemName(system: CodeSystem): string {
  return { icd10cm: 'ICD-10-CM', icd10pcs: 'ICD-10-PCS', hcpcs: 'HCPCS Level II', cpt: 'CPT' }[system];
}

/** Sort a flat list of assets (from IndexedDB or compiled files) into what the catalog needs. */
export function catalogDataFromAssets(assets: readonly Asset[]): CatalogData {
  // Newest first: when a bundled and an imported release of a kind are both active, the newer one wins.
  const newestFirst = [...assets].sort((a, b) =>
    a.header.effectiveFrom === b.header.effectiveFrom ? b.header.contentYear - a.header.contentYear : a.header.effectiveFrom < b.header.effectiveFrom ? 1 : -1,
  );
  const of = <R>(kind: string) => newestFirst.filter((a) => a.header.kind === kind) as Array<Asset<R>>;
  const data: CatalogData = { codeLists: of<CodeRecord>('codes'), addenda: of<AddendaRecord>('addenda') };
  const tabular = of<TabularNode>('tabular')[0];
  const conversion = of<ConversionRecord>('conversion')[0];
  const hcc = of<HccRecord>('hcc')[0];
  const poa = of<PoaExemptRecord>('poa-exempt')[0];
  if (tabular) data.tabular = tabular;
  if (conversion) data.conversion = conversion;
  if (hcc) data.hcc = hcc;
  if (poa) data.poaExempt = poa;
  return data;
}
