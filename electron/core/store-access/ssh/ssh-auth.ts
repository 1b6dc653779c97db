// Which identities to offer a host, in OpenSSH's spirit: a configured key file, the ssh-agent
// (SSH_AUTH_SOCK), then the default key files. A key that cannot be used (encrypted without a
// passphrase, unreadable, not a private key) is left out, and the reason is kept for the message
// shown when every identity is refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// ssh2 is CommonJS and Node's ESM loader does not see `utils` as a named export: reach it through the default.
import ssh2, { type AnyAuthMethod } from 'ssh2';

export const DEFAULT_KEY_FILES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

export interface SshAuthOptions {
  username: string;
  /** A private key file; when given, the default key files are not tried. A leading ~ is the home folder. */
  keyFile?: string;
  passphrase?: string;
  /** The ssh-agent socket; default $SSH_AUTH_SOCK. null: no agent. */
  agentSocket?: string | null;
  homeDir?: string;
}

export interface SshAuthPlan {
  methods: AnyAuthMethod[];
  /** What is offered, in order, for messages. */
  offered: string[];
  /** What was left out and why. */
  skipped: string[];
}

export function expandHome(file: string, homeDir = os.homedir()): string {
  return file === '~' ? homeDir : file.startsWith('~/') ? path.join(homeDir, file.slice(2)) : file;
}

function keyMethod(file: string, options: SshAuthOptions, plan: SshAuthPlan, required: boolean): void {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (error) {
    if (required || (error as NodeJS.ErrnoException).code !== 'ENOENT') plan.skipped.push(`${file}: ${(error as Error).message}`);
    return;
  }
  const key = ssh2.utils.parseKey(data, options.passphrase);
  if (key instanceof Error) {
    const reason = key.message;
    const hint = /encrypted|passphrase/i.test(reason) ? ' (load it into ssh-agent with `ssh-add`, or give its passphrase)' : '';
    plan.skipped.push(`${file}: ${reason}${hint}`);
    return;
  }
  if (!key.isPrivateKey()) {
    plan.skipped.push(`${file}: a public key; give the private key file`);
    return;
  }
  plan.methods.push({ type: 'publickey', username: options.username, key: data, passphrase: options.passphrase });
  plan.offered.push(`key ${file}`);
}

export function planSshAuth(options: SshAuthOptions): SshAuthPlan {
  const home = options.homeDir ?? os.homedir();
  const plan: SshAuthPlan = { methods: [], offered: [], skipped: [] };
  if (options.keyFile) keyMethod(expandHome(options.keyFile, home), options, plan, true);
  const agent = options.agentSocket === undefined ? process.env.SSH_AUTH_SOCK : options.agentSocket;
  if (agent) {
    plan.methods.push({ type: 'agent', username: options.username, agent });
    plan.offered.push(`ssh-agent at ${agent}`);
  }
  if (!options.keyFile) {
    for (const name of DEFAULT_KEY_FILES) keyMethod(path.join(home, '.ssh', name), options, plan, false);
  }
  return plan;
}

export function describeAuthPlan(plan: SshAuthPlan): string {
  const offered = plan.offered.length > 0 ? `offered ${plan.offered.join(', ')}` : 'had no identity to offer';
  const skipped = plan.skipped.length > 0 ? `; left out ${plan.skipped.join('; ')}` : '';
  return `${offered}${skipped}`;
}
