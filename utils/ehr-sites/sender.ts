/**
 * Who may send 'ehr/snapshot': only this extension's content script, running in a tab, in a frame
 * whose origin the user enabled. Pure: the background passes the sender and the enabled origins.
 *
 * The origin comes from the browser, not from the message: Chrome fills `sender.origin` (the frame's
 * origin), Firefox only `sender.url`. A page cannot forge either; a page's own scripts cannot reach
 * `runtime.sendMessage` at all (no externally_connectable).
 */

export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
  frameId?: number;
}

export interface ContentSender {
  origin: string;
  tabId: number;
  frameId: number;
}

/** The frame origin of a sender, from `origin` when the browser gives it, else from `url`. */
export function senderOrigin(sender: SenderLike): string | undefined {
  if (typeof sender.origin === 'string' && sender.origin !== '' && sender.origin !== 'null') return sender.origin;
  if (typeof sender.url !== 'string') return undefined;
  try {
    const origin = new URL(sender.url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * The tab, frame and origin of our content script on an enabled site, or undefined: another
 * extension, an extension page (even one open in a tab), a frame of an origin that is not enabled,
 * or a sender without a tab.
 */
export function enabledContentSender(sender: SenderLike, ownId: string, enabledOrigins: Iterable<string>): ContentSender | undefined {
  if (sender.id !== ownId) return undefined;
  const tabId = sender.tab?.id;
  if (typeof tabId !== 'number' || !Number.isInteger(tabId) || tabId < 0) return undefined;
  const frameId =
    typeof sender.frameId === 'number' && Number.isInteger(sender.frameId) && sender.frameId >= 0 ? sender.frameId : undefined;
  if (frameId === undefined) return undefined;
  const origin = senderOrigin(sender);
  if (!origin || !/^https?:\/\//.test(origin)) return undefined;
  // When the browser gives both, they must agree (a document URL under another origin is not ours to read).
  if (typeof sender.url === 'string' && /^https?:/.test(sender.url)) {
    try {
      if (new URL(sender.url).origin !== origin) return undefined;
    } catch {
      return undefined;
    }
  }
  for (const enabled of enabledOrigins) if (enabled === origin) return { origin, tabId, frameId };
  return undefined;
}

/** The boolean form, for a listener that only needs to accept or refuse. */
export function isFromEnabledContentScript(sender: SenderLike, ownId: string, enabledOrigins: Iterable<string>): boolean {
  return enabledContentSender(sender, ownId, enabledOrigins) !== undefined;
}
