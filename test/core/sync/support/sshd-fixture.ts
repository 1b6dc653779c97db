// A real OpenSSH server for the SFTP tests: /usr/sbin/sshd as a non-daemon child on 127.0.0.1 and
// a free port, with a throw-away host key and user key made by ssh-keygen in a temporary folder,
// and a known_hosts file of its own (the real ~/.ssh is never touched). It can kill the processes
// serving open connections (a dropped link) and be stopped and started again on the same port.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../../helpers/free-port';

const SSHD = '/usr/sbin/sshd';

export interface SshdFixture {
  dir: string;
  port: number;
  username: string;
  userKeyFile: string;
  /** known_hosts holding this server's host key. */
  knownHostsFile: string;
  /** The host key's public line ("ssh-ed25519 AAAA…"). */
  hostKeyPublic: string;
  /** `ssh-keygen -lf` of the host key: "SHA256:…". */
  hostKeyFingerprint: string;
  /** sftp://user@127.0.0.1:port/<absolute folder> */
  url(folder: string): string;
  /** Kills every process serving a connection (the listener stays): clients see the link drop. */
  killConnections(): number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

function keygen(file: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'tessera-test', '-f', file]);
}

/** Every process below `pid`, found through /proc (parent pid is field 4 of /proc/<pid>/stat). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
  }
  const out: number[] = [];
  const visit = (p: number) => {
    for (const child of children.get(p) ?? []) {
      out.push(child);
      visit(child);
    }
  };
  visit(pid);
  return out;
}

export async function startSshd(): Promise<SshdFixture> {
  if (!fs.existsSync(SSHD)) throw new Error(`${SSHD} is missing: install openssh-server (.ci/run does).`);
  // sshd running as root insists on its privilege-separation folder.
  if (process.getuid?.() === 0) fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-sshd-'));
  const hostKey = path.join(dir, 'host_key');
  const userKeyFile = path.join(dir, 'user_key');
  keygen(hostKey);
  keygen(userKeyFile);
  fs.copyFileSync(`${userKeyFile}.pub`, path.join(dir, 'authorized_keys'));
  const port = await freePort();
  const username = os.userInfo().username;
  const config = path.join(dir, 'sshd_config');
  fs.writeFileSync(
    config,
    [
      `ListenAddress 127.0.0.1:${port}`,
      `HostKey ${hostKey}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      'StrictModes no',
      'UsePAM no',
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'AuthenticationMethods publickey',
      'UseDNS no',
      'PrintMotd no',
      'Subsystem sftp internal-sftp',
      '',
    ].join('\n'),
  );
  const hostKeyPublic = fs.readFileSync(`${hostKey}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  const knownHostsFile = path.join(dir, 'known_hosts');
  fs.writeFileSync(knownHostsFile, `[127.0.0.1]:${port} ${hostKeyPublic}\n`);
  const hostKeyFingerprint = execFileSync('ssh-keygen', ['-lf', `${hostKey}.pub`], { encoding: 'utf8' }).split(' ')[1]!;

  let child: ChildProcess | null = null;
  let log = '';
  const start = () =>
    new Promise<void>((resolve, reject) => {
      log = '';
      const proc = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
      child = proc;
      proc.stderr!.on('data', (data: Buffer) => {
        log += data.toString();
        if (log.includes('Server listening on')) resolve();
      });
      proc.once('exit', (code) => reject(new Error(`sshd exited (${code}) before listening:\n${log}`)));
    });
  const stop = async () => {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    const serving = descendants(proc.pid!);
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    for (const pid of serving) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await exited;
    child = null;
  };
  await start();
  return {
    dir,
    port,
    username,
    userKeyFile,
    knownHostsFile,
    hostKeyPublic,
    hostKeyFingerprint,
    url: (folder) => `sftp://${username}@127.0.0.1:${port}${folder}`,
    killConnections() {
      const pid = (child as ChildProcess | null)?.pid;
      if (!pid) return 0;
      const serving = descendants(pid);
      for (const p of serving) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      return serving.length;
    },
    stop,
    start,
  };
}
