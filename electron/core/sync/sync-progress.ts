// Progress of a sync pass: files and bytes done of total, runs new and updated. Reported at most
// every `intervalMs`, plus once at the start and once at the end.
export interface SyncProgress {
  phase: 'listing' | 'reading' | 'done';
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  runsNew: number;
  runsUpdated: number;
}

export class SyncProgressTracker {
  readonly state: SyncProgress = { phase: 'listing', filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, runsNew: 0, runsUpdated: 0 };
  private lastEmit = 0;

  constructor(
    private readonly onProgress: ((progress: SyncProgress) => void) | undefined,
    private readonly intervalMs = 100,
  ) {}

  emit(force = false): void {
    if (!this.onProgress) return;
    const now = Date.now();
    if (!force && now - this.lastEmit < this.intervalMs) return;
    this.lastEmit = now;
    this.onProgress({ ...this.state });
  }
}
