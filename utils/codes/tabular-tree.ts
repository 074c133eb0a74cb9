import { displayCode, hasCodeShape, normalizeCode } from './code-format';
import type { SeventhCharacter, TabularNode, TabularNote } from './types';

/**
 * Pure functions over the Tabular List tree (`TabularNode`s keyed by id). Nodes store only their
 * own notes and 7th characters; the classification says both are inherited down the tree, so the
 * walking up happens here.
 */
export type TabularTree = ReadonlyMap<string, TabularNode>;

/** A note as it applies to a code, with the id of the node that carries it (`E11`, `chapter:4`). */
export interface InheritedNote extends TabularNote {
  from: string;
}

/** Codes are at most 7 characters; a 7th character follows a 6-character code. */
const SEVENTH_CHARACTER_BASE_LENGTH = 6;

export function indexTabular(nodes: readonly TabularNode[]): Map<string, TabularNode> {
  return new Map(nodes.map((node) => [node.id, node]));
}

/**
 * The deepest diag node for a code given with or without dot, in any case: `S72001A` -> `S72.001`,
 * `T360X1A` -> `T36.0X1`, `S0300XA` -> `S03.00`. Undefined if not even the category exists.
 */
export function findTabularNode(tree: TabularTree, code: string): TabularNode | undefined {
  const normalized = normalizeCode(code);
  if (!hasCodeShape('icd10cm', normalized)) return undefined;
  // 7th characters and placeholder X are not nodes: drop characters until a node matches.
  for (let length = normalized.length; length >= 3; length--) {
    const node = tree.get(displayCode('icd10cm', normalized.slice(0, length)));
    if (node?.kind === 'diag') return node;
  }
  return undefined;
}

/** The node's ancestors up to its chapter, nearest first (the node itself excluded). */
export function ancestors(tree: TabularTree, id: string): TabularNode[] {
  const result: TabularNode[] = [];
  const visited = new Set<string>([id]);
  let parentId = tree.get(id)?.parent;
  // `visited` guards against a malformed tree whose parents loop.
  while (parentId !== undefined && !visited.has(parentId)) {
    const parent = tree.get(parentId);
    if (!parent) break;
    result.push(parent);
    visited.add(parentId);
    parentId = parent.parent;
  }
  return result;
}

/** The node for a code followed by its ancestors, nearest first; [] if the code has no node. */
function lineage(tree: TabularTree, code: string): TabularNode[] {
  const node = findTabularNode(tree, code);
  return node ? [node, ...ancestors(tree, node.id)] : [];
}

/**
 * Every note that applies to a code: its node's own, then each ancestor's (section and chapter
 * included), nearest first. By the Tabular List's convention a note at a chapter, section or
 * category (Excludes1/2, code first, use additional code, ...) applies to every code below it.
 */
export function inheritedNotes(tree: TabularTree, code: string): InheritedNote[] {
  return lineage(tree, code).flatMap((node) => node.notes.map((note) => ({ ...note, from: node.id })));
}

/** `S720` -> `S720XX`: pad a code (no dot) with placeholder X to 6 characters for a 7th character. */
export function padWithPlaceholder(code: string): string {
  return normalizeCode(code).padEnd(SEVENTH_CHARACTER_BASE_LENGTH, 'X');
}

/**
 * Whether a 7th character that the tabular defines is nevertheless not valid for a 6-character
 * code. Tabular note at category S06 (applied with Official Guidelines I.C.19.a): "7th characters
 * D and S do not apply to codes in category S06 with 6th character 7 - death due to brain injury
 * prior to regaining consciousness, or 8 - death due to other cause prior to regaining
 * consciousness." A patient who died cannot have a subsequent encounter or a sequela.
 */
export function isSeventhCharacterExcluded(base: string, char: string): boolean {
  const code = normalizeCode(base);
  const sixth = code[5];
  return code.startsWith('S06') && (sixth === '7' || sixth === '8') && (char === 'D' || char === 'S');
}

/** The nearest own 7th-character definitions, from the node up. */
function nearestSeventh(nodesUp: readonly TabularNode[]): SeventhCharacter[] {
  for (const node of nodesUp) {
    if (node.seventh && node.seventh.length > 0) return node.seventh;
  }
  return [];
}

/**
 * The 7th characters that apply to a code: the nearest `sevenChrDef` up the tree (Official
 * Guidelines I.A.5: a category's 7th characters apply to all codes within it), minus those the S06
 * death exception removes. [] when the code takes no 7th character (or has no node).
 */
export function seventhCharacters(tree: TabularTree, code: string): SeventhCharacter[] {
  const nodesUp = lineage(tree, code);
  const [node] = nodesUp;
  if (!node) return [];
  // The exception depends on the 6th character of the classification code, i.e. of the node
  // padded with placeholder X, not on whatever extra characters the caller typed.
  const base = padWithPlaceholder(node.id);
  return nearestSeventh(nodesUp).filter((seventh) => !isSeventhCharacterExcluded(base, seventh.char));
}

/**
 * Every code the tabular implies, without dot, in document order: each leaf diag as is, or, where
 * 7th characters apply, the leaf padded with placeholder X to 6 characters plus each 7th character
 * (S06 death exception applied). FY2021 gives 72,621 codes, the size of that year's order file.
 */
export function expandTabularCodes(source: TabularTree | readonly TabularNode[]): string[] {
  const tree: TabularTree = source instanceof Map ? source : indexTabular(source as readonly TabularNode[]);
  const parentsOfDiags = new Set<string>();
  for (const node of tree.values()) {
    if (node.kind === 'diag' && node.parent !== undefined) parentsOfDiags.add(node.parent);
  }

  // Memoised per node: the nearest 7th-character definitions at or above it.
  const seventhCache = new Map<string, SeventhCharacter[]>();
  const seventhFor = (node: TabularNode): SeventhCharacter[] => {
    const cached = seventhCache.get(node.id);
    if (cached) return cached;
    let result: SeventhCharacter[] = [];
    if (node.seventh && node.seventh.length > 0) result = node.seventh;
    else {
      const parent = node.parent === undefined ? undefined : tree.get(node.parent);
      if (parent && parent.id !== node.id) result = seventhFor(parent);
    }
    seventhCache.set(node.id, result);
    return result;
  };

  const codes: string[] = [];
  for (const node of tree.values()) {
    if (node.kind !== 'diag' || parentsOfDiags.has(node.id)) continue;
    const code = normalizeCode(node.id);
    const sevenths = seventhFor(node);
    if (sevenths.length === 0 || code.length > SEVENTH_CHARACTER_BASE_LENGTH) {
      codes.push(code);
      continue;
    }
    const base = padWithPlaceholder(code);
    for (const { char } of sevenths) {
      if (!isSeventhCharacterExcluded(base, char)) codes.push(base + char);
    }
  }
  return codes;
}
