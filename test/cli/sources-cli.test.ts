// The built CLI with sources beyond a lab store folder: `tessera sync --store tensorboard:DIR|mlflow:DIR
// --map …`, usage errors of --map, and an SFTP store whose host key is trusted with `tessera trust-host`
// only after its fingerprint is confirmed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../e2e/support/start-serve';
import { makeTempDir, createStore, metricsLines, runJson } from '../core/sync/support/lab-store-fixture';
import { startSshd, type SshdFixture } from '../core/sync/support/sshd-fixture';
import { MlflowStoreWriter } from '../helpers/mlflow-writer';
import { TfEventsFileWriter, eventsFileName, hparamsSessionStartValue } from '../helpers/tfevents-writer';

let dir: string;
let logdir: string;
let mlruns: string;
let sshd: SshdFixture;
let caseNo = 0;
const noAgent = { SSH_AUTH_SOCK: '' };
const db = () => path.join(dir, `cache-${++caseNo}.sqlite`);

beforeAll(async () => {
  dir = makeTempDir('tessera-cli-sources-');
  logdir = path.join(dir, 'tb');
  for (const [run, n] of [['abl-1/base', 3.5e8], ['abl-1/mtp', 1e9]] as const) {
    new TfEventsFileWriter(path.join(logdir, run, eventsFileName(1_700_000_000)))
      .event({ wallTime: 1_700_000_000, values: [hparamsSessionStartValue({ n_params: n, tokens: '7B' })] })
      .scalar('eval/loss', 3, 100)
      .scalar('eval/loss', 2.5, 200);
  }
  mlruns = path.join(dir, 'mlruns');
  new MlflowStoreWriter(mlruns).experiment('1', 'ladder').run('1', { runId: 'aaaabbbbccccddddeeeeffff00001111', runName: 'small' }).param('n_params', '125M').metric('loss', 2, 1, 1);
  sshd = await startSshd();
});

afterAll(async () => {
  await sshd.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(sshd.dir, { recursive: true, force: true });
});

interface RunsJson {
  id: string;
  params: number | null;
  tokens: number | null;
  group: string | null;
}

describe('tessera sync with TensorBoard and MLflow stores', () => {
  it('syncs a TensorBoard log directory with a field mapping, and the runs carry the mapped fields', async () => {
    const file = db();
    const result = await runCli(['sync', '--store', `tensorboard:${logdir}`, '--db', file, '--map', 'params=hparams.n_params,tokens=hparams.tokens', '--map', 'group=path.0', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ runs: 2, points: 4, issues: [] });
    const runs = await runCli(['runs', '--db', file, '--json']);
    const listed = (JSON.parse(runs.stdout) as RunsJson[]).map((r) => [r.id, r.params, r.tokens, r.group]);
    expect(listed).toEqual([
      ['abl-1.base', 3.5e8, 7e9, 'abl-1'],
      ['abl-1.mtp', 1e9, 7e9, 'abl-1'],
    ]);
  });

  it('syncs an MLflow store', async () => {
    const result = await runCli(['sync', '--store', `mlflow:${mlruns}`, '--db', db(), '--map', 'params=params.n_params', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ runs: 1, points: 1, issues: [] });
  });

  it('refuses a --map it cannot use, in one line with exit code 2', async () => {
    const cases: Array<[string[], string]> = [
      [['--store', `tensorboard:${logdir}`, '--map', 'size=hparams.n'], 'TARGET one of params, tokens, flops, group, ablation, variant, seed'],
      [['--store', `tensorboard:${logdir}`, '--map', 'params=params.n_params'], '"params.n_params" is not a tensorboard field'],
      [['--store', `mlflow:${mlruns}`, '--map', 'params=params.a,params=params.b'], 'gives params twice'],
      [['--store', createStore({ 'runs/r/run.json': runJson('r'), 'runs/r/metrics.jsonl': metricsLines([{ step: 0, loss: 1 }]) }), '--map', 'params=params.n'], '--map applies to tensorboard'],
      [['--store', 'ftp://host/x'], 'unsupported scheme'],
    ];
    for (const [args, expected] of cases) {
      const result = await runCli(['sync', ...args, '--db', db(), '--json']);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining(expected)]);
    }
  });
});

describe('an SFTP store and tessera trust-host', () => {
  it('refuses an unknown host with its fingerprint, trusts it only with the confirmed fingerprint, then syncs', async () => {
    const knownHosts = path.join(dir, 'known_hosts');
    const store = createStore({ 'runs/r-1/run.json': runJson('r-1'), 'runs/r-1/metrics.jsonl': metricsLines([{ step: 0, loss: 2 }, { step: 1, loss: 1.5 }]) });
    const syncArgs = ['sync', '--store', sshd.url(store), '--db', db(), '--ssh-key', sshd.userKeyFile, '--known-hosts', knownHosts, '--json'];
    const host = `127.0.0.1:${sshd.port}`;

    const refused = await runCli(syncArgs, noAgent);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain(sshd.hostKeyFingerprint);
    expect(refused.stderr).toContain(`tessera trust-host ${host} --fingerprint ${sshd.hostKeyFingerprint}`);

    const shown = await runCli(['trust-host', host, '--known-hosts', knownHosts]);
    expect(shown.code).toBe(1);
    expect(shown.stderr).toContain(sshd.hostKeyFingerprint);
    expect(fs.existsSync(knownHosts)).toBe(false);

    const wrong = await runCli(['trust-host', host, '--known-hosts', knownHosts, '--fingerprint', `SHA256:${'A'.repeat(43)}`]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('nothing was trusted');
    expect(fs.existsSync(knownHosts)).toBe(false);

    const trusted = await runCli(['trust-host', sshd.url(store), '--known-hosts', knownHosts, '--fingerprint', sshd.hostKeyFingerprint]);
    expect(trusted.code).toBe(0);
    expect(fs.readFileSync(knownHosts, 'utf8')).toBe(`[127.0.0.1]:${sshd.port} ${sshd.hostKeyPublic}\n`);
    // The line is one OpenSSH itself reads.
    expect(execFileSync('ssh-keygen', ['-F', `[127.0.0.1]:${sshd.port}`, '-f', knownHosts], { encoding: 'utf8' })).toContain(sshd.hostKeyPublic);

    const again = await runCli(['trust-host', host, '--known-hosts', knownHosts, '--fingerprint', sshd.hostKeyFingerprint]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('already trusted');

    const synced = await runCli(syncArgs, noAgent);
    expect(synced.stderr).toBe('');
    expect(synced.code).toBe(0);
    expect(JSON.parse(synced.stdout)).toMatchObject({ runs: 1, points: 2 });
  });

  it('never trusts over a changed key', async () => {
    const other = path.join(dir, 'other_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    const knownHosts = path.join(dir, 'known_hosts_changed');
    const stale = `[127.0.0.1]:${sshd.port} ${fs.readFileSync(`${other}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')}\n`;
    fs.writeFileSync(knownHosts, stale);
    const result = await runCli(['trust-host', `127.0.0.1:${sshd.port}`, '--known-hosts', knownHosts, '--fingerprint', sshd.hostKeyFingerprint]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('CHANGED');
    expect(fs.readFileSync(knownHosts, 'utf8')).toBe(stale);
  });
});
