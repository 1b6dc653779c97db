// On a read-only server (`tessera serve` without --allow-write) every control that writes is disabled,
// and this note beside them says why, so nobody types a rationale the server will refuse.
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

export const READ_ONLY_REASON = 'This server is read-only: it was started without --allow-write, so nothing can be written from here.';

export function ReadOnlyNote({ children }: { children: string }) {
  return (
    <span className="badge read-only-note" role="note" title={READ_ONLY_REASON} data-testid="read-only-note">
      read-only · {children}
    </span>
  );
}
