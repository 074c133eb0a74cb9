/**
 * Devices the patient has now, named without an operation ("has a pacemaker", "AICD in place", "mechanical
 * aortic valve", "insulin pump", "has bilateral knee replacements"): the Index files them under Presence (of)
 * (Presence, cardiac, pacemaker Z95.0), a main term no note writes and a subterm whose words ("cardiac",
 * "implant") notes leave out, so the Index walk does not reach them. The device words, their Index entry and
 * code are data (coding.json `presentDevices`); ConText decides negation, experiencer and hypothetical use as
 * for conditions, and the coding rules turn the mention into its status (Guidelines I.C.21.c.3).
 *
 * A complication the words near the device name ("infection of the pacemaker pocket", "pacemaker pocket
 * hematoma", "infected right knee prosthesis") is read as the Index's Complication(s), <device>, <complication>
 * (T82.7, T82.837, T84.53), a main term notes leave out as they leave out Presence. A device of the stay whose
 * presence is not coded (a central line, a Foley catheter) is read for its complications only.
 *
 * Not a status: a device put in or taken out in this episode ("a pacemaker was placed": the procedure is
 * coded), one that fails ("pacemaker malfunction": the complication T82.- includes the status), one only
 * wanted ("candidate for an ICD"). A past operation that left the device is read by the procedure rules
 * (`pastProcedures`) as well; both give the same code.
 */
import { applyContext, compileContext } from '../nlp/context';
import { toContext } from '../nlp/mentions';
import { sectionAt } from '../nlp/sections';
import type { Section, Sentence, Span } from '../nlp/types';
import type { PresentDevice, PresentDeviceRules } from './rule-pack';

type DeviceComplication = NonNullable<PresentDevice['complications']>[number];
import type { Mention } from './types';
import { escapeRegExp, wordsOf } from './words';

interface CompiledDevice {
  device: PresentDevice;
  names: RegExp;
  /** Names as written in the pack, by their lower-case form: words in upper case are read in upper case only. */
  written: Map<string, string>;
}

/**
 * Whole-word alternation of the names, longest first. A name joined by a hyphen to a number is another
 * term ("ICD-10").
 */
