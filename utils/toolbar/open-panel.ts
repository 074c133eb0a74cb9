/**
 * The toolbar button (and its Alt+Shift+C shortcut) opens Chartcode's panel: Chrome's side panel, or
 * Firefox's sidebar. Both go through `action.onClicked`, because only that event grants `activeTab` for
 * the tab the user clicked on, which lets the panel see that tab's site and offer "Read notes on …"
 * (components/sidepanel/site-access-model.ts). Chrome's `openPanelOnActionClick` would open the panel
 * without firing `onClicked`, so it granted nothing; it stays only as the fallback for a Chrome without
 * `sidePanel.open` (before 116).
 */

export interface ToolbarApi {
  action: { onClicked: { addListener(listener: (tab: { id?: number; windowId?: number }) => void): void } };
  sidePanel?: {
    open?(options: { windowId: number }): Promise<void>;
    setPanelBehavior(options: { openPanelOnActionClick: boolean }): Promise<void>;
  };
  sidebarAction?: { toggle(): Promise<void> };
}

export type ToolbarWiring = 'side-panel' | 'side-panel-behavior' | 'sidebar' | 'none';

export function wireToolbarButton(api: ToolbarApi): ToolbarWiring {
  const { sidePanel, sidebarAction } = api;
  if (sidePanel?.open) {
    const open = sidePanel.open.bind(sidePanel);
    // A stored behaviour from an earlier version would open the panel without onClicked: turn it off.
    sidePanel.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => {});
    api.action.onClicked.addListener((tab) => {
      // Called at once, without an await before it: Chrome accepts sidePanel.open only inside the gesture.
      // The window's panel (not a tab's) so that it stays open, and follows the active tab, as before.
      if (tab.windowId !== undefined) open({ windowId: tab.windowId }).catch(() => {});
    });
    return 'side-panel';
  }
  if (sidePanel) {
    sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
    return 'side-panel-behavior';
  }
  if (sidebarAction) {
    api.action.onClicked.addListener(() => {
      void sidebarAction.toggle();
    });
    return 'sidebar';
  }
  return 'none';
}
