/** The coding rule pack (assets/rules/coding.json): validated on load, unknown keys refused. */
import * as v from 'valibot';
import data from '../../assets/rules/coding.json';
import { SECTION_CATEGORIES, type SectionCategory } from '../nlp/types';
import { PATTERN_SHAPE } from './patterns';

const pattern = v.pipe(v.string(), v.regex(PATTERN_SHAPE, 'not a code pattern'));
/** A code of chapter 20 the words of a row give ("parking lot": Y92.481), with its Index or Tabular source. */
const externalCauseRow = v.strictObject({
  code: v.pipe(v.string(), v.regex(/^Y9[239][0-9A-Z]{1,4}$/)),
  words: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
  source: v.string(),
});
/** ICD-10-PCS and HCPCS codes or prefixes (`5A1D*`, `3E1M39Z`): they may start with a digit. */
const procedurePattern = v.pipe(v.string(), v.regex(/^[0-9A-Z]{2,7}\*?$/, 'not a procedure code pattern'));
const words1 = v.pipe(v.string(), v.minLength(1), v.regex(/^[^A-Z]*$/, 'write words in lower case'));
/** A regular expression's source, checked to compile. */
const regexSource = v.pipe(
  v.string(),
  v.check((s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  }, 'not a regular expression'),
);
const template = v.pipe(v.string(), v.regex(/^(?:\{0\}(?:\.[0-9A-Z]{1,4})?|[A-Z][0-9A-Z]{2,6})$/, 'not a code template'));

/** The side a mention names (Guidelines I.B.13): "unspecified" when it names none. */
export const SIDES = ['right', 'left', 'bilateral', 'unspecified'] as const;
export type Side = (typeof SIDES)[number];

/**
 * A status a procedure leaves or keeps. `cues`: words of the sentence one of which must be written (that it
 * is ongoing, or a side), none when empty; `unless`: words that say it was one session, is over, or that the
 * device failed or was removed (then the complication or the removal is coded, Guidelines I.C.21.c.3).
 */
const procedureStatusRule = v.strictObject({
  literal: v.string(),
  source: v.string(),
  /** Procedure codes of the mention (ICD-10-PCS, HCPCS). */
  procedures: v.pipe(v.array(procedurePattern), v.minLength(1)),
  code: pattern,
  cues: v.array(v.pipe(v.string(), v.minLength(1))),
  unless: v.array(v.pipe(v.string(), v.minLength(1))),
  /**
   * The sides of the mention the status is for, read beside the mention (`laterality`): a right knee
   * replacement is Z96.651, right and left Z96.653, no side written Z96.659. A joint without a bilateral
   * code lists "bilateral" under both its right and left codes (Z96.611 and Z96.612). Any side when absent.
   */
  sides: v.optional(v.pipe(v.array(v.picklist(SIDES)), v.minLength(1))),
});

/** The names of a clinical scale written in notes (coma scale, NIH stroke scale), in lower case. */
const scaleNames = v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.regex(/^[^A-Z]*$/, 'write names in lower case'))), v.minLength(1));
/** Total scores of a scale and the code of each band. */
const scaleBands = v.pipe(
  v.array(v.strictObject({ min: v.pipe(v.number(), v.integer()), max: v.pipe(v.number(), v.integer()), code: pattern })),
  v.minLength(1),
);

/**
 * An encounter-reason rule read from the words of the chief complaint or assessment (follow-up examination,
 * aftercare): `follow` words name the kind of visit, `cues` (regular expressions, case-insensitive) say
 * what makes it one (treatment completed; the visit after an operation).
 */
const visitWords = v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.regex(/^[^A-Z]*$/, 'write words in lower case'))), v.minLength(1));

