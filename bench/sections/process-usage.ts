// A process's resident memory and open file descriptors, sampled from /proc (Linux) while a bench
// runs; the peak of each is what it reports.
import fs from 'node:fs';

export interface UsagePeak {
  rssBytes: number;
  fds: number;
}

function rssBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

export function sampleProcessUsage(pid: number, everyMs: number): { stop(): UsagePeak } {
  const peak: UsagePeak = { rssBytes: 0, fds: 0 };
  const sample = () => {
    try {
      peak.rssBytes = Math.max(peak.rssBytes, rssBytes(pid));
      peak.fds = Math.max(peak.fds, fs.readdirSync(`/proc/${pid}/fd`).length);
    } catch {
      // The process is gone (or this is no Linux): the peak so far stands.
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    /** Stops sampling (once; later calls only read) and returns the peaks. */
    stop() {
      clearInterval(timer);
      return { ...peak };
    },
  };
}
