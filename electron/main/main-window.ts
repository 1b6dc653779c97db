// The desktop window, locked down: context isolation, sandbox, no Node, strict CSP, no navigation,
// no new windows, no permissions; http(s) links go to the system browser and nothing else opens.
// The rules themselves live in window-policy.ts (tested without Electron); this file applies them.
import { BrowserWindow, session, shell } from 'electron';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/content-security-policy';
import { isAllowedNavigation, isSafeExternalUrl, lockedDownWebPreferences } from './window-policy';

/** The one place a URL leaves the app: http(s) only, opened by the system browser; false if refused or failed. */
export async function openInSystemBrowser(url: unknown): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  try {
    // Reviewed: only http(s) URLs reach this call (isSafeExternalUrl above).
    await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
    return true;
  } catch {
    return false;
  }
}

export function lockDownSession(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

export function createMainWindow(options: { preloadFile: string; indexHtml: string }): BrowserWindow {
  // electronegativity cannot see into lockedDownWebPreferences() from here, so these three checks are
  // off on this line only; scripts/electron-security-review.mjs runs them on its run-time value instead.
  const window = new BrowserWindow({ // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Tessera',
    show: false,
    webPreferences: lockedDownWebPreferences(options.preloadFile),
  });
  const appUrl = pathToFileURL(options.indexHtml).toString();
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, appUrl)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    void openInSystemBrowser(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appUrl);
  return window;
}
