// Desktop notifications of new alerts in the browser mode (the desktop app's main process shows its
// own, through Electron's Notification). A push names the new alerts; this asks which of them are the
// person's and to be notified, and shows one notification per run, rule and step.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { notificationsOf } from '../../../shared/alerts/alert-text';
import { navigate } from '../app/router';
import { currentIdentity } from '../components/identity/use-identity';
import { apiClient } from './api-client';

export function browserNotificationsSupported(): boolean {
  return apiClient.kind === 'http' && typeof window !== 'undefined' && 'Notification' in window;
}

export function useAlertNotifications(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      apiClient.onEvent((event) => {
        if (event.type !== 'alerts-fired') return;
        void queryClient.invalidateQueries({ queryKey: ['listAlerts'] });
        if (!browserNotificationsSupported() || Notification.permission !== 'granted') return;
        void apiClient.call('listAlerts', { ids: event.ids, scope: 'mine', person: currentIdentity() ?? undefined }).then((result) => {
          if (!result.ok) return;
          for (const note of notificationsOf(result.value.alerts)) {
            const shown = new Notification(note.title, { body: note.body, tag: note.tag });
            shown.onclick = () => {
              window.focus();
              navigate('alerts', { id: String(note.alertId) });
            };
          }
        });
      }),
    [queryClient],
  );
}
