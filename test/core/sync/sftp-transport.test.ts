// The lab store over SFTP, against a real OpenSSH sshd on 127.0.0.1: the same cache as a local
// sync, only new bytes read, host keys checked (unknown and changed keys refused with their
// fingerprint), a connection killed mid-sync reopened without losing or repeating rows.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { SftpTransport, type SftpTransportOptions } from '../../../electron/core/store-access/sftp-transport';
import { HostKeyChangedError, HostKeyUnknownError, SshAuthError, SshConnectionError } from '../../../electron/core/store-access/ssh/ssh-errors';
import { StoreAccessError, TEMP_FILE_PREFIX } from '../../../electron/core/store-access/store-transport';
import { syncFolder } from '../../../electron/core/sync/sync-folder';
import { syncLabStore } from '../../../electron/core/sync/sync-lab-store';
import { syncStore } from '../../../electron/core/sync/sync-store';
import { LocalFolderTransport } from '../../../electron/core/store-access/local-folder-transport';
import { MlflowStoreWriter } from '../../helpers/mlflow-writer';
import { TfEventsFileWriter, eventRecord, eventsFileName, hparamsSessionStartValue, scalarValue } from '../../helpers/tfevents-writer';
import { dumpCache } from './support/cache-dump';
import { writeEveryCaseStore } from './support/every-case-store';
import { writeGeneratedRuns } from './support/generated-store';
import { appendFile, makeTempDir, openTestCache } from './support/lab-store-fixture';
import { startSshd, type SshdFixture } from './support/sshd-fixture';
import { countPoints } from '../../helpers/cache-points';

let sshd: SshdFixture;
let dir: string;
let root: string;
let caseNo = 0;

beforeAll(async () => {
  sshd = await startSshd();
  dir = makeTempDir('tessera-sftp-');
  root = path.join(dir, 'store');
  writeEveryCaseStore(root, path.join(dir, 'outside'));
  writeGeneratedRuns(root, { runs: 8, linesPerRun: 2500, metricsPerLine: 4, seed: 11 });
});

afterAll(async () => {
  await sshd.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(sshd.dir, { recursive: true, force: true });
});

function transport(options: SftpTransportOptions = {}, folder = root): SftpTransport {
  return new SftpTransport(
    { host: '127.0.0.1', port: sshd.port, username: sshd.username, path: folder },
    { knownHostsFiles: [sshd.knownHostsFile], auth: { keyFile: sshd.userKeyFile, agentSocket: null }, ...options },
  );
}

function freshCache(): CacheDatabase {
  return openTestCache(path.join(dir, `cache-${++caseNo}.db`));
}

/** The cache's content; sync_files without mtimes (SFTP reports whole seconds, the local disk fractions). */
function contentOf(cache: CacheDatabase): Record<string, unknown[]> {
  const dump = dumpCache(cache.sqlite);
  dump.syncFiles = cache.sqlite
    .prepare('SELECT path, kind, size, head_hash, head_length, offset, line_no, state_json FROM sync_files ORDER BY path')
    .raw()
    .all();
  return dump;
}

async function localContent(): Promise<Record<string, unknown[]>> {
  const cache = freshCache();
  await syncFolder(cache, root);
  const content = contentOf(cache);
  cache.close();
  return content;
}

function knownHostsWith(line: string): string {
  const file = path.join(dir, `known_hosts-${++caseNo}`);
  fs.writeFileSync(file, line);
  return file;
}