const alternation = (names: readonly string[]) =>
  new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${[...names]
      .sort((a, b) => b.length - a.length)
      .map((n) => escapeRegExp(n).replace(/\s+/g, '\\s+'))
      .join('|')})(?![\\p{L}\\p{N}]|-\\d)`,
    'giu',
  );

const compiledCache = new WeakMap<PresentDeviceRules, CompiledDevice[]>();
function compile(rules: PresentDeviceRules): CompiledDevice[] {
  let c = compiledCache.get(rules);
  if (!c) {
    c = rules.devices.map((device) => ({
      device,
      names: alternation(device.names),
      written: new Map(device.names.map((n) => [n.toLowerCase().replace(/\s+/g, ' '), n])),
    }));
    compiledCache.set(rules, c);
  }
  return c;
}

/** The words of a text, lower case, punctuation as spaces ("s/p" is "s p"). */
/** The words of a text with where they are (offsets from `from`). */
const tokensOf = (s: string, from: number): Array<Span & { w: string }> =>
  [...s.matchAll(/[a-z0-9]+/gi)].map((m) => ({ w: m[0].toLowerCase(), start: from + m.index, end: from + m.index + m[0].length }));
/** Whether one of the words or word sequences is among `words` (joined with spaces and padded). */
const says = (padded: string, words: readonly string[]) => words.some((w) => padded.includes(` ${wordsOf(w).join(' ')} `));

/**
 * The words near a device belong to its clause: a comma or semicolon ends it on either side, and after it
 * "and" or "but" starts another ("left hip replacement and bilateral inguinal hernia": not a bilateral hip).
 * Before it "and" joins the sides of one device ("right and left knee replacements").
 */
const clauseBefore = (s: string) => s.split(/[,;]|\bbut\b/i).pop() ?? '';
const clauseAfter = (s: string) => s.split(/[,;]|\b(?:and|but)\b/i)[0] ?? '';

/**
 * Where the near words say one of `words` (word sequences), the occurrence nearest the device's name at
 * `at`: the complication's words, read once as the device's complication.
 */
function wordSpans(tokens: ReadonlyArray<Span & { w: string }>, words: readonly string[], at: number): Span[] {
  let best: Span | undefined;
  for (const phrase of words) {
    const seq = wordsOf(phrase);
    for (let i = 0; i + seq.length <= tokens.length; i++) {
      if (!seq.every((w, j) => tokens[i + j]?.w === w)) continue;
      const span = { start: tokens[i]?.start ?? 0, end: tokens[i + seq.length - 1]?.end ?? 0 };
      if (!best || Math.abs(span.start - at) < Math.abs(best.start - at)) best = span;
    }
  }
  return best ? [best] : [];
}

/** A word the pack writes in upper case ("PPM") is read in upper case only: "ppm" is parts per million. */
function writtenAsNamed(found: string, named: string): boolean {
  const a = found.split(/\s+/);
  const b = named.split(/\s+/);
  return b.every((w, i) => w !== w.toUpperCase() || w === w.toLowerCase() || a[i] === w);
}

/**
 * Mentions of devices the patient has, without ids, in note order. `sections` and `sentences` come from
 * `detectSections` / `splitSentences` on the same text.
 *
 * @example findPresentDevices('HPI: He has a pacemaker.', sections, sentences, rules)[0].codes // ['Z950']
 */
export function findPresentDevices(
  text: string,
  sections: readonly Section[],
  sentences: readonly Sentence[],
  rules: PresentDeviceRules,
): Array<Omit<Mention, 'id'>> {
  return readDevices(text, sections, sentences, rules).mentions;
}

/**
 * `findPresentDevices`' mentions, and what of a complication no other reading takes
 * (`withoutDeviceComplicationWords`): the complication's words but for an infection the Tabular asks to
 * code beside it (`additional`), and the device's name as a body site.
 */
export function readDevices(
  text: string,
  sections: readonly Section[],
  sentences: readonly Sentence[],
  rules: PresentDeviceRules,
): { mentions: Array<Omit<Mention, 'id'>>; words: Span[]; names: Span[] } {
  const devices = compile(rules);
  const context = compileContext();
  const out: Array<Omit<Mention, 'id'>> = [];
  const consumed: Span[] = [];
  const names: Span[] = [];
  for (const sentence of sentences) {
    if (sentence.kind === 'header') continue;
    const s = sentence.text;
    // A hit spans the device's name and, for a complication, the complication's words (`words`).
    const hits: Array<Span & { name: Span; words: Span[]; device: PresentDevice; made: boolean; complication?: DeviceComplication }> = [];
    // The sentence's words are read only once one of a device's names is found in it (every sentence passes here).
    let sentenceWords: string | undefined;
    for (const c of devices) {
      c.names.lastIndex = 0;
      for (let m = c.names.exec(s); m !== null; m = c.names.exec(s)) {
        if (c.device.context) {
          sentenceWords ??= ` ${wordsOf(s).join(' ')} `;
          if (!says(sentenceWords, c.device.context)) break;
        }
        const named = c.written.get(m[0].toLowerCase().replace(/\s+/g, ' '));
        if (!named || !writtenAsNamed(m[0], named)) continue;
        const end = m.index + m[0].length;
        const before = clauseBefore(s.slice(0, m.index));
        const beforeTokens = tokensOf(before, m.index - before.length);
        const afterTokens = tokensOf(clauseAfter(s.slice(end)), end);
        /** The words `n` either side of the name, in its clause. */
        const within = (n: number) => [...beforeTokens.slice(-n), ...afterTokens.slice(0, n)];
        const near = ` ${within(rules.near)
          .map((t) => t.w)
          .join(' ')} `;
        if (says(near, c.device.unless)) continue;
        // The side or kind the row is for, the status or its complication alike ("infected right knee prosthesis").
        if (c.device.cues.length > 0 && !says(near, c.device.cues)) continue;
        // A complication of the device is its Complication(s) code, not the status (Guidelines I.C.21.c.3).
        const complication = c.device.complications?.find((x) => wordSpans(within(x.near ?? rules.near), x.words, m.index).length > 0);
        if (complication) {
          const words = wordSpans(within(complication.near ?? rules.near), complication.words, m.index);
          const start = Math.min(m.index, ...words.map((w) => w.start));
          hits.push({
            start,
            end: Math.max(end, ...words.map((w) => w.end)),
            name: { start: m.index, end },
            words,
            device: c.device,
            made: false,
            complication,
          });
          continue;
        }
        if (c.device.complicationsOnly) continue;
        if (says(near, rules.unless)) continue;
        if (c.device.needsPresent && !says(near, rules.present)) continue;
        // "made" is decided with ConText below: "placed in 2015" is past, "placed today" is this episode.
        hits.push({ start: m.index, end, name: { start: m.index, end }, words: [], device: c.device, made: says(near, rules.made) });
      }
    }
    if (hits.length === 0) continue;
    const section = sectionAt(sections, sentence.start)?.category ?? 'unknown';
    const contexts = applyContext(s, hits, context, { section });
    hits.forEach((h, i) => {
      const ctx = toContext(contexts[i], sentence.start);
      if (h.made && !ctx.historical) return;
      const at = (x: Span) => ({ start: sentence.start + x.start, end: sentence.start + x.end });
      const span = at(h);
      if (h.complication) {
        names.push(at(h.name));
        if (!h.complication.additional) consumed.push(...h.words.map(at));
      }
      out.push({
        span,
        evidence: [at(h.name), ...h.words.map(at)],
        text: text.slice(span.start, span.end),
        sentence: { start: sentence.start, end: sentence.end },
        section,
        source: 'index',
        system: 'icd10cm',
        path: h.complication?.index ?? h.device.index,
        codes: [h.complication?.code ?? h.device.code],
        confidence: rules.confidence,
        context: ctx,
      });
    });
  }
  return { mentions: out.sort((a, b) => a.span.start - b.span.start), words: consumed, names };
}

/** An organism (B95-B97) is a reading of its own: the additional code a complication's Tabular note asks for. */
const OWN_READING = /^B9[5-7]/;
/** Complications of surgical and medical care (T80-T88): a reading of the device as the device. */
const CARE_COMPLICATION = /^T8[0-8]/;

/**
 * The Index readings of a device complication's words, without their device, are that complication read
 * partly: "pacemaker pocket hematoma" is no hematoma of an unspecified body region (T14.8) beside T82.837,
 * "infected right knee prosthesis" no pyogenic arthritis (M00.9) beside T84.53, "infected pacemaker
 * generator pocket" no neurostimulator generator (T85.734, read from that code's inclusion term) beside
 * T82.7. The complication's words are read once, as the complication of the device the note names
 * (Index Complication(s), <device>, <complication>; Guidelines I.B.16 and I.C.19.g). A reading that
 * shares none of them stays, and so does an organism the complication's Tabular note asks for.
 *
 * The device is no body site of such a reading either ("infected right knee prosthesis" is no Infection,
 * knee; "UTI due to the Foley catheter" no Infection, urethral - see Urethritis N34.2): a reading that uses
 * the device's name goes, unless it is itself a complication of care (T80-T88: "central line-associated
 * bloodstream infection" is the Index's Infection, central line-associated, bloodstream T80.211).
 *
 * `words` and `names` are those `readDevices` gives.
 */
export function withoutDeviceComplicationWords<M extends Omit<Mention, 'id'>>(
  indexed: readonly M[],
  words: readonly Span[],
  names: readonly Span[] = [],
): M[] {
  if (words.length === 0 && names.length === 0) return [...indexed];
  const overlaps = (m: M, spans: readonly Span[]) => m.evidence.some((e) => spans.some((w) => e.start < w.end && w.start < e.end));
  return indexed.filter(
    (m) =>
      m.system !== 'icd10cm' ||
      m.source === 'procedure' ||
      m.source === 'eindex' ||
      m.source === 'drug' ||
      m.codes.every((c) => OWN_READING.test(c)) ||
      (!overlaps(m, words) && (m.codes.every((c) => CARE_COMPLICATION.test(c)) || !overlaps(m, names))),
  );
}
