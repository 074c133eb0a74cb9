/**
 * Self-consistency of the coder against the Alphabetic Index itself (a regression diagnostic, not a
 * score). For each main term and each subterm down to depth 2 that gives one valid code, the phrase a
 * clinician writes ("aortic stenosis", "chronic kidney disease", and "stenosis of aorta" when the
 * subterm is a site noun) is analysed as a one-sentence note; the coded diagnoses should hold the
 * Index's code (a header code by prefix). Disagreements are grouped by cause:
 *
 * - word-form collision: the walk took a sibling subterm the word-form table reads alike
 *   ("aortic" and "aorta" are both "aorta"), the coarctation-for-aortic-stenosis family;
 * - other subterm / stopped short / went deeper: the walk took another path below the right main term;
 * - other main term: the mention came from another entry;
 * - dropped (reason): the code was found and then not coded (integral symptom, combination …);
 * - coded header above it / incomplete: a less specific code of the same category;
 * - no mention: the matcher found nothing; ambiguous heads ("nerve", "test") are listed apart, by design.
 *
 * Skipped subterms: connectors (with, without, in, due to, see …), NEC / NOS, numbers only, eponyms
 * (capitalised words), parentheses, more than three words.
 *
 *   npx tsx scripts/eval/index-selfcheck.ts [--show N] [--cause NAME] [--main TERM] [--depth 2]
 */
import { parseArgs } from 'node:util';
import { analyze, buildAnalysisKnowledge } from '../../utils/coding/analyze';
import type { Asset, IndexTerm } from '../../utils/codes/types';
import { compileWordForms, defaultWordForms, wordKey } from '../../utils/nlp/mention-text';
import { abbreviationTable } from '../../utils/search/abbreviations';
import { CONNECTOR_WORDS } from '../../utils/search/text';
import { loadNodeEngine } from '../lib/node-engine';

const { values } = parseArgs({
  options: {
    show: { type: 'string', default: '15' },
    cause: { type: 'string' },
    main: { type: 'string' },
    depth: { type: 'string', default: '2' },
    json: { type: 'boolean', default: false },
  },
});

const settings = { setting: 'inpatient', dateOfService: '2026-11-01' } as const;
const { assets, catalog } = loadNodeEngine();
const knowledge = buildAnalysisKnowledge(assets, catalog, { abbreviations: abbreviationTable });
const index = assets.find((a) => a.header.kind === 'index') as Asset<IndexTerm>;
const forms = compileWordForms();

/** Nouns of body sites: the bases of the word-form table's site adjectives (aorta, kidney, lung …). */
const SITE_NOUNS = new Set(defaultWordForms.forms.filter((f) => f.kind === 'site-adjective').map((f) => wordKey(f.base)));
const canon = (w: string) => forms.map.get(wordKey(w))?.join(' ') ?? wordKey(w);
const contentKeys = (title: string) =>
  title
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !CONNECTOR_WORDS.has(w));

const SKIP_START =
  /^(with|without|in|into|due|see|by|from|of|as|during|following|and|after|at|on|to|for|complicating|complicated|affecting|involving|except|other|specified|unspecified|newborn|resulting|causing|associated|not|when|without)\b/i;

/** The alternatives a subterm title offers ("acute or subacute", "anus, anal"), or [] when it is skipped. */
function subtermWords(term: IndexTerm): string[] {
  const t = term.title.trim();
  if (!t || SKIP_START.test(t) || /\b(NEC|NOS)\b/.test(t) || /[()[\]]/.test(t) || /[A-Z]/.test(t)) return [];
  if (/^[\d\s.,\-–/]+$/.test(t)) return [];
  // A comma is either a word and its adjective ("anus, anal") or a folded path ("back, lower"): only the first is read.
  const parts = t.split(/,\s*/);
  if (parts.length > 2 || (parts.length === 2 && (parts[0] ?? '').slice(0, 3) !== (parts[1] ?? '').slice(0, 3))) return [];
  const alts = parts.flatMap((p) => p.split(/\s+or\s+/)).map((s) => s.trim());
  return alts.filter((a) => a && a.split(/\s+/).length <= 3 && !/^[\d\s.\-–/]+$/.test(a)).slice(0, 2);
}

function singleCode(term: IndexTerm): string | undefined {
  const codes = term.codes ?? [];
  if (codes.length !== 1 || term.manif?.length) return undefined;
  const c = codes[0];
  return c?.status === 'valid' ? c.code : undefined;
}

interface Probe {
  phrase: string;
  path: string[];
  expected: string;
  depth: number;
}