const schema = v.strictObject({
  version: v.literal(1),
  source: v.string(),
  sectionWeights: v.record(v.picklist(SECTION_CATEGORIES), v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  chronic: v.strictObject({
    literal: v.string(),
    source: v.string(),
    patterns: v.array(pattern),
    /**
     * Words in a history mention's name or just before it that say the condition lasts ("chronic prostatitis"),
     * and phrases just after it that say it is being treated ("hyperglycemia on dietary treatment"): coded as current.
     * `treatedNow` phrases say so in the present tense and hold anywhere in the rest of its list item ("bladder
     * carcinoma resected twice and currently treated with instillations").
     */
    current: v.optional(
      v.strictObject({
        literal: v.string(),
        source: v.string(),
        words: v.array(v.string()),
        treatedAfter: v.optional(v.array(v.string())),
        treatedNow: v.optional(v.array(v.string())),
        /**
         * Therapies given as a long course, not a single treatment ("LHRH analogues", "tamoxifen", "androgen
         * deprivation"): named anywhere in the rest of the list item, the condition is under treatment now, unless
         * one of the `therapyEnded` words there says the course is over ("tamoxifen for five years, completed").
         */
        therapies: v.optional(v.array(v.string())),
        therapyEnded: v.optional(v.array(v.string())),
      }),
    ),
  }),
  /** Encounter-reason codes (Z00-Z01, Z11-Z13) coded only where the note gives them as the reason for the visit. */
  encounterReasons: v.array(
    v.strictObject({
      literal: v.string(),
      source: v.string(),
      patterns: v.array(pattern),
      /** Sections that state the reason for the visit. */
      sections: v.array(v.picklist(SECTION_CATEGORIES)),
      /** Words of the mention that make the examination the purpose ("routine", "annual"). */
      words: v.array(v.pipe(v.string(), v.minLength(1))),
    }),
  ),
  /** Sections whose entries are current unless their own words say past (Social History: "smoker"). */
  presentSections: v.strictObject({ literal: v.string(), source: v.string(), sections: v.array(v.picklist(SECTION_CATEGORIES)) }),
  /**
   * A condition whose codes state remission themselves ("CLL in remission" → C91.11): the remission
   * words are not history, so the condition is current (not a personal-history code).
   */
  remissionCurrent: v.strictObject({
    literal: v.string(),
    source: v.string(),
    /** ConText HISTORICAL trigger literals that say remission. */
    triggers: v.array(v.pipe(v.string(), v.minLength(1))),
    /** Code patterns whose categories have an "in remission" code. */
    codes: v.array(v.pipe(v.string(), v.minLength(1))),
  }),
  /**
   * A procedure whose own clause says it was done ("CT angiography of the chest was obtained") is done in this
   * stay even when a history trigger of an earlier clause reaches it ("his history of DVT, CT angiography …").
   */
  proceduresDoneNow: v.strictObject({
    literal: v.string(),
    source: v.string(),
    /** Words starting the text right after the procedure ("was obtained"). */
    verbs: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
  }),
  /** In a pregnancy's own record, "maternal" names the patient ("maternal fever"), unless a relative follows it. */
  maternalSelf: v.strictObject({
    literal: v.string(),
    source: v.string(),
    words: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
    relatives: v.array(v.pipe(v.string(), v.minLength(1))),
  }),
  /**
   * The first item of a numbered diagnosis list ("Assessment: 1. …") is the first-listed diagnosis of an outpatient
   * visit (Guidelines IV.G): its code leads the list, other sequencing rules (code first, screening first) still apply.
   */
  numberedFirstListed: v.optional(
    v.strictObject({
      literal: v.string(),
      source: v.string(),
      settings: v.array(v.picklist(['inpatient', 'outpatient'] as const)),
      sections: v.pipe(v.array(v.picklist(SECTION_CATEGORIES)), v.minLength(1)),
    }),
  ),
  /**
   * A condition the stay's own diagnosis list or course calls "resolved" was present and treated in this
   * stay, so it is coded; in an outpatient visit, or with words that put it in the past, it is not.
   */
  resolvedDuringStay: v.strictObject({
    literal: v.string(),
    source: v.string(),
    settings: v.array(v.picklist(['inpatient', 'outpatient'] as const)),
    sections: v.array(v.picklist(SECTION_CATEGORIES)),
    /** Sections that tell an outpatient encounter's own course (the ED course): resolved there, it was present and treated at it. */
    outpatientSections: v.optional(v.array(v.picklist(SECTION_CATEGORIES))),
    triggers: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
  }),
  /**
   * Terms the Alphabetic Index gives no code ("Urosepsis - code to condition"): listed as not coded, with the
   * query the provider is asked (which condition the term means), never coded from the term itself.
   */
  queryTerms: v.optional(
    v.array(
      v.strictObject({
        literal: v.string(),
        source: v.pipe(v.string(), v.minLength(1)),
        /** The term as notes write it, lower case, matched as whole words. */
        words: v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.regex(/^[a-z0-9][a-z0-9 -]*$/, 'lower-case words'))), v.minLength(1)),
        /** What the provider is asked. */
        query: v.pipe(v.string(), v.minLength(1)),
      }),
    ),
  ),
  /**
   * Words that name a finding's code without finding it: a goal of care ("discussed weight loss", "weight
   * loss counseling") or a routine measure ("estimated blood loss 350 mL"). Not coded where one of these
   * words sits next to the mention.
   */
  notFindings: v.array(
    v.strictObject({
      literal: v.string(),
      source: v.string(),
      codes: v.pipe(v.array(pattern), v.minLength(1)),
      /** Words one of which ends the text just before the mention (up to four words before it). */
      before: v.array(v.pipe(v.string(), v.minLength(1))),
      /** Words one of which starts the text just after the mention. */
      after: v.array(v.pipe(v.string(), v.minLength(1))),
      /** Words one of which is among the mention's own words ("incisional wound" is no injury). */
      within: v.optional(v.array(v.pipe(v.string(), v.minLength(1)))),
      /** Sections a mention in which is not a finding (a disease named under Immunizations is its vaccine). */
      sections: v.optional(v.array(v.pipe(v.string(), v.minLength(1)))),
      /**
       * When given, the rule holds only in a sentence one of whose words is one of these ("necrotic areas" of a
       * mass or specimen are the tumor's, not gangrene): the words next to the mention are read as well.
       */
      with: v.optional(v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1))),
      /**
       * Words one of which, among the mention's own words or the four before it, keeps the finding ("excessive
       * granulation tissue" is the disorder; "granulation tissue" of a healing wound is not).
       */
      unless: v.optional(v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1))),
    }),
  ),
  /**
   * A reading the words next to it send to another Index entry, where the Index has no subterm for them: "anoxic
   * brain injury" is no trauma (Injury, brain S06.9-) but Damage, brain, anoxic G93.1. The mention takes `code`.
   */
  crossReferences: v.array(
    v.strictObject({
      literal: v.string(),
      source: v.string(),
      /** Codes of the mention that the words send elsewhere. */
      codes: v.pipe(v.array(pattern), v.minLength(1)),
      code: pattern,
      /** The Index entry `code` comes from. */
      index: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(2)),
      /** Words, one of which is among the `near` words just before the mention, in its clause. */
      before: v.array(v.pipe(v.string(), v.minLength(1))),
      /** Words or word sequences, one of which starts the text just after the mention. */
      after: v.array(v.pipe(v.string(), v.minLength(1))),
      near: v.pipe(v.number(), v.integer(), v.minValue(1)),
    }),
  ),
  /**
   * Codes whose condition the record must name (Guidelines I.C.4.a: no diabetes code without diabetes): a
   * reading an Index cross-reference gives alone ("Coma, hypoglycemic - see Diabetes") is not a code where
   * no word of the record names the condition.
   */
  needsDocumented: v.array(
    v.strictObject({
      literal: v.string(),
      source: v.string(),
      codes: v.pipe(v.array(pattern), v.minLength(1)),
      /** Words, any of which names the condition anywhere in the record. */
      words: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
      /**
       * When given, the words count only in the mention's own sentence, among its own words and the `near` words
       * either side of it ("fell" is one fall, "recurrent falls" the tendency R29.6 codes).
       */
      near: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    }),
  ),
  integralSymptoms: v.array(v.strictObject({ symptom: pattern, diagnoses: v.pipe(v.array(pattern), v.minLength(1)), source: v.string() })),
  /**
   * A code the words of its sentence make more specific ("cervical lymphadenopathy": localized, R59.0).
   * Every rule whose words are present applies: "pain in the right hypochondrium and periumbilical area"
   * is two codes.
   */
  sentenceNarrowing: v.array(
    v.pipe(
      v.strictObject({
        literal: v.string(),
        source: v.string(),
        codes: v.pipe(v.array(pattern), v.minLength(1)),
        code: v.optional(pattern),
        /**
         * Instead of `code`: the mention's own code with its last character `from` made `to`, for a
         * character that means the same at every site ("pressure ulcer of the left hip down to bone": the
         * unspecified stage 9 of L89.229 becomes stage 4, L89.224). Codes ending otherwise keep theirs.
         */
        replaceLast: v.optional(v.strictObject({ from: v.pipe(v.string(), v.regex(/^[0-9A-Z]$/)), to: v.pipe(v.string(), v.regex(/^[0-9A-Z]$/)) })),
        /**
         * Instead of `code`: the mention's own code with its category (first three characters) made this one, for
         * characters that mean the same in both categories ("GI bleed from a duodenal ulcer": the gastrojejunal
         * ulcer with hemorrhage K28.4 the Index gives "gastrointestinal" is the duodenal one, K26.4).
         */
        category: v.optional(v.pipe(v.string(), v.regex(/^[A-Z][0-9][0-9A-Z]$/))),
        /**
         * Instead of `code`: the reading keeps its own code and `also` gives the codes beside it, for a fact that
         * adds a code to every condition of a kind ("MRSA cellulitis": the cellulitis, and B95.62 for its organism).
         */
        keep: v.optional(v.literal(true)),
        /** Codes the same words support beside `code` ("pain in both legs": the right and the left leg). */
        also: v.optional(v.array(pattern)),
        /** Words or word sequences ("right upper quadrant"), any of which supports the code. */
        words: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
        /** Words or word sequences that keep the code as it is ("generalized"). */
        unless: v.array(v.pipe(v.string(), v.minLength(1))),
        /** Words or word sequences one of which must be read as well ("localized peritonitis" with "gangrenous"). */
        with: v.optional(v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1))),
        /** Read only this many words either side of the mention ("left hemiparesis"), not its whole sentence. */
        near: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
        /**
         * The code of another category replaces the reading also when the reading was itself narrowed first
         * ("right hemiparesis following a stroke": G81.90, right G81.91, following a stroke I69.351 alone),
         * where a code of another category is otherwise only added beside it.
         */
        instead: v.optional(v.boolean()),
      }),
      v.check(
        (r) => [r.code, r.replaceLast, r.category, r.keep].filter((x) => x !== undefined).length === 1,
        'give either code or replaceLast (or category, or keep), one of them',
      ),
      v.check((r) => r.keep === undefined || (r.also ?? []).length > 0, 'keep needs the codes it adds in also'),
    ),
  ),
  /** A code of unspecified site (D49.9, C80.1) yields to a code of the same kind with its site documented. */
  unspecifiedSites: v.array(
    v.strictObject({
      unspecified: pattern,
      /** What the record documents, for the reason ("The record documents the organism"); the site by default. */
      literal: v.optional(v.string()),
      specified: v.pipe(v.array(pattern), v.minLength(1)),
      source: v.string(),
    }),
  ),
  /**
   * The words that name a side, read in the mention's own clause, `near` words either side of it ("right
   * hip arthroplasty, left knee arthroplasty": the knee is left). Right and left together are bilateral.
   */
  laterality: v.strictObject({
    literal: v.string(),
    source: v.string(),
    near: v.pipe(v.number(), v.integer(), v.minValue(1)),
    right: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
    left: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
    bilateral: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
  }),
  /** A procedure the patient lives on (chronic dialysis) is also a status code; a single session is not. */
  ongoingProcedures: v.array(procedureStatusRule),
  /**
   * A procedure the sentence puts in the past leaves a status (Z95.1 after a bypass, Z96.651 after a right
   * knee replacement); one done in this episode is only the procedure.
   */
  pastProcedures: v.array(procedureStatusRule),
  /** A procedure done at this encounter that its own encounter code goes with (a vaccine given: Z23). */
  encounterProcedures: v.array(procedureStatusRule),
  /**
   * A procedure the sentence says was done at another facility before the transfer here, which leaves a status
   * code of its own (tPA given at the referring hospital: Z92.82). `cues` name the other facility.
   */
  elsewhereProcedures: v.array(procedureStatusRule),
  /**
   * One procedure read with alternative codes that a coded diagnosis decides between: a screening colonoscopy is
   * G0105 for a patient at high risk (family or personal history of colorectal cancer or polyps, inflammatory bowel
   * disease), G0121 otherwise. The other code of `procedures` is not coded.
   */
  procedureByDiagnoses: v.optional(
    v.array(
      v.strictObject({
        literal: v.string(),
        source: v.string(),
        /** The alternative codes the procedure is read with (HCPCS, ICD-10-PCS). */
        procedures: v.pipe(v.array(procedurePattern), v.minLength(2)),
        /** The code when a diagnosis of `diagnoses` is coded. */
        code: procedurePattern,
        /** The code when none is. */
        otherwise: procedurePattern,
        diagnoses: v.pipe(v.array(pattern), v.minLength(1)),
      }),
    ),
    [],
  ),
  /**
   * A device the note names as the patient's, in the present tense ("has a pacemaker", "AICD in place",
   * "mechanical aortic valve"): its Index Presence (of) code, read by the device's own words where the Index
   * has no main term for them (Guidelines I.C.21.c.3). Not when a word near it says the device is placed,
   * removed, failing or only wanted in this episode: the procedure or the complication is coded then.
   */
  presentDevices: v.strictObject({
    literal: v.string(),
    source: v.string(),
    /** Words either side of the device name that the cue and `unless` words are read in. */
    near: v.pipe(v.number(), v.integer(), v.minValue(1)),
    /** 0..1: how sure a device word alone is (a mention's confidence). */
    confidence: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
    /** Words that say the patient has the device now ("has", "in place", "with"), for `present` devices. */
    present: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
    /** Words that say the device is put in or taken out now ("placed", "underwent"): kept only when ConText reads the sentence as past. */
    made: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
    /** Words that say it fails, is gone or only wanted ("malfunction", "removed", "candidate for"): never a status. */
    unless: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
    devices: v.pipe(
      v.array(
        v.strictObject({
          literal: v.string(),
          source: v.string(),
          code: pattern,
          /** The Index entry the code comes from (["Presence", "cardiac", "pacemaker"]), checked against the Index by a test. */
          index: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(2)),
          /**
           * Names of the device, lower case, or an abbreviation as notes write it ("PPM", "AICD"): a word in
           * upper case is read in upper case only ("ppm" is parts per million).
           */
          names: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
          /** Words near the name one of which must be written (a side, a kind of valve); none when empty. */
          cues: v.array(v.pipe(v.string(), v.minLength(1))),
          /** Words near the name that make it another device or another kind (read beside the pack's `unless`). */
          unless: v.array(v.pipe(v.string(), v.minLength(1))),
          /** Words one of which the sentence must say ("ICD" is also the classification: a cardiac word). */
          context: v.optional(v.array(v.pipe(v.string(), v.minLength(1)))),
          /** The name is also the operation ("knee replacement"): a `present` word must be near it. */
          needsPresent: v.boolean(),
          /**
           * Only the device's complications are read: a device of the stay whose presence no status code
           * reports (a central line, an indwelling urinary catheter); `code` and `index` name the Presence
           * entry the Index gives, never coded from this row.
           */
          complicationsOnly: v.optional(v.boolean()),
          /**
           * Complications of the device the words near its name say ("pacemaker pocket infection"): the
           * Index files them under Complication(s), <device>, a main term notes leave out, so the Index walk
           * reads only "infection" (B99.9). Read before the pack's `unless` words; the complication code
           * includes the device's status (Guidelines I.C.21.c.3, `statusCoveredBy`).
           */
          complications: v.optional(
            v.array(
              v.strictObject({
                literal: v.string(),
                source: v.string(),
                code: pattern,
                /** The Index entry the code comes from, checked against the Index by a test. */
                index: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(2)),
                words: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
                /** Read only this many words either side of the name (the pack's `near` by default): "pocket hematoma", not a subdural one. */
                near: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
                /**
                 * The words name the infection the Tabular asks to code beside the complication ("use additional
                 * code to identify infection": "Foley catheter UTI" is T83.511 and N39.0): their own reading stays.
                 */
                additional: v.optional(v.boolean()),
              }),
            ),
          ),
        }),
      ),
      v.minLength(1),
    ),
  }),
  /**
   * A status the words just before the mention put off (Index Status, awaiting organ transplant Z76.82): "awaiting
   * liver transplant", "a candidate for kidney transplant" is `code`, not the status of the operation done.
   */
  awaitingStatus: v.array(
    v.strictObject({
      literal: v.string(),
      source: v.string(),
      /** Codes of the mention (Z94 transplant status, Z75.1 waiting list). */
      codes: v.pipe(v.array(pattern), v.minLength(1)),
      code: pattern,
      /** Words or word sequences, one of which must be among the `near` words before the mention or the `after` words after it. */
      words: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
      near: v.pipe(v.number(), v.integer(), v.minValue(1)),
      /** Words after the mention read too ("kidney transplant waiting list"): few, so a later clause is not read. */
      after: v.pipe(v.number(), v.integer(), v.minValue(0)),
    }),
  ),
  /**
   * A procedure code not coded beside one that includes it: the inspection (root operation Inspection) beside a
   * procedure done through the same scope on the body part it looks at (the diagnostic EGD beside the biopsy or
   * the hemostasis, ICD-10-PCS B3.11a); the excision of the whole large intestine read from "polypectomy" beside
   * the excisions of the colon segments the note names (B3.2a, B4.1: the most specific body part).
   */
  proceduresCoveredBy: v.optional(
    v.array(
      v.strictObject({
        procedure: v.pipe(v.array(procedurePattern), v.minLength(1)),
        by: v.pipe(v.array(procedurePattern), v.minLength(1)),
        source: v.string(),
      }),
    ),
    [],
  ),
  /** A status code is not coded beside a code that includes it: the complication of that device or transplant. */
  statusCoveredBy: v.array(
    v.strictObject({ status: v.pipe(v.array(pattern), v.minLength(1)), by: v.pipe(v.array(pattern), v.minLength(1)), source: v.string() }),
  ),
  /**
   * A body mass index is coded (Z68.-, its band read from the Tabular titles) only beside an associated
   * diagnosis the provider documents, such as obesity (Guidelines I.B.14); adult bands from `adultFromAge`.
   */
  /**
   * The health check of a child under 29 days old is the newborn examination (Tabular Z00.11, Z00.12 Excludes1),
   * its leaf by the age in days the note states; `birthEpisodeOnly` codes are not coded on an outpatient visit.
   * Read by utils/coding/newborn-exam.ts.
   */
  newbornExamination: v.optional(
    v.strictObject({
      literal: v.string(),
      source: v.string(),
      /** Examination codes the age decides (the adult's, the child's, the newborn's header). */
      codes: v.pipe(v.array(pattern), v.minLength(1)),
      /** The category whose leaves' titles give the day ranges. */
      category: v.string(),
      maxDays: v.pipe(v.number(), v.integer(), v.minValue(1)),
      birthEpisodeOnly: v.array(pattern),
    }),
  ),
  bodyMassIndex: v.strictObject({
    literal: v.string(),
    source: v.string(),
    withDiagnoses: v.pipe(v.array(pattern), v.minLength(1)),
    adultFromAge: v.pipe(v.number(), v.integer(), v.minValue(1)),
  }),
  /**
   * The hormone receptor status of a breast cancer (Z17.-), coded beside the cancer (`withDiagnoses`): the
   * phrases of each status as pathology writes them ("ER+", "ER negative", "triple negative"), read from the
   * whole note outside `skipSections`; the status stated last wins (Tabular C50: use additional code).
   */
  /**
   * The patient's sex as the note states it (`female`, `male` words counted in the first `readChars`
   * characters), completing an incomplete code of a category whose character names it (C50.9 → C50.91-).
   */
  patientSex: v.strictObject({
    literal: v.string(),
    source: v.string(),
    readChars: v.pipe(v.number(), v.integer(), v.minValue(1)),
    female: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
    male: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
    codes: v.pipe(
      v.array(v.strictObject({ pattern, female: v.pipe(v.string(), v.regex(/^[0-9A-Z]$/)), male: v.pipe(v.string(), v.regex(/^[0-9A-Z]$/)) })),
      v.minLength(1),
    ),
  }),
  receptorStatus: v.strictObject({
    literal: v.string(),
    source: v.string(),
    withDiagnoses: v.pipe(v.array(pattern), v.minLength(1)),
    skipSections: v.array(v.picklist(SECTION_CATEGORIES)),
    statuses: v.pipe(
      v.array(v.strictObject({ code: pattern, phrases: v.pipe(v.array(v.pipe(v.string(), v.minLength(2))), v.minLength(1)), source: v.string() })),
      v.minLength(1),
    ),
  }),
  /**
   * The extent of burns or corrosions the note states as a percentage of the body surface (T31 / T32, Guidelines
   * I.C.19.d.6): the total in tens as the 4th character, the third-degree part in tens as the 5th, coded
   * beside the burns of a class; `thirdDegreeCodes` are the coded burns that are full thickness.
   */
  burnExtent: v.strictObject({
    literal: v.string(),
    source: v.string(),
    extentWords: v.pipe(v.array(v.string()), v.minLength(1)),
    thirdDegreeWords: v.pipe(v.array(v.string()), v.minLength(1)),
    thirdDegreeCodes: v.array(pattern),
    classes: v.pipe(
      v.array(v.strictObject({ literal: v.string(), category: v.pipe(v.string(), v.regex(/^T3[12]$/)), codes: v.pipe(v.array(pattern), v.minLength(1)) })),
      v.minLength(1),
    ),
  }),
  /**
   * Where an injury happened (Y92), in what activity (Y93) and status (Y99), read in the sentences about the
   * injury and its cause (those of coded injuries and causes, and those with a `cueWords` word): each the first
   * row whose words are there, once, at the initial encounter (`encounter`, the injuries' 7th character),
   * after the external cause (Guidelines I.C.20.b, c, k). Y99 only beside a coded cause or activity; an activity
   * marked `leisure` gives `leisureStatus` when no status is written.
   */
  externalCauseContext: v.strictObject({
    literal: v.string(),
    source: v.string(),
    injuries: v.pipe(v.array(pattern), v.minLength(1)),
    causes: v.pipe(v.array(pattern), v.minLength(1)),
    encounter: v.pipe(v.string(), v.regex(/^[A-Z]$/)),
    /** Sections whose sentences are no account of this injury, whatever their words ("discharged home"). */
    otherSections: v.array(v.picklist(SECTION_CATEGORIES)),
    cueWords: v.array(v.pipe(v.string(), v.minLength(1))),
    places: v.array(externalCauseRow),
    activities: v.array(v.strictObject({ ...externalCauseRow.entries, leisure: v.optional(v.boolean()) })),
    statuses: v.array(externalCauseRow),
    leisureStatus: pattern,
  }),
  /**
   * Burns and corrosions by degree (Guidelines I.C.19.d.1-2): `classes` give the 4th characters of each class
   * from the unspecified degree to the third; the same site and side is coded at its highest degree only, and
   * the highest degree is sequenced first.
   */
  burnDegrees: v.strictObject({
    source: v.string(),
    sameSite: v.string(),
    sequence: v.string(),
    categories: v.pipe(v.array(pattern), v.minLength(1)),
    classes: v.pipe(
      v.array(v.strictObject({ literal: v.string(), degrees: v.pipe(v.array(v.pipe(v.string(), v.regex(/^[0-9]$/))), v.minLength(2)) })),
      v.minLength(1),
    ),
  }),
  /** Superficial injuries not coded beside a more severe injury of the same region and side (Guidelines I.C.19.b.1). */
  superficialInjuries: v.strictObject({
    literal: v.string(),
    source: v.string(),
    superficial: v.pipe(v.array(pattern), v.minLength(1)),
    severe: v.pipe(v.array(pattern), v.minLength(1)),
  }),
  /** A documented drug allergy is a status: its Z88 code by the drug's Table of Drugs class (first match wins). */
  allergyStatus: v.strictObject({
    literal: v.string(),
    source: v.string(),
    classes: v.pipe(
      v.array(v.strictObject({ drugs: v.pipe(v.array(pattern), v.minLength(1)), code: pattern, literal: v.string() })),
      v.minLength(1),
    ),
    /** Codes of an allergy without its drug ("allergic" T78.40, "allergy" Z88.9) that a drug's status supersedes. */
    reactions: v.array(pattern),
  }),
  /**
   * An unspecified code whose category holds several kinds of condition ("B95.5 Unspecified streptococcus" beside
   * the staphylococci of B95): it yields as less specific only to a code of its own kind, `within`.
   */
  specificWithin: v.optional(
    v.array(v.strictObject({ literal: v.string(), source: v.string(), unspecified: pattern, within: v.pipe(v.array(pattern), v.minLength(1)) })),
  ),
  /**
   * An allergy to a substance that is no drug (latex, radiographic contrast, insects): its status code (Z91.03-,
   * Z91.04-) from the allergy list or a sentence with a `cues` word (utils/coding/substance-allergies.ts); a
   * `drugless` reading of the same sentence ("allergy" T78.40) is not coded beside it.
   */
  substanceAllergies: v.strictObject({
    literal: v.string(),
    source: v.string(),
    score: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
    cues: v.pipe(v.array(v.pipe(v.string(), v.regex(/^[a-z][a-z ]*$/, 'a lower-case word'))), v.minLength(1)),
    drugless: v.array(pattern),
    substances: v.pipe(
      v.array(
        v.strictObject({
          literal: v.string(),
          code: pattern,
          words: v.pipe(v.array(v.pipe(v.string(), v.regex(/^[a-z][a-z -]*$/, 'a lower-case phrase'))), v.minLength(1)),
        }),
      ),
      v.minLength(1),
    ),
  }),
  /**
   * A condition linked to a drug properly taken ("nausea due to cisplatin", "chemotherapy-induced nausea"): the
   * drug's adverse-effect code from the Table of Drugs follows the condition (utils/coding/adverse-effects.ts).
   */
  adverseEffects: v.strictObject({
    literal: v.string(),
    source: v.string(),
    /** Linking words between the condition and the drug after them ("due to", "secondary to"). */
    after: v.pipe(v.array(words1), v.minLength(1)),
    /** Linking words after the drug, before the condition ("cisplatin-induced nausea"). */
    before: v.array(words1),
    /** Words that may stand between the condition and its linking word ("is thought to be due to"). */
    bridge: v.array(words1),
    /** Words of an uncertain link there ("likely due to"): read as the setting reads an uncertain diagnosis. */
    uncertain: v.array(words1),
    /** Words allowed between the linking word and the drug ("due to high-dose cisplatin"). */
    gap: v.pipe(v.number(), v.integer(), v.minValue(0)),
    /** The 7th-character meaning of a condition treated now, where the note names no other encounter. */
    encounter: words1,
    /** Words that may follow a drug's name, its name then whole ("cisplatin therapy"; not "iron" of "iron deficiency"). */
    drugFollowers: v.array(words1),
    /** Words of a sentence where a drug is read in another column or as a status: poisoning, underdosing, allergy. */
    otherReadings: v.array(words1),
    /** Words the Table of Drugs does not list by that name, and the table's main term they name. */
    drugs: v.array(v.strictObject({ words: words1, table: words1, literal: v.string() })),
  }),
  /**
   * A coma scale total score written as a number ("GCS 8", "Glasgow 3/15"): the code of its band, with the
   * 7th character of the time the words near it name ("on arrival": 2), else left for the coder to pick.
   */
  comaScale: v.strictObject({
    literal: v.string(),
    source: v.string(),
    /** Score of the suggestion: a secondary code (Guidelines I.B.14), below the conditions. */
    score: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
    /** Names of the scale, in lower case ("glasgow coma scale", "gcs"). */
    names: scaleNames,
    /** Total scores and their 6-character codes; a score in no band (15, the normal) is not coded. */
    bands: scaleBands,
    /** 7th characters and the words that say when the score was taken ("on arrival"). */
    times: v.array(v.strictObject({ char: v.pipe(v.string(), v.regex(/^[0-9A-Z]$/, 'not a 7th character')), words: v.array(v.pipe(v.string(), v.minLength(1))) })),
    /** Words either side of the score that time words and `unless` words are read in. */
    near: v.pipe(v.number(), v.integer(), v.minValue(0)),
    /**
     * Words of the sentence that say the patient was sedated or in an induced coma: the score is not coded,
     * nor a coma (R40.20, R40.2A) with these words near it (Guidelines I.C.18.e).
     */
    unless: v.array(v.pipe(v.string(), v.minLength(1))),
    /** Codes beside which no score is coded ("cannot be used with code R40.2A", Guidelines I.C.18.e.1). */
    notWith: v.array(pattern),
  }),
  /**
   * The NIH stroke scale total (R29.7--, Guidelines I.C.18.i): read as the coma scale's total is (a number after
   * the scale's name), coded only beside a code of `requires` (the acute cerebral infarction it is scored for).
   */
  strokeScale: v.strictObject({
    literal: v.string(),
    source: v.string(),
    score: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
    names: scaleNames,
    /** Totals and their codes (the code names the score itself: NIHSS 14 is R29.714). */
    bands: scaleBands,
    near: v.pipe(v.number(), v.integer(), v.minValue(0)),
    unless: v.array(v.pipe(v.string(), v.minLength(1))),
    requires: v.pipe(v.array(pattern), v.minLength(1)),
  }),
  /**
   * Sequencing of paired codes (Guidelines I.A.13, I.B.7). The Tabular's code first and use additional code
   * notes give the order; these are the words to read them with, and the orders the notes do not write.
   */
  sequencing: v.strictObject({
    literal: v.string(),
    source: v.string(),
    /** Title words of a manifestation code ("in diseases classified elsewhere"): never first-listed. */
    manifestationTitles: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
    /** Words of a code first note that make its code a manifestation of the condition coded first ("underlying"). */
    underlyingWords: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
    /**
     * Words of a note that make it apply only when the condition is present ("if applicable", "associated", "for
     * adverse effect"): such a note orders the list but prompts for nothing, nor makes its code a manifestation.
     */
    conditionalWords: v.array(v.pipe(v.string(), v.minLength(1))),
    /** Conditions a note names by a word and no code ("use additional code to identify infection"), as code patterns. */
    noteClasses: v.array(
      v.strictObject({
        literal: v.string(),
        source: v.string(),
        words: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
        patterns: v.pipe(v.array(pattern), v.minLength(1)),
      }),
    ),
    /** Orders no Tabular note writes: a code of `first` before a code of `follow` (or of a note class) that is not itself of `first`. */
    rules: v.array(
      v.strictObject({
        literal: v.string(),
        source: v.string(),
        first: v.pipe(v.array(pattern), v.minLength(1)),
        follow: v.array(pattern),
        /** Note classes (by `literal`) whose codes follow too. */
        followClasses: v.optional(v.array(v.string())),
      }),
    ),
  }),
  /**
   * The 7th character of an injury (S00-T88) for the encounter, read from the note: each facet is one
   * part of the Tabular's 7th-character meanings ("initial encounter" / "subsequent encounter" / "sequela";
   * "closed fracture" / "open fracture"; "routine healing" / "nonunion"...). A choice is named by its meaning
   * text, not its letter (the letter differs by category); the character is the one whose meaning holds the
   * choices the note says (or the facet's default), and stays for the coder when the words disagree.
   */
  injuryEncounter: v.strictObject({
    literal: v.string(),
    source: v.string(),
    codes: v.pipe(v.array(pattern), v.minLength(1)),
    facets: v.pipe(
      v.array(
        v.strictObject({
          literal: v.string(),
          source: v.string(),
          /** The meaning taken when the note names none of the choices ("closed fracture": I.C.19.c.1). */
          default: v.optional(v.string()),
          choices: v.pipe(
            v.array(
              v.strictObject({
                /** Words of the Tabular's 7th-character meanings, lower case ("subsequent encounter"). */
                meaning: v.pipe(v.string(), v.minLength(1), v.regex(/^[^A-Z]*$/, 'write meanings in lower case')),
                literal: v.string(),
                /** Words read in the injury's own sentence first ("nonunion", "follow-up visit"). */
                words: v.array(v.pipe(v.string(), v.minLength(1))),
                /**
                 * Words that say what the whole visit is ("presents to the ED", "sutured"): read in the injury's
                 * sentence, then in the note. A word in upper case is read in upper case only ("ED").
                 */
                noteWords: v.array(v.pipe(v.string(), v.minLength(1))),
              }),
            ),
            v.minLength(2),
          ),
        }),
      ),
      v.minLength(1),
    ),
    /**
     * Words from which the rest of a sentence speaks of a later visit or advice ("will return for suture
     * removal", "follow up with orthopedics for cast removal"): not read for this encounter.
     */
    futureWords: v.array(v.pipe(v.string(), v.minLength(1))),
    /**
     * A word a title may hold that the note is taken to say unless it says the opposite: a fracture not
     * said to be displaced or nondisplaced is displaced (Guidelines I.C.19.c.1). `oppositeWords` are read as
     * `opposite` ("non-displaced" is "nondisplaced").
     */
    impliedWords: v.array(
      v.strictObject({
        literal: v.string(),
        source: v.string(),
        codes: v.pipe(v.array(pattern), v.minLength(1)),
        word: v.pipe(v.string(), v.minLength(1)),
        opposite: v.pipe(v.string(), v.minLength(1)),
        oppositeWords: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
      }),
    ),
  }),
  /**
   * The type of diabetes the record documents (Guidelines I.C.4.a, I.C.4.a.2): the words naming each type, and
   * the default type the Index reads a complication under when the words name none (diabetes-type.ts).
   */
  diabetesType: v.strictObject({
    literal: v.string(),
    source: v.string(),
    default: v.pipe(v.string(), v.regex(/^E(?:0[89]|1[013])$/, 'a diabetes category')),
    types: v.pipe(
      v.array(
        v.strictObject({
          category: v.pipe(v.string(), v.regex(/^E(?:0[89]|1[013])$/, 'a diabetes category')),
          words: v.pipe(v.array(words1), v.minLength(1)),
        }),
      ),
      v.minLength(2),
    ),
  }),
  /**
   * The sides a code's title names ("of left forearm", "of right radius", "bilateral"): two codes naming
   * sides that do not meet are two unrelated conditions, not an Excludes1 pair (Guidelines I.A.12.a).
   */
  titleSides: v.strictObject({
    literal: v.string(),
    source: v.string(),
    /** A word of a title, lower case, and the sides it names. */
    words: v.pipe(
      v.array(
        v.strictObject({
          word: v.pipe(v.string(), v.regex(/^[a-z]+$/, 'one lower-case word')),
          sides: v.pipe(v.array(v.picklist(['right', 'left'])), v.minLength(1)),
        }),
      ),
      v.minLength(1),
    ),
  }),
  /** Pregnancy, delivery and the newborn record (ICD-10-CM chapter 15, Z3A, Z37): read by utils/coding/obstetric.ts. */
  obstetric: v.strictObject({
    literal: v.string(),
    source: v.string(),
    /** Words (lower case) that make the record a pregnancy's, and patterns (regular expressions, as written) such as G2P1. */
    maternalWords: v.pipe(v.array(words1), v.minLength(1)),
    maternalPatterns: v.array(regexSource),
    /** Words of the note's opening characters that make it the newborn's record: no chapter 15, Z3A or Z37 code there (I.C.15.a.2). */
    newbornWords: v.array(words1),
    newbornOpening: v.pipe(v.number(), v.integer(), v.minValue(1)),
    /** Words that say the patient delivered (ConText: not negated, planned or past), and delivery procedures done in the stay. */
    deliveryWords: v.pipe(v.array(words1), v.minLength(1)),
    /**
     * Words before a delivery word in its sentence that put the delivery before this encounter ("postpartum day 6
     * after vaginal delivery"): the patient is in the puerperium, and no delivery or outcome is coded.
     */
    priorDeliveryWords: v.array(words1),
    deliveryProcedures: v.array(procedurePattern),
    /** Words that make a number of weeks the gestation ("EGA", "gestation", "G2P1"). */
    gestationWords: v.array(words1),
    /** The word just before ("diagnosed at 37 weeks", "for 2 weeks") or just after ("6 weeks postpartum") a number of weeks that makes it a time of something else. */
    eventWords: v.strictObject({ before: v.array(words1), after: v.array(words1) }),
    /** Phrases of chapter 15 titles that say when: the rest of the title names the condition. */
    timings: v.pipe(
      v.array(v.strictObject({ timing: v.picklist(['childbirth', 'puerperium', 'pregnancy', 'unspecified', '1', '2', '3']), phrases: v.pipe(v.array(words1), v.minLength(1)) })),
      v.minLength(1),
    ),
    /** Words of multiple births, and the word of the Z37 titles for them. */
    multiples: v.array(v.strictObject({ births: v.pipe(v.number(), v.integer(), v.minValue(2)), words: v.pipe(v.array(words1), v.minLength(1)), title: words1 })),
    /**
     * The newborn's own record (I.C.16): the birth episode's Z38 (place of birth, delivery, how many born),
     * first-listed; prematurity in the completed weeks written and the birth weight beside it (I.C.16.e).
     */
    newborn: v.optional(
      v.strictObject({
        literal: v.string(),
        source: v.string(),
        /** Words saying the baby was born in this hospital in this stay: the birth episode. */
        bornHereWords: v.array(words1),
        /** Words saying the baby was born outside a hospital and admitted after: Z38 "born outside hospital". */
        bornOutsideWords: v.array(words1),
        /** Words saying this stay is not the birth episode (a transfer in, a readmission): no Z38 (I.C.16.a.2). */
        notBirthEpisodeWords: v.array(words1),
        /** Words naming a cesarean birth; a birth episode without them is a vaginal delivery. */
        cesareanWords: v.array(words1),
        /** Words before a weight that make it the birth weight ("birth weight 2,450 g", "BW 5 lb 7 oz"). */
        birthWeightWords: v.pipe(v.array(words1), v.minLength(1)),
        /** Categories of prematurity by weeks and of low birth weight by grams (Tabular P07). */
        weeksCategories: v.pipe(v.array(v.string()), v.minLength(1)),
        weightCategories: v.pipe(v.array(v.string()), v.minLength(1)),
        /** A suspected condition ruled out on the newborn's record: the Z05 code of its body system (Tabular Z05, I.C.21.c.6). */
        ruledOut: v.optional(v.array(v.strictObject({ code: v.string(), patterns: v.pipe(v.array(pattern), v.minLength(1)) }))),
        /**
         * A condition on the newborn's record read as the adult's (Sepsis A41.9, Jaundice R17) is the perinatal
         * code the Index gives under its newborn or neonatal subterm (Sepsis, newborn P36.9): `codes` become `code`,
         * or give way to a code of `code`'s category already on the record (I.C.16.a.1, I.C.16.a.5). A symptom the Index
         * sends to one newborn disease (Tachypnea, newborn P22.1, the transient tachypnea) is left out: a tachypneic
         * newborn with another illness does not have that disease.
         */
        perinatalForms: v.optional(
          v.array(v.strictObject({ codes: v.pipe(v.array(pattern), v.minLength(1)), code: v.string(), index: v.pipe(v.array(v.string()), v.minLength(2)) })),
        ),
      }),
    ),
    liveWords: v.array(words1),
    stillWords: v.array(words1),
    /** Words of the Z37 titles for all born alive, some, or none, by number of births (3: three or more). */
    liveness: v.array(v.strictObject({ births: v.pipe(v.number(), v.integer(), v.minValue(1)), live: v.string(), some: v.string(), still: v.string() })),
    /** Codes that a pregnancy makes a chapter 15 code (`code`, its timing chosen as above); `keep`: the first code stays beside it. */
    counterparts: v.array(v.strictObject({ literal: v.string(), source: v.string(), codes: v.pipe(v.array(pattern), v.minLength(1)), code: pattern, keep: v.boolean() })),
    /** Main terms (Index titles) read below another entry when the patient delivered in the stay ("perineal laceration": Delivery, complicated, by, laceration). */
    deliveryEntries: v.array(
      v.strictObject({
        mains: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
        path: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(2)),
        source: v.string(),
      }),
    ),
    /** The uncomplicated delivery code, and the only outcome it goes with. */
    uncomplicated: v.strictObject({ code: pattern, outcome: pattern, source: v.string() }),
    /**
     * A condition in a pregnancy is presumed to complicate it (I.C.15.a.1): where the Index puts it in a pregnancy
     * (utils/coding/pregnancy-conditions.ts), when `pregnantWords` (ConText: not negated, past or planned), or a
     * gravida/para notation beside the weeks of gestation ("G2P1 at 30 weeks"), say she is pregnant in this encounter. `entry`: the Index entry ("Pregnancy, complicated by"); `ownSubterms`:
     * subterm titles below a condition's own entry that name a pregnancy; `implied`: subterms a condition in a
     * pregnancy may pass unwritten ("pre-existing"); `tabularPhrases`: how chapter 15 titles end after the
     * condition ("in pregnancy"); `keepNotes`: words of a code-less "use additional code" note that keep the
     * condition's own code; `skip`: codes never looked up (nor taken from a note); `notedCodes`: the chapter 15 codes whose
     * "use additional code" notes name the class of condition they are for; `incidental`: words that say the pregnancy is
     * incidental to the encounter, and its code.
     */
    complicating: v.strictObject({
      literal: v.string(),
      source: v.string(),
      entry: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(2)),
      ownSubterms: v.array(v.pipe(v.array(words1), v.minLength(1))),
      pregnantWords: v.pipe(v.array(words1), v.minLength(1)),
      /**
       * Words ending the text just before a `pregnantWords` hit that make it another woman's pregnancy or a past one
       * ("her therapist was pregnant", "while she was pregnant" in a child's history): no pregnancy of the patient now.
       */
      notNowBefore: v.optional(v.array(words1)),
      /**
       * Words starting the text just after a `pregnantWords` hit that make it a past pregnancy or the mother's pregnancy
       * with the patient ("3 months pregnant with the patient", "pregnant at the age of 17"): no pregnancy of the patient now.
       */
      notNowAfter: v.optional(v.array(words1)),
      implied: v.array(words1),
      tabularPhrases: v.pipe(v.array(words1), v.minLength(1)),
      keepNotes: v.pipe(v.array(words1), v.minLength(1)),
      skip: v.array(pattern),
      notedCodes: pattern,
      classCodes: pattern,
      incidental: v.strictObject({ words: v.pipe(v.array(words1), v.minLength(1)), code: pattern, source: v.string() }),
    }),
  }),
  /**
   * Excludes1 notes the bundled Tabular (FY2021) still has but a later Tabular addenda deleted or made
   * Excludes2: the two codes may be coded together (Z79.4 beside Z79.84 since FY2022).
   */
  retiredExcludes1: v.array(v.strictObject({ literal: v.string(), source: v.string(), code: pattern, excludes: pattern })),
  /**
   * A follow-up examination after completed treatment (Z08 after a malignancy, Z09 otherwise): the condition
   * treated is a past one (its personal history code), and the follow-up code is first-listed.
   */
  followUpExamination: v.optional(
    v.strictObject({
      literal: v.string(),
      source: v.string(),
      /** The settings the visit is read in: an inpatient stay's "post-op check" is the stay's own operation. */
      settings: v.pipe(v.array(v.picklist(['inpatient', 'outpatient'] as const)), v.minLength(1)),
      sections: v.pipe(v.array(v.picklist(SECTION_CATEGORIES)), v.minLength(1)),
      follow: visitWords,
      cues: v.pipe(v.array(regexSource), v.minLength(1)),
      /** The follow-up code after a malignancy (a personal history of it coded) and after any other condition. */
      malignant: pattern,
      other: pattern,
      /** Personal-history codes of a malignancy, and of other conditions. */
      malignantHistory: v.pipe(v.array(pattern), v.minLength(1)),
      otherHistory: v.pipe(v.array(pattern), v.minLength(1)),
      /** Codes that make it no follow-up code: an injury's visit after treatment is its 7th character D. */
      unless: v.array(pattern),
    }),
  ),
  /**
   * An aftercare visit after an operation: the status the operation left (Z96.6- joint, Z90.4- digestive organ
   * removed) gives the aftercare code of its kind, first-listed; the generic one (Z48.89) yields to it.
   */
  aftercare: v.optional(
    v.strictObject({
      literal: v.string(),
      source: v.string(),
      settings: v.pipe(v.array(v.picklist(['inpatient', 'outpatient'] as const)), v.minLength(1)),
      sections: v.pipe(v.array(v.picklist(SECTION_CATEGORIES)), v.minLength(1)),
      cues: v.pipe(v.array(regexSource), v.minLength(1)),
      generic: v.array(pattern),
      unless: v.array(pattern),
      rows: v.pipe(
        v.array(v.strictObject({ literal: v.string(), source: v.string(), status: v.pipe(v.array(pattern), v.minLength(1)), code: pattern })),
        v.minLength(1),
      ),
    }),
  ),
  /**
   * An encounter to examine and observe a patient after an accident in which no injury is found: the observation
   * code of the accident's kind (Z04.1 transport, Z04.3 other), first-listed; not when an injury or a sign or
   * symptom is coded (then that is coded).
   */
  accidentObservation: v.optional(
    v.strictObject({
      literal: v.string(),
      source: v.string(),
      settings: v.pipe(v.array(v.picklist(['inpatient', 'outpatient'] as const)), v.minLength(1)),
      sections: v.pipe(v.array(v.picklist(SECTION_CATEGORIES)), v.minLength(1)),
      cues: v.pipe(v.array(regexSource), v.minLength(1)),
      unless: v.array(pattern),
      /** Codes that make it no observation unless they are chronic conditions (`chronic`): a symptom found (neck pain M54.2). */
      unlessAcute: v.array(pattern),
      rows: v.pipe(v.array(v.strictObject({ causes: v.pipe(v.array(pattern), v.minLength(1)), code: pattern })), v.minLength(1)),
    }),
  ),
  /**
   * Excludes1 notes that exclude a code for another thing than the code beside it names: the two are unrelated
   * conditions, coded together (Guidelines I.A.12.a exception). Z99 excludes cardiac pacemaker status Z95.0 for
   * dependence on a pacemaker (Z99.89), not for dialysis or oxygen; Z16 excludes the MRSA codes for the
   * methicillin resistance they include, not for another drug's resistance.
   */
  unrelatedExcludes1: v.array(v.strictObject({ literal: v.string(), source: v.string(), code: pattern, excludes: pattern })),
  combinations: v.array(
    v.strictObject({
      id: v.string(),
      literal: v.string(),
      source: v.string(),
      requires: v.pipe(v.array(pattern), v.minLength(2)),
      code: template,
      remove: v.array(v.union([template, pattern])),
      keep: v.array(v.pipe(v.number(), v.integer(), v.minValue(0))),
    }),
  ),
});

