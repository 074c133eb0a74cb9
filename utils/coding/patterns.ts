/**
 * Code patterns in rule packs: a code (`E119`), a prefix (`N18*`), a range of 3-character
 * categories (`J12-J18`), or alternatives joined by `|`. Codes without dots.
 */
export function matchesPattern(code: string, pattern: string): boolean {
  return compiledPattern(pattern)(code);
}

// Patterns come from the rule packs and the tabular notes (a bounded set), and each is tested against
// every reading of every note: it is parsed once.
const compiledPatterns = new Map<string, (code: string) => boolean>();

function compiledPattern(pattern: string): (code: string) => boolean {
  let test = compiledPatterns.get(pattern);
  if (!test) {
    const alternatives = pattern.split('|').map((alt) => compileOne(alt.trim()));
    test = alternatives.length === 1 ? (alternatives[0] as (code: string) => boolean) : (code) => alternatives.some((one) => one(code));
    compiledPatterns.set(pattern, test);
  }
  return test;
}

function compileOne(pattern: string): (code: string) => boolean {
  if (pattern.endsWith('*')) {
    const prefix = pattern.slice(0, -1);
    return (code) => code.startsWith(prefix);
  }
  const range = /^([A-Z][0-9A-Z]{2})-([A-Z][0-9A-Z]{2})$/.exec(pattern);
  if (range) {
    const [, first, last] = range as unknown as [string, string, string];
    return (code) => {
      const category = code.slice(0, 3);
      return category >= first && category <= last;
    };
  }
  return (code) => code === pattern;
}

export const PATTERN_SHAPE = /^(?:[A-Z][0-9A-Z]{1,6}\*?|[A-Z][0-9A-Z]{2}-[A-Z][0-9A-Z]{2})(?:\|(?:[A-Z][0-9A-Z]{1,6}\*?|[A-Z][0-9A-Z]{2}-[A-Z][0-9A-Z]{2}))*$/;

/** Code references in an instructional note: `bronchiectasis (J47.-)`, `birth trauma (P10-P15)`, `(I97.13-)`. */
export function codeReferences(noteText: string): string[] {
  const out: string[] = [];
  for (const m of noteText.matchAll(/\b([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)(?:\.?-)?(?:\s*-\s*([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?))?/g)) {
    const first = (m[1] as string).replace('.', '');
    const second = m[2]?.replace('.', '');
    if (second && first.length === 3 && second.length === 3) out.push(`${first}-${second}`);
    else if (second) out.push(`${first}*`, `${second}*`);
    else out.push(`${first}*`);
  }
  return out;
}
