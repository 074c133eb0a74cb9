/**
 * A fast 53-bit string hash (cyrb53-style: two 32-bit multiply-xorshift lanes), as 14 hex digits.
 * It only tells "same text as last time" apart from "changed"; it is not a security boundary.
 */
export function hashText(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return value.toString(16).padStart(14, '0');
}

/** The snapshot hash: the mode is part of it, so a selection never masks the page text. */
export function snapshotHash(mode: 'page' | 'selection', text: string): string {
  return hashText(text, mode === 'page' ? 1 : 2);
}
