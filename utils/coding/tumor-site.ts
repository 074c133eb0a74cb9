/**
 * A carcinoma read without its site (C80.1) beside a tumor the record places at one site (D49.x): the
 * pathology names the behaviour, the imaging or the exam names the site, and a coder codes the one
 * neoplasm at the Table of Neoplasms row of that site, Malignant Primary column ("CT: parotid tumor.
 * Cytology: acinar cell carcinoma." is C07, not C80.1 and D49.0). Sources: Index Tumor - see also
 * Neoplasm, unspecified behavior, by site; Carcinoma - see Neoplasm, by site, malignant; Guidelines
 * I.C.2 (C80.1 only when no determination of the primary site can be made) and I.B.2.
 *
 * Only when the record's sited tumors all lead to one primary code, the carcinoma is not read as
 * metastatic (a metastasis of unknown primary may be the tumor), and no secondary code of that
 * tumor's row is coded (a liver tumor beside C78.7 is the metastasis).
 *
 * Also (withNoteSideOfNeoplasm): the side of a paired organ the record names in another sentence.
 */
import { displayCode } from '../codes/code-format';
import type { Lexicon } from '../nlp/lexicon';
import { COLUMN, rowCells } from '../nlp/mention-neoplasm';
import { sidedSibling } from './bilateral-sides';
import type { CodingKnowledge } from './suggest';
import type { Mention, Suggestion } from './types';

/** Malignant neoplasm of unspecified site (Tabular C80.1). */
const UNSPECIFIED_SITE = 'C801';
/** Neoplasm of unspecified behavior by site; D49.9 has no site. */
const SITED_TUMOR = /^D49(?!9)/;
const METASTATIC = /\b(?:metasta|secondar)/i;

const live = (s: Suggestion) => s.status !== 'not-coded' && s.system === 'icd10cm' && s.context !== 'family';

/** The table row a neoplasm mention's path names (`['Tumor', 'Neoplasm, neoplastic', 'parotid', 'Unspecified Behavior']`). */
function tableRow(lex: Lexicon, path: readonly string[]): number {
  const from = path.indexOf(lex.nodes[lex.neoplasmRoot]?.title ?? '');
  if (lex.neoplasmRoot < 0 || from < 0) return -1;
  let node = lex.neoplasmRoot;
  // The last element is the column's name, not a row.
  for (const title of path.slice(from + 1, -1)) {
    const next = lex.nodes[node]?.kids?.find((k) => lex.nodes[k]?.title === title);
    if (next === undefined) return -1;
    node = next;
  }
  return node === lex.neoplasmRoot ? -1 : node;
}

/**
 * The cell's code, or for a cell that is a category with sides ("kidney" C64.-) its unspecified code
 * (C64.9): the tumor's side, if written, is the laterality step's to read.
 */
function billableOf(k: CodingKnowledge, cellCode: string, date: string): string | undefined {
  const info = k.catalog.lookup('icd10cm', cellCode.replace(/-$/, ''), date);
  if (info.state === 'billable') return info.code;
  const unspecified = info.children.filter((c) => /\bunspecified\b/i.test(c.title ?? ''));
  if (unspecified.length !== 1) return undefined;
  const child = unspecified[0]?.code ?? '';
  return k.catalog.lookup('icd10cm', child, date).state === 'billable' ? child.replace('.', '') : undefined;
}

export function withTumorSiteOfCarcinoma(
  suggestions: Suggestion[],
  mentions: readonly Mention[],
  lex: Lexicon,
  k: CodingKnowledge,
  date: string,
): Suggestion[] {
  const carcinoma = suggestions.find((s) => live(s) && s.code === UNSPECIFIED_SITE);
  if (!carcinoma) return suggestions;
  const byId = new Map(mentions.map((m) => [m.id, m]));
  const own = carcinoma.mentionIds.map((id) => byId.get(id)).filter((m): m is Mention => !!m);
  if (own.length === 0 || own.some((m) => METASTATIC.test(m.text))) return suggestions;
  const codedNow = new Set(suggestions.filter(live).map((s) => s.code));
  const tumors: Suggestion[] = [];
  const primaries = new Set<string>();
  for (const s of suggestions) {
    if (!live(s) || !SITED_TUMOR.test(s.code)) continue;
    for (const id of s.mentionIds) {
      const m = byId.get(id);
      if (m?.source !== 'neoplasm') continue;
      const cells = rowCells(lex, tableRow(lex, m.path));
      const primary = cells?.[COLUMN.primary];
      const secondary = cells?.[COLUMN.secondary];
      if (!primary) return suggestions;
      if (secondary && [...codedNow].some((c) => c.startsWith(secondary.replace(/-$/, '')))) return suggestions;
      primaries.add(primary);
    }
    tumors.push(s);
  }
  if (primaries.size !== 1 || tumors.length === 0) return suggestions;
  const [cellCode] = [...primaries] as [string];
  const code = billableOf(k, cellCode, date);
  if (!code || codedNow.has(code)) return suggestions;
  const info = k.catalog.lookup('icd10cm', code, date);
  const was = `${carcinoma.display} ${carcinoma.title}`;
  carcinoma.code = code;
  carcinoma.display = displayCode('icd10cm', code);
  carcinoma.title = info.title ?? carcinoma.title;
  carcinoma.state = info.state;
  carcinoma.evidence = [...carcinoma.evidence, ...tumors.flatMap((t) => t.evidence)];
  carcinoma.mentionIds = [...carcinoma.mentionIds, ...tumors.flatMap((t) => t.mentionIds)];
  carcinoma.reason += ` The record places the tumor at its site (${tumors.map((t) => t.evidence[0]?.text ?? t.display).join('; ')}): the carcinoma is coded at that site's Malignant Primary cell, not as ${was} (Guidelines I.C.2, I.B.2).`;
  for (const t of tumors) {
    t.status = 'not-coded';
    t.notCoded = 'less-specific';
    t.reason += ` The record documents the behavior of the tumor: ${carcinoma.display} ${carcinoma.title} (Guidelines I.C.2, I.B.2).`;
  }
  return suggestions;
}