export type CodingRulePack = v.InferOutput<typeof schema>;
export type CombinationRule = CodingRulePack['combinations'][number];
export type SequencingRules = CodingRulePack['sequencing'];
export type ProcedureStatusRule = CodingRulePack['ongoingProcedures'][number];
export type ComaScaleRule = CodingRulePack['comaScale'];
export type StrokeScaleRule = CodingRulePack['strokeScale'];
export type PresentDeviceRules = CodingRulePack['presentDevices'];
export type PresentDevice = PresentDeviceRules['devices'][number];
export type InjuryEncounterRules = CodingRulePack['injuryEncounter'];
export type AdverseEffectRules = CodingRulePack['adverseEffects'];
export type TitleSideRules = CodingRulePack['titleSides'];
export type LateralityRules = CodingRulePack['laterality'];
export type ReceptorStatusRules = CodingRulePack['receptorStatus'];
export type PatientSexRules = CodingRulePack['patientSex'];
export type ObstetricRules = CodingRulePack['obstetric'];
export type BurnExtentRules = CodingRulePack['burnExtent'];
export type ExternalCauseContextRules = CodingRulePack['externalCauseContext'];
export type BurnDegreeRules = CodingRulePack['burnDegrees'];

export class RulePackError extends Error {}

/** Validate a rule pack against its schema; throws `RulePackError` naming the file, the path and the first problem. */
export function parsePack<T>(schema: v.GenericSchema<unknown, T>, input: unknown, file: string): T {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const where = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
  throw new RulePackError(`${file}: ${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}`);
}