describe('SFTP transport against a real sshd', () => {
  it('syncs a store to exactly the cache a local sync gives, links out of the store refused', async () => {
    const cache = freshCache();
    const sftp = transport();
    const summary = await syncLabStore({ db: cache, transport: sftp });
    await sftp.close();
    expect(summary.issues.some((i) => i.path === 'runs/r-link-out' && i.code === 'symlink-outside-store')).toBe(true);
    expect(summary.totals.points).toBeGreaterThan(8 * 2500);
    expect(contentOf(cache)).toEqual(await localContent());
    cache.close();
  });

  it('reads only the appended bytes on the next sync', async () => {
    const cache = freshCache();
    const sftp = transport();
    await syncLabStore({ db: cache, transport: sftp });
    const appended = '{"step": 25000, "train/loss": 2.5}\n{"step": 25010, "train/loss": 2.4}\n';
    appendFile(root, 'runs/gen-0000/metrics.jsonl', appended);
    const second = await syncLabStore({ db: cache, transport: sftp });
    await sftp.close();
    expect(second.bytesRead).toBe(Buffer.byteLength(appended));
    expect(second.changed.runs).toEqual(['gen-0000']);
    expect(contentOf(cache)).toEqual(await localContent());
    cache.close();
  });

  it('refuses a host whose key is not in known_hosts, showing its SHA256 fingerprint and how to trust it', async () => {
    const cache = freshCache();
    const sftp = transport({ knownHostsFiles: [knownHostsWith('')] });
    const error = await syncLabStore({ db: cache, transport: sftp }).catch((e: unknown) => e);
    await sftp.close();
    expect(error).toBeInstanceOf(HostKeyUnknownError);
    const message = (error as Error).message;
    expect(message).toContain(sshd.hostKeyFingerprint);
    expect(message).toContain(`tessera trust-host 127.0.0.1:${sshd.port} --fingerprint ${sshd.hostKeyFingerprint}`);
    expect(message).toContain(`ssh-keyscan -p ${sshd.port} 127.0.0.1 >>`);
    expect(cache.sqlite.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(0);
    cache.close();
  });

  it('refuses a host whose key changed, naming the known entry and both fingerprints', async () => {
    const otherKey = path.join(dir, 'other_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', otherKey]);
    const otherPublic = fs.readFileSync(`${otherKey}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
    const knownHosts = knownHostsWith(`# the cluster\n[127.0.0.1]:${sshd.port} ${otherPublic}\n`);
    const otherFingerprint = execFileSync('ssh-keygen', ['-lf', `${otherKey}.pub`], { encoding: 'utf8' }).split(' ')[1]!;
    const cache = freshCache();
    const sftp = transport({ knownHostsFiles: [knownHosts] });
    const error = await syncLabStore({ db: cache, transport: sftp }).catch((e: unknown) => e);
    await sftp.close();
    expect(error).toBeInstanceOf(HostKeyChangedError);
    const message = (error as Error).message;
    expect(message).toContain('CHANGED');
    expect(message).toContain(sshd.hostKeyFingerprint);
    expect(message).toContain(`${knownHosts}:2 (${otherFingerprint})`);
    expect(message).toContain(`ssh-keygen -R '[127.0.0.1]:${sshd.port}'`);
    cache.close();
  });

  it('trusts a hashed known_hosts entry as written by ssh-keygen -H', async () => {
    const knownHosts = knownHostsWith(`[127.0.0.1]:${sshd.port} ${sshd.hostKeyPublic}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', knownHosts], { stdio: 'ignore' });
    expect(fs.readFileSync(knownHosts, 'utf8')).toMatch(/^\|1\|/);
    const sftp = transport({ knownHostsFiles: [knownHosts] });
    expect((await sftp.list('')).map((e) => e.name)).toContain('tessera-store.json');
    await sftp.close();
  });

  it('says which identities were refused when the key is not authorized', async () => {
    const stranger = path.join(dir, 'stranger_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]);
    const sftp = transport({ auth: { keyFile: stranger, agentSocket: null } });
    const error = await sftp.list('').catch((e: unknown) => e);
    await sftp.close();
    expect(error).toBeInstanceOf(SshAuthError);
    expect((error as Error).message).toContain(`key ${stranger}`);
    expect(sftp.connections).toBe(0);
  });

  it('reopens a connection killed mid-sync and ends with exactly the local cache', async () => {
    const cache = freshCache();
    const sftp = transport({ backoffMs: 20 });
    let kills = 0;
    const summary = await syncLabStore({
      db: cache,
      transport: sftp,
      chunkBytes: 32 * 1024,
      progressIntervalMs: 0,
      onProgress: (p) => {
        // Twice, at a third and at two thirds of the bytes.
        if (p.phase === 'reading' && p.bytesTotal > 0 && p.bytesDone > ((kills + 1) * p.bytesTotal) / 3 && kills < 2) {
          if (sshd.killConnections() > 0) kills++;
        }
      },
    });
    await sftp.close();
    expect(kills).toBe(2);
    expect(sftp.connections).toBe(3);
    expect(summary.totals.points).toBeGreaterThan(8 * 2500);
    expect(contentOf(cache)).toEqual(await localContent());
    cache.close();
  });

  it('stops the pass when the server stays down, keeps what it committed, and the next sync ends exact', async () => {
    const cache = freshCache();
    const sftp = transport({ backoffMs: 20, maxReconnects: 2 });
    let stopping: Promise<void> | null = null;
    const error = await syncLabStore({
      db: cache,
      transport: sftp,
      chunkBytes: 32 * 1024,
      progressIntervalMs: 0,
      onProgress: (p) => {
        if (p.phase === 'reading' && !stopping && p.bytesDone > p.bytesTotal / 2) stopping = sshd.stop();
      },
    }).catch((e: unknown) => e);
    await stopping;
    expect(error).toBeInstanceOf(SshConnectionError);
    expect((error as Error).message).toContain('Everything read so far is kept');
    const partial = countPoints(cache.sqlite);
    expect(partial).toBeGreaterThan(0);

    await sshd.start();
    await syncLabStore({ db: cache, transport: sftp });
    await sftp.close();
    const content = contentOf(cache);
    expect(content.points!.length).toBeGreaterThan(partial);
    expect(content).toEqual(await localContent());
    cache.close();
  });

  it('syncs a TensorBoard log directory and an MLflow store to exactly the caches a local sync gives', async () => {
    const logdir = path.join(dir, 'tb');
    for (const [run, n] of [['ladder/350m', 1.2e4], ['ladder/1b', 8e3]] as const) {
      const writer = new TfEventsFileWriter(path.join(logdir, run, eventsFileName(1_700_000_000)));
      writer.event({ wallTime: 1_700_000_000, values: [hparamsSessionStartValue({ n_params: run.endsWith('1b') ? 1e9 : 3.5e8 })] });
      for (let step = 0; step < n; step++) writer.scalar('train/loss', 4 - step / n, step, step % 3 ? 'simple_value' : 'tensor_content_float');
    }
    const damaged = Buffer.from(eventRecord({ wallTime: 1, step: 5, values: [scalarValue('x', 1)] }));
    damaged[13]! ^= 1;
    new TfEventsFileWriter(path.join(logdir, 'damaged', eventsFileName(1_700_000_001))).append(damaged).scalar('x', 2, 6);
    new TfEventsFileWriter(path.join(dir, 'tb-outside', eventsFileName(1_700_000_002))).scalar('secret', 42, 1);
    fs.symlinkSync(path.join(dir, 'tb-outside'), path.join(logdir, 'escape'));
    const mlruns = path.join(dir, 'mlruns');
    const mlflow = new MlflowStoreWriter(mlruns).experiment('3', 'ladder');
    for (const id of ['aaaabbbbccccddddeeeeffff00001111', 'aaaabbbbccccddddeeeeffff00002222']) {
      const run = mlflow.run('3', { runId: id, runName: id.slice(-4), startTime: 1_764_000_000_000 }).param('n_params', '1.1B').tag('variant', 'x');
      for (let step = 0; step < 3000; step++) run.metric('eval/c4/loss', 3 - step / 3000, 1_764_000_000_000 + step, step);
      run.metricText('eval/c4/loss', 'not a line\n');
    }
    const cases = [
      { folder: logdir, format: 'tensorboard' as const, fieldMapping: { params: 'hparams.n_params' } },
      { folder: mlruns, format: 'mlflow' as const, fieldMapping: { params: 'params.n_params', variant: 'tags.variant' } },
    ];
    for (const { folder, format, fieldMapping } of cases) {
      const overSftp = freshCache();
      const sftp = transport({}, folder);
      const summary = await syncStore({ db: overSftp, transport: sftp, format, fieldMapping, chunkBytes: 16 * 1024 });
      expect(summary.issues.length).toBeGreaterThan(0);
      const again = await syncStore({ db: overSftp, transport: sftp, format, fieldMapping });
      expect(again.bytesRead).toBe(0);
      await sftp.close();
      const local = freshCache();
      await syncStore({ db: local, transport: new LocalFolderTransport(folder), format, fieldMapping });
      expect(contentOf(overSftp)).toEqual(contentOf(local));
      expect(overSftp.sqlite.prepare("SELECT count(*) FROM series WHERE key = 'secret'").pluck().get()).toBe(0);
      expect((contentOf(overSftp).points ?? []).length).toBeGreaterThanOrEqual(6000);
      overSftp.close();
      local.close();
    }
  });

  it('writes new files atomically and never replaces one', async () => {
    const sftp = transport();
    const event = Buffer.from(JSON.stringify({ id: '01JDQ7B0000000000000000001', type: 'comment' }));
    await sftp.writeNewFile('events/2027/01/01JDQ7B0000000000000000001.json', event);
    const written = path.join(root, 'events/2027/01/01JDQ7B0000000000000000001.json');
    expect(fs.readFileSync(written)).toEqual(event);
    const again = await sftp.writeNewFile('events/2027/01/01JDQ7B0000000000000000001.json', Buffer.from('{}')).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(StoreAccessError);
    expect((again as StoreAccessError).code).toBe('exists');
    expect(fs.readFileSync(written)).toEqual(event);
    expect(fs.readdirSync(path.dirname(written)).filter((n) => n.startsWith(TEMP_FILE_PREFIX))).toEqual([]);
    const outside = await sftp.writeNewFile('runs/r-link-out/sneaky.json', Buffer.from('{}')).catch((e: unknown) => e);
    expect((outside as StoreAccessError).code).toBe('outside-store');
    expect(fs.existsSync(path.join(dir, 'outside', 'run', 'sneaky.json'))).toBe(false);
    const traversal = await sftp.readSmallFile('../outside/secret.jsonl', 1000).catch((e: unknown) => e);
    expect((traversal as StoreAccessError).code).toBe('invalid-path');
    await sftp.close();
    fs.rmSync(path.join(root, 'events/2027'), { recursive: true });
  });
});
