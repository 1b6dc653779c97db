// The sidebar's word on the sync: progress while one runs, what the last "Sync now" did for a while
// after it ended (from wherever it was asked: the Sync page, the palette), and a failure until it clears.
import { useEffect, useState } from 'react';
import { useSyncProgress } from '../../api/live-updates';
import { useLastSyncNow } from './sync-outcome';
import './sync.css';

/** How long the outcome of a "Sync now" stays in the sidebar. */
const OUTCOME_SHOWN_MS = 20_000;

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function SyncStatus() {
  const progress = useSyncProgress();
  const outcome = useLastSyncNow();
  const now = useNow(5000);
  if (progress?.running) {
    const share = progress.bytesTotal > 0 ? progress.bytesDone / progress.bytesTotal : 0;
    return (
      <div data-testid="sync-progress" title={`${progress.filesDone}/${progress.filesTotal} files`}>
        <div className="muted sync-status-text">
          Syncing… {Math.round(share * 100)} % · {progress.runsNew} new runs
        </div>
        <div className="progress">
          <div style={{ width: `${Math.round(share * 100)}%` }} />
        </div>
      </div>
    );
  }
  if (outcome && outcome.status !== 'pending' && now - outcome.askedAt < OUTCOME_SHOWN_MS) {
    return (
      <div className={`sync-status-text ${outcome.status === 'error' ? 'sync-status-failed' : 'muted'}`} role="status" data-testid="sync-outcome">
        {outcome.text}
      </div>
    );
  }
  if (progress?.lastError) return <span className="badge danger" title={progress.lastError}>Sync failed</span>;
  return null;
}
