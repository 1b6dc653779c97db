// The rules of the desktop window, kept apart from Electron so plain Node can test them: the locked-down
// web preferences, which links may leave for the system browser, and which page counts as our own
// (for navigation and for IPC senders). main-window.ts and ipc-bridge.ts apply them.
import type { WebPreferences } from 'electron';

/** No Node, no remote content, no webviews: the renderer reaches the app only through the preload bridge. */
export function lockedDownWebPreferences(preloadFile: string): WebPreferences {
  return {
    preload: preloadFile,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** Only http(s) links go to the system browser: never file:, javascript:, custom app schemes or garbage. */
export function isSafeExternalUrl(url: unknown): url is string {
  if (typeof url !== 'string') return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/** The document a URL names, without its fragment, as the URL parser normalises it; null if it does not parse. */
function documentOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return null;
  }
}

/** Whether a URL shows our own page; the fragment (the hash route) may differ. */
export function isAppDocument(url: string, appUrl: string): boolean {
  const document = documentOf(url);
  return document !== null && document === documentOf(appUrl);
}

/** The window never navigates away from the app: hash routes change in place, everything else is blocked. */
export function isAllowedNavigation(targetUrl: string, appUrl: string): boolean {
  return isAppDocument(targetUrl, appUrl);
}

/** What ipc-bridge knows about the sender of an IPC message. */
export interface IpcSender {
  webContentsId: number;
  /** The message came from the top frame of that webContents, not from an iframe. */
  fromMainFrame: boolean;
  /** The URL of the sending frame; null once the frame is gone. */
  frameUrl: string | null;
}

/** Only our own window's top frame, showing our own page, may call the core. */
export function isTrustedSender(sender: IpcSender, window: { webContentsId: number; appUrl: string }): boolean {
  return (
    sender.webContentsId === window.webContentsId &&
    sender.fromMainFrame &&
    sender.frameUrl !== null &&
    isAppDocument(sender.frameUrl, window.appUrl)
  );
}
