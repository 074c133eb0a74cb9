/**
 * Devices the patient has now, named without an operation ("has a pacemaker", "AICD in place", "mechanical
 * aortic valve", "insulin pump", "has bilateral knee replacements"): the Index files them under Presence (of)
 * (Presence, cardiac, pacemaker Z95.0), a main term no note writes and a subterm whose words ("cardiac",
 * "implant") notes leave out, so the Index walk does not reach them. The device words, their Index entry and
 * code are data (coding.json `presentDevices`); ConText decides negation, experiencer and hypothetical use as
 * for conditions, and the coding rules turn the mention into its status (Guidelines I.C.21.c.3).
 *
 * A complication the words near the device name ("infection of the pacemaker pocket") is read as the Index's
 * Complication(s), <device>, <complication> (T82.7), a main term notes leave out as they leave out Presence.
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

interface CompiledDevice {
  device: PresentDevice;
  names: RegExp;
  /** Names as written in the pack, by their lower-case form: words in upper case are read in upper case only. */
  written: Map<string, string>;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
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
const wordsOf = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
/** Whether one of the words or word sequences is among `words` (joined with spaces and padded). */
const says = (padded: string, words: readonly string[]) => words.some((w) => padded.includes(` ${wordsOf(w).join(' ')} `));

/**
 * The words near a device belong to its clause: a comma or semicolon ends it on either side, and after it
 * "and" or "but" starts another ("left hip replacement and bilateral inguinal hernia": not a bilateral hip).
 * Before it "and" joins the sides of one device ("right and left knee replacements").
 */
const clauseBefore = (s: string) => s.split(/[,;]|\bbut\b/i).pop() ?? '';
const clauseAfter = (s: string) => s.split(/[,;]|\b(?:and|but)\b/i)[0] ?? '';

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
  const devices = compile(rules);
  const context = compileContext();
  const out: Array<Omit<Mention, 'id'>> = [];
  for (const sentence of sentences) {
    if (sentence.kind === 'header') continue;
    const s = sentence.text;
    const hits: Array<Span & { device: PresentDevice; made: boolean; complication?: DeviceComplication }> = [];
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
        const near = ` ${[...wordsOf(clauseBefore(s.slice(0, m.index))).slice(-rules.near), ...wordsOf(clauseAfter(s.slice(m.index + m[0].length))).slice(0, rules.near)].join(' ')} `;
        if (says(near, c.device.unless)) continue;
        // A complication of the device is its Complication(s) code, not the status (Guidelines I.C.21.c.3).
        const complication = c.device.complications?.find((x) => says(near, x.words));
        if (complication) {
          hits.push({ start: m.index, end: m.index + m[0].length, device: c.device, made: false, complication });
          continue;
        }
        if (says(near, rules.unless)) continue;
        if (c.device.cues.length > 0 && !says(near, c.device.cues)) continue;
        if (c.device.needsPresent && !says(near, rules.present)) continue;
        // "made" is decided with ConText below: "placed in 2015" is past, "placed today" is this episode.
        hits.push({ start: m.index, end: m.index + m[0].length, device: c.device, made: says(near, rules.made) });
      }
    }
    if (hits.length === 0) continue;
    const section = sectionAt(sections, sentence.start)?.category ?? 'unknown';
    const contexts = applyContext(s, hits, context, { section });
    hits.forEach((h, i) => {
      const ctx = toContext(contexts[i], sentence.start);
      if (h.made && !ctx.historical) return;
      const span = { start: sentence.start + h.start, end: sentence.start + h.end };
      out.push({
        span,
        evidence: [span],
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
  return out.sort((a, b) => a.span.start - b.span.start);
}