export function parseCodingRules(input: unknown, file = 'coding.json'): CodingRulePack {
  const pack = parsePack(schema, input, file);
  for (const band of pack.comaScale.bands) {
    if (band.min > band.max) throw new RulePackError(`${file}: comaScale.bands: ${band.code} runs from ${band.min} down to ${band.max}`);
  }
  for (const rule of pack.sequencing.rules) {
    const unknown = (rule.followClasses ?? []).find((c) => !pack.sequencing.noteClasses.some((n) => n.literal === c));
    if (unknown !== undefined) throw new RulePackError(`${file}: sequencing.rules: no note class '${unknown}'`);
    if (rule.follow.length === 0 && (rule.followClasses ?? []).length === 0) throw new RulePackError(`${file}: sequencing.rules: '${rule.literal}' has nothing to follow`);
  }
  for (const facet of pack.injuryEncounter.facets) {
    if (facet.default !== undefined && !facet.choices.some((c) => c.meaning === facet.default))
      throw new RulePackError(`${file}: injuryEncounter.facets: ${facet.literal}: the default '${facet.default}' is none of its choices`);
  }
  // The first row of a symptom is the one read: a second would be silently ignored.
  const symptoms = new Set<string>();
  for (const row of pack.integralSymptoms) {
    if (symptoms.has(row.symptom)) throw new RulePackError(`${file}: integralSymptoms: ${row.symptom} is listed twice; give it one row`);
    symptoms.add(row.symptom);
  }
  for (const rule of pack.combinations) {
    if (rule.keep.some((k) => k >= rule.requires.length))
      throw new RulePackError(`${file}: combinations.${rule.id}: keep names a code that is not required`);
  }
  return pack;
}

let loaded: CodingRulePack | undefined;
/** The shipped pack, validated on first use (not at import: entrypoints are imported by the build). */
export function defaultCodingRules(): CodingRulePack {
  loaded ??= parseCodingRules(data);
  return loaded;
}

export function sectionWeight(pack: CodingRulePack, section: SectionCategory): number {
  return pack.sectionWeights[section] ?? 0.7;
}
