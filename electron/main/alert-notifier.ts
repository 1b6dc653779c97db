// The desktop app's notifications of new alerts, shown by the main process with Electron's
// Notification (the window may be hidden or closed to the tray). The same question as the browser
// mode asks: which of the pushed alerts are this person's, and to be notified.
import { BrowserWindow, Notification } from 'electron';
import { notificationsOf } from '../../shared/alerts/alert-text';
import type { AlertList } from '../../shared/api/alerts-methods';
import type { CoreClient } from '../core/host/core-client';

export function notifyAlerts(core: CoreClient, window: BrowserWindow): () => void {
  return core.onEvent((event) => {
    if (event.type !== 'alerts-fired' || !Notification.isSupported()) return;
    void core.call('listAlerts', { ids: event.ids, scope: 'mine' }, { transport: 'ipc', canWrite: true }).then((result) => {
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
