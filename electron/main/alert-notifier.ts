// The desktop app's notifications of new alerts, shown by the main process with Electron's
// Notification (the window may be hidden or closed to the tray). The same question as the browser
// mode asks: which of the pushed alerts are this person's, and to be notified. The person is the window's
// "Who am I", which the window keeps in its own storage (see renderer/src/components/identity).
import { BrowserWindow, Notification } from 'electron';
import { notificationsOf } from '../../shared/alerts/alert-text';
import type { AlertList } from '../../shared/api/alerts-methods';
import type { CoreClient } from '../core/host/core-client';

/** The window's "Who am I", or undefined when it has none (or the window is gone). */
async function windowIdentity(window: BrowserWindow): Promise<string | undefined> {
  if (window.isDestroyed()) return undefined;
  const value: unknown = await window.webContents.executeJavaScript("localStorage.getItem('tessera.identity')", true).catch(() => null);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function notifyAlerts(core: CoreClient, window: BrowserWindow): () => void {
  return core.onEvent((event) => {
    if (event.type !== 'alerts-fired' || !Notification.isSupported()) return;
    void windowIdentity(window).then(async (person) => {
      const result = await core.call('listAlerts', { ids: event.ids, scope: 'mine', person }, { transport: 'ipc', canWrite: true });
      if (!result.ok) return;
      for (const note of notificationsOf((result.value as AlertList).alerts)) {
        const shown = new Notification({ title: note.title, body: note.body });
        shown.on('click', () => {
          if (window.isDestroyed()) return;
          if (window.isMinimized()) window.restore();
          window.show();
          window.focus();
        });
        shown.show();
      }
    });
  });
}
