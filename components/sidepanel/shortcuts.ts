/**
 * The panel's keyboard shortcuts as data (listed in the panel) and one pure function that maps a key
 * press to an action, tested without rendering. Keys typed into a field are never shortcuts.
 */
import type { PanelTab } from './model';

export type ShortcutAction =
  | { type: 'tab'; index: number }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'accept' }
  | { type: 'reject' }
  | { type: 'undo' };

/** Where the key was pressed: a field (typing), a suggestion row itself, anything else. */
export type FocusPlace = 'field' | 'suggestion' | 'other';

export interface KeyPress {
  key: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  isComposing?: boolean;
}

export function deriveShortcut(press: KeyPress, place: FocusPlace, tab: PanelTab, tabCount: number): ShortcutAction | undefined {
  if (press.altKey || press.ctrlKey || press.metaKey || press.isComposing || place === 'field') return undefined;
  if (/^[1-9]$/.test(press.key)) {
    const index = Number(press.key) - 1;
    return index < tabCount ? { type: 'tab', index } : undefined;
  }
  if (tab !== 'suggestions') return undefined;
  switch (press.key) {
    case 'j':
      return { type: 'next' };
    case 'k':
      return { type: 'previous' };
    // Arrows and Enter only on a suggestion row: elsewhere they scroll the panel or press a button.
    case 'ArrowDown':
      return place === 'suggestion' ? { type: 'next' } : undefined;
    case 'ArrowUp':
      return place === 'suggestion' ? { type: 'previous' } : undefined;
    case 'Enter':
      return place === 'suggestion' ? { type: 'accept' } : undefined;
    case 'a':
      return { type: 'accept' };
    case 'x':
      return { type: 'reject' };
    case 'u':
      return { type: 'undo' };
    default:
      return undefined;
  }
}

/** The list shown in the panel; `tabs` names the tabs the number keys switch to. */
export function derivePanelShortcuts(tabs: readonly string[], withSuggestions: boolean): Array<[keys: string, what: string]> {
  const list: Array<[string, string]> = [
    // The browser-level command from the manifest (chrome://extensions/shortcuts can change it).
    ['Alt+Shift+C', 'Open the Chartcode panel (from any page)'],
    ['/', 'Focus the search box'],
    [tabs.map((_t, i) => String(i + 1)).join(' '), `Switch tabs: ${tabs.join(', ')}`],
  ];
  if (withSuggestions) {
    list.push(
      ['j k', 'Next / previous suggestion (↓ ↑ on a suggestion)'],
      ['a', 'Accept the suggestion (Enter on a suggestion)'],
      ['x', 'Reject the suggestion'],
      ['u', 'Undo the last reject'],
    );
  }
  list.push(['Alt+↑ Alt+↓', 'Move a worksheet code up or down']);
  return list;
}
