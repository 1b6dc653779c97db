// `tessera trust-host HOST[:PORT] [--fingerprint SHA256:…]`: adds an SFTP host's key to known_hosts
// once the user has confirmed its fingerprint. Without --fingerprint it only shows the key.
import { defaultKnownHostsFiles } from '../../core/store-access/ssh/open-sftp-session';
import { knownHostName, trustHost } from '../../core/store-access/ssh/trust-host';
import { parseStoreUrl } from '../../core/store-access/store-url';
import { CliUsageError, optionalString, type CliCommand } from '../cli-command';

/** HOST, HOST:PORT, [HOST]:PORT, or a store URL (sftp://user@host:port/path, with tensorboard: or mlflow: in front). */
export function parseHostArgument(text: string): { host: string; port: number } {
  if (/sftp:\/\//.test(text)) {
    const location = parseStoreUrl(text).location;
    if (location.kind === 'sftp') return { host: location.host, port: location.port };
  }
  const match = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:[\]/\s]+)(?::(\d+))?$/.exec(text);
  if (!match) throw new CliUsageError(`"${text}" is not a host: expected HOST, HOST:PORT or sftp://user@host[:port]/path.`);
  const port = match[2] === undefined ? 22 : Number(match[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new CliUsageError(`"${text}": the port must be between 1 and 65535.`);
  return { host: match[1]!, port };
}

export const trustHostCommand: CliCommand = {
  name: 'trust-host',
  summary: "Trust an SFTP host's key after checking its fingerprint (adds it to known_hosts).",
  usage: 'tessera trust-host HOST[:PORT] [--fingerprint SHA256:…] [--known-hosts FILE]',
  flagHelp: [
    'HOST[:PORT]         the host, or the sftp:// store URL itself',
    '--fingerprint FP    the SHA256 fingerprint you confirmed with the host\'s admins; without it nothing is written',
    '--known-hosts FILE  the known_hosts file to add the key to (default ~/.ssh/known_hosts)',
  ],
  options: {
    fingerprint: { type: 'string' },
    'known-hosts': { type: 'string' },
  },
  allowPositionals: true,
  async run(values, positionals, io) {
    if (positionals.length !== 1) throw new CliUsageError('Give one host: tessera trust-host HOST[:PORT] [--fingerprint SHA256:…].');
    const { host, port } = parseHostArgument(positionals[0]!);
    const knownHostsFile = optionalString(values, 'known-hosts');
    const knownHostsFiles = knownHostsFile ? [knownHostsFile] : defaultKnownHostsFiles();
    const fingerprint = optionalString(values, 'fingerprint');
    if (fingerprint !== undefined && !/^SHA256:[A-Za-z0-9+/]{43}=?$/.test(fingerprint.trim())) {
      throw new CliUsageError(`--fingerprint "${fingerprint}" is not a SHA256 fingerprint (expected SHA256: and 43 base64 characters, as ssh-keygen -l prints).`);
    }
    const name = knownHostName(host, port);
    const target = `${host}${port === 22 ? '' : `:${port}`}`;
    const outcome = await trustHost({ host, port, fingerprint, knownHostsFiles });
    switch (outcome.kind) {
      case 'already-trusted':
        io.stderr(`${name} is already trusted (${outcome.fingerprint}, ${outcome.where}).\n`);
        return 0;
      case 'needs-confirmation':
        io.stderr(
          `${name} presents the ${outcome.keyType} key ${outcome.fingerprint}.\n` +
            'Compare it with the fingerprint your cluster publishes (or ask its admins). If they match, trust it with:\n' +
            `  tessera trust-host ${target} --fingerprint ${outcome.fingerprint}${knownHostsFile ? ` --known-hosts ${knownHostsFile}` : ''}\n`,
        );
        return 1;
      case 'mismatch':
        io.stderr(`${name} presents the key ${outcome.fingerprint}, not ${outcome.given}: nothing was trusted. Do not connect until you know why.\n`);
        return 1;
      case 'changed':
        io.stderr(
          `The host key of ${name} has CHANGED: it presents ${outcome.fingerprint}, but ${outcome.known.join(', ')} holds another. ` +
            `Nothing was trusted. If the admins confirm the new key, remove the old one with ssh-keygen -R '${name}' and run this again.\n`,
        );
        return 1;
      case 'revoked':
        io.stderr(`The key ${outcome.fingerprint} of ${name} is marked revoked in ${outcome.where}: nothing was trusted.\n`);
        return 1;
      case 'trusted':
        io.stderr(`Trusted ${name} (${outcome.fingerprint}): added to ${outcome.file}.\n`);
        return 0;
    }
  },
};
