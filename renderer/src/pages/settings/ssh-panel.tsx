// SSH for SFTP sources: the private key file, and trusting a host's key only after its SHA256
// fingerprint was shown here and compared with the one the cluster publishes.
import { useState } from 'react';
import type { HostKeyCheck, SourceSettingsView } from '../../../../shared/api/sources-methods';
import { useApiMutation } from '../../api/use-api';
import { callOrThrow, type ApiCallError } from '../../api/use-api';
import { ErrorPanel } from '../../components/state-views';

function HostKeyAnswer({ check }: { check: HostKeyCheck }) {
  switch (check.kind) {
    case 'trusted':
      return <p className="ok-text">{check.host} is trusted: its key {check.fingerprint} is in {check.where}.</p>;
    case 'added':
      return <p className="ok-text">Trusted {check.host} ({check.fingerprint}), added to {check.file}.</p>;
    case 'unknown':
      return <p>{check.host} presents the {check.keyType} key <code className="fingerprint">{check.fingerprint}</code>. Compare it with the fingerprint your cluster publishes (or ask its admins) before you trust it.</p>;
    case 'changed':
      return <p className="warn-text">{check.host} now presents {check.fingerprint}, not the key known_hosts has ({check.known.join(', ')}). Do not connect until you know why; Tessera never replaces a known key.</p>;
    case 'revoked':
      return <p className="warn-text">{check.host} presents a key marked revoked in {check.where}.</p>;
    case 'mismatch':
      return <p className="warn-text">{check.host} presents {check.fingerprint}, not {check.given}: nothing was trusted.</p>;
  }
}

export function SshPanel({ settings, canChange }: { settings: SourceSettingsView; canChange: boolean }) {
  const [keyFile, setKeyFile] = useState(settings.sshKeyFile ?? '');
  const setKey = useApiMutation('setSshKeyFile');
  const trust = useApiMutation('trustHostKey');
  const sftpSources = [...new Set([settings.active, ...settings.sources].filter((s) => s.location === 'sftp').map((s) => s.url))];
  const [hostUrl, setHostUrl] = useState(sftpSources[0] ?? '');
  const [check, setCheck] = useState<{ url: string; answer: HostKeyCheck } | null>(null);
  const [checking, setChecking] = useState<{ busy: boolean; error: ApiCallError | null }>({ busy: false, error: null });
  const runCheck = async () => {
    setChecking({ busy: true, error: null });
    try {
      setCheck({ url: hostUrl, answer: await callOrThrow('checkHostKey', { url: hostUrl }) });
      setChecking({ busy: false, error: null });
    } catch (error) {
      setChecking({ busy: false, error: error as ApiCallError });
    }
  };
  const shown = trust.data ?? check?.answer;
  return (
    <div className="panel" data-testid="ssh-panel">
      <h2>SSH</h2>
      <div className="form-grid">
        <label htmlFor="ssh-key">Private key</label>
        <div className="row">
          <input id="ssh-key" className="grow" value={keyFile} placeholder="ssh-agent, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa" onChange={(e) => setKeyFile(e.target.value)} />
          <button className="btn" disabled={!canChange || setKey.isPending || keyFile === (settings.sshKeyFile ?? '')} onClick={() => setKey.mutate({ file: keyFile.trim() === '' ? null : keyFile.trim() })}>
            Save
          </button>
        </div>
        <span className="form-label">Known hosts</span>
        <span className="muted">{settings.knownHostsFiles.join(', ')}</span>
        <label htmlFor="host-url">Host key of</label>
        <div className="row">
          <input id="host-url" className="grow" list="sftp-source-urls" value={hostUrl} placeholder="sftp://user@host/path" onChange={(e) => { setHostUrl(e.target.value); setCheck(null); trust.reset(); }} />
          <datalist id="sftp-source-urls">
            {sftpSources.map((u) => (
              <option key={u} value={u} />
            ))}
          </datalist>
          <button className="btn" disabled={checking.busy || hostUrl.trim() === ''} onClick={() => { trust.reset(); void runCheck(); }}>
            {checking.busy ? 'Asking the host…' : 'Show its fingerprint'}
          </button>
        </div>
      </div>
      {setKey.error && <ErrorPanel error={setKey.error} title="Key not saved" />}
      {checking.error && <ErrorPanel error={checking.error} title="Could not reach the host" />}
      {trust.error && <ErrorPanel error={trust.error} title="Not trusted" />}
      {shown && <HostKeyAnswer check={shown} />}
      {check?.answer.kind === 'unknown' && !trust.data && (
        <button className="btn primary" disabled={!canChange || trust.isPending} onClick={() => trust.mutate({ url: check.url, fingerprint: check.answer.fingerprint })}>
          Trust {check.answer.fingerprint}
        </button>
      )}
    </div>
  );
}
