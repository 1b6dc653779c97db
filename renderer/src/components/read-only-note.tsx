// On a read-only server (`tessera serve` without --allow-write, or a viewer's token on a team server)
// every control that writes is disabled, and this note beside them says why, so nobody types a
// rationale the server will refuse.
import { useApiQuery } from '../api/use-api';

/** Whether this window may write: false on a read-only server, and until the server has said. */
export function useCanWrite(): boolean {
  const info = useApiQuery('getAppInfo', {});
  return info.data?.canWrite === true;
}

/** Whether the server said it is read-only (not merely: not known yet). */
export function useReadOnly(): boolean {
  const info = useApiQuery('getAppInfo', {});
  return info.data?.canWrite === false;
}

/** Why nothing can be written from here, as the server says (read-only, a viewer's token); null when it can. */
export function useReadOnlyReason(): string | null {
  const info = useApiQuery('getAppInfo', {});
  return info.data?.readOnlyReason ?? null;
}

/** `reason` when something narrower than the whole window is read-only (a team server's set-up); else the server's reason. */
export function ReadOnlyNote({ children, reason }: { children: string; reason?: string }) {
  const serverReason = useReadOnlyReason();
  return (
    <span className="badge read-only-note" role="note" title={reason ?? serverReason ?? undefined} data-testid="read-only-note">
      read-only · {children}
    </span>
  );
}
