import type { IFuseOptions } from 'fuse.js';
import type { MatchSource } from './types';

/** Every search default in one frozen place (krisk/Fuse habit); tests assert ranking, not these numbers. */
export const SEARCH_DEFAULTS = Object.freeze({
  limit: 25,
  /** A pasted paragraph is cut, not refused. */
  maxQueryLength: 256,
  maxQueryWords: 12,
  /** Words shorter than this match whole words only ("b" in hepatitis b). */
  minPrefixLength: 3,
  /** Words shorter than this are not spell-corrected. */
  minCorrectionLength: 4,
  /** How many prefiltered candidates get the detailed score and Fuse.js. */
  rerankCandidates: 250,
  /** How many of the best-scored candidates Fuse.js reorders. */
  fuseCandidates: 60,
  fuseWeight: 0.3,
  orderBonus: 0.05,
  /** Every word the entry requires was matched: "Failure, heart" for "heart failure". */
  completeBonus: 0.12,
  mainTermBonus: 0.1,
  billableBonus: 0.03,
  unmatchedPenalty: 0.12,
  /** A word matched only among nonessential modifiers or a table column counts this much. */
  extraMatchFactor: 0.7,
  /** When fewer documents than this hold every word, near matches (all but one word) are added. */
  topUpBelow: 8,
  sourceWeight: Object.freeze({ code: 1, index: 1, title: 0.97, inclusion: 0.9, eindex: 0.85, neoplasm: 0.85, drug: 0.85 } satisfies Record<MatchSource, number>),
  fuse: Object.freeze({
    includeScore: true,
    ignoreLocation: true,
    threshold: 1,
    isCaseSensitive: false,
    // Brevity is scored by the engine on the words that must match; Fuse's length norm would count modifiers.
    ignoreFieldNorm: true,
  } satisfies IFuseOptions<string>),
});
