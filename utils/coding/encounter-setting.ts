/**
 * Which setting a note documents, from its headings and wording (rules as data in
 * `assets/rules/encounter-settings.json`). The side panel proposes it when it differs from the chosen
 * setting; it never switches on its own: the coder knows the encounter (an ED note of a patient who was
 * then admitted is coded with the inpatient record).
 */
import * as v from 'valibot';
import packJson from '../../assets/rules/encounter-settings.json';
import { SECTION_CATEGORIES, type SectionCategory } from '../nlp/types';
import { parsePack } from './rule-pack';
import { escapeRegExp } from './words';

export type EncounterSetting = 'inpatient' | 'outpatient';

const packSchema = v.strictObject({
  version: v.literal(1),
  description: v.string(),
  source: v.string(),
  minCues: v.pipe(v.number(), v.integer(), v.minValue(1)),
  settings: v.array(
    v.strictObject({
      setting: v.picklist(['inpatient', 'outpatient']),
      sections: v.array(v.picklist(SECTION_CATEGORIES)),
      phrases: v.array(v.pipe(v.string(), v.minLength(2), v.regex(/^[a-z0-9 #'-]+$/, 'phrases are lower case words'))),
    }),
  ),
});
export type EncounterSettingPack = v.InferOutput<typeof packSchema>;

/** Validate a pack; throws `RulePackError` naming the first problem. */
export function parseEncounterSettings(input: unknown, file = 'encounter-settings.json'): EncounterSettingPack {
  return parsePack(packSchema, input, file);
}

let shipped: EncounterSettingPack | undefined;
export function defaultEncounterSettings(): EncounterSettingPack {
  shipped ??= parseEncounterSettings(packJson);
  return shipped;
}

export interface SettingHint {
  setting: EncounterSetting;
  /** What pointed to it, as written (headings and phrases), for the coder to judge. */
  cues: string[];
}


/** Each phrase as a whole-word pattern, compiled once per pack (this runs on every analysis). */
const compiledPacks = new WeakMap<EncounterSettingPack, Array<{ setting: EncounterSetting; sections: readonly SectionCategory[]; phrases: Array<{ phrase: string; re: RegExp }> }>>();
function compiled(pack: EncounterSettingPack) {
  let out = compiledPacks.get(pack);
  if (!out) {
    out = pack.settings.map((s) => ({
      setting: s.setting,
      sections: s.sections,
      phrases: s.phrases.map((phrase) => ({ phrase, re: new RegExp(`(?<![a-z0-9])${escapeRegExp(phrase)}(?![a-z0-9])`) })),
    }));
    compiledPacks.set(pack, out);
  }
  return out;
}

/**
 * The setting the note's cues point to, when they point clearly: at least `minCues` distinct cues and
 * more than the other setting has. Undefined otherwise.
 *
 * @example inferSetting('HOSPITAL COURSE: ...\nDischarge date: 10/16', sections).setting // 'inpatient'
 */
export function inferSetting(
  text: string,
  sections: ReadonlyArray<{ category: SectionCategory; title: string }>,
  pack: EncounterSettingPack = defaultEncounterSettings(),
): SettingHint | undefined {
  const lower = text.slice(0, 200_000).toLowerCase();
  const found = compiled(pack).map((s) => {
    const cues = new Set<string>();
    for (const section of sections) if (s.sections.includes(section.category)) cues.add(section.title);
    for (const { phrase, re } of s.phrases) if (re.test(lower)) cues.add(phrase);
    return { setting: s.setting, cues: [...cues] };
  });
  // "Hospital Course" (a heading) and "hospital course" (words) are one cue.
  for (const f of found) f.cues = f.cues.filter((cue, i) => f.cues.findIndex((o) => o.toLowerCase() === cue.toLowerCase()) === i);
  const ranked = [...found].sort((a, b) => b.cues.length - a.cues.length);
  const [best, next] = ranked;
  if (!best || best.cues.length < pack.minCues || (next && next.cues.length >= best.cues.length)) return undefined;
  return { setting: best.setting, cues: best.cues.slice(0, 6) };
}
