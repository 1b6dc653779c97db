// The first sync of a large store takes a while: instead of an empty app with a line of small text in
// the sidebar, every page says so at its top, how far it is and about how long is left, while the runs
// it has read already appear (live-updates refreshes the runs list as it goes).
import { useSyncProgress } from '../../api/live-updates';
import { useApiQuery } from '../../api/use-api';
import './sync.css';

function megabytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6).toLocaleString()} MB`;
}

/** Time left at the pace so far, once there is a pace to go by. */
function timeLeft(startedAt: string | null, share: number): string | null {
  if (!startedAt || share < 0.03 || share >= 1) return null;
  const elapsed = (Date.now() - Date.parse(startedAt)) / 1000;
  const left = (elapsed * (1 - share)) / share;
  if (!Number.isFinite(left) || left < 0) return null;
  return left < 90 ? `about ${Math.max(5, Math.round(left / 5) * 5)} s left` : `about ${Math.round(left / 60)} min left`;
}

export function FirstSyncBanner() {
  const progress = useSyncProgress();
  const info = useApiQuery('getAppInfo', {});
  // Only while the cache is being filled for the first time: later syncs are incremental and quick.
  if (!progress?.running || !info.data || info.data.lastSyncAt !== null) return null;
  const share = progress.bytesTotal > 0 ? Math.min(1, progress.bytesDone / progress.bytesTotal) : 0;
  const percent = Math.floor(share * 100);
  const left = timeLeft(progress.startedAt, share);
  return (
    <section className="first-sync" role="status" aria-live="polite" data-testid="first-sync">
      <div className="first-sync-line">
        <strong>Reading the lab store for the first time: {percent} %</strong>
        <span className="muted">
          {progress.runsNew.toLocaleString()} runs so far · {megabytes(progress.bytesDone)} of {megabytes(progress.bytesTotal)}
          {left ? ` · ${left}` : ''}
        </span>
      </div>
      <div className="progress first-sync-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label="First sync">
        <div style={{ width: `${percent}%` }} />
      </div>
      <p className="muted first-sync-note">
        Runs appear on the Runs page as they are read; charts, fits and the team split fill in as the rest arrives. Nothing you do here waits for it.
      </p>
    </section>
  );
}
