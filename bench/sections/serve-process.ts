// The built `tessera serve` as a child process for the serve benchmarks, on 127.0.0.1 with a token
// (the shared one, or a person's of a users file given in `access`), and waiting on its sync through the API.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SyncProgressInfo } from '../../shared/api/app-methods';
import { ServeClient, sleep } from './serve-load-client';

// bench/sections/*.ts and their bundle dist/bench/bench.mjs both sit two folders below the root.
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface BenchServe {
  url: string;
  client: ServeClient;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startBenchServe(options: {
  store: string;
  dbFile: string;
  home: string;
  /** The token the returned client sends. */
  token: string;
  /** How serve knows tokens; default `--token <token>`. */
  access?: string[];
  /** Keep watching the store (default: sync once at start). */
  watch?: boolean;
  /** For an HTTPS server: the one certificate the client trusts. */
  ca?: Buffer;
}): Promise<BenchServe> {
  fs.mkdirSync(options.home, { recursive: true });
  const args = ['serve', '--port', '0', '--host', '127.0.0.1', ...(options.access ?? ['--token', options.token]), '--store', options.store, '--db', options.dbFile];
  if (!options.watch) args.push('--no-watch');
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'tessera.mjs'), ...args], {
    env: { ...process.env, TESSERA_HOME: options.home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start within 60 s: ${stderr}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => /^https?:\/\//.test(l));
      if (line) {
        clearTimeout(timer);
        resolve(new URL(line.trim()).origin + '/');
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing its URL: ${stderr}`));
    });
  });
  const client = new ServeClient(url, options.token, 32, options.ca);
  return {
    url,
    client,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        client.close();
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** Waits until `ready(progress)` holds, polling the sync progress; throws after `timeoutMs`. */
export async function waitForSync(
  progress: () => Promise<SyncProgressInfo>,
  ready: (p: SyncProgressInfo) => boolean,
  timeoutMs: number,
): Promise<SyncProgressInfo> {
  const started = Date.now();
  for (;;) {
    const p = await progress();
    if (ready(p)) return p;
    if (p.lastError) throw new Error(`the sync failed: ${p.lastError}`);
    if (Date.now() - started > timeoutMs) throw new Error(`the sync did not get there within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}
