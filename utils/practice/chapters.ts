/**
 * ICD-10-CM chapters as practice mode groups them: a case names the chapters it teaches, progress is
 * kept per chapter, and the weakest chapters are suggested next. Pure data, no imports at runtime.
 */
import { normalizeCode } from '../codes/code-format';

/**
 * Chapter ids in Tabular order. `first`/`last` are the 3-character category range of the chapter.
 * U07.1 and U09.9 (COVID-19) sit in chapter 22 of the Tabular List but are taught under chapter 1, as
 * the guidelines do (I.C.1 "Certain Infectious and Parasitic Diseases (A00-B99), U07.1, U09.9"); U07.0
 * (vaping-related disorder) likewise goes with chapter 10 (I.C.10 "... (J00-J99), U07.0").
 */
export const CHAPTERS = [
  { id: 'infectious', number: 1, title: 'Certain infectious and parasitic diseases', first: 'A00', last: 'B99' },
  { id: 'neoplasms', number: 2, title: 'Neoplasms', first: 'C00', last: 'D49' },
  { id: 'blood', number: 3, title: 'Diseases of the blood and immune mechanism', first: 'D50', last: 'D89' },
  { id: 'endocrine', number: 4, title: 'Endocrine, nutritional and metabolic diseases', first: 'E00', last: 'E89' },
  { id: 'mental', number: 5, title: 'Mental, behavioral and neurodevelopmental disorders', first: 'F01', last: 'F99' },
  { id: 'nervous', number: 6, title: 'Diseases of the nervous system', first: 'G00', last: 'G99' },
  { id: 'eye', number: 7, title: 'Diseases of the eye and adnexa', first: 'H00', last: 'H59' },
  { id: 'ear', number: 8, title: 'Diseases of the ear and mastoid process', first: 'H60', last: 'H95' },
  { id: 'circulatory', number: 9, title: 'Diseases of the circulatory system', first: 'I00', last: 'I99' },
  { id: 'respiratory', number: 10, title: 'Diseases of the respiratory system', first: 'J00', last: 'J99' },
  { id: 'digestive', number: 11, title: 'Diseases of the digestive system', first: 'K00', last: 'K95' },
  { id: 'skin', number: 12, title: 'Diseases of the skin and subcutaneous tissue', first: 'L00', last: 'L99' },
  { id: 'musculoskeletal', number: 13, title: 'Diseases of the musculoskeletal system and connective tissue', first: 'M00', last: 'M99' },
  { id: 'genitourinary', number: 14, title: 'Diseases of the genitourinary system', first: 'N00', last: 'N99' },
  { id: 'pregnancy', number: 15, title: 'Pregnancy, childbirth and the puerperium', first: 'O00', last: 'O9A' },
  { id: 'perinatal', number: 16, title: 'Certain conditions originating in the perinatal period', first: 'P00', last: 'P96' },
  { id: 'congenital', number: 17, title: 'Congenital malformations and chromosomal abnormalities', first: 'Q00', last: 'QA1' },
  { id: 'symptoms', number: 18, title: 'Symptoms, signs and abnormal findings', first: 'R00', last: 'R99' },
  { id: 'injury', number: 19, title: 'Injury, poisoning and other consequences of external causes', first: 'S00', last: 'T88' },
  { id: 'external', number: 20, title: 'External causes of morbidity', first: 'V00', last: 'Y99' },
  { id: 'factors', number: 21, title: 'Factors influencing health status (Z codes)', first: 'Z00', last: 'Z99' },
  { id: 'special', number: 22, title: 'Codes for special purposes', first: 'U00', last: 'U85' },
] as const;

export type Chapter = (typeof CHAPTERS)[number];
export type ChapterId = Chapter['id'];

export const CHAPTER_IDS: readonly ChapterId[] = CHAPTERS.map((c) => c.id);

const GUIDELINE_CHAPTER: Readonly<Record<string, ChapterId>> = { U071: 'infectious', U099: 'infectious', U070: 'respiratory' };

/** The chapter of a code or header (`E11.65`, `e1165`, `S72`), or undefined for anything else. */
export function chapterOfCode(raw: string): ChapterId | undefined {
  const code = normalizeCode(typeof raw === 'string' ? raw : '');
  const special = GUIDELINE_CHAPTER[code];
  if (special) return special;
  const category = code.slice(0, 3);
  if (!/^[A-Z][0-9A-Z]{2}$/.test(category)) return undefined;
  // Categories compare as strings: a letter, then digits or (O9A, QA0) letters sorting after digits.
  return CHAPTERS.find((c) => category >= c.first && category <= c.last)?.id;
}

export function chapterById(id: ChapterId): Chapter {
  return CHAPTERS.find((c) => c.id === id) as Chapter;
}
