// The desktop window's rules as a hostile page or link would meet them: which links leave the app,
// which navigations are blocked, which IPC senders are heard, and the preferences the window opens with.
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  isAllowedNavigation,
  isAppDocument,
  isSafeExternalUrl,
  isTrustedSender,
  lockedDownWebPreferences,
} from '../../electron/main/window-policy';

const indexHtml = '/opt/Tessera/resources/app.asar/dist/renderer/index.html';
const appUrl = pathToFileURL(indexHtml).toString();

describe('lockedDownWebPreferences', () => {
  const prefs = lockedDownWebPreferences('/opt/Tessera/preload.cjs');

  it('isolates and sandboxes the renderer and gives it no Node', () => {
    expect(prefs).toMatchObject({
      preload: '/opt/Tessera/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and every risky feature off', () => {
    expect(prefs).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });
});

describe('isSafeExternalUrl', () => {
  it('lets http and https links go to the system browser', () => {
    expect(isSafeExternalUrl('https://arxiv.org/abs/2203.15556')).toBe(true);
    expect(isSafeExternalUrl('http://wandb.internal:8080/runs/r-0412?tab=logs#loss')).toBe(true);
    expect(isSafeExternalUrl('HTTPS://EXAMPLE.ORG/')).toBe(true);
  });

  it('refuses every other scheme, including ones that run code or open local files', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'smb://fileserver/share/setup.exe',
      'ms-msdt:/id PCWDiagnostic',
      'vscode://file/etc/passwd',
      'mailto:someone@example.org',
      'ftp://example.org/file',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });

  it('refuses what is not a URL at all', () => {
    for (const value of ['', 'arxiv.org/abs/1', '//evil.example/x', 'http://', 'https:', ' ', undefined, null, 42, { href: 'https://x.org' }, ['https://x.org']]) {
      expect(isSafeExternalUrl(value), String(value)).toBe(false);
    }
  });
});

describe('isAllowedNavigation', () => {
  it('allows our own page with any hash route', () => {
    expect(isAllowedNavigation(appUrl, appUrl)).toBe(true);
    expect(isAllowedNavigation(`${appUrl}#/runs?project=long-context`, appUrl)).toBe(true);
    expect(isAllowedNavigation(`${appUrl}#`, appUrl)).toBe(true);
  });

  it('blocks any other document, scheme or file, however it is spelled', () => {
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:4777/',
      'file:///etc/passwd',
      pathToFileURL('/opt/Tessera/resources/app.asar/dist/renderer/other.html').toString(),
      `${appUrl}?x=1`,
      `${appUrl}/`,
      'javascript:alert(1)',
      'about:blank',
      'data:text/html,hi',
      'not a url',
      '',
    ]) {
      expect(isAllowedNavigation(url, appUrl), url).toBe(false);
    }
  });

  it('compares documents after URL normalisation, so dot segments cannot smuggle another file', () => {
    const dotted = appUrl.replace('/dist/renderer/index.html', '/dist/renderer/../renderer/index.html');
    expect(isAppDocument(dotted, appUrl)).toBe(true);
    const escaped = appUrl.replace('/dist/renderer/index.html', '/dist/renderer/..%2Fsecret/index.html');
    expect(isAppDocument(escaped, appUrl)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const window = { webContentsId: 7, appUrl };
  const ours = { webContentsId: 7, fromMainFrame: true, frameUrl: `${appUrl}#/compare` };

  it("accepts our window's top frame showing our page", () => {
    expect(isTrustedSender(ours, window)).toBe(true);
  });

  it('drops messages from another webContents, a subframe, a foreign page or a frame that is gone', () => {
    expect(isTrustedSender({ ...ours, webContentsId: 8 }, window)).toBe(false);
    expect(isTrustedSender({ ...ours, fromMainFrame: false }, window)).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'https://evil.example/#/compare' }, window)).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'file:///tmp/index.html' }, window)).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: null }, window)).toBe(false);
  });
});