const probes: Probe[] = [];
const maxDepth = Number(values.depth);
for (const main of index.records) {
  const mainWord = (main.title.split(',')[0] ?? '').trim();
  if (!mainWord || /[()[\]]/.test(mainWord) || mainWord.split(/\s+/).length > 3) continue;
  if (values.main && mainWord.toLowerCase() !== values.main.toLowerCase()) continue;
  // An acronym is written in capitals, as a clinician writes it ("AIDS", "AMKD"); other words in lower case.
  const head = /^[A-Z]{2,}$/.test(mainWord) ? mainWord : mainWord.toLowerCase();
  // An adjective main term goes first ("abnormal teeth", "aberrant sebaceous glands"), a noun last.
  const before = /^[a-z]+(al|ant|ent|ed|ic|ous|ive|ary)$/.test(head);
  const phrase = (...mods: string[]) => (before ? [head, ...mods.reverse()] : [...mods, head]).join(' ');
  const mainCode = singleCode(main);
  if (mainCode) probes.push({ phrase: head, path: [main.title], expected: mainCode, depth: 0 });
  if (maxDepth < 1) continue;
  for (const sub of main.children ?? []) {
    const subAlts = subtermWords(sub);
    for (const s of subAlts) {
      const code = singleCode(sub);
      const site = s.split(/\s+/).length === 1 && SITE_NOUNS.has(wordKey(s));
      if (code) {
        probes.push({ phrase: phrase(s), path: [main.title, sub.title], expected: code, depth: 1 });
        if (site && !before) probes.push({ phrase: `${head} of ${s}`, path: [main.title, sub.title], expected: code, depth: 1 });
      }
      if (maxDepth < 2) continue;
      for (const sub2 of sub.children ?? []) {
        const code2 = singleCode(sub2);
        if (!code2) continue;
        for (const s2 of subtermWords(sub2).slice(0, 1)) {
          const path = [main.title, sub.title, sub2.title];
          probes.push({ phrase: phrase(s2, s), path, expected: code2, depth: 2 });
          if (site && !before) probes.push({ phrase: `${s2} ${head} of ${s}`, path, expected: code2, depth: 2 });
        }
      }
    }
  }
}

const dotless = (c: string) => c.replace(/[.-]/g, '').toUpperCase();
const sameWords = (a: string, b: string) => {
  const ka = contentKeys(a).map(canon).sort().join(' ');
  const kb = contentKeys(b).map(canon).sort().join(' ');
  return ka === kb && ka !== '';
};

interface Outcome extends Probe {
  cause: string;
  got: string;
}

const outcomes: Outcome[] = [];
const t0 = performance.now();
for (const p of probes) {
  const result = analyze(`The patient has ${p.phrase}.`, settings, knowledge);
  const dx = result.suggestions.filter((s) => s.kind === 'diagnosis' && s.system === 'icd10cm');
  const coded = dx.filter((s) => s.status !== 'not-coded');
  const want = dotless(p.expected);
  const got = coded.map((s) => `${s.display}${s.status === 'incomplete' ? '*' : ''}`).join(' ') || '-';
  if (coded.some((s) => s.code.startsWith(want))) {
    outcomes.push({ ...p, cause: 'agree', got });
    continue;
  }
  const dropped = dx.find((s) => s.status === 'not-coded' && s.code.startsWith(want));
  let cause: string;
  if (dropped) cause = `dropped: ${dropped.notCoded}`;
  else if (coded.some((s) => want.startsWith(s.code))) cause = 'coded header above it';
  else {
    const mentions = result.mentions.filter((m) => m.system === 'icd10cm');
    const own = mentions.find((m) => m.path[0] === p.path[0]);
    if (mentions.length === 0) cause = forms.ambiguousHeads.has(canon(p.path[0]?.split(',')[0] ?? '')) ? 'no mention (ambiguous head)' : 'no mention';
    else if (!own) cause = 'other main term';
    else {
      const chosen = own.path.slice(1);
      const wanted = p.path.slice(1);
      const at = wanted.findIndex((t, i) => chosen[i] !== t);
      if (at < 0 && chosen.length === wanted.length) cause = 'right path, other code';
      else if (at < 0) cause = 'went deeper';
      else if (chosen[at] === undefined) cause = 'stopped short';
      else if (sameWords(chosen[at] as string, wanted[at] as string) || sameWords((chosen[at] as string).split(',')[0] ?? '', (wanted[at] as string).split(',')[0] ?? ''))
        cause = 'word-form collision';
      else cause = 'other subterm';
    }
    if (cause !== 'agree' && coded.some((s) => s.code.slice(0, 3) === want.slice(0, 3) && s.status === 'incomplete')) cause = `${cause} (incomplete)`;
  }
  const paths = result.mentions.map((m) => m.path.join(' > ')).join(' | ');
  outcomes.push({ ...p, cause, got: `${got}  ← ${paths}` });
}
const secs = (performance.now() - t0) / 1000;

const agree = outcomes.filter((o) => o.cause === 'agree').length;
const pct = (x: number, n: number) => `${((100 * x) / Math.max(1, n)).toFixed(1)}%`;
console.log(`index self-check: ${outcomes.length} phrases, agreement ${agree}/${outcomes.length} = ${pct(agree, outcomes.length)} (${secs.toFixed(0)} s)`);
for (let d = 0; d <= maxDepth; d++) {
  const at = outcomes.filter((o) => o.depth === d);
  console.log(`  depth ${d}: ${pct(at.filter((o) => o.cause === 'agree').length, at.length)} of ${at.length}`);
}
const byCause = new Map<string, Outcome[]>();
for (const o of outcomes) if (o.cause !== 'agree') byCause.set(o.cause, [...(byCause.get(o.cause) ?? []), o]);
const show = Number(values.show);
for (const [cause, list] of [...byCause].sort((a, b) => b[1].length - a[1].length)) {
  if (values.cause && !cause.startsWith(values.cause)) continue;
  console.log(`\n${cause}: ${list.length}`);
  for (const o of list.slice(0, show)) console.log(`  "${o.phrase}" want ${o.expected} (${o.path.join(' > ')}) got ${o.got}`);
}
if (values.json) console.log(JSON.stringify(outcomes));
