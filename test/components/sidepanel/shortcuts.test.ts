import { describe, expect, it } from 'vitest';
import { derivePanelShortcuts, deriveShortcut, type FocusPlace } from '../../../components/sidepanel/shortcuts';

describe('deriveShortcut', () => {
  it.each([
    ['j', 'other', 'suggestions', { type: 'next' }],
    ['k', 'suggestion', 'suggestions', { type: 'previous' }],
    ['ArrowDown', 'suggestion', 'suggestions', { type: 'next' }],
    ['ArrowUp', 'suggestion', 'suggestions', { type: 'previous' }],
    ['ArrowDown', 'other', 'suggestions', undefined], // scrolls the panel
    ['a', 'other', 'suggestions', { type: 'accept' }],
    ['Enter', 'suggestion', 'suggestions', { type: 'accept' }],
    ['Enter', 'other', 'suggestions', undefined], // presses the focused button
    ['x', 'suggestion', 'suggestions', { type: 'reject' }],
    ['u', 'other', 'suggestions', { type: 'undo' }],
    ['j', 'other', 'search', undefined],
    ['a', 'other', 'worksheet', undefined],
    ['1', 'other', 'worksheet', { type: 'tab', index: 0 }],
    ['3', 'suggestion', 'suggestions', { type: 'tab', index: 2 }],
    ['4', 'other', 'search', undefined],
    ['a', 'field', 'suggestions', undefined], // typing
    ['2', 'field', 'suggestions', undefined],
  ] as const)('%s on %s in %s', (key, place, tab, action) => {
    expect(deriveShortcut({ key }, place as FocusPlace, tab, 3)).toEqual(action);
  });

  it('ignores keys with modifiers or while composing', () => {
    expect(deriveShortcut({ key: 'a', ctrlKey: true }, 'other', 'suggestions', 3)).toBeUndefined();
    expect(deriveShortcut({ key: 'j', altKey: true }, 'other', 'suggestions', 3)).toBeUndefined();
    expect(deriveShortcut({ key: 'x', metaKey: true }, 'other', 'suggestions', 3)).toBeUndefined();
    expect(deriveShortcut({ key: 'a', isComposing: true }, 'other', 'suggestions', 3)).toBeUndefined();
  });
});

describe('derivePanelShortcuts', () => {
  it('lists the tab keys for the tabs there are', () => {
    expect(derivePanelShortcuts(['Search', 'Worksheet'], false)).toEqual([
      ['Alt+Shift+C', 'Open the Chartcode panel (from any page)'],
      ['/', 'Focus the search box'],
      ['1 2', 'Switch tabs: Search, Worksheet'],
      ['Alt+↑ Alt+↓', 'Move a worksheet code up or down'],
    ]);
    expect(derivePanelShortcuts(['Suggestions', 'Search', 'Worksheet'], true).map(([keys]) => keys)).toEqual([
      'Alt+Shift+C',
      '/',
      '1 2 3',
      'j k',
      'a',
      'x',
      'u',
      'Alt+↑ Alt+↓',
    ]);
  });
});