/** Chapter 2 (C00-D49): neoplasms. */
const NEOPLASM = /^(?:C|D[0-4])/;
/** Words after a side word that may still name its organ ("left renal fossa", "right upper lobe of the lung" is not read). */
const SIDE_REACH = 3;

/** The base words of a word: itself and what the word-form table reads it as ("renal" → kidney). */
const basesOf = (lex: Lexicon, word: string) => [word, ...(lex.forms.map.get(word) ?? [])];

/**
 * A neoplasm coded at the unspecified side of a paired organ (C64.9 "unspecified kidney") when the record
 * names that organ with one side only, anywhere in it ("mass in the left kidney" in the imaging, "renal cell
 * carcinoma" in the pathology): the code of that side (Guidelines I.B.13: the unspecified side only when the
 * side is not identified in the medical record). The organ is the title's own word after "unspecified", where
 * its right and left siblings differ from it; a record naming both sides of the organ keeps the code.
 */
export function withNoteSideOfNeoplasm(
  suggestions: Suggestion[],
  text: string,
  lex: Lexicon,
  k: CodingKnowledge,
  date: string,
): Suggestion[] {
  // The note's words, read once and only for a code that has sided siblings.
  let words: string[] | undefined;
  const codedNow = new Set(suggestions.filter(live).map((s) => s.code));
  for (const s of suggestions) {
    if (!live(s) || !NEOPLASM.test(s.code) || !/\bunspecified\b/i.test(s.title)) continue;
    const siblings = k.catalog.children('icd10cm', s.code.slice(0, -1), date).filter((c) => c.billable);
    const sided = (side: string) => {
      const hit = sidedSibling(s.code, s.title, siblings, side);
      return hit && { code: hit.code.replace('.', ''), organ: hit.after.toLowerCase() };
    };
    const right = sided('right');
    const left = sided('left');
    if (!right || !left) continue;
    // The organ's words: those after the side word up to the title's next comma or "unspecified" ("kidney", "bronchus or lung").
    const organ = new Set((right.organ.split(/\bunspecified\b/)[0]?.split(',')[0]?.match(/[a-z]+/g) ?? []).filter((w) => w !== 'or' && w !== 'part' && w !== 'of'));
    words ??= (text.toLowerCase().match(/[a-z]+/g) ?? []) as string[];
    const sides = new Set<string>();
    for (let p = 0; p < words.length; p++) {
      const w = words[p] ?? '';
      if (w !== 'right' && w !== 'left') continue;
      for (let q = p + 1; q <= p + SIDE_REACH && q < words.length; q++) {
        if (basesOf(lex, words[q] ?? '').some((b) => organ.has(b))) {
          sides.add(w);
          break;
        }
      }
    }
    if (sides.size !== 1) continue;
    const chosen = sides.has('right') ? right : left;
    if (codedNow.has(chosen.code)) continue;
    const info = k.catalog.lookup('icd10cm', chosen.code, date);
    if (info.state !== 'billable') continue;
    s.reason += ` The record names the ${[...sides][0]} ${[...organ].join(' ')} (Guidelines I.B.13): ${info.display} ${info.title ?? ''}, not ${s.display} ${s.title}.`;
    s.code = chosen.code;
    s.display = info.display;
    s.title = info.title ?? s.title;
    s.state = info.state;
    delete s.specificity;
    codedNow.add(chosen.code);
  }
  return suggestions;
}
