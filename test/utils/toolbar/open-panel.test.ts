import { describe, expect, it } from 'vitest';
import { type ToolbarApi, wireToolbarButton } from '../../../utils/toolbar/open-panel';

function fakeApi(parts: Partial<Pick<ToolbarApi, 'sidePanel' | 'sidebarAction'>>) {
  const listeners: Array<(tab: { id?: number; windowId?: number }) => void> = [];
  const api: ToolbarApi = { action: { onClicked: { addListener: (l) => listeners.push(l) } }, ...parts };
  const click = (tab: { id?: number; windowId?: number }) => {
    for (const listener of listeners) listener(tab);
  };
  return { api, click, listeners };
}

describe('wireToolbarButton', () => {
  it("opens Chrome's side panel from action.onClicked, synchronously, for the clicked tab's window", () => {
    const calls: string[] = [];
    const { api, click } = fakeApi({
      sidePanel: {
        open: async (options) => {
          calls.push(`open window ${options.windowId}`);
        },
        setPanelBehavior: async (options) => {
          calls.push(`behavior ${options.openPanelOnActionClick}`);
        },
      },
    });
    expect(wireToolbarButton(api)).toBe('side-panel');
    // openPanelOnActionClick would bypass onClicked and with it the activeTab grant.
    expect(calls).toEqual(['behavior false']);
    click({ id: 7, windowId: 3 });
    // No await between the click and open(): the call is already recorded when click() returns.
    expect(calls).toEqual(['behavior false', 'open window 3']);
  });

  it('falls back to openPanelOnActionClick on a Chrome without sidePanel.open', () => {
    const calls: boolean[] = [];
    const { api, listeners } = fakeApi({
      sidePanel: {
        setPanelBehavior: async (options) => {
          calls.push(options.openPanelOnActionClick);
        },
      },
    });
    expect(wireToolbarButton(api)).toBe('side-panel-behavior');
    expect(calls).toEqual([true]);
    expect(listeners).toHaveLength(0);
  });

  it("toggles Firefox's sidebar from action.onClicked", () => {
    let toggles = 0;
    const { api, click } = fakeApi({
      sidebarAction: {
        toggle: async () => {
          toggles++;
        },
      },
    });
    expect(wireToolbarButton(api)).toBe('sidebar');
    click({ id: 1, windowId: 1 });
    expect(toggles).toBe(1);
  });

  it('a rejected open (no gesture, closed window) does not throw out of the listener', async () => {
    const { api, click } = fakeApi({
      sidePanel: { open: () => Promise.reject(new Error('no gesture')), setPanelBehavior: async () => {} },
    });
    wireToolbarButton(api);
    expect(() => click({ windowId: 2 })).not.toThrow();
    await new Promise((r) => setTimeout(r, 0));
  });
});
