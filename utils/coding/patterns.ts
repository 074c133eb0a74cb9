/**
 * Code patterns in rule packs: a code (`E119`), a prefix (`N18*`), a range of 3-character
 * categories (`J12-J18`), or alternatives joined by `|`. Codes without dots.
 */
export function matchesPattern(code: string, pattern: string): boolean {
  return pattern.split('|').some((alt) => matchesOne(code, alt.trim()));
}

function matchesOne(code: string, pattern: string): boolean {
  if (pattern.endsWith('*')) return code.startsWith(pattern.slice(0, -1));
  const range = /^([A-Z][0-9A-Z]{2})-([A-Z][0-9A-Z]{2})$/.exec(pattern);
  if (range) {
    const category = code.slice(0, 3);
    return category >= (range[1] as string) && category <= (range[2] as string);
  }
  return code === pattern;
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
