/**
 * Evidence highlighting with the CSS Custom Highlight API: `CSS.highlights.set(name, new Highlight(...ranges))`.
 * The page's DOM is not touched. Each document keeps its own highlight registry, so ranges are grouped
 * by document (a note in a nested frame is highlighted in that frame). The `::highlight()` style is a
 * constructed stylesheet adopted by the document or shadow root that holds the text (CSSOM, not a
 * DOM node), added on first use and removed again by `clearHighlights`.
 */

export const HIGHLIGHT_NAME = 'chartcode-evidence';

/** Yellow marker with an underline, so the highlight does not rely on colour alone. */
export const HIGHLIGHT_CSS = `::highlight(${HIGHLIGHT_NAME}) { background-color: #ffe066; color: #111; text-decoration: underline 2px #b45309; }`;

interface HighlightWindow {
  CSS?: { highlights?: Map<string, unknown> };
  Highlight?: new (...ranges: Range[]) => unknown;
  CSSStyleSheet?: new () => CSSStyleSheet;
}

type StyledRoot = Document | ShadowRoot;

/** What this content script added, so it can take it away again. */
export class Highlighter {
  private readonly registries = new Set<HighlightWindow>();
  private readonly sheets = new Map<StyledRoot, CSSStyleSheet>();

  /** Is the Custom Highlight API available in this document's window? */
  static supported(doc: Document): boolean {
    const view = doc.defaultView as unknown as HighlightWindow | null;
    return Boolean(view?.CSS?.highlights && view.Highlight);
  }

  /**
   * Replace the highlight with these ranges; scroll the first into view. Returns how many ranges are
   * shown (0 when the API is missing).
   */
  show(ranges: readonly Range[], options: { scroll?: boolean } = {}): number {
    this.clearRegistries();
    const byWindow = new Map<HighlightWindow, Range[]>();
    for (const range of ranges) {
      const doc = range.startContainer.ownerDocument;
      const view = doc?.defaultView as unknown as HighlightWindow | null;
      if (!view?.CSS?.highlights || !view.Highlight) continue;
      const list = byWindow.get(view) ?? [];
      list.push(range);
      byWindow.set(view, list);
      this.ensureStyle(range.startContainer.getRootNode() as StyledRoot, view);
    }
    let shown = 0;
    for (const [view, list] of byWindow) {
      const Ctor = view.Highlight as new (...r: Range[]) => unknown;
      view.CSS?.highlights?.set(HIGHLIGHT_NAME, new Ctor(...list));
      this.registries.add(view);
      shown += list.length;
    }
    const first = ranges[0];
    if (options.scroll !== false && first) scrollToRange(first);
    return shown;
  }

  private clearRegistries(): void {
    for (const view of this.registries) {
      try {
        view.CSS?.highlights?.delete(HIGHLIGHT_NAME);
      } catch {
        // The frame went away.
      }
    }
    this.registries.clear();
  }

  /** Remove the highlight and the stylesheets this script adopted. */
  clear(): void {
    this.clearRegistries();
    for (const [root, sheet] of this.sheets) {
      try {
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
      } catch {
        // The root went away.
      }
    }
    this.sheets.clear();
  }

  private ensureStyle(root: StyledRoot, view: HighlightWindow): void {
    if (this.sheets.has(root) || !('adoptedStyleSheets' in root) || !view.CSSStyleSheet) return;
    try {
      const sheet = new view.CSSStyleSheet();
      sheet.replaceSync(HIGHLIGHT_CSS);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      this.sheets.set(root, sheet);
    } catch {
      // Without the sheet the highlight is registered but unstyled; nothing else to do.
    }
  }
}

/** Bring the highlighted text to the middle of the screen (its frames scroll along). */
export function scrollToRange(range: Range): void {
  try {
    const node = range.startContainer;
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    el?.scrollIntoView({ block: 'center', inline: 'nearest' });
  } catch {
    // Scrolling is a courtesy.
  }
}
